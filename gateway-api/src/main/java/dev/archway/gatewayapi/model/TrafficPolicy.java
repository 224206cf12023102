package dev.archway.gatewayapi.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The policies of a Gateway, listener, route or rule.
 *
 * <p>The spec is read strictly: an unknown field is a read error with its line and column, so a
 * misspelt {@code jwt} cannot silently leave a route unprotected. Sections that this version does
 * not enforce yet are read as trees and reported as Invalid.
 *
 * <p>{@code wasm} is an ordered list: each plugin becomes one filter, in list order. Like every
 * other field it is taken whole from the most specific policy; an empty list turns off the plugins
 * a less specific policy would add.
 */
public class TrafficPolicy extends ArchwayResource<TrafficPolicy.Spec> {
    public static final String KIND = "TrafficPolicy";

    @Override
    public String getKind() {
        return KIND;
    }

    /** {@code spec}. */
    public record Spec(
            List<TargetRef> targetRefs,
            Cors cors,
            JwtPolicy jwt,
            ExtAuthPolicy extAuth,
            RateLimitPolicy rateLimit,
            GraphQLPolicy graphql,
            JsonNode transformation,
            List<WasmPlugin> wasm) {}

    /** A Gateway, ListenerSet, HTTPRoute or GRPCRoute in the policy's namespace; sectionName narrows it. */
    public record TargetRef(String group, String kind, String name, String sectionName) {}

    /** The shape of the Gateway API HTTPCORSFilter. */
    public record Cors(
            List<String> allowOrigins,
            List<String> allowMethods,
            List<String> allowHeaders,
            List<String> exposeHeaders,
            Boolean allowCredentials,
            Integer maxAge) {}
}
