package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * The routes that serve one hostname of a listener.
 *
 * @param hostname exact ({@code foo.example.com}), wildcard ({@code *.example.com}) or {@code *}
 * @param routes every route match in precedence order: the first that matches a request wins
 */
public record VirtualHostIr(String name, String hostname, List<RouteIr> routes) {
    public VirtualHostIr {
        routes = List.copyOf(routes);
    }
}
