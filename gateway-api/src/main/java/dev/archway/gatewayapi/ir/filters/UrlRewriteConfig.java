package dev.archway.gatewayapi.ir.filters;

/** Gateway API HTTPURLRewriteFilter; null fields leave the request unchanged. */
public record UrlRewriteConfig(String hostname, PathModifier path) {}
