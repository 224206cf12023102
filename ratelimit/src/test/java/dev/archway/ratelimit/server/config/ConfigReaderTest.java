package dev.archway.ratelimit.server.config;

import dev.archway.sidekit.config.Address;
import dev.archway.sidekit.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
    @TempDir
    Path dir;

    static final String GOOD = """
            kind: RateLimitServerConfig
            spec:
              listen: "127.0.0.1:8081"
              admin: "[::1]:9902"
              redis: {url: "redis://user:secret@127.0.0.1:6379", timeout: 250ms}
              domains:
              - domain: edge
                descriptors:
                - key: route
                  value: orders
                  rate_limit: {unit: minute, requests_per_unit: 100}
                  descriptors:
                  - key: remote_address
                    rate_limit: {unit: SECOND, requests_per_unit: 5}
                  shadow_mode: false
                - key: route
                  rate_limit: {unlimited: true}
                - key: tenant
                  shadow_mode: true
                  rate_limit: {unit: day, requests_per_unit: 0}
              - domain: internal
            """;

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> ConfigReader.parse(yaml)).problems();
    }

    private static String spec(String body) {
        return "kind: RateLimitServerConfig\nspec:\n  listen: \"127.0.0.1:8081\"\n" + body;
    }

    @Test
    void readsEveryFieldOfAGoodFile() throws Exception {
        Path file = Files.writeString(dir.resolve("rls.yaml"), GOOD);

        RateLimitServerConfig config = ConfigReader.read(file);

        assertThat(config.listen()).isEqualTo(new Address("127.0.0.1", 8081));
        assertThat(config.admin()).isEqualTo(new Address("::1", 9902));
        assertThat(config.redis().url()).isEqualTo("redis://user:secret@127.0.0.1:6379");
        assertThat(config.redis().timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.redis().toString()).doesNotContain("secret");
        assertThat(config.domains()).containsOnlyKeys("edge", "internal");
        Domain edge = config.domains().get("edge");
        assertThat(edge.descriptors()).hasSize(3);
        Descriptor orders = edge.descriptors().get(0);
        assertThat(orders.key()).isEqualTo("route");
        assertThat(orders.value()).isEqualTo("orders");
        assertThat(orders.limit()).isEqualTo(new Limit(100, Unit.MINUTE));
        assertThat(orders.descriptors().get(0).limit()).isEqualTo(new Limit(5, Unit.SECOND));
        assertThat(edge.descriptors().get(1).unlimited()).isTrue();
        assertThat(edge.descriptors().get(2).shadowMode()).isTrue();
        assertThat(edge.descriptors().get(2).limit()).isEqualTo(new Limit(0, Unit.DAY));
        assertThat(config.domains().get("internal").descriptors()).isEmpty();
    }

    @Test
    void redisIsOptionalAndItsTimeoutDefaultsTo500ms() throws Exception {
        assertThat(ConfigReader.parse(spec("  domains: []\n")).redis()).isNull();
        assertThat(ConfigReader.parse(spec("  redis: {url: \"rediss://cache:6380\"}\n")).redis().timeout())
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void namesTheFieldPathOfAnUnknownUnit() {
        assertThat(problems(spec("""
                  domains:
                  - domain: edge
                    descriptors:
                    - key: a
                    - key: b
                      rate_limit: {unit: minutes, requests_per_unit: 1}
                """))).containsExactly("spec.domains[0].descriptors[1].rate_limit.unit: \"minutes\" is not a unit"
                        + " (expected: second, minute, hour, day)");
    }

    @Test
    void acceptsTheArchwayApiVersionAndRefusesAnyOther() throws Exception {
        String body = """
                kind: RateLimitServerConfig
                spec:
                  listen: "127.0.0.1:8081"
                  domains:
                  - domain: edge
                    descriptors: [{key: a, rate_limit: {unit: second, requests_per_unit: 1}}]
                """;
        assertThat(ConfigReader.parse("apiVersion: gateway.archway.dev/v1alpha1\n" + body).domains()).hasSize(1);
        assertThat(problems("apiVersion: v1\n" + body)).containsExactly(
                "apiVersion: \"v1\" is not supported (expected: gateway.archway.dev/v1alpha1)");
    }

    @Test
    void rejectsUnknownFieldsAtEveryLevel() {
        assertThat(problems("""
                kind: RateLimitServerConfig
                metadata: {name: x}
                spec:
                  listen: "127.0.0.1:8081"
                  listener: "127.0.0.1:8082"
                  redis: {url: "redis://r:6379", pool: 3}
                  domains:
                  - domain: edge
                    descripters: []
                    descriptors:
                    - key: a
                      rate_limit: {unit: second, requests_per_unit: 1, name: x}
                      shadowMode: true
                """)).containsExactlyInAnyOrder(
                "metadata: unknown field (expected: apiVersion, kind, spec)",
                "spec.listener: unknown field (expected: listen, admin, redis, domains)",
                "spec.redis.pool: unknown field (expected: url, timeout)",
                "spec.domains[0].descripters: unknown field (expected: domain, descriptors)",
                "spec.domains[0].descriptors[0].rate_limit.name: unknown field"
                        + " (expected: unit, requests_per_unit, unlimited)",
                "spec.domains[0].descriptors[0].shadowMode: unknown field"
                        + " (expected: key, value, rate_limit, shadow_mode, descriptors)");
    }

    @Test
    void rejectsDuplicateDomainsAndDuplicateKeyValuePairsAtOneLevel() {
        assertThat(problems(spec("""
                  domains:
                  - domain: edge
                    descriptors:
                    - {key: route, value: orders}
                    - {key: route}
                    - {key: route, value: orders}
                    - {key: route}
                    - key: tenant
                      descriptors:
                      - {key: route, value: orders}
                      - {key: route, value: orders}
                  - domain: edge
                """))).containsExactly(
                "spec.domains[0].descriptors[2]: key \"route\" with value \"orders\" is already at"
                        + " spec.domains[0].descriptors[0] (expected: each key and value once per level)",
                "spec.domains[0].descriptors[3]: key \"route\" without a value is already at"
                        + " spec.domains[0].descriptors[1] (expected: each key and value once per level)",
                "spec.domains[0].descriptors[4].descriptors[1]: key \"route\" with value \"orders\" is already at"
                        + " spec.domains[0].descriptors[4].descriptors[0] (expected: each key and value once per level)",
                "spec.domains[1].domain: \"edge\" is already at spec.domains[0] (expected: each domain once)");
    }

    @Test
    void rejectsBadLimits() {
        assertThat(problems(spec("""
                  domains:
                  - domain: edge
                    descriptors:
                    - {key: a, rate_limit: {unit: second, requests_per_unit: -1}}
                    - {key: b, rate_limit: {unit: second, requests_per_unit: "10"}}
                    - {key: c, rate_limit: {unit: second}}
                    - {key: d, rate_limit: {requests_per_unit: 3}}
                    - {key: e, rate_limit: {unlimited: true, unit: second}}
                    - {key: f, rate_limit: {unit: second, requests_per_unit: 4294967296}}
                    - {key: g, rate_limit: {unlimited: "yes"}, shadow_mode: 1}
                """))).containsExactly(
                "spec.domains[0].descriptors[0].rate_limit.requests_per_unit: -1 is out of range"
                        + " (expected: 0 to 4294967295)",
                "spec.domains[0].descriptors[1].rate_limit.requests_per_unit: \"10\" is not an integer"
                        + " (expected: 0 to 4294967295)",
                "spec.domains[0].descriptors[2].rate_limit.requests_per_unit: missing (expected: an integer >= 0)",
                "spec.domains[0].descriptors[3].rate_limit.unit: missing (expected: second, minute, hour, day)",
                "spec.domains[0].descriptors[4].rate_limit.unlimited: true together with unit or requests_per_unit"
                        + " (expected: either unlimited: true or a unit and requests_per_unit)",
                "spec.domains[0].descriptors[5].rate_limit.requests_per_unit: 4294967296 is out of range"
                        + " (expected: 0 to 4294967295)",
                "spec.domains[0].descriptors[6].rate_limit.unlimited: \"yes\" is not a boolean (expected: true or false)",
                "spec.domains[0].descriptors[6].rate_limit.unit: missing (expected: second, minute, hour, day)",
                "spec.domains[0].descriptors[6].rate_limit.requests_per_unit: missing (expected: an integer >= 0)",
                "spec.domains[0].descriptors[6].shadow_mode: 1 is not a boolean (expected: true or false)");
    }

    @Test
    void rejectsBadAddressesRedisAndMissingFields() {
        assertThat(problems("""
                kind: RateLimitServerConfig
                spec:
                  admin: "localhost"
                  redis: {url: "http://r:6379", timeout: 0s}
                  domains:
                  - descriptors: [{value: x}]
                  - domain: ""
                """)).containsExactly(
                "spec.listen: missing (expected: HOST:PORT, e.g. 127.0.0.1:8081)",
                "spec.admin: \"localhost\" is not HOST:PORT (expected: e.g. 127.0.0.1:8081 or [::1]:8081)",
                "spec.redis.url: \"http://r:6379\" is not a Redis URL"
                        + " (expected: redis://HOST:PORT or rediss://HOST:PORT)",
                "spec.redis.timeout: \"0s\" is not a positive duration (expected: e.g. 500ms, 2s, 1m30s)",
                "spec.domains[0].domain: missing (expected: the domain name the gateway sends)",
                "spec.domains[0].descriptors[0].key: missing (expected: the descriptor entry key, e.g. remote_address)",
                "spec.domains[1].domain: empty (expected: the domain name the gateway sends)");
    }

    @Test
    void rejectsAnotherKindAnEmptyFileAndBrokenYaml() {
        assertThat(problems("kind: Gateway\nspec: {listen: \"127.0.0.1:1\"}\n"))
                .containsExactly("kind: \"Gateway\" is not this file's kind (expected: RateLimitServerConfig)");
        assertThat(problems("")).containsExactly("the file is empty (expected: kind: RateLimitServerConfig and a spec)");
        assertThat(problems("kind: RateLimitServerConfig\nspec: [1]\n"))
                .containsExactly("spec: a list is not a mapping (expected: a mapping of fields)");
        assertThat(problems("kind: RateLimitServerConfig\nkind: RateLimitServerConfig\n").get(0))
                .startsWith("line 2, column").contains("Duplicate field 'kind'");
        assertThat(problems("kind: [\n").get(0)).contains("invalid YAML");
    }

    @Test
    void aMissingFileIsAProblemNotACrash() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigReader.read(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no such file");
    }
}
