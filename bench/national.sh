#!/usr/bin/env bash
# The national-size store on SQLite and on PostgreSQL, side by side: load time of the
# threats, nominals and intelligence reports, then p50/p99 of the threat list and of the
# full-text searches as an analyst of one force (bench/national_bench.cc).
#
#   bash bench/national.sh [SCALE] [QUERIES]    SCALE 1 = 4,000 threats, 1,000,000 nominals,
#                                               2,000,000 intelligence reports; default 0.01
#
# Needs the release build (cmake --preset release && cmake --build --preset release); builds
# nothing itself. PostgreSQL runs on a private throw-away cluster (scripts/pg-test-cluster.sh:
# loopback, fsync off), so its load figure is an upper bound for a durable server.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-0.01}
QUERIES=${2:-200}
BENCH=$PWD/build/release/bench/national_bench
[ -x "$BENCH" ] || { echo "build the release first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
work=$(mktemp -d /tmp/rocta-national-bench.XXXXXX)
pg_dir=""
cleanup() {
  [ -n "$pg_dir" ] && bash scripts/pg-test-cluster.sh stop "$pg_dir" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== SQLite (scale $SCALE)"
"$BENCH" --db "$work/national.db" --scale "$SCALE" --queries "$QUERIES" | tee "$work/sqlite.txt"
echo "database file: $(( $(stat -c %s "$work/national.db") / 1048576 )) MiB"
rm -f "$work"/national.db*

echo "== PostgreSQL (scale $SCALE)"
pg_env=$(bash scripts/pg-test-cluster.sh start)
eval "$pg_env"
pg_dir=$ROCTA_TEST_PG_DIR
psql "$ROCTA_TEST_PG" -qc "CREATE DATABASE national" >/dev/null
pg_db="${ROCTA_TEST_PG%/*}/national"
# The load ends with ANALYZE (Store::analyze), on both databases.
"$BENCH" --db "$pg_db" --phase load --scale "$SCALE" | tee "$work/postgres.txt"
"$BENCH" --db "$pg_db" --phase query --queries "$QUERIES" | tee -a "$work/postgres.txt"
echo "database size: $(psql "$pg_db" -tAc "SELECT pg_database_size('national') / 1048576") MiB"

python3 - "$work/sqlite.txt" "$work/postgres.txt" <<'PY'
import sys
def read(path):
    load, query = {}, {}
    for line in open(path):
        f = line.split()
        if f[0] == "load": load[f[1]] = (int(f[2]), float(f[3]))
        elif f[0] == "query": query[f[1]] = (float(f[2]), float(f[3]), float(f[4]))
    return load, query
(sl, sq), (pl, pq) = read(sys.argv[1]), read(sys.argv[2])
print("\n| load (one transaction) | rows | SQLite s | rows/s | PostgreSQL s | rows/s |")
print("|---|---:|---:|---:|---:|---:|")
for k in ("threats", "nominals", "intelligence", "commit", "analyze", "all"):
    n, s = sl[k]; _, p = pl[k]
    rate = lambda t: f"{n / t:,.0f}" if n and t > 0 else ""
    print(f"| {k} | {n:,} | {s:.1f} | {rate(s)} | {p:.1f} | {rate(p)} |")
print("\n| as an analyst of WMP | SQLite p50 ms | p99 ms | PostgreSQL p50 ms | p99 ms | p50 SQLite/PG | mean matches |")
print("|---|---:|---:|---:|---:|---:|---:|")
for k in ("threat_list", "threat_search", "nominal_search", "intelligence_search"):
    s50, s99, m = sq[k]; p50, p99, pm = pq[k]
    print(f"| {k} | {s50:.2f} | {s99:.2f} | {p50:.2f} | {p99:.2f} | {s50 / p50:.2f} | {m:,.0f} / {pm:,.0f} |")
PY
echo "reproduce: bash bench/national.sh $SCALE $QUERIES"
