package dev.archway.ratelimit.server.counter;

import static java.util.Objects.requireNonNull;

import dev.archway.ratelimit.server.config.RedisSettings;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Buckets in Redis, shared by every server using the same Redis: Bucket4j's compare-and-swap
 * buckets (a Lua script per change, retried on a lost race), driven through Lettuce's
 * asynchronous API only, so no thread ever waits for Redis.
 *
 * <p>An outage is answered quickly, never waited out: Lettuce rejects commands at once while the
 * connection is down (and reconnects by itself, backing off to at most {@link #MAX_RECONNECT_DELAY}),
 * and a command Redis does not answer fails after the configured timeout. Either way the hit fails
 * with {@link CounterUnavailableException}. If Redis was not reachable when the store started, a
 * hit starts a new connection attempt at most every {@link #CONNECT_RETRY}.
 *
 * <p>Keys expire once their bucket would be full again (plus {@link #EXPIRY_GRACE}): an expired
 * key and a full bucket mean the same, so Redis holds only keys counting now.
 */
final class RedisCounterStore implements CounterStore {
    static final String KEY_PREFIX = "archway:ratelimit:";
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);
    static final Duration CONNECT_RETRY = Duration.ofSeconds(1);
    static final Duration EXPIRY_GRACE = Duration.ofSeconds(1);

    private final RedisSettings settings;
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final String where;
    private final AtomicReference<Attempt> attempt = new AtomicReference<>();
    /** By limit; as many as the config has limits. */
    private final Map<String, BucketConfiguration> configurations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Connected(StatefulRedisConnection<String, byte[]> connection, AsyncProxyManager<String> buckets) {}

    private record Attempt(CompletableFuture<Connected> connected, long startedNanos) {}

    RedisCounterStore(RedisSettings settings) {
        this.settings = requireNonNull(settings, "settings");
        this.uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.timeout());
        this.where = "Redis at " + uri.getHost() + ":" + uri.getPort();
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout(settings.timeout())).build())
                .build());
    }

    /** A connection may take a little longer than a command, but not the 10 s Lettuce allows. */
    private static Duration connectTimeout(Duration commandTimeout) {
        Duration floor = Duration.ofSeconds(1);
        return commandTimeout.compareTo(floor) > 0 ? commandTimeout : floor;
    }

    /** Starts the first connection; completes when it is up or has failed (the store works either way). */
    CompletionStage<Boolean> connect() {
        return startAttempt(null).connected.handle((connected, failure) -> failure == null);
    }

    /** A new connection attempt, unless another thread has just replaced {@code expected}. */
    private Attempt startAttempt(Attempt expected) {
        Attempt next = new Attempt(new CompletableFuture<>(), System.nanoTime());
        if (!attempt.compareAndSet(expected, next)) {
            return attempt.get();
        }
        try {
            client.connectAsync(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri)
                    .whenComplete((connection, failure) -> {
                        if (failure != null) {
                            next.connected.completeExceptionally(failure);
                        } else if (closed) {
                            connection.closeAsync();
                            next.connected.completeExceptionally(new IllegalStateException("closed"));
                        } else {
                            next.connected.complete(new Connected(connection, buckets(connection)));
                        }
                    });
        } catch (RuntimeException e) {
            next.connected.completeExceptionally(e);
        }
        return next;
    }

    private AsyncProxyManager<String> buckets(StatefulRedisConnection<String, byte[]> connection) {
        return Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(EXPIRY_GRACE))
                .requestTimeout(settings.timeout())
                .build()
                .asAsync();
    }

    @Override
    public CompletionStage<Count> hit(String key, long capacity, Duration period, long hits) {
        requireNonNull(key, "key");
        Connected connected;
        try {
            connected = connection();
        } catch (CounterUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
        BucketConfiguration configuration = configurations.computeIfAbsent(capacity + "/" + period.toNanos(),
                k -> BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillIntervally(capacity, period))
                        .build());
        CompletableFuture<io.github.bucket4j.ConsumptionProbe> probe;
        try {
            probe = connected.buckets.builder().build(KEY_PREFIX + key, configuration).tryConsumeAndReturnRemaining(hits);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(unavailable(e));
        }
        return probe.handle((p, failure) -> {
            if (failure != null) {
                throw unavailable(failure);
            }
            return new Count(p.isConsumed(), p.getRemainingTokens(), p.getNanosToWaitForReset());
        });
    }

    /** The live connection, or why there is none. Never waits. */
    private Connected connection() {
        if (closed) {
            throw new CounterUnavailableException(where + ": the server is shutting down", null);
        }
        Attempt current = attempt.get();
        if (current == null) {
            current = startAttempt(null);
        }
        CompletableFuture<Connected> connected = current.connected;
        if (!connected.isDone()) {
            throw new CounterUnavailableException(where + ": connecting", null);
        }
        if (connected.isCompletedExceptionally()) {
            Throwable failure = failureOf(connected);
            if (System.nanoTime() - current.startedNanos >= CONNECT_RETRY.toNanos()) {
                startAttempt(current);
            }
            throw unavailable(failure);
        }
        return connected.join();
    }

    private static Throwable failureOf(CompletableFuture<?> failed) {
        try {
            failed.get();
            return new IllegalStateException("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    private CounterUnavailableException unavailable(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CounterUnavailableException already) {
            return already;
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new CounterUnavailableException(where + ": " + message, cause);
    }

    @Override
    public boolean available() {
        Attempt current = attempt.get();
        if (closed || current == null || !current.connected.isDone() || current.connected.isCompletedExceptionally()) {
            return false;
        }
        return current.connected.join().connection.isOpen();
    }

    @Override
    public CompletionStage<Void> close() {
        closed = true;
        Attempt current = attempt.get();
        CompletableFuture<Void> connectionClosed = current == null ? CompletableFuture.completedFuture(null)
                : current.connected.handle((c, failure) -> c).thenCompose(c ->
                        c == null ? CompletableFuture.completedFuture(null) : c.connection.closeAsync());
        return connectionClosed
                .thenCompose(v -> client.shutdownAsync(0, 2, TimeUnit.SECONDS))
                // The threads of the resources are the ones a listener on their shutdown would
                // run on, so it cannot be notified; wait for it on a pool thread instead (close
                // is never on the data path).
                .thenRunAsync(() -> resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS));
    }
}
