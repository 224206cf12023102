package dev.archway.gatewayapi.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.archway.gatewayapi.model.DirectResponse;
import dev.archway.gatewayapi.model.TrafficPolicy;
import dev.archway.gatewayapi.model.WasmPlugin;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlResourceReaderTest {
    private final YamlResourceReader reader = new YamlResourceReader();

    @Test
    void readsOlderGatewayApiVersionsIntoTheV1Classes() {
        YamlResourceReader.Result result = reader.read("""
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: Gateway
                metadata: {name: old}
                spec: {gatewayClassName: archway}
                ---
                apiVersion: gateway.networking.k8s.io/v1alpha2
                kind: GRPCRoute
                metadata: {name: older}
                """, "f.yaml");

        assertThat(result.problems()).isEmpty();
        assertThat(result.resources()).extracting(ParsedResource::kind)
                .containsExactly(ResourceKind.GATEWAY, ResourceKind.GRPC_ROUTE);
        assertThat(result.resources().get(0).object()).isInstanceOf(Gateway.class);
        assertThat(((Gateway) result.resources().get(0).object()).getSpec().getGatewayClassName()).isEqualTo("archway");
        assertThat(result.resources().get(1).object()).isInstanceOf(GRPCRoute.class);
    }

    @Test
    void skipsUnknownKindsUnknownVersionsAndEmptyDocuments() {
        YamlResourceReader.Result result = reader.read("""
                ---
                ---
                # nothing here
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                ---
                apiVersion: gateway.networking.k8s.io/v9
                kind: Gateway
                metadata: {name: future}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: kept}
                """, "f.yaml");

        assertThat(result.problems()).isEmpty();
        assertThat(result.resources()).extracting(r -> r.object().getMetadata().getName()).containsExactly("kept");
    }

    @Test
    void putsNamespacedObjectsWithoutNamespaceInDefaultAndClusterScopedOnesInNone() {
        YamlResourceReader.Result result = reader.read("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: shop}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: c, namespace: ignored}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                """, "f.yaml");

        assertThat(result.resources()).extracting(r -> r.object().getMetadata().getNamespace())
                .containsExactly("default", "shop", null, null);
    }

    @Test
    void reportsAFieldOfTheWrongTypeWithLineColumnAndFieldPath() {
        YamlResourceReader.Result result = reader.read("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: edge
                spec:
                  gatewayClassName: archway
                  listeners:
                  - name: http
                    protocol: HTTP
                    port: abc
                """, "conf/edge.yaml");

        assertThat(result.resources()).isEmpty();
        assertThat(result.problems()).containsExactly(new SourceProblem("conf/edge.yaml", 10, 11,
                "spec.listeners[0].port: cannot read \"abc\" as an integer"));
        assertThat(result.problems().get(0)).hasToString(
                "conf/edge.yaml:10:11: spec.listeners[0].port: cannot read \"abc\" as an integer");
    }

    @Test
    void reportsAListWhereANumberIsExpected() {
        YamlResourceReader.Result result = reader.read("""
                apiVersion: gateway.archway.dev/v1alpha1
                kind: DirectResponse
                metadata: {name: teapot}
                spec:
                  status: [418]
                """, "f.yaml");

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).isEqualTo("spec.status: cannot read a list as an integer");
        });
    }

    @Test
    void reportsBrokenYamlWithLineAndColumn() {
        YamlResourceReader.Result result = reader.read("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                   namespace: b
                """, "broken.yaml");

        assertThat(result.resources()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("broken.yaml");
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.column()).isPositive();
            assertThat(problem.message()).startsWith("invalid YAML: mapping values are not allowed here");
        });
    }

    @Test
    void reportsTheDocumentsMissingApiVersionKindOrNameAndGoesOnReading() {
        YamlResourceReader.Result result = reader.read("""
                kind: Service
                metadata: {name: a}
                ---
                apiVersion: v1
                metadata: {name: b}
                ---
                apiVersion: v1
                kind: Service
                metadata: {namespace: x}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: fine}
                """, "f.yaml");

        assertThat(result.problems()).extracting(SourceProblem::line, SourceProblem::message).containsExactly(
                tuple(1, "apiVersion: missing (e.g. gateway.networking.k8s.io/v1)"),
                tuple(4, "kind: missing (e.g. HTTPRoute)"),
                tuple(7, "metadata.name: missing (every Service needs a name)"));
        assertThat(result.resources()).extracting(r -> r.object().getMetadata().getName()).containsExactly("fine");
    }

    @Test
    void reportsEveryBadDocumentOfAFile() {
        YamlResourceReader.Result result = reader.read("""
                apiVersion: v1
                kind: Service
                metadata: {name: a}
                spec: {ports: [{port: x}]}
                ---
                - just
                - a list
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                spec: {ports: [{port: 80}, {port: 8.5}]}
                """, "f.yaml");

        assertThat(result.problems()).extracting(SourceProblem::line, SourceProblem::message).containsExactly(
                tuple(4, "spec.ports[0].port: cannot read \"x\" as an integer"),
                tuple(6,
                        "expected a mapping with apiVersion, kind and metadata, found a list"),
                tuple(12, "spec.ports[1].port: cannot read 8.5 as an integer"));
    }

    @Test
    void rejectsADuplicatedKeyLikeKubectlDoes() {
        YamlResourceReader.Result result = reader.read("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                  name: b
                """, "f.yaml");

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).isEqualTo("metadata.name: appears twice in the same mapping");
        });
    }

    @Test
    void keepsNumberLikeStringsAsWritten() {
        YamlResourceReader.Result result = reader.read("""
                apiVersion: gateway.archway.dev/v1alpha1
                kind: DirectResponse
                metadata: {name: version}
                spec:
                  status: 200
                  body: 1.10
                """, "f.yaml");

        assertThat(result.problems()).isEmpty();
        DirectResponse response = (DirectResponse) result.resources().get(0).object();
        assertThat(response.getSpec().body()).isEqualTo("1.10");
        assertThat(List.of(result.resources().get(0).line(), result.resources().get(0).column()))
                .containsExactly(1, 1);
    }

    @Test
    void readsTrafficPolicyWasmEntriesInOrderWithConfigAsTextOrTree() {
        YamlResourceReader.Result result = reader.read("""
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: plugins}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: orders}]
                  wasm:
                  - name: add-header
                    module: {file: /plugins/add_header.wasm}
                    config: '{"header": "x-hello"}'
                    failOpen: true
                  - name: audit
                    module: {http: {url: "https://plugins.example.com/audit.wasm", sha256: abc}}
                    vmId: shared
                    config: {sink: stdout}
                """, "f.yaml");

        assertThat(result.problems()).isEmpty();
        List<WasmPlugin> wasm = ((TrafficPolicy) result.resources().get(0).object()).getSpec().wasm();
        assertThat(wasm).extracting(WasmPlugin::name).containsExactly("add-header", "audit");
        assertThat(wasm.get(0).module().file()).isEqualTo("/plugins/add_header.wasm");
        assertThat(wasm.get(0).config().textValue()).isEqualTo("{\"header\": \"x-hello\"}");
        assertThat(wasm.get(0).failOpen()).isTrue();
        assertThat(wasm.get(1).module().http().url()).isEqualTo("https://plugins.example.com/audit.wasm");
        assertThat(wasm.get(1).vmId()).isEqualTo("shared");
        assertThat(wasm.get(1).config().isObject()).isTrue();
        assertThat(wasm.get(1).config().get("sink").textValue()).isEqualTo("stdout");
    }

    @Test
    void reportsAMisspeltWasmFieldWithLineAndFieldPath() {
        YamlResourceReader.Result result = reader.read("""
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: plugins}
                spec:
                  wasm:
                  - name: a
                    module: {file: /a.wasm}
                  - name: b
                    module: {http: {uri: "https://plugins.example.com/b.wasm"}}
                """, "f.yaml");

        assertThat(result.resources()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(9);
            assertThat(problem.message()).isEqualTo("spec.wasm[1].module.http.uri: unknown field \"uri\"");
        });
    }
}
