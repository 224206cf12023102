package dev.archway.plugins.builtin.graphql.api;

import dev.archway.gatewayapi.ir.filters.GraphQLApiConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLApiConfig.NameTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds a resolver of the config as the translator would, with the test's cluster names. */
final class Rest {
    private final String type;
    private final String field;
    private final String cluster;
    private final String path;
    private String method = "GET";
    private final List<NameTemplate> query = new ArrayList<>();
    private final List<NameTemplate> headers = new ArrayList<>();
    private String body;
    private String resultPath;
    private Duration timeout = Duration.ofSeconds(5);
    private GraphQLApiConfig.Batch batch;

    private Rest(String coordinate, String cluster, String path) {
        this.type = coordinate.substring(0, coordinate.indexOf('.'));
        this.field = coordinate.substring(coordinate.indexOf('.') + 1);
        this.cluster = cluster;
        this.path = path;
    }

    /** {@code Type.field} resolved by a call to {@code cluster} (the backend "Service default/cluster"). */
    static Rest call(String coordinate, String cluster, String path) {
        return new Rest(coordinate, cluster, path);
    }

    Rest method(String method) {
        this.method = method;
        return this;
    }

    Rest query(String name, String template) {
        query.add(new NameTemplate(name, template));
        return this;
    }

    Rest header(String name, String template) {
        headers.add(new NameTemplate(name, template));
        return this;
    }

    Rest body(String template) {
        this.body = template;
        return this;
    }

    Rest resultPath(String resultPath) {
        this.resultPath = resultPath;
        return this;
    }

    Rest timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    Rest batch(String key, String matchField, int maxSize) {
        this.batch = new GraphQLApiConfig.Batch(key, matchField, maxSize, ",");
        return this;
    }

    GraphQLApiConfig.Resolver build() {
        return new GraphQLApiConfig.Resolver(type, field, "Service default/" + cluster, cluster,
                cluster + ".default.svc", method, path, query, headers, body, resultPath, timeout, batch);
    }
}
