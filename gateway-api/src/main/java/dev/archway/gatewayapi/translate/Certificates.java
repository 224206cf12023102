package dev.archway.gatewayapi.translate;

import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code kubernetes.io/tls} Secret and checks that it holds a parseable certificate and a
 * PEM private key (PKCS#1, SEC1 or PKCS#8). Pure: parsing only, no I/O.
 */
final class Certificates {
    private static final Pattern CERT = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN (RSA |EC )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA |EC )?PRIVATE KEY-----");

    /** A usable certificate and key, or the reason it is not usable. */
    record Loaded(String certificatePem, String privateKeyPem, String problem) {}

    private Certificates() {}

    static Loaded load(Secret secret) {
        if (secret.getType() != null && !"kubernetes.io/tls".equals(secret.getType())) {
            return problem("has type " + secret.getType() + " (expected: kubernetes.io/tls)");
        }
        String cert = secretValue(secret, "tls.crt");
        String key = secretValue(secret, "tls.key");
        if (cert == null || key == null) {
            return problem("lacks " + (cert == null ? "tls.crt" : "tls.key"));
        }
        Matcher certs = CERT.matcher(cert);
        if (!certs.find()) {
            return problem("tls.crt holds no PEM certificate");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(certs.group(1).replaceAll("\\s", ""));
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException e) {
            return problem("tls.crt is not a valid X.509 certificate");
        }
        Matcher keys = KEY.matcher(key);
        if (!keys.find()) {
            return problem("tls.key holds no PEM private key");
        }
        try {
            Base64.getMimeDecoder().decode(keys.group(2).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return problem("tls.key is not valid base64 PEM");
        }
        return new Loaded(cert, key, null);
    }

    /**
     * The PEM certificates of a CA bundle ({@code ca.crt} of a ConfigMap), each checked to parse;
     * empty when there is none or one does not parse.
     */
    static java.util.List<String> caBundle(String pem) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (pem == null) {
            return out;
        }
        Matcher certs = CERT.matcher(pem);
        while (certs.find()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(certs.group(1).replaceAll("\\s", ""));
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            } catch (CertificateException | IllegalArgumentException e) {
                return java.util.List.of();
            }
            out.add(certs.group());
        }
        return out;
    }

    private static Loaded problem(String text) {
        return new Loaded(null, null, text);
    }

    /** The text of {@code key} in a Secret (data, base64, before stringData), or null when absent. */
    static String secretValue(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null) {
            try {
                return new String(Base64.getMimeDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        Map<String, String> plain = secret.getStringData();
        return plain == null ? null : plain.get(key);
    }
}
