package dev.archway.gatewayapi.ir;

/** A query parameter condition; names are case-sensitive, the first value of a name counts. */
public record QueryParamMatchIr(String name, StringMatchType type, String value) {}
