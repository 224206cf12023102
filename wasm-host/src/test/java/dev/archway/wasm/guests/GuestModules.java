package dev.archway.wasm.guests;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the build puts the guest modules, by name. Each module is {@code <name>.wasm} in the
 * directory named by the system property {@value #DIRECTORY_PROPERTY} (set by the build; a run
 * from an IDE falls back to {@code target/wasm}), compiled by npm in the
 * {@code generate-test-resources} phase.
 */
public final class GuestModules {
    /** The system property that names the directory of built modules. */
    public static final String DIRECTORY_PROPERTY = "archway.wasm.guests";

    /** The plugin author example ({@code examples/add-header}); root id {@code add_header}. */
    public static final String ADD_HEADER = "add_header";
    /** Root ids {@code headers} (header maps, local reply, logging) and {@code properties}. */
    public static final String HEADERS = "headers";
    /** Root id {@code http_call}: pauses the request on an HTTP call, resumes on its answer. */
    public static final String HTTP_CALL = "http_call";
    /** Root ids {@code counter} (shared data, tick), {@code queue} and {@code metrics}. */
    public static final String STATE = "state";
    /** Root id {@code body}: buffers the request body, rejects it with 400 or 413. */
    public static final String BODY = "body";
    /** Root id {@code crash}: traps or aborts on demand. */
    public static final String CRASH = "crash";

    /** Every module the build produces. */
    public static final List<String> ALL = List.of(ADD_HEADER, HEADERS, HTTP_CALL, STATE, BODY, CRASH);

    private GuestModules() {}

    /** The directory holding the built {@code .wasm} files. */
    public static Path directory() {
        return Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/wasm"));
    }

    /** The path of a built module; fails with what to do when the build has not produced it. */
    public static Path path(String module) {
        requireNonNull(module, "module");
        Path path = directory().resolve(module + ".wasm");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(module + ": " + path + " does not exist (expected: compiled from"
                    + " AssemblyScript by npm in the generate-test-resources phase; run the module's Maven build"
                    + " with Node.js and npm on the PATH)");
        }
        return path;
    }

    /** The bytes of a built module. */
    public static byte[] bytes(String module) {
        try {
            return Files.readAllBytes(path(module));
        } catch (IOException e) {
            throw new UncheckedIOException(module + ": cannot read " + path(module), e);
        }
    }
}
