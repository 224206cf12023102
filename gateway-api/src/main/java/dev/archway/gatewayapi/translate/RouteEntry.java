package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.RouteIr;

/**
 * A route match attached to a listener for one hostname, with its precedence key.
 *
 * @param hostname the intersected hostname ({@code *} for any)
 * @param routeCreated the route's creationTimestamp (ISO text, or empty), for ties
 * @param routeKey {@code <namespace>/<name>} of the route, for ties
 * @param order rule index * 1000 + match index, for ties inside one route
 */
record RouteEntry(String hostname, RouteIr route, String routeCreated, String routeKey, int order) {}
