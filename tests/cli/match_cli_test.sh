#!/usr/bin/env bash
# `rocta match …` as a script would use it: exit codes, messages, output files.
# Usage: match_cli_test.sh PATH/TO/rocta
set -uo pipefail
ROCTA=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/checks.sh"

cat >"$tmp/people.csv" <<'CSV'
ref,forename,family name,born,post code,mobile
A1,Robert,Kowalczyk,04/06/1971,E1 6AN,07700 900123
A2,Bob,Kowalczyk,1971-06-04,e16an,+44 7700 900123
A3,Roberto,Kowalczik,06/04/1971,E1 6AN,
B1,Siobhán,O'Neill,1985-11-30,SW1A 1AA,07700 900999
B2,Siobhan,ONeill,30/11/1985,SW1A1AA,07700900999
C1,"Smith, Jr",Aaronson,1990-01-01,M1 1AE,
CSV
roles=(--id ref --field given_name=forename --field surname="family name" --field dob=born
       --field postcode="post code" --field phone=mobile)

# No database needed: match works on files.
env -u ROCTA_DB "$ROCTA" match dedupe --input "$tmp/people.csv" "${roles[@]}" --out "$tmp/clusters.csv" >"$tmp/out" 2>&1
check "dedupe" 0 $?
contains "summary" "$tmp/out" "Matched 6 records"
same "header" "$(head -1 "$tmp/clusters.csv")" "id,cluster"
same "a row per input row" "$(wc -l <"$tmp/clusters.csv")" "7"
cluster_of() { awk -F, -v id="$1" '$1 == id { print $2 }' "$tmp/clusters.csv"; }
same "nickname and formats joined" "$(cluster_of A2)" "$(cluster_of A1)"
same "accents and apostrophes joined" "$(cluster_of B2)" "$(cluster_of B1)"
[ "$(cluster_of A1)" != "$(cluster_of B1)" ]; check "different people apart" 0 $?
same "a record alone is its own cluster" "$(cluster_of C1)" "C1"

"$ROCTA" match dedupe --input "$tmp/people.csv" "${roles[@]}" --out "$tmp/c2.csv" --pairs "$tmp/pairs.csv" >"$tmp/out" 2>&1
check "dedupe with pairs" 0 $?
contains "pairs header" "$tmp/pairs.csv" "id_a,id_b,probability,weight,decision,explanation"
contains "explanation names the nickname" "$tmp/pairs.csv" "given_name nickname"

"$ROCTA" match dedupe --input "$tmp/people.csv" --id ref --field shoe_size=forename --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "unknown role" 2 $?
contains "unknown role message" "$tmp/out" "unknown role 'shoe_size'"
contains "lists the roles" "$tmp/out" "given_name, surname"
"$ROCTA" match dedupe --input "$tmp/people.csv" --id ref --field surname --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "field without column" 2 $?
"$ROCTA" match dedupe --input "$tmp/people.csv" --id nope --field surname=forename --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "unknown id column" 2 $?
contains "id column named" "$tmp/out" "no column 'nope'"
"$ROCTA" match dedupe --input "$tmp/people.csv" --id ref --field surname=shoe --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "unknown field column" 2 $?
"$ROCTA" match dedupe --input "$tmp/missing.csv" --id ref --field surname=forename --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "missing input" 2 $?
contains "missing input named" "$tmp/out" "missing.csv"

"$ROCTA" match dedupe --input "$tmp/people.csv" "${roles[@]}" --out "$tmp/x.csv" --review-probability 0.9 --link-probability 0.8 >"$tmp/out" 2>&1
check "review above link refused" 2 $?
"$ROCTA" match dedupe --input "$tmp/people.csv" "${roles[@]}" --out "$tmp/x.csv" --link-probability 2 >"$tmp/out" 2>&1
check "probability out of range refused" 2 $?

printf 'ref,forename\nA1,Ann\nA2,Bea,extra\n' >"$tmp/ragged.csv"
"$ROCTA" match dedupe --input "$tmp/ragged.csv" --id ref --field given_name=forename --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "ragged row" 2 $?
contains "ragged row names file and line" "$tmp/out" "ragged.csv:3: expected 2 fields, found 3"
[ ! -e "$tmp/x.csv" ]; check "no output on bad input" 0 $?
printf 'ref,forename\nA1,"Ann\nA2,Bea\n' >"$tmp/quote.csv"
"$ROCTA" match dedupe --input "$tmp/quote.csv" --id ref --field given_name=forename --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "unterminated quote" 2 $?
contains "unterminated quote line" "$tmp/out" "unterminated quoted field starting on line 2"
: >"$tmp/empty.csv"
"$ROCTA" match dedupe --input "$tmp/empty.csv" --id ref --field given_name=forename --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "empty file" 2 $?

printf 'role,value\naddress,1 Chancery Lane\nshoe_size,9\n' >"$tmp/exclude.csv"
"$ROCTA" match dedupe --input "$tmp/people.csv" "${roles[@]}" --exclude "$tmp/exclude.csv" --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "bad exclusion list" 2 $?
contains "bad exclusion line" "$tmp/out" "exclude.csv:3"
printf 'role,value\nphone,+44 7700 900999\n' >"$tmp/exclude.csv"
"$ROCTA" match dedupe --input "$tmp/people.csv" "${roles[@]}" --exclude "$tmp/exclude.csv" --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "exclusion list" 0 $?
contains "excluded value reported" "$tmp/out" "ignored phone '07700900999' (2 records, exclusion list)"

"$ROCTA" match generate --records 500 --seed 3 --out "$tmp/gen.csv" >"$tmp/out" 2>&1
check "generate" 0 $?
same "generated rows" "$(wc -l <"$tmp/gen.csv")" "501"
"$ROCTA" match generate --records 500 --seed 3 --out "$tmp/gen2.csv" >"$tmp/out" 2>&1
cmp -s "$tmp/gen.csv" "$tmp/gen2.csv"; check "generation is deterministic" 0 $?
"$ROCTA" match dedupe --input "$tmp/gen.csv" --id id --field given_name=given_name --field surname=surname \
  --field dob=dob --field address=address --field postcode=postcode --field phone=phone --field email=email \
  --out "$tmp/gen.clusters.csv" >"$tmp/out" 2>&1
check "dedupe generated" 0 $?
same "every generated row clustered" "$(wc -l <"$tmp/gen.clusters.csv")" "501"

# Text that is not UTF-8: every such row named by file and line, nothing written.
printf 'ref,forename,family name\nA1,Zo\xc3,Smith\nA2,Zoe,Smith\nA3,Ann,Bo\xffd\n' >"$tmp/latin.csv"
"$ROCTA" match dedupe --input "$tmp/latin.csv" --id ref --field given_name=forename --field surname="family name" \
  --out "$tmp/latin.clusters.csv" >"$tmp/out" 2>&1
check "invalid UTF-8 refused" 2 $?
contains "bad row 2 named" "$tmp/out" "latin.csv:2: column 'forename' is not UTF-8 text"
contains "bad row 4 named" "$tmp/out" "latin.csv:4: column 'family name' is not UTF-8 text"
contains "bad rows counted" "$tmp/out" "2 rows refused"
[ ! -e "$tmp/latin.clusters.csv" ]; check "no output on invalid UTF-8" 0 $?
printf 'ref,forename,unused\nA1,Zoë,\xff\n' >"$tmp/unused.csv"
"$ROCTA" match dedupe --input "$tmp/unused.csv" --id ref --field given_name=forename --out "$tmp/x.csv" >"$tmp/out" 2>&1
check "a column not read is not checked" 0 $?

# Typos act on characters: a large generated file is valid UTF-8 throughout.
"$ROCTA" match generate --records 20000 --seed 5 --out "$tmp/big.csv" >"$tmp/out" 2>&1
check "generate 20000" 0 $?
iconv -f UTF-8 -t UTF-8 "$tmp/big.csv" >/dev/null 2>&1; check "generated file is valid UTF-8" 0 $?
grep -q 'Siobhán\|Zoë\|Lucía\|Chloé' "$tmp/big.csv"; check "generated file has accented names" 0 $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
