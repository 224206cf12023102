#!/usr/bin/env bash
# A route with a global limit that never triggers (asked of `archway ratelimit-server`) against the
# same route without: throughput, CPU per request and added latency. See policy-overhead.sh.
POLICY=global exec "$(dirname "$0")/policy-overhead.sh" "$@"
