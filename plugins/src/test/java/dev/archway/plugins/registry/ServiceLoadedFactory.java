package dev.archway.plugins.registry;

import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import java.util.List;

/**
 * A third-party factory as a plugin jar would ship it: public, no-arg, listed in
 * {@code META-INF/services/dev.archway.plugins.spi.FilterFactory} (under src/test/resources).
 */
public final class ServiceLoadedFactory implements FilterFactory<ServiceLoadedFactory.EchoConfig> {
    public static final String KIND = "test.archway.dev/echo";

    public record EchoConfig(String text) {}

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.USER;
    }

    @Override
    public Class<EchoConfig> configType() {
        return EchoConfig.class;
    }

    @Override
    public List<String> validate(EchoConfig config) {
        return config.text() == null ? List.of("text: missing (expected: any text)") : List.of();
    }

    @Override
    public HttpFilter create(EchoConfig config, FilterBuildContext context) {
        return new HttpFilter() {};
    }
}
