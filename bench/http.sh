#!/usr/bin/env bash
# Whole-server benchmark: wrk, 64 connections, on loopback, against the demo store, with
# nginx serving the same bytes as the ceiling of what the machine can serve.
#
# In one run: nginx serving the exact body of `GET /api/v1/threats` (as btp.analyst) from a
# file; Rocta's /healthz (its HTTP stack alone); the threat list as btp.analyst (audited
# read) and as mps.frontline (plain OFFICIAL only: no audit); a record page (the first
# listed threat, opened as btp.analyst: audited); a search page (btp.analyst: audited).
# Each is run RUNS times; the medians are printed with the ratio to nginx.
#   bash bench/http.sh            (after `make bench` or a release build)
# Env: ROCTA_BIN (default build/release/src/cli/rocta), DURATION (s, default 10), RUNS (3),
#      ROCTA_DB (a store to serve instead of a fresh demo SQLite file; any --db value).
set -euo pipefail
cd "$(dirname "$0")/.."
ROCTA_BIN=${ROCTA_BIN:-build/release/src/cli/rocta}
DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
CONNECTIONS=64
for tool in wrk curl python3 nginx; do
  command -v $tool >/dev/null || [ -x /usr/sbin/$tool ] ||
    { echo "bench: $tool is missing (scripts/bootstrap.sh bench)"; exit 2; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

tmp=$(mktemp -d)
chmod 755 "$tmp"  # nginx workers may run as another user
server=""
nginx_up=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  [ -n "$nginx_up" ] && "$NGINX" -p "$tmp/nginx" -c nginx.conf -s stop 2>/dev/null
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

DB=${ROCTA_DB:-$tmp/bench.db}
"$ROCTA_BIN" --db "$DB" demo --load-only >/dev/null
port=$(free_port)
"$ROCTA_BIN" --db "$DB" serve --host 127.0.0.1 --port "$port" >"$tmp/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
token_for() {
  curl -sf -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo-password-1\"}" \
    "$base/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
token=$(token_for btp.analyst)
# A frontline officer sees only plain OFFICIAL records, so their list writes no audit event:
# the difference between the two lists is the price of auditing reads of marked records.
frontline=$(token_for mps.frontline)
total=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/threats?limit=1" | json_field 'd["total"]')
frontline_total=$(curl -sf -H "Authorization: Bearer $frontline" "$base/api/v1/threats?limit=1" | json_field 'd["total"]')
curl -sf -H "Authorization: Bearer $token" "$base/api/v1/threats" >"$tmp/threats.json"
record_id=$(json_field 'd["items"][0]["id"]' <"$tmp/threats.json")
# A search for a word of the first listed threat's name: a real hit list, not an empty page.
word=$(json_field 'max(("".join(ch for ch in w if ch.isalnum()) for w in d["items"][0]["name"].split()), key=len).lower()' <"$tmp/threats.json")
purpose="X-Rocta-Purpose: benchmark"

# nginx serving the same bytes from a file, as a JSON answer, 2 workers (one per core).
mkdir -p "$tmp/nginx/logs" "$tmp/nginx/html/api/v1"
cp "$tmp/threats.json" "$tmp/nginx/html/api/v1/threats"
chmod -R a+rX "$tmp/nginx"
nginx_port=$(free_port)
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes $(nproc);
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/nginx/html;
    location / { default_type application/json; }
  }
}
EOF
"$NGINX" -p "$tmp/nginx" -c nginx.conf
nginx_up=1
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/api/v1/threats" >/dev/null && break; sleep 0.1; done
cmp -s "$tmp/threats.json" <(curl -sf "http://127.0.0.1:$nginx_port/api/v1/threats") ||
  { echo "bench: nginx does not serve the same bytes"; exit 1; }

# run NAME URL [HEADER...] -> "req_per_s p99_ms" (median of RUNS)
run() {
  local name=$1 url=$2
  shift 2
  local headers=() results=() out rps p99
  for h in "$@"; do headers+=(-H "$h"); done
  for _ in $(seq "$RUNS"); do
    out=$(wrk -t2 -c$CONNECTIONS -d"${DURATION}s" --latency "${headers[@]}" "$url")
    if echo "$out" | grep -q "Non-2xx"; then echo "bench: $name answered non-2xx:" >&2; echo "$out" >&2; exit 1; fi
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; print v}')
    results+=("$rps $p99")
  done
  printf '%s\n' "${results[@]}" | python3 -c '
import sys, statistics
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
print(f"{statistics.median(r[0] for r in rows):.0f} {statistics.median(r[1] for r in rows):.2f}")'
}

bytes=$(stat -c %s "$tmp/threats.json")
echo "Rocta HTTP benchmark: wrk -t2 -c$CONNECTIONS -d${DURATION}s, median of $RUNS runs, $(nproc) cores, store $DB"
read -r n_rps n_p99 < <(run nginx "http://127.0.0.1:$nginx_port/api/v1/threats")
read -r h_rps h_p99 < <(run healthz "$base/healthz")
read -r t_rps t_p99 < <(run threats "$base/api/v1/threats" "Authorization: Bearer $token")
read -r f_rps f_p99 < <(run frontline "$base/api/v1/threats" "Authorization: Bearer $frontline")
read -r r_rps r_p99 < <(run record "$base/api/v1/threats/$record_id" "Authorization: Bearer $token" "$purpose")
read -r s_rps s_p99 < <(run search "$base/api/v1/search?q=$word" "Authorization: Bearer $token")
row() { python3 -c "import sys; n,r,p,c=sys.argv[1:]; print(f'{n:<62} {float(r):>9,.0f} {float(p):>9.2f} {float(r)/float(c):>9.1%}')" "$1" "$2" "$3" "$n_rps"; }
printf '%-62s %9s %9s %9s\n' "endpoint" "req/s" "p99 ms" "of nginx"
row "nginx: the same $bytes-byte threat list from a file (ceiling)" "$n_rps" "$n_p99"
row "GET /healthz" "$h_rps" "$h_p99"
row "GET /api/v1/threats as btp.analyst (50 of $total, audited)" "$t_rps" "$t_p99"
row "  same, as mps.frontline (50 of $frontline_total, unaudited)" "$f_rps" "$f_p99"
row "GET /api/v1/threats/$record_id as btp.analyst (audited)" "$r_rps" "$r_p99"
row "GET /api/v1/search?q=$word as btp.analyst (audited)" "$s_rps" "$s_p99"
echo "audit events written: $("$ROCTA_BIN" --db "$DB" audit verify 2>/dev/null | head -1)"
echo "reproduce: bash bench/http.sh   (DURATION=$DURATION RUNS=$RUNS)"
