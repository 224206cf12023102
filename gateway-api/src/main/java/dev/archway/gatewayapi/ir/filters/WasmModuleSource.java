package dev.archway.gatewayapi.ir.filters;

/**
 * Where a Wasm module's bytes come from: exactly one of {@code file} and {@code url} is set.
 *
 * @param file an absolute path on the gateway's machine, or null
 * @param url an {@code http://} or {@code https://} address, or null
 * @param sha256 the expected SHA-256 of the bytes as 64 lower-case hex digits; required with
 *     {@code url}, optional (null) with {@code file}
 */
public record WasmModuleSource(String file, String url, String sha256) {

    public WasmModuleSource {
        if ((file == null) == (url == null)) {
            throw new IllegalArgumentException("module: exactly one of file and url (got file=" + file + ", url=" + url + ")");
        }
        if (url != null && sha256 == null) {
            throw new IllegalArgumentException("module: a url needs its sha256");
        }
    }

    /** Where the module comes from, for messages. */
    public String describe() {
        return file != null ? "file " + file : "url " + url;
    }
}
