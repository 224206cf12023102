package dev.archway.gatewayapi.ir.filters;

/** Stable kind strings of the built-in filters. */
public final class FilterKinds {
    public static final String REQUEST_HEADER_MODIFIER = "gateway.networking.k8s.io/RequestHeaderModifier";
    public static final String RESPONSE_HEADER_MODIFIER = "gateway.networking.k8s.io/ResponseHeaderModifier";
    public static final String REQUEST_REDIRECT = "gateway.networking.k8s.io/RequestRedirect";
    public static final String URL_REWRITE = "gateway.networking.k8s.io/URLRewrite";
    public static final String REQUEST_MIRROR = "gateway.networking.k8s.io/RequestMirror";
    public static final String DIRECT_RESPONSE = "archway.dev/direct-response";
    /** CORS, from the HTTPRoute filter or a TrafficPolicy; runs in the edge stage, before authentication. */
    public static final String CORS = "archway.dev/cors";
    public static final String JWT = "archway.dev/jwt";
    /** External authorization: Envoy ext_authz v3 over gRPC, or a plain HTTP auth service. */
    public static final String EXT_AUTH = "archway.dev/ext-auth";
    /** Local token buckets, counted in this gateway's memory. */
    public static final String LOCAL_RATE_LIMIT = "archway.dev/local-ratelimit";
    /** Limits counted by a rate limit service over Envoy RLS v3, shared across replicas. */
    public static final String GLOBAL_RATE_LIMIT = "archway.dev/global-ratelimit";

    /** A GraphQL API executed by the gateway over REST backends (a GraphQLApi backendRef). */
    public static final String GRAPHQL_API = "archway.dev/graphql-api";
    /** Limits and persisted queries in front of a GraphQL upstream ({@code TrafficPolicy.graphql}). */
    public static final String GRAPHQL_PROTECTION = "archway.dev/graphql-protection";

    /** A proxy-wasm HTTP filter run by the gateway's Wasm host ({@code TrafficPolicy.wasm}). */
    public static final String WASM = "archway.dev/wasm";

    private FilterKinds() {}
}
