package dev.archway.ratelimit.server.config;

import dev.archway.sidekit.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainMatchTest {
    private static final Domain EDGE;

    static {
        try {
            EDGE = ConfigReader.parse("""
                    kind: RateLimitServerConfig
                    spec:
                      listen: "127.0.0.1:8081"
                      domains:
                      - domain: edge
                        descriptors:
                        - key: route
                          value: orders
                          rate_limit: {unit: minute, requests_per_unit: 100}
                          descriptors:
                          - key: remote_address
                            rate_limit: {unit: second, requests_per_unit: 5}
                          - key: plan
                            value: free
                            rate_limit: {unit: second, requests_per_unit: 1}
                        - key: route
                          rate_limit: {unit: minute, requests_per_unit: 1000}
                        - key: tenant
                          descriptors:
                          - key: user
                            rate_limit: {unlimited: true}
                    """).domains().get("edge");
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Entries from {@code key, value, key, value, ...}. */
    static List<RateLimitDescriptor.Entry> entries(String... keysAndValues) {
        List<RateLimitDescriptor.Entry> entries = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.add(RateLimitDescriptor.Entry.newBuilder()
                    .setKey(keysAndValues[i]).setValue(keysAndValues[i + 1]).build());
        }
        return entries;
    }

    @Test
    void anExactValueBeatsTheKeyAlone() {
        assertThat(EDGE.match(entries("route", "orders")).limit()).isEqualTo(new Limit(100, Unit.MINUTE));
        assertThat(EDGE.match(entries("route", "search")).limit()).isEqualTo(new Limit(1000, Unit.MINUTE));
    }

    @Test
    void nestedEntriesReachTheNestedNode() {
        assertThat(EDGE.match(entries("route", "orders", "remote_address", "10.0.0.1")).limit())
                .isEqualTo(new Limit(5, Unit.SECOND));
        assertThat(EDGE.match(entries("route", "orders", "plan", "free")).limit())
                .isEqualTo(new Limit(1, Unit.SECOND));
    }

    @Test
    void anEntryThatLeavesTheTreeIsNotLimitedEvenIfAParentIs() {
        assertThat(EDGE.match(entries("route", "orders", "plan", "paid"))).isNull();
        assertThat(EDGE.match(entries("route", "search", "remote_address", "10.0.0.1"))).isNull();
        assertThat(EDGE.match(entries("host", "example.com"))).isNull();
        assertThat(EDGE.match(entries())).isNull();
    }

    @Test
    void aLastEntryWithoutALimitIsNotLimited() {
        Descriptor tenant = EDGE.match(entries("tenant", "acme"));
        assertThat(tenant).isNotNull();
        assertThat(tenant.limit()).isNull();
        assertThat(tenant.unlimited()).isFalse();
        assertThat(EDGE.match(entries("tenant", "acme", "user", "bob")).unlimited()).isTrue();
    }
}
