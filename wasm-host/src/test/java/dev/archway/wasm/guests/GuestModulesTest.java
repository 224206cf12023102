package dev.archway.wasm.guests;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every guest module the build compiles keeps the proxy-wasm ABI 0.2.0 a host relies on: the
 * entry points it exports and the host functions it imports, each with the ABI's signature.
 */
class GuestModulesTest {
    static final List<String> MODULES = GuestModules.ALL;
    /** The memory, and what AssemblyScript's reference-counting runtime exports besides it. */
    static final List<String> ASSEMBLYSCRIPT_RUNTIME_EXPORTS =
            List.of("memory", "free", "__alloc", "__retain", "__release", "__collect", "__rtti_base");

    @Test
    void buildsEveryGuestModuleAndNoOther() throws IOException {
        try (Stream<Path> files = Files.list(GuestModules.directory())) {
            List<String> built = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".wasm"))
                    .map(name -> name.substring(0, name.length() - ".wasm".length()))
                    .toList();
            assertThat(built).containsExactlyInAnyOrderElementsOf(GuestModules.ALL);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("MODULES")
    void exportsEveryProxyWasmEntryPointWithItsAbiSignature(String module) {
        Map<String, String> exported = exportedFunctions(parse(module));

        assertThat(exported).containsAllEntriesOf(ProxyWasmAbi.GUEST_EXPORTS);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("MODULES")
    void exportsNothingButTheEntryPointsAndTheAssemblyScriptRuntime(String module) {
        Set<String> allowed = new HashSet<>(ProxyWasmAbi.GUEST_EXPORTS.keySet());
        allowed.addAll(ASSEMBLYSCRIPT_RUNTIME_EXPORTS);

        assertThat(exports(parse(module))).extracting(Export::name).allMatch(allowed::contains,
                "an ABI entry point or one of " + ASSEMBLYSCRIPT_RUNTIME_EXPORTS);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("MODULES")
    void exportsItsMemoryForTheHostToCopyDataThrough(String module) {
        WasmModule wasm = parse(module);

        assertThat(exports(wasm)).anySatisfy(export -> {
            assertThat(export.name()).isEqualTo("memory");
            assertThat(export.exportType()).isEqualTo(ExternalType.MEMORY);
        });
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("MODULES")
    void importsOnlyProxyWasmHostFunctionsWithTheirAbiSignatures(String module) {
        WasmModule wasm = parse(module);
        List<String> unexpected = new ArrayList<>();
        for (Import imported : imports(wasm)) {
            String where = imported.module() + "." + imported.name();
            if (!(imported instanceof FunctionImport function)) {
                unexpected.add(where + ": a " + imported.importType() + " (expected: functions only)");
                continue;
            }
            String actual = ProxyWasmAbi.signature(wasm.typeSection().getType(function.typeIndex()));
            String expected = expectedImportSignature(imported);
            if (!actual.equals(expected)) {
                unexpected.add(where + " " + actual + " (expected: " + (expected == null ? "no such import" : expected) + ")");
            }
        }

        assertThat(unexpected).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("MODULES")
    void registersItsRootsFromTheStartSectionSoNoStartExportIsCalled(String module) {
        WasmModule wasm = parse(module);

        assertThat(wasm.startSection()).isPresent();
        assertThat(exports(wasm)).extracting(Export::name).doesNotContain("_start", "_initialize");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("MODULES")
    void instantiatesOnChicoryAndAllocatesGuestMemory(String module) {
        WasmModule wasm = parse(module);
        // Every import answers 0 (Ok): enough to run the start section, which calls none of them.
        ImportValues.Builder host = ImportValues.builder();
        for (Import imported : imports(wasm)) {
            FunctionType type = wasm.typeSection().getType(((FunctionImport) imported).typeIndex());
            host.addFunction(new HostFunction(imported.module(), imported.name(), type,
                    (instance, args) -> type.returns().isEmpty() ? null : new long[] {0}));
        }

        Instance instance = Instance.builder(wasm).withImportValues(host.build()).build();
        long pointer = instance.export("malloc").apply(64)[0];

        assertThat(pointer).isPositive();
        assertThat(pointer + 64).isLessThanOrEqualTo((long) instance.memory().pages() * Memory.PAGE_SIZE);
    }

    private static String expectedImportSignature(Import imported) {
        if (imported.module().equals("env")) {
            return ProxyWasmAbi.HOST_FUNCTIONS.get(imported.name());
        }
        if (imported.module().equals(ProxyWasmAbi.WASI_MODULE) && imported.name().equals(ProxyWasmAbi.WASI_PROC_EXIT)) {
            return ProxyWasmAbi.WASI_PROC_EXIT_SIGNATURE;
        }
        return null;
    }

    /** Exported functions by name, each with its signature. */
    static Map<String, String> exportedFunctions(WasmModule wasm) {
        int importedFunctions = wasm.importSection().count(ExternalType.FUNCTION);
        Map<String, String> functions = new TreeMap<>();
        for (Export export : exports(wasm)) {
            if (export.exportType() == ExternalType.FUNCTION) {
                int typeIndex = wasm.functionSection().getFunctionType(export.index() - importedFunctions);
                functions.put(export.name(), ProxyWasmAbi.signature(wasm.typeSection().getType(typeIndex)));
            }
        }
        return functions;
    }

    static List<Export> exports(WasmModule wasm) {
        List<Export> exports = new ArrayList<>();
        for (int i = 0; i < wasm.exportSection().exportCount(); i++) {
            exports.add(wasm.exportSection().getExport(i));
        }
        return exports;
    }

    static List<Import> imports(WasmModule wasm) {
        return wasm.importSection().stream().toList();
    }

    private static WasmModule parse(String module) {
        return Parser.parse(GuestModules.path(module));
    }
}
