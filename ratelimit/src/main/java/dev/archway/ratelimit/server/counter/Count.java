package dev.archway.ratelimit.server.counter;

/**
 * What one hit found in its bucket.
 *
 * @param allowed whether the hits were taken (false: the bucket had too few tokens, none taken)
 * @param remaining the tokens left after the hit
 * @param nanosUntilReset until the bucket is full again: with interval refill, the next refill
 */
public record Count(boolean allowed, long remaining, long nanosUntilReset) {}
