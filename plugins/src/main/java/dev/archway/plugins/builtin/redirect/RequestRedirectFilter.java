package dev.archway.plugins.builtin.redirect;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.RequestRedirectConfig;
import dev.archway.plugins.builtin.internal.PathRewriter;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.spi.RequestHead;
import java.util.Locale;

/** Answers every request with a redirect; the upstream is never called. */
final class RequestRedirectFilter implements HttpFilter {
    private final RequestRedirectConfig config;
    private final String scheme;

    RequestRedirectFilter(RequestRedirectConfig config) {
        this.config = requireNonNull(config, "config");
        this.scheme = config.scheme() == null ? null : config.scheme().toLowerCase(Locale.ROOT);
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        LocalReply reply = LocalReply.of(config.statusCode());
        reply.headers().set("location", location(ctx.request())).set("content-length", "0");
        return FilterStep.reply(reply);
    }

    /** The absolute Location: each part from the config when set, else from the request. */
    String location(RequestHead request) {
        String targetScheme = scheme != null ? scheme : request.scheme();
        String host = config.hostname() != null ? config.hostname() : request.host();
        int port = port(request);
        StringBuilder location = new StringBuilder(64).append(targetScheme).append("://");
        // A bare IPv6 literal needs brackets, or its colons would read as a port.
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            location.append('[').append(host).append(']');
        } else {
            location.append(host);
        }
        if (!isDefaultPort(targetScheme, port)) {
            location.append(':').append(port);
        }
        location.append(PathRewriter.rewrite(config.path(), request.path()));
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            location.append('?').append(query);
        }
        return location.toString();
    }

    /**
     * The spec's rule: the configured port; else, when the scheme is configured, that scheme's
     * well-known port (an http-to-https redirect must not keep port 80); else the listener's port.
     */
    private int port(RequestHead request) {
        if (config.port() != null) {
            return config.port();
        }
        if (scheme != null) {
            int wellKnown = wellKnownPort(scheme);
            return wellKnown > 0 ? wellKnown : request.listenerPort();
        }
        return request.listenerPort();
    }

    private static int wellKnownPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    private static boolean isDefaultPort(String scheme, int port) {
        return port == wellKnownPort(scheme.toLowerCase(Locale.ROOT));
    }
}
