package dev.archway.gatewayapi.ir;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.util.List;

/**
 * Gateway API HTTPRouteRetry: how often one request may be tried again on another attempt.
 *
 * @param attempts retries after the first try (so at most {@code attempts + 1} tries)
 * @param codes the statuses that are retried; a connection failure counts as 502 and a backend
 *     timeout as 504. Empty means 502, 503 and 504.
 * @param backoff the wait before each retry, or null for none
 */
public record RetryIr(int attempts, List<Integer> codes, @JsonSerialize(using = ToStringSerializer.class) Duration backoff) {
    public RetryIr {
        codes = List.copyOf(codes);
    }

    /** Whether an answer with {@code status} may be retried (attempts aside). */
    public boolean retries(int status) {
        return codes.isEmpty() ? status == 502 || status == 503 || status == 504 : codes.contains(status);
    }
}
