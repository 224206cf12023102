package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.status.StatusReport;

/** The translator's output. */
public record Translation(Snapshot snapshot, StatusReport status) {}
