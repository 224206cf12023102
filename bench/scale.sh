#!/usr/bin/env bash
# How long a large config takes to load and to hot-reload, and the heap it keeps.
#
# Generates one Gateway, one Backend and ROUTES HTTPRoutes (one rule each, its own path prefix),
# starts the gateway on it, then changes one route and measures until the new config serves
# (the gateway logs the next version serving). Reports the gateway's own timings (translate,
# build+apply) from its log, the wall time seen from outside (which includes the file watcher's
# 100 ms debounce), and the heap in use after a full GC.
#
# Needs: java 17+ (with jcmd), curl, python3, a built gateway jar (./mvnw -q -B -DskipTests package).
# Everything listens on 127.0.0.1 and stops by itself.
#
#   bench/scale.sh                 # 10,000 routes
#   ROUTES=1000 bench/scale.sh
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../gateway/target/archway.jar}
ROUTES=${ROUTES:-10000}
RELOADS=${RELOADS:-3}
GW_PORT=${GW_PORT:-18080}
ADMIN_PORT=${ADMIN_PORT:-19912}
HEAP=${HEAP:-1g}

for tool in java jcmd curl python3; do
  command -v "$tool" >/dev/null || { echo "scale.sh: $tool not found" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "scale.sh: $JAR not found; build it with ./mvnw -q -B -DskipTests package" >&2; exit 2; }

WORK=$(mktemp -d)
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/config"

generate() { # first-route-path-suffix
  python3 - "$ROUTES" "$GW_PORT" "$1" > "$WORK/routes.tmp" <<'PY'
import sys
n, port, suffix = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
out = [f"""apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {{name: edge}}
spec:
  gatewayClassName: archway
  addresses: [{{type: IPAddress, value: 127.0.0.1}}]
  listeners: [{{name: http, port: {port}, protocol: HTTP}}]
---
apiVersion: gateway.archway.dev/v1alpha1
kind: Backend
metadata: {{name: app}}
spec: {{static: {{hosts: [{{host: 127.0.0.1, port: 9}}]}}}}"""]
for i in range(n):
    path = f"/r{i}" + (suffix if i == 0 else "")
    out.append(f"""apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {{name: route-{i}}}
spec:
  parentRefs: [{{name: edge}}]
  hostnames: ["h{i % 100}.example.com"]
  rules:
  - matches: [{{path: {{type: PathPrefix, value: "{path}"}}}}]
    backendRefs: [{{group: gateway.archway.dev, kind: Backend, name: app}}]""")
print("\n---\n".join(out))
PY
  mv "$WORK/routes.tmp" "$WORK/config/routes.yaml"
}

version() {
  curl -s "127.0.0.1:$ADMIN_PORT/config_dump" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("version") or 0)' 2>/dev/null || echo 0
}
now_ms() { date +%s%3N; }

generate ""
echo "config: $ROUTES HTTPRoutes, $(du -h "$WORK/config/routes.yaml" | cut -f1) of YAML"
start=$(now_ms)
java -Xmx"$HEAP" -XX:+UseParallelGC -jar "$JAR" run -c "$WORK/config" --admin "127.0.0.1:$ADMIN_PORT" \
  --access-log off >"$WORK/gateway.log" 2>&1 &
PID=$!
until [ "$(version)" -ge 1 ]; do
  kill -0 "$PID" 2>/dev/null || { echo "gateway exited:" >&2; cat "$WORK/gateway.log" >&2; exit 1; }
  [ $(( $(now_ms) - start )) -lt 120000 ] || { echo "not serving within 120 s" >&2; tail "$WORK/gateway.log" >&2; exit 1; }
  sleep 0.05
done
echo "first load: serving $(( $(now_ms) - start )) ms after the process started (JVM start included)"
grep -o 'config version 1 serving.*' "$WORK/gateway.log" | sed 's/^/  gateway: /'

# The time a version started serving, from the gateway's own log line (ms since the epoch):
# polling /config_dump would measure the dump of a 10,000-route snapshot as well.
served_at() { # version
  local line
  line=$(grep -m1 "config version $1 serving" "$WORK/gateway.log" || true)
  [ -n "$line" ] || return 1
  python3 -c 'import sys,datetime; print(int(datetime.datetime.fromisoformat(sys.argv[1].replace("Z","+00:00")).timestamp()*1000))' "${line%% *}"
}

for i in $(seq 1 "$RELOADS"); do
  before=$(version)
  t0=$(now_ms)
  generate "-v$i"
  until served_at $((before + 1)) >/dev/null; do
    [ $(( $(now_ms) - t0 )) -lt 60000 ] || { echo "reload $i not serving within 60 s" >&2; tail "$WORK/gateway.log" >&2; exit 1; }
    sleep 0.02
  done
  echo "reload $i: serving $(( $(served_at $((before + 1))) - t0 )) ms after the file changed (watcher debounce included)"
  grep -o "config version $((before + 1)) serving.*" "$WORK/gateway.log" | sed 's/^/  gateway: /'
done
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "host: h0.example.com" "127.0.0.1:$GW_PORT/r0-v$RELOADS")" != 404 ] \
  || { echo "the changed route does not serve" >&2; exit 1; }

jcmd "$PID" GC.run >/dev/null
echo "heap after a full GC:"
jcmd "$PID" GC.heap_info | grep -E 'total|used' | sed 's/^/  /'
