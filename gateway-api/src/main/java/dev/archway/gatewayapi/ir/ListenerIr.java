package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * A Gateway (or ListenerSet) listener as served on a port.
 *
 * @param name {@code gateway/<ns>/<gateway>/listener/<listener>}
 * @param hostname the listener hostname, exact or {@code *.suffix}; null matches any host
 * @param virtualHosts the routed hostnames of this listener, most specific first
 */
public record ListenerIr(String name, SourceRef source, String sectionName, String hostname, List<VirtualHostIr> virtualHosts) {
    public ListenerIr {
        virtualHosts = List.copyOf(virtualHosts);
    }
}
