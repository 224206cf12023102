package dev.archway.gatewayapi.source;

/**
 * Input a source could not read, e.g. broken YAML: where it is and what is wrong. The source keeps
 * the last good content of that file, so one broken file does not take down what is serving.
 *
 * @param file the path as given
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param message names the field when there is one, e.g. {@code spec.listeners[0].port: ...}
 */
public record SourceProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        if (line <= 0) {
            return file + ": " + message;
        }
        return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
}
