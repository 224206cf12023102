/**
 * {@code archway extauth-server}: Envoy's external authorization service (ext_authz v3) over
 * gRPC, and the same checks over plain HTTP, answering gateways (Archway's ext auth filter, or
 * Envoy) from an {@code ExtAuthServerConfig} file.
 *
 * <p>Starting point: {@link dev.archway.extauth.server.ExtAuthServer} (start from a file, the
 * ports, graceful close). Inside: {@code CheckService} (gRPC) and {@code HttpCheckHandler} (HTTP
 * mode, whose javadoc is the contract) turn a request into an {@code AuthRequest}; {@code Checks}
 * picks the named config and counts the outcome; {@code ConfigWatch} reloads on change and keeps
 * the last good config; {@code ServerMetrics} and {@code AdminEndpoint}.
 *
 * <pre>
 *  Check(attributes{request.http, context_extensions.config}) ─┐
 *  HTTP  METHOD /prefix/path, x-archway-context-config ────────┴► Checks ─► Authenticator ─► Verdict
 *     allowed ─► OK + headers to set / remove        (200 + headers)
 *     denied  ─► UNAUTHENTICATED + 401 + challenge   (401 + WWW-Authenticate + JSON body)
 *     unknown config ─► INVALID_ARGUMENT (500); identity provider down ─► UNAVAILABLE (503)
 * </pre>
 */
package dev.archway.extauth.server;
import dev.archway.sidekit.admin.AdminEndpoint;
