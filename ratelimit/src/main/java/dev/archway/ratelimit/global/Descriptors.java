package dev.archway.ratelimit.global;

import dev.archway.gatewayapi.ir.filters.GlobalRateLimitConfig;
import dev.archway.plugins.builtin.jwt.JwtAttributes;
import dev.archway.plugins.builtin.jwt.JwtPrincipal;
import dev.archway.plugins.spi.HttpFilterContext;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The descriptors of one request. As in Envoy, a descriptor one of whose entries has no value for
 * this request (the header or claim is absent) is left out; a request left with no descriptor is
 * not sent to the service at all.
 */
final class Descriptors {
    /**
     * Longer values are sent as their SHA-256 digest: a client must not make the service store
     * kilobyte keys, and distinct long values must still count apart. 256 characters hold any
     * address, ordinary path or API key as it is, so service configs can match them by value.
     */
    static final int MAX_VALUE_LENGTH = 256;

    private final List<GlobalRateLimitConfig.Descriptor> descriptors;

    Descriptors(List<GlobalRateLimitConfig.Descriptor> descriptors) {
        this.descriptors = List.copyOf(descriptors);
    }

    /** The descriptors to send; empty when none applies. */
    List<RateLimitDescriptor> of(HttpFilterContext ctx) {
        List<RateLimitDescriptor> out = new ArrayList<>(descriptors.size());
        for (GlobalRateLimitConfig.Descriptor descriptor : descriptors) {
            RateLimitDescriptor built = build(descriptor, ctx);
            if (built != null) {
                out.add(built);
            }
        }
        return out;
    }

    private static RateLimitDescriptor build(GlobalRateLimitConfig.Descriptor descriptor, HttpFilterContext ctx) {
        RateLimitDescriptor.Builder builder = RateLimitDescriptor.newBuilder();
        for (GlobalRateLimitConfig.Entry entry : descriptor.entries()) {
            String value = value(entry, ctx);
            if (value == null || value.isEmpty()) {
                return null;
            }
            builder.addEntriesBuilder().setKey(entry.key()).setValue(bounded(value));
        }
        return builder.build();
    }

    private static String value(GlobalRateLimitConfig.Entry entry, HttpFilterContext ctx) {
        return switch (entry.type()) {
            case GENERIC -> entry.value();
            case REMOTE_ADDRESS -> ctx.request().remoteAddress();
            case PATH -> ctx.request().path();
            case HEADER -> ctx.request().headers().get(entry.source());
            case CLAIM -> {
                JwtPrincipal principal = ctx.attributes().get(JwtAttributes.PRINCIPAL);
                Object claim = principal == null ? null : principal.claim(entry.source());
                yield claim == null ? null : claim.toString();
            }
        };
    }

    static String bounded(String value) {
        if (value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
