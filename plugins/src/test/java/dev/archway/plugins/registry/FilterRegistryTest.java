package dev.archway.plugins.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archway.gatewayapi.ir.filters.DirectResponseConfig;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.HeaderModifierConfig;
import dev.archway.gatewayapi.ir.filters.RequestRedirectConfig;
import dev.archway.plugins.builtin.redirect.RequestRedirectFactory;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterRegistryTest {
    private static final List<String> BUILT_IN_KINDS = List.of(FilterKinds.REQUEST_HEADER_MODIFIER,
            FilterKinds.RESPONSE_HEADER_MODIFIER, FilterKinds.REQUEST_REDIRECT, FilterKinds.URL_REWRITE,
            FilterKinds.REQUEST_MIRROR, FilterKinds.DIRECT_RESPONSE);

    private final FilterRegistry registry = FilterRegistry.withBuiltIns();

    @Test
    void holdsTheSixBuiltInsInTheRouteStage() {
        for (String kind : BUILT_IN_KINDS) {
            assertThat(registry.find(kind)).hasValueSatisfying(factory -> {
                assertThat(factory.kind()).isEqualTo(kind);
                assertThat(factory.stage()).isEqualTo(FilterStage.ROUTE);
            });
        }
    }

    @Test
    void findsFactoriesListedForServiceLoader() {
        assertThat(registry.find(ServiceLoadedFactory.KIND)).get().isInstanceOf(ServiceLoadedFactory.class);
        assertThat(registry.kinds()).containsAll(BUILT_IN_KINDS).contains(ServiceLoadedFactory.KIND);
    }

    @Test
    void findsNothingForAnUnknownKind() {
        assertThat(registry.find("archway.dev/nope")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void rejectsTwoFactoriesForOneKindNamingBothClasses() {
        assertThatThrownBy(() -> FilterRegistry.of(List.of(new RequestRedirectFactory(), new DuplicateRedirectFactory())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("filter kind '" + FilterKinds.REQUEST_REDIRECT + "' is declared by both "
                        + RequestRedirectFactory.class.getName() + " and " + DuplicateRedirectFactory.class.getName()
                        + " (expected: each kind declared by one factory)");
    }

    @Test
    void rejectsAPluginJarThatClaimsABuiltInKind(@TempDir Path jar) throws IOException {
        Path services = jar.resolve("META-INF/services/" + FilterFactory.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, DuplicateRedirectFactory.class.getName() + "\n");

        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                getClass().getClassLoader())) {
            assertThatThrownBy(() -> FilterRegistry.withBuiltIns(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(RequestRedirectFactory.class.getName())
                    .hasMessageContaining(DuplicateRedirectFactory.class.getName());
        }
    }

    @Test
    void validateReportsAnUnknownKindOnce() {
        assertThat(registry.validate("x", new Object())).containsExactly("unknown filter kind 'x'");
    }

    @Test
    void validateReportsAConfigOfTheWrongType() {
        assertThat(registry.validate(FilterKinds.REQUEST_REDIRECT, new HeaderModifierConfig(List.of(), List.of(), List.of())))
                .containsExactly("config: " + HeaderModifierConfig.class.getName() + " (expected: "
                        + RequestRedirectConfig.class.getName() + " for kind '" + FilterKinds.REQUEST_REDIRECT + "')");
        assertThat(registry.validate(FilterKinds.REQUEST_REDIRECT, null))
                .containsExactly("config: missing (expected: " + RequestRedirectConfig.class.getName()
                        + " for kind '" + FilterKinds.REQUEST_REDIRECT + "')");
    }

    @Test
    void validateDelegatesToTheFactory() {
        assertThat(registry.validate(FilterKinds.DIRECT_RESPONSE, new DirectResponseConfig(700, "", List.of())))
                .containsExactly("status: 700 (expected: 200..599)");
        assertThat(registry.validate(ServiceLoadedFactory.KIND, new ServiceLoadedFactory.EchoConfig(null)))
                .containsExactly("text: missing (expected: any text)");
        assertThat(registry.validate(FilterKinds.REQUEST_REDIRECT, new RequestRedirectConfig(null, null, null, null, 302)))
                .isEmpty();
    }

    @Test
    void validateTurnsAThrowingFactoryIntoAProblem() {
        FilterRegistry withThrowing = FilterRegistry.of(List.of(new ThrowingFactory()));

        assertThat(withThrowing.validate("test.archway.dev/throws", "cfg"))
                .containsExactly("config: validation of kind 'test.archway.dev/throws' failed: "
                        + "java.lang.IllegalArgumentException: boom");
    }

    @Test
    void createBuildsAWorkingFilterForAKind() {
        HttpFilter filter = registry.create(FilterKinds.DIRECT_RESPONSE, new DirectResponseConfig(200, "ok", List.of()),
                TestBuildContext.empty());

        assertThat(Steps.reply(new TestFilterContext(TestRequest.get("http://h.example/")).runRequestHeaders(filter))
                .status()).isEqualTo(200);
        assertThatThrownBy(() -> registry.create("x", "cfg", TestBuildContext.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown filter kind 'x'");
        assertThatThrownBy(() -> registry.create(FilterKinds.DIRECT_RESPONSE, "cfg", TestBuildContext.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("config: java.lang.String");
    }

    private static final class ThrowingFactory implements FilterFactory<String> {
        @Override
        public String kind() {
            return "test.archway.dev/throws";
        }

        @Override
        public FilterStage stage() {
            return FilterStage.USER;
        }

        @Override
        public Class<String> configType() {
            return String.class;
        }

        @Override
        public List<String> validate(String config) {
            throw new IllegalArgumentException("boom");
        }

        @Override
        public HttpFilter create(String config, FilterBuildContext context) {
            return new HttpFilter() {};
        }
    }
}
