package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * One socket to bind: all Gateway listeners that share an address, port and protocol.
 *
 * @param name {@code <bindAddress>:<port>}, unique in a snapshot
 * @param bindAddress an IP literal, or {@code 0.0.0.0} for all interfaces
 * @param certificates for HTTPS: the certificates to choose from by SNI; the first is the default
 * @param listeners the Gateway listeners on this port, most specific hostname first
 * @param clientValidation for HTTPS: how client certificates are checked, or null when they are not
 */
public record PortIr(
        String name,
        String bindAddress,
        int port,
        ListenerProtocol protocol,
        List<TlsCertificateIr> certificates,
        List<ListenerIr> listeners,
        ClientValidationIr clientValidation) {
    public PortIr {
        certificates = List.copyOf(certificates);
        listeners = List.copyOf(listeners);
    }
}
