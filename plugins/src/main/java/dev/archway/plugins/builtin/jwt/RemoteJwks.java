package dev.archway.plugins.builtin.jwt;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JWK set fetched over HTTP(S) and refreshed in the background every {@code cacheDuration}.
 * Requests read {@link #current()} without locking; fetches, timers and the rate limit are guarded
 * by {@code this} (rare, short sections, never blocking I/O). A failed fetch keeps the last good
 * keys: an identity provider that is down must not lock every caller out.
 */
final class RemoteJwks {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    /** After a failed fetch, retry sooner than the cache duration. */
    private static final long FAILURE_RETRY_MILLIS = 10_000;
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final long FETCH_TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    private final Context context;
    private final String url;
    private final long cacheMillis;
    private final long onDemandIntervalNanos;
    private final HttpClientAgent client;
    private volatile JwkKeys keys;

    // Guarded by this.
    private Future<Void> inFlight;
    private boolean onDemandUsed;
    private long lastOnDemandNanos;
    private long timerId = -1;
    private boolean closed;
    private Boolean lastFetchOk;

    /**
     * @param onDemandInterval at most one fetch per this interval is started by requests (for an
     *     unknown kid), so a client sending random kids cannot turn the gateway against the provider
     */
    RemoteJwks(Vertx vertx, String url, Duration cacheDuration, Duration onDemandInterval) {
        this.vertx = requireNonNull(vertx, "vertx");
        // Fetches and timers run here: a fresh event-loop context when built off Vert.x threads.
        this.context = vertx.getOrCreateContext();
        this.url = requireNonNull(url, "url");
        this.cacheMillis = Math.max(1, cacheDuration.toMillis());
        this.onDemandIntervalNanos = onDemandInterval.toNanos();
        // No trust options: https uses the JDK's default trust store and verifies the host name.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setVerifyHost(true)
                .setConnectTimeout(5_000)
                .setIdleTimeout(10)
                .setIdleTimeoutUnit(TimeUnit.SECONDS));
    }

    /** Starts the first fetch; requests that arrive before it completes wait for it. */
    void start() {
        fetch();
    }

    JwkKeys current() {
        return keys;
    }

    /** See {@link KeySource#refetch()}. */
    synchronized Future<Void> refetch() {
        if (closed) {
            return null;
        }
        if (inFlight != null) {
            return inFlight;
        }
        long now = System.nanoTime();
        if (onDemandUsed && now - lastOnDemandNanos < onDemandIntervalNanos) {
            return null;
        }
        onDemandUsed = true;
        lastOnDemandNanos = now;
        return fetch();
    }

    /** Stops the refresh timer and the client; the last keys stay readable. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (timerId != -1) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
        }
        client.close();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private Future<Void> fetch() {
        Promise<Void> done;
        synchronized (this) {
            if (closed) {
                return Future.succeededFuture();
            }
            if (inFlight != null) {
                return inFlight;
            }
            done = Promise.promise();
            inFlight = done.future();
        }
        // Always from the same context: a response's body can be lost when the request was made
        // from a thread that is not the one its callbacks run on.
        context.runOnContext(v -> send(done));
        return done.future();
    }

    private void send(Promise<Void> done) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url)
                // No redirects: one could lead from https to http, where the keys can be swapped.
                .setFollowRedirects(false)
                // The whole fetch is bounded, so requests waiting for the first keys never hang.
                .setTimeout(FETCH_TIMEOUT_MILLIS)
                .putHeader("accept", "application/json, application/jwk-set+json");
        client.request(options)
                .compose(request -> request.send())
                .compose(response -> tooLarge(response.getHeader("content-length"))
                        ? Future.<JwkKeys>failedFuture("content-length " + response.getHeader("content-length")
                                + " is larger than " + MAX_BODY_BYTES)
                        : response.body().compose(body -> {
                    int status = response.statusCode();
                    return status >= 200 && status <= 299 ? Future.succeededFuture(parse(body))
                            : Future.<JwkKeys>failedFuture("status " + status);
                }))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        fetched(result.result(), null);
                    } else {
                        fetched(null, String.valueOf(result.cause().getMessage()));
                    }
                    done.complete();
                });
    }

    private static boolean tooLarge(String contentLength) {
        try {
            return contentLength != null && Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // the body check below still holds
        }
    }

    private JwkKeys parse(Buffer body) {
        if (body.length() > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body of " + body.length() + " bytes is larger than "
                    + MAX_BODY_BYTES);
        }
        return JwkKeys.parse(body.toString());
    }

    private void fetched(JwkKeys fresh, String problem) {
        synchronized (this) {
            inFlight = null;
            if (fresh != null) {
                keys = fresh;
            }
            if (closed) {
                return;
            }
            if (timerId != -1) {
                vertx.cancelTimer(timerId);
            }
            long delay = fresh != null ? cacheMillis : Math.min(cacheMillis, FAILURE_RETRY_MILLIS);
            timerId = vertx.setTimer(delay, id -> {
                synchronized (this) {
                    if (timerId == id) {
                        timerId = -1;
                    }
                }
                fetch();
            });
            boolean ok = fresh != null;
            if (lastFetchOk != null && lastFetchOk == ok || lastFetchOk == null && ok) {
                lastFetchOk = ok;
                return;
            }
            lastFetchOk = ok;
        }
        // Logged once per change of state, not per attempt or per request.
        if (fresh != null) {
            LOG.info("JWKS {}: fetched {} keys again", url, fresh.size());
        } else if (keys != null) {
            LOG.warn("JWKS {}: fetch failed ({}); serving the last good keys, retrying", url, problem);
        } else {
            LOG.warn("JWKS {}: fetch failed ({}); no keys yet, tokens of this provider are rejected until a "
                    + "fetch succeeds", url, problem);
        }
    }
}
