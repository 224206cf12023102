package dev.archway.gatewayapi.ir.filters;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.archway.gatewayapi.ir.EndpointIr;
import java.time.Duration;
import java.util.List;

/**
 * A global rate limit ({@code TrafficPolicy.rateLimit.global}): per request, the descriptors are
 * built and sent to a rate limit service (Envoy RLS v3, {@code ShouldRateLimit}) that counts them
 * for every gateway replica; {@code OVER_LIMIT} answers 429.
 *
 * @param extension the GatewayExtension the service comes from ({@code <ns>/<name>}), for messages
 * @param service the service's endpoints, reached over h2c; empty fails every call
 * @param domain the RLS domain the descriptors belong to
 * @param timeout how long a request waits for the service's answer
 * @param failOpen true: a request passes when the service fails or is too slow; false: 500
 */
public record GlobalRateLimitConfig(
        String extension,
        List<EndpointIr> service,
        String domain,
        @JsonSerialize(using = ToStringSerializer.class) Duration timeout,
        boolean failOpen,
        List<Descriptor> descriptors) {

    public GlobalRateLimitConfig {
        service = List.copyOf(service);
        descriptors = List.copyOf(descriptors);
    }

    /** What an entry's value is taken from. */
    public enum EntryType {
        /** A fixed {@code key} and {@code value}. */
        GENERIC,
        /** The client address as seen on the socket. */
        REMOTE_ADDRESS,
        /** The value of request header {@code source}. */
        HEADER,
        /** The request path, without the query. */
        PATH,
        /** The value of JWT claim {@code source} (a dotted path), from the jwt policy. */
        CLAIM
    }

    /**
     * @param key the descriptor key the service matches
     * @param value the fixed value of a GENERIC entry, else null
     * @param source the header or claim name for HEADER and CLAIM, else null
     */
    public record Entry(EntryType type, String key, String value, String source) {}

    /**
     * Entries in order. A descriptor one of whose entries has no value for a request (a header or
     * claim it does not carry) is left out of that request's call, as Envoy does.
     */
    public record Descriptor(List<Entry> entries) {
        public Descriptor {
            entries = List.copyOf(entries);
        }
    }
}
