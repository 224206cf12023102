package dev.archway.wasm.guests;

import static java.util.stream.Collectors.joining;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.Map;

/**
 * The proxy-wasm ABI 0.2.0 as wasm32 function signatures, written like WAT: {@code (i32 i32) -> i32}.
 * Pointers and sizes are i32; a host function returns its WasmResult as i32.
 */
final class ProxyWasmAbi {
    /** What a host calls in the guest; every guest module must export all of these. */
    static final Map<String, String> GUEST_EXPORTS = Map.ofEntries(
            Map.entry("proxy_abi_version_0_2_0", "() -> ()"),
            Map.entry("malloc", "(i32) -> i32"),
            Map.entry("proxy_on_memory_allocate", "(i32) -> i32"),
            Map.entry("proxy_on_context_create", "(i32 i32) -> ()"),
            Map.entry("proxy_on_vm_start", "(i32 i32) -> i32"),
            Map.entry("proxy_validate_configuration", "(i32 i32) -> i32"),
            Map.entry("proxy_on_configure", "(i32 i32) -> i32"),
            Map.entry("proxy_on_tick", "(i32) -> ()"),
            Map.entry("proxy_on_queue_ready", "(i32 i32) -> ()"),
            Map.entry("proxy_on_foreign_function", "(i32 i32 i32) -> ()"),
            Map.entry("proxy_on_request_headers", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_on_request_body", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_on_request_trailers", "(i32 i32) -> i32"),
            Map.entry("proxy_on_request_metadata", "(i32 i32) -> i32"),
            Map.entry("proxy_on_response_headers", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_on_response_body", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_on_response_trailers", "(i32 i32) -> i32"),
            Map.entry("proxy_on_response_metadata", "(i32 i32) -> i32"),
            Map.entry("proxy_on_http_call_response", "(i32 i32 i32 i32 i32) -> ()"),
            Map.entry("proxy_on_grpc_receive_initial_metadata", "(i32 i32 i32) -> ()"),
            Map.entry("proxy_on_grpc_trailing_metadata", "(i32 i32 i32) -> ()"),
            Map.entry("proxy_on_grpc_receive", "(i32 i32 i32) -> ()"),
            Map.entry("proxy_on_grpc_close", "(i32 i32 i32) -> ()"),
            Map.entry("proxy_on_done", "(i32) -> i32"),
            Map.entry("proxy_on_log", "(i32) -> ()"),
            Map.entry("proxy_on_delete", "(i32) -> ()"));

    /** What a guest may import from module {@code env}: the host functions of ABI 0.2.0. */
    static final Map<String, String> HOST_FUNCTIONS = Map.ofEntries(
            Map.entry("proxy_log", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_get_status", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_set_tick_period_milliseconds", "(i32) -> i32"),
            Map.entry("proxy_get_current_time_nanoseconds", "(i32) -> i32"),
            Map.entry("proxy_get_property", "(i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_set_property", "(i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_continue_stream", "(i32) -> i32"),
            Map.entry("proxy_close_stream", "(i32) -> i32"),
            Map.entry("proxy_send_local_response", "(i32 i32 i32 i32 i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_clear_route_cache", "() -> i32"),
            Map.entry("proxy_get_shared_data", "(i32 i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_set_shared_data", "(i32 i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_register_shared_queue", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_resolve_shared_queue", "(i32 i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_dequeue_shared_queue", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_enqueue_shared_queue", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_add_header_map_value", "(i32 i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_get_header_map_value", "(i32 i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_get_header_map_pairs", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_set_header_map_pairs", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_replace_header_map_value", "(i32 i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_remove_header_map_value", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_get_header_map_size", "(i32 i32) -> i32"),
            Map.entry("proxy_get_buffer_bytes", "(i32 i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_get_buffer_status", "(i32 i32 i32) -> i32"),
            Map.entry("proxy_set_buffer_bytes", "(i32 i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_http_call", "(i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_define_metric", "(i32 i32 i32 i32) -> i32"),
            Map.entry("proxy_increment_metric", "(i32 i64) -> i32"),
            Map.entry("proxy_record_metric", "(i32 i64) -> i32"),
            Map.entry("proxy_get_metric", "(i32 i32) -> i32"),
            Map.entry("proxy_set_effective_context", "(i32) -> i32"),
            Map.entry("proxy_done", "() -> i32"));

    /** The one WASI function a module built with the SDK imports: its abort handler exits with it. */
    static final String WASI_MODULE = "wasi_unstable";
    static final String WASI_PROC_EXIT = "proc_exit";
    static final String WASI_PROC_EXIT_SIGNATURE = "(i32) -> ()";

    private ProxyWasmAbi() {}

    /** A function type the way the tables above write it. */
    static String signature(FunctionType type) {
        return "(" + names(type.params()).collect(joining(" ")) + ") -> " + results(type.returns());
    }

    private static String results(List<ValType> returns) {
        return returns.size() == 1 ? name(returns.get(0)) : "(" + names(returns).collect(joining(" ")) + ")";
    }

    private static java.util.stream.Stream<String> names(List<ValType> types) {
        return types.stream().map(ProxyWasmAbi::name);
    }

    private static String name(ValType type) {
        if (type.equals(ValType.I32)) return "i32";
        if (type.equals(ValType.I64)) return "i64";
        if (type.equals(ValType.F32)) return "f32";
        if (type.equals(ValType.F64)) return "f64";
        return type.toString();
    }
}
