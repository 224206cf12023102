#!/usr/bin/env bash
# A route with a local rate limit that never triggers against the same route without: see policy-overhead.sh.
POLICY=ratelimit exec "$(dirname "$0")/policy-overhead.sh" "$@"
