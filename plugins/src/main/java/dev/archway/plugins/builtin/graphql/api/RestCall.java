package dev.archway.plugins.builtin.graphql.api;

import java.util.List;

/**
 * One fully rendered REST call. Without batch it is the DataLoader key, so identical calls in one
 * request are made once.
 *
 * @param target path and query
 * @param headers in the order configured
 * @param body JSON text, or null for no body
 */
record RestCall(String method, String target, List<Header> headers, String body) {
    RestCall {
        headers = List.copyOf(headers);
    }

    record Header(String name, String value) {}
}
