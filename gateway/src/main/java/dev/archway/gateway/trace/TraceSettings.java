package dev.archway.gateway.trace;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where and how spans are exported: an OTLP collector (OpenTelemetry protocol) reached over
 * HTTP with protobuf bodies or over gRPC.
 *
 * @param endpoint the collector; for {@code http/protobuf} the full URL of the traces resource
 * @param protocol how spans are sent
 * @param sampling the share of new traces recorded, 0 to 1; a caller's sampled flag is followed
 * @param serviceName {@code service.name} of the spans
 * @param headers sent with every export (an API key, say)
 */
public record TraceSettings(URI endpoint, Protocol protocol, double sampling, String serviceName,
        Map<String, String> headers) {

    /** The OTLP transports, named as {@code OTEL_EXPORTER_OTLP_PROTOCOL} names them. */
    public enum Protocol {
        HTTP_PROTOBUF("http/protobuf"), GRPC("grpc");

        private final String text;

        Protocol(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** @throws IllegalArgumentException naming the accepted values */
        public static Protocol parse(String value) {
            for (Protocol protocol : values()) {
                if (protocol.text.equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return protocol;
                }
            }
            throw new IllegalArgumentException("--otlp-protocol: '" + value + "' (expected: http/protobuf or grpc)");
        }
    }

    public TraceSettings {
        requireNonNull(endpoint, "endpoint");
        requireNonNull(protocol, "protocol");
        requireNonNull(serviceName, "serviceName");
        if (!(sampling >= 0 && sampling <= 1)) {
            throw new IllegalArgumentException("--trace-sampling: " + sampling + " (expected: 0 to 1)");
        }
        if (serviceName.isBlank()) {
            throw new IllegalArgumentException("--trace-service-name: empty (expected: a name such as archway)");
        }
        headers = Map.copyOf(headers);
    }

    /**
     * Settings from the command line's values.
     *
     * @param endpoint an http(s) URL; for http/protobuf a URL without a path gets
     *     {@code /v1/traces}, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} does
     * @param headers {@code NAME=VALUE} each
     * @throws IllegalArgumentException naming the option and what was expected
     */
    public static TraceSettings parse(String endpoint, String protocol, double sampling, String serviceName,
            Iterable<String> headers) {
        Protocol transport = Protocol.parse(protocol);
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--otlp-endpoint: '" + endpoint + "' is not a URL (" + e.getReason()
                    + "; expected e.g. http://127.0.0.1:4318)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("--otlp-endpoint: '" + endpoint
                    + "' (expected: an http or https URL with a host, e.g. http://127.0.0.1:4318)");
        }
        if (transport == Protocol.HTTP_PROTOBUF && (uri.getPath() == null || uri.getPath().isEmpty()
                || uri.getPath().equals("/"))) {
            uri = uri.resolve("/v1/traces");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (String header : headers) {
            int eq = header.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--otlp-header: '" + header + "' (expected: NAME=VALUE)");
            }
            extra.put(header.substring(0, eq).trim(), header.substring(eq + 1).trim());
        }
        return new TraceSettings(uri, transport, sampling, serviceName, extra);
    }
}
