#!/usr/bin/env bash
# A private, throw-away PostgreSQL 15 cluster for the test suites.
#
#   eval "$(scripts/pg-test-cluster.sh start)"   # exports ROCTA_TEST_PG and ROCTA_TEST_PG_DIR
#   scripts/pg-test-cluster.sh stop "$ROCTA_TEST_PG_DIR"
#
# `start` creates a cluster in a new temporary directory, listening on 127.0.0.1 only, on a
# free port, with trust authentication for its superuser `rocta` (loopback only, test data
# only) and durability switched off for speed. It prints the two export lines on standard
# output and everything else on standard error. `stop` stops the cluster and removes its
# directory; it is safe to call twice or on a cluster that never started.
#
# PostgreSQL refuses to run as root, and CI runs as root: the cluster then belongs to the
# `postgres` system user that Debian's postgresql package creates.
set -euo pipefail

bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  if [ ! -x "$bin/initdb" ]; then
    echo "pg-test-cluster: $bin/initdb not found; install Debian's postgresql package (scripts/bootstrap.sh test)" >&2
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "pg-test-cluster: no 'postgres' user to run the server as; install Debian's postgresql package (scripts/bootstrap.sh test)" >&2
    exit 1
  fi
  local dir
  # Under /tmp when root: the postgres user must be able to reach it, and root's TMPDIR
  # may be private.
  if [ "$(id -u)" -eq 0 ]; then dir=$(mktemp -d /tmp/rocta-pg.XXXXXX); else dir=$(mktemp -d "${TMPDIR:-/tmp}/rocta-pg.XXXXXX"); fi
  # From here on a failure removes what was made, so a failed start leaves nothing behind.
  trap 'stop "$dir" >/dev/null 2>&1 || true' ERR
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  # PostgreSQL's tools want a current directory their user can read.
  cd "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U rocta --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; false; }
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
log_min_messages = warning
CONF
  # A port that looks free may be taken by someone else before the server binds it: try
  # a few.
  local port tries=0
  while :; do
    port=$((20000 + RANDOM % 20000))
    tries=$((tries + 1))
    port_in_use "$port" && continue
    if as_owner "$bin/pg_ctl" -D "$dir/data" -o "-p $port" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then break; fi
    if [ "$tries" -ge 5 ]; then
      echo "pg-test-cluster: the server did not start:" >&2
      cat "$dir/server.log" >&2 || true
      false
    fi
  done
  trap - ERR
  echo "pg-test-cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port in $dir" >&2
  echo "export ROCTA_TEST_PG='postgresql://rocta@127.0.0.1:$port/postgres'"
  echo "export ROCTA_TEST_PG_DIR='$dir'"
}

stop() {
  local dir=${1:-}
  [ -n "$dir" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
  # Only ever a directory this script made.
  case "$dir" in */rocta-pg.*) ;; *) echo "pg-test-cluster: refusing to remove '$dir'" >&2; exit 2 ;; esac
  [ -d "$dir" ] || return 0
  cd /
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
