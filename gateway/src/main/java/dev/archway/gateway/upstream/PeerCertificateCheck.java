package dev.archway.gateway.upstream;

import dev.archway.gateway.tls.PkixTrust;
import dev.archway.gatewayapi.ir.UpstreamTlsIr;
import dev.archway.gatewayapi.ir.UpstreamTlsIr.SubjectAltNameIr;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Checks an upstream's certificate as its BackendTLSPolicy says: the chain must lead to one of the
 * policy's CA certificates (or a system CA), then the leaf must carry one of the policy's subject
 * alternative names, or, when it lists none, the policy's hostname as a DNS name. The exception
 * names what the certificate carries and what was expected, for the access log and the warning.
 */
final class PeerCertificateCheck extends X509ExtendedTrustManager {
    private final X509TrustManager chains;
    private final UpstreamTlsIr tls;

    private PeerCertificateCheck(X509TrustManager chains, UpstreamTlsIr tls) {
        this.chains = chains;
        this.tls = tls;
    }

    /** @throws IllegalArgumentException when the CA certificates do not parse */
    static PeerCertificateCheck of(UpstreamTlsIr tls) {
        try {
            return new PeerCertificateCheck(tls.systemTrust() ? PkixTrust.system() : PkixTrust.of(tls.caCertificates()), tls);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the CA certificates of " + tls.policy() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            chains.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new CertificateException("upstream certificate " + describe(chain[0]) + " is not signed by a CA that "
                    + tls.policy() + " trusts: " + e.getMessage(), e);
        }
        checkNames(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    private void checkNames(X509Certificate leaf) throws CertificateException {
        List<String> dns = sans(leaf, 2);
        List<String> uris = sans(leaf, 6);
        if (tls.subjectAltNames().isEmpty()) {
            if (dns.stream().anyMatch(name -> hostMatches(name, tls.serverName()))) {
                return;
            }
            throw new CertificateException("upstream certificate " + describe(leaf) + " is not for " + tls.serverName()
                    + " (" + tls.policy() + " validation.hostname)");
        }
        for (SubjectAltNameIr expected : tls.subjectAltNames()) {
            boolean found = expected.type() == SubjectAltNameIr.Type.URI
                    ? uris.contains(expected.value())
                    : dns.stream().anyMatch(name -> hostMatches(name, expected.value()));
            if (found) {
                return;
            }
        }
        throw new CertificateException("upstream certificate " + describe(leaf) + " carries none of the subjectAltNames "
                + tls.subjectAltNames().stream().map(SubjectAltNameIr::value).toList() + " of " + tls.policy());
    }

    /** A DNS SAN matches a name exactly (case-insensitively), or as {@code *.domain} for one more label. */
    static boolean hostMatches(String san, String host) {
        String pattern = san.toLowerCase(Locale.ROOT);
        String name = host.toLowerCase(Locale.ROOT);
        if (pattern.startsWith("*.")) {
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(name);
    }

    private static String describe(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        sans(leaf, 6).forEach(u -> names.add("URI:" + u));
        sans(leaf, 2).forEach(d -> names.add("DNS:" + d));
        return "(subject " + leaf.getSubjectX500Principal().getName() + (names.isEmpty() ? ", no SANs" : ", SANs " + names)
                + ")";
    }

    private static List<String> sans(X509Certificate leaf, int type) {
        List<String> result = new ArrayList<>();
        try {
            Collection<List<?>> all = leaf.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> san : all) {
                    if (san.size() >= 2 && Integer.valueOf(type).equals(san.get(0)) && san.get(1) instanceof String value) {
                        result.add(value);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no readable SANs: nothing matches
        }
        return result;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the upstream side does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chains.getAcceptedIssuers();
    }
}
