package dev.archway.wasm.testkit;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.WasmFilterConfig;
import dev.archway.gatewayapi.ir.filters.WasmModuleSource;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.UpstreamClient;
import dev.archway.wasm.filter.WasmFilterFactory;
import dev.archway.wasm.vm.GuestLogs;
import dev.archway.wasm.vm.GuestMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Runs a proxy-wasm plugin in Archway's real Wasm host, without a gateway: for plugin authors'
 * unit tests (JUnit 5 or any other framework). The module is compiled and started exactly as the
 * gateway does; requests and responses are driven in memory, and calls the plugin makes
 * ({@code proxy_http_call}) go to handlers the test registers per cluster name.
 *
 * <pre>{@code
 * try (WasmPluginHarness plugin = WasmPluginHarness.builder(Path.of("build/add_header.wasm"))
 *         .config("{\"header\": \"x-hello\", \"value\": \"world\"}").start()) {
 *     Exchange exchange = plugin.request("GET", "/").send();
 *     assertThat(exchange.upstreamHeaders().get("x-hello")).isEqualTo("world");
 * }
 * }</pre>
 */
public final class WasmPluginHarness implements AutoCloseable {
    private final Vertx vertx;
    private final Context loop;
    private final HttpFilter filter;
    private final String name;
    private final List<GuestLogs.Line> logs = new CopyOnWriteArrayList<>();
    private final GuestLogs.Listener listener;

    private WasmPluginHarness(Builder builder) {
        this.name = builder.name;
        this.vertx = Vertx.vertx();
        this.loop = vertx.getOrCreateContext();
        this.listener = line -> {
            if (line.plugin().equals(name)) {
                logs.add(line);
            }
        };
        GuestLogs.listen(listener);
        WasmFilterConfig config = new WasmFilterConfig(builder.name,
                new WasmModuleSource(builder.module.toAbsolutePath().toString(), null, null), builder.rootId,
                builder.vmId, builder.vmConfig, builder.config, builder.failOpen, builder.bufferRequestBody);
        UpstreamClient clusters = new KitClusters(Map.copyOf(builder.clusters));
        FilterBuildContext context = new FilterBuildContext() {
            @Override
            public Vertx vertx() {
                return vertx;
            }

            @Override
            public UpstreamClient upstreams() {
                return clusters;
            }
        };
        try {
            this.filter = new WasmFilterFactory().create(config, context);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A harness for the module at {@code module} (a {@code .wasm} file). */
    public static Builder builder(Path module) {
        return new Builder(requireNonNull(module, "module"));
    }

    /** A request to the plugin; send it with {@link Exchange#send()}. */
    public Exchange request(String method, String pathAndQuery) {
        return new Exchange(filter, loop, method, pathAndQuery);
    }

    /** What this plugin logged so far ({@code proxy_log} and WASI stdout/stderr), oldest first. */
    public List<GuestLogs.Line> logs() {
        return List.copyOf(logs);
    }

    /** The messages this plugin logged, oldest first. */
    public List<String> logMessages() {
        List<String> messages = new ArrayList<>();
        logs.forEach(line -> messages.add(line.message()));
        return messages;
    }

    /** The value of the counter or gauge the plugin defined as {@code metric}, or null. */
    public Long metric(String metric) {
        return GuestMetrics.global().value(metric);
    }

    @Override
    public void close() {
        GuestLogs.unlisten(listener);
        if (filter != null) {
            filter.close();
        }
        vertx.close();
    }

    /** What a plugin's outgoing call looked like, for a cluster handler. */
    public record CallRequest(String method, String authority, String path, MultiMap headers, String body) {}

    /** A cluster handler's answer to an outgoing call. */
    public record CallResponse(int status, Map<String, String> headers, String body) {
        public static CallResponse of(int status, String body) {
            return new CallResponse(status, Map.of(), body);
        }
    }

    private record KitClusters(Map<String, Function<CallRequest, CallResponse>> handlers) implements UpstreamClient {
        @Override
        public Future<UpstreamResponse> send(String cluster, String method, String authority, String pathAndQuery,
                MultiMap headers, Buffer body) {
            Function<CallRequest, CallResponse> handler = handlers.get(cluster);
            if (handler == null) {
                return Future.failedFuture("no cluster " + cluster + " (known: " + handlers.keySet() + ")");
            }
            CallResponse answer = handler.apply(new CallRequest(method, authority, pathAndQuery, headers, body.toString()));
            MultiMap answerHeaders = MultiMap.caseInsensitiveMultiMap();
            answer.headers().forEach(answerHeaders::add);
            return Future.succeededFuture(new UpstreamResponse(answer.status(), answerHeaders, Buffer.buffer(answer.body())));
        }
    }

    /** How the plugin is configured; every value has the gateway's default. */
    public static final class Builder {
        private final Path module;
        private String name = "plugin-under-test";
        private String rootId = "";
        private String vmId = "";
        private String vmConfig = "";
        private String config = "";
        private boolean failOpen;
        private boolean bufferRequestBody;
        private final Map<String, Function<CallRequest, CallResponse>> clusters = new HashMap<>();

        private Builder(Path module) {
            this.module = module;
        }

        public Builder name(String name) {
            this.name = requireNonNull(name, "name");
            return this;
        }

        public Builder rootId(String rootId) {
            this.rootId = requireNonNull(rootId, "rootId");
            return this;
        }

        public Builder vmId(String vmId) {
            this.vmId = requireNonNull(vmId, "vmId");
            return this;
        }

        public Builder vmConfig(String vmConfig) {
            this.vmConfig = requireNonNull(vmConfig, "vmConfig");
            return this;
        }

        public Builder config(String config) {
            this.config = requireNonNull(config, "config");
            return this;
        }

        public Builder failOpen(boolean failOpen) {
            this.failOpen = failOpen;
            return this;
        }

        /** Gives the plugin the request body ({@code bufferRequestBody} in the policy). */
        public Builder bufferRequestBody(boolean buffer) {
            this.bufferRequestBody = buffer;
            return this;
        }

        /** Answers the plugin's {@code proxy_http_call}s to {@code cluster} with {@code handler}. */
        public Builder cluster(String cluster, Function<CallRequest, CallResponse> handler) {
            clusters.put(requireNonNull(cluster, "cluster"), requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Compiles and starts the plugin as the gateway would.
         *
         * @throws IllegalArgumentException when the module cannot load or refuses its config
         */
        public WasmPluginHarness start() {
            return new WasmPluginHarness(this);
        }
    }
}
