package dev.archway.gatewayapi.model;

import java.util.Map;

/**
 * {@code TrafficPolicy.spec.extAuth}, as written by users.
 *
 * @param extensionRef a GatewayExtension with {@code spec.extAuth}, in the policy's namespace
 * @param contextExtensions sent with every check (Envoy's {@code context_extensions}), e.g. which
 *     auth config the service should apply
 * @param withRequestBody send the request body too, up to {@code maxBytes}
 * @param disable true: no external auth on this target, even if a less specific policy sets it
 */
public record ExtAuthPolicy(
        RateLimitPolicy.ExtensionRef extensionRef,
        Map<String, String> contextExtensions,
        WithRequestBody withRequestBody,
        Boolean disable) {

    /** @param allowPartial a larger body is cut to {@code maxBytes} (true) or refused with 413 (false) */
    public record WithRequestBody(Integer maxBytes, Boolean allowPartial) {}
}
