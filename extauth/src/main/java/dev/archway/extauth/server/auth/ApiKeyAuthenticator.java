package dev.archway.extauth.server.auth;

import dev.archway.extauth.server.config.ApiKey;
import dev.archway.extauth.server.config.ApiKeyAuth;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code apiKey}: the presented key is hashed with SHA-256 and looked up among the configured
 * hashes. The file holds hashes only, so a leaked config does not leak keys; the lookup is by the
 * hash, and the hashes are then compared in constant time.
 */
final class ApiKeyAuthenticator implements Authenticator {
    static final String MODE = "api_key";
    static final String INVALID = "invalid_api_key";

    private final ApiKeyAuth config;
    private final Map<String, ApiKey> byHash = new HashMap<>();
    private final Set<String> owned;

    ApiKeyAuthenticator(ApiKeyAuth config) {
        this.config = config;
        config.keys().forEach(key -> byHash.put(key.sha256Hex(), key));
        Set<String> headers = new LinkedHashSet<>();
        headers.add(config.headerName());
        headers.addAll(config.headersFromMetadata().keySet());
        this.owned = Set.copyOf(headers);
    }

    @Override
    public Future<Verdict> check(AuthRequest request) {
        String presented = request.header(config.headerName());
        if (presented == null || presented.isEmpty()) {
            return Future.succeededFuture(Verdict.unauthenticated(Verdict.MISSING_CREDENTIALS, List.of()));
        }
        byte[] hash = Hashing.sha256(presented);
        ApiKey key = byHash.get(java.util.HexFormat.of().formatHex(hash));
        if (key == null || !MessageDigest.isEqual(hash, key.sha256())) {
            return Future.succeededFuture(Verdict.unauthenticated(INVALID, List.of()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        config.headersFromMetadata().forEach((header, field) -> {
            String value = key.metadata().get(field);
            if (value != null) {
                headers.put(header, value);
            }
        });
        return Future.succeededFuture(Verdict.allow(MODE, headers, owned));
    }

    /**
     * The key header, so that the key does not reach (and cannot leak from) the upstream, and the
     * metadata headers, so that a client cannot send its own.
     */
    @Override
    public Set<String> ownedHeaders() {
        return owned;
    }
}
