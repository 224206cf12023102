package dev.archway.plugins.builtin.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.CorsConfig;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.plugins.registry.FilterRegistry;
import dev.archway.plugins.spi.FilterStage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsValidationTest {
    private final CorsFilterFactory factory = new CorsFilterFactory();

    private static CorsConfig origins(String... origins) {
        return new CorsConfig(List.of(origins), List.of("GET"), List.of(), List.of(), false, 5);
    }

    @Test
    void isRegisteredAsABuiltInOfTheEdgeStage() {
        assertThat(FilterRegistry.withBuiltIns().find(FilterKinds.CORS)).hasValueSatisfying(found -> {
            assertThat(found).isInstanceOf(CorsFilterFactory.class);
            assertThat(found.stage()).isEqualTo(FilterStage.EDGE);
            assertThat(found.configType()).isEqualTo(CorsConfig.class);
        });
    }

    @Test
    void acceptsTheFormsTheGatewayApiAllows() {
        CorsConfig config = new CorsConfig(
                List.of("https://app.example.com", "http://localhost:3000", "https://*.example.org", "http://10.0.0.1:8080",
                        "https://*"),
                List.of("GET", "PROPFIND"), List.of("authorization", "x-trace"), List.of("*"), true, 86400);

        assertThat(factory.validate(config)).isEmpty();
        assertThat(factory.validate(new CorsConfig(List.of("*"), List.of("*"), List.of("*"), List.of(), true, 1))).isEmpty();
        assertThat(factory.validate(new CorsConfig(List.of(), List.of(), List.of(), List.of(), false, 5))).isEmpty();
    }

    @Test
    void rejectsOriginsThatAreNotSchemeHostAndPort() {
        assertThat(factory.validate(origins("https://ok.example", "app.example.com", "https://app.example.com/",
                "ftp://app.example.com", "https://app.example.com:0", "https://a.*.example.com", "https://*example.com")))
                .containsExactly(
                        "allowOrigins[1]: 'app.example.com' is not an origin (expected: '*' or http(s)://host[:port], "
                                + "where host may start with '*.', e.g. https://app.example.com)",
                        "allowOrigins[2]: 'https://app.example.com/' is not an origin (expected: '*' or "
                                + "http(s)://host[:port], where host may start with '*.', e.g. https://app.example.com)",
                        "allowOrigins[3]: 'ftp://app.example.com' is not an origin (expected: '*' or "
                                + "http(s)://host[:port], where host may start with '*.', e.g. https://app.example.com)",
                        "allowOrigins[4]: 'https://app.example.com:0' is not an origin (expected: '*' or "
                                + "http(s)://host[:port], where host may start with '*.', e.g. https://app.example.com)",
                        "allowOrigins[5]: 'https://a.*.example.com' is not an origin (expected: '*' or "
                                + "http(s)://host[:port], where host may start with '*.', e.g. https://app.example.com)",
                        "allowOrigins[6]: 'https://*example.com' is not an origin (expected: '*' or "
                                + "http(s)://host[:port], where host may start with '*.', e.g. https://app.example.com)");
    }

    @Test
    void rejectsAStarBesideOtherValues() {
        CorsConfig config = new CorsConfig(List.of("https://a.example", "*"), List.of("*", "GET"),
                List.of("x-a", "*"), List.of("*", "x-b"), false, 5);

        assertThat(factory.validate(config)).containsExactly(
                "allowOrigins[1]: '*' beside other origins (expected: either '*' alone or a list without '*')",
                "allowMethods[0]: '*' beside other methods (expected: either '*' alone or a list without '*')",
                "allowHeaders[1]: '*' beside other headers (expected: either '*' alone or a list without '*')");
    }

    @Test
    void rejectsMethodsAndHeaderNamesThatAreNotTokens() {
        CorsConfig config = new CorsConfig(List.of("*"), List.of("GET POST"), List.of("x a"), List.of("x:b"), false, 5);

        assertThat(factory.validate(config)).containsExactly(
                "allowMethods[0]: 'GET POST' is not an HTTP method (expected: a method such as GET or PUT, or '*')",
                "allowHeaders[0]: 'x a' is not a header name (expected: an HTTP token such as x-request-id, or '*')",
                "exposeHeaders[0]: 'x:b' is not a header name (expected: an HTTP token such as x-request-id, or '*')");
    }

    @Test
    void rejectsAMaxAgeBelowOneSecondAsTheGatewayApiDoes() {
        assertThat(factory.validate(new CorsConfig(List.of("*"), List.of(), List.of(), List.of(), false, 0)))
                .containsExactly("maxAge: 0 (expected: >= 1 second; the default is 5)");
        assertThat(factory.validate(new CorsConfig(List.of("*"), List.of(), List.of(), List.of(), false, -3)))
                .containsExactly("maxAge: -3 (expected: >= 1 second; the default is 5)");
    }
}
