/**
 * Kubernetes CustomResourceDefinitions of the Archway kinds, generated from the Java model that
 * reads them ({@link dev.archway.gatewayapi.crd.ArchwayCrds}), so the schema the API server
 * enforces and the fields the gateway reads cannot drift apart.
 */
package dev.archway.gatewayapi.crd;
