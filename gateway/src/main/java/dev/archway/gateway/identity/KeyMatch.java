package dev.archway.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * Whether a private key belongs to a certificate: signs a probe and verifies it with the
 * certificate's public key. A rotation that replaced the certificate but not yet the key would
 * otherwise break every handshake until the key file catches up.
 */
final class KeyMatch {
    private static final byte[] PROBE = "archway svid key check".getBytes(StandardCharsets.US_ASCII);

    private KeyMatch() {}

    static void require(PrivateKey key, X509Certificate leaf, String what) throws IdentityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            throw new IdentityException(what + ": unsupported key algorithm " + key.getAlgorithm());
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(PROBE);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: a mismatch as well
        }
        throw new IdentityException(what + ": the private key does not belong to the SVID's certificate");
    }
}
