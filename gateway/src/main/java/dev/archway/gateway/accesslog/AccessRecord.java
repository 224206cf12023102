package dev.archway.gateway.accesslog;

import java.time.Instant;

/**
 * What one finished request did.
 *
 * @param route the deterministic route name, or null when none matched
 * @param cluster the upstream cluster, or null when the request never went upstream
 * @param endpoint {@code host:port} of the upstream endpoint, or null
 * @param bytesReceived request body bytes read from the client
 * @param bytesSent response body bytes written to the client
 * @param outcome how the request ended: {@code upstream}, {@code local_reply}, {@code no_route},
 *     {@code filter_error}, {@code upstream_timeout}, {@code client_closed}, ...
 * @param filter the filter that replied or failed, or null
 * @param detail a short human explanation for non-upstream outcomes, or null
 * @param traceId the W3C trace id the request carried, or null
 * @param spanId the gateway's span id in that trace (the parent id the upstream saw), or null
 */
public record AccessRecord(Instant time, String protocol, String clientAddress, String method, String authority,
        String path, int status, String route, String cluster, String endpoint, long bytesReceived, long bytesSent,
        long durationMillis, String outcome, String filter, String detail, String traceId, String spanId) {

    /** The record as one line of JSON, fields in a fixed order, null fields left out. */
    public String toJson() {
        StringBuilder out = new StringBuilder(256).append('{');
        field(out, "time", time == null ? null : time.toString());
        field(out, "protocol", protocol);
        field(out, "client", clientAddress);
        field(out, "method", method);
        field(out, "authority", authority);
        field(out, "path", path);
        number(out, "status", status);
        field(out, "route", route);
        field(out, "cluster", cluster);
        field(out, "endpoint", endpoint);
        number(out, "bytes_received", bytesReceived);
        number(out, "bytes_sent", bytesSent);
        number(out, "duration_ms", durationMillis);
        field(out, "outcome", outcome);
        field(out, "filter", filter);
        field(out, "detail", detail);
        field(out, "trace_id", traceId);
        field(out, "span_id", spanId);
        return out.append('}').toString();
    }

    /**
     * The record as one line of text, in the order of Envoy's default format, {@code -} for
     * absent fields, quoted fields escaped as in JSON:
     * {@code [time] "METHOD path PROTOCOL" status outcome bytes_received bytes_sent duration_ms
     * "client" "authority" "route" "cluster" "endpoint" "filter" "trace_id"}.
     */
    public String toText() {
        StringBuilder out = new StringBuilder(256);
        out.append('[').append(time).append("] \"").append(method).append(' ');
        escaped(out, path);
        out.append(' ').append(protocol).append("\" ").append(status).append(' ').append(outcome).append(' ')
                .append(bytesReceived).append(' ').append(bytesSent).append(' ').append(durationMillis);
        for (String value : new String[] {clientAddress, authority, route, cluster, endpoint, filter, traceId}) {
            out.append(' ');
            if (value == null) {
                out.append('-');
            } else {
                quote(out, value);
            }
        }
        return out.toString();
    }

    /** {@code value} escaped as inside a JSON string, without the quotes. */
    private static void escaped(StringBuilder out, String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2);
        quote(quoted, value);
        out.append(quoted, 1, quoted.length() - 1);
    }

    private static void field(StringBuilder out, String name, String value) {
        if (value == null) {
            return;
        }
        separator(out).append('"').append(name).append("\":");
        quote(out, value);
    }

    private static void number(StringBuilder out, String name, long value) {
        separator(out).append('"').append(name).append("\":").append(value);
    }

    private static StringBuilder separator(StringBuilder out) {
        return out.length() > 1 ? out.append(',') : out;
    }

    /** JSON string escaping: quotes, backslashes and control characters (clients control paths). */
    static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
