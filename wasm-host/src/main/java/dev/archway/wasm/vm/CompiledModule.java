package dev.archway.wasm.vm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * A parsed module and its guest code compiled to JVM bytecode, done once per module (by
 * checksum) and shared by every instance, on every event loop.
 *
 * @param sha256 the module's checksum, lower-case hex
 * @param module the parsed module
 * @param machines builds the compiled machine of a new instance
 */
public record CompiledModule(String sha256, WasmModule module, Function<Instance, Machine> machines) {}
