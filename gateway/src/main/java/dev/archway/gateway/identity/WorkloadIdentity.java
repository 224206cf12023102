package dev.archway.gateway.identity;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One issued identity: the SVID (leaf first, then intermediates), its private key, and the CA
 * certificates of each trust domain the gateway trusts (its own and federated ones).
 *
 * @param spiffeId the leaf's SPIFFE ID, {@code spiffe://<trust domain>/<path>}
 * @param bundles trust domain name → its X.509 authorities; holds at least the SVID's own domain
 */
public record WorkloadIdentity(String spiffeId, List<X509Certificate> chain, PrivateKey privateKey,
        Map<String, List<X509Certificate>> bundles) {

    public WorkloadIdentity {
        requireNonNull(spiffeId, "spiffeId");
        requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        bundles = Map.copyOf(bundles);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an SVID needs at least its leaf certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The host part of the SPIFFE ID. */
    public String trustDomain() {
        return trustDomainOf(spiffeId);
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** The authorities of {@code trustDomain}, empty when the gateway has no bundle for it. */
    public List<X509Certificate> authorities(String trustDomain) {
        return bundles.getOrDefault(trustDomain, List.of());
    }

    /** Same certificate, same key, same bundles: nothing to rotate. */
    boolean sameAs(WorkloadIdentity other) {
        return other != null && leaf().equals(other.leaf()) && chain.equals(other.chain())
                && privateKey.equals(other.privateKey()) && bundles.equals(other.bundles());
    }

    /** {@code spiffe://example.org/ns/a} → {@code example.org}. */
    static String trustDomainOf(String spiffeId) {
        String rest = spiffeId.substring("spiffe://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
