package dev.archway.plugins.builtin.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.archway.gatewayapi.ir.filters.JwtConfig;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Keys generated per run, tokens signed with them, and configs around them. */
final class JwtFixtures {
    static final String ISSUER = "https://idp.example";
    static final String AUDIENCE = "api";

    static final RSAKey RSA = generateRsa("rsa-1");
    static final ECKey EC = generateEc("ec-1");
    static final Ed25519 ED = Ed25519.generate("ed-1");
    static final OctetSequenceKey HMAC = generateHmac("hs-1");

    private JwtFixtures() {}

    /** An Ed25519 key pair and its public JWK; signed by hand, as the library needs an extra dependency for it. */
    record Ed25519(PrivateKey privateKey, OctetKeyPair publicJwk) {
        static Ed25519 generate(String kid) {
            try {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                return new Ed25519(pair.getPrivate(),
                        new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid).build());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String sign(JWTClaimsSet claims) {
            String input = Base64URL.encode("{\"alg\":\"EdDSA\",\"kid\":\"" + publicJwk.getKeyID() + "\"}") + "."
                    + Base64URL.encode(claims.toString());
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(privateKey);
                signature.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static OctetSequenceKey generateHmac(String kid) {
        try {
            return new OctetSequenceKeyGenerator(256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK set of the public halves (the HMAC key is its own public half). */
    static String jwks(JWK... keys) {
        return new JWKSet(Arrays.stream(keys).map(k -> k instanceof OctetSequenceKey ? k : k.toPublicJWK()).toList())
                .toString(false);
    }

    /** All four test keys. */
    static String allKeys() {
        return jwks(RSA, EC, ED.publicJwk(), HMAC);
    }

    /** Valid claims: our issuer and audience, subject alice, five minutes left, a unique id. */
    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("alice")
                .jwtID(UUID.randomUUID().toString())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    static String sign(JWSAlgorithm alg, JWK key, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), key, claims);
    }

    static String sign(JWSHeader header, JWK key, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa)
                    : key instanceof ECKey ec ? new ECDSASigner(ec)
                    : new MACSigner((OctetSequenceKey) key);
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rs256(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.RS256, RSA, claims);
    }

    static String validToken() {
        return rs256(claims().build());
    }

    static JwtConfig.Provider provider(String name, String inlineJwks) {
        return provider(name, new JwtConfig.Jwks(inlineJwks, null));
    }

    static JwtConfig.Provider provider(String name, JwtConfig.Jwks jwks) {
        return new JwtConfig.Provider(name, ISSUER, List.of(AUDIENCE), jwks, null, List.of(), true,
                Duration.ofSeconds(60));
    }

    static JwtConfig.Provider withTokenSource(JwtConfig.Provider p, JwtConfig.TokenSource source) {
        return new JwtConfig.Provider(p.name(), p.issuer(), p.audiences(), p.jwks(), source, p.claimsToHeaders(),
                p.forwardToken(), p.clockSkew());
    }

    static JwtConfig.Provider withClaimsToHeaders(JwtConfig.Provider p, JwtConfig.ClaimToHeader... mappings) {
        return new JwtConfig.Provider(p.name(), p.issuer(), p.audiences(), p.jwks(), p.tokenSource(),
                List.of(mappings), p.forwardToken(), p.clockSkew());
    }

    static JwtConfig.Provider withoutForwarding(JwtConfig.Provider p) {
        return new JwtConfig.Provider(p.name(), p.issuer(), p.audiences(), p.jwks(), p.tokenSource(),
                p.claimsToHeaders(), false, p.clockSkew());
    }

    static JwtConfig strict(JwtConfig.Provider... providers) {
        return new JwtConfig(JwtConfig.Mode.STRICT, List.of(providers), List.of());
    }

    /** Runs the request phase and, when the filter waits for keys, waits for its decision too. */
    static FilterStep run(HttpFilter filter, HttpFilterContext ctx) throws Exception {
        FilterStep step = filter.onRequestHeaders(ctx);
        while (step instanceof FilterStep.Await await) {
            step = await.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        return step;
    }
}
