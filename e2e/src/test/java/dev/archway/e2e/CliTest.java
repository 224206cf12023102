package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archway validate} and {@code archway explain}, run as a user runs them. */
class CliTest {
    static final String CONFIG = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge, namespace: default}
            spec:
              gatewayClassName: archway
              listeners: [{name: http, port: 8080, protocol: HTTP}]
            ---
            apiVersion: gateway.archway.dev/v1alpha1
            kind: Backend
            metadata: {name: app, namespace: default}
            spec: {static: {hosts: [{host: 127.0.0.1, port: 3000}]}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: shop, namespace: default}
            spec:
              parentRefs: [{name: edge}]
              hostnames: [shop.example.com]
              rules:
              - name: cart
                matches: [{path: {value: /api/cart}, headers: [{name: x-user, value: "42"}]}]
                backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
              - name: catch-all
                backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
            """;

    record Result(int exit, String output) {}

    static Result archway(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", GatewayProcess.JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void validateExitsZeroForAGoodConfigAndOneWhenAConditionIsFalse(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, CONFIG);
        Result ok = archway("validate", "-c", good.toString());
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("HTTPRoute").contains("shop");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, CONFIG.replace("name: app}]\n  - name: catch-all",
                "name: missing}]\n  - name: catch-all"));
        Result failed = archway("validate", "-c", bad.toString());
        assertThat(failed.exit()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("BackendNotFound").contains("missing");
    }

    @Test
    void validateNamesFileAndLineOfBrokenYaml(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  ports: [{port: abc}]\n");
        Result r = archway("validate", "-c", broken.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("broken.yaml:5").contains("spec.ports[0].port");
    }

    @Test
    void explainNamesTheWinningRuleAndWhyOthersLost(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, CONFIG);
        Result hit = archway("explain", "-c", config.toString(), "GET http://shop.example.com:8080/api/cart", "-H", "x-user: 42");
        assertThat(hit.exit()).as(hit.output()).isZero();
        assertThat(hit.output()).contains("httproute/default/shop/rule/0/match/0").contains("backend/default/app");

        Result other = archway("explain", "-c", config.toString(), "GET http://shop.example.com:8080/api/cart");
        assertThat(other.output()).contains("httproute/default/shop/rule/1/match/0").contains("x-user");
    }
}
