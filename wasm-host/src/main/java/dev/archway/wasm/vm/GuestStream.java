package dev.archway.wasm.vm;

import dev.archway.wasm.abi.HeaderMapView;
import java.util.List;
import java.util.Map;

/** One HTTP exchange as a guest's stream context sees it; implemented by the filter. */
public interface GuestStream {
    /** The stream type {@link #close} gets when the guest failed (trap, runaway, exit). */
    int FAILED = -1;

    HeaderMapView requestHeaders();

    /** Null until the upstream answered. */
    HeaderMapView responseHeaders();

    /** The buffered request body, or null when the body is not (or not yet) available. */
    byte[] requestBody();

    /** Replaces part of the buffered request body; a {@code WasmResult}. */
    int setRequestBody(int start, int length, byte[] data);

    /** A request, response or connection property of this exchange, or null. */
    byte[] property(List<String> path);

    /** The guest answered locally ({@code proxy_send_local_response}). */
    void localReply(int status, String details, byte[] body, List<Map.Entry<String, String>> headers);

    /** The guest resumed a paused stream ({@link dev.archway.wasm.abi.AbiTypes#STREAM_REQUEST} or RESPONSE). */
    void resume(int streamType);

    /** The guest closed the stream. */
    void close(int streamType);
}
