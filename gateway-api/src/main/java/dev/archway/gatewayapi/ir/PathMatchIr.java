package dev.archway.gatewayapi.ir;

/**
 * A path condition. For {@link PathMatchType#PREFIX} the value has no trailing slash (except the
 * root {@code /}) and matches whole path segments: {@code /foo} matches {@code /foo} and
 * {@code /foo/bar} but not {@code /foobar}.
 */
public record PathMatchIr(PathMatchType type, String value) {}
