package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * The conditions of a route match; all must hold.
 *
 * @param method an HTTP method, or null for any
 * @param headers header names are lower case
 */
public record RouteMatchIr(PathMatchIr path, String method, List<HeaderMatchIr> headers, List<QueryParamMatchIr> queryParams) {
    public RouteMatchIr {
        headers = List.copyOf(headers);
        queryParams = List.copyOf(queryParams);
    }
}
