package dev.archway.gatewayapi.ir.filters;

import java.util.List;

/** Archway DirectResponse: the gateway answers with this status, headers and body. */
public record DirectResponseConfig(int status, String body, List<HeaderValue> headers) {
    public DirectResponseConfig {
        headers = List.copyOf(headers);
    }
}
