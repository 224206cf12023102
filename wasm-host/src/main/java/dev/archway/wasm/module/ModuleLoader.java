package dev.archway.wasm.module;

import dev.archway.gatewayapi.ir.filters.WasmModuleSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Reads a module's bytes from a file or downloads them, and checks their SHA-256. Blocking: called
 * while a config is being built, off the event loops.
 */
public final class ModuleLoader {
    /** Larger than any SDK-built filter; a bigger download is refused rather than buffered. */
    static final int MAX_MODULE_BYTES = 64 * 1024 * 1024;
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** The module's bytes, checked against its sha256 when one is given. */
    public byte[] load(WasmModuleSource source) {
        byte[] bytes = source.file() != null ? readFile(source.file()) : download(source.url());
        if (source.sha256() != null) {
            String actual = sha256(bytes);
            if (!actual.equalsIgnoreCase(source.sha256())) {
                throw new ModuleException(source.describe() + ": sha256 is " + actual + " (expected: " + source.sha256()
                        + "); the module was not loaded");
            }
        }
        return bytes;
    }

    private static byte[] readFile(String file) {
        Path path = Path.of(file);
        try {
            long size = Files.size(path);
            if (size > MAX_MODULE_BYTES) {
                throw new ModuleException("file " + file + ": " + size + " bytes (expected: at most " + MAX_MODULE_BYTES + ")");
            }
            return Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ModuleException("file " + file + ": no such file");
        } catch (IOException e) {
            throw new ModuleException("file " + file + ": cannot read: " + e.getMessage());
        }
    }

    private byte[] download(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(DOWNLOAD_TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ModuleException("url " + url + ": answered " + response.statusCode() + " (expected: 200)");
                }
                byte[] bytes = body.readNBytes(MAX_MODULE_BYTES + 1);
                if (bytes.length > MAX_MODULE_BYTES) {
                    throw new ModuleException("url " + url + ": more than " + MAX_MODULE_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new ModuleException("url " + url + ": cannot download: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("url " + url + ": interrupted while downloading");
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
