package dev.archway.wasm.abi;

import java.util.List;
import java.util.Map;

/**
 * What the host functions act on: one guest instance and whichever of its contexts is current.
 * Implemented by the VM; the host functions only decode arguments and encode answers, so the
 * semantics (which map, which buffer, what pausing means) live in one place.
 *
 * <p>Methods answering an {@code int} return a {@link WasmResult} code unless said otherwise.
 */
public interface GuestHost {

    GuestMemory memory();

    void log(LogLevel level, String message);

    LogLevel logLevel();

    /** Makes {@code contextId} current for the following calls; NOT_FOUND when it is unknown. */
    int setEffectiveContext(int contextId);

    /** The header map of {@code type} for the current context, or null when it has none now. */
    HeaderMapView headerMap(int type);

    /** The bytes of buffer {@code type} for the current context, or null when it has none now. */
    byte[] buffer(int type);

    /** Replaces {@code [start, start + length)} of buffer {@code type} with {@code data}. */
    int setBuffer(int type, int start, int length, byte[] data);

    /** The value of a property ({@code request.path}, {@code plugin_name}, ...), or null. */
    byte[] property(List<String> path);

    int setProperty(List<String> path, byte[] value);

    int sendLocalResponse(int status, String details, byte[] body, List<Map.Entry<String, String>> headers);

    int continueStream(int streamType);

    int closeStream(int streamType);

    /**
     * Starts a call to {@code cluster}; answers the token (&gt; 0), or a negated
     * {@link WasmResult} when it cannot start.
     */
    long httpCall(String cluster, List<Map.Entry<String, String>> headers, byte[] body, int timeoutMillis);

    int setTickPeriod(int millis);

    /** An item was added to a queue this instance registered; called on any thread, the host hops to its own. */
    void queueReady(int token);

    SharedStore shared();

    MetricStore metrics();

    /** {@code proxy_done}: the guest finished the work it deferred in {@code proxy_on_done}. */
    int done();
}
