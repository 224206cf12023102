package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.filters.GlobalRateLimitConfig;
import dev.archway.gatewayapi.ir.filters.GlobalRateLimitConfig.EntryType;
import dev.archway.gatewayapi.model.GatewayExtension;
import dev.archway.gatewayapi.model.RateLimitPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code TrafficPolicy.spec.rateLimit.global} and the GatewayExtension it names to a {@link
 * GlobalRateLimitConfig}: the service's endpoints resolved like a route's backendRef (h2c), the
 * descriptors checked entry by entry. Any problem is a message naming the field; the policy is then
 * Invalid and its targets fail closed.
 */
final class GlobalRateLimits {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);
    /** The default keys Envoy's rate limit actions use, so server configs written for Envoy match. */
    static final String GENERIC_KEY = "generic_key";
    static final String REMOTE_ADDRESS_KEY = "remote_address";
    static final String PATH_KEY = "path";

    private final GatewayExtensions extensions;

    GlobalRateLimits(GatewayExtensions extensions) {
        this.extensions = extensions;
    }

    /** The config, or null after adding at least one problem to {@code invalid}. */
    GlobalRateLimitConfig compile(RateLimitPolicy.Global global, String namespace, String at, List<String> invalid) {
        int before = invalid.size();
        List<GlobalRateLimitConfig.Descriptor> descriptors = descriptors(global.descriptors(), at + ".descriptors", invalid);
        Service service = service(global.extensionRef(), namespace, at + ".extensionRef", invalid);
        if (invalid.size() > before) {
            return null;
        }
        return new GlobalRateLimitConfig(service.extension, service.endpoints, service.domain, service.timeout,
                service.failOpen, descriptors);
    }

    private record Service(String extension, List<EndpointIr> endpoints, String domain, Duration timeout,
            boolean failOpen) {}

    private Service service(RateLimitPolicy.ExtensionRef ref, String namespace, String at, List<String> invalid) {
        GatewayExtension extension = extensions.find(ref, namespace, "rateLimit", at, invalid);
        if (extension == null) {
            return null;
        }
        GatewayExtension.RateLimit rateLimit = extension.getSpec().rateLimit();
        String where = at + ": " + GatewayExtensions.describe(extension, "rateLimit");
        int before = invalid.size();
        if (rateLimit.domain() == null || rateLimit.domain().isBlank()) {
            invalid.add(where + ".domain: missing (expected the domain of the service's limits)");
        }
        Duration timeout = GatewayExtensions.timeout(rateLimit.timeout(), DEFAULT_TIMEOUT, where + ".timeout", invalid);
        List<EndpointIr> endpoints = extensions.endpoints(extension,
                rateLimit.grpcService() == null ? null : rateLimit.grpcService().backendRef(), true,
                where + ".grpcService", invalid);
        if (invalid.size() > before) {
            return null;
        }
        return new Service(ResourceIndex.key(extension), endpoints, rateLimit.domain(), timeout,
                !Boolean.FALSE.equals(rateLimit.failOpen()));
    }

    private static List<GlobalRateLimitConfig.Descriptor> descriptors(List<RateLimitPolicy.Descriptor> given,
            String at, List<String> invalid) {
        if (given == null || given.isEmpty()) {
            invalid.add(at + ": empty (expected at least one descriptor)");
            return List.of();
        }
        List<GlobalRateLimitConfig.Descriptor> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            List<RateLimitPolicy.Entry> entries = given.get(i) == null ? null : given.get(i).entries();
            String here = at + "[" + i + "].entries";
            if (entries == null || entries.isEmpty()) {
                invalid.add(here + ": empty (expected at least one entry)");
                continue;
            }
            List<GlobalRateLimitConfig.Entry> built = new ArrayList<>();
            for (int j = 0; j < entries.size(); j++) {
                GlobalRateLimitConfig.Entry entry = entry(entries.get(j), here + "[" + j + "]", invalid);
                if (entry != null) {
                    built.add(entry);
                }
            }
            out.add(new GlobalRateLimitConfig.Descriptor(built));
        }
        return out;
    }

    private static GlobalRateLimitConfig.Entry entry(RateLimitPolicy.Entry e, String at, List<String> invalid) {
        if (e == null || e.type() == null) {
            invalid.add(at + ".type: missing (expected Generic, RemoteAddress, Header, Path or Claim)");
            return null;
        }
        int before = invalid.size();
        GlobalRateLimitConfig.Entry entry = switch (e.type()) {
            case "Generic" -> {
                onlyFor(e.header(), "header", "Header", at, invalid);
                onlyFor(e.claim(), "claim", "Claim", at, invalid);
                required(e.value(), "value", "the descriptor value", at, invalid);
                yield new GlobalRateLimitConfig.Entry(EntryType.GENERIC, keyOr(e.key(), GENERIC_KEY), e.value(), null);
            }
            case "RemoteAddress" -> {
                noSource(e, at, invalid);
                yield new GlobalRateLimitConfig.Entry(EntryType.REMOTE_ADDRESS, keyOr(e.key(), REMOTE_ADDRESS_KEY), null,
                        null);
            }
            case "Path" -> {
                noSource(e, at, invalid);
                yield new GlobalRateLimitConfig.Entry(EntryType.PATH, keyOr(e.key(), PATH_KEY), null, null);
            }
            case "Header" -> {
                onlyFor(e.value(), "value", "Generic", at, invalid);
                onlyFor(e.claim(), "claim", "Claim", at, invalid);
                required(e.header(), "header", "the request header to take the value from", at, invalid);
                required(e.key(), "key", "the descriptor key the service matches", at, invalid);
                yield new GlobalRateLimitConfig.Entry(EntryType.HEADER, e.key(), null,
                        e.header() == null ? null : e.header().toLowerCase(java.util.Locale.ROOT));
            }
            case "Claim" -> {
                onlyFor(e.value(), "value", "Generic", at, invalid);
                onlyFor(e.header(), "header", "Header", at, invalid);
                required(e.claim(), "claim", "the JWT claim (a dotted path) to take the value from", at, invalid);
                required(e.key(), "key", "the descriptor key the service matches", at, invalid);
                yield new GlobalRateLimitConfig.Entry(EntryType.CLAIM, e.key(), null, e.claim());
            }
            default -> {
                invalid.add(at + ".type: " + e.type() + " (expected Generic, RemoteAddress, Header, Path or Claim)");
                yield null;
            }
        };
        return invalid.size() > before ? null : entry;
    }

    private static String keyOr(String key, String fallback) {
        return key == null ? fallback : key;
    }

    private static void noSource(RateLimitPolicy.Entry e, String at, List<String> invalid) {
        onlyFor(e.value(), "value", "Generic", at, invalid);
        onlyFor(e.header(), "header", "Header", at, invalid);
        onlyFor(e.claim(), "claim", "Claim", at, invalid);
    }

    private static void onlyFor(String given, String field, String type, String at, List<String> invalid) {
        if (given != null) {
            invalid.add(at + "." + field + ": only for type " + type);
        }
    }

    private static void required(String given, String field, String what, String at, List<String> invalid) {
        if (given == null || given.isEmpty()) {
            invalid.add(at + "." + field + ": missing (expected " + what + ")");
        }
    }
}
