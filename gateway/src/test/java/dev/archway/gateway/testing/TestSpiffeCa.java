package dev.archway.gateway.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A certificate authority for one SPIFFE trust domain: a CA certificate (the trust bundle) and the
 * SVIDs it signs, with a {@code spiffe://} URI SAN, digital-signature key usage and client+server
 * extended key usage, as SPIRE issues them. EC P-256 keys; certificates are written in-process.
 */
public final class TestSpiffeCa {
    private final String trustDomain;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final AtomicLong serials = new AtomicLong(1);

    /** An SVID: the leaf certificate (PEM), its PKCS#8 key (PEM) and the parsed forms. */
    public record Svid(String spiffeId, String certificatePem, String keyPem, X509Certificate certificate,
            PrivateKey privateKey) {
        public byte[] certificateDer() {
            return der(certificate);
        }
    }

    private TestSpiffeCa(String trustDomain, KeyPair keys, X509Certificate certificate) {
        this.trustDomain = trustDomain;
        this.keys = keys;
        this.certificate = certificate;
    }

    public static TestSpiffeCa create(String trustDomain) {
        KeyPair keys = keyPair();
        X509Certificate certificate = new TestCertificateBuilder().subject(trustDomain + " test CA").ca()
                .uri("spiffe://" + trustDomain).sign(keys.getPublic(), keys.getPrivate());
        return new TestSpiffeCa(trustDomain, keys, certificate);
    }

    public String trustDomain() {
        return trustDomain;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The trust bundle: the CA certificate in PEM. */
    public String bundlePem() {
        return pem(certificate);
    }

    public byte[] bundleDer() {
        return der(certificate);
    }

    /**
     * An SVID for {@code spiffe://<trust domain><path>}, valid for a day.
     *
     * @param dnsNames DNS SANs beside the URI SAN (for peers that check host names)
     */
    public Svid issue(String path, String... dnsNames) {
        return issue(path, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400), dnsNames);
    }

    /** An SVID valid from {@code notBefore} until {@code notAfter}. */
    public Svid issue(String path, Instant notBefore, Instant notAfter, String... dnsNames) {
        String spiffeId = "spiffe://" + trustDomain + path;
        KeyPair leafKeys = keyPair();
        TestCertificateBuilder builder = new TestCertificateBuilder().subject("SPIFFE " + path)
                .issuer(trustDomain + " test CA").serial(serials.incrementAndGet()).validity(notBefore, notAfter)
                .uri(spiffeId);
        for (String dns : dnsNames) {
            builder.dns(dns);
        }
        X509Certificate leaf = builder.sign(leafKeys.getPublic(), keys.getPrivate());
        return new Svid(spiffeId, pem(leaf), pem("PRIVATE KEY", leafKeys.getPrivate().getEncoded()), leaf,
                leafKeys.getPrivate());
    }

    /** A server certificate for DNS {@code names} (no SPIFFE ID), signed by this CA. */
    public Svid issueServer(String... names) {
        KeyPair leafKeys = keyPair();
        TestCertificateBuilder builder = new TestCertificateBuilder().subject(names[0])
                .issuer(trustDomain + " test CA").serial(serials.incrementAndGet());
        for (String name : names) {
            builder.dns(name);
        }
        X509Certificate leaf = builder.sign(leafKeys.getPublic(), keys.getPrivate());
        return new Svid(null, pem(leaf), pem("PRIVATE KEY", leafKeys.getPrivate().getEncoded()), leaf,
                leafKeys.getPrivate());
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM of a certificate. */
    public static String pem(X509Certificate certificate) {
        return pem("CERTIFICATE", der(certificate));
    }

    /** Certificates of a PEM text. */
    public static List<X509Certificate> certificates(String pem) {
        try {
            List<X509Certificate> result = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                result.add((X509Certificate) c);
            }
            return result;
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
