package dev.archway.sidekit.config;

import static java.util.Objects.requireNonNull;

/** A {@code HOST:PORT} to listen on ({@code [v6]:PORT} for IPv6); port 0 picks a free one. */
public record Address(String host, int port) {
    public Address {
        requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
        }
    }

    /** The address written as {@code text}, or null when it is not {@code HOST:PORT}. */
    public static Address parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return null;
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.indexOf(':') >= 0 && !text.startsWith("[")) {
            return null;
        }
        String port = text.substring(colon + 1);
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) {
            return null;
        }
        int number = Integer.parseInt(port);
        return number > 65535 ? null : new Address(host, number);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
