package dev.archway.wasm.abi;

import static dev.archway.wasm.abi.WasmResult.BAD_ARGUMENT;
import static dev.archway.wasm.abi.WasmResult.INVALID_MEMORY_ACCESS;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The proxy-wasm host functions (module {@code env}) bound to one {@link GuestHost}. Each function
 * decodes its arguments from guest memory, asks the host, and encodes the answer; a pointer
 * outside guest memory answers INVALID_MEMORY_ACCESS and a malformed argument BAD_ARGUMENT, so a
 * careless guest gets a status code, not a crash of the request.
 *
 * <p>The functions are grouped by what they touch: {@link StreamFunctions} (headers, buffers,
 * local replies, pausing), {@link ServiceFunctions} (logging, time, properties, http calls,
 * timers, shared data and queues, metrics).
 */
public final class HostFunctions {
    static final String ENV = "env";

    private HostFunctions() {}

    /** Every function Archway implements for {@code host}, by ABI name. */
    public static List<HostFunction> forHost(GuestHost host) {
        List<HostFunction> all = new ArrayList<>();
        all.addAll(StreamFunctions.of(host));
        all.addAll(ServiceFunctions.of(host));
        return Collections.unmodifiableList(all);
    }

    /** A function taking {@code params} i32 arguments and answering an i32 status. */
    interface I32Call {
        int call(long[] args);
    }

    static HostFunction i32(String name, int params, I32Call body) {
        List<ValType> types = Collections.nCopies(params, ValType.I32);
        return new HostFunction(ENV, name, FunctionType.of(types, List.of(ValType.I32)),
                (instance, args) -> new long[] {guarded(body, args)});
    }

    /** Like {@link #i32} with explicit parameter types (for the i64 metric values). */
    static HostFunction typed(String name, List<ValType> params, I32Call body) {
        return new HostFunction(ENV, name, FunctionType.of(params, List.of(ValType.I32)),
                (instance, args) -> new long[] {guarded(body, args)});
    }

    private static int guarded(I32Call body, long[] args) {
        try {
            return body.call(args);
        } catch (GuestMemory.OutOfBounds e) {
            return INVALID_MEMORY_ACCESS;
        } catch (IllegalArgumentException e) {
            return BAD_ARGUMENT;
        }
    }

    static int arg(long[] args, int i) {
        return (int) args[i];
    }
}
