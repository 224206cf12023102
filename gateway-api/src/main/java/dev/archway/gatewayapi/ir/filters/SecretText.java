package dev.archway.gatewayapi.ir.filters;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Renders text that may hold secrets (an inline JWK set with HMAC keys, say) as its size and a
 * digest prefix, so that {@code /config_dump} and goldens show that it changed, never what it is.
 */
public final class SecretText extends StdSerializer<String> {
    public SecretText() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(describe(value));
    }

    static String describe(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "<redacted: " + value.length() + " chars, sha256 " + HexFormat.of().formatHex(hash, 0, 6) + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
