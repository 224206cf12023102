package dev.archway.extauth.server;

import static java.util.Objects.requireNonNull;

import dev.archway.extauth.server.auth.AuthRequest;
import dev.archway.extauth.server.auth.AuthUnavailableException;
import dev.archway.extauth.server.auth.Authenticator;
import dev.archway.extauth.server.auth.Authenticators;
import dev.archway.extauth.server.auth.Verdict;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One check, whichever protocol it came by: pick the config, run it, count the outcome. A check
 * reads the current {@link Authenticators} once on arrival and keeps them, so a reload never
 * changes a check in flight.
 */
final class Checks {
    private static final Logger LOG = LoggerFactory.getLogger(Checks.class);

    /** The decision and the config that made it. */
    record Decided(String config, Verdict verdict) {}

    /** The request named a config this server does not have (or named none, without a default). */
    static final class UnknownConfig extends RuntimeException {
        UnknownConfig(String message) {
            super(message, null, false, false);
        }
    }

    private final ServerMetrics metrics;
    private volatile Authenticators authenticators;

    Checks(ServerMetrics metrics, Authenticators authenticators) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.authenticators = requireNonNull(authenticators, "authenticators");
    }

    /** Swaps the configs whole. */
    void authenticators(Authenticators next) {
        this.authenticators = requireNonNull(next, "next");
    }

    /**
     * Decides {@code request} with the config called {@code requested}, or the default config when
     * null or empty. Fails with {@link UnknownConfig}, {@link AuthUnavailableException} or, for a
     * bug, anything else; each failure is counted.
     */
    Future<Decided> check(String requested, AuthRequest request) {
        Authenticators now = authenticators;
        String name = requested == null || requested.isEmpty() ? now.defaultConfig() : requested;
        Authenticator authenticator = now.get(name);
        if (authenticator == null) {
            metrics.failed(ServerMetrics.UNKNOWN_CONFIG);
            return Future.failedFuture(new UnknownConfig(name == null
                    ? "no config named and no defaultConfig (expected: context_extensions config, one of " + now.names() + ")"
                    : "config \"" + name + "\" is not one of " + now.names()));
        }
        Future<Verdict> verdict;
        try {
            verdict = authenticator.check(request);
        } catch (RuntimeException e) {
            verdict = Future.failedFuture(e);
        }
        return verdict.transform(ar -> {
            if (ar.succeeded()) {
                metrics.decided(name, ar.result().allowed(), ar.result().reason());
                return Future.succeededFuture(new Decided(name, ar.result()));
            }
            if (ar.cause() instanceof AuthUnavailableException unavailable) {
                metrics.failed(ServerMetrics.UNAVAILABLE);
                LOG.warn("config {}: cannot decide: {}", name, unavailable.getMessage());
            } else {
                metrics.failed(ServerMetrics.INTERNAL);
                LOG.error("config {}: the check failed unexpectedly", name, ar.cause());
            }
            return Future.failedFuture(ar.cause());
        });
    }
}
