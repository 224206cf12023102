package dev.archway.wasm.abi;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Satisfies every function a module imports: the proxy-wasm functions, WASI preview 1 under both
 * {@code wasi_snapshot_preview1} and {@code wasi_unstable}, and for anything else (gRPC calls,
 * functions of a newer ABI, a signature we do not share) a stub that answers UNIMPLEMENTED, so
 * that a module importing more than it uses still loads, as in Envoy.
 */
public final class ImportLinker {
    public static final String WASI = "wasi_snapshot_preview1";
    public static final String WASI_UNSTABLE = "wasi_unstable";

    private ImportLinker() {}

    /**
     * @param stubbed told each import that got a stub, as {@code module.name}, for a log line
     */
    public static ImportValues link(WasmModule module, List<HostFunction> proxyWasm, List<HostFunction> wasi,
            Consumer<String> stubbed) {
        Map<String, HostFunction> available = new HashMap<>();
        proxyWasm.forEach(f -> available.put(f.module() + "." + f.name(), f));
        for (HostFunction f : wasi) {
            available.put(WASI + "." + f.name(), f);
            available.put(WASI_UNSTABLE + "." + f.name(),
                    new HostFunction(WASI_UNSTABLE, f.name(), f.functionType(), f.handle()));
        }
        List<ImportFunction> linked = new ArrayList<>();
        var imports = module.importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            Import imp = imports.getImport(i);
            if (imp.importType() != ExternalType.FUNCTION) {
                continue;
            }
            FunctionType wanted = module.typeSection().getType(((FunctionImport) imp).typeIndex());
            String key = imp.module() + "." + imp.name();
            HostFunction own = available.get(key);
            if (own != null && own.functionType().typesMatch(wanted)) {
                linked.add(own);
            } else {
                stubbed.accept(key);
                linked.add(stub(imp.module(), imp.name(), wanted));
            }
        }
        return ImportValues.builder().withFunctions(linked).build();
    }

    private static HostFunction stub(String module, String name, FunctionType type) {
        long[] answer = new long[type.returns().size()];
        if (answer.length == 1 && type.returns().get(0) == ValType.I32) {
            answer[0] = WasmResult.UNIMPLEMENTED;
        }
        return new HostFunction(module, name, type, (instance, args) -> answer.clone());
    }
}
