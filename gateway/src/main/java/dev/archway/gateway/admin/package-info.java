/**
 * The admin endpoint (default {@code 127.0.0.1:9901}): readiness, liveness, resource status and
 * the live config, for operators and the conformance harness. JSON is rendered by Jackson off the
 * event loop, maps sorted and nulls left out, so dumps are stable.
 *
 * <p>Starting points: {@link dev.archway.gateway.admin.AdminServer},
 * {@link dev.archway.gateway.admin.AdminJson}.
 */
package dev.archway.gateway.admin;
