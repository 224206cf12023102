package dev.archway.wasm.filter;

import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.wasm.abi.HeaderMapView;
import dev.archway.wasm.abi.WasmResult;
import dev.archway.wasm.vm.GuestStream;
import dev.archway.wasm.vm.PluginVm;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One exchange through one Wasm plugin: the guest's stream context. Turns what the guest did
 * during a callback (answered locally, paused, resumed, failed) into the filter step the chain
 * understands. Lives on the exchange's event loop only.
 */
final class WasmStream implements GuestStream {
    /** What {@code proxy_close_stream} answers: the guest ended the exchange without a reply of its own. */
    static final int CLOSED_STATUS = 503;

    private final HttpFilterContext ctx;
    private final PluginVm vm;
    private final boolean failOpen;
    private final String pluginName;
    private RequestHeaderMap requestHeaders;
    private ResponseHeaderMap responseHeaders;
    private boolean responseStarted;
    private Buffer requestBody;
    int id;
    /** What the guest decided during the current callback, or while paused. */
    private FilterStep outcome;
    private Promise<FilterStep> paused;
    private boolean finished;

    WasmStream(HttpFilterContext ctx, PluginVm vm, boolean failOpen, String pluginName) {
        this.ctx = ctx;
        this.vm = vm;
        this.failOpen = failOpen;
        this.pluginName = pluginName;
    }

    PluginVm vm() {
        return vm;
    }

    RequestHeaderMap requestHeaderMap() {
        if (requestHeaders == null) {
            requestHeaders = new RequestHeaderMap(ctx.request());
        }
        return requestHeaders;
    }

    ResponseHeaderMap responseHeaderMap() {
        responseStarted = true;
        if (responseHeaders == null) {
            responseHeaders = new ResponseHeaderMap(ctx.response());
        }
        return responseHeaders;
    }

    void requestBody(Buffer body) {
        this.requestBody = body;
    }

    Buffer requestBodyBuffer() {
        return requestBody;
    }

    /**
     * The step after a callback answered {@code action}: a reply the guest made wins, then a
     * pause (unless the guest already resumed), else next.
     */
    FilterStep afterCallback(int action) {
        if (outcome != null) {
            FilterStep step = outcome;
            outcome = null;
            return step;
        }
        if (action == dev.archway.wasm.abi.AbiTypes.ACTION_CONTINUE) {
            return FilterStep.next();
        }
        paused = Promise.promise();
        return FilterStep.await(paused.future());
    }

    /** The guest failed: 500, or on with the next filter when the plugin fails open. */
    static FilterStep failureStep(boolean failOpen, String pluginName) {
        return failOpen ? FilterStep.next()
                : FilterStep.reply(LocalReply.text(500, "wasm plugin " + pluginName + " failed"));
    }

    boolean finished() {
        return finished;
    }

    void finish() {
        finished = true;
        if (paused != null) {
            // The exchange ended while the guest held it (client gone, timeout): nothing waits any more.
            paused.tryFail("exchange ended");
            paused = null;
        }
    }

    private void decide(FilterStep step) {
        if (paused != null) {
            Promise<FilterStep> waiting = paused;
            paused = null;
            waiting.tryComplete(step);
        } else if (outcome == null || step instanceof FilterStep.Reply) {
            outcome = step;
        }
    }

    // ---- GuestStream ----

    @Override
    public HeaderMapView requestHeaders() {
        return requestHeaderMap();
    }

    @Override
    public HeaderMapView responseHeaders() {
        return responseStarted ? responseHeaderMap() : null;
    }

    @Override
    public byte[] requestBody() {
        return requestBody == null ? null : requestBody.getBytes();
    }

    @Override
    public int setRequestBody(int start, int length, byte[] data) {
        if (requestBody == null) {
            return WasmResult.NOT_FOUND;
        }
        byte[] current = requestBody.getBytes();
        if (start < 0 || length < 0 || start > current.length) {
            return WasmResult.BAD_ARGUMENT;
        }
        int end = Math.min(current.length, start + length);
        Buffer replaced = Buffer.buffer(current.length - (end - start) + data.length)
                .appendBytes(current, 0, start).appendBytes(data).appendBytes(current, end, current.length - end);
        requestBody = replaced;
        ctx.replaceRequestBody(replaced);
        return WasmResult.OK;
    }

    @Override
    public byte[] property(List<String> path) {
        var request = ctx.request();
        String name = String.join(".", path);
        String value = switch (name) {
            case "request.path" -> request.query() == null || request.query().isEmpty() ? request.path()
                    : request.path() + "?" + request.query();
            case "request.url_path" -> request.path();
            case "request.host" -> request.authority();
            case "request.scheme" -> request.scheme();
            case "request.method" -> request.method();
            case "request.query" -> request.query() == null ? "" : request.query();
            case "request.id" -> request.headers().get("x-request-id");
            case "request.useragent" -> request.headers().get("user-agent");
            case "request.referer" -> request.headers().get("referer");
            case "source.address" -> request.remoteAddress();
            case "route_name", "xds.route_name" -> ctx.routeName();
            case "connection.subject_peer_certificate" -> verifiedPeer() == null ? null : verifiedPeer().subject();
            case "connection.uri_san_peer_certificate" -> verifiedPeer() == null || verifiedPeer().uriSans().isEmpty()
                    ? null : verifiedPeer().uriSans().get(0);
            case "connection.dns_san_peer_certificate" -> verifiedPeer() == null || verifiedPeer().dnsSans().isEmpty()
                    ? null : verifiedPeer().dnsSans().get(0);
            default -> null;
        };
        if (value != null) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        return switch (name) {
            case "destination.port" -> int64(request.listenerPort());
            // Envoy's rule: true when the client presented a certificate the listener verified.
            case "connection.mtls" -> new byte[] {(byte) (verifiedPeer() != null ? 1 : 0)};
            case "response.code" -> ctx.response().status() == 0 ? null : int64(ctx.response().status());
            default -> null;
        };
    }

    /**
     * The client's certificate when the listener verified it; an unverified one (AllowInsecureFallback)
     * names nobody, so a guest cannot authorize on it by mistake.
     */
    private dev.archway.plugins.spi.ClientCertificate verifiedPeer() {
        var certificate = ctx.request().clientCertificate();
        return certificate != null && certificate.verified() ? certificate : null;
    }

    /** Envoy hands integer properties over as 8 little-endian bytes. */
    private static byte[] int64(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    @Override
    public void localReply(int status, String details, byte[] body, List<Map.Entry<String, String>> headers) {
        MultiMap replyHeaders = MultiMap.caseInsensitiveMultiMap();
        headers.forEach(h -> replyHeaders.add(h.getKey(), h.getValue()));
        decide(FilterStep.reply(new LocalReply(status, replyHeaders, Buffer.buffer(body))));
    }

    @Override
    public void resume(int streamType) {
        if (paused != null) {
            decide(FilterStep.next());
        }
    }

    @Override
    public void close(int streamType) {
        if (streamType == FAILED) {
            decide(failureStep(failOpen, pluginName));
        } else {
            decide(FilterStep.reply(LocalReply.text(CLOSED_STATUS, "closed by wasm plugin " + pluginName)));
        }
    }
}
