/**
 * Config sources: they read resources (files today, the API server later) into a
 * {@link dev.archway.gatewayapi.source.ResourceSet} and never interpret them.
 *
 * <p>Starting points: {@link dev.archway.gatewayapi.source.FileSource} (files and directories of
 * multi-document YAML, watched), {@link dev.archway.gatewayapi.source.ResourceSet}. Inside
 * FileSource: {@code ConfigFiles} (which files), {@code YamlResourceReader} (YAML to objects and
 * problems), {@code FileSetReader} (one read, last good content), {@code ObjectHistory}
 * (generation and creation time) and {@code ConfigWatcher} (the watch thread).
 */
package dev.archway.gatewayapi.source;
