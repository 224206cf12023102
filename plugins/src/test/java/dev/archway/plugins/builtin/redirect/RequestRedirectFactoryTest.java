package dev.archway.plugins.builtin.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.PathModifier;
import dev.archway.gatewayapi.ir.filters.PathModifierType;
import dev.archway.gatewayapi.ir.filters.RequestRedirectConfig;
import dev.archway.plugins.spi.FilterStage;
import org.junit.jupiter.api.Test;

class RequestRedirectFactoryTest {
    private final RequestRedirectFactory factory = new RequestRedirectFactory();

    @Test
    void declaresTheGatewayApiKindInTheRouteStage() {
        assertThat(factory.kind()).isEqualTo(FilterKinds.REQUEST_REDIRECT);
        assertThat(factory.stage()).isEqualTo(FilterStage.ROUTE);
        assertThat(factory.configType()).isEqualTo(RequestRedirectConfig.class);
    }

    @Test
    void acceptsEveryRedirectStatusOfTheSpec() {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            assertThat(factory.validate(new RequestRedirectConfig(null, null, null, null, status))).isEmpty();
        }
    }

    @Test
    void rejectsOtherStatusesNamingTheField() {
        assertThat(factory.validate(new RequestRedirectConfig(null, null, null, null, 200)))
                .containsExactly("statusCode: 200 (expected: one of 301, 302, 303, 307, 308)");
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        RequestRedirectConfig config = new RequestRedirectConfig("ftp", "bad host", 70000,
                new PathModifier(PathModifierType.REPLACE_FULL_PATH, "nope", null), 302);

        assertThat(factory.validate(config)).containsExactly(
                "scheme: 'ftp' (expected: http or https)",
                "hostname: 'bad host' (expected: a DNS name without port, e.g. example.com)",
                "port: 70000 (expected: 1..65535)",
                "path.value: 'nope' (expected: a path starting with '/')");
    }
}
