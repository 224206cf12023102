package dev.archway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    @TempDir
    Path dir;

    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: default}
            spec:
              gatewayClassName: archway
              listeners:
              - {name: http, port: 8080, protocol: HTTP}
            ---
            apiVersion: gateway.archway.dev/v1alpha1
            kind: Backend
            metadata: {name: api, namespace: default}
            spec:
              static:
                hosts: [{host: 10.0.0.7, port: 9000}]
            """;

    private static final String GOOD_ROUTE = """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: web, namespace: default}
            spec:
              parentRefs: [{name: gw}]
              hostnames: [example.com]
              rules:
              - matches: [{path: {type: Exact, value: /health}}]
                filters:
                - type: ResponseHeaderModifier
                  responseHeaderModifier: {add: [{name: x-a, value: b}]}
                backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]
              - matches: [{path: {type: PathPrefix, value: /api}, method: POST}]
                backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]
              - matches: [{path: {type: PathPrefix, value: /api}}]
                backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api, weight: 3}]
            """;

    private static final String BROKEN_ROUTE = """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: broken, namespace: default}
            spec:
              parentRefs: [{name: gw}]
              rules:
              - backendRefs: [{name: no-such-service, port: 80}]
            """;

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new ArchwayCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void validatePrintsConditionsAndSucceedsWhenNoneReportsAProblem() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), GATEWAY + GOOD_ROUTE);

        Run result = run("validate", "-c", file.toString());

        assertThat(result.code()).as(result.out()).isZero();
        assertThat(result.out()).startsWith("KIND").contains("HTTPRoute").contains("Accepted=True(Accepted)")
                .contains("Conflicted=False(NoConflicts)").doesNotContain("Accepted=False");
    }

    @Test
    void validateExitsOneAndShowsTheMessageOfAFalseCondition() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), GATEWAY + BROKEN_ROUTE);

        Run result = run("validate", "-c", file.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).contains("ResolvedRefs=False(BackendNotFound)").contains("no-such-service");
    }

    @Test
    void validateReportsFilesThatCannotBeRead() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), GATEWAY);
        Files.writeString(dir.resolve("b.yaml"), "kind: [unclosed\n");

        Run result = run("validate", "-c", dir.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).contains("SOURCE PROBLEMS").contains("b.yaml");
    }

    @Test
    void explainShowsTheWinningRouteItsFiltersAndBackendsAndWhyOthersLost() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), GATEWAY + GOOD_ROUTE);

        Run result = run("explain", "-c", file.toString(), "GET http://example.com:8080/api/orders");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("port:")
                .contains("listener:      gateway/default/gw/listener/http")
                .contains("route:         httproute/default/web/rule/2/match/0")
                .contains("weight 3 -> cluster backend/default/api")
                .contains("10.0.0.7:9000")
                .contains("path /api/orders does not match EXACT /health")
                .contains("method GET is not POST");
    }

    @Test
    void explainShowsHowMeshAndTlsBackendsAreReached() throws Exception {
        Path file = Files.writeString(dir.resolve("mesh.yaml"), GATEWAY + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: payments, namespace: default, labels: {istio.io/use-waypoint: wp}}
                spec: {clusterIP: 10.96.0.20, ports: [{name: http, port: 80}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: wp, namespace: default}
                spec: {clusterIP: 10.96.0.2, ports: [{name: mesh, port: 15008}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: billing, namespace: default}
                spec: {clusterIP: 10.96.0.30, ports: [{name: https, port: 443}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: billing-tls, namespace: default}
                spec:
                  targetRefs: [{group: "", kind: Service, name: billing}]
                  validation: {wellKnownCACertificates: System, hostname: billing.example.com}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop, namespace: default}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - matches: [{path: {value: /pay}}]
                    backendRefs: [{name: payments, port: 80}]
                  - matches: [{path: {value: /bill}}]
                    backendRefs: [{name: billing, port: 443}]
                """);

        Run pay = run("explain", "-c", file.toString(), "GET http://example.com:8080/pay");
        Run bill = run("explain", "-c", file.toString(), "GET http://example.com:8080/bill");

        assertThat(pay.out()).as(pay.err()).contains("10.96.0.2:15008")
                .contains("via HBONE, waypoint default/wp: CONNECT 10.96.0.20:80, peer must be spiffe://<trust domain>/ns/default/sa/wp");
        assertThat(bill.out()).as(bill.err())
                .contains("TLS per BackendTLSPolicy/default/billing-tls: SNI billing.example.com, system CAs");
    }

    @Test
    void explainListsFiltersWithTheirStage() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), GATEWAY + GOOD_ROUTE);

        Run result = run("explain", "-c", file.toString(), "GET http://example.com:8080/health");

        assertThat(result.out()).contains("ROUTE  gateway.networking.k8s.io/ResponseHeaderModifier");
    }

    @Test
    void explainNamesThePolicyEachPolicyFilterCameFromAndValidateShowsPolicyStatus() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), GATEWAY + GOOD_ROUTE + """
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: edge-cors, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: gw}]
                  cors: {allowOrigins: ["https://app.example.com"]}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: api-jwt, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: web}]
                  jwt:
                    providers:
                    - name: corp
                      jwks: {remote: {url: "https://idp.example.com/jwks.json"}}
                """);

        Run explained = run("explain", "-c", file.toString(), "GET http://example.com:8080/api/orders");
        Run validated = run("validate", "-c", file.toString());

        assertThat(explained.out())
                .contains("cors from TrafficPolicy default/edge-cors")
                .contains("jwt from TrafficPolicy default/api-jwt")
                .contains("EDGE  archway.dev/cors  trafficpolicy/default/edge-cors/cors")
                .contains("AUTHN  archway.dev/jwt  trafficpolicy/default/api-jwt/jwt");
        assertThat(validated.code()).as(validated.out()).isZero();
        assertThat(validated.out()).containsPattern("TrafficPolicy +default +api-jwt +Accepted=True\\(Accepted\\)");
    }

    @Test
    void explainSays404ForAnUnknownHost() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), GATEWAY + GOOD_ROUTE);

        Run result = run("explain", "-c", file.toString(), "GET http://other.org:8080/api");

        assertThat(result.out()).contains("404");
    }

    @Test
    void explainRejectsARequestWithoutUrl() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), GATEWAY + GOOD_ROUTE);

        Run result = run("explain", "-c", file.toString(), "GET");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("expected: 'METHOD URL'");
    }
}
