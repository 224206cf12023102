#!/usr/bin/env bash
# A JWT-protected route against the same route without JWT: see policy-overhead.sh.
POLICY=jwt exec "$(dirname "$0")/policy-overhead.sh" "$@"
