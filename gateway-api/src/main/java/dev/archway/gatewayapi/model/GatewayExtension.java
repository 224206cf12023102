package dev.archway.gatewayapi.model;

/**
 * An external service that policies refer to: an external authorization service ({@code
 * spec.extAuth}) or the rate limit service of global limits ({@code spec.rateLimit}).
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
    public record Spec(ExtAuth extAuth, RateLimit rateLimit) {}

    /**
     * {@code spec.extAuth}: an Envoy ext_authz v3 service over gRPC, or a plain HTTP auth service.
     *
     * @param timeout a Gateway API duration; absent: {@code 200ms}
     * @param failOpen whether requests pass when the service fails; absent: false
     * @param statusOnError the answer when the service fails and failOpen is false; absent: 403
     */
    public record ExtAuth(GrpcService grpcService, HttpService httpService, String timeout, Boolean failOpen,
            Integer statusOnError) {}

    /**
     * An HTTP auth service: it gets the request's method and {@code pathPrefix} + path, with the
     * headers named in {@code headersToBackend}; a 2xx answer allows (its {@code headersToUpstream}
     * go on to the upstream), any other answer goes back to the client.
     */
    public record HttpService(BackendRef backendRef, String pathPrefix, java.util.List<String> headersToBackend,
            java.util.List<String> headersToUpstream) {}

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
