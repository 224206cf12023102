package dev.archway.gateway.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The JDK's PKIX chain check over given CA certificates, or over the JDK's own CA list. */
public final class PkixTrust {
    private PkixTrust() {}

    /**
     * Trusts the certificates of {@code pems} (each a PEM text of one or more certificates).
     *
     * @throws GeneralSecurityException when a text does not parse or holds no certificate at all
     */
    public static X509ExtendedTrustManager of(List<String> pems) throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            int i = 0;
            for (String pem : pems) {
                for (Certificate certificate : factory.generateCertificates(
                        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
            }
            if (i == 0) {
                throw new GeneralSecurityException("no CA certificate in them");
            }
            return from(store);
        } catch (IOException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    /** Trusts the CA certificates the JDK ships (its {@code cacerts}). */
    public static X509ExtendedTrustManager system() throws GeneralSecurityException {
        return from(null);
    }

    private static X509ExtendedTrustManager from(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager");
    }
}
