package dev.archway.extauth.server.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer to one request: allowed (with headers for the upstream and headers to take off the
 * request), or denied (with the status, challenges and reason the client gets).
 *
 * @param reason for metrics and the denial body: the mode that allowed ({@code api_key},
 *     {@code basic}, {@code introspection}) or why it was denied ({@code missing_credentials},
 *     {@code invalid_api_key}, {@code invalid_credentials}, {@code invalid_token})
 * @param upstreamHeaders set on the request to the upstream, replacing what the client sent
 * @param removeHeaders taken off the request to the upstream
 * @param status 401 or 403 when denied; 200 when allowed
 * @param challenges {@code WWW-Authenticate} values sent with a 401
 */
public record Verdict(boolean allowed, String reason, Map<String, String> upstreamHeaders, Set<String> removeHeaders,
        int status, List<String> challenges) {
    public static final String MISSING_CREDENTIALS = "missing_credentials";

    public Verdict {
        upstreamHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(upstreamHeaders));
        removeHeaders = Collections.unmodifiableSet(new LinkedHashSet<>(removeHeaders));
        challenges = List.copyOf(challenges);
    }

    /** Allowed: {@code upstreamHeaders} set, and the rest of the {@code owned} headers removed. */
    static Verdict allow(String mode, Map<String, String> upstreamHeaders, Set<String> owned) {
        Set<String> remove = new LinkedHashSet<>(owned);
        remove.removeAll(upstreamHeaders.keySet());
        return new Verdict(true, mode, upstreamHeaders, remove, 200, List.of());
    }

    static Verdict unauthenticated(String reason, List<String> challenges) {
        return new Verdict(false, reason, Map.of(), Set.of(), 401, challenges);
    }

    /** Unauthenticated denials are answered 401 (gRPC UNAUTHENTICATED), others 403 (PERMISSION_DENIED). */
    public boolean unauthenticated() {
        return status == 401;
    }

    /** The short JSON body a denied client gets: {@code {"error":"invalid_api_key"}}. */
    public String body() {
        // Reasons are fixed identifiers of this package, so no escaping is needed.
        return "{\"error\":\"" + reason + "\"}";
    }

    /** This verdict with more headers to take off the upstream request (those it sets stay). */
    Verdict removing(Set<String> more) {
        Set<String> all = new LinkedHashSet<>(removeHeaders);
        all.addAll(more);
        all.removeAll(upstreamHeaders.keySet());
        return new Verdict(allowed, reason, upstreamHeaders, all, status, challenges);
    }

    /** This denial with the challenges of others too, so a client learns every way it may authenticate. */
    Verdict challenging(List<String> more) {
        List<String> all = new ArrayList<>(challenges);
        more.stream().filter(c -> !all.contains(c)).forEach(all::add);
        return new Verdict(allowed, reason, upstreamHeaders, removeHeaders, status, all);
    }
}
