package dev.archway.gateway.listener;

import dev.archway.gateway.tls.PkixTrust;
import dev.archway.gatewayapi.ir.ClientValidationIr;
import dev.archway.plugins.spi.ClientCertificate;
import io.vertx.core.http.HttpConnection;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.TrustOptions;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client certificate validation on an HTTPS port (Gateway {@code spec.tls.frontend}): the CAs a
 * client certificate must chain to, and what happens without one.
 *
 * <ul>
 *   <li>{@code AllowValidOnly}: the handshake requires a certificate that chains to one of the
 *       CAs; anything else fails the handshake, before any HTTP is read.</li>
 *   <li>{@code AllowInsecureFallback}: a certificate is asked for, not required; one that does
 *       not chain to the CAs is let in too. Whether it was valid is kept on the TLS session
 *       ({@link #VERIFIED}) for whatever reads the client's identity.</li>
 * </ul>
 */
public final class ClientCertificates {
    /** TLS session value: Boolean.TRUE when the client's certificate chained to the port's CAs. */
    static final String VERIFIED = "archway.client-certificate.verified";

    private ClientCertificates() {}

    /**
     * The certificate the client presented on {@code connection}, or null (no TLS, none asked for,
     * none sent).
     */
    public static ClientCertificate presentedOn(HttpConnection connection) {
        if (!connection.isSsl()) {
            return null;
        }
        List<Certificate> chain;
        try {
            chain = connection.peerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            return null;
        }
        SSLSession session = connection.sslSession();
        boolean verified = session != null && Boolean.TRUE.equals(session.getValue(VERIFIED));
        List<String> uris = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    // GeneralName tags: 2 dNSName, 6 uniformResourceIdentifier.
                    int tag = (Integer) name.get(0);
                    if (tag == 6) {
                        uris.add(String.valueOf(name.get(1)));
                    } else if (tag == 2) {
                        dns.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A certificate whose extension does not parse names no SANs; the subject still holds.
        }
        return new ClientCertificate(verified, leaf.getSubjectX500Principal().getName(), uris, dns);
    }

    static void configure(HttpServerOptions options, ClientValidationIr validation) {
        X509ExtendedTrustManager trust = trustManager(validation);
        if (validation.mode() == ClientValidationIr.Mode.ALLOW_VALID_ONLY) {
            options.setClientAuth(ClientAuth.REQUIRED).setTrustOptions(TrustOptions.wrap(new Recording(trust, true)));
        } else {
            options.setClientAuth(ClientAuth.REQUEST).setTrustOptions(TrustOptions.wrap(new Recording(trust, false)));
        }
    }

    /** The JDK's PKIX trust manager over the CA certificates (already checked to parse by the translator). */
    private static X509ExtendedTrustManager trustManager(ClientValidationIr validation) {
        try {
            return PkixTrust.of(validation.caCertificatePems());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(validation.source() + ": CA certificates cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * Checks client chains with {@code delegate} and records the outcome on the handshake session;
     * refuses a chain that fails only when {@code required}. Server-side only: the server methods
     * are never called on a listener.
     */
    private static final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final boolean required;

        Recording(X509ExtendedTrustManager delegate, boolean required) {
            this.delegate = delegate;
            this.required = required;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            boolean verified = false;
            try {
                delegate.checkClientTrusted(chain, authType, engine);
                verified = true;
            } catch (CertificateException e) {
                if (required) {
                    throw e;
                }
            } finally {
                if (engine != null && engine.getHandshakeSession() != null) {
                    engine.getHandshakeSession().putValue(VERIFIED, verified);
                }
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType, (SSLEngine) null);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkClientTrusted(chain, authType, (SSLEngine) null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a listener does not check server certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a listener does not check server certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a listener does not check server certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            // Sent in the CertificateRequest, so clients with several certificates pick a fitting
            // one. Under the fallback none are named: a client then sends whatever it has, and an
            // unverified certificate is still recorded as such rather than silently withheld.
            return required ? delegate.getAcceptedIssuers() : new X509Certificate[0];
        }
    }
}
