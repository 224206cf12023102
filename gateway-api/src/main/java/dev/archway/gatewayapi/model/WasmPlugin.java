package dev.archway.gatewayapi.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of {@code TrafficPolicy.spec.wasm}: a proxy-wasm plugin, as written by users. The
 * translator checks the shape only; the gateway reads, verifies and compiles the module.
 *
 * @param name a DNS label, unique in the list; the plugin's name as the guest sees it
 * @param module where the {@code .wasm} bytes come from
 * @param rootId the root context id the module registers; absent: empty
 * @param vmId plugins with the same VM id and module share shared data and queues; absent: empty
 * @param vmConfig given to the VM at start: a string as written, or a mapping or list as compact
 *     JSON with sorted keys; read as a tree so that both forms are accepted
 * @param config given to the plugin when configured, in the same two forms as {@code vmConfig}
 * @param failOpen when the guest fails, skip the filter (true) or answer 500 (false, the default)
 * @param bufferRequestBody give the guest the request body, buffered whole (false, the default:
 *     the guest sees headers only and the body streams)
 */
public record WasmPlugin(
        String name,
        ModuleSource module,
        String rootId,
        String vmId,
        JsonNode vmConfig,
        JsonNode config,
        Boolean failOpen,
        Boolean bufferRequestBody) {

    /**
     * Exactly one of {@code file} and {@code http}.
     *
     * @param file an absolute path on the gateway's machine
     * @param sha256 with {@code file} only: the expected SHA-256 of the file, checked when given
     */
    public record ModuleSource(String file, String sha256, Http http) {}

    /**
     * A module fetched by the gateway. It is pinned by its digest: what the URL serves can change,
     * what runs in the gateway must not change unnoticed.
     *
     * @param url an {@code http://} or {@code https://} address
     * @param sha256 the expected SHA-256 of the bytes, 64 hex digits; required
     */
    public record Http(String url, String sha256) {}
}
