package dev.archway.gateway.listener;

import dev.archway.gateway.tls.TlsEngine;
import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.ListenerProtocol;
import dev.archway.gatewayapi.ir.PortIr;
import dev.archway.gatewayapi.ir.Snapshot;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the ports of the current snapshot and keeps them in step with each new one:
 *
 * <ul>
 *   <li>a port whose address, port and protocol are unchanged keeps its server and connections;
 *       changed certificates are swapped into its {@link SniKeyManager};</li>
 *   <li>a new port is bound; one that cannot be (address in use) is reported, not fatal;</li>
 *   <li>a port no longer in the snapshot stops accepting and drains.</li>
 * </ul>
 *
 * Calls to {@link #apply} must not overlap: the reloader makes them one at a time.
 */
public final class ListenerManager {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerManager.class);

    private final Vertx vertx;
    private final ListenerSettings settings;
    private final PortHandler handler;
    private final BiConsumer<String, HttpConnection> connections;
    private final Map<String, BoundPort> ports = new ConcurrentHashMap<>();

    /** A port being served: its deployment of server instances and, for HTTPS, its certificates. */
    private record BoundPort(PortIr port, String deploymentId, List<HttpServer> servers, SniKeyManager keys) {}

    /** Tells {@code connections} of every client connection accepted, with its port's name. */
    public ListenerManager(Vertx vertx, ListenerSettings settings, PortHandler handler,
            BiConsumer<String, HttpConnection> connections) {
        this.connections = requireNonNull(connections, "connections");
        this.vertx = requireNonNull(vertx, "vertx");
        this.settings = requireNonNull(settings, "settings");
        this.handler = requireNonNull(handler, "handler");
    }

    /**
     * Makes the bound ports those of {@code snapshot}. The future never fails: it completes with
     * the problems (ports that could not be bound, certificates that could not be loaded), empty
     * when every port serves.
     */
    public Future<List<String>> apply(Snapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        Map<String, PortIr> desired = new java.util.LinkedHashMap<>();
        snapshot.ports().forEach(p -> desired.put(p.name(), p));
        List<Future<?>> closing = new ArrayList<>();
        for (BoundPort bound : List.copyOf(ports.values())) {
            PortIr wanted = desired.get(bound.port().name());
            if (wanted == null || !sameSocket(bound.port(), wanted)) {
                ports.remove(bound.port().name());
                closing.add(close(bound));
            }
        }
        return Future.join(closing).transform(ignored -> {
            List<Future<?>> binding = new ArrayList<>();
            for (PortIr port : desired.values()) {
                BoundPort bound = ports.get(port.name());
                if (bound != null) {
                    update(bound, port, errors);
                } else {
                    binding.add(bind(port, errors));
                }
            }
            return Future.join(binding).transform(done -> Future.succeededFuture(List.copyOf(errors)));
        });
    }

    /**
     * Whether {@code b} can be served by the socket bound for {@code a}. A change of client
     * certificate validation needs a new socket: the handshake policy is fixed when it is bound.
     */
    private static boolean sameSocket(PortIr a, PortIr b) {
        return a.bindAddress().equals(b.bindAddress()) && a.port() == b.port() && a.protocol() == b.protocol()
                && java.util.Objects.equals(a.clientValidation(), b.clientValidation());
    }

    private void update(BoundPort bound, PortIr port, List<String> errors) {
        BoundPort next = new BoundPort(port, bound.deploymentId(), bound.servers(), bound.keys());
        if (port.protocol() == ListenerProtocol.HTTPS && !port.certificates().equals(bound.port().certificates())) {
            List<String> certificateErrors = new ArrayList<>();
            CertificateTable table = CertificateTable.load(vertx, port.certificates(), certificateErrors);
            certificateErrors.forEach(e -> errors.add(port.name() + ": " + e));
            if (table.isEmpty()) {
                errors.add(port.name() + ": no usable certificate; the previous certificates stay in use");
            } else {
                bound.keys().update(table);
                LOG.info("{}: certificates updated ({})", port.name(), names(table));
            }
        }
        ports.put(port.name(), next);
    }

    private Future<Void> bind(PortIr port, List<String> errors) {
        HttpServerOptions options = baseOptions();
        SniKeyManager keys = null;
        if (port.protocol() == ListenerProtocol.HTTPS) {
            List<String> certificateErrors = new ArrayList<>();
            CertificateTable table = CertificateTable.load(vertx, port.certificates(), certificateErrors);
            certificateErrors.forEach(e -> errors.add(port.name() + ": " + e));
            if (table.isEmpty()) {
                errors.add(port.name() + ": not bound: HTTPS needs at least one usable certificate");
                return Future.succeededFuture();
            }
            keys = new SniKeyManager(table);
            options.setSsl(true)
                    .setSslEngineOptions(TlsEngine.PREFERRED)
                    .setKeyCertOptions(KeyCertOptions.wrap(keys))
                    .setUseAlpn(true)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
            if (port.clientValidation() != null) {
                ClientCertificates.configure(options, port.clientValidation());
            }
        }
        List<HttpServer> servers = new CopyOnWriteArrayList<>();
        SniKeyManager portKeys = keys;
        long drainMillis = settings.drainTime().toMillis();
        return vertx.deployVerticle(
                        () -> new PortVerticle(port.name(), port.bindAddress(), port.port(), options, handler, servers,
                                drainMillis, connections),
                        new DeploymentOptions().setInstances(settings.serverInstances()))
                .transform(ar -> {
                    if (ar.succeeded()) {
                        ports.put(port.name(), new BoundPort(port, ar.result(), servers, portKeys));
                        LOG.info("listening on {} ({}{})", port.name(), port.protocol(),
                                port.protocol() == ListenerProtocol.HTTPS
                                        ? ", TLS by " + TlsEngine.name()
                                        : "");
                    } else {
                        String message = ar.cause().getMessage() == null ? ar.cause().toString() : ar.cause().getMessage();
                        errors.add(port.name() + ": cannot bind: " + message);
                        LOG.warn("cannot bind {}: {}", port.name(), message);
                    }
                    return Future.succeededFuture();
                });
    }

    private HttpServerOptions baseOptions() {
        return new HttpServerOptions()
                .setMaxHeaderSize(settings.maxHeaderBytes())
                .setMaxInitialLineLength(settings.maxInitialLineBytes())
                .setHttp2ClearTextEnabled(true)
                .setHandle100ContinueAutomatically(true)
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setTcpNoDelay(true)
                .setReuseAddress(true)
                .setIdleTimeout((int) settings.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setInitialSettings(new Http2Settings().setMaxHeaderListSize(settings.maxHeaderBytes() * 2L));
    }

    private Future<Void> close(BoundPort bound) {
        LOG.info("closing {}", bound.port().name());
        return vertx.undeploy(bound.deploymentId()).recover(err -> {
            LOG.warn("closing {} failed: {}", bound.port().name(), err.toString());
            return Future.succeededFuture();
        });
    }

    /** The names of the ports serving now, sorted. */
    public SortedSet<String> boundPorts() {
        return new TreeSet<>(ports.keySet());
    }

    /**
     * Stops accepting on every port and lets requests in flight finish for up to {@code drainMillis},
     * then closes everything.
     */
    public Future<Void> shutdown(long drainMillis) {
        List<Future<?>> all = new ArrayList<>();
        for (BoundPort bound : List.copyOf(ports.values())) {
            for (HttpServer server : bound.servers()) {
                all.add(server.shutdown(drainMillis, TimeUnit.MILLISECONDS));
            }
        }
        return Future.join(all).transform(ignored -> {
            List<Future<?>> undeploy = new ArrayList<>();
            for (BoundPort bound : List.copyOf(ports.values())) {
                ports.remove(bound.port().name());
                undeploy.add(close(bound));
            }
            return Future.join(undeploy).mapEmpty();
        });
    }

    private static String names(CertificateTable table) {
        return String.join(", ", table.entries().stream().map(CertificateTable.Entry::name).toList());
    }
}
