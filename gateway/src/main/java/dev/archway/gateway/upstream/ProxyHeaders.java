package dev.archway.gateway.upstream;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;

/**
 * Header rules of a proxy (RFC 9110 section 7.6): hop-by-hop headers describe one connection and
 * never cross the gateway; the {@code X-Forwarded-*} headers tell the upstream who asked.
 */
public final class ProxyHeaders {
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "trailer");

    private ProxyHeaders() {}

    /**
     * Removes hop-by-hop headers from request headers in place. {@code TE: trailers} survives (gRPC
     * needs it); for a WebSocket upgrade {@code Upgrade} and {@code Connection: upgrade} survive.
     */
    public static void stripRequest(MultiMap headers, boolean webSocketUpgrade) {
        String te = headers.get("te");
        stripListedInConnection(headers, webSocketUpgrade);
        for (String name : HOP_BY_HOP) {
            if (webSocketUpgrade && (name.equals("upgrade") || name.equals("connection"))) {
                continue;
            }
            headers.remove(name);
        }
        headers.remove("te");
        if (te != null && containsToken(te, "trailers")) {
            headers.set("te", "trailers");
        }
        if (webSocketUpgrade) {
            headers.set("connection", "Upgrade");
        }
        // The gateway answered any 100-continue itself; the upstream gets the body right away.
        headers.remove("expect");
    }

    /** Removes hop-by-hop headers from upstream response headers or trailers, in place. */
    public static void stripResponse(MultiMap headers) {
        stripResponse(headers, false);
    }

    /**
     * Like {@link #stripResponse(MultiMap)}; for a {@code 101} answer to a WebSocket upgrade
     * ({@code switching}) {@code Upgrade} and {@code Connection: Upgrade} stay.
     */
    public static void stripResponse(MultiMap headers, boolean switching) {
        String upgrade = headers.get("upgrade");
        stripListedInConnection(headers, switching);
        HOP_BY_HOP.forEach(headers::remove);
        headers.remove("te");
        if (switching) {
            headers.set("upgrade", upgrade == null ? "websocket" : upgrade);
            headers.set("connection", "Upgrade");
        }
    }

    /** Headers that describe the message itself; a Connection token never removes them. */
    private static final java.util.Set<String> NEVER_LISTED = java.util.Set.of("content-length", "host", "te");

    private static void stripListedInConnection(MultiMap headers, boolean keepUpgrade) {
        for (String value : headers.getAll("connection")) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !NEVER_LISTED.contains(name) && !(keepUpgrade && name.equals("upgrade"))) {
                    headers.remove(name);
                }
            }
        }
    }

    /**
     * Adds {@code X-Forwarded-For} (appended), {@code X-Forwarded-Proto} and
     * {@code X-Forwarded-Host} (both set: at the edge, what the client claims is not trusted).
     */
    public static void addForwarded(MultiMap headers, String clientIp, String scheme, String originalAuthority) {
        if (clientIp != null) {
            String previous = headers.get("x-forwarded-for");
            headers.set("x-forwarded-for", previous == null || previous.isBlank() ? clientIp : previous + ", " + clientIp);
        }
        headers.set("x-forwarded-proto", scheme);
        if (originalAuthority != null && !originalAuthority.isEmpty()) {
            headers.set("x-forwarded-host", originalAuthority);
        }
    }

    /** Whether {@code headers} ask for a WebSocket upgrade (HTTP/1.1 {@code Upgrade: websocket}). */
    public static boolean isWebSocketUpgrade(MultiMap headers) {
        String upgrade = headers.get("upgrade");
        if (upgrade == null || !containsToken(upgrade, "websocket")) {
            return false;
        }
        for (String connection : headers.getAll("connection")) {
            if (containsToken(connection, "upgrade")) {
                return true;
            }
        }
        return false;
    }

    static boolean containsToken(String value, String token) {
        for (String part : value.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
