package dev.archway.gateway.identity;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.X509BundleException;
import io.spiffe.exception.X509SvidException;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.svid.x509svid.X509SvidValidator;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the SVID, its key and the trust bundle from PEM files and re-reads them when they change,
 * as cert-manager's CSI driver, spiffe-helper or a Kubernetes Secret volume rotate them. The files
 * are polled (a Secret volume swaps a symlink, which file watches see unreliably); a change is
 * taken once two polls in a row read the same bytes, so a rotation written file by file is not
 * read halfway.
 */
public final class PemFileSource implements AutoCloseable {
    private final Vertx vertx;
    private final IdentitySettings.PemFiles files;
    private final GatewayIdentity identity;
    private long timer = -1;
    private byte[] applied;
    private byte[] seen;
    private boolean polling;

    private PemFileSource(Vertx vertx, IdentitySettings.PemFiles files, GatewayIdentity identity) {
        this.vertx = vertx;
        this.files = files;
        this.identity = identity;
    }

    /**
     * Reads the files now and watches them from then on.
     *
     * @throws IllegalArgumentException when the files cannot be read or do not hold a valid SVID
     *     that chains to the bundle: the gateway does not start on a broken identity
     */
    public static PemFileSource start(Vertx vertx, IdentitySettings.PemFiles files, GatewayIdentity identity) {
        PemFileSource source = new PemFileSource(vertx, files, identity);
        byte[] content;
        try {
            content = source.readAll();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the SVID files: " + e);
        }
        try {
            identity.offer(source.parse());
        } catch (IdentityException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        source.applied = content;
        source.seen = content;
        source.timer = vertx.setPeriodic(files.pollInterval().toMillis(), id -> source.poll());
        return source;
    }

    private void poll() {
        if (polling) {
            return; // a slow disk: the last poll is still reading
        }
        polling = true;
        vertx.executeBlocking(() -> {
            check();
            return null;
        }, false).onComplete(done -> polling = false);
    }

    private void check() {
        byte[] content;
        try {
            content = readAll();
        } catch (IOException e) {
            if (seen != null) {
                identity.failed("cannot read the SVID files: " + e);
            }
            seen = null;
            return;
        }
        boolean settled = Arrays.equals(content, seen);
        seen = content;
        if (!settled || Arrays.equals(content, applied)) {
            return;
        }
        applied = content;
        try {
            identity.offer(parse());
        } catch (IdentityException e) {
            identity.failed(e.getMessage());
        }
    }

    private byte[] readAll() throws IOException {
        byte[] cert = Files.readAllBytes(files.certificates());
        byte[] key = Files.readAllBytes(files.privateKey());
        byte[] bundle = Files.readAllBytes(files.bundle());
        byte[] all = Arrays.copyOf(cert, cert.length + key.length + bundle.length + 2);
        all[cert.length] = 0;
        System.arraycopy(key, 0, all, cert.length + 1, key.length);
        all[cert.length + 1 + key.length] = 0;
        System.arraycopy(bundle, 0, all, cert.length + 2 + key.length, bundle.length);
        return all;
    }

    private WorkloadIdentity parse() throws IdentityException {
        X509Svid svid;
        try {
            svid = X509Svid.parse(Files.readAllBytes(files.certificates()), Files.readAllBytes(files.privateKey()));
        } catch (X509SvidException | IOException e) {
            throw new IdentityException(files.certificates() + " with " + files.privateKey() + ": " + e.getMessage());
        }
        KeyMatch.require(svid.getPrivateKey(), svid.getLeaf(), files.privateKey() + " with " + files.certificates());
        TrustDomain domain = svid.getSpiffeId().getTrustDomain();
        X509Bundle bundle;
        try {
            bundle = X509Bundle.parse(domain, Files.readAllBytes(files.bundle()));
        } catch (X509BundleException | IOException e) {
            throw new IdentityException(files.bundle() + ": " + e.getMessage());
        }
        if (bundle.getX509Authorities().isEmpty()) {
            throw new IdentityException(files.bundle() + ": no CA certificate in it");
        }
        try {
            X509SvidValidator.verifyChain(svid.getChain(), bundle);
        } catch (CertificateException | RuntimeException | io.spiffe.exception.BundleNotFoundException e) {
            throw new IdentityException("the SVID " + files.certificates() + " (" + svid.getSpiffeId()
                    + ") does not chain to the bundle " + files.bundle() + ": " + e.getMessage());
        }
        List<X509Certificate> authorities = List.copyOf(bundle.getX509Authorities());
        return new WorkloadIdentity(svid.getSpiffeId().toString(), svid.getChain(), svid.getPrivateKey(),
                Map.of(domain.getName(), authorities));
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
