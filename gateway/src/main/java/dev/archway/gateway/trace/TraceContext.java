package dev.archway.gateway.trace;

import io.vertx.core.MultiMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A request's W3C trace context ({@code traceparent}) as the gateway continues it: the trace id
 * and flags of the caller, and a span id of the gateway's own, which becomes the parent id the
 * upstream sees. The gateway is a hop of the trace, so the upstream's span hangs under the
 * gateway's, not under the client's; {@code tracestate} passes through untouched.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId the gateway's span id, 16 lower-case hex digits
 * @param parentId the caller's span id
 * @param flags the trace flags, 2 hex digits (01: sampled)
 */
public record TraceContext(String traceId, String spanId, String parentId, String flags) {
    public static final String TRACEPARENT = "traceparent";
    private static final int V00_LENGTH = 55;

    /**
     * Reads the caller's {@code traceparent} and, when it is valid, sets the one the upstream
     * gets; answers the context, or null when the request has none or an invalid one (which is
     * then forwarded as it came: the gateway does not start traces of its own yet).
     */
    public static TraceContext continueFrom(MultiMap headers) {
        String value = headers.get(TRACEPARENT);
        if (value == null) {
            return null;
        }
        TraceContext parsed = parse(value.trim());
        if (parsed != null) {
            headers.set(TRACEPARENT, parsed.header());
        }
        return parsed;
    }

    /** The header value for the upstream: version 00, our span as the parent. */
    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    /**
     * Parses a {@code traceparent} value with a new span id, or null when invalid: version 00
     * exactly 55 characters; a higher version (not ff) at least that, with a '-' after the flags
     * when longer, read as 00 (the W3C rule for versions a reader does not know).
     */
    public static TraceContext parse(String value) {
        if (value.length() < V00_LENGTH || !hex(value, 0, 2)) {
            return null;
        }
        String version = value.substring(0, 2);
        if (version.equals("ff") || (version.equals("00") && value.length() != V00_LENGTH)) {
            return null;
        }
        if (value.length() > V00_LENGTH && value.charAt(V00_LENGTH) != '-') {
            return null;
        }
        if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return null;
        }
        String traceId = value.substring(3, 35);
        String parentId = value.substring(36, 52);
        String flags = value.substring(53, 55);
        if (!hex(traceId, 0, 32) || !hex(parentId, 0, 16) || !hex(flags, 0, 2) || zero(traceId) || zero(parentId)) {
            return null;
        }
        return new TraceContext(traceId, newSpanId(), parentId, flags);
    }

    /** A random non-zero span id. */
    static String newSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        String hex = Long.toHexString(id);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** Lower-case hex only: W3C forbids upper case in traceparent. */
    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zero(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
