package dev.archway.gatewayapi.graphql;

/** A template that cannot be parsed; {@link #column()} is 1-based within the template. */
public final class TemplateException extends Exception {
    private final int column;

    public TemplateException(String message, int column) {
        super(message);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
