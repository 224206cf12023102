package dev.archway.gateway.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's SPIFFE identity as it is now. A source ({@link PemFileSource}, {@link
 * WorkloadApiSource}) offers each SVID it reads; TLS code reads the current one without locking.
 * A source that fails keeps the last good SVID in place and records why.
 */
public final class GatewayIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayIdentity.class);

    /** One SVID as it was taken into use; {@code generation} counts from 1. */
    public record Issued(long generation, WorkloadIdentity identity, Instant since) {}

    /** What {@code /status} and the metrics show. */
    public record View(String source, Issued issued, long rotations, long errors, String lastError,
            Instant lastErrorAt) {}

    private final String source;
    private final Clock clock;
    private volatile Issued current;
    private volatile Issued previous;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private final AtomicLong rotations = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final List<Consumer<WorkloadIdentity>> listeners = new CopyOnWriteArrayList<>();
    private final SvidKeyManager keyManager = new SvidKeyManager(this);

    /** @param source {@code files} or {@code workload-api}; null for a gateway without an identity */
    public GatewayIdentity(String source) {
        this(source, Clock.systemUTC());
    }

    GatewayIdentity(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** A gateway that has no SPIFFE identity configured. */
    public static GatewayIdentity none() {
        return new GatewayIdentity(null);
    }

    /** Whether an identity source is configured at all. */
    public boolean configured() {
        return source != null;
    }

    /** Configured and an SVID is in hand (not checked for expiry: see {@link #view}). */
    public boolean ready() {
        return current != null;
    }

    /** The SVID in use, or null before the first. */
    public WorkloadIdentity current() {
        Issued issued = current;
        return issued == null ? null : issued.identity();
    }

    public Issued issued() {
        return current;
    }

    /** The SVID of {@code generation} if it is the current or the one before, else null. */
    WorkloadIdentity generation(long generation) {
        Issued now = current;
        if (now != null && now.generation() == generation) {
            return now.identity();
        }
        Issued before = previous;
        return before != null && before.generation() == generation ? before.identity() : null;
    }

    /** Presents the current SVID in TLS handshakes. */
    public X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    /** Called with each new SVID (on the source's thread); not called for an unchanged one. */
    public void onChange(Consumer<WorkloadIdentity> listener) {
        listeners.add(listener);
    }

    /** A source read {@code next}: it becomes current unless it is the one already in use. */
    public synchronized void offer(WorkloadIdentity next) {
        Issued now = current;
        if (now != null && now.identity().sameAs(next)) {
            return;
        }
        previous = now;
        current = new Issued(now == null ? 1 : now.generation() + 1, next, clock.instant());
        if (now == null) {
            LOG.info("identity: {} from {}, valid until {}", next.spiffeId(), source, next.notAfter());
        } else {
            rotations.incrementAndGet();
            LOG.info("identity: rotated to a new SVID for {} from {}, valid until {} (was until {})", next.spiffeId(),
                    source, next.notAfter(), now.identity().notAfter());
        }
        for (Consumer<WorkloadIdentity> listener : listeners) {
            listener.accept(next);
        }
    }

    /** A source could not read a (new) SVID; the current one, if any, stays. */
    public void failed(String error) {
        errors.incrementAndGet();
        lastError = error;
        lastErrorAt = clock.instant();
        if (current == null) {
            LOG.error("identity: no SVID from {}: {}", source, error);
        } else {
            LOG.warn("identity: keeping the SVID valid until {}; {} failed: {}", current.identity().notAfter(),
                    source, error);
        }
    }

    public View view() {
        return new View(source, current, rotations.get(), errors.get(), lastError, lastErrorAt);
    }

    Clock clock() {
        return clock;
    }
}
