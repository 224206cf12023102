package dev.archway.gateway.identity;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509SvidValidator;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks a mesh peer the SPIFFE way: its certificate chain must lead to the bundle of its trust
 * domain as the gateway holds it now (bundles rotate with the SVID), and its SPIFFE ID must be the
 * one expected, or, when none is, any ID of the gateway's own trust domain. Host names play no
 * part. Used for both sides of a connection: peers are servers (HBONE) here.
 */
public final class SpiffePeerCheck extends X509ExtendedTrustManager {
    private final GatewayIdentity identity;
    private final String expectedPath;

    /** @param expectedPath the peer's SPIFFE ID path in the gateway's trust domain, or null for any */
    public SpiffePeerCheck(GatewayIdentity identity, String expectedPath) {
        this.identity = identity;
        this.expectedPath = expectedPath;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        WorkloadIdentity own = identity.current();
        if (own == null) {
            throw new CertificateException("the gateway has no SVID yet, so it has no trust bundle to check mesh peers with");
        }
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the mesh peer presented no certificate");
        }
        String peer = spiffeId(chain[0]);
        if (peer == null) {
            throw new CertificateException("the mesh peer's certificate (subject "
                    + chain[0].getSubjectX500Principal().getName() + ") carries no SPIFFE ID");
        }
        try {
            X509SvidValidator.verifyChain(List.of(chain), domain -> {
                List<X509Certificate> authorities = own.authorities(domain.getName());
                if (authorities.isEmpty()) {
                    throw new BundleNotFoundException("no bundle for " + domain);
                }
                return new X509Bundle(domain, new HashSet<>(authorities));
            });
        } catch (BundleNotFoundException e) {
            throw new CertificateException("the mesh peer " + peer + " is of a trust domain the gateway has no bundle for", e);
        } catch (CertificateException e) {
            throw new CertificateException("the mesh peer " + peer + " is not signed by its trust domain's CA: "
                    + e.getMessage(), e);
        }
        String expected = expectedPath == null ? null : "spiffe://" + own.trustDomain() + expectedPath;
        if (expected != null && !expected.equals(peer)) {
            throw new CertificateException("the mesh peer is " + peer + ", expected " + expected);
        }
        if (expected == null && !TrustDomain.parse(own.trustDomain()).equals(
                io.spiffe.spiffeid.SpiffeId.parse(peer).getTrustDomain())) {
            throw new CertificateException("the mesh peer " + peer + " is not of the gateway's trust domain "
                    + own.trustDomain());
        }
    }

    private static String spiffeId(X509Certificate leaf) {
        try {
            if (leaf.getSubjectAlternativeNames() == null) {
                return null;
            }
            for (List<?> san : leaf.getSubjectAlternativeNames()) {
                if (Integer.valueOf(6).equals(san.get(0)) && san.get(1) instanceof String uri && uri.startsWith("spiffe://")) {
                    return uri;
                }
            }
        } catch (CertificateParsingException e) {
            return null;
        }
        return null;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        WorkloadIdentity own = identity.current();
        return own == null ? new X509Certificate[0] : own.authorities(own.trustDomain()).toArray(X509Certificate[]::new);
    }
}
