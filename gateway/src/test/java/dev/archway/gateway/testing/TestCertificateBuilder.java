package dev.archway.gateway.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes X.509 v3 certificates in DER and signs them with ECDSA P-256 / SHA-256, in milliseconds
 * (keytool takes seconds per certificate on a small machine). Only what the tests need: CN
 * subjects, basic constraints, key usage, extended key usage, and URI/DNS subject alternative names.
 */
final class TestCertificateBuilder {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";

    static final int DIGITAL_SIGNATURE = 0x80;
    static final int KEY_CERT_SIGN = 0x04;
    static final int CRL_SIGN = 0x02;

    private String subject = "test";
    private String issuer;
    private BigInteger serial = BigInteger.ONE;
    private Instant notBefore = Instant.now().minusSeconds(60);
    private Instant notAfter = Instant.now().plusSeconds(86_400);
    private boolean ca;
    private int keyUsage = DIGITAL_SIGNATURE;
    private final List<String> uris = new ArrayList<>();
    private final List<String> dnsNames = new ArrayList<>();

    TestCertificateBuilder subject(String commonName) {
        this.subject = commonName;
        return this;
    }

    TestCertificateBuilder issuer(String commonName) {
        this.issuer = commonName;
        return this;
    }

    TestCertificateBuilder serial(long value) {
        this.serial = BigInteger.valueOf(value);
        return this;
    }

    TestCertificateBuilder validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    TestCertificateBuilder ca() {
        this.ca = true;
        this.keyUsage = KEY_CERT_SIGN | CRL_SIGN;
        return this;
    }

    TestCertificateBuilder uri(String uri) {
        uris.add(uri);
        return this;
    }

    TestCertificateBuilder dns(String name) {
        dnsNames.add(name);
        return this;
    }

    /** The certificate for {@code publicKey}, signed by {@code signer} (the issuer's key). */
    X509Certificate sign(PublicKey publicKey, PrivateKey signer) {
        try {
            byte[] algorithm = seq(oid(ECDSA_SHA256));
            List<byte[]> extensions = new ArrayList<>();
            extensions.add(extension("2.5.29.19", true, ca ? seq(der(0x01, new byte[] {(byte) 0xff})) : seq()));
            extensions.add(extension("2.5.29.15", true, bitString(keyUsage)));
            if (!ca) {
                extensions.add(extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))));
            }
            if (!uris.isEmpty() || !dnsNames.isEmpty()) {
                List<byte[]> names = new ArrayList<>();
                uris.forEach(u -> names.add(der(0x86, u.getBytes(StandardCharsets.US_ASCII))));
                dnsNames.forEach(d -> names.add(der(0x82, d.getBytes(StandardCharsets.US_ASCII))));
                extensions.add(extension("2.5.29.17", false, seq(names.toArray(byte[][]::new))));
            }
            byte[] tbs = seq(
                    der(0xa0, der(0x02, BigInteger.TWO.toByteArray())),
                    der(0x02, serial.toByteArray()),
                    algorithm,
                    name(issuer == null ? subject : issuer),
                    seq(time(notBefore), time(notAfter)),
                    name(subject),
                    publicKey.getEncoded(),
                    der(0xa3, seq(extensions.toArray(byte[][]::new))));
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(signer);
            signature.update(tbs);
            byte[] signed = signature.sign();
            byte[] bits = new byte[signed.length + 1];
            System.arraycopy(signed, 0, bits, 1, signed.length);
            byte[] certificate = seq(tbs, algorithm, der(0x03, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test certificate for " + subject, e);
        }
    }

    private static byte[] extension(String id, boolean critical, byte[] value) {
        return critical ? seq(oid(id), der(0x01, new byte[] {(byte) 0xff}), der(0x04, value)) : seq(oid(id), der(0x04, value));
    }

    private static byte[] bitString(int bits) {
        int unused = Integer.numberOfTrailingZeros(bits);
        return der(0x03, new byte[] {(byte) Math.min(unused, 7), (byte) bits});
    }

    private static byte[] name(String commonName) {
        return seq(der(0x31, seq(oid("2.5.4.3"), der(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(Instant instant) {
        return der(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long value = Long.parseLong(parts[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                int b = (int) ((value >> (7 * g)) & 0x7f);
                out.write(g == 0 ? b : b | 0x80);
            }
        }
        return der(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... items) {
        return der(0x30, concat(items));
    }

    private static byte[] concat(byte[]... items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] item : items) {
            out.writeBytes(item);
        }
        return out.toByteArray();
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
