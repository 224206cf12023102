/**
 * Listeners: one Vert.x HTTP server per {@link dev.archway.gatewayapi.ir.PortIr}, kept across
 * snapshots while its address, port and protocol stay the same, so reloads never drop
 * connections. HTTP ports speak HTTP/1.1 and h2c (prior knowledge); HTTPS ports terminate TLS
 * with ALPN (h2, http/1.1) and choose a certificate by SNI.
 *
 * <p>Starting points: {@link dev.archway.gateway.listener.ListenerManager#apply} (bind, keep,
 * update certificates, close), {@link dev.archway.gateway.listener.SniKeyManager} (certificate
 * choice per handshake, swapped in place when Secrets change).
 */
package dev.archway.gateway.listener;
