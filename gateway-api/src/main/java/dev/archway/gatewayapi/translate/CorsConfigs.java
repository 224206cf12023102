package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.filters.CorsConfig;
import dev.archway.gatewayapi.model.TrafficPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilter;
import java.util.List;

/** The two spellings of CORS (HTTPRoute filter, TrafficPolicy field) to one {@link CorsConfig}. */
final class CorsConfigs {
    private CorsConfigs() {}

    static CorsConfig of(HTTPCORSFilter f) {
        if (f == null) {
            return of(List.of(), List.of(), List.of(), List.of(), null, null);
        }
        return of(f.getAllowOrigins(), f.getAllowMethods(), f.getAllowHeaders(), f.getExposeHeaders(),
                f.getAllowCredentials(), f.getMaxAge());
    }

    static CorsConfig of(TrafficPolicy.Cors c) {
        return of(c.allowOrigins(), c.allowMethods(), c.allowHeaders(), c.exposeHeaders(), c.allowCredentials(), c.maxAge());
    }

    private static CorsConfig of(List<String> origins, List<String> methods, List<String> headers, List<String> expose,
            Boolean credentials, Integer maxAge) {
        return new CorsConfig(orEmpty(origins), orEmpty(methods), orEmpty(headers), orEmpty(expose),
                Boolean.TRUE.equals(credentials), maxAge == null ? CorsConfig.DEFAULT_MAX_AGE_SECONDS : maxAge);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list.stream().map(s -> s == null ? "" : s).toList();
    }
}
