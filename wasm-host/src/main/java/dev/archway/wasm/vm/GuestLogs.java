package dev.archway.wasm.vm;

import dev.archway.wasm.abi.LogLevel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where guest log lines go besides the gateway's log: listeners such as the plugin test kit.
 * Free when nobody listens.
 */
public final class GuestLogs {
    private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();

    private GuestLogs() {}

    /** One line a guest logged. */
    public record Line(String plugin, LogLevel level, String message) {}

    public interface Listener {
        void logged(Line line);
    }

    public static void listen(Listener listener) {
        LISTENERS.add(listener);
    }

    public static void unlisten(Listener listener) {
        LISTENERS.remove(listener);
    }

    static void record(String plugin, LogLevel level, String message) {
        if (!LISTENERS.isEmpty()) {
            Line line = new Line(plugin, level, message);
            LISTENERS.forEach(l -> l.logged(line));
        }
    }
}
