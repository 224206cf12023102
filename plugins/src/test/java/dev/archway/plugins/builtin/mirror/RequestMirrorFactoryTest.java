package dev.archway.plugins.builtin.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.RequestMirrorConfig;
import dev.archway.plugins.spi.FilterStage;
import org.junit.jupiter.api.Test;

class RequestMirrorFactoryTest {
    private final RequestMirrorFactory factory = new RequestMirrorFactory();

    @Test
    void declaresTheGatewayApiKindInTheRouteStage() {
        assertThat(factory.kind()).isEqualTo(FilterKinds.REQUEST_MIRROR);
        assertThat(factory.stage()).isEqualTo(FilterStage.ROUTE);
    }

    @Test
    void acceptsSharesFromNoneToAll() {
        assertThat(factory.validate(new RequestMirrorConfig("shadow", 0, 100))).isEmpty();
        assertThat(factory.validate(new RequestMirrorConfig("shadow", 1, 1))).isEmpty();
    }

    @Test
    void rejectsAMissingClusterAndImpossibleShares() {
        assertThat(factory.validate(new RequestMirrorConfig(" ", 1, 1)))
                .containsExactly("cluster: missing (expected: the name of a cluster of the snapshot)");
        assertThat(factory.validate(new RequestMirrorConfig("shadow", 0, 0)))
                .containsExactly("denominator: 0 (expected: >= 1)");
        assertThat(factory.validate(new RequestMirrorConfig("shadow", 3, 2)))
                .containsExactly("numerator: 3 (expected: 0..2, at most the denominator)");
        assertThat(factory.validate(new RequestMirrorConfig("shadow", -1, 2)))
                .containsExactly("numerator: -1 (expected: 0..2, at most the denominator)");
    }
}
