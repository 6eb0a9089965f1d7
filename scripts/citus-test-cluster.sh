#!/usr/bin/env bash
# A private, throw-away Citus cluster for the test suites and benchmarks: a coordinator and
# two workers, PostgreSQL 15 with Citus, all on loopback.
#
#   eval "$(scripts/citus-test-cluster.sh start)"   # exports ROCTA_TEST_PG and ROCTA_TEST_PG_DIR
#   scripts/citus-test-cluster.sh stop "$ROCTA_TEST_PG_DIR"
#
# The same two variables as scripts/pg-test-cluster.sh, so every "pg." test runs unchanged
# against the coordinator: ROCTA_TEST_PG names the coordinator's `postgres` database, where
# the workers are registered. A test's scratch database (tests/support/scratch_database.cc)
# sees Citus there and makes the same database, with Citus and the same workers, on every
# node. Settings as the plain cluster: trust authentication for the superuser `rocta`
# (loopback only, test data only), durability off for speed.
#
# Citus is not packaged in Debian 12. When the PostgreSQL on this machine lacks it, `start`
# builds and installs it first with the build script beside its source:
# $ROCTA_CITUS_SRC/build.sh, by default ../shared/citus next to this repository (it needs
# root, and takes several minutes once per machine).
set -euo pipefail

bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
repo=$(cd "$(dirname "$0")/.." && pwd)

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

install_citus() {
  local libdir
  libdir=$("$bin/pg_config" --pkglibdir 2>/dev/null || echo /usr/lib/postgresql/15/lib)
  [ -f "$libdir/citus.so" ] && return 0
  local src=${ROCTA_CITUS_SRC:-$repo/../shared/citus}
  if [ ! -f "$src/build.sh" ]; then
    echo "citus-test-cluster: Citus is not installed and $src/build.sh is missing (set ROCTA_CITUS_SRC)" >&2
    exit 1
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "citus-test-cluster: Citus is not installed; install it once as root: bash $src/build.sh" >&2
    exit 1
  fi
  echo "citus-test-cluster: building and installing Citus from $src (several minutes, once per machine)" >&2
  local work
  work=$(mktemp -d /tmp/rocta-citus-build.XXXXXX)
  nice bash "$src/build.sh" "$work" >&2
  rm -rf "$work"
}

# Starts one node in $dir/$name on a free port; prints the port.
start_node() {
  local dir=$1 name=$2
  as_owner "$bin/initdb" -D "$dir/$name" -U rocta --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/$name-initdb.log" 2>&1 ||
    { cat "$dir/$name-initdb.log" >&2; return 1; }
  cat >>"$dir/$name/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
shared_preload_libraries = 'citus'
max_connections = 300
max_prepared_transactions = 200
max_worker_processes = 64
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
log_min_messages = warning
# Fewer background connections between the nodes of a test cluster.
citus.max_shared_pool_size = 100
citus.max_cached_conns_per_worker = 2
CONF
  local port tries=0
  while :; do
    port=$((20000 + RANDOM % 20000))
    tries=$((tries + 1))
    port_in_use "$port" && continue
    if as_owner "$bin/pg_ctl" -D "$dir/$name" -o "-p $port" -l "$dir/$name.log" -w -t 60 start >/dev/null 2>&1; then break; fi
    if [ "$tries" -ge 5 ]; then
      echo "citus-test-cluster: node $name did not start:" >&2
      cat "$dir/$name.log" >&2 || true
      return 1
    fi
  done
  echo "$port"
}

sql() {
  "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U rocta -d postgres -c "$2" >/dev/null
}

start() {
  if [ ! -x "$bin/initdb" ]; then
    echo "citus-test-cluster: $bin/initdb not found; install Debian's postgresql package (scripts/bootstrap.sh test)" >&2
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "citus-test-cluster: no 'postgres' user to run the servers as; install Debian's postgresql package" >&2
    exit 1
  fi
  install_citus
  local dir
  if [ "$(id -u)" -eq 0 ]; then dir=$(mktemp -d /tmp/rocta-citus.XXXXXX); else dir=$(mktemp -d "${TMPDIR:-/tmp}/rocta-citus.XXXXXX"); fi
  trap 'stop "$dir" >/dev/null 2>&1 || true' ERR
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  cd "$dir"
  local coordinator worker1 worker2
  coordinator=$(start_node "$dir" coordinator)
  worker1=$(start_node "$dir" worker1)
  worker2=$(start_node "$dir" worker2)
  for port in "$coordinator" "$worker1" "$worker2"; do sql "$port" "CREATE EXTENSION citus"; done
  sql "$coordinator" "SELECT citus_set_coordinator_host('127.0.0.1', $coordinator)"
  sql "$coordinator" "SELECT citus_add_node('127.0.0.1', $worker1)"
  sql "$coordinator" "SELECT citus_add_node('127.0.0.1', $worker2)"
  trap - ERR
  echo "citus-test-cluster: Citus $("$bin/psql" -X -At -h 127.0.0.1 -p "$coordinator" -U rocta -d postgres \
    -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'") coordinator on 127.0.0.1:$coordinator," \
    "workers on :$worker1 and :$worker2, in $dir" >&2
  echo "export ROCTA_TEST_PG='postgresql://rocta@127.0.0.1:$coordinator/postgres'"
  echo "export ROCTA_TEST_PG_DIR='$dir'"
}

stop() {
  local dir=${1:-}
  [ -n "$dir" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
  # Only ever a directory this script made.
  case "$dir" in */rocta-citus.*) ;; *) echo "citus-test-cluster: refusing to remove '$dir'" >&2; exit 2 ;; esac
  [ -d "$dir" ] || return 0
  cd /
  for node in coordinator worker1 worker2; do
    if [ -f "$dir/$node/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/$node" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  done
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
