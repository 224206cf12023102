package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * How an HTTPS port checks client certificates (Gateway {@code spec.tls.frontend}).
 *
 * @param source the config it came from, e.g. {@code gateway/<ns>/<name>/frontend/default} or
 *     {@code .../frontend/port/8443}, for logs
 * @param caCertificatePems the CA certificates a client certificate must chain to, PEM each
 * @param mode whether a client without a valid certificate is refused or let in
 */
public record ClientValidationIr(String source, List<String> caCertificatePems, Mode mode) {
    public enum Mode {
        /** A client must present a certificate that chains to one of the CAs (Gateway API AllowValidOnly). */
        ALLOW_VALID_ONLY,
        /** Any client may connect; a certificate is asked for but not required (AllowInsecureFallback). */
        ALLOW_INSECURE_FALLBACK
    }

    public ClientValidationIr {
        caCertificatePems = List.copyOf(caCertificatePems);
    }
}
