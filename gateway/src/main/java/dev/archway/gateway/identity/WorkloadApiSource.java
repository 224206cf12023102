package dev.archway.gateway.identity;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.X509BundleException;
import io.spiffe.exception.X509SvidException;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.grpc.Workload.X509SVID;
import io.spiffe.workloadapi.grpc.Workload.X509SVIDRequest;
import io.spiffe.workloadapi.grpc.Workload.X509SVIDResponse;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the gateway's SVID from the SPIFFE Workload API: one {@code FetchX509SVID} call that the
 * agent answers at once and again at every rotation. When the stream ends or breaks (agent
 * restart), the call is made again after a back-off of 0.5 s doubling up to 30 s; the last SVID
 * stays in use meanwhile. The first SVID of an answer is taken (the Workload API's default).
 */
public final class WorkloadApiSource implements AutoCloseable {
    static final long FIRST_RETRY_MILLIS = 500;
    static final long MAX_RETRY_MILLIS = 30_000;

    private final Vertx vertx;
    /** Every callback and timer runs here: the fields need no locking. */
    private final Context context;
    private final SocketAddress socket;
    private final String socketText;
    private final GatewayIdentity identity;
    private final GrpcClient grpc;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private long timer = -1;
    private GrpcClientRequest<X509SVIDRequest, X509SVIDResponse> call;
    private volatile boolean closed;

    private WorkloadApiSource(Vertx vertx, IdentitySettings.WorkloadApi settings, GatewayIdentity identity) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.socket = SocketAddress.domainSocketAddress(settings.socket().toString());
        this.socketText = "unix://" + settings.socket();
        this.identity = identity;
        this.grpc = GrpcClient.client(vertx);
    }

    /** Opens the stream; the first SVID arrives asynchronously ({@link GatewayIdentity#ready()}). */
    public static WorkloadApiSource start(Vertx vertx, IdentitySettings.WorkloadApi settings, GatewayIdentity identity) {
        WorkloadApiSource source = new WorkloadApiSource(vertx, settings, identity);
        source.context.runOnContext(v -> source.connect());
        return source;
    }

    private void connect() {
        timer = -1;
        if (closed) {
            return;
        }
        grpc.request(socket, WorkloadApiMethods.CLIENT).onComplete(opened -> {
            if (opened.failed()) {
                retry("cannot reach the Workload API at " + socketText + ": " + opened.cause().getMessage());
                return;
            }
            call = opened.result();
            call.headers().set(WorkloadApiMethods.SECURITY_HEADER, "true");
            call.end(X509SVIDRequest.getDefaultInstance());
            call.response().onComplete(answered -> {
                if (answered.failed()) {
                    retry("the Workload API at " + socketText + " refused the call: " + answered.cause().getMessage());
                    return;
                }
                var response = answered.result();
                response.handler(this::received);
                response.exceptionHandler(err -> retry("the Workload API stream broke: " + err.getMessage()));
                response.endHandler(v -> retry("the Workload API ended the stream (status "
                        + response.status() + (response.statusMessage() == null ? "" : ": " + response.statusMessage())
                        + ")"));
            });
        });
    }

    private void received(X509SVIDResponse message) {
        try {
            identity.offer(convert(message));
            retryMillis = FIRST_RETRY_MILLIS;
        } catch (IdentityException e) {
            identity.failed("the Workload API sent an unusable SVID: " + e.getMessage());
        }
    }

    /** The first SVID of {@code message} with its bundle and the federated bundles. */
    static WorkloadIdentity convert(X509SVIDResponse message) throws IdentityException {
        if (message.getSvidsCount() == 0) {
            throw new IdentityException("the answer holds no SVID (is this workload registered?)");
        }
        X509SVID first = message.getSvids(0);
        X509Svid svid;
        try {
            svid = X509Svid.parseRaw(first.getX509Svid().toByteArray(), first.getX509SvidKey().toByteArray());
        } catch (X509SvidException e) {
            throw new IdentityException(first.getSpiffeId() + ": " + e.getMessage());
        }
        KeyMatch.require(svid.getPrivateKey(), svid.getLeaf(), first.getSpiffeId());
        TrustDomain own = svid.getSpiffeId().getTrustDomain();
        Map<String, List<X509Certificate>> bundles = new HashMap<>();
        bundles.put(own.getName(), authorities(own, first.getBundle().toByteArray()));
        for (Map.Entry<String, com.google.protobuf.ByteString> federated : message.getFederatedBundlesMap().entrySet()) {
            TrustDomain domain;
            try {
                domain = TrustDomain.parse(federated.getKey());
            } catch (IllegalArgumentException e) {
                throw new IdentityException("federated bundle '" + federated.getKey() + "': " + e.getMessage());
            }
            if (!domain.equals(own)) {
                bundles.put(domain.getName(), authorities(domain, federated.getValue().toByteArray()));
            }
        }
        return new WorkloadIdentity(svid.getSpiffeId().toString(), svid.getChain(), svid.getPrivateKey(), bundles);
    }

    private static List<X509Certificate> authorities(TrustDomain domain, byte[] der) throws IdentityException {
        try {
            List<X509Certificate> certificates = List.copyOf(X509Bundle.parse(domain, der).getX509Authorities());
            if (certificates.isEmpty()) {
                throw new IdentityException("the bundle of " + domain + " holds no CA certificate");
            }
            return certificates;
        } catch (X509BundleException e) {
            throw new IdentityException("the bundle of " + domain + ": " + e.getMessage());
        }
    }

    private void retry(String why) {
        if (closed || timer >= 0) {
            return;
        }
        identity.failed(why + "; calling again in " + retryMillis + " ms");
        cancelCall();
        long delay = retryMillis;
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        timer = vertx.setTimer(delay, id -> connect());
    }

    @Override
    public void close() {
        closed = true;
        context.runOnContext(v -> {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            cancelCall();
            grpc.close();
        });
    }

    private void cancelCall() {
        if (call != null) {
            try {
                call.cancel();
            } catch (IllegalStateException alreadyEnded) {
                // nothing to cancel
            }
            call = null;
        }
    }
}
