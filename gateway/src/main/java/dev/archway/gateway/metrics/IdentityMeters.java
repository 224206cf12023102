package dev.archway.gateway.metrics;

import dev.archway.gateway.identity.GatewayIdentity;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's SPIFFE identity as series: when the SVID expires (alert on {@code
 * archway_identity_svid_expiry_timestamp_seconds - time() < 3600}), how often it rotated, and how
 * often reading a new one failed. All are read from {@link GatewayIdentity} when scraped.
 */
public final class IdentityMeters {
    private IdentityMeters() {}

    /** Registers the series for {@code identity}; nothing when no identity is configured. */
    public static void bind(MeterRegistry registry, GatewayIdentity identity) {
        if (!identity.configured()) {
            return;
        }
        String source = identity.view().source();
        Gauge.builder("archway.identity.svid.expiry.timestamp.seconds", identity,
                        i -> i.current() == null ? Double.NaN : i.current().notAfter().getEpochSecond())
                .description("When the gateway's SVID expires, Unix seconds (NaN before the first SVID)")
                .tag("source", source)
                .register(registry);
        Gauge.builder("archway.identity.svid.ready", identity, i -> i.ready() ? 1 : 0)
                .description("1 when the gateway holds an SVID, 0 before the first arrived")
                .tag("source", source)
                .register(registry);
        FunctionCounter.builder("archway.identity.rotations", identity, i -> i.view().rotations())
                .description("SVIDs that replaced a previous one without restart")
                .tag("source", source)
                .register(registry);
        FunctionCounter.builder("archway.identity.errors", identity, i -> i.view().errors())
                .description("Failed attempts to read a new SVID (the last good one stays in use)")
                .tag("source", source)
                .register(registry);
    }
}
