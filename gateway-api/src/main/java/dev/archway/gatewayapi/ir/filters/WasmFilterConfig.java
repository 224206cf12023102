package dev.archway.gatewayapi.ir.filters;

import static java.util.Objects.requireNonNull;

/**
 * One proxy-wasm plugin in a filter chain ({@code TrafficPolicy.wasm[i]}). The translator has
 * checked the shape (names, one module source, sha256 syntax); reading, verifying and compiling
 * the module is the data plane's work, so that a missing file or a bad checksum keeps the last
 * good config serving.
 *
 * @param pluginName the entry's {@code name}, exposed to the guest as {@code plugin_name}
 * @param module where the {@code .wasm} bytes come from
 * @param rootId the root context id the module registers ({@code plugin_root_id}); may be empty
 * @param vmId the VM id ({@code plugin_vm_id}); plugins with the same VM id and module share
 *     shared data and queues
 * @param vmConfig given to {@code proxy_on_vm_start} (buffer type 6); may be empty
 * @param pluginConfig given to {@code proxy_on_configure} (buffer type 7); may be empty
 * @param failOpen on a guest failure skip the filter (true) or answer 500 (false)
 * @param bufferRequestBody whether the guest gets the request body ({@code proxy_on_request_body},
 *     once, whole, with end_of_stream); the gateway then buffers it, up to its body limit
 */
public record WasmFilterConfig(
        String pluginName,
        WasmModuleSource module,
        String rootId,
        String vmId,
        String vmConfig,
        String pluginConfig,
        boolean failOpen,
        boolean bufferRequestBody) {

    /** A plugin that sees headers only. */
    public WasmFilterConfig(String pluginName, WasmModuleSource module, String rootId, String vmId, String vmConfig,
            String pluginConfig, boolean failOpen) {
        this(pluginName, module, rootId, vmId, vmConfig, pluginConfig, failOpen, false);
    }

    public WasmFilterConfig {
        requireNonNull(pluginName, "pluginName");
        requireNonNull(module, "module");
        requireNonNull(rootId, "rootId");
        requireNonNull(vmId, "vmId");
        requireNonNull(vmConfig, "vmConfig");
        requireNonNull(pluginConfig, "pluginConfig");
    }
}
