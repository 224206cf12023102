package dev.archway.gatewayapi.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An external service that policies refer to: today the rate limit service of global limits
 * ({@code spec.rateLimit}); {@code spec.extAuth} is read as a tree until external auth exists.
 *
 * <p>The spec is read strictly, like TrafficPolicy: a misspelt field is a read error rather than a
 * default that quietly changes how requests are limited.
 */
public class GatewayExtension extends ArchwayResource<GatewayExtension.Spec> {
    public static final String KIND = "GatewayExtension";

    @Override
    public String getKind() {
        return KIND;
    }

    /** {@code spec}: exactly one of {@code extAuth} and {@code rateLimit}. */
    public record Spec(JsonNode extAuth, RateLimit rateLimit) {}

    /**
     * {@code spec.rateLimit}: an Envoy RLS v3 service.
     *
     * @param timeout a Gateway API duration; absent: {@code 100ms}
     * @param failOpen whether requests pass when the service fails; absent: true (as Envoy)
     */
    public record RateLimit(GrpcService grpcService, String domain, String timeout, Boolean failOpen) {}

    /** A gRPC service reached over HTTP/2 without TLS (h2c). */
    public record GrpcService(BackendRef backendRef) {}

    /** A Service or {@code gateway.archway.dev/Backend}, like a route's backendRef. */
    public record BackendRef(String group, String kind, String name, String namespace, Integer port) {}
}
