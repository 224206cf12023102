package dev.archway.gatewayapi.ir;

/** A header condition; {@code name} is lower case and compared case-insensitively. */
public record HeaderMatchIr(String name, StringMatchType type, String value) {}
