package dev.archway.gatewayapi.translate;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.filters.ExtAuthConfig;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.GlobalRateLimitConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.gatewayapi.ir.filters.JwtConfig;
import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
import dev.archway.gatewayapi.ir.filters.WasmFilterConfig;
import dev.archway.gatewayapi.model.ExtAuthPolicy;
import dev.archway.gatewayapi.model.JwtPolicy;
import dev.archway.gatewayapi.model.RateLimitPolicy;
import dev.archway.gatewayapi.model.TrafficPolicy;
import dev.archway.gatewayapi.model.WasmPlugin;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A TrafficPolicy's fields to filter specs, each checked by the filter catalog. Problems make the
 * policy Invalid; its targets then answer 500 rather than run without it (fail closed).
 */
final class PolicyCompiler {
    private final ResourceIndex index;
    private final FilterCatalog catalog;
    private final GlobalRateLimits globalRateLimits;
    private final ExtAuths extAuths;

    PolicyCompiler(ResourceIndex index, FilterCatalog catalog, GatewayExtensions extensions) {
        this.index = index;
        this.catalog = catalog;
        this.globalRateLimits = new GlobalRateLimits(extensions);
        this.extAuths = new ExtAuths(extensions);
    }

    CompiledPolicy compile(TrafficPolicy policy) {
        CompiledPolicy out = new CompiledPolicy(policy);
        TrafficPolicy.Spec spec = policy.getSpec();
        if (spec == null) {
            out.invalid.add("spec: missing");
            return out;
        }
        if (spec.extAuth() != null) {
            extAuth(spec.extAuth(), out);
        }
        unsupported(out, spec.transformation(), "transformation");
        if (spec.wasm() != null) {
            wasm(spec.wasm(), out);
        }
        if (spec.cors() != null) {
            add(out, PolicyField.CORS, CorsConfigs.of(spec.cors()));
        }
        if (spec.jwt() != null) {
            JwtConfig jwt = jwt(spec.jwt(), out);
            if (jwt != null) {
                add(out, PolicyField.JWT, jwt);
            }
        }
        if (spec.rateLimit() != null) {
            rateLimit(spec.rateLimit(), out);
        }
        if (spec.graphql() != null) {
            GraphQLProtectionConfig graphql = GraphQLProtections.compile(spec.graphql().limits(),
                    spec.graphql().persistedQueries(), "spec.graphql", null, out.invalid);
            if (graphql != null) {
                add(out, PolicyField.GRAPHQL, graphql);
            }
        }
        if (spec.cors() == null && spec.jwt() == null && spec.rateLimit() == null && spec.extAuth() == null
                && spec.graphql() == null && spec.wasm() == null && out.invalid.isEmpty()) {
            out.invalid.add("spec: sets no policy (expected at least one of cors, jwt, extAuth, rateLimit, graphql,"
                    + " wasm)");
        }
        return out;
    }

    private static void unsupported(CompiledPolicy out, Object section, String field) {
        if (section != null && !(section instanceof NullNode)) {
            out.invalid.add("spec." + field + ": not supported by this version of Archway");
        }
    }

    private void add(CompiledPolicy out, PolicyField field, Object config) {
        List<String> errors = catalog.validate(field.filterKind, config);
        if (!errors.isEmpty()) {
            errors.forEach(e -> out.invalid.add("spec." + field.field + "." + e));
            return;
        }
        out.specs.put(field, List.of(new FilterSpec(field.filterKind, out.filterName(field), config)));
    }

    /** One filter per plugin, in list order; the catalog checks each, and any problem drops the field. */
    private void wasm(List<WasmPlugin> plugins, CompiledPolicy out) {
        List<WasmFilterConfig> configs = WasmPlugins.compile(plugins, "spec.wasm", out.invalid);
        if (configs == null) {
            return;
        }
        if (configs.isEmpty()) {
            // wasm: [] is a value like any other: it overrides the plugins of a less specific policy.
            out.specs.put(PolicyField.WASM, List.of(new FilterSpec(FilterKinds.WASM, out.filterName(PolicyField.WASM),
                    DisabledField.INSTANCE)));
            return;
        }
        int before = out.invalid.size();
        List<FilterSpec> specs = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            WasmFilterConfig config = configs.get(i);
            String at = "spec.wasm[" + i + "].";
            catalog.validate(FilterKinds.WASM, config).forEach(e -> out.invalid.add(at + e));
            specs.add(new FilterSpec(FilterKinds.WASM, out.filterName(PolicyField.WASM, config.pluginName()), config));
        }
        if (out.invalid.size() == before) {
            out.specs.put(PolicyField.WASM, List.copyOf(specs));
        }
    }

    private void extAuth(ExtAuthPolicy extAuth, CompiledPolicy out) {
        if (Boolean.TRUE.equals(extAuth.disable())) {
            if (extAuth.extensionRef() != null || extAuth.contextExtensions() != null || extAuth.withRequestBody() != null) {
                out.invalid.add("spec.extAuth.disable: true turns ext auth off; it takes no other field");
                return;
            }
            // Taken like any field value, so it overrides a less specific policy; PolicyAttacher drops it.
            out.specs.put(PolicyField.EXT_AUTH, List.of(new FilterSpec(FilterKinds.EXT_AUTH,
                    out.filterName(PolicyField.EXT_AUTH), DisabledField.INSTANCE)));
            return;
        }
        ExtAuthConfig config = extAuths.compile(extAuth, out.namespace, "spec.extAuth", out.invalid);
        if (config != null) {
            add(out, PolicyField.EXT_AUTH, config);
        }
    }

    private void rateLimit(RateLimitPolicy rateLimit, CompiledPolicy out) {
        if (rateLimit.local() == null && rateLimit.global() == null) {
            out.invalid.add("spec.rateLimit: empty (expected local, global or both)");
            return;
        }
        if (rateLimit.local() != null) {
            LocalRateLimitConfig local = localRateLimit(rateLimit.local(), out);
            if (local != null) {
                add(out, PolicyField.RATE_LIMIT_LOCAL, local);
            }
        }
        if (rateLimit.global() != null) {
            GlobalRateLimitConfig global = globalRateLimits.compile(rateLimit.global(), out.namespace,
                    "spec.rateLimit.global", out.invalid);
            if (global != null) {
                add(out, PolicyField.RATE_LIMIT_GLOBAL, global);
            }
        }
    }

    private static LocalRateLimitConfig localRateLimit(RateLimitPolicy.Local local, CompiledPolicy out) {
        String at = "spec.rateLimit.local";
        RateLimitPolicy.TokenBucket bucket = local.tokenBucket();
        if (bucket == null || bucket.maxTokens() == null || bucket.fillInterval() == null) {
            out.invalid.add(at + ".tokenBucket: needs maxTokens and fillInterval (tokensPerFill defaults to maxTokens)");
            return null;
        }
        Duration interval = Durations.parse(bucket.fillInterval());
        if (interval == null) {
            out.invalid.add(at + ".tokenBucket.fillInterval: " + bucket.fillInterval()
                    + " is not a duration (expected e.g. 1s, 500ms, 1m)");
            return null;
        }
        LocalRateLimitConfig.Key key = LocalRateLimitConfig.Key.WHOLE_TARGET;
        if (local.key() != null && local.key().type() != null) {
            LocalRateLimitConfig.KeyType type = switch (local.key().type()) {
                case "RemoteAddress" -> LocalRateLimitConfig.KeyType.REMOTE_ADDRESS;
                case "Header" -> LocalRateLimitConfig.KeyType.HEADER;
                case "Claim" -> LocalRateLimitConfig.KeyType.CLAIM;
                default -> null;
            };
            if (type == null) {
                out.invalid.add(at + ".key.type: " + local.key().type() + " (expected: RemoteAddress, Header or Claim;"
                        + " no key for one bucket for the whole target)");
                return null;
            }
            key = new LocalRateLimitConfig.Key(type, local.key().name());
        }
        long perFill = bucket.tokensPerFill() == null ? bucket.maxTokens() : bucket.tokensPerFill();
        return new LocalRateLimitConfig(out.filterName(PolicyField.RATE_LIMIT_LOCAL), bucket.maxTokens(), perFill, interval, key);
    }

    private JwtConfig jwt(JwtPolicy jwt, CompiledPolicy out) {
        int before = out.invalid.size();
        JwtConfig.Mode mode = JwtConfig.Mode.STRICT;
        if (jwt.mode() != null) {
            switch (jwt.mode()) {
                case "Strict" -> mode = JwtConfig.Mode.STRICT;
                case "Optional" -> mode = JwtConfig.Mode.OPTIONAL;
                default -> out.invalid.add("spec.jwt.mode: " + jwt.mode() + " (expected: Strict or Optional)");
            }
        }
        List<JwtPolicy.Provider> given = jwt.providers() == null ? List.of() : jwt.providers();
        if (given.isEmpty()) {
            out.invalid.add("spec.jwt.providers: empty (expected at least one provider)");
        }
        List<JwtConfig.Provider> providers = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            JwtConfig.Provider p = provider(given.get(i), "spec.jwt.providers[" + i + "]", out);
            if (p != null) {
                providers.add(p);
            }
        }
        List<JwtConfig.RequiredClaim> required = new ArrayList<>();
        if (jwt.requiredClaims() != null) {
            for (JwtPolicy.RequiredClaim c : jwt.requiredClaims()) {
                required.add(new JwtConfig.RequiredClaim(c.name() == null ? "" : c.name(),
                        c.values() == null ? List.of() : c.values()));
            }
        }
        return out.invalid.size() > before ? null : new JwtConfig(mode, providers, required);
    }

    private JwtConfig.Provider provider(JwtPolicy.Provider p, String at, CompiledPolicy out) {
        int before = out.invalid.size();
        JwtConfig.Jwks jwks = jwks(p.jwks(), at + ".jwks", out);
        Duration skew = JwtConfig.Provider.DEFAULT_CLOCK_SKEW;
        if (p.clockSkew() != null) {
            skew = Durations.parse(p.clockSkew());
            if (skew == null) {
                out.invalid.add(at + ".clockSkew: " + p.clockSkew() + " is not a duration (expected e.g. 30s, 2m)");
            }
        }
        JwtConfig.TokenSource source = JwtConfig.TokenSource.DEFAULT;
        if (p.tokenSource() != null) {
            var t = p.tokenSource();
            List<JwtConfig.HeaderSource> headers = t.headers() == null ? List.of() : t.headers().stream()
                    .map(h -> new JwtConfig.HeaderSource(h.name() == null ? "" : h.name(), h.prefix() == null ? "" : h.prefix()))
                    .toList();
            source = new JwtConfig.TokenSource(headers, t.queryParams() == null ? List.of() : t.queryParams(),
                    t.cookies() == null ? List.of() : t.cookies());
        }
        List<JwtConfig.ClaimToHeader> claims = p.claimsToHeaders() == null ? List.of() : p.claimsToHeaders().stream()
                .map(c -> new JwtConfig.ClaimToHeader(c.claim() == null ? "" : c.claim(), c.header() == null ? "" : c.header()))
                .toList();
        if (out.invalid.size() > before) {
            return null;
        }
        return new JwtConfig.Provider(p.name() == null ? "" : p.name(), p.issuer(),
                p.audiences() == null ? List.of() : p.audiences(), jwks, source, claims,
                Boolean.TRUE.equals(p.forwardToken()), skew);
    }

    private JwtConfig.Jwks jwks(JwtPolicy.Jwks j, String at, CompiledPolicy out) {
        int set = j == null ? 0 : (j.remote() != null ? 1 : 0) + (j.inline() != null ? 1 : 0) + (j.secretRef() != null ? 1 : 0);
        if (set != 1) {
            out.invalid.add(at + ": " + (set == 0 ? "missing" : "sets " + set + " sources")
                    + " (expected exactly one of remote, inline, secretRef)");
            return null;
        }
        if (j.inline() != null) {
            return new JwtConfig.Jwks(j.inline(), null);
        }
        if (j.remote() != null) {
            Duration cache = JwtConfig.RemoteJwks.DEFAULT_CACHE_DURATION;
            if (j.remote().cacheDuration() != null) {
                cache = Durations.parse(j.remote().cacheDuration());
                if (cache == null) {
                    out.invalid.add(at + ".remote.cacheDuration: " + j.remote().cacheDuration()
                            + " is not a duration (expected e.g. 5m)");
                    return null;
                }
            }
            return new JwtConfig.Jwks(null, new JwtConfig.RemoteJwks(j.remote().url() == null ? "" : j.remote().url(), cache));
        }
        String key = j.secretRef().key() == null ? "jwks.json" : j.secretRef().key();
        Secret secret = index.secret(out.namespace, j.secretRef().name());
        String text = secret == null ? null : Certificates.secretValue(secret, key);
        if (text == null) {
            out.invalid.add(at + ".secretRef: " + (secret == null ? "Secret " + out.namespace + "/" + j.secretRef().name()
                    + " not found" : "Secret " + out.namespace + "/" + j.secretRef().name() + " has no key " + key));
            return null;
        }
        return new JwtConfig.Jwks(text, null);
    }
}
