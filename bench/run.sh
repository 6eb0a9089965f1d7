#!/usr/bin/env bash
# Every benchmark: the kernels (Google Benchmark) and the whole server (wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== kernels: build/release/bench/list_bench"
build/release/bench/list_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
echo
echo "== whole server"
bash bench/http.sh
