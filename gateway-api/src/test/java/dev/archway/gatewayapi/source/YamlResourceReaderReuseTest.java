package dev.archway.gatewayapi.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading a changed file again parses only the documents that changed, with the same outcome. */
class YamlResourceReaderReuseTest {
    private static String route(String name, String path) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s}
                spec:
                  rules: [{matches: [{path: {value: "%s"}}]}]
                """.formatted(name, path);
    }

    @Test
    void reusesTheObjectsOfUnchangedDocumentsAndParsesTheChangedOne() {
        YamlResourceReader reader = new YamlResourceReader();
        YamlResourceReader.Result first = reader.read(route("a", "/a") + "---\n" + route("b", "/b"), "f.yaml");
        YamlResourceReader.Result second = reader.read(route("a", "/a") + "---\n" + route("b", "/b2"), "f.yaml");
        assertThat(second.resources().get(0).object()).isSameAs(first.resources().get(0).object());
        assertThat(second.resources().get(1).object()).isNotSameAs(first.resources().get(1).object());
        assertThat(second.resources()).extracting(ParsedResource::line).containsExactly(1, 7);
    }

    @Test
    void aProblemInOneDocumentIsReportedAsAWholeReadReportsIt() {
        String bad = route("a", "/a") + "---\n" + route("b", "/b").replace("rules: [{matches: [{path: {value: \"/b\"}}]}]", "rules: 5");
        YamlResourceReader.Result cached = new YamlResourceReader().read(bad, "f.yaml");
        YamlResourceReader fresh = new YamlResourceReader();
        fresh.read(route("a", "/a"), "f.yaml");
        assertThat(cached.problems()).isNotEmpty();
        assertThat(cached.problems()).isEqualTo(fresh.read(bad, "f.yaml").problems());
        assertThat(cached.problems().get(0).line()).isEqualTo(11);
    }
}
