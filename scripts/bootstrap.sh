#!/usr/bin/env bash
# Installs what Rocta needs on Debian 12 that is not there yet. Idempotent; silent when
# nothing is missing. Usage: scripts/bootstrap.sh [build|test|demo|bench]
#   build: compiler and libraries; test: + browser for the end-to-end test, PostgreSQL
#   server for the "pg." tests;
#   demo: build + web; bench: build + wrk, and python3-igraph and python3-networkx to compare with.
set -euo pipefail
what=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)

pkgs=(build-essential cmake ninja-build ccache pkg-config git
      libboost-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libsodium-dev libssl-dev libicu-dev
      libcli11-dev libspdlog-dev libgtest-dev libgmock-dev libbenchmark-dev libigraph-dev
      libproj-dev proj-data libgdal-dev)
case "$what" in
  test)  pkgs+=(chromium sqlite3 postgresql) ;;
  bench) pkgs+=(wrk nginx-light hyperfine curl python3-igraph python3-networkx python3-scipy) ;;
esac
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm  >/dev/null 2>&1 || pkgs+=(npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The browser UI's packages, from the lock file. Skipped when node_modules matches it.
if [ -f "$here/web/package-lock.json" ]; then
  stamp="$here/web/node_modules/.lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$here/web/package-lock.json" "$stamp"; then
    echo "bootstrap: installing web packages (npm ci)"
    (cd "$here/web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$here/web/package-lock.json" "$stamp"
  fi
fi
