package dev.archway.wasm.filter;

import dev.archway.plugins.spi.UpstreamClient;
import dev.archway.wasm.vm.CompiledModule;
import dev.archway.wasm.vm.GuestFailure;
import dev.archway.wasm.vm.PluginSpec;
import dev.archway.wasm.vm.PluginVm;
import io.vertx.core.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The instances of one plugin: one per event loop, made on that loop by its first request, and
 * made again after a guest failure. Shared by every filter built from an equal config, across
 * routes and reloads, so instance state (and the guest's caches) survives a reload that did not
 * touch the plugin.
 */
final class VmPool {
    private final CompiledModule module;
    private final PluginSpec spec;
    private final Map<Thread, PluginVm> byLoop = new ConcurrentHashMap<>();
    private final LongAdder restarts = new LongAdder();
    private boolean verified;

    VmPool(CompiledModule module, PluginSpec spec) {
        this.module = module;
        this.spec = spec;
    }

    PluginSpec spec() {
        return spec;
    }

    /**
     * The instance of the calling event loop, started now if there is none or the last one failed.
     *
     * @throws GuestFailure when a new instance cannot start
     */
    PluginVm vmFor(Context eventLoop, UpstreamClient upstreams) {
        Thread thread = Thread.currentThread();
        PluginVm vm = byLoop.get(thread);
        if (vm == null || vm.failed()) {
            if (vm != null) {
                vm.close();
                restarts.increment();
            }
            vm = PluginVm.start(module, spec, eventLoop, upstreams);
            byLoop.put(thread, vm);
        }
        vm.useUpstreams(upstreams);
        return vm;
    }

    /**
     * Starts one instance on the calling thread and stops it, the first time only: proves the
     * module and its configs are accepted before any request depends on them.
     */
    synchronized void verifyOnce(Context context, UpstreamClient upstreams) {
        if (!verified) {
            PluginVm.start(module, spec, context, upstreams).close();
            verified = true;
        }
    }

    /** How many event loops have an instance now. */
    int instances() {
        return byLoop.size();
    }

    /** Instances rebuilt after a guest failure. */
    long restarts() {
        return restarts.sum();
    }

    /** Stops every instance, each on its own event loop. */
    void close() {
        byLoop.values().forEach(vm -> vm.context().runOnContext(v -> vm.close()));
        byLoop.clear();
    }
}
