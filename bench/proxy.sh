#!/usr/bin/env bash
# Archway against nginx as a reverse proxy, in one run, on the same backend: requests/s, p50/p99
# and the proxy's CPU time per request, for a small and a 16 KiB response, HTTPS termination, and a
# config of 1,000 routes.
#
# The backend is nginx serving /small (13 bytes) and /16k (16,384 bytes). "direct" is the backend
# itself; "nginx" is nginx proxying to it over a keep-alive pool; "archway" is the gateway jar with
# one route (or ROUTES routes for the "routes" variant). Backend and proxy share CPU 0, wrk runs on
# the other CPUs (nothing is pinned on a 1-CPU machine). CPU per request is the proxy's own process
# CPU time (user + system, all its processes) divided by the requests served: the steady figure on
# a shared machine, where other tenants slow a run down but do not add to the proxy's CPU.
#
# Needs: java 17+, wrk, nginx, openssl, python3, curl (Debian: apt-get install wrk nginx-light
# openssl), a built gateway jar (./mvnw -q -B -DskipTests package). Loopback only; stops by itself.
#
#   bench/proxy.sh                                # every variant, 10 s each, 64 connections
#   DURATION=20s CONNS=32 VARIANTS="small 16k" bench/proxy.sh
#   PROFILE=/tmp/prof VARIANTS=small bench/proxy.sh  # then one more run of each variant under JDK Flight
#                                                    # Recorder: PROFILE/<variant>/{cpu,alloc}.svg (bench/flame.py)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../gateway/target/archway.jar}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
WARMUP=${WARMUP:-10s}
# The JVM's JIT shares the one pinned core with the event loop and needs far longer than nginx:
# measured with 3 x 10 s, the first variant of a fresh process still ran ~35 % slower.
JVM_WARMUP=${JVM_WARMUP:-60s}
ROUTES=${ROUTES:-1000}
VARIANTS=${VARIANTS:-small 16k https routes}
BACKEND_PORT=${BACKEND_PORT:-18181}
NGINX_PORT=${NGINX_PORT:-18182}
NGINX_TLS_PORT=${NGINX_TLS_PORT:-18183}
ARCHWAY_PORT=${ARCHWAY_PORT:-18184}
ARCHWAY_TLS_PORT=${ARCHWAY_TLS_PORT:-18185}
ADMIN_PORT=${ADMIN_PORT:-19914}
NCPU=$(nproc)
if [ "$NCPU" -ge 2 ]; then PIN_SUT="taskset -c 0"; PIN_GEN="taskset -c 1-$((NCPU - 1))"; else PIN_SUT=""; PIN_GEN=""; fi

for tool in java wrk nginx openssl python3 curl; do
  command -v "$tool" >/dev/null || { echo "proxy.sh: $tool not found" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "proxy.sh: $JAR not found; build it with ./mvnw -q -B -DskipTests package" >&2; exit 2; }

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# nginx workers run as an unprivileged user: they must be able to read the files they serve.
chmod 755 "$WORK"
mkdir -p "$WORK/www" "$WORK/archway" "$WORK/archway-routes"
printf 'hello, world\n' > "$WORK/www/small"
head -c 16384 /dev/zero | tr '\0' 'x' > "$WORK/www/16k"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=bench.local -days 2 \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

cat > "$WORK/backend.conf" <<CONF
worker_processes 1; daemon off; pid $WORK/backend.pid; error_log $WORK/backend-error.log;
events { worker_connections 4096; }
http {
  access_log off; keepalive_requests 1000000; keepalive_timeout 300s;
  server { listen 127.0.0.1:$BACKEND_PORT; root $WORK/www; default_type text/plain; }
}
CONF
cat > "$WORK/proxy.conf" <<CONF
worker_processes 1; daemon off; pid $WORK/proxy.pid; error_log $WORK/proxy-error.log;
events { worker_connections 4096; }
http {
  access_log off; keepalive_requests 1000000; keepalive_timeout 300s;
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 128; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    listen 127.0.0.1:$NGINX_TLS_PORT ssl;
    ssl_certificate $WORK/cert.pem; ssl_certificate_key $WORK/key.pem;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF

# Archway: one Gateway with an HTTP and an HTTPS listener, one route to the backend; for the
# "routes" variant, ROUTES - 1 more routes on the same (catch-all) host, each with its own path
# prefix and a header match, which the router has to tell apart from the measured one.
CERT=$(base64 -w0 "$WORK/cert.pem"); KEY=$(base64 -w0 "$WORK/key.pem")
archway_config() { # extra-routes
  cat <<YAML
apiVersion: v1
kind: Secret
metadata: {name: bench-tls}
type: kubernetes.io/tls
data: {tls.crt: "$CERT", tls.key: "$KEY"}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge}
spec:
  gatewayClassName: archway
  addresses: [{type: IPAddress, value: 127.0.0.1}]
  listeners:
  - {name: http, port: $ARCHWAY_PORT, protocol: HTTP}
  - {name: https, port: $ARCHWAY_TLS_PORT, protocol: HTTPS, tls: {certificateRefs: [{name: bench-tls}]}}
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
  - matches: [{path: {type: PathPrefix, value: /small}}, {path: {type: PathPrefix, value: /16k}}]
    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: backend}]
YAML
  python3 - "$1" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    print(f"""---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {{name: other-{i}}}
spec:
  parentRefs: [{{name: edge}}]
  rules:
  - matches: [{{path: {{type: PathPrefix, value: "/api/v{i % 3}/service-{i}"}}, headers: [{{name: x-tenant, value: "t{i}"}}]}}]
    backendRefs: [{{group: gateway.archway.dev, kind: Backend, name: backend}}]""")
PY
}
archway_config 0 > "$WORK/archway/config.yaml"
archway_config $((ROUTES - 1)) > "$WORK/archway-routes/config.yaml"

$PIN_SUT nginx -c "$WORK/backend.conf" -p "$WORK" & PIDS+=($!)
BACKEND_PID=$!

wait_for() { # url
  for _ in $(seq 1 300); do curl -fsk -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "proxy.sh: $1 does not answer" >&2; return 1
}
wait_for "http://127.0.0.1:$BACKEND_PORT/small"

TICK=$(getconf CLK_TCK)
cpu_ticks() { # pid: user+system ticks of the process and its threads
  awk '{print $14 + $15}' "/proc/$1/stat"
}
cpu_of() { # pid-list
  local sum=0 t
  for p in $1; do t=$(cpu_ticks "$p" 2>/dev/null || echo 0); sum=$((sum + t)); done
  echo "$sum"
}

RESULTS=()
measure() { # name variant url pids
  local before after out rps total p50 p99 cpu
  before=$(cpu_of "$4")
  out=$($PIN_GEN wrk -t 1 -c "$CONNS" -d "$DURATION" --latency "$3")
  after=$(cpu_of "$4")
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then echo "errors on $1 $3:" >&2; echo "$out" >&2; exit 1; fi
  read -r rps total p50 p99 < <(python3 -c '
import re, sys
text = sys.stdin.read()
scale = {"us": 1, "ms": 1000, "s": 1000000}
lat = {m.group(1): float(m.group(2)) * scale[m.group(3)]
       for m in re.finditer(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
total = re.search(r"(\d+) requests in", text).group(1)
print(rps, total, int(lat["50"]), int(lat["99"]))' <<<"$out")
  if [ "$4" = "-" ]; then cpu="-"; else
    cpu=$(python3 -c "print(f'{($after - $before) * 1e6 / $TICK / $total:.1f}')"); fi
  RESULTS+=("$1|$2|$rps|$p50|$p99|$cpu")
  printf '%-8s %-7s %10.0f req/s  p50 %6s us  p99 %6s us  cpu %6s us/req\n' "$1" "$2" "$rps" "$p50" "$p99" "$cpu" >&2
}
warm() { $PIN_GEN wrk -t 1 -c "$CONNS" -d "$WARMUP" "$1" >/dev/null; }

url_for() { # variant port tls-port
  case "$1" in
    small|routes) echo "http://127.0.0.1:$2/small" ;;
    16k) echo "http://127.0.0.1:$2/16k" ;;
    https) echo "https://127.0.0.1:$3/small" ;;
  esac
}

# direct: the backend alone, for the upper bound.
for v in $VARIANTS; do
  [ "$v" = https ] || [ "$v" = routes ] && continue
  warm "$(url_for "$v" "$BACKEND_PORT")"; measure direct "$v" "$(url_for "$v" "$BACKEND_PORT")" -
done

# nginx as reverse proxy.
$PIN_SUT nginx -c "$WORK/proxy.conf" -p "$WORK" & PIDS+=($!)
NGINX_PID=$!
wait_for "http://127.0.0.1:$NGINX_PORT/small"
NGINX_PIDS="$(pgrep -P "$NGINX_PID" | tr '\n' ' ')$NGINX_PID"
for v in $VARIANTS; do
  [ "$v" = routes ] && continue
  u=$(url_for "$v" "$NGINX_PORT" "$NGINX_TLS_PORT"); warm "$u"; measure nginx "$v" "$u" "$NGINX_PIDS"
done
kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true

# The JDK's "profile" settings with CPU samples every millisecond (10 ms gives too few samples of
# one event loop in a short run) and every TLAB allocation recorded, for exact allocation weights.
jfr_settings() { # output.jfc
  local java_home; java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  python3 - "$java_home/lib/jfr/profile.jfc" "$1" <<'PY'
import sys
import xml.etree.ElementTree as ET
tree = ET.parse(sys.argv[1])
for event in tree.getroot().iter("event"):
    name = event.get("name")
    for setting in event.iter("setting"):
        if name == "jdk.ExecutionSample" and setting.get("name") == "period":
            setting.text = "1 ms"
        if name in ("jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB") \
                and setting.get("name") in ("enabled", "stackTrace"):
            setting.text = "true"
tree.write(sys.argv[2])
PY
}

# Archway, one config per start (the 1,000-route config separately).
run_archway() { # config-dir variants...
  local dir=$1; shift
  $PIN_SUT java -XX:+UseParallelGC -Xms512m -Xmx512m -jar "$JAR" run -c "$dir" --admin "127.0.0.1:$ADMIN_PORT" \
    --access-log off >"$WORK/archway.log" 2>&1 & PIDS+=($!)
  local pid=$!
  wait_for "http://127.0.0.1:$ARCHWAY_PORT/small" || { tail "$WORK/archway.log" >&2; exit 1; }
  $PIN_GEN wrk -t 1 -c "$CONNS" -d "$JVM_WARMUP" "http://127.0.0.1:$ARCHWAY_PORT/small" >/dev/null
  for v in "$@"; do
    u=$(url_for "$v" "$ARCHWAY_PORT" "$ARCHWAY_TLS_PORT")
    warm "$u"
    measure archway "$v" "$u" "$pid"
  done
  # Profiles come after the measured runs, so the recorder's own cost is not in the table.
  if [ -n "${PROFILE:-}" ]; then
    jfr_settings "$WORK/bench.jfc"
    for v in "$@"; do
      mkdir -p "$PROFILE/$v"
      jcmd "$pid" JFR.start name=bench settings="$WORK/bench.jfc" filename="$PROFILE/$v/archway.jfr" >/dev/null
      $PIN_GEN wrk -t 1 -c "$CONNS" -d "$DURATION" "$(url_for "$v" "$ARCHWAY_PORT" "$ARCHWAY_TLS_PORT")" >/dev/null
      jcmd "$pid" JFR.stop name=bench >/dev/null
      python3 "$HERE/flame.py" "$PROFILE/$v/archway.jfr" "$PROFILE/$v" > "$PROFILE/$v/top.txt"
      echo "profile of archway $v: $PROFILE/$v/{cpu,alloc}.svg, top frames in $PROFILE/$v/top.txt" >&2
    done
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
plain=(); for v in $VARIANTS; do [ "$v" != routes ] && plain+=("$v"); done
[ ${#plain[@]} -gt 0 ] && run_archway "$WORK/archway" "${plain[@]}"
[[ " $VARIANTS " == *" routes "* ]] && run_archway "$WORK/archway-routes" routes

echo
printf '%-8s %-7s %10s %8s %8s %8s %10s %8s\n' proxy variant "req/s" "x-nginx" "p50 us" "p99 us" "cpu us/r" "x-nginx"
for r in "${RESULTS[@]}"; do
  IFS='|' read -r name v rps p50 p99 cpu <<<"$r"
  base=""; basecpu=""
  for n in "${RESULTS[@]}"; do
    IFS='|' read -r nn nv nrps _ _ ncpu <<<"$n"
    # The routes variant compares with nginx's small one: nginx has no 1,000-route config here.
    want=$v; [ "$v" = routes ] && want=small
    if [ "$nn" = nginx ] && [ "$nv" = "$want" ]; then base=$nrps; basecpu=$ncpu; fi
  done
  xr=$( [ -n "$base" ] && python3 -c "print(f'{$rps / $base:.2f}')" || echo -)
  xc=$( [ -n "$basecpu" ] && [ "$cpu" != - ] && python3 -c "print(f'{$cpu / $basecpu:.2f}')" || echo -)
  printf '%-8s %-7s %10.0f %8s %8s %8s %10s %8s\n' "$name" "$v" "$rps" "$xr" "$p50" "$p99" "$cpu" "$xc"
done
echo "(cpus: $NCPU, connections: $CONNS, $DURATION per run; routes: $ROUTES; cpu x-nginx: proxy CPU per request relative to nginx's)"
