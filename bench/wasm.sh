#!/usr/bin/env bash
# A route with one trivial Wasm filter against the same route without it: see policy-overhead.sh.
POLICY=wasm exec "$(dirname "$0")/policy-overhead.sh" "$@"
