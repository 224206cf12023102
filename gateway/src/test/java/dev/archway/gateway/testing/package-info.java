/**
 * Test helpers: snapshots built by hand ({@link dev.archway.gateway.testing.Ir}), a real echo
 * backend on a loopback port ({@link dev.archway.gateway.testing.EchoBackend}) and a running data
 * plane ({@link dev.archway.gateway.testing.TestGateway}).
 */
package dev.archway.gateway.testing;
