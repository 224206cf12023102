package dev.archway.plugins.builtin.graphql.api;

import dev.archway.gatewayapi.graphql.Template.Ref;
import java.util.Map;

/**
 * The DataLoader key of a batched field: its rendered {@code batch.key}, and the values of the
 * call's other holes (args, parent, header, claim). Items whose other values differ cannot share
 * a call, so they form separate batches; usually all items share them and make one batch.
 *
 * @param context each non-{@code keys} hole of the call with its value (null when it has none);
 *     unmodifiable
 */
record BatchKey(Map<Ref, Object> context, String key) {}
