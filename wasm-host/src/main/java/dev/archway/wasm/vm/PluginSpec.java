package dev.archway.wasm.vm;

import java.nio.charset.StandardCharsets;

/**
 * What one configured plugin gives its guest.
 *
 * @param name {@code plugin_name}
 * @param rootId {@code plugin_root_id}: picks the root context in modules that register several
 * @param vmId {@code plugin_vm_id}: plugins with the same VM id share data and queues
 * @param vmConfig buffer 6, given to {@code proxy_on_vm_start}
 * @param pluginConfig buffer 7, given to {@code proxy_on_configure}
 * @param maxMemoryPages the most 64 KiB pages an instance may grow to
 */
public record PluginSpec(String name, String rootId, String vmId, String vmConfig, String pluginConfig,
        int maxMemoryPages) {

    /** 64 MiB: SDK-built filters use a few MiB; a leaking guest fails instead of eating the heap. */
    public static final int DEFAULT_MAX_MEMORY_PAGES = 1024;

    byte[] vmConfigBytes() {
        return vmConfig.getBytes(StandardCharsets.UTF_8);
    }

    byte[] pluginConfigBytes() {
        return pluginConfig.getBytes(StandardCharsets.UTF_8);
    }
}
