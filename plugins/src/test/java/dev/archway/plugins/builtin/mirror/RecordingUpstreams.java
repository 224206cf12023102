package dev.archway.plugins.builtin.mirror;

import dev.archway.plugins.spi.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stands in for the gateway's upstream pools, which the gateway's own end-to-end tests cover: it
 * records each call the mirror makes and answers as the test says, so the mirror's decisions
 * (what is copied, when it is sent, what happens on failure) are tested without sockets.
 */
final class RecordingUpstreams implements UpstreamClient {

    record Call(String cluster, String method, String authority, String pathAndQuery, MultiMap headers, Buffer body) {}

    final List<Call> calls = new ArrayList<>();
    private Supplier<Future<UpstreamResponse>> answer =
            () -> Future.succeededFuture(new UpstreamResponse(200, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer()));

    RecordingUpstreams answering(Supplier<Future<UpstreamResponse>> answer) {
        this.answer = answer;
        return this;
    }

    @Override
    public Future<UpstreamResponse> send(String cluster, String method, String authority, String pathAndQuery,
            MultiMap headers, Buffer body) {
        calls.add(new Call(cluster, method, authority, pathAndQuery, headers, body));
        return answer.get();
    }
}
