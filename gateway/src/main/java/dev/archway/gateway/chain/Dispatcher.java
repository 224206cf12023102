package dev.archway.gateway.chain;

import dev.archway.gateway.accesslog.AccessRecord;
import dev.archway.gateway.listener.SniKeyManager;
import dev.archway.gateway.metrics.RouteMeters;
import dev.archway.gateway.router.Hostnames;
import dev.archway.gateway.router.PortRouter;
import dev.archway.gateway.router.RequestPaths;
import dev.archway.gateway.router.RouteRequest;
import dev.archway.gateway.router.RouteSelection;
import dev.archway.gateway.trace.RequestTrace;
import dev.archway.gateway.trace.RequestTracing;
import dev.archway.gateway.trace.TraceContext;
import dev.archway.gateway.upstream.ProxyHeaders;
import dev.archway.gateway.upstream.RequestBody;
import dev.archway.gatewayapi.ir.ListenerIr;
import dev.archway.gatewayapi.ir.ListenerProtocol;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a request enters the data plane: routes it on its port's router and starts its
 * {@link Exchange}, or answers 404 (no listener, virtual host or route) or 421 (an HTTP/2
 * connection whose TLS server name belongs to another listener than the request's authority).
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private Dispatcher() {}

    /**
     * Serves {@code request}, received on a listener port whose router is {@code router} (null when
     * the port is no longer configured). Never throws.
     */
    public static void serve(HttpServerRequest request, PortRouter<BoundRoute> router, ExchangeEnv env) {
        long startNanos = System.nanoTime();
        Instant startTime = Instant.now();
        request.pause();
        boolean[] handedOver = {false};
        try {
            dispatch(request, router, env, startTime, startNanos, handedOver);
        } catch (Throwable t) {
            LOG.error("cannot dispatch {} {}", request.method(), request.uri(), t);
            if (!handedOver[0]) {
                env.inFlight().exit();
            }
            try {
                request.response().setStatusCode(500).end("internal error\n");
            } catch (Throwable ignored) {
                request.connection().close();
            }
        }
    }

    /**
     * Answers directly or hands the request to an {@link Exchange}; either way the runtime's
     * {@link InFlight} count is released exactly once when the answer is done ({@code handedOver}
     * tells the caller who owns that once an exception escapes).
     */
    private static void dispatch(HttpServerRequest request, PortRouter<BoundRoute> router, ExchangeEnv env,
            Instant startTime, long startNanos, boolean[] handedOver) {
        String authority = authorityOf(request);
        String host = Hostnames.hostOf(authority);
        String path = RequestPaths.normalize(request.path());
        String query = request.query();
        String method = request.method().name();
        if (path == null) {
            direct(request, env, unrouted(env, router, null), 400,
                    "invalid path: a dot segment hidden behind an encoded separator", authority, request.path(), null,
                    "bad_path", startTime, startNanos);
            return;
        }
        String framingProblem = framingProblem(request);
        if (framingProblem != null) {
            request.response().putHeader("connection", "close").endHandler(v -> request.connection().close());
            direct(request, env, unrouted(env, router, null), 501, framingProblem, authority, path, null, "bad_framing",
                    startTime, startNanos);
            return;
        }
        if (ProxyHeaders.isWebSocketUpgrade(request.headers()) && hasBody(request)) {
            // The body would reach the upstream as the first bytes of the tunnel.
            request.response().putHeader("connection", "close").endHandler(v -> request.connection().close());
            direct(request, env, unrouted(env, router, null), 400, "a WebSocket upgrade request must not have a body",
                    authority, path, null, "bad_upgrade", startTime, startNanos);
            return;
        }
        if (router == null) {
            direct(request, env, unrouted(env, router, null), 404, "no listener on this port", authority, path, null,
                    "no_route", startTime, startNanos);
            return;
        }
        RouteRequest routeRequest = new RouteRequest(host, method, path, query, request.headers());
        RouteSelection<BoundRoute> selection = router.select(routeRequest);
        if (isMisdirected(request, router, selection.listener())) {
            direct(request, env, unrouted(env, router, selection.listener()), 421, "misdirected request", authority, path,
                    null, "misdirected", startTime, startNanos);
            return;
        }
        if (!selection.matched()) {
            String why = selection.listener() == null ? "no listener for host " + host
                    : selection.virtualHost() == null ? "no route for host " + host : "no route matches";
            direct(request, env, unrouted(env, router, selection.listener()), 404, why, authority, path, null, "no_route",
                    startTime, startNanos);
            return;
        }
        BoundRoute route = selection.route().target();
        int port = router.port().port();
        // Hop-by-hop headers go before any filter runs: a client must not be able to delete, by
        // naming it in Connection, a header a filter sets.
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        ProxyHeaders.stripRequest(headers, ProxyHeaders.isWebSocketUpgrade(request.headers()));
        String scheme = request.scheme() == null ? "http" : request.scheme();
        String client = remoteAddressOf(request);
        // What a server span names is gathered only when spans are recorded: tracing off stays free.
        RequestTracing tracing = env.tracing();
        RequestTrace trace = tracing.begin(headers, tracing == RequestTracing.OFF ? null
                : new RequestTracing.RequestInfo(method, scheme, host, path, route.name(), client, protocolOf(request),
                        startTime.getEpochSecond() * 1_000_000_000L + startTime.getNano()));
        ExchangeRequestHead head = new ExchangeRequestHead(method, scheme, host, authority, path, query, headers, port,
                client, request.connection());
        Context context = Vertx.currentContext();
        RouteMeters meters = env.metrics().route(selection.listener(), route.name());
        Exchange exchange = new Exchange(env, request, route, meters, head, context, startTime, startNanos);
        exchange.trace(trace);
        handedOver[0] = true;
        exchange.start();
    }

    private static RouteMeters unrouted(ExchangeEnv env, PortRouter<BoundRoute> router, ListenerIr listener) {
        return env.metrics().unrouted(listener, router == null ? null : router.port().name());
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("content-length");
        return request.getHeader("transfer-encoding") != null || (length != null && !length.trim().equals("0"));
    }

    /**
     * HTTP/2 lets a client reuse a TLS connection for another host when the certificate covers it;
     * when the server name of the handshake chose another listener than the authority does, the
     * certificate and the listener's policy would not match what the client thinks: 421 tells it
     * to open a new connection (RFC 9110 section 15.5.20).
     */
    private static boolean isMisdirected(HttpServerRequest request, PortRouter<BoundRoute> router, ListenerIr byAuthority) {
        if (router.port().protocol() != ListenerProtocol.HTTPS || request.version() != HttpVersion.HTTP_2) {
            return false;
        }
        String serverName = request.connection().indicatedServerName();
        if (serverName == null) {
            // Certificates are chosen by SniKeyManager, so Vert.x's own SNI bookkeeping is off.
            serverName = SniKeyManager.serverNameOf(request.connection().sslSession());
        }
        if (serverName == null || serverName.isEmpty()) {
            return false;
        }
        ListenerIr bySni = router.listenerFor(Hostnames.normalize(serverName));
        return bySni != byAuthority;
    }

    /**
     * The HTTP decoder already rejects Content-Length with Transfer-Encoding and differing
     * Content-Lengths; what it lets through is a transfer coding other than a single
     * {@code chunked}, which the gateway cannot re-frame faithfully (RFC 9112 section 6.1: 501).
     */
    private static String framingProblem(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return null;
        }
        java.util.List<String> codings = request.headers().getAll("transfer-encoding");
        if (codings.isEmpty()) {
            return null;
        }
        if (codings.size() > 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")
                || request.version() == HttpVersion.HTTP_1_0) {
            return "transfer coding not supported: " + String.join(", ", codings);
        }
        return null;
    }

    /** How the client frames the request body (decided from the head, before any body is read). */
    static RequestBody.Framing framingOf(HttpServerRequest request) {
        if (request.headers().contains("content-length")) {
            return RequestBody.Framing.LENGTH;
        }
        if (request.version() != HttpVersion.HTTP_2) {
            // framingProblem() already turned away every coding but a single "chunked".
            return request.headers().contains("transfer-encoding") ? RequestBody.Framing.CHUNKED : RequestBody.Framing.NONE;
        }
        return request.isEnded() ? RequestBody.Framing.NONE : RequestBody.Framing.UNKNOWN;
    }

    /** The authority as the client sent it: the Host header for HTTP/1.x, {@code :authority} for HTTP/2. */
    static String authorityOf(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_2) {
            String host = request.headers().get("host");
            if (host != null) {
                return host;
            }
        }
        HostAndPort authority = request.authority();
        if (authority == null) {
            return "";
        }
        return authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
    }

    /** The trace id of a valid {@code traceparent}, for requests answered before any route matched. */
    private static String traceIdOf(HttpServerRequest request) {
        String value = request.getHeader(TraceContext.TRACEPARENT);
        if (value == null) {
            return null;
        }
        TraceContext trace = TraceContext.parse(value.trim());
        return trace == null ? null : trace.traceId();
    }

    static String remoteAddressOf(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        if (remote == null) {
            return null;
        }
        String ip = remote.hostAddress();
        return ip != null ? ip : remote.host();
    }

    static String protocolOf(HttpServerRequest request) {
        HttpVersion version = request.version();
        if (version == null) {
            return null;
        }
        return switch (version) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
    }

    /** A reply made before any route matched: no filters, just the answer and the log line. */
    private static void direct(HttpServerRequest request, ExchangeEnv env, RouteMeters meters, int status, String text,
            String authority, String path, String route, String outcome, Instant startTime, long startNanos) {
        HttpServerResponse response = request.response();
        response.setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8");
        // Drain whatever body the client sends so that a keep-alive connection stays usable.
        request.handler(chunk -> { });
        request.resume();
        String body = text + "\n";
        response.end(body).onComplete(ar -> {
            env.inFlight().exit();
            env.accessLog().log(new AccessRecord(startTime, protocolOf(request), remoteAddressOf(request),
                    request.method().name(), authority, request.query() == null ? path : path + "?" + request.query(),
                    status, route, null, null, 0, request.method().name().equals("HEAD") ? 0 : body.length(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), outcome, null, text,
                    traceIdOf(request), null));
            meters.record(status, System.nanoTime() - startNanos);
        });
    }
}
