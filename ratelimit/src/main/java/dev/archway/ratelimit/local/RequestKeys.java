package dev.archway.ratelimit.local;

import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
import dev.archway.plugins.builtin.jwt.JwtAttributes;
import dev.archway.plugins.builtin.jwt.JwtPrincipal;
import dev.archway.plugins.spi.HttpFilterContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Which bucket a request goes to: the text of its key, or null for the shared bucket (the whole
 * target, or a request without the header or claim).
 */
@FunctionalInterface
interface RequestKeys {
    /** Keys longer than this are replaced by their digest, so a client cannot make a key cost kilobytes. */
    int MAX_KEY_LENGTH = 128;

    String of(HttpFilterContext ctx);

    static RequestKeys forKey(LocalRateLimitConfig.Key key) {
        return switch (key.type()) {
            case WHOLE_TARGET -> ctx -> null;
            case REMOTE_ADDRESS -> ctx -> bounded(ctx.request().remoteAddress());
            case HEADER -> {
                String header = key.name();
                yield ctx -> bounded(ctx.request().headers().get(header));
            }
            case CLAIM -> {
                String path = key.name();
                yield ctx -> {
                    JwtPrincipal principal = ctx.attributes().get(JwtAttributes.PRINCIPAL);
                    Object claim = principal == null ? null : principal.claim(path);
                    return claim == null ? null : bounded(claim.toString());
                };
            }
        };
    }

    private static String bounded(String key) {
        if (key == null || key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
