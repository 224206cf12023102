package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.PathMatchType;
import dev.archway.gatewayapi.ir.RouteMatchIr;
import java.util.Comparator;

/**
 * The Gateway API order of route matches: Exact path, then (Archway's choice, as the spec leaves
 * it open) RegularExpression by pattern length, then PathPrefix by length; then a method match;
 * then more header matches; then more query matches; then the oldest route, then namespace/name,
 * then rule and match order. A total order, so snapshots are deterministic.
 */
final class RoutePrecedence {
    static final Comparator<RouteEntry> ORDER = Comparator
            .comparingInt((RouteEntry e) -> pathRank(e.route().match()))
            .thenComparing(e -> -e.route().match().path().value().length())
            .thenComparingInt(e -> e.route().match().method() == null ? 1 : 0)
            .thenComparingInt(e -> -e.route().match().headers().size())
            .thenComparingInt(e -> -e.route().match().queryParams().size())
            .thenComparing(RouteEntry::routeCreated)
            .thenComparing(RouteEntry::routeKey)
            .thenComparingInt(RouteEntry::order)
            .thenComparing(e -> e.route().name());

    private RoutePrecedence() {}

    private static int pathRank(RouteMatchIr m) {
        return m.path().type() == PathMatchType.EXACT ? 0 : m.path().type() == PathMatchType.REGEX ? 1 : 2;
    }
}
