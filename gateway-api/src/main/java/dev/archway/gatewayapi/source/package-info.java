/**
 * Config sources: they read resources (files today, the API server later) into a
 * {@link dev.archway.gatewayapi.source.ResourceSet} and never interpret them.
 *
 * <p>Starting points: {@link dev.archway.gatewayapi.source.FileSource} (files and directories of
 * multi-document YAML, watched), {@link dev.archway.gatewayapi.source.ResourceSet}.
 */
package dev.archway.gatewayapi.source;
