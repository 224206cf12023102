package dev.archway.wasm.testing;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compiles the test modules written in WAT ({@code src/test/wat}) to {@code .wasm} files. */
public final class WatModules {
    private static final Path SOURCES = Path.of("src/test/wat");
    private static final Path OUT = Path.of("target/wat");

    private WatModules() {}

    /** Compiles {@code name}.wat and answers the path of the {@code .wasm} (absolute). */
    public static Path compile(String name) {
        try {
            byte[] wasm = Wat2Wasm.parse(SOURCES.resolve(name + ".wat").toFile());
            Files.createDirectories(OUT);
            Path file = OUT.resolve(name + ".wasm").toAbsolutePath();
            Files.write(file, wasm);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
