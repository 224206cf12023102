package dev.archway.wasm.abi;

import static dev.archway.wasm.abi.HostFunctions.arg;
import static dev.archway.wasm.abi.HostFunctions.i32;
import static dev.archway.wasm.abi.HostFunctions.typed;
import static dev.archway.wasm.abi.WasmResult.BAD_ARGUMENT;
import static dev.archway.wasm.abi.WasmResult.EMPTY;
import static dev.archway.wasm.abi.WasmResult.NOT_FOUND;
import static dev.archway.wasm.abi.WasmResult.OK;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Host functions that do not belong to one HTTP stream: logging, time, properties, outgoing
 * calls, timers, shared data and queues, metrics.
 */
final class ServiceFunctions {

    private ServiceFunctions() {}

    static List<HostFunction> of(GuestHost host) {
        GuestMemory mem = host.memory();
        return List.of(
                i32("proxy_log", 3, a -> {
                    host.log(LogLevel.of(arg(a, 0)), mem.readString(arg(a, 1), arg(a, 2)));
                    return OK;
                }),
                i32("proxy_get_log_level", 1, a -> {
                    mem.writeI32(arg(a, 0), host.logLevel().ordinal());
                    return OK;
                }),
                i32("proxy_get_current_time_nanoseconds", 1, a -> {
                    java.time.Instant now = java.time.Instant.now();
                    mem.writeI64(arg(a, 0), now.getEpochSecond() * 1_000_000_000L + now.getNano());
                    return OK;
                }),
                i32("proxy_set_tick_period_milliseconds", 1, a -> host.setTickPeriod(arg(a, 0))),
                i32("proxy_set_effective_context", 1, a -> host.setEffectiveContext(arg(a, 0))),
                i32("proxy_done", 0, a -> host.done()),
                i32("proxy_call_foreign_function", 6, a -> NOT_FOUND),
                i32("proxy_get_property", 4, a -> {
                    byte[] value = host.property(path(mem.read(arg(a, 0), arg(a, 1))));
                    if (value == null) {
                        return NOT_FOUND;
                    }
                    mem.returnBytes(value, arg(a, 2), arg(a, 3));
                    return OK;
                }),
                i32("proxy_set_property", 4, a -> host.setProperty(path(mem.read(arg(a, 0), arg(a, 1))),
                        mem.read(arg(a, 2), arg(a, 3)))),
                // ABI 0.1.0: the plugin configuration, later buffer type 7.
                i32("proxy_get_configuration", 2, a -> {
                    byte[] config = host.buffer(AbiTypes.BUFFER_PLUGIN_CONFIGURATION);
                    mem.returnBytes(config == null ? new byte[0] : config, arg(a, 0), arg(a, 1));
                    return OK;
                }),
                i32("proxy_http_call", 10, a -> {
                    String cluster = mem.readString(arg(a, 0), arg(a, 1));
                    var headers = HeaderPairs.decode(mem.read(arg(a, 2), arg(a, 3)));
                    byte[] body = mem.read(arg(a, 4), arg(a, 5));
                    long token = host.httpCall(cluster, headers, body, arg(a, 8));
                    if (token < 0) {
                        return (int) -token;
                    }
                    mem.writeI32(arg(a, 9), (int) token);
                    return OK;
                }),
                i32("proxy_set_shared_data", 5, a -> host.shared().set(mem.readString(arg(a, 0), arg(a, 1)),
                        mem.read(arg(a, 2), arg(a, 3)), arg(a, 4))),
                i32("proxy_get_shared_data", 5, a -> {
                    SharedStore.Versioned value = host.shared().get(mem.readString(arg(a, 0), arg(a, 1)));
                    if (value == null) {
                        return NOT_FOUND;
                    }
                    mem.returnBytes(value.value(), arg(a, 2), arg(a, 3));
                    mem.writeI32(arg(a, 4), value.cas());
                    return OK;
                }),
                i32("proxy_register_shared_queue", 3, a -> {
                    String name = mem.readString(arg(a, 0), arg(a, 1));
                    mem.writeI32(arg(a, 2), host.shared().registerQueue(name, host::queueReady));
                    return OK;
                }),
                i32("proxy_resolve_shared_queue", 5, a -> {
                    int token = host.shared().resolveQueue(mem.readString(arg(a, 0), arg(a, 1)),
                            mem.readString(arg(a, 2), arg(a, 3)));
                    if (token == 0) {
                        return NOT_FOUND;
                    }
                    mem.writeI32(arg(a, 4), token);
                    return OK;
                }),
                i32("proxy_enqueue_shared_queue", 3, a -> host.shared().enqueue(arg(a, 0), mem.read(arg(a, 1), arg(a, 2)))),
                i32("proxy_dequeue_shared_queue", 3, a -> {
                    if (!host.shared().queueExists(arg(a, 0))) {
                        return NOT_FOUND;
                    }
                    byte[] item = host.shared().dequeue(arg(a, 0));
                    if (item == null) {
                        return EMPTY;
                    }
                    mem.returnBytes(item, arg(a, 1), arg(a, 2));
                    return OK;
                }),
                i32("proxy_define_metric", 4, a -> {
                    int id = host.metrics().define(arg(a, 0), mem.readString(arg(a, 1), arg(a, 2)));
                    if (id == 0) {
                        return BAD_ARGUMENT;
                    }
                    mem.writeI32(arg(a, 3), id);
                    return OK;
                }),
                typed("proxy_increment_metric", List.of(ValType.I32, ValType.I64),
                        a -> host.metrics().increment(arg(a, 0), a[1])),
                typed("proxy_record_metric", List.of(ValType.I32, ValType.I64),
                        a -> host.metrics().record(arg(a, 0), a[1])),
                i32("proxy_get_metric", 2, a -> {
                    Long value = host.metrics().get(arg(a, 0));
                    if (value == null) {
                        return NOT_FOUND;
                    }
                    mem.writeI64(arg(a, 1), value);
                    return OK;
                }));
    }

    /** A property path: segments separated (and possibly ended) by NUL bytes. */
    static List<String> path(byte[] raw) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                if (i > start) {
                    segments.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return segments;
    }
}
