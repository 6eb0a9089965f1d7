#!/usr/bin/env bash
# Speed and memory of `rocta match dedupe` on N synthetic people with known truth
# (`rocta match generate`: typos, nicknames, swapped day and month, missing values, moved
# house, placeholder dates, a hostel). Prints records/s, peak memory and pairwise F1.
# Usage: bench/match_speed.sh [N…]   (default 100000 1000000); ROCTA=path overrides the binary.
# BUSY=1 keeps one other process busy on a core for the whole run (the issue's "with another
# process busy"); RUNS=k times each size k times and prints every run (quote the median).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rocta=${ROCTA:-$here/build/release/src/cli/rocta}
[ -x "$rocta" ] || { echo "no rocta binary at $rocta (cmake --preset release && cmake --build --preset release --target rocta)" >&2; exit 2; }
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
tmp=$(mktemp -d)
busy=
trap 'rm -rf "$tmp"; [ -z "$busy" ] || kill "$busy" 2>/dev/null' EXIT
if [ "${BUSY:-0}" = 1 ]; then
  (while :; do :; done) & busy=$!
  echo "another process (pid $busy) is kept busy on one core for the whole run"
fi
roles=(--id id --field given_name=given_name --field surname=surname --field dob=dob --field sex=sex
       --field address=address --field postcode=postcode --field phone=phone --field email=email)
printf "%9s %9s %12s %13s %11s %9s %9s %9s\n" records seconds records/s "pairs/s" "peak MiB" precision recall F1
for n in "${sizes[@]}"; do
  "$rocta" match generate --records "$n" --seed 1 --out "$tmp/people.csv" >/dev/null
  awk -F, 'NR > 1 { print $1 "," $2 ",x" }' "$tmp/people.csv" | sed '1i id,entity,source' >"$tmp/truth.csv"
  for _run in $(seq "${RUNS:-1}"); do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$rocta" match dedupe --input "$tmp/people.csv" "${roles[@]}" \
      --out "$tmp/clusters.csv" >"$tmp/log"
    read -r secs kib <"$tmp/time"
    pairs=$(sed -n 's/.*(\([0-9][0-9]*\) pairs compared.*/\1/p' "$tmp/log")
    read -r _ _ _ p r f < <(awk -F, -f "$here/bench/pairwise.awk" "$tmp/truth.csv" "$tmp/clusters.csv")
    printf "%9d %9.2f %12.0f %13.0f %11.0f %9s %9s %9s\n" "$n" "$secs" "$(echo "$n / $secs" | bc -l)" \
      "$(echo "${pairs:-0} / $secs" | bc -l)" "$(echo "$kib / 1024" | bc -l)" "$p" "$r" "$f"
  done
done
echo
echo "command: $rocta match generate --records N --seed 1 --out people.csv"
echo "         $rocta match dedupe --input people.csv ${roles[*]} --out clusters.csv"
