package dev.archway.gateway.runtime;

import static java.util.Objects.requireNonNull;

import dev.archway.gateway.chain.ExchangeSettings;
import dev.archway.gateway.listener.ListenerSettings;
import dev.archway.gateway.upstream.UpstreamSettings;
import java.time.Duration;

/**
 * Settings of the data plane as a whole.
 *
 * @param applyTimeout how long a reload waits for listener ports to bind or close
 */
public record DataPlaneSettings(ListenerSettings listeners, UpstreamSettings upstreams, ExchangeSettings exchanges,
        Duration applyTimeout) {
    public DataPlaneSettings {
        requireNonNull(listeners, "listeners");
        requireNonNull(upstreams, "upstreams");
        requireNonNull(exchanges, "exchanges");
        requireNonNull(applyTimeout, "applyTimeout");
    }

    public static DataPlaneSettings defaults(int eventLoops) {
        return new DataPlaneSettings(ListenerSettings.defaults(eventLoops), UpstreamSettings.defaults(),
                ExchangeSettings.defaults(), Duration.ofSeconds(30));
    }
}
