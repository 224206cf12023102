package dev.archway.gatewayapi.ir.filters;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.util.List;

/**
 * A GraphQL API executed by the gateway: the filter answers every request of its rule itself.
 *
 * @param api the GraphQLApi, {@code <ns>/<name>}, for messages
 * @param schema the SDL, already checked by the translator
 * @param resolvers the fields fetched from REST backends
 * @param protection limits and persisted queries
 */
public record GraphQLApiConfig(String api, String schema, List<Resolver> resolvers,
        GraphQLProtectionConfig protection) {

    public GraphQLApiConfig {
        resolvers = List.copyOf(resolvers);
    }

    /**
     * One field's REST call. Templates are checked by the translator
     * ({@link dev.archway.gatewayapi.graphql.Template}).
     *
     * @param cluster the cluster of the snapshot the call goes to
     * @param authority the Host header of the call
     * @param path a template; rendered values are percent-encoded as path segments
     * @param query query parameters (values are templates; a parameter without value is left out)
     * @param headers request headers (values are templates; a header without value is left out)
     * @param body a template whose values are written as JSON, or null for no body
     * @param resultPath dotted path into the JSON answer, or null for all of it
     * @param batch null: one call per distinct request
     */
    public record Resolver(
            String type,
            String field,
            String backend,
            String cluster,
            String authority,
            String method,
            String path,
            List<NameTemplate> query,
            List<NameTemplate> headers,
            String body,
            String resultPath,
            @JsonSerialize(using = ToStringSerializer.class) Duration timeout,
            Batch batch) {

        public Resolver {
            query = List.copyOf(query);
            headers = List.copyOf(headers);
        }
    }

    /** A name and a template for its value. */
    public record NameTemplate(String name, String template) {}

    /**
     * @param key template of each item's key (args, parent, header, claim)
     * @param matchField the field of each answer element compared with the key
     * @param maxSize keys per call; more keys make more calls
     * @param separator between keys in {@code {{ keys }}}
     */
    public record Batch(String key, String matchField, int maxSize, String separator) {}
}
