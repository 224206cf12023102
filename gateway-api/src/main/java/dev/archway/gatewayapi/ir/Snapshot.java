package dev.archway.gatewayapi.ir;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One complete, self-consistent configuration of the data plane. Immutable: the data plane swaps
 * it whole, and a request keeps the snapshot it started with.
 *
 * @param version increases with every translation that produced a new snapshot
 * @param ports every address:port to bind, sorted by name
 * @param clusters upstream clusters by name, sorted
 */
public record Snapshot(long version, List<PortIr> ports, SortedMap<String, ClusterIr> clusters) {
    public Snapshot {
        ports = List.copyOf(ports);
        clusters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(clusters));
    }

    public Snapshot withVersion(long newVersion) {
        return new Snapshot(newVersion, ports, clusters);
    }
}
