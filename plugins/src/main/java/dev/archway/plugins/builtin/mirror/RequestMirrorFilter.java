package dev.archway.plugins.builtin.mirror;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.RequestMirrorConfig;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.RequestHead;
import dev.archway.plugins.spi.UpstreamClient;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Mirrors a share of requests. The filter instance serves all event loops, so per-request state
 * lives in the {@link MirrorCopy} captured by that request's body observer, and the counters are
 * {@link LongAdder}s.
 */
final class RequestMirrorFilter implements HttpFilter {
    /** A mirror is best effort: bodies above this are not held in memory for it. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /**
     * Headers that describe one connection or one framing, not the request: the client of the
     * mirror call frames the buffered body itself and sets Host from the authority.
     */
    private static final List<String> NOT_COPIED = List.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length", "host");

    private final RequestMirrorConfig config;
    private final UpstreamClient upstreams;
    final LongAdder sent = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder droppedTooLarge = new LongAdder();

    RequestMirrorFilter(RequestMirrorConfig config, UpstreamClient upstreams) {
        this.config = requireNonNull(config, "config");
        this.upstreams = requireNonNull(upstreams, "upstreams");
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        if (!sampled()) {
            return FilterStep.next();
        }
        // Taken now, so the copy carries the changes of the filters before this one and none after.
        RequestHead request = ctx.request();
        String target = request.query() == null ? request.path() : request.path() + "?" + request.query();
        MirrorCopy copy = new MirrorCopy(this, request.method(), request.authority(), target,
                copyHeaders(request.headers()));
        ctx.observeRequestBody(copy::append, ignored -> copy.end());
        return FilterStep.next();
    }

    private boolean sampled() {
        int numerator = config.numerator();
        if (numerator <= 0) {
            return false;
        }
        if (numerator >= config.denominator()) {
            return true;
        }
        return ThreadLocalRandom.current().nextInt(config.denominator()) < numerator;
    }

    private static MultiMap copyHeaders(MultiMap headers) {
        MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        // Headers named in Connection are hop-by-hop too (RFC 9110 section 7.6.1).
        for (String listed : headers.getAll("connection")) {
            for (String name : listed.split(",")) {
                copy.remove(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        NOT_COPIED.forEach(copy::remove);
        return copy;
    }

    /** Sends a finished copy; whatever happens to it is only counted. */
    void send(MirrorCopy copy) {
        try {
            upstreams.send(config.cluster(), copy.method(), copy.authority(), copy.target(), copy.headers(), copy.body())
                    .onComplete(result -> (result.succeeded() ? sent : failed).increment());
        } catch (RuntimeException e) {
            // A misbehaving client must not turn the mirror into a failure of the real request.
            failed.increment();
        }
    }
}
