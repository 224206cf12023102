/**
 * The gateway's own SPIFFE identity: its X.509 SVID and trust bundles, from PEM files that are
 * watched or from the SPIFFE Workload API, rotated without restart. {@link
 * dev.archway.gateway.identity.GatewayIdentity} holds the current one; TLS code asks it at every
 * handshake through {@link dev.archway.gateway.identity.SvidKeyManager}, so a rotation reaches the
 * next connection without touching the ones already open.
 */
package dev.archway.gateway.identity;
