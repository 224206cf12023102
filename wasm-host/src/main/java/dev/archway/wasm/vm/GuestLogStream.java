package dev.archway.wasm.vm;

import dev.archway.wasm.abi.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A guest's WASI stdout or stderr, logged line by line (lines capped at 4 KiB). */
final class GuestLogStream extends OutputStream {
    private static final int MAX_LINE = 4096;
    private final PluginVm vm;
    private final LogLevel level;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    GuestLogStream(PluginVm vm, LogLevel level) {
        this.vm = vm;
        this.level = level;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            flush();
        } else if (line.size() < MAX_LINE) {
            line.write(b);
        }
    }

    @Override
    public void flush() {
        if (line.size() > 0) {
            vm.log(level, line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
