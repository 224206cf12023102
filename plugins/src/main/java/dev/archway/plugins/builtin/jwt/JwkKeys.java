package dev.archway.plugins.builtin.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable set of verification keys parsed from a JWK set, with the algorithm policy: a key
 * verifies only the algorithms of its type (RSA: RS and PS; EC: the ES of its curve; Ed25519:
 * EdDSA; oct: HS), or exactly its {@code alg} when the JWK names one. That pinning is what stops
 * algorithm confusion, e.g. an HS256 token "signed" with the bytes of an RSA public key.
 */
final class JwkKeys {
    private static final Set<JWSAlgorithm> RSA_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Set<JWSAlgorithm> ED25519_ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the 32-byte key follows. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
            0x21, 0x00};
    static final String EXPECTED_KEYS =
            "expected: at least one RSA, EC P-256/P-384/P-521, Ed25519 or oct (>= 256 bits) signing key";

    /** One usable key. Exactly one of {@code verifier} and {@code ed25519} is set. */
    record Key(String kid, JWSAlgorithm pinned, Set<JWSAlgorithm> algorithms, JWSVerifier verifier,
            PublicKey ed25519) {
        boolean accepts(JWSAlgorithm alg) {
            return pinned != null ? pinned.equals(alg) : algorithms.contains(alg);
        }
    }

    /**
     * The keys a token may be verified with; {@code unknownKid} when the token names a kid that no
     * key has, the hint that the provider rotated its keys since the last fetch.
     */
    record Selection(List<Key> candidates, boolean unknownKid) {}

    private final List<Key> keys;

    private JwkKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    int size() {
        return keys.size();
    }

    /**
     * Parses a JWK set. Keys that cannot verify JWS signatures (encryption keys, unknown types,
     * unsupported curves, short HMAC secrets) are skipped so that one odd key published by a
     * provider does not disable the others.
     *
     * @throws IllegalArgumentException when the JSON is not a JWK set or holds no usable key; the
     *     message says what was expected
     */
    static final int MAX_KEYS = 100;

    static JwkKeys parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("empty (" + EXPECTED_KEYS + ")");
        }
        Map<String, Object> set;
        try {
            set = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not valid JSON (expected: a JWK set {\"keys\": [...]})");
        }
        Object rawKeys = set.get("keys");
        if (!(rawKeys instanceof List<?> list)) {
            throw new IllegalArgumentException("has no \"keys\" array (expected: a JWK set {\"keys\": [...]})");
        }
        if (list.size() > MAX_KEYS) {
            // A token without kid is tried against every compatible key: keep that bounded.
            throw new IllegalArgumentException("has " + list.size() + " keys (expected: at most " + MAX_KEYS + ")");
        }
        List<Key> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                keys.add(toKey(list.get(i)));
            } catch (IllegalArgumentException e) {
                skipped.add("keys[" + i + "]: " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("has no usable key" + (skipped.isEmpty() ? "" : " " + skipped)
                    + " (" + EXPECTED_KEYS + ")");
        }
        return new JwkKeys(keys);
    }

    @SuppressWarnings("unchecked")
    private static Key toKey(Object raw) {
        if (!(raw instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JWK jwk;
        try {
            jwk = JWK.parse((Map<String, Object>) raw);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a valid JWK (" + e.getMessage() + ")");
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw new IllegalArgumentException("use is " + jwk.getKeyUse().getValue() + ", not sig");
        }
        if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
            throw new IllegalArgumentException("key_ops lacks verify");
        }
        Key unpinned = switch (jwk.getKeyType().getValue()) {
            case "RSA" -> rsa((RSAKey) jwk);
            case "EC" -> ec((ECKey) jwk);
            case "OKP" -> okp((OctetKeyPair) jwk);
            case "oct" -> oct((OctetSequenceKey) jwk);
            default -> throw new IllegalArgumentException("kty " + jwk.getKeyType().getValue() + " is not supported");
        };
        if (jwk.getAlgorithm() == null) {
            return unpinned;
        }
        JWSAlgorithm pinned = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        if (!unpinned.algorithms().contains(pinned)) {
            throw new IllegalArgumentException("alg " + pinned + " does not fit kty " + jwk.getKeyType().getValue());
        }
        return new Key(unpinned.kid(), pinned, unpinned.algorithms(), unpinned.verifier(), unpinned.ed25519());
    }

    private static Key rsa(RSAKey jwk) {
        try {
            return new Key(jwk.getKeyID(), null, RSA_ALGORITHMS, new RSASSAVerifier(jwk.toRSAPublicKey()), null);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("RSA key unusable (" + e.getMessage() + ")");
        }
    }

    private static Key ec(ECKey jwk) {
        JWSAlgorithm alg;
        if (Curve.P_256.equals(jwk.getCurve())) {
            alg = JWSAlgorithm.ES256;
        } else if (Curve.P_384.equals(jwk.getCurve())) {
            alg = JWSAlgorithm.ES384;
        } else if (Curve.P_521.equals(jwk.getCurve())) {
            alg = JWSAlgorithm.ES512;
        } else {
            throw new IllegalArgumentException("EC curve " + jwk.getCurve() + " is not supported");
        }
        try {
            return new Key(jwk.getKeyID(), null, Set.of(alg), new ECDSAVerifier(jwk.toECPublicKey()), null);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("EC key unusable (" + e.getMessage() + ")");
        }
    }

    /** Ed25519 is checked with the JDK's own provider: the library's verifier needs an extra dependency. */
    private static Key okp(OctetKeyPair jwk) {
        if (!Curve.Ed25519.equals(jwk.getCurve())) {
            throw new IllegalArgumentException("OKP curve " + jwk.getCurve() + " is not supported");
        }
        byte[] x = jwk.getDecodedX();
        if (x.length != 32) {
            throw new IllegalArgumentException("Ed25519 x is " + x.length + " bytes, not 32");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + x.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            return new Key(jwk.getKeyID(), null, ED25519_ALGORITHMS, null, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Ed25519 key unusable (" + e.getMessage() + ")");
        }
    }

    /** RFC 7518 3.2: an HMAC key must be at least as long as the hash output. */
    private static Key oct(OctetSequenceKey jwk) {
        int bits = jwk.toByteArray().length * 8;
        if (bits < 256) {
            throw new IllegalArgumentException("oct key has " + bits + " bits, fewer than 256");
        }
        Set<JWSAlgorithm> algs = bits >= 512 ? Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)
                : bits >= 384 ? Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384) : Set.of(JWSAlgorithm.HS256);
        try {
            return new Key(jwk.getKeyID(), null, algs, new MACVerifier(jwk), null);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("oct key unusable (" + e.getMessage() + ")");
        }
    }

    /**
     * The keys that may verify a token with {@code kid} (null when it has none) and {@code alg}. A
     * key without kid is a candidate for any token, as a provider with one key often omits it.
     */
    Selection select(String kid, JWSAlgorithm alg) {
        List<Key> candidates = new ArrayList<>();
        boolean kidKnown = false;
        for (Key key : keys) {
            if (kid != null && kid.equals(key.kid())) {
                kidKnown = true;
            }
            if ((kid == null || key.kid() == null || kid.equals(key.kid())) && key.accepts(alg)) {
                candidates.add(key);
            }
        }
        return new Selection(candidates, kid != null && !kidKnown);
    }

    /** Whether {@code key} verifies the signature of {@code jwt}; never throws. */
    static boolean verify(Key key, SignedJWT jwt) {
        try {
            if (key.verifier() != null) {
                return key.verifier().verify(jwt.getHeader(), jwt.getSigningInput(), jwt.getSignature());
            }
            Set<String> critical = jwt.getHeader().getCriticalParams();
            if (critical != null && !critical.isEmpty()) {
                return false; // RFC 7515 4.1.11: critical extensions we do not understand fail the check
            }
            byte[] signature = jwt.getSignature().decode();
            if (signature.length != 64) {
                return false;
            }
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key.ed25519());
            ed.update(jwt.getSigningInput());
            return ed.verify(signature);
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
