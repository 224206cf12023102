package dev.archway.gateway.testing;

import dev.archway.gatewayapi.ir.TlsCertificateIr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed RSA certificate made with the JDK's keytool, in PEM, with its key as PKCS#8
 * ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}).
 */
public record SelfSignedCertificate(String commonName, String certificatePem, String pkcs8KeyPem, String pkcs1KeyPem,
        X509Certificate certificate) {

    /** A certificate for {@code names} (DNS SANs; the first is also the CN). */
    public static SelfSignedCertificate generate(String... names) {
        return withSans(names[0], Arrays.stream(names).map(n -> "dns:" + n).toArray(String[]::new));
    }

    /** A certificate with common name {@code cn} and keytool SANs such as {@code uri:spiffe://td/x} or {@code dns:h}. */
    public static SelfSignedCertificate withSans(String cn, String... sans) {
        String[] names = {cn};
        try {
            Path dir = Files.createTempDirectory("archway-cert");
            Path store = dir.resolve("ks.p12");
            String san = String.join(",", sans);
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "cert", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=" + names[0], "-ext", "SAN=" + san, "-keystore", store.toString(),
                    "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(output));
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, "changeit".toCharArray());
            }
            PrivateKey key = (PrivateKey) keyStore.getKey("cert", "changeit".toCharArray());
            X509Certificate certificate = (X509Certificate) keyStore.getCertificate("cert");
            Files.delete(store);
            Files.delete(dir);
            byte[] pkcs8 = key.getEncoded();
            return new SelfSignedCertificate(names[0], pem("CERTIFICATE", certificate.getEncoded()),
                    pem("PRIVATE KEY", pkcs8), pem("RSA PRIVATE KEY", pkcs1Of(pkcs8)), certificate);
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a certificate for " + Arrays.toString(names), e);
        }
    }

    public TlsCertificateIr ir(String name, boolean pkcs1, String... serverNames) {
        return new TlsCertificateIr(name, certificatePem, pkcs1 ? pkcs1KeyPem : pkcs8KeyPem, List.of(serverNames));
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    /**
     * The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER version, SEQUENCE
     * algorithm, OCTET STRING privateKey }; the OCTET STRING's content is the PKCS#1 key.
     */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int[] pos = {0};
        expect(pkcs8, pos, 0x30);
        readLength(pkcs8, pos);
        expect(pkcs8, pos, 0x02);
        int versionLength = readLength(pkcs8, pos);
        pos[0] += versionLength;
        expect(pkcs8, pos, 0x30);
        int algorithmLength = readLength(pkcs8, pos);
        pos[0] += algorithmLength;
        expect(pkcs8, pos, 0x04);
        int length = readLength(pkcs8, pos);
        return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + length);
    }

    private static void expect(byte[] der, int[] pos, int tag) {
        if ((der[pos[0]] & 0xff) != tag) {
            throw new IllegalArgumentException("DER tag " + (der[pos[0]] & 0xff) + " at " + pos[0] + " (expected " + tag + ")");
        }
        pos[0]++;
    }

    private static int readLength(byte[] der, int[] pos) {
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xff);
        }
        return length;
    }
}
