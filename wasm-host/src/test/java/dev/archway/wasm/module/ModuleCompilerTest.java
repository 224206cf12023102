package dev.archway.wasm.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.archway.gatewayapi.ir.filters.WasmModuleSource;
import dev.archway.wasm.testing.WatModules;
import dev.archway.wasm.vm.CompiledModule;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loading modules from files and URLs (a real HTTP server on loopback), checksums, the compile cache. */
class ModuleCompilerTest {
    private HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();
    private byte[] wasm;
    private String sha;

    @BeforeEach
    void serve() throws Exception {
        wasm = Files.readAllBytes(WatModules.compile("headers"));
        sha = ModuleLoader.sha256(wasm);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/plugins/headers.wasm", ex -> {
            downloads.incrementAndGet();
            ex.sendResponseHeaders(200, wasm.length);
            ex.getResponseBody().write(wasm);
            ex.close();
        });
        server.createContext("/plugins/missing.wasm", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void downloadsAModuleOnceAndCompilesItOncePerChecksum() {
        ModuleCompiler compiler = new ModuleCompiler(new ModuleLoader());
        WasmModuleSource source = new WasmModuleSource(null, url("/plugins/headers.wasm"), sha);
        CompiledModule first = compiler.compile(source);
        CompiledModule again = compiler.compile(source);
        assertThat(again).isSameAs(first);
        assertThat(first.sha256()).isEqualTo(sha);
        assertThat(downloads).hasValue(1);
    }

    @Test
    void refusesADownloadWhoseChecksumDiffers() {
        ModuleCompiler compiler = new ModuleCompiler(new ModuleLoader());
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> compiler.compile(new WasmModuleSource(null, url("/plugins/headers.wasm"), wrong)))
                .isInstanceOf(ModuleException.class)
                .hasMessage("url " + url("/plugins/headers.wasm") + ": sha256 is " + sha + " (expected: " + wrong
                        + "); the module was not loaded");
    }

    @Test
    void saysWhatWentWrongWithAnUnreachableOrMissingModule() {
        ModuleCompiler compiler = new ModuleCompiler(new ModuleLoader());
        assertThatThrownBy(() -> compiler.compile(new WasmModuleSource(null, url("/plugins/missing.wasm"), sha)))
                .hasMessage("url " + url("/plugins/missing.wasm") + ": answered 404 (expected: 200)");
        assertThatThrownBy(() -> compiler.compile(new WasmModuleSource("/nonexistent/x.wasm", null, null)))
                .hasMessage("file /nonexistent/x.wasm: no such file");
    }

    @Test
    void refusesBytesThatAreNotAWasmModule(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("not.wasm");
        Files.writeString(file, "this is not wasm");
        ModuleCompiler compiler = new ModuleCompiler(new ModuleLoader());
        assertThatThrownBy(() -> compiler.compile(new WasmModuleSource(file.toString(), null, null)))
                .isInstanceOf(ModuleException.class)
                .hasMessageStartingWith("file " + file + ": not a valid Wasm module");
    }

    @Test
    void readsAChangedFileAgain(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("plugin.wasm");
        Files.write(file, wasm);
        ModuleCompiler compiler = new ModuleCompiler(new ModuleLoader());
        CompiledModule first = compiler.compile(new WasmModuleSource(file.toString(), null, null));
        byte[] other = Files.readAllBytes(WatModules.compile("headers"));
        // A custom section (named "x", 6 bytes) appended: the same code, other bytes, another checksum.
        byte[] section = {0, 8, 1, 'x', 1, 2, 3, 4, 5, 6};
        other = java.util.Arrays.copyOf(other, other.length + section.length);
        System.arraycopy(section, 0, other, other.length - section.length, section.length);
        Files.write(file, other);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        CompiledModule second = compiler.compile(new WasmModuleSource(file.toString(), null, null));
        assertThat(second.sha256()).isNotEqualTo(first.sha256());
    }
}
