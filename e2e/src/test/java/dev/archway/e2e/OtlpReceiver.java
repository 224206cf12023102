package dev.archway.e2e;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An OpenTelemetry collector's OTLP/HTTP traces endpoint on loopback ({@code POST /v1/traces},
 * {@code application/x-protobuf}), decoding what the gateway exports. The messages are read by
 * field number (opentelemetry-proto's trace.proto) with protobuf's generic parser, as the
 * generated OTLP classes are not among this build's dependencies.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One exported span; ids in lower-case hex, parent "" for a root span; kind 1 internal, 2 server, 3 client. */
    record Span(String traceId, String spanId, String parentSpanId, String name, int kind, Map<String, Object> attributes,
            String serviceName) {}

    final List<Span> spans = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    OtlpReceiver() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (!request.path().equals("/v1/traces") || !request.method().name().equals("POST")) {
                request.response().setStatusCode(404).end();
                return;
            }
            contentTypes.add(request.getHeader("content-type"));
            try {
                read(body.getBytes());
                // An empty ExportTraceServiceResponse: everything accepted.
                request.response().putHeader("content-type", "application/x-protobuf").end();
            } catch (InvalidProtocolBufferException e) {
                request.response().setStatusCode(400).end(e.getMessage());
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    /** Spans of one trace. */
    List<Span> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private void read(byte[] request) throws InvalidProtocolBufferException {
        for (ByteString resourceSpans : fields(UnknownFieldSet.parseFrom(request), 1)) {
            UnknownFieldSet rs = UnknownFieldSet.parseFrom(resourceSpans);
            String service = null;
            for (ByteString resource : fields(rs, 1)) {
                service = (String) attributes(UnknownFieldSet.parseFrom(resource), 1).get("service.name");
            }
            for (ByteString scopeSpans : fields(rs, 2)) {
                for (ByteString span : fields(UnknownFieldSet.parseFrom(scopeSpans), 2)) {
                    UnknownFieldSet s = UnknownFieldSet.parseFrom(span);
                    spans.add(new Span(hex(s, 1), hex(s, 2), hex(s, 4), text(s, 5),
                            s.hasField(6) ? s.getField(6).getVarintList().get(0).intValue() : 0, attributes(s, 9), service));
                }
            }
        }
    }

    /** The KeyValue list at field 9 of a span (field 1 of a resource): string, bool and int values. */
    private static Map<String, Object> attributes(UnknownFieldSet message, int field)
            throws InvalidProtocolBufferException {
        Map<String, Object> attributes = new HashMap<>();
        for (ByteString keyValue : fields(message, field)) {
            UnknownFieldSet kv = UnknownFieldSet.parseFrom(keyValue);
            for (ByteString any : fields(kv, 2)) {
                UnknownFieldSet value = UnknownFieldSet.parseFrom(any);
                Object v = value.hasField(1) ? text(value, 1)
                        : value.hasField(2) ? value.getField(2).getVarintList().get(0) != 0
                        : value.hasField(3) ? value.getField(3).getVarintList().get(0) : null;
                attributes.put(text(kv, 1), v);
            }
        }
        return attributes;
    }

    private static List<ByteString> fields(UnknownFieldSet message, int number) {
        return message.hasField(number) ? message.getField(number).getLengthDelimitedList() : List.of();
    }

    private static String text(UnknownFieldSet message, int number) {
        return message.hasField(number) ? fields(message, number).get(0).toStringUtf8() : "";
    }

    private static String hex(UnknownFieldSet message, int number) {
        return message.hasField(number) ? HexFormat.of().formatHex(fields(message, number).get(0).toByteArray()) : "";
    }

    @Override
    public void close() {
        vertx.close();
    }
}
