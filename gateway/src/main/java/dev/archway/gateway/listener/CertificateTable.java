package dev.archway.gateway.listener;

import dev.archway.gateway.router.Hostnames;
import dev.archway.gatewayapi.ir.TlsCertificateIr;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.security.auth.x500.X500Principal;

/**
 * The certificates of one HTTPS port, loaded from PEM (PKCS#1, PKCS#8 or SEC1 keys), and the rule
 * that picks one for a TLS server name. Immutable.
 */
final class CertificateTable {
    private static final AtomicLong ALIASES = new AtomicLong();
    private static final String[] KEY_TYPES = {"RSA", "EC", "RSASSA-PSS", "EdDSA", "Ed25519", "DSA"};

    /** One loaded certificate; {@code alias} is unique in the process, so tables can be swapped safely. */
    record Entry(String alias, String name, PrivateKey key, X509Certificate[] chain, List<String> serverNames,
            List<String> certificateNames) {}

    private final List<Entry> entries;

    private CertificateTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Loads {@code certificates}; one that cannot be loaded is left out and described in
     * {@code errors}, so the others still serve.
     */
    static CertificateTable load(Vertx vertx, List<TlsCertificateIr> certificates, List<String> errors) {
        List<Entry> entries = new ArrayList<>();
        for (TlsCertificateIr certificate : certificates) {
            try {
                entries.add(loadOne(vertx, certificate));
            } catch (Exception e) {
                errors.add("certificate " + certificate.name() + ": cannot load the PEM certificate and key: "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        return new CertificateTable(entries);
    }

    private static Entry loadOne(Vertx vertx, TlsCertificateIr certificate) throws Exception {
        if (certificate.certificatePem() == null || certificate.privateKeyPem() == null) {
            throw new IllegalArgumentException("certificate and key are both required");
        }
        PemKeyCertOptions pem = new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(certificate.certificatePem()))
                .setKeyValue(Buffer.buffer(certificate.privateKeyPem()));
        KeyManagerFactory factory = pem.getKeyManagerFactory(vertx);
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509KeyManager x509) {
                for (String type : KEY_TYPES) {
                    String[] aliases = x509.getServerAliases(type, null);
                    if (aliases != null && aliases.length > 0) {
                        X509Certificate[] chain = x509.getCertificateChain(aliases[0]);
                        PrivateKey key = x509.getPrivateKey(aliases[0]);
                        if (chain == null || chain.length == 0 || key == null) {
                            continue;
                        }
                        List<String> serverNames = new ArrayList<>();
                        certificate.serverNames().forEach(n -> serverNames.add(Hostnames.normalize(n)));
                        return new Entry("archway-" + ALIASES.incrementAndGet(), certificate.name(), key, chain,
                                List.copyOf(serverNames), namesOf(chain[0]));
                    }
                }
            }
        }
        throw new IllegalArgumentException("no usable key and certificate found");
    }

    /** The DNS subject alternative names, or the common name when there are none. */
    private static List<String> namesOf(X509Certificate certificate) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            for (List<?> alternative : alternatives) {
                if (alternative.size() >= 2 && Integer.valueOf(2).equals(alternative.get(0))) {
                    names.add(String.valueOf(alternative.get(1)).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (names.isEmpty()) {
            String dn = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
            for (String part : dn.split(",")) {
                if (part.trim().toUpperCase(Locale.ROOT).startsWith("CN=")) {
                    names.add(part.trim().substring(3).toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(names);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<Entry> entries() {
        return entries;
    }

    Entry byAlias(String alias) {
        for (Entry entry : entries) {
            if (entry.alias().equals(alias)) {
                return entry;
            }
        }
        return null;
    }

    /**
     * The certificate for {@code serverName} whose key fits {@code keyType}: the listener
     * hostnames that chose a certificate first (exact, then the longest wildcard), then a
     * certificate of a listener without hostname, then one whose own names cover the server name,
     * then the first certificate (the default). Null when no certificate has a key of that type.
     */
    Entry choose(String serverName, String keyType) {
        List<Entry> usable = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            if (keyType == null || keyType.equals(entry.key().getAlgorithm())) {
                usable.add(entry);
            }
        }
        if (usable.isEmpty()) {
            return null;
        }
        if (serverName != null && !serverName.isEmpty()) {
            String host = Hostnames.normalize(serverName);
            Entry found = bestByNames(usable, host, true);
            if (found != null) {
                return found;
            }
            for (Entry entry : usable) {
                if (entry.serverNames().isEmpty()) {
                    return entry;
                }
            }
            found = bestByNames(usable, host, false);
            if (found != null) {
                return found;
            }
        }
        return usable.get(0);
    }

    private static Entry bestByNames(List<Entry> entries, String host, boolean listenerNames) {
        Entry best = null;
        int bestScore = -1;
        for (Entry entry : entries) {
            for (String name : listenerNames ? entry.serverNames() : entry.certificateNames()) {
                int score = score(name, host);
                if (score > bestScore) {
                    bestScore = score;
                    best = entry;
                }
            }
        }
        return best;
    }

    /** -1 no match; an exact match beats every wildcard; a longer wildcard beats a shorter one. */
    private static int score(String pattern, String host) {
        if (pattern.equals(host)) {
            return Integer.MAX_VALUE;
        }
        if (pattern.startsWith("*.") && Hostnames.matches(pattern, host)) {
            return pattern.length();
        }
        return -1;
    }
}
