package dev.archway.gatewayapi.crd;

import static dev.archway.gatewayapi.crd.OpenApiSchemas.map;

import dev.archway.gatewayapi.model.ArchwayResource;
import dev.archway.gatewayapi.model.Backend;
import dev.archway.gatewayapi.model.DirectResponse;
import dev.archway.gatewayapi.model.GatewayExtension;
import dev.archway.gatewayapi.model.GraphQLApi;
import dev.archway.gatewayapi.model.TrafficPolicy;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CustomResourceDefinitions of the Archway kinds ({@code gateway.archway.dev/v1alpha1}), their
 * {@code spec} schemas generated from the model classes the translator reads. Status is written by
 * the controller in the Gateway API's shapes and kept free-form here.
 */
public final class ArchwayCrds {

    /** One kind: its model class, plural, short names, and the columns {@code kubectl get} shows. */
    record Kind(Class<? extends ArchwayResource<?>> model, String kind, String plural, List<String> shortNames,
            List<Map<String, Object>> columns) {}

    private static final Map<String, Object> AGE = map("name", "Age", "type", "date",
            "jsonPath", ".metadata.creationTimestamp");

    static final List<Kind> KINDS = List.of(
            new Kind(Backend.class, Backend.KIND, "backends", List.of(), List.of(
                    map("name", "Protocol", "type", "string", "jsonPath", ".spec.appProtocol"), AGE)),
            new Kind(DirectResponse.class, DirectResponse.KIND, "directresponses", List.of("dr"), List.of(
                    map("name", "Status", "type", "integer", "jsonPath", ".spec.status"), AGE)),
            new Kind(GatewayExtension.class, GatewayExtension.KIND, "gatewayextensions", List.of("gwext"), List.of(AGE)),
            new Kind(TrafficPolicy.class, TrafficPolicy.KIND, "trafficpolicies", List.of("tp"), List.of(
                    map("name", "Accepted", "type", "string",
                            "jsonPath", ".status.ancestors[0].conditions[?(@.type==\"Accepted\")].status"), AGE)),
            new Kind(GraphQLApi.class, GraphQLApi.KIND, "graphqlapis", List.of("gqlapi"), List.of(
                    map("name", "Accepted", "type", "string",
                            "jsonPath", ".status.conditions[?(@.type==\"Accepted\")].status"), AGE)));

    private ArchwayCrds() {}

    /** File name ({@code <plural>.gateway.archway.dev.yaml}) → CRD document, in a fixed order. */
    public static Map<String, Map<String, Object>> definitions() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Kind kind : KINDS) {
            out.put(kind.plural() + "." + ArchwayResource.GROUP + ".yaml", definition(kind));
        }
        return out;
    }

    static Map<String, Object> definition(Kind kind) {
        Map<String, Object> schema = map("type", "object", "properties", map(
                "apiVersion", map("type", "string"),
                "kind", map("type", "string"),
                "metadata", map("type", "object"),
                "spec", OpenApiSchemas.of(specType(kind.model())),
                "status", map("type", "object", "x-kubernetes-preserve-unknown-fields", true)));
        Map<String, Object> names = map("kind", kind.kind(), "listKind", kind.kind() + "List", "plural", kind.plural(),
                "singular", kind.kind().toLowerCase(java.util.Locale.ROOT));
        if (!kind.shortNames().isEmpty()) {
            names.put("shortNames", kind.shortNames());
        }
        names.put("categories", List.of("archway"));
        return map(
                "apiVersion", "apiextensions.k8s.io/v1",
                "kind", "CustomResourceDefinition",
                "metadata", map("name", kind.plural() + "." + ArchwayResource.GROUP),
                "spec", map(
                        "group", ArchwayResource.GROUP,
                        "names", names,
                        "scope", "Namespaced",
                        "versions", List.of(map(
                                "name", "v1alpha1",
                                "served", true,
                                "storage", true,
                                "schema", map("openAPIV3Schema", schema),
                                "subresources", map("status", map()),
                                "additionalPrinterColumns", kind.columns()))));
    }

    /** A definition as YAML, as the files under {@code charts/archway/crds/} hold it. */
    public static String yaml(Map<String, Object> definition) {
        try {
            return "# Generated from the Java model by ArchwayCrds; regenerate, do not edit.\n" + YAML.writeValueAsString(definition);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.dataformat.yaml.YAMLMapper YAML = com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    /** {@code S} of {@code ArchwayResource<S>}. */
    static Type specType(Class<?> model) {
        Type parent = model.getGenericSuperclass();
        if (parent instanceof ParameterizedType parameterized && parameterized.getRawType() == ArchwayResource.class) {
            return parameterized.getActualTypeArguments()[0];
        }
        throw new IllegalArgumentException(model.getName() + " does not extend ArchwayResource<Spec>");
    }
}
