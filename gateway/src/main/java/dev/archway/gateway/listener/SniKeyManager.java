package dev.archway.gateway.listener;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the certificate of each TLS handshake from the server name the client indicated. The
 * table is swapped in place when certificates change, so a port keeps its socket and its
 * connections across reloads; the previous table stays readable for handshakes already between
 * choosing an alias and reading its key.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {
    private volatile CertificateTable current;
    private volatile CertificateTable previous;

    SniKeyManager(CertificateTable table) {
        this.current = table;
    }

    void update(CertificateTable table) {
        previous = current;
        current = table;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        SSLSession session = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        return alias(keyType, session);
    }

    private String alias(String keyType, SSLSession session) {
        CertificateTable.Entry entry = current.choose(serverNameOf(session), keyType);
        return entry == null ? null : entry.alias();
    }

    /** The host name the client sent in SNI, or null (also for a null session). */
    public static String serverNameOf(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            List<SNIServerName> names = extended.getRequestedServerNames();
            if (names != null) {
                for (SNIServerName name : names) {
                    if (name instanceof SNIHostName host) {
                        return host.getAsciiName();
                    }
                }
            }
        }
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.entries().stream()
                .filter(e -> keyType == null || keyType.equals(e.key().getAlgorithm()))
                .map(CertificateTable.Entry::alias)
                .toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        CertificateTable.Entry entry = lookup(alias);
        return entry == null ? null : entry.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        CertificateTable.Entry entry = lookup(alias);
        return entry == null ? null : entry.key();
    }

    private CertificateTable.Entry lookup(String alias) {
        if (alias == null) {
            return null;
        }
        CertificateTable.Entry entry = current.byAlias(alias);
        if (entry == null && previous != null) {
            entry = previous.byAlias(alias);
        }
        return entry;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
