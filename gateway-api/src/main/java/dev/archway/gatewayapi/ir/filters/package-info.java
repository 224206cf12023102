/**
 * Config records of the filters the translator emits for Gateway API route filters and Archway
 * kinds. The data plane's factories (module {@code plugins}) turn them into running filters.
 */
package dev.archway.gatewayapi.ir.filters;
