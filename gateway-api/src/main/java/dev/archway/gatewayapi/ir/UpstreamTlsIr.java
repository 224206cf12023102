package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * TLS from the gateway to a cluster's endpoints, from the BackendTLSPolicy on its Service.
 *
 * @param serverName the SNI sent, and the name the certificate must carry when {@code
 *     subjectAltNames} is empty ({@code validation.hostname})
 * @param caCertificates PEM texts of the CA certificates trusted (from {@code caCertificateRefs});
 *     empty when {@code systemTrust}
 * @param systemTrust trust the JDK's CA certificates ({@code wellKnownCACertificates: System})
 * @param subjectAltNames the peer certificate must carry one of these; empty means {@code serverName}
 * @param policy the BackendTLSPolicy this came from
 * @param problem why the policy cannot be applied (no usable CA certificate), or null: the
 *     gateway then answers 503 rather than fall back to plain text
 */
public record UpstreamTlsIr(String serverName, List<String> caCertificates, boolean systemTrust,
        List<SubjectAltNameIr> subjectAltNames, SourceRef policy, String problem) {

    public UpstreamTlsIr {
        caCertificates = List.copyOf(caCertificates);
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    /** One name the upstream's certificate may carry. */
    public record SubjectAltNameIr(Type type, String value) {
        public enum Type {
            /** A DNS SAN; {@code *.example.com} in the certificate matches one label. */
            HOSTNAME,
            /** A URI SAN, compared exactly, e.g. a SPIFFE ID. */
            URI
        }
    }
}
