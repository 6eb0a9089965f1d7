#!/usr/bin/env bash
# Runs every test: the C++ suites (ctest, sanitizers on) on SQLite and, as the "pg." tests,
# on a private PostgreSQL 15 cluster started here and removed at the end whatever happens;
# then the browser end-to-end test.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

echo "== PostgreSQL test cluster"
# Assigned first, so that a failed start stops the script (an `eval "$(…)"` would not).
pg_env=$(bash scripts/pg-test-cluster.sh start)
eval "$pg_env"
trap 'bash scripts/pg-test-cluster.sh stop "$ROCTA_TEST_PG_DIR"' EXIT
trap 'exit 130' INT TERM

ctest --preset debug
echo "== end-to-end (web UI in headless Chromium)"
ROCTA_BIN="$PWD/build/debug/src/cli/rocta" ROCTA_WEB_ROOT="$PWD/web/dist" node --test tests/e2e/
