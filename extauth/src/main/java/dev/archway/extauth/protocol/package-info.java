/**
 * Envoy's ext_authz v3 protocol as both ends of Archway speak it: the gateway's ext-auth filter
 * calls {@code Authorization/Check}, {@code archway extauth-server} answers it.
 */
package dev.archway.extauth.protocol;
