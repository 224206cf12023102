package dev.archway.wasm.filter;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.WasmFilterConfig;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.wasm.module.ModuleCompiler;
import dev.archway.wasm.module.ModuleException;
import dev.archway.wasm.vm.CompiledModule;
import dev.archway.wasm.vm.GuestFailure;
import dev.archway.wasm.vm.PluginSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code archway.dev/wasm} filters: proxy-wasm plugins in the user stage. Building is
 * where a module is read, checked, compiled and started once on trial, so that a missing file,
 * a wrong checksum, an invalid module or a config the guest refuses fails the config build
 * (the previous config keeps serving, and the reason is reported), never a request.
 */
public final class WasmFilterFactory implements FilterFactory<WasmFilterConfig> {
    /** Instances are shared by filters with an equal config: one set per plugin, not per route. */
    private static final SharedResources<WasmFilterConfig, VmPool> POOLS = new SharedResources<>(VmPool::close);

    private final ModuleCompiler compiler;

    public WasmFilterFactory() {
        this(ModuleCompiler.shared());
    }

    WasmFilterFactory(ModuleCompiler compiler) {
        this.compiler = compiler;
    }

    @Override
    public String kind() {
        return FilterKinds.WASM;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.USER;
    }

    @Override
    public Class<WasmFilterConfig> configType() {
        return WasmFilterConfig.class;
    }

    @Override
    public List<String> validate(WasmFilterConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.pluginName().isEmpty()) {
            problems.add("name: empty (expected: the plugin's name)");
        }
        String file = config.module().file();
        if (file != null && !java.nio.file.Path.of(file).isAbsolute()) {
            problems.add("module.file: " + file + " is relative (expected: an absolute path)");
        }
        return problems;
    }

    @Override
    public HttpFilter create(WasmFilterConfig config, FilterBuildContext context) {
        CompiledModule module;
        try {
            module = compiler.compile(config.module());
        } catch (ModuleException e) {
            throw new IllegalArgumentException("wasm plugin " + config.pluginName() + ": " + e.getMessage(), e);
        }
        // Compiling is slow and must not run under the pool map's lock: the module is ready here.
        SharedResources.Lease<VmPool> lease = POOLS.acquire(config, c -> new VmPool(module, spec(c)));
        try {
            lease.value().verifyOnce(context.vertx().getOrCreateContext(), context.upstreams());
        } catch (GuestFailure e) {
            lease.release();
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new WasmFilter(config, lease, context.upstreams(), context.metrics());
    }

    private static PluginSpec spec(WasmFilterConfig config) {
        return new PluginSpec(config.pluginName(), config.rootId(), config.vmId(), config.vmConfig(),
                config.pluginConfig(), PluginSpec.DEFAULT_MAX_MEMORY_PAGES);
    }
}
