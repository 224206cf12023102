package dev.archway.extauth.filter;

import dev.archway.plugins.spi.LocalReply;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * What the auth service decided about one request.
 *
 * @param denial the answer for the client when the service denied, else null
 * @param upstreamHeaders headers to put on the upstream request (set, or added when {@code append})
 * @param upstreamHeadersToRemove headers to take off the upstream request
 * @param clientHeaders headers to add to the answer the client gets
 */
record AuthVerdict(
        LocalReply denial,
        List<Header> upstreamHeaders,
        List<String> upstreamHeadersToRemove,
        List<Header> clientHeaders) {

    /** How a header is put on: replacing, adding another value, or only when absent. */
    enum Mode { SET, APPEND, IF_ABSENT }

    record Header(String name, String value, Mode mode) {}

    boolean allowed() {
        return denial == null;
    }

    static AuthVerdict deny(LocalReply reply) {
        return new AuthVerdict(reply, List.of(), List.of(), List.of());
    }

    void applyToUpstream(MultiMap headers) {
        for (String name : upstreamHeadersToRemove) {
            headers.remove(name);
        }
        for (Header h : upstreamHeaders) {
            switch (h.mode()) {
                case SET -> headers.set(h.name(), h.value());
                case APPEND -> headers.add(h.name(), h.value());
                case IF_ABSENT -> {
                    if (!headers.contains(h.name())) {
                        headers.add(h.name(), h.value());
                    }
                }
            }
        }
    }

    void applyToClient(MultiMap headers) {
        for (Header h : clientHeaders) {
            headers.add(h.name(), h.value());
        }
    }
}
