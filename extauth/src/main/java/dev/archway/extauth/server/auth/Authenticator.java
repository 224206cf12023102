package dev.archway.extauth.server.auth;

import io.vertx.core.Future;
import java.util.Set;

/**
 * One named config at work. {@link #check} is called on an event loop and must not block it; it
 * fails with {@link AuthUnavailableException} when it cannot decide (an identity provider down).
 */
public interface Authenticator {
    Future<Verdict> check(AuthRequest request);

    /**
     * The headers this config owns: those carrying its credentials and those it may set for the
     * upstream. An allowed request reaches the upstream without any of them except those the
     * verdict sets, so credentials do not travel on and a client cannot forge an identity header.
     */
    Set<String> ownedHeaders();
}
