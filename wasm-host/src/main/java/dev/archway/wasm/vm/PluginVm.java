package dev.archway.wasm.vm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.archway.plugins.spi.UpstreamClient;
import dev.archway.wasm.abi.AbiTypes;
import dev.archway.wasm.abi.GuestHost;
import dev.archway.wasm.abi.GuestMemory;
import dev.archway.wasm.abi.HeaderMapView;
import dev.archway.wasm.abi.HostFunctions;
import dev.archway.wasm.abi.ImportLinker;
import dev.archway.wasm.abi.LogLevel;
import dev.archway.wasm.abi.MetricStore;
import dev.archway.wasm.abi.SharedStore;
import dev.archway.wasm.abi.WasmResult;
import io.vertx.core.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One guest instance of one plugin, bound to one event loop: a Chicory instance is
 * single-threaded, so each event loop gets its own and no call ever crosses threads (answers
 * to http calls, timers and queue notifications hop to {@link #context()} first).
 *
 * <p>Start order, as Envoy: {@code _initialize} (or {@code _start}), the root context
 * ({@code proxy_on_context_create(1, 0)}), {@code proxy_on_vm_start} with the VM config,
 * {@code proxy_on_configure} with the plugin config. Each request is then a stream context
 * created under the root; the guest's callbacks run with that context current.
 */
public final class PluginVm implements GuestHost {
    static final int ROOT = 1;
    private static final Logger LOG = LoggerFactory.getLogger("archway.wasm");
    /** A guest call running longer than this is stopped: it holds an event loop. */
    static final long CALL_LIMIT_MILLIS = 1000;

    private final PluginSpec spec;
    private final Context context;
    private UpstreamClient upstreams;
    private final VmSharedState shared;
    private final GuestMetrics metrics;
    private final Instance instance;
    private final GuestMemory memory = new GuestMemory();
    private final WasiPreview1 wasi;
    private final GuestWatchdog.Guard guard = new GuestWatchdog.Guard(CALL_LIMIT_MILLIS);
    private final Map<String, ExportFunction> exports = new HashMap<>();
    private final Map<String, Integer> arity = new HashMap<>();
    private final Map<Integer, GuestStream> streams = new HashMap<>();
    private final HttpCalls calls;
    private int nextContextId = ROOT + 1;
    private int current = ROOT;
    private long tickTimer = -1;
    private boolean closed;
    private String failure;
    private String lastError;

    private PluginVm(CompiledModule module, PluginSpec spec, Context context, UpstreamClient upstreams) {
        this.spec = spec;
        this.context = context;
        this.upstreams = upstreams;
        this.shared = VmSharedState.of(spec.vmId());
        this.metrics = GuestMetrics.global();
        this.calls = new HttpCalls(this);
        this.wasi = WasiPreview1.builder().withOptions(WasiOptions.builder()
                .withStdout(new GuestLogStream(this, LogLevel.INFO))
                .withStderr(new GuestLogStream(this, LogLevel.WARN))
                .build()).build();
        this.instance = Instance.builder(module.module())
                .withImportValues(ImportLinker.link(module.module(), HostFunctions.forHost(this),
                        List.of(wasi.toHostFunctions()),
                        stub -> LOG.debug("plugin {}: import {} is not implemented (answers UNIMPLEMENTED)",
                                spec.name(), stub)))
                .withMachineFactory(module.machines())
                .withMemoryLimits(memoryLimits(module, spec))
                .withStart(false)
                .build();
        memory.bind(instance);
    }

    private static MemoryLimits memoryLimits(CompiledModule module, PluginSpec spec) {
        int initial = module.module().memorySection()
                .map(s -> s.memoryCount() > 0 ? s.getMemory(0).limits().initialPages() : 1).orElse(1);
        return new MemoryLimits(Math.min(initial, spec.maxMemoryPages()), spec.maxMemoryPages());
    }

    /**
     * Instantiates {@code module} on the calling thread (the event loop of {@code context}) and
     * runs the start sequence.
     *
     * @throws GuestFailure when the guest traps or refuses its VM or plugin config
     */
    public static PluginVm start(CompiledModule module, PluginSpec spec, Context context, UpstreamClient upstreams) {
        PluginVm vm;
        try {
            vm = new PluginVm(module, spec, context, upstreams);
        } catch (RuntimeException e) {
            throw new GuestFailure("plugin " + spec.name() + ": cannot instantiate the module: " + e.getMessage(), e);
        }
        try {
            vm.initialize();
            return vm;
        } catch (RuntimeException e) {
            vm.close();
            throw e;
        }
    }

    private void initialize() {
        if (export("_initialize") != null) {
            call(ROOT, "_initialize");
        } else if (export("_start") != null) {
            call(ROOT, "_start");
        }
        call(ROOT, "proxy_on_context_create", ROOT, 0);
        if (export("proxy_on_vm_start") != null
                && call(ROOT, "proxy_on_vm_start", ROOT, spec.vmConfigBytes().length)[0] == 0) {
            throw new GuestFailure("plugin " + spec.name() + ": proxy_on_vm_start refused the VM config" + guestSaid(), null);
        }
        if (export("proxy_on_configure") != null
                && call(ROOT, "proxy_on_configure", ROOT, spec.pluginConfigBytes().length)[0] == 0) {
            throw new GuestFailure("plugin " + spec.name() + ": proxy_on_configure refused the plugin config"
                    + guestSaid(), null);
        }
    }

    /** The guest's last error log line, as the reason of a refusal (guests log why they refuse). */
    private String guestSaid() {
        return lastError == null ? "" : " (the plugin logged: " + lastError + ")";
    }

    public PluginSpec spec() {
        return spec;
    }

    public Context context() {
        return context;
    }

    /** Whether a guest call failed; a failed instance is not used again. */
    public boolean failed() {
        return failure != null;
    }

    // ---- calls into the guest ----

    /** Creates the stream context of a new exchange; answers its id. */
    public int createStream(GuestStream stream) {
        int id = nextContextId++;
        streams.put(id, stream);
        call(id, "proxy_on_context_create", id, ROOT);
        return id;
    }

    public int onRequestHeaders(int id, int headerCount, boolean endOfStream) {
        return action(id, "proxy_on_request_headers", headerCount, endOfStream);
    }

    public int onRequestBody(int id, int bodySize, boolean endOfStream) {
        return action(id, "proxy_on_request_body", bodySize, endOfStream);
    }

    public int onResponseHeaders(int id, int headerCount, boolean endOfStream) {
        return action(id, "proxy_on_response_headers", headerCount, endOfStream);
    }

    /** The exchange ended: {@code proxy_on_done}, {@code proxy_on_log}, {@code proxy_on_delete}. */
    public void finishStream(int id) {
        if (!streams.containsKey(id)) {
            return;
        }
        try {
            if (failure == null) {
                callIfExported(id, "proxy_on_done", id);
                callIfExported(id, "proxy_on_log", id);
                callIfExported(id, "proxy_on_delete", id);
            }
        } finally {
            streams.remove(id);
        }
    }

    private int action(int id, String callback, int count, boolean endOfStream) {
        if (export(callback) == null) {
            return AbiTypes.ACTION_CONTINUE;
        }
        long[] answer = arity.get(callback) >= 3
                ? call(id, callback, id, count, endOfStream ? 1 : 0)
                : call(id, callback, id, count);
        return (int) answer[0];
    }

    private void callIfExported(int contextId, String name, long... args) {
        if (export(name) != null) {
            call(contextId, name, args);
        }
    }

    void onTick() {
        if (!closed && failure == null) {
            runCallback(() -> callIfExported(ROOT, "proxy_on_tick", ROOT));
        }
    }

    void onQueueReady(int token) {
        if (!closed && failure == null) {
            runCallback(() -> callIfExported(ROOT, "proxy_on_queue_ready", ROOT, token));
        }
    }

    /** Runs a callback nobody waits for (timer, queue, call answer); a failure is logged and counted. */
    void runCallback(Runnable callback) {
        try {
            callback.run();
        } catch (GuestFailure e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    ExportFunction export(String name) {
        if (!exports.containsKey(name)) {
            ExportFunction function = null;
            try {
                var type = instance.exportType(name);
                if (type != null) {
                    function = instance.export(name);
                    arity.put(name, type.params().size());
                }
            } catch (RuntimeException notExported) {
                function = null;
            }
            exports.put(name, function);
        }
        return exports.get(name);
    }

    /** Calls a guest export with {@code contextId} current. Any failure breaks this instance. */
    long[] call(int contextId, String name, long... args) {
        if (failure != null) {
            throw new GuestFailure("plugin " + spec.name() + ": instance failed earlier: " + failure, null);
        }
        ExportFunction function = export(name);
        if (function == null) {
            return new long[] {0};
        }
        int saved = current;
        current = contextId;
        boolean watched = guard.enter();
        if (watched) {
            lastError = null; // only what the guest says during this call explains its outcome
        }
        try {
            long[] answer = function.apply(args);
            return answer == null ? new long[] {0} : answer;
        } catch (WasiExitException e) {
            if (e.exitCode() == 0 && ("_start".equals(name) || "_initialize".equals(name))) {
                return new long[] {0};
            }
            throw fail(name, "called proc_exit(" + e.exitCode() + ")", e);
        } catch (RuntimeException | StackOverflowError e) {
            throw fail(name, describe(e), e);
        } finally {
            current = saved;
                if (watched) {
                guard.exit();
            }
        }
    }

    private GuestFailure fail(String name, String what, Throwable cause) {
        if (cause instanceof com.dylibso.chicory.runtime.ChicoryInterruptedException) {
            what = "ran longer than " + CALL_LIMIT_MILLIS + " ms and was stopped";
        }
        failure = name + ": " + what + guestSaid();
        // Streams paused on this instance will never be resumed by it: end them now.
        for (GuestStream stream : new ArrayList<>(streams.values())) {
            stream.close(GuestStream.FAILED);
        }
        return new GuestFailure("plugin " + spec.name() + ": " + failure, cause);
    }

    private static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "stack overflow";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Stops timers and releases the instance. Safe to call twice. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tickTimer >= 0) {
            context.owner().cancelTimer(tickTimer);
            tickTimer = -1;
        }
        calls.cancelAll();
        guard.close();
        wasi.close();
    }

    /**
     * Runs {@code task} on this instance's event loop as a task of its own, also when called from
     * that loop: a call answered at once, or an item queued by this very instance, must not call
     * into the guest while the guest is still inside the host function that caused it.
     */
    void onLoop(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    GuestStream stream(int id) {
        return streams.get(id);
    }

    int currentContext() {
        return current;
    }

    UpstreamClient upstreams() {
        return upstreams;
    }

    /**
     * The clusters calls go to: the snapshot of the filter now using this instance (instances
     * outlive reloads when the plugin's config did not change).
     */
    public void useUpstreams(UpstreamClient upstreams) {
        this.upstreams = upstreams;
    }

    // ---- GuestHost: what host functions act on ----

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public void log(LogLevel level, String message) {
        switch (level) {
            case TRACE -> LOG.trace("[{}] {}", spec.name(), message);
            case DEBUG -> LOG.debug("[{}] {}", spec.name(), message);
            case INFO -> LOG.info("[{}] {}", spec.name(), message);
            case WARN -> LOG.warn("[{}] {}", spec.name(), message);
            default -> LOG.error("[{}] {}", spec.name(), message);
        }
        GuestLogs.record(spec.name(), level, message);
        if (level.compareTo(LogLevel.ERROR) >= 0) {
            lastError = message.length() > 500 ? message.substring(0, 500) + "..." : message;
        }
    }

    @Override
    public LogLevel logLevel() {
        if (LOG.isTraceEnabled()) {
            return LogLevel.TRACE;
        }
        if (LOG.isDebugEnabled()) {
            return LogLevel.DEBUG;
        }
        return LOG.isInfoEnabled() ? LogLevel.INFO : LOG.isWarnEnabled() ? LogLevel.WARN : LogLevel.ERROR;
    }

    @Override
    public int setEffectiveContext(int contextId) {
        if (contextId != ROOT && !streams.containsKey(contextId)) {
            return WasmResult.BAD_ARGUMENT;
        }
        current = contextId;
        return WasmResult.OK;
    }

    @Override
    public HeaderMapView headerMap(int type) {
        if (type == AbiTypes.MAP_HTTP_CALL_RESPONSE_HEADERS) {
            return calls.responseHeaders();
        }
        GuestStream stream = streams.get(current);
        if (stream == null) {
            return null;
        }
        return switch (type) {
            case AbiTypes.MAP_REQUEST_HEADERS -> stream.requestHeaders();
            case AbiTypes.MAP_RESPONSE_HEADERS -> stream.responseHeaders();
            default -> null;
        };
    }

    @Override
    public byte[] buffer(int type) {
        return switch (type) {
            case AbiTypes.BUFFER_VM_CONFIGURATION -> spec.vmConfigBytes();
            case AbiTypes.BUFFER_PLUGIN_CONFIGURATION -> spec.pluginConfigBytes();
            case AbiTypes.BUFFER_HTTP_CALL_RESPONSE_BODY -> calls.responseBody();
            case AbiTypes.BUFFER_REQUEST_BODY -> {
                GuestStream stream = streams.get(current);
                yield stream == null ? null : stream.requestBody();
            }
            default -> null;
        };
    }

    @Override
    public int setBuffer(int type, int start, int length, byte[] data) {
        GuestStream stream = streams.get(current);
        if (type != AbiTypes.BUFFER_REQUEST_BODY || stream == null) {
            return WasmResult.BAD_ARGUMENT;
        }
        return stream.setRequestBody(start, length, data);
    }

    @Override
    public byte[] property(List<String> path) {
        String joined = String.join(".", path);
        String plugin = switch (joined) {
            case "plugin_name" -> spec.name();
            case "plugin_root_id", "root_id" -> spec.rootId();
            case "plugin_vm_id", "vm_id" -> spec.vmId();
            default -> null;
        };
        if (plugin != null) {
            return plugin.getBytes(StandardCharsets.UTF_8);
        }
        GuestStream stream = streams.get(current);
        return stream == null ? null : stream.property(path);
    }

    @Override
    public int setProperty(List<String> path, byte[] value) {
        // Envoy keeps guest-set properties in filter state; nothing here reads them yet.
        return WasmResult.OK;
    }

    @Override
    public int sendLocalResponse(int status, String details, byte[] body, List<Map.Entry<String, String>> headers) {
        GuestStream stream = streams.get(current);
        if (stream == null) {
            return WasmResult.NOT_FOUND;
        }
        if (status < 200 || status > 599) {
            return WasmResult.BAD_ARGUMENT;
        }
        stream.localReply(status, details, body, new ArrayList<>(headers));
        return WasmResult.OK;
    }

    @Override
    public int continueStream(int streamType) {
        GuestStream stream = streams.get(current);
        if (stream == null) {
            return WasmResult.NOT_FOUND;
        }
        stream.resume(streamType);
        return WasmResult.OK;
    }

    @Override
    public int closeStream(int streamType) {
        GuestStream stream = streams.get(current);
        if (stream == null) {
            return WasmResult.NOT_FOUND;
        }
        stream.close(streamType);
        return WasmResult.OK;
    }

    @Override
    public long httpCall(String cluster, List<Map.Entry<String, String>> headers, byte[] body, int timeoutMillis) {
        return calls.start(cluster, headers, body, timeoutMillis);
    }

    @Override
    public int setTickPeriod(int millis) {
        if (tickTimer >= 0) {
            context.owner().cancelTimer(tickTimer);
            tickTimer = -1;
        }
        if (millis > 0 && !closed) {
            // Timers set from this event loop's context fire on it: the instance stays single-threaded.
            tickTimer = context.owner().setPeriodic(millis, id -> onLoop(this::onTick));
        }
        return WasmResult.OK;
    }

    @Override
    public void queueReady(int token) {
        onLoop(() -> onQueueReady(token));
    }

    @Override
    public SharedStore shared() {
        return shared;
    }

    @Override
    public MetricStore metrics() {
        return metrics;
    }

    @Override
    public int done() {
        return WasmResult.OK;
    }
}
