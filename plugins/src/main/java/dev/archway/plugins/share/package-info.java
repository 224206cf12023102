/**
 * State that the filters of one factory share across routes and across reloads, counted by
 * reference: key sets fetched from an identity provider, caches, rate-limit buckets.
 *
 * <p>Starting point: {@link dev.archway.plugins.share.SharedResources}.
 */
package dev.archway.plugins.share;
