#!/usr/bin/env bash
# Network analysis at national size, side by side: Rocta through app/ (policy-filtered load,
# igraph's PageRank and Louvain, paths between two nominals) and Debian's python3-igraph and
# python3-networkx on exactly the graph the analyst sees. Figures in docs/performance.md.
#   bash bench/network.sh [NODES] [EDGES]     (defaults 1000000 5000000)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
nodes=${1:-1000000}
edges=${2:-5000000}
db=${ROCTA_NETWORK_DB:-/tmp/rocta-network-$nodes-$edges.db}
out=/tmp/rocta-network-$nodes-$edges
bash "$here/scripts/bootstrap.sh" bench
cmake --preset release -DROCTA_BENCH=ON >/dev/null
cmake --build --preset release --target network_bench -j 2
"$here/build/release/bench/network_bench" --db "$db" --nodes "$nodes" --edges "$edges" --paths 200 --out "$out"
/usr/bin/python3 "$here/bench/network_compare.py" "$out" --cap "${ROCTA_NETWORKX_CAP:-600}"
