package dev.archway.wasm.vm;

import dev.archway.plugins.spi.UpstreamClient;
import dev.archway.wasm.abi.HeaderMapView;
import dev.archway.wasm.abi.WasmResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest's outgoing calls ({@code proxy_http_call}) of one instance: sent to a cluster of the
 * serving snapshot through the gateway's pools, answered with
 * {@code proxy_on_http_call_response} on the instance's event loop. While that callback runs, the
 * answer is readable as header map 6 and buffer 4; a failed or timed-out call is delivered with no
 * headers and no body, as Envoy does.
 */
final class HttpCalls {
    private static final int DEFAULT_TIMEOUT_MILLIS = 5000;

    private final PluginVm vm;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private int nextToken = 1;
    private ResponseMap responseHeaders;
    private byte[] responseBody;

    HttpCalls(PluginVm vm) {
        this.vm = vm;
    }

    private record Pending(int origin, long timer) {}

    long start(String cluster, List<Map.Entry<String, String>> headers, byte[] body, int timeoutMillis) {
        String method = null;
        String path = null;
        String authority = null;
        MultiMap outgoing = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : headers) {
            switch (header.getKey().toLowerCase(java.util.Locale.ROOT)) {
                case ":method" -> method = header.getValue();
                case ":path" -> path = header.getValue();
                case ":authority", "host" -> authority = header.getValue();
                default -> {
                    if (!header.getKey().startsWith(":")) {
                        outgoing.add(header.getKey(), header.getValue());
                    }
                }
            }
        }
        // Envoy refuses a call without these three; so do we, before anything is sent.
        if (method == null || path == null || authority == null || cluster.isEmpty()) {
            return -WasmResult.BAD_ARGUMENT;
        }
        int token = nextToken++;
        int timeout = timeoutMillis > 0 ? timeoutMillis : DEFAULT_TIMEOUT_MILLIS;
        long timer = vm.context().owner().setTimer(timeout, id -> vm.onLoop(() -> deliver(token, null)));
        pending.put(token, new Pending(vm.currentContext(), timer));
        vm.upstreams().send(cluster, method, authority, path, outgoing, Buffer.buffer(body))
                .onComplete(ar -> vm.onLoop(() -> deliver(token, ar.succeeded() ? ar.result() : null)));
        return token;
    }

    /** Hands the answer (null: failed or timed out) to the guest, once per token. */
    private void deliver(int token, UpstreamClient.UpstreamResponse answer) {
        Pending call = pending.remove(token);
        if (call == null || vm.failed()) {
            return;
        }
        vm.context().owner().cancelTimer(call.timer());
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        byte[] body = new byte[0];
        if (answer != null) {
            pairs.add(Map.entry(":status", Integer.toString(answer.status())));
            answer.headers().forEach(h -> pairs.add(Map.entry(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue())));
            body = answer.body() == null ? body : answer.body().getBytes();
        }
        // The stream that made the call is current during the callback (if it still exists), so
        // a guest that continues or answers its request without proxy_set_effective_context works.
        int origin = vm.stream(call.origin()) != null ? call.origin() : PluginVm.ROOT;
        responseHeaders = new ResponseMap(pairs);
        responseBody = body;
        int headerCount = answer == null ? 0 : pairs.size();
        int bodySize = body.length;
        try {
            vm.runCallback(() -> {
                if (vm.export("proxy_on_http_call_response") != null) {
                    vm.call(origin, "proxy_on_http_call_response", PluginVm.ROOT, token, headerCount, bodySize, 0);
                }
            });
        } finally {
            responseHeaders = null;
            responseBody = null;
        }
        if (vm.failed()) {
            GuestStream stream = vm.stream(call.origin());
            if (stream != null) {
                stream.close(-1);
            }
        }
    }

    HeaderMapView responseHeaders() {
        return responseHeaders;
    }

    byte[] responseBody() {
        return responseBody;
    }

    void cancelAll() {
        pending.values().forEach(p -> vm.context().owner().cancelTimer(p.timer()));
        pending.clear();
    }

    /** The call's answer headers: read-only. */
    private record ResponseMap(List<Map.Entry<String, String>> pairs) implements HeaderMapView {
        @Override
        public String get(String name) {
            for (Map.Entry<String, String> pair : pairs) {
                if (pair.getKey().equalsIgnoreCase(name)) {
                    return pair.getValue();
                }
            }
            return null;
        }

        @Override
        public boolean writable() {
            return false;
        }

        @Override
        public void setPairs(List<Map.Entry<String, String>> pairs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(String name, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replace(String name, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String name) {
            throw new UnsupportedOperationException();
        }
    }
}
