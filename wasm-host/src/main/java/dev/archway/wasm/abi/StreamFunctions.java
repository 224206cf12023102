package dev.archway.wasm.abi;

import static dev.archway.wasm.abi.HostFunctions.arg;
import static dev.archway.wasm.abi.HostFunctions.i32;
import static dev.archway.wasm.abi.WasmResult.BAD_ARGUMENT;
import static dev.archway.wasm.abi.WasmResult.NOT_FOUND;
import static dev.archway.wasm.abi.WasmResult.OK;

import com.dylibso.chicory.runtime.HostFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Host functions over the current HTTP stream: header maps, buffers, local replies, pausing. */
final class StreamFunctions {

    private StreamFunctions() {}

    static List<HostFunction> of(GuestHost host) {
        GuestMemory mem = host.memory();
        return List.of(
                i32("proxy_get_header_map_value", 5, a -> {
                    HeaderMapView map = host.headerMap(arg(a, 0));
                    if (map == null) {
                        return BAD_ARGUMENT;
                    }
                    String value = map.get(mem.readString(arg(a, 1), arg(a, 2)));
                    if (value == null) {
                        return NOT_FOUND;
                    }
                    mem.returnBytes(value.getBytes(StandardCharsets.UTF_8), arg(a, 3), arg(a, 4));
                    return OK;
                }),
                i32("proxy_get_header_map_pairs", 3, a -> {
                    HeaderMapView map = host.headerMap(arg(a, 0));
                    if (map == null) {
                        return BAD_ARGUMENT;
                    }
                    mem.returnBytes(HeaderPairs.encode(map.pairs()), arg(a, 1), arg(a, 2));
                    return OK;
                }),
                i32("proxy_get_header_map_size", 2, a -> {
                    HeaderMapView map = host.headerMap(arg(a, 0));
                    if (map == null) {
                        return BAD_ARGUMENT;
                    }
                    mem.writeI32(arg(a, 1), HeaderPairs.encode(map.pairs()).length);
                    return OK;
                }),
                i32("proxy_set_header_map_pairs", 3, a -> {
                    HeaderMapView map = writable(host, arg(a, 0));
                    if (map == null) {
                        return BAD_ARGUMENT;
                    }
                    map.setPairs(HeaderPairs.decode(mem.read(arg(a, 1), arg(a, 2))));
                    return OK;
                }),
                i32("proxy_add_header_map_value", 5, a -> {
                    HeaderMapView map = writable(host, arg(a, 0));
                    if (map == null) {
                        return BAD_ARGUMENT;
                    }
                    map.add(mem.readString(arg(a, 1), arg(a, 2)), mem.readString(arg(a, 3), arg(a, 4)));
                    return OK;
                }),
                i32("proxy_replace_header_map_value", 5, a -> {
                    HeaderMapView map = writable(host, arg(a, 0));
                    if (map == null) {
                        return BAD_ARGUMENT;
                    }
                    map.replace(mem.readString(arg(a, 1), arg(a, 2)), mem.readString(arg(a, 3), arg(a, 4)));
                    return OK;
                }),
                i32("proxy_remove_header_map_value", 3, a -> {
                    HeaderMapView map = writable(host, arg(a, 0));
                    if (map == null) {
                        return BAD_ARGUMENT;
                    }
                    map.remove(mem.readString(arg(a, 1), arg(a, 2)));
                    return OK;
                }),
                i32("proxy_get_buffer_bytes", 5, a -> {
                    byte[] buffer = host.buffer(arg(a, 0));
                    if (buffer == null) {
                        return NOT_FOUND;
                    }
                    int start = arg(a, 1);
                    int max = arg(a, 2);
                    if (start < 0 || max < 0) {
                        return BAD_ARGUMENT;
                    }
                    if (start >= buffer.length) {
                        // Envoy answers an empty read past the end, so SDK loops terminate.
                        mem.returnBytes(new byte[0], arg(a, 3), arg(a, 4));
                        return OK;
                    }
                    int length = Math.min(max, buffer.length - start);
                    byte[] slice = new byte[length];
                    System.arraycopy(buffer, start, slice, 0, length);
                    mem.returnBytes(slice, arg(a, 3), arg(a, 4));
                    return OK;
                }),
                i32("proxy_get_buffer_status", 3, a -> {
                    byte[] buffer = host.buffer(arg(a, 0));
                    if (buffer == null) {
                        return NOT_FOUND;
                    }
                    mem.writeI32(arg(a, 1), buffer.length);
                    mem.writeI32(arg(a, 2), 0);
                    return OK;
                }),
                i32("proxy_set_buffer_bytes", 5, a -> host.setBuffer(arg(a, 0), arg(a, 1), arg(a, 2),
                        mem.read(arg(a, 3), arg(a, 4)))),
                i32("proxy_send_local_response", 8, a -> host.sendLocalResponse(arg(a, 0),
                        mem.readString(arg(a, 1), arg(a, 2)), mem.read(arg(a, 3), arg(a, 4)),
                        HeaderPairs.decode(mem.read(arg(a, 5), arg(a, 6))))),
                i32("proxy_continue_stream", 1, a -> host.continueStream(arg(a, 0))),
                i32("proxy_close_stream", 1, a -> host.closeStream(arg(a, 0))),
                // ABI 0.1.0 names of the same operations.
                i32("proxy_continue_request", 0, a -> host.continueStream(AbiTypes.STREAM_REQUEST)),
                i32("proxy_continue_response", 0, a -> host.continueStream(AbiTypes.STREAM_RESPONSE)),
                i32("proxy_clear_route_cache", 0, a -> OK));
    }

    private static HeaderMapView writable(GuestHost host, int type) {
        HeaderMapView map = host.headerMap(type);
        return map != null && map.writable() ? map : null;
    }
}
