/**
 * GraphQL pieces shared by the translator (which checks them and reports problems as status) and
 * the filters in {@code plugins} (which run them): resolver templates and the schema check.
 */
package dev.archway.gatewayapi.graphql;
