/**
 * The authentication modes of {@code archway extauth-server}, independent of the protocol a check
 * arrives by: an {@link dev.archway.extauth.server.auth.AuthRequest} in, a
 * {@link dev.archway.extauth.server.auth.Verdict} out.
 *
 * <p>Starting point: {@link dev.archway.extauth.server.auth.Authenticators} (every named config of
 * a file, built whole). Inside: {@code ApiKeyAuthenticator} (SHA-256 lookup),
 * {@code BasicAuthenticator} (bcrypt on a worker, successes cached), {@code IntrospectionAuthenticator}
 * (RFC 7662, cached), {@code ChainAuthenticator} ({@code anyOf}/{@code allOf}).
 */
package dev.archway.extauth.server.auth;
