#!/usr/bin/env bash
# Whole-server benchmark: wrk, 64 connections, on loopback, against the demo store.
# The threat list as an analyst (btp.analyst, first page of 50) against /healthz as the
# ceiling of the HTTP stack itself. Each is run RUNS times; the medians are printed.
#   bash bench/http.sh            (after `make bench` or a release build)
# Env: ROCTA_BIN (default build/release/src/cli/rocta), DURATION (s, default 10), RUNS (3).
set -euo pipefail
cd "$(dirname "$0")/.."
ROCTA_BIN=${ROCTA_BIN:-build/release/src/cli/rocta}
DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
CONNECTIONS=64
for tool in wrk curl python3; do command -v $tool >/dev/null || { echo "bench: $tool is missing (scripts/bootstrap.sh bench)"; exit 2; }; done

tmp=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

"$ROCTA_BIN" --db "$tmp/bench.db" demo --load-only >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$ROCTA_BIN" --db "$tmp/bench.db" serve --host 127.0.0.1 --port "$port" >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"username":"btp.analyst","password":"demo-password-1"}' "http://127.0.0.1:$port/api/v1/session" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
token_for() {
  curl -sf -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo-password-1\"}" \
    "http://127.0.0.1:$port/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
total_for() {
  curl -sf -H "Authorization: Bearer $1" "http://127.0.0.1:$port/api/v1/threats?limit=1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'
}
total=$(total_for "$token")
# A frontline officer sees only plain OFFICIAL records, so their list writes no audit event:
# the difference between the two lists is the price of auditing reads of marked records.
frontline=$(token_for mps.frontline)
frontline_total=$(total_for "$frontline")

# run NAME URL [HEADER] -> "req_per_s p99_ms" (median of RUNS)
run() {
  local name=$1 url=$2 header=${3:-}
  local results=()
  for _ in $(seq "$RUNS"); do
    if [ -n "$header" ]; then out=$(wrk -t2 -c$CONNECTIONS -d"${DURATION}s" --latency -H "$header" "$url")
    else out=$(wrk -t2 -c$CONNECTIONS -d"${DURATION}s" --latency "$url"); fi
    if echo "$out" | grep -q "Non-2xx"; then echo "bench: $name answered non-2xx:"; echo "$out"; exit 1; fi
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; print v}')
    results+=("$rps $p99")
  done
  printf '%s\n' "${results[@]}" | python3 -c '
import sys, statistics
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
print(f"{statistics.median(r[0] for r in rows):.0f} {statistics.median(r[1] for r in rows):.2f}")'
}

echo "Rocta HTTP benchmark: wrk -t2 -c$CONNECTIONS -d${DURATION}s, median of $RUNS runs, $(nproc) cores"
read -r h_rps h_p99 < <(run healthz "http://127.0.0.1:$port/healthz")
read -r t_rps t_p99 < <(run threats "http://127.0.0.1:$port/api/v1/threats" "Authorization: Bearer $token")
read -r f_rps f_p99 < <(run frontline "http://127.0.0.1:$port/api/v1/threats" "Authorization: Bearer $frontline")
printf '%-58s %10s %10s\n' "endpoint" "req/s" "p99 ms"
printf '%-58s %10s %10s\n' "GET /healthz (ceiling)" "$h_rps" "$h_p99"
printf '%-58s %10s %10s\n' "GET /api/v1/threats as btp.analyst (50 of $total)" "$t_rps" "$t_p99"
printf '%-58s %10s %10s\n' "  same, as mps.frontline (50 of $frontline_total, unaudited)" "$f_rps" "$f_p99"
python3 -c "print(f'threat list / healthz throughput: {$t_rps/$h_rps:.2f}')"
echo "reproduce: bash bench/http.sh   (DURATION=$DURATION RUNS=$RUNS)"
