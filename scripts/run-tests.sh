#!/usr/bin/env bash
# Runs every test: the C++ suites (ctest, sanitizers on) and the browser end-to-end test.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --preset debug
echo "== end-to-end (web UI in headless Chromium)"
ROCTA_BIN="$PWD/build/debug/src/cli/rocta" ROCTA_WEB_ROOT="$PWD/web/dist" node --test tests/e2e/
