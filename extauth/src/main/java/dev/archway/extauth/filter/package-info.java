/**
 * The gateway's external authorization filter ({@code TrafficPolicy.extAuth}): each request is
 * checked by an auth service before it goes upstream, over Envoy's ext_authz v3 gRPC protocol or
 * as a plain HTTP call.
 *
 * <p>Starting points: {@link dev.archway.extauth.filter.ExtAuthFilter} (one request), {@code
 * CheckRequests} (what the gRPC service is told), {@code GrpcCheck} and {@code HttpCheck} (the two
 * protocols), {@code AuthVerdict} (what the service decided, as header edits or a reply).
 */
package dev.archway.extauth.filter;
