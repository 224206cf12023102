package dev.archway.plugins.builtin.graphql.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig.PersistedQueryMode;
import dev.archway.plugins.builtin.graphql.request.GraphQLErrorCodes;
import dev.archway.plugins.builtin.graphql.request.GraphQLRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersistedQueriesTest {
    private static final String QUERY = "query Me { me { name } }";
    private static final String HASH = PersistedQueryStore.sha256(QUERY);
    private static final String REGISTERED = "query Registered { items { id } }";

    private static QueryGuard guard(PersistedQueryMode mode, List<String> registered) {
        return new QueryGuard(new GraphQLProtectionConfig(5, 100, 5, true, 64 * 1024, mode, registered, 10));
    }

    private static GraphQLRequest hashOnly(String hash) {
        return request(null, Map.of("version", 1, "sha256Hash", hash));
    }

    private static GraphQLRequest request(String query, Map<String, Object> persistedQuery) {
        return new GraphQLRequest(query, null, Map.of(),
                persistedQuery == null ? Map.of() : Map.of("persistedQuery", persistedQuery), false);
    }

    private static GuardResult.Rejected rejected(GuardResult result) {
        assertThat(result).isInstanceOf(GuardResult.Rejected.class);
        return (GuardResult.Rejected) result;
    }

    private static GuardResult.Accepted accepted(GuardResult result) {
        assertThat(result).isInstanceOf(GuardResult.Accepted.class);
        return (GuardResult.Accepted) result;
    }

    @Test
    void hashesAsApqClientsDo() {
        assertThat(PersistedQueryStore.sha256(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void unknownHashIsPersistedQueryNotFound() {
        GuardResult.Rejected r = rejected(guard(PersistedQueryMode.OPTIONAL, List.of()).check(hashOnly(HASH)));

        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.PERSISTED_QUERY_NOT_FOUND);
        assertThat(r.message()).isEqualTo("PersistedQueryNotFound");
    }

    @Test
    void hashWithQueryIsLearntAndLaterHashOnlyExpandsToIt() {
        QueryGuard guard = guard(PersistedQueryMode.OPTIONAL, List.of());
        Map<String, Object> pq = Map.of("version", 1, "sha256Hash", HASH);

        GuardResult.Accepted first = accepted(guard.check(request(QUERY, pq)));
        assertThat(first.expandedFromHash()).isFalse();

        GuardResult.Accepted hit = accepted(guard.check(hashOnly(HASH.toUpperCase())));
        assertThat(hit.query()).isEqualTo(QUERY);
        assertThat(hit.expandedFromHash()).isTrue();
    }

    @Test
    void queryThatFailsTheLimitsIsNotLearnt() {
        QueryGuard guard = guard(PersistedQueryMode.OPTIONAL, List.of());
        String deep = "{ a { b { c { d { e { f } } } } } }";
        String hash = PersistedQueryStore.sha256(deep);

        assertThat(rejected(guard.check(request(deep, Map.of("version", 1, "sha256Hash", hash)))).code())
                .isEqualTo(GraphQLErrorCodes.MAX_DEPTH_EXCEEDED);
        assertThat(guard.storedQueries()).isZero();
        assertThat(rejected(guard.check(hashOnly(hash))).code()).isEqualTo(GraphQLErrorCodes.PERSISTED_QUERY_NOT_FOUND);
    }

    @Test
    void hashThatDoesNotMatchTheQueryIsRefused() {
        QueryGuard guard = guard(PersistedQueryMode.OPTIONAL, List.of());
        String other = PersistedQueryStore.sha256("{ other }");

        GuardResult.Rejected r = rejected(guard.check(request(QUERY, Map.of("version", 1, "sha256Hash", other))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.PERSISTED_QUERY_HASH_MISMATCH);
        assertThat(r.message()).isEqualTo("provided sha does not match query");
        assertThat(guard.storedQueries()).isZero();
    }

    @Test
    void unsupportedVersionOrMalformedHashIsBadRequest() {
        QueryGuard guard = guard(PersistedQueryMode.OPTIONAL, List.of());

        GuardResult.Rejected version = rejected(guard.check(request(null, Map.of("version", 2, "sha256Hash", HASH))));
        assertThat(version.status()).isEqualTo(400);
        assertThat(version.code()).isEqualTo(GraphQLErrorCodes.BAD_REQUEST);
        assertThat(version.message()).isEqualTo("extensions.persistedQuery.version: 2 (expected: 1, the only APQ version)");

        GuardResult.Rejected hash = rejected(guard.check(hashOnly("abc")));
        assertThat(hash.message()).isEqualTo(
                "extensions.persistedQuery.sha256Hash: a string of 3 characters (expected: 64 hexadecimal digits)");
    }

    @Test
    void registeredQueriesAreKnownByHashInOptionalMode() {
        String hash = PersistedQueryStore.sha256(REGISTERED);

        GuardResult.Accepted hit = accepted(guard(PersistedQueryMode.OPTIONAL, List.of(REGISTERED)).check(hashOnly(hash)));

        assertThat(hit.query()).isEqualTo(REGISTERED);
        assertThat(hit.expandedFromHash()).isTrue();
    }

    @Test
    void allowListAcceptsRegisteredQueryByTextOrHash() {
        QueryGuard guard = guard(PersistedQueryMode.REQUIRED, List.of(REGISTERED));

        assertThat(accepted(guard.check(request(REGISTERED, null))).expandedFromHash()).isFalse();
        assertThat(accepted(guard.check(hashOnly(PersistedQueryStore.sha256(REGISTERED)))).query()).isEqualTo(REGISTERED);
    }

    @Test
    void allowListRefusesEverythingElseAndLearnsNothing() {
        QueryGuard guard = guard(PersistedQueryMode.REQUIRED, List.of(REGISTERED));

        GuardResult.Rejected text = rejected(guard.check(request(QUERY, null)));
        assertThat(text.status()).isEqualTo(403);
        assertThat(text.code()).isEqualTo(GraphQLErrorCodes.PERSISTED_QUERY_NOT_ALLOWED);
        assertThat(rejected(guard.check(request(QUERY, Map.of("version", 1, "sha256Hash", HASH)))).code())
                .isEqualTo(GraphQLErrorCodes.PERSISTED_QUERY_NOT_ALLOWED);
        assertThat(rejected(guard.check(hashOnly(HASH))).code()).isEqualTo(GraphQLErrorCodes.PERSISTED_QUERY_NOT_ALLOWED);
        assertThat(guard.storedQueries()).isZero();
    }

    @Test
    void disabledModeRefusesHashOnlyButRunsFullQueries() {
        QueryGuard guard = guard(PersistedQueryMode.DISABLED, List.of());

        GuardResult.Rejected r = rejected(guard.check(hashOnly(HASH)));
        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.PERSISTED_QUERY_NOT_SUPPORTED);
        assertThat(r.message()).isEqualTo("PersistedQueryNotSupported");

        accepted(guard.check(request(QUERY, null)));
        accepted(guard.check(request(QUERY, Map.of("version", 1, "sha256Hash", HASH))));
        assertThat(rejected(guard.check(hashOnly(HASH))).code()).isEqualTo(GraphQLErrorCodes.PERSISTED_QUERY_NOT_SUPPORTED);
    }
}
