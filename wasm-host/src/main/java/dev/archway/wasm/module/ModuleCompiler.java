package dev.archway.wasm.module;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.archway.gatewayapi.ir.filters.WasmModuleSource;
import dev.archway.wasm.vm.CompiledModule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses and compiles modules to JVM bytecode, once per checksum: a reload, or a plugin on many
 * routes, reuses the compiled classes. A module named by URL with a checksum already compiled is
 * not downloaded again. Keeps the {@value #CAPACITY} most recently used modules.
 */
public final class ModuleCompiler {
    static final int CAPACITY = 32;
    private static final ModuleCompiler SHARED = new ModuleCompiler(new ModuleLoader());

    private final ModuleLoader loader;
    private final Map<String, CompiledModule> bySha = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledModule> eldest) {
            return size() > CAPACITY;
        }
    };

    private final Map<String, FileStamp> fileStamps = new java.util.HashMap<>();
    private final Map<String, String> fileShas = new java.util.HashMap<>();

    /** What tells a changed file from an unchanged one without reading it. */
    private record FileStamp(long size, long modifiedMillis) {
        static FileStamp of(String file) {
            try {
                java.nio.file.Path path = java.nio.file.Path.of(file);
                return new FileStamp(java.nio.file.Files.size(path),
                        java.nio.file.Files.getLastModifiedTime(path).toMillis());
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
        }
    }

    ModuleCompiler(ModuleLoader loader) {
        this.loader = loader;
    }

    public static ModuleCompiler shared() {
        return SHARED;
    }

    /** The compiled module of {@code source}; blocking (reads, downloads, compiles). */
    public CompiledModule compile(WasmModuleSource source) {
        if (source.sha256() != null) {
            CompiledModule known = cached(source.sha256().toLowerCase(java.util.Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        FileStamp stamp = source.file() != null ? FileStamp.of(source.file()) : null;
        if (stamp != null) {
            // A plugin on many routes is built once per route: read an unchanged file once.
            String sha;
            synchronized (bySha) {
                sha = stamp.equals(fileStamps.get(source.file())) ? fileShas.get(source.file()) : null;
            }
            if (sha != null && source.sha256() != null && !sha.equalsIgnoreCase(source.sha256())) {
                sha = null; // read it again: the loader reports the mismatch
            }
            CompiledModule known = sha == null ? null : cached(sha);
            if (known != null) {
                return known;
            }
        }
        byte[] bytes = loader.load(source);
        String sha = ModuleLoader.sha256(bytes);
        if (stamp != null) {
            synchronized (bySha) {
                fileStamps.put(source.file(), stamp);
                fileShas.put(source.file(), sha);
            }
        }
        CompiledModule known = cached(sha);
        if (known != null) {
            return known;
        }
        CompiledModule compiled = compile(source.describe(), sha, bytes);
        synchronized (bySha) {
            bySha.putIfAbsent(sha, compiled);
            return bySha.get(sha);
        }
    }

    private CompiledModule cached(String sha) {
        synchronized (bySha) {
            return bySha.get(sha);
        }
    }

    static CompiledModule compile(String where, String sha, byte[] bytes) {
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (RuntimeException e) {
            throw new ModuleException(where + ": not a valid Wasm module: " + e.getMessage(), e);
        }
        try {
            return new CompiledModule(sha, module, MachineFactoryCompiler.builder(module).compile());
        } catch (RuntimeException e) {
            throw new ModuleException(where + ": cannot compile the module: " + e.getMessage(), e);
        }
    }

    /** Compiles {@code bytes} without caching (for the test kit and for tests). */
    public static CompiledModule compileBytes(String where, byte[] bytes) {
        return compile(where, ModuleLoader.sha256(bytes), bytes);
    }
}
