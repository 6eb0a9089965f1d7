#!/usr/bin/env bash
# Pairwise precision, recall and F1 of `rocta match dedupe` on every benchmark data set
# with ground truth in ../shared/benchdata (see its README). Truth columns (cluster,
# rec_id) are never given to the matcher: only the evaluator reads them.
# Usage: bench/match_accuracy.sh [PATH/TO/rocta] [BENCHDATA_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rocta=${1:-$here/build/release/src/cli/rocta}
data=${2:-$(cd "$here/.." && pwd)/shared/benchdata}
[ -x "$rocta" ] || { echo "no rocta binary at $rocta (cmake --preset release && cmake --build --preset release --target rocta)" >&2; exit 2; }
[ -d "$data" ] || { echo "no benchmark data at $data" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# evaluate TRUTH.csv(id,entity,source) CLUSTERS.csv(id,cluster) [cross]
evaluate() { awk -F, -v cross="${3:-}" -f "$here/bench/pairwise.awk" "$1" "$2"; }

febrl_roles=(--id rec_id --field given_name=given_name --field surname=surname
             --field address=street_number --field address=address_1 --field address=address_2
             --field address=suburb --field postcode=postcode --field dob=date_of_birth --field id_number=soc_sec_id)
fake_roles=(--id unique_id --field given_name=first_name --field surname=surname --field dob=dob
            --field address=city --field email=email)

# FEBRL truth: rec-N-org and rec-N-dup-K are person N; source "a" for org, "b" for dup.
febrl_truth() { sed 's/, /,/g' "$1" | awk -F, 'NR > 1 { split($1, p, "-"); print $1 "," p[2] "," (p[3] == "org" ? "a" : "b") }' | sed '1i id,entity,source'; }
fake_truth() { awk -F, 'NR > 1 { print $1 "," $NF ",x" }' "$1" | sed '1i id,entity,source'; }

printf "%-11s %7s %10s %10s %10s %9s %9s %9s %7s\n" dataset records predicted true correct precision recall F1 seconds
run() {  # run NAME INPUT TRUTH [cross] -- ROLES…
  local name=$1 input=$2 truth=$3 cross=$4; shift 5
  local start end
  start=$(date +%s.%N)
  "$rocta" match dedupe --input "$input" "$@" --out "$tmp/$name.clusters.csv" >"$tmp/$name.log"
  end=$(date +%s.%N)
  read -r pp tt tp p r f < <(evaluate "$truth" "$tmp/$name.clusters.csv" "$cross")
  printf "%-11s %7d %10d %10d %10d %9s %9s %9s %7.2f\n" "$name" "$(($(wc -l <"$input") - 1))" "$pp" "$tt" "$tp" "$p" "$r" "$f" "$(echo "$end - $start" | bc)"
}

for set in fake_1000 fake_20000; do
  fake_truth "$data/$set/$set.csv" >"$tmp/$set.truth.csv"
  run "$set" "$data/$set/$set.csv" "$tmp/$set.truth.csv" "" -- "${fake_roles[@]}"
done
for n in 1 2 3; do
  febrl_truth "$data/febrl$n/dataset$n.csv" >"$tmp/febrl$n.truth.csv"
  run "febrl$n" "$data/febrl$n/dataset$n.csv" "$tmp/febrl$n.truth.csv" "" -- "${febrl_roles[@]}"
done
# FEBRL4 is a link task: both files as one input, only cross-file pairs counted.
{ cat "$data/febrl4/dataset4a.csv"; tail -n +2 "$data/febrl4/dataset4b.csv"; } >"$tmp/febrl4.csv"
febrl_truth "$tmp/febrl4.csv" >"$tmp/febrl4.truth.csv"
run febrl4 "$tmp/febrl4.csv" "$tmp/febrl4.truth.csv" cross -- "${febrl_roles[@]}"

echo
echo "command per data set: $rocta match dedupe --input FILE ROLES… --out clusters.csv"
echo "  fake_*: ${fake_roles[*]}"
echo "  febrl*: ${febrl_roles[*]}"
