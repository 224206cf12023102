package dev.archway.gatewayapi.ir.filters;

/** A header name and value. */
public record HeaderValue(String name, String value) {}
