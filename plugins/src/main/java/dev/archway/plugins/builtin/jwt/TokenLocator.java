package dev.archway.plugins.builtin.jwt;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.JwtConfig.HeaderSource;
import dev.archway.gatewayapi.ir.filters.JwtConfig.TokenSource;
import dev.archway.plugins.spi.RequestHead;
import io.vertx.core.MultiMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Finds a provider's token in a request (headers, then query parameters, then cookies) and removes it. */
final class TokenLocator {

    enum Place { HEADER, QUERY, COOKIE }

    /** A token and where it was found, so that it can be removed from exactly there. */
    record Found(String token, Place place, String name) {}

    private final TokenSource source;

    TokenLocator(TokenSource source) {
        this.source = source == null ? TokenSource.DEFAULT : source;
    }

    /** The first token found, or null. */
    Found find(RequestHead request) {
        for (HeaderSource header : source.headers()) {
            String prefix = header.prefix() == null ? "" : header.prefix();
            for (String value : request.headers().getAll(header.name())) {
                // The prefix is compared ignoring case: "bearer x" is as common as "Bearer x".
                if (value.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    String token = value.substring(prefix.length()).trim();
                    if (!token.isEmpty()) {
                        return new Found(token, Place.HEADER, header.name());
                    }
                }
            }
        }
        if (!source.queryParams().isEmpty() && request.query() != null) {
            for (String name : source.queryParams()) {
                for (String pair : request.query().split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && name.equals(decode(pair.substring(0, eq)))) {
                        String token = decode(pair.substring(eq + 1));
                        if (token != null && !token.isEmpty()) {
                            return new Found(token, Place.QUERY, name);
                        }
                    }
                }
            }
        }
        for (String name : source.cookies()) {
            for (String header : request.headers().getAll("cookie")) {
                for (String pair : header.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && name.equals(pair.substring(0, eq).trim())) {
                        String token = unquote(pair.substring(eq + 1).trim());
                        if (!token.isEmpty()) {
                            return new Found(token, Place.COOKIE, name);
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Removes the token so that the upstream never sees it; other parameters and cookies stay. */
    static void remove(RequestHead request, Found found) {
        requireNonNull(found, "found");
        switch (found.place()) {
            case HEADER -> request.headers().remove(found.name());
            case QUERY -> request.query(withoutParam(request.query(), found.name()));
            case COOKIE -> removeCookie(request.headers(), found.name());
        }
    }

    private static String withoutParam(String query, String name) {
        if (query == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String pairName = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!pair.isEmpty() && !name.equals(pairName)) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }

    private static void removeCookie(MultiMap headers, String name) {
        List<String> rebuilt = new ArrayList<>();
        for (String header : headers.getAll("cookie")) {
            List<String> kept = new ArrayList<>();
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                int eq = trimmed.indexOf('=');
                String pairName = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
                if (!trimmed.isEmpty() && !name.equals(pairName)) {
                    kept.add(trimmed);
                }
            }
            if (!kept.isEmpty()) {
                rebuilt.add(String.join("; ", kept));
            }
        }
        headers.remove("cookie");
        for (String header : rebuilt) {
            headers.add("cookie", header);
        }
    }

    /** Percent-decodes a query component, or null when it is malformed (such a parameter is ignored). */
    private static String decode(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
