package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * A certificate and key taken from a {@code kubernetes.io/tls} Secret, in PEM.
 *
 * @param name {@code secret/<ns>/<name>}
 * @param privateKeyPem PKCS#1 or PKCS#8 PEM
 * @param serverNames the listener hostnames that chose this certificate (empty: any)
 */
public record TlsCertificateIr(String name, String certificatePem, @com.fasterxml.jackson.annotation.JsonIgnore String privateKeyPem, List<String> serverNames) {
    public TlsCertificateIr {
        serverNames = List.copyOf(serverNames);
    }

    @Override
    public String toString() {
        return "TlsCertificateIr[" + name + ", serverNames=" + serverNames + "]";
    }
}
