/** TLS pieces shared by listeners (client certificates) and upstreams (BackendTLSPolicy). */
package dev.archway.gateway.tls;
