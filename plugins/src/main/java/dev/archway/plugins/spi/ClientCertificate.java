package dev.archway.plugins.spi;

import java.util.List;

/**
 * The certificate a client presented in the TLS handshake of its connection, as the listener saw
 * it.
 *
 * @param verified whether it chains to the CAs of the listener's client validation (always true
 *     under {@code AllowValidOnly}, where the handshake fails otherwise; false under
 *     {@code AllowInsecureFallback} for a certificate from another issuer)
 * @param subject the subject distinguished name, RFC 2253 form
 * @param uriSans URI subject alternative names; a SPIFFE ID is one of them
 * @param dnsSans DNS subject alternative names
 */
public record ClientCertificate(boolean verified, String subject, List<String> uriSans, List<String> dnsSans) {
    public ClientCertificate {
        uriSans = List.copyOf(uriSans);
        dnsSans = List.copyOf(dnsSans);
    }

    /** The first {@code spiffe://} URI SAN, or null. */
    public String spiffeId() {
        for (String uri : uriSans) {
            if (uri.startsWith("spiffe://")) {
                return uri;
            }
        }
        return null;
    }

    /**
     * The identity authorization names the client by, as Envoy's {@code source.principal}: the first
     * URI SAN (the SPIFFE ID in a mesh), else the subject.
     */
    public String principal() {
        return uriSans.isEmpty() ? subject : uriSans.get(0);
    }
}
