/**
 * JWT authentication ({@code archway.dev/jwt}, stage AUTHN): a request passes when its token
 * verifies against one of the providers' JWK sets and carries every required claim.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.jwt.JwtFilterFactory} (validation,
 * building, the shared remote JWK sets), {@link dev.archway.plugins.builtin.jwt.JwtAttributes}
 * (what later filters read: the verified {@link dev.archway.plugins.builtin.jwt.JwtPrincipal}).
 * Inside: {@code JwtFilter} (the request flow), {@code JwkKeys} (keys and the algorithm policy
 * that stops algorithm confusion), {@code RemoteJwks} (fetch, background refresh, stale keys
 * when the provider is down, rate-limited refetch for an unknown kid), {@code TokenLocator},
 * {@code ClaimPaths}, {@code VerifiedTokenCache}.
 */
package dev.archway.plugins.builtin.jwt;
