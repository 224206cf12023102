package dev.archway.gateway.runtime;

import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.source.SourceProblem;
import dev.archway.gatewayapi.status.StatusReport;
import dev.archway.gatewayapi.status.TransitionTimes;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the admin endpoints show: the latest status report, what the source could not read, the
 * last reload error and the snapshot serving. One immutable view, replaced whole.
 */
public final class StatusStore {

    /**
     * @param snapshot the snapshot serving, or null before the first
     * @param lastReloadError why the last change did not (fully) apply, or null
     * @param ready the first config is serving and its listeners were applied
     */
    public record View(Snapshot snapshot, StatusReport report, List<SourceProblem> sourceProblems,
            String lastReloadError, boolean ready) {
        public View {
            sourceProblems = List.copyOf(sourceProblems);
        }
    }

    private final AtomicReference<View> view =
            new AtomicReference<>(new View(null, new StatusReport(List.of()), List.of(), null, false));

    public View view() {
        return view.get();
    }

    void sourceProblems(List<SourceProblem> problems) {
        view.updateAndGet(v -> new View(v.snapshot(), v.report(), problems, v.lastReloadError(), v.ready()));
    }

    /** Publishes {@code report}; conditions that did not change keep their lastTransitionTime. */
    void report(StatusReport report) {
        view.updateAndGet(v -> new View(v.snapshot(), TransitionTimes.carryOver(v.report(), report), v.sourceProblems(),
                v.lastReloadError(), v.ready()));
    }

    void reloadFailed(String error) {
        view.updateAndGet(v -> new View(v.snapshot(), v.report(), v.sourceProblems(), error, v.ready()));
    }

    /** The process is shutting down: {@code /ready} answers 503 from now on, so balancers stop sending. */
    public void markDraining() {
        view.updateAndGet(v -> new View(v.snapshot(), v.report(), v.sourceProblems(), v.lastReloadError(), false));
    }

    /** A snapshot is serving; {@code error} (nullable) tells what of it did not apply. */
    void applied(Snapshot snapshot, String error) {
        view.updateAndGet(v -> new View(snapshot, v.report(), v.sourceProblems(), error, true));
    }
}
