/**
 * The compiled router: which listener, virtual host and route a request gets on one port. Built
 * once per snapshot; a request does a few hash lookups and tests only the routes indexed under
 * its path, never a scan of every route.
 *
 * <p>Starting points: {@link dev.archway.gateway.router.PortRouter#compile} (build) and
 * {@link dev.archway.gateway.router.PortRouter#select} (per request).
 *
 * <pre>
 *  host ──► listener (exact ▸ longest *.suffix ▸ any) ──► virtual host (exact ▸ longest *.suffix ▸ "*")
 *  path ──► candidates: EXACT map ∪ PREFIX buckets (/a/b/c, /a/b, /a, /) ∪ REGEX list
 *       ──► the candidate with the smallest rank whose method, header and query conditions hold
 * </pre>
 */
package dev.archway.gateway.router;
