package dev.archway.gateway.identity;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the gateway's current SVID in every TLS handshake, as client or server. It asks {@link
 * GatewayIdentity} each time, so a rotated SVID is what the next handshake presents. Before the
 * first SVID arrived it presents nothing: the peer then decides (an mTLS peer refuses).
 *
 * <p>The alias names the SVID's generation ({@code svid-3}): TLS stacks that cache key material
 * by alias (OpenSSL's) see a new alias after a rotation, and a handshake that chose an alias just
 * before a rotation still gets the certificate and key of one and the same SVID.
 */
public final class SvidKeyManager extends X509ExtendedKeyManager {
    private static final String PREFIX = "svid-";

    private final GatewayIdentity identity;

    SvidKeyManager(GatewayIdentity identity) {
        this.identity = identity;
    }

    private String aliasIfIssued() {
        GatewayIdentity.Issued issued = identity.issued();
        return issued == null ? null : PREFIX + issued.generation();
    }

    private WorkloadIdentity byAlias(String alias) {
        if (alias == null || !alias.startsWith(PREFIX)) {
            return null;
        }
        try {
            return identity.generation(Long.parseLong(alias.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return aliasIfIssued();
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return aliasIfIssued();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasIfIssued();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasIfIssued();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        String alias = aliasIfIssued();
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        WorkloadIdentity svid = byAlias(alias);
        return svid == null ? null : svid.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        WorkloadIdentity svid = byAlias(alias);
        return svid == null ? null : svid.privateKey();
    }
}
