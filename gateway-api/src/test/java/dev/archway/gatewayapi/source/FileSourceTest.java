package dev.archway.gatewayapi.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading without watching: which files, in which order, and what happens to mistakes. */
class FileSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryKindFromAMultiDocumentFile() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/source/all-kinds.yaml").toURI());

        SourceUpdate update = new FileSource(List.of(file)).readOnce();

        assertThat(update.problems()).isEmpty();
        ResourceSet set = update.resources();
        assertThat(names(set.namespaces())).containsExactly("apps");
        assertThat(names(set.gatewayClasses())).containsExactly("archway");
        assertThat(set.gatewayClasses().get(0).getSpec().getControllerName())
                .isEqualTo("archway.dev/gateway-controller");
        assertThat(names(set.gateways())).containsExactly("edge");
        assertThat(set.gateways().get(0).getSpec().getListeners().get(0).getPort()).isEqualTo(8080);
        assertThat(names(set.listenerSets())).containsExactly("extra");
        assertThat(set.listenerSets().get(0).getSpec().getParentRef().getName()).isEqualTo("edge");
        assertThat(names(set.httpRoutes())).containsExactly("web");
        assertThat(names(set.grpcRoutes())).containsExactly("greeter");
        assertThat(set.grpcRoutes().get(0).getSpec().getRules().get(0).getMatches().get(0).getMethod().getService())
                .isEqualTo("helloworld.Greeter");
        assertThat(names(set.referenceGrants())).containsExactly("from-apps");
        assertThat(set.referenceGrants().get(0).getMetadata().getNamespace()).isEqualTo("backends");
        assertThat(names(set.services())).containsExactly("echo");
        assertThat(names(set.endpointSlices())).containsExactly("echo-1");
        assertThat(set.endpointSlices().get(0).getEndpoints().get(0).getAddresses()).containsExactly("127.0.0.1");
        assertThat(names(set.secrets())).containsExactly("edge-tls");
        assertThat(set.secrets().get(0).getStringData()).containsKey("tls.crt");
        assertThat(names(set.configMaps())).containsExactly("ca");
        assertThat(names(set.backends())).containsExactly("legacy");
        assertThat(set.backends().get(0).getSpec()._static().hosts().get(0).port()).isEqualTo(9000);
        assertThat(names(set.directResponses())).containsExactly("teapot");
        assertThat(set.directResponses().get(0).getSpec().status()).isEqualTo(418);
        assertThat(set.directResponses().get(0).getSpec().headers().get(0).value()).isEqualTo("teapot");
    }

    @Test
    void readsOnlyYamlFilesDirectlyInsideADirectoryInNameOrder() throws IOException {
        write("b.yaml", service("from-b", 80) + "---\n" + service("shared", 2));
        write("a.yml", service("from-a", 80) + "---\n" + service("shared", 1));
        write("notes.txt", service("from-txt", 80));
        write(".hidden.yaml", service("from-hidden", 80));
        Files.createDirectories(dir.resolve("sub"));
        write("sub/nested.yaml", service("from-sub", 80));

        SourceUpdate update = new FileSource(List.of(dir)).readOnce();

        assertThat(names(update.resources().services())).containsExactly("from-a", "from-b", "shared");
        // a.yml is read before b.yaml, so its definition of the shared Service wins.
        assertThat(port(update.resources().services().get(2))).isEqualTo(1);
        assertThat(update.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(dir.resolve("b.yaml").toString());
            assertThat(problem.line()).isEqualTo(10);
            assertThat(problem.message()).isEqualTo(
                    "Service default/shared is already defined at " + dir.resolve("a.yml") + ":10;"
                            + " this definition is ignored");
        });
    }

    @Test
    void readsAFileGivenExplicitlyWhateverItsName() throws IOException {
        Path file = write("gateway.conf", service("explicit", 80));

        SourceUpdate update = new FileSource(List.of(file)).readOnce();

        assertThat(update.problems()).isEmpty();
        assertThat(names(update.resources().services())).containsExactly("explicit");
    }

    @Test
    void reportsAPathThatDoesNotExistAndStillReadsTheOthers() throws IOException {
        Path missing = dir.resolve("missing.yaml");
        Path present = write("present.yaml", service("present", 80));

        SourceUpdate update = new FileSource(List.of(missing, present)).readOnce();

        assertThat(update.problems()).containsExactly(
                new SourceProblem(missing.toString(), 0, 0, "no such file or directory"));
        assertThat(names(update.resources().services())).containsExactly("present");
    }

    @Test
    void readsAFileGivenTwiceOnce() throws IOException {
        Path file = write("one.yaml", service("once", 80));

        SourceUpdate update = new FileSource(List.of(file, dir, file)).readOnce();

        assertThat(update.problems()).isEmpty();
        assertThat(names(update.resources().services())).containsExactly("once");
    }

    @Test
    void sortsEachListByNamespaceThenName() throws IOException {
        write("routes.yaml", String.join("---\n",
                route("zeta", "b"), route("alpha", "b"), route("mid", "a"), route("zeta", null)));

        SourceUpdate update = new FileSource(List.of(dir)).readOnce();

        assertThat(update.resources().httpRoutes())
                .extracting(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName())
                .containsExactly("a/mid", "b/alpha", "b/zeta", "default/zeta");
    }

    @Test
    void keepsTheLastGoodContentOfAFileThatBreaks() throws IOException {
        write("app.yaml", service("app", 80));
        FileSource source = new FileSource(List.of(dir));
        assertThat(source.readOnce().problems()).isEmpty();

        write("app.yaml", service("app", 80).replace("port: 80", "port: eighty") + "---\n" + service("new", 81));
        SourceUpdate broken = source.readOnce();

        assertThat(broken.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(dir.resolve("app.yaml").toString());
            assertThat(problem.line()).isEqualTo(8);
            assertThat(problem.column()).isEqualTo(11);
            assertThat(problem.message()).isEqualTo("spec.ports[0].port: cannot read \"eighty\" as an integer");
        });
        assertThat(names(broken.resources().services())).containsExactly("app");
        assertThat(port(broken.resources().services().get(0))).isEqualTo(80);

        write("app.yaml", service("app", 8080));
        SourceUpdate fixed = source.readOnce();

        assertThat(fixed.problems()).isEmpty();
        assertThat(port(fixed.resources().services().get(0))).isEqualTo(8080);
    }

    @Test
    void aFileThatNeverParsedContributesNothingAndOthersStillServe() throws IOException {
        write("a.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: broken\n");
        write("b.yaml", service("fine", 80));

        SourceUpdate update = new FileSource(List.of(dir)).readOnce();

        assertThat(update.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("invalid YAML: "));
        assertThat(names(update.resources().services())).containsExactly("fine");
    }

    @Test
    void refusesAMisspeltTrafficPolicyFieldSoThatNoPolicyIsSilentlyDropped() throws IOException {
        write("policy.yaml", """
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: orders}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: orders}]
                  jwtt: {providers: []}
                """);

        SourceUpdate update = new FileSource(List.of(dir)).readOnce();

        assertThat(update.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).isEqualTo("spec.jwtt: unknown field \"jwtt\""));
        assertThat(update.resources().trafficPolicies()).isEmpty();
    }

    @Test
    void forgetsTheLastGoodContentOfAFileThatIsDeleted() throws IOException {
        Path file = write("app.yaml", service("app", 80));
        FileSource source = new FileSource(List.of(dir));
        source.readOnce();
        write("app.yaml", "kind: [");
        assertThat(names(source.readOnce().resources().services())).containsExactly("app");

        Files.delete(file);
        SourceUpdate update = source.readOnce();

        assertThat(update.problems()).isEmpty();
        assertThat(update.resources().services()).isEmpty();
    }

    static String service(String name, int port) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                spec:
                  ports:
                  - name: http
                    port: %d
                """.formatted(name, port);
    }

    static String route(String name, String namespace) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: %s
                %s""".formatted(name, namespace == null ? "" : "  namespace: " + namespace + "\n");
    }

    static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).toList();
    }

    private static int port(Service service) {
        return service.getSpec().getPorts().get(0).getPort();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
