package dev.archway.gateway.runtime;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.source.SourceUpdate;
import dev.archway.gatewayapi.status.DataPlaneProblems;
import dev.archway.gatewayapi.translate.Translation;
import dev.archway.gatewayapi.translate.Translator;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each source update into a serving runtime. Runs on the source's thread (never an event
 * loop), one update at a time:
 *
 * <ol>
 *   <li>translate (status for every resource, whatever happens next);</li>
 *   <li>build the runtime completely; on any filter error keep the old one and report;</li>
 *   <li>swap it in, then bind, keep or close listener ports (failures reported, not fatal).</li>
 * </ol>
 */
public final class Reloader implements Consumer<SourceUpdate> {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final Translator translator;
    private final DataPlane dataPlane;
    private final StatusStore status;
    private long version;

    public Reloader(Translator translator, DataPlane dataPlane, StatusStore status) {
        this.translator = requireNonNull(translator, "translator");
        this.dataPlane = requireNonNull(dataPlane, "dataPlane");
        this.status = requireNonNull(status, "status");
    }

    @Override
    public synchronized void accept(SourceUpdate update) {
        try {
            reload(update);
        } catch (RuntimeException e) {
            LOG.error("reload failed", e);
            status.reloadFailed("reload failed: " + e);
            dataPlane.metrics().reloadFailed();
        }
    }

    private void reload(SourceUpdate update) {
        status.sourceProblems(update.problems());
        update.problems().forEach(p -> LOG.warn("config: {}", p));
        long started = System.nanoTime();
        Translation translation = translator.translate(update.resources(), Instant.now());
        long translated = System.nanoTime();
        status.report(translation.status());
        Snapshot serving = dataPlane.serving();
        Snapshot candidate = translation.snapshot();
        if (serving != null && candidate.withVersion(0).equals(serving.withVersion(0))) {
            // Same data plane config (a status-only change): keep the runtime, its counters and pools.
            status.applied(serving, joined(dataPlane.retryListeners()));
            dataPlane.metrics().reloadSucceeded(serving.version());
            return;
        }
        Snapshot snapshot = candidate.withVersion(++version);
        DataPlane.ApplyResult result = dataPlane.apply(snapshot);
        if (!result.applied()) {
            String error = "config version " + snapshot.version() + " not applied, the previous config keeps serving: "
                    + String.join("; ", result.errors());
            LOG.warn(error);
            status.report(DataPlaneProblems.apply(translation.status(), result.errors(),
                    " (config version " + snapshot.version() + " not applied, the previous config keeps serving)"));
            status.reloadFailed(error);
            dataPlane.metrics().reloadFailed();
            return;
        }
        String error = joined(result.errors());
        status.applied(snapshot, error);
        dataPlane.metrics().reloadSucceeded(snapshot.version());
        long done = System.nanoTime();
        LOG.info("config version {} serving: {} port(s), {} cluster(s) (translated in {} ms, built and applied in {} ms){}",
                snapshot.version(), snapshot.ports().size(), snapshot.clusters().size(),
                (translated - started) / 1_000_000, (done - translated) / 1_000_000,
                error == null ? "" : " (problems: " + error + ")");
    }

    private static String joined(List<String> errors) {
        return errors.isEmpty() ? null : String.join("; ", errors);
    }
}
