#!/usr/bin/env bash
# Throughput and CPU cost of a route with a policy relative to the same route without it, in one run.
#
#   POLICY=jwt        an RS256 JWT provider (the same token on every request: the verified-token cache path)
#   POLICY=ratelimit  a local token bucket per client address that never runs out
#   POLICY=global     a global limit per client address that never runs out, asked of an
#                     `archway ratelimit-server` (in memory; REDIS_URL=redis://... to count in Redis)
#   POLICY=extauth    ext auth over gRPC (Envoy ext_authz v3) against `archway extauth-server` with
#                     an API key (the same key on every request)
#   POLICY=wasm       one trivial proxy-wasm filter (the add-header example, AssemblyScript, built by
#                     the Maven build into wasm-host/target/wasm/; WASM_MODULE=... for another)
#
# After the throughput rounds, one connection at a time (LATENCY_DURATION per route, 0 to skip)
# gives p50/p99 latency of both routes: the difference is what the policy adds to a request.
#
# Both routes proxy to the same backend (a second Archway answering with a DirectResponse) through
# the same gateway; the only difference is the TrafficPolicy on one of them. The routes are measured
# alternately (open, policy, policy, open, ...) so that drift on a noisy machine hits both alike,
# and the ratio is computed per round.
#
# Needs: java 17+, wrk, openssl, python3 (for base64url), a built gateway jar
# (./mvnw -q -B -DskipTests package). Everything listens on 127.0.0.1 and stops by itself.
#
#   bench/policy-overhead.sh                     # POLICY=jwt, 4 rounds of 10 s per route, 32 connections
#   POLICY=ratelimit ROUNDS=5 DURATION=20s bench/policy-overhead.sh
#   bench/jwt.sh, bench/ratelimit.sh, bench/global-ratelimit.sh, bench/extauth.sh, bench/wasm.sh   # by name
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../gateway/target/archway.jar}
POLICY=${POLICY:-jwt}
ROUNDS=${ROUNDS:-4}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-32}
WARMUP=${WARMUP:-15s}
LATENCY_DURATION=${LATENCY_DURATION:-10s}
RLS_PORT=${RLS_PORT:-18091}
AUTH_PORT=${AUTH_PORT:-18092}
WASM_MODULE=${WASM_MODULE:-$HERE/../wasm-host/target/wasm/add_header.wasm}
API_KEY=bench-key-0123456789
GW_PORT=${GW_PORT:-18080}
BACKEND_PORT=${BACKEND_PORT:-18081}
NCPU=$(nproc)
# Gateway and backend share the first CPU, wrk gets the others (on one CPU nothing is pinned).
if [ "$NCPU" -ge 2 ]; then PIN_SUT="taskset -c 0"; PIN_GEN="taskset -c 1-$((NCPU - 1))"; else PIN_SUT=""; PIN_GEN=""; fi

for tool in java wrk openssl python3; do
  command -v "$tool" >/dev/null || { echo "policy-overhead.sh: $tool not found" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "policy-overhead.sh: $JAR not found; build it with ./mvnw -q -B -DskipTests package" >&2; exit 2; }

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

b64url() { python3 -c 'import base64,sys; print(base64.urlsafe_b64encode(sys.stdin.buffer.read()).decode().rstrip("="))'; }

# An RSA key, its JWKS, and a token valid for a day.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
N=$(openssl rsa -in "$WORK/key.pem" -noout -modulus | cut -d= -f2 | python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.stdin.read().strip()))' | b64url)
JWKS="{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"alg\":\"RS256\",\"n\":\"$N\",\"e\":\"AQAB\"}]}"
EXP=$(( $(date +%s) + 86400 ))
HEADER=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
PAYLOAD=$(printf '{"iss":"https://idp.bench.local","aud":"bench","sub":"user-1","exp":%d}' "$EXP" | b64url)
SIG=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$WORK/key.pem" -binary | b64url)
TOKEN="$HEADER.$PAYLOAD.$SIG"

mkdir -p "$WORK/backend" "$WORK/gateway"
cat > "$WORK/backend/config.yaml" <<YAML
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: backend}
spec:
  gatewayClassName: archway
  addresses: [{type: IPAddress, value: 127.0.0.1}]
  listeners: [{name: http, port: $BACKEND_PORT, protocol: HTTP}]
---
apiVersion: gateway.archway.dev/v1alpha1
kind: DirectResponse
metadata: {name: ok}
spec: {status: 200, body: "hello, world\n"}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: all}
spec:
  parentRefs: [{name: backend}]
  rules: [{filters: [{type: ExtensionRef, extensionRef: {group: gateway.archway.dev, kind: DirectResponse, name: ok}}]}]
YAML
cat > "$WORK/gateway/config.yaml" <<YAML
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge}
spec:
  gatewayClassName: archway
  addresses: [{type: IPAddress, value: 127.0.0.1}]
  listeners: [{name: http, port: $GW_PORT, protocol: HTTP}]
---
apiVersion: gateway.archway.dev/v1alpha1
kind: Backend
metadata: {name: backend}
spec: {static: {hosts: [{host: 127.0.0.1, port: $BACKEND_PORT}]}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: bench}
spec:
  parentRefs: [{name: edge}]
  rules:
  - name: open
    matches: [{path: {value: /open}}]
    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: backend}]
  - name: policy
    matches: [{path: {value: /policy}}]
    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: backend}]
YAML

if [ "$POLICY" = jwt ]; then
  cat >> "$WORK/gateway/config.yaml" <<YAML
---
apiVersion: gateway.archway.dev/v1alpha1
kind: TrafficPolicy
metadata: {name: bench-policy}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: bench, sectionName: policy}]
  jwt:
    providers:
    - name: bench
      issuer: https://idp.bench.local
      audiences: [bench]
      jwks: {inline: '$JWKS'}
      claimsToHeaders: [{claim: sub, header: x-user}]
      # Both routes then send the backend the same bytes (plus x-user): the difference is the JWT work.
      forwardToken: true
YAML
elif [ "$POLICY" = ratelimit ]; then
  cat >> "$WORK/gateway/config.yaml" <<YAML
---
apiVersion: gateway.archway.dev/v1alpha1
kind: TrafficPolicy
metadata: {name: bench-policy}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: bench, sectionName: policy}]
  rateLimit:
    local:
      # Never runs out during a run: what is measured is the cost of asking.
      tokenBucket: {maxTokens: 1000000000, tokensPerFill: 1000000000, fillInterval: 1s}
      key: {type: RemoteAddress}
YAML
elif [ "$POLICY" = global ]; then
  REDIS_LINE=""
  if [ -n "${REDIS_URL:-}" ]; then REDIS_LINE="  redis: {url: \"$REDIS_URL\"}"; fi
  cat > "$WORK/side.yaml" <<YAML
kind: RateLimitServerConfig
spec:
  listen: "127.0.0.1:$RLS_PORT"
  admin: "127.0.0.1:19913"
$REDIS_LINE
  domains:
  - domain: bench
    descriptors:
    - key: remote_address
      # Never runs out during a run: what is measured is the cost of asking.
      rate_limit: {unit: second, requests_per_unit: 1000000000}
YAML
  cat >> "$WORK/gateway/config.yaml" <<YAML
---
apiVersion: gateway.archway.dev/v1alpha1
kind: Backend
metadata: {name: ratelimit}
spec: {static: {hosts: [{host: 127.0.0.1, port: $RLS_PORT}]}}
---
apiVersion: gateway.archway.dev/v1alpha1
kind: GatewayExtension
metadata: {name: limits}
spec:
  rateLimit:
    grpcService: {backendRef: {group: gateway.archway.dev, kind: Backend, name: ratelimit}}
    domain: bench
    timeout: 1s
    failOpen: false
---
apiVersion: gateway.archway.dev/v1alpha1
kind: TrafficPolicy
metadata: {name: bench-policy}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: bench, sectionName: policy}]
  rateLimit:
    global:
      extensionRef: {name: limits}
      descriptors:
      - entries: [{type: RemoteAddress}]
YAML
elif [ "$POLICY" = extauth ]; then
  KEY_SHA=$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)
  cat > "$WORK/side.yaml" <<YAML
kind: ExtAuthServerConfig
spec:
  listen: {grpc: "127.0.0.1:$AUTH_PORT"}
  admin: "127.0.0.1:19913"
  defaultConfig: keys
  configs:
  - name: keys
    apiKey:
      headerName: x-api-key
      keys: [{name: bench, sha256: "$KEY_SHA", metadata: {user: bench}}]
      headersFromMetadata: {x-api-user: user}
YAML
  cat >> "$WORK/gateway/config.yaml" <<YAML
---
apiVersion: gateway.archway.dev/v1alpha1
kind: Backend
metadata: {name: extauth}
spec: {static: {hosts: [{host: 127.0.0.1, port: $AUTH_PORT}]}}
---
apiVersion: gateway.archway.dev/v1alpha1
kind: GatewayExtension
metadata: {name: auth}
spec:
  extAuth:
    grpcService: {backendRef: {group: gateway.archway.dev, kind: Backend, name: extauth}}
    timeout: 1s
---
apiVersion: gateway.archway.dev/v1alpha1
kind: TrafficPolicy
metadata: {name: bench-policy}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: bench, sectionName: policy}]
  extAuth: {extensionRef: {name: auth}}
YAML
elif [ "$POLICY" = wasm ]; then
  [ -f "$WASM_MODULE" ] || { echo "policy-overhead.sh: $WASM_MODULE not found; build it with ./mvnw -q -B -DskipTests package" >&2; exit 2; }
  cat >> "$WORK/gateway/config.yaml" <<YAML
---
apiVersion: gateway.archway.dev/v1alpha1
kind: TrafficPolicy
metadata: {name: bench-policy}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: bench, sectionName: policy}]
  wasm:
  - name: add-header
    module: {file: "$WASM_MODULE"}
    rootId: add_header
    config: '{"header": "x-hello", "value": "world"}'
YAML
else
  echo "POLICY: $POLICY (expected: jwt, ratelimit, global, extauth or wasm)" >&2; exit 2
fi

start() { # name admin-port config-dir
  $PIN_SUT java -XX:+UseParallelGC -jar "$JAR" run -c "$3" --admin "127.0.0.1:$2" >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
}
start backend 19911 "$WORK/backend"
start gateway 19912 "$WORK/gateway"
READY_SIDE=true
if [ "$POLICY" = global ] || [ "$POLICY" = extauth ]; then
  # The side service shares the system-under-test core: its work is part of the policy's path.
  SIDE_CMD=$([ "$POLICY" = global ] && echo ratelimit-server || echo extauth-server)
  $PIN_SUT java -XX:+UseParallelGC -jar "$JAR" "$SIDE_CMD" -c "$WORK/side.yaml" >"$WORK/side.log" 2>&1 &
  PIDS+=($!)
  READY_SIDE='curl -fs 127.0.0.1:19913/ready'
fi
ready=false
for i in $(seq 1 300); do
  if curl -fs "127.0.0.1:19911/ready" >/dev/null && curl -fs "127.0.0.1:19912/ready" >/dev/null \
      && $READY_SIDE >/dev/null; then ready=true; break; fi
  sleep 0.2
done
if [ "$ready" != true ]; then
  echo "not ready within 60 s:" >&2; tail -n 20 "$WORK"/*.log >&2; exit 1
fi

# The first requests after a start are slow (class loading, JIT, connections to side services on
# the same core): send a few before checking, so a cold-start timeout is not taken for a broken setup.
for _ in $(seq 1 20); do
  curl -s -o /dev/null -H "x-api-key: $API_KEY" -H "authorization: Bearer $TOKEN" "127.0.0.1:$GW_PORT/policy" || true
  curl -s -o /dev/null "127.0.0.1:$GW_PORT/policy" || true
done

# Check the setup before measuring anything: the policy must really be enforced.
[ "$(curl -s -o /dev/null -w '%{http_code}' "127.0.0.1:$GW_PORT/open")" = 200 ] || { echo "open route does not answer 200" >&2; cat "$WORK/gateway.log" >&2; exit 1; }
if [ "$POLICY" = jwt ]; then
  [ "$(curl -s -o /dev/null -w '%{http_code}' "127.0.0.1:$GW_PORT/policy")" = 401 ] || { echo "jwt route does not refuse a request without token" >&2; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $TOKEN" "127.0.0.1:$GW_PORT/policy")" = 200 ] || { echo "jwt route refuses the bench token" >&2; cat "$WORK/gateway.log" >&2; exit 1; }
elif [ "$POLICY" = extauth ]; then
  [ "$(curl -s -o /dev/null -w '%{http_code}' "127.0.0.1:$GW_PORT/policy")" = 401 ] || { echo "extauth route does not refuse a request without key" >&2; cat "$WORK/side.log" >&2; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "x-api-key: $API_KEY" "127.0.0.1:$GW_PORT/policy")" = 200 ] || { echo "extauth route refuses the bench key" >&2; cat "$WORK/gateway.log" "$WORK/side.log" >&2; exit 1; }
elif [ "$POLICY" = wasm ]; then
  curl -s -D - -o /dev/null "127.0.0.1:$GW_PORT/policy" | grep -qi '^x-wasm-filter: add-header' || { echo "wasm route does not run the plugin" >&2; cat "$WORK/gateway.log" >&2; exit 1; }
else
  curl -s -D - -o /dev/null "127.0.0.1:$GW_PORT/policy" | grep -qi '^ratelimit:' || { echo "rate-limited route does not answer RateLimit fields" >&2; cat "$WORK/gateway.log" >&2; exit 1; }
fi

GW_PID=${PIDS[1]}
TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$GW_PID/stat"; }

# One measurement: "req/s gateway-cpu-us-per-request". CPU time per request is the steadier
# figure on a shared machine: other tenants slow a run down but do not add to the gateway's CPU.
run_wrk() { # path duration
  local before after out rps total
  before=$(cpu_ticks)
  out=$($PIN_GEN wrk -t 1 -c "$CONNS" -d "$2" -H "authorization: Bearer $TOKEN" -H "x-api-key: $API_KEY" "http://127.0.0.1:$GW_PORT$1")
  after=$(cpu_ticks)
  if grep -q Non-2xx <<<"$out"; then echo "non-2xx answers on $1:" >&2; echo "$out" >&2; exit 1; fi
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  python3 -c "print(f'{$rps:.0f} {($after - $before) * 1e6 / $TICK / $total:.1f}')"
}

# The JIT on one pinned core needs a while: warm both routes twice before measuring.
echo "warming up (2 x $WARMUP per route)..."
for _ in 1 2; do
  run_wrk /open "$WARMUP" >/dev/null
  run_wrk /policy "$WARMUP" >/dev/null
done

printf '%-6s %11s %11s %9s %13s %13s %9s\n' round "open req/s" "$POLICY req/s" "req/s" "open cpu us/r" "$POLICY us/r" "cpu"
ratios=()
cpu_ratios=()
for r in $(seq 1 "$ROUNDS"); do
  # Alternate which route goes first, so that a trend over the run does not favour one of them.
  if [ $((r % 2)) -eq 1 ]; then
    read -r open open_cpu < <(run_wrk /open "$DURATION"); read -r jwt jwt_cpu < <(run_wrk /policy "$DURATION")
  else
    read -r jwt jwt_cpu < <(run_wrk /policy "$DURATION"); read -r open open_cpu < <(run_wrk /open "$DURATION")
  fi
  ratio=$(python3 -c "print(f'{$jwt / $open:.3f}')")
  cpu_ratio=$(python3 -c "print(f'{$open_cpu / $jwt_cpu:.3f}')")
  ratios+=("$ratio")
  cpu_ratios+=("$cpu_ratio")
  printf '%-6s %11s %11s %9s %13s %13s %9s\n' "$r" "$open" "$jwt" "$ratio" "$open_cpu" "$jwt_cpu" "$cpu_ratio"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median $POLICY/open throughput: $(median "${ratios[@]}")"
echo "median open/$POLICY gateway CPU per request (= the throughput ratio on a saturated core): $(median "${cpu_ratios[@]}")"
echo "(policy: $POLICY, cpus: $NCPU, connections: $CONNS)"

# Latency one request at a time: what the policy adds to each request when nothing queues.
if [ "$LATENCY_DURATION" != 0 ]; then
  latency() { # path -> "p50-us p99-us"
    $PIN_GEN wrk -t 1 -c 1 -d "$LATENCY_DURATION" --latency -H "authorization: Bearer $TOKEN" -H "x-api-key: $API_KEY" \
        "http://127.0.0.1:$GW_PORT$1" | python3 -c '
import re, sys
scale = {"us": 1, "ms": 1000, "s": 1000000}
got = {}
for line in sys.stdin:
    m = re.match(r"\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", line)
    if m:
        got[m.group(1)] = float(m.group(2)) * scale[m.group(3)]
print("%.0f %.0f" % (got["50"], got["99"]))'
  }
  read -r open50 open99 < <(latency /open)
  read -r pol50 pol99 < <(latency /policy)
  echo "latency, one connection: open p50 ${open50} us p99 ${open99} us; $POLICY p50 ${pol50} us p99 ${pol99} us"
  echo "added by $POLICY: p50 $((pol50 - open50)) us, p99 $((pol99 - open99)) us"
fi
