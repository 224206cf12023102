/**
 * Where {@code archway ratelimit-server} counts: token buckets under string keys, in this
 * process's memory or in Redis (shared by every server that uses the same Redis).
 *
 * <p>Starting points: {@link dev.archway.ratelimit.server.counter.CounterStore} (take hits from
 * a key's bucket, asynchronously), {@link dev.archway.ratelimit.server.counter.CounterStores}
 * (the two stores). Inside: {@code InMemoryCounterStore} (bounded: full buckets are swept, new
 * keys beyond a cap share an overflow bucket per limit), {@code RedisCounterStore} (Bucket4j's
 * compare-and-swap buckets over Lettuce's asynchronous API; fails fast while Redis is away).
 */
package dev.archway.ratelimit.server.counter;
