package dev.archway.gateway.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tracing on: OpenTelemetry spans exported over OTLP by the SDK's batch processor, whose thread
 * does the network work; an event loop only queues a finished span (a full queue drops it, counted
 * by the SDK, rather than wait).
 *
 * <p>Span names and attributes follow the OpenTelemetry HTTP conventions, with the gateway's own
 * under {@code archway.*}: the server span is {@code METHOD route-name} (a route name is a stable,
 * low-cardinality name, unlike a path), its children are one client span per try at the upstream
 * and one span per filter that made the request wait.
 */
public final class OtlpTracing implements RequestTracing {
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> HOST = AttributeKey.stringKey("server.address");
    static final AttributeKey<String> CLIENT = AttributeKey.stringKey("client.address");
    static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("network.protocol.version");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("archway.route");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("archway.outcome");
    static final AttributeKey<String> CLUSTER = AttributeKey.stringKey("archway.cluster");
    static final AttributeKey<String> PEER = AttributeKey.stringKey("network.peer.address");
    static final AttributeKey<String> FILTER = AttributeKey.stringKey("archway.filter");

    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SCHEDULE_DELAY = Duration.ofSeconds(1);
    private static final int QUEUE_SIZE = 8192;

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private OtlpTracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get("dev.archway.gateway");
    }

    /** Starts the exporter; nothing is sent until a span ends. */
    public static OtlpTracing start(TraceSettings settings) {
        SpanExporter exporter = switch (settings.protocol()) {
            case HTTP_PROTOBUF -> {
                var builder = OtlpHttpSpanExporter.builder().setEndpoint(settings.endpoint().toString())
                        .setTimeout(EXPORT_TIMEOUT);
                settings.headers().forEach(builder::addHeader);
                yield builder.build();
            }
            case GRPC -> {
                var builder = OtlpGrpcSpanExporter.builder().setEndpoint(settings.endpoint().toString())
                        .setTimeout(EXPORT_TIMEOUT);
                settings.headers().forEach(builder::addHeader);
                yield builder.build();
            }
        };
        Resource resource = Resource.getDefault().merge(Resource.create(
                Attributes.of(AttributeKey.stringKey("service.name"), settings.serviceName())));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource)
                // A caller's decision is kept, so a trace is whole or absent across hops.
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampling())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter)
                        .setScheduleDelay(SCHEDULE_DELAY)
                        .setMaxQueueSize(QUEUE_SIZE)
                        .setExporterTimeout(EXPORT_TIMEOUT)
                        .build())
                .build();
        return new OtlpTracing(provider);
    }

    @Override
    public RequestTrace begin(MultiMap headers, RequestInfo request) {
        String value = headers.get(TraceContext.TRACEPARENT);
        TraceContext caller = value == null ? null : TraceContext.parse(value.trim());
        Context parent = Context.root();
        if (caller != null) {
            parent = parent.with(Span.wrap(SpanContext.createFromRemoteParent(caller.traceId(), caller.parentId(),
                    TraceFlags.fromHex(caller.flags(), 0), TraceState.getDefault())));
        }
        Span server = tracer.spanBuilder(request.method() + " " + request.route())
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(request.startEpochNanos(), TimeUnit.NANOSECONDS)
                .setAttribute(METHOD, request.method())
                .setAttribute(SCHEME, request.scheme())
                .setAttribute(HOST, request.host())
                .setAttribute(PATH, request.path())
                .setAttribute(CLIENT, request.clientAddress())
                .setAttribute(PROTOCOL, protocolVersion(request.protocol()))
                .setAttribute(ROUTE, request.route())
                .startSpan();
        SpanContext own = server.getSpanContext();
        TraceContext context = new TraceContext(own.getTraceId(), own.getSpanId(),
                caller == null ? null : caller.parentId(), own.getTraceFlags().asHex());
        // Until a try at the upstream replaces it with its client span, the upstream's parent is us.
        headers.set(TraceContext.TRACEPARENT, context.header());
        return new SpanTrace(server, context);
    }

    /** {@code HTTP/1.1} as the conventions write it: {@code 1.1}. */
    private static String protocolVersion(String protocol) {
        return protocol != null && protocol.startsWith("HTTP/") ? protocol.substring(5) : protocol;
    }

    @Override
    public void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }

    private final class SpanTrace implements RequestTrace {
        private final Span server;
        private final TraceContext context;

        SpanTrace(Span server, TraceContext context) {
            this.server = server;
            this.context = context;
        }

        @Override
        public TraceContext context() {
            return context;
        }

        @Override
        public UpstreamSpan upstream(MultiMap headers, String method, String cluster, String address) {
            Span client = tracer.spanBuilder(method)
                    .setParent(Context.root().with(server))
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(METHOD, method)
                    .setAttribute(CLUSTER, cluster)
                    .setAttribute(PEER, address)
                    .startSpan();
            headers.set(TraceContext.TRACEPARENT, "00-" + context.traceId() + "-"
                    + client.getSpanContext().getSpanId() + "-" + context.flags());
            return (status, error) -> {
                if (status > 0) {
                    client.setAttribute(STATUS, status);
                }
                if (error != null) {
                    client.setStatus(StatusCode.ERROR, error);
                } else if (status >= 500) {
                    client.setStatus(StatusCode.ERROR);
                }
                client.end();
            };
        }

        @Override
        public Runnable filterWaits(String filter) {
            Span wait = tracer.spanBuilder("filter " + filter)
                    .setParent(Context.root().with(server))
                    .setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(FILTER, filter)
                    .startSpan();
            return wait::end;
        }

        @Override
        public void end(int status, String outcome) {
            if (status > 0) {
                server.setAttribute(STATUS, status);
            }
            server.setAttribute(OUTCOME, outcome);
            // Server spans are errors for 5xx only: a 4xx is the client's, as the conventions say.
            if (status >= 500 || status == 0) {
                server.setStatus(StatusCode.ERROR, outcome);
            }
            server.end();
        }
    }
}
