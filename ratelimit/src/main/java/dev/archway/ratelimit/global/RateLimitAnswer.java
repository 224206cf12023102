package dev.archway.ratelimit.global;

import dev.archway.sidekit.grpc.CallFailure;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.DescriptorStatus;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the service said about one request, as the gateway uses it: over the limit or not, the IETF
 * {@code RateLimit-Policy} and {@code RateLimit} fields of the most restrictive limit (the one with
 * the fewest requests left), {@code Retry-After}, and the headers the service asked to add.
 *
 * @param policyField null when the service reported no limit
 * @param limitField null when the service reported no limit
 * @param retryAfterSeconds for a 429: the longest wait among the exceeded limits, at least 1
 */
record RateLimitAnswer(
        boolean overLimit,
        String policyField,
        String limitField,
        long retryAfterSeconds,
        List<HeaderValue> requestHeadersToAdd,
        List<HeaderValue> responseHeadersToAdd) {

    static final String POLICY_NAME = "\"global\"";

    /** The answer, or a {@link CallFailure} for a response without a decision (code UNKNOWN). */
    static RateLimitAnswer of(RateLimitResponse response) {
        RateLimitResponse.Code code = response.getOverallCode();
        if (code != RateLimitResponse.Code.OK && code != RateLimitResponse.Code.OVER_LIMIT) {
            throw CallFailure.error("the service answered overall_code " + code);
        }
        boolean over = code == RateLimitResponse.Code.OVER_LIMIT;
        DescriptorStatus tightest = null;
        long retryAfter = 0;
        for (DescriptorStatus status : response.getStatusesList()) {
            if (status.hasCurrentLimit()
                    && (tightest == null || status.getLimitRemaining() < tightest.getLimitRemaining())) {
                tightest = status;
            }
            if (status.getCode() == RateLimitResponse.Code.OVER_LIMIT) {
                retryAfter = Math.max(retryAfter, resetSeconds(status));
            }
        }
        String policy = null;
        String limit = null;
        if (tightest != null) {
            RateLimitResponse.RateLimit current = tightest.getCurrentLimit();
            long window = unitSeconds(current.getUnit());
            policy = POLICY_NAME + ";q=" + Integer.toUnsignedLong(current.getRequestsPerUnit())
                    + (window > 0 ? ";w=" + window : "");
            long remaining = over ? 0 : Integer.toUnsignedLong(tightest.getLimitRemaining());
            limit = POLICY_NAME + ";r=" + remaining + ";t=" + Math.max(1, resetSeconds(tightest));
        }
        return new RateLimitAnswer(over, policy, limit, Math.max(1, retryAfter),
                response.getRequestHeadersToAddList(), response.getResponseHeadersToAddList());
    }

    /** Adds the service's headers for the client, and the RateLimit fields when there is a limit. */
    void addResponseHeaders(MultiMap headers) {
        if (policyField != null) {
            // add, not set: a local limit on the same route reports its own policy in the same fields.
            headers.add(GlobalRateLimitFilter.POLICY_HEADER, policyField);
            headers.add(GlobalRateLimitFilter.LIMIT_HEADER, limitField);
        }
        addAll(responseHeadersToAdd, headers);
    }

    static void addAll(List<HeaderValue> values, MultiMap headers) {
        for (HeaderValue h : values) {
            String value = h.getRawValue().isEmpty() ? h.getValue() : h.getRawValue().toString(StandardCharsets.UTF_8);
            if (!h.getKey().isEmpty()) {
                headers.add(h.getKey(), value);
            }
        }
    }

    /** Seconds until the limit resets, rounded up; 0 when the service did not say. */
    private static long resetSeconds(DescriptorStatus status) {
        if (!status.hasDurationUntilReset()) {
            return unitSeconds(status.getCurrentLimit().getUnit());
        }
        var d = status.getDurationUntilReset();
        return d.getSeconds() + (d.getNanos() > 0 ? 1 : 0);
    }

    private static long unitSeconds(RateLimitResponse.RateLimit.Unit unit) {
        return switch (unit) {
            case SECOND -> 1;
            case MINUTE -> 60;
            case HOUR -> 3_600;
            case DAY -> 86_400;
            case WEEK -> 7 * 86_400;
            case MONTH -> 30 * 86_400;
            case YEAR -> 365 * 86_400;
            default -> 0;
        };
    }
}
