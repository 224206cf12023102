#!/usr/bin/env bash
# A route checked by `archway extauth-server` over Envoy ext_authz v3 (an API key) against the same
# route without: throughput, CPU per request and added latency. See policy-overhead.sh.
POLICY=extauth exec "$(dirname "$0")/policy-overhead.sh" "$@"
