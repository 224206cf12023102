package dev.archway.wasm.filter;

import dev.archway.gatewayapi.ir.filters.WasmFilterConfig;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.AttributeKey;
import dev.archway.plugins.spi.BodyMode;
import dev.archway.plugins.spi.FilterMetrics;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.UpstreamClient;
import dev.archway.wasm.vm.GuestFailure;
import dev.archway.wasm.vm.PluginVm;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxy-wasm plugin as a filter: each exchange becomes a stream context of the instance on its
 * event loop, and each phase the matching guest callback. A guest failure fails only that
 * exchange (500, or skipped when {@code failOpen}), is counted, and the instance is rebuilt.
 */
final class WasmFilter implements HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(WasmFilter.class);

    private final WasmFilterConfig config;
    private final SharedResources.Lease<VmPool> pool;
    private final UpstreamClient upstreams;
    private final FilterMetrics metrics;
    /** Per filter, not static: two Wasm filters on one route keep separate streams. */
    private final AttributeKey<WasmStream> streamKey;

    WasmFilter(WasmFilterConfig config, SharedResources.Lease<VmPool> pool, UpstreamClient upstreams,
            FilterMetrics metrics) {
        this.config = config;
        this.pool = pool;
        this.upstreams = upstreams;
        this.metrics = metrics;
        this.streamKey = AttributeKey.of("wasm:" + config.pluginName(), WasmStream.class);
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        PluginVm vm;
        try {
            vm = pool.value().vmFor(ctx.eventLoop(), upstreams);
        } catch (GuestFailure e) {
            return failed(e);
        }
        WasmStream stream = new WasmStream(ctx, vm, config.failOpen(), config.pluginName());
        ctx.attributes().set(streamKey, stream);
        try {
            stream.id = vm.createStream(stream);
            // With the body buffered for the guest, more follows the headers exactly when a body does.
            int action = vm.onRequestHeaders(stream.id, stream.requestHeaderMap().size(),
                    !(config.bufferRequestBody() && hasBody(ctx)));
            return counted(stream.afterCallback(action));
        } catch (GuestFailure e) {
            stream.finish();
            return failed(e);
        }
    }

    @Override
    public FilterStep onRequestBody(HttpFilterContext ctx, Buffer body) {
        WasmStream stream = ctx.attributes().get(streamKey);
        if (stream == null || stream.finished() || stream.vm().failed()) {
            return FilterStep.next();
        }
        stream.requestBody(body);
        try {
            int action = stream.vm().onRequestBody(stream.id, body.length(), true);
            return counted(stream.afterCallback(action));
        } catch (GuestFailure e) {
            return failed(e);
        }
    }

    @Override
    public FilterStep onResponseHeaders(HttpFilterContext ctx) {
        WasmStream stream = ctx.attributes().get(streamKey);
        if (stream == null || stream.finished() || stream.vm().failed()) {
            return FilterStep.next();
        }
        try {
            int action = stream.vm().onResponseHeaders(stream.id, stream.responseHeaderMap().size(), false);
            return stream.afterCallback(action);
        } catch (GuestFailure e) {
            return failed(e);
        }
    }

    @Override
    public void onComplete(HttpFilterContext ctx) {
        WasmStream stream = ctx.attributes().get(streamKey);
        if (stream == null || stream.finished()) {
            return;
        }
        stream.finish();
        try {
            stream.vm().finishStream(stream.id);
        } catch (GuestFailure e) {
            metrics.failed("guest_error");
            LOG.warn("{}", e.getMessage());
        }
    }

    VmPool poolForTests() {
        return pool.value();
    }

    @Override
    public BodyMode requestBodyMode() {
        return config.bufferRequestBody() ? BodyMode.BUFFER : BodyMode.STREAM;
    }

    @Override
    public void close() {
        pool.release();
    }

    private FilterStep counted(FilterStep step) {
        if (step instanceof FilterStep.Reply) {
            metrics.denied("local_reply");
        } else if (step instanceof FilterStep.Next) {
            metrics.allowed();
        }
        return step;
    }

    private FilterStep failed(GuestFailure e) {
        metrics.failed("guest_error");
        LOG.warn("{}{}", e.getMessage(), config.failOpen() ? " (failOpen: the filter is skipped)" : "");
        return WasmStream.failureStep(config.failOpen(), config.pluginName());
    }

    /** Whether a request body follows the headers (the guest's end_of_stream is its negation). */
    private static boolean hasBody(HttpFilterContext ctx) {
        var headers = ctx.request().headers();
        String length = headers.get("content-length");
        return headers.contains("transfer-encoding") || (length != null && !length.trim().equals("0"));
    }
}
