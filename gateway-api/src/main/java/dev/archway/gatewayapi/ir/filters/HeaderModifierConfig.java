package dev.archway.gatewayapi.ir.filters;

import java.util.List;

/**
 * Gateway API HTTPHeaderFilter: {@code set} replaces, {@code add} appends, {@code remove} deletes.
 * Used by both the request and the response header modifier kinds.
 */
public record HeaderModifierConfig(List<HeaderValue> set, List<HeaderValue> add, List<String> remove) {
    public HeaderModifierConfig {
        set = List.copyOf(set);
        add = List.copyOf(add);
        remove = List.copyOf(remove);
    }
}
