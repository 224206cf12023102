package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.source.ResourceSet;
import dev.archway.gatewayapi.status.StatusReport;
import java.time.Instant;
import java.util.List;

/** Placeholder while the passes are written. */
public final class Translator {
    private final TranslatorOptions options;

    public Translator(TranslatorOptions options) {
        this.options = options;
    }

    /**
     * Translates {@code resources}. Pure: the same input and {@code now} give the same output.
     *
     * @param now the time written as {@code lastTransitionTime} of conditions
     */
    public Translation translate(ResourceSet resources, Instant now) {
        return new Translation(Snapshot.empty(), new StatusReport(List.of()));
    }
}
