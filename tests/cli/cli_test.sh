#!/usr/bin/env bash
# The rocta command as a script would use it: exit codes, messages, files.
# Usage: cli_test.sh PATH/TO/rocta
set -uo pipefail
ROCTA=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/checks.sh"
db="$tmp/rocta.db"

"$ROCTA" --help >"$tmp/out" 2>&1; check "help" 0 $?
contains "help lists commands" "$tmp/out" "audit"
"$ROCTA" demo --help >"$tmp/out" 2>&1; check "subcommand help" 0 $?
contains "demo help" "$tmp/out" "--port"

env -u ROCTA_DB "$ROCTA" audit verify >"$tmp/out" 2>&1; check "no database" 2 $?
contains "no database message" "$tmp/out" "ROCTA_DB"
"$ROCTA" --db "$db" frobnicate >"$tmp/out" 2>&1; check "unknown command" 2 $?

"$ROCTA" --db "$db" audit verify >"$tmp/out" 2>&1; check "new database verifies" 0 $?
contains "new database has reference data event" "$tmp/out" "intact: 1 events"
[ -f "$db" ]; check "database file created" 0 $?

ROCTA_DB="$db" "$ROCTA" unit add --agency MPS --name "MPS Headquarters" --kind headquarters >"$tmp/out" 2>&1; check "unit add via ROCTA_DB" 0 $?
"$ROCTA" --db "$db" unit add --agency NOPE --name "X" >"$tmp/out" 2>&1; check "unit for unknown agency" 2 $?
"$ROCTA" --db "$db" unit add --agency MPS --name "MPS Headquarters" >"$tmp/out" 2>&1; check "duplicate unit" 5 $?

echo "a-long-enough-password" | "$ROCTA" --db "$db" user add ana --name "Ana" --agency MPS --unit "MPS Headquarters" --role analyst --clearance SECRET >"$tmp/out" 2>&1
check "user add" 0 $?
echo "short" | "$ROCTA" --db "$db" user add bob --name "Bob" --agency MPS --unit "MPS Headquarters" --role analyst >"$tmp/out" 2>&1
check "weak password refused" 2 $?
contains "weak password message" "$tmp/out" "at least 12"
echo "a-long-enough-password" | "$ROCTA" --db "$db" user add ana --name "Ana" --agency MPS --unit "MPS Headquarters" --role analyst >"$tmp/out" 2>&1
check "duplicate user" 5 $?
echo "a-long-enough-password" | "$ROCTA" --db "$db" user add cy --name "Cy" --agency MPS --unit "MPS Headquarters" --role wizard >"$tmp/out" 2>&1
check "unknown role" 2 $?
echo "another-long-password" | "$ROCTA" --db "$db" user passwd ana >"$tmp/out" 2>&1; check "passwd" 0 $?
echo "another-long-password" | "$ROCTA" --db "$db" user passwd nobody >"$tmp/out" 2>&1; check "passwd unknown user" 3 $?

cat >"$tmp/bad.jsonl" <<'JSON'
{"kind": "threat", "record": {"name": "OCG One", "threat_type": "OCG", "marking": {"classification": "OFFICIAL", "scope": "region"}}}
{"kind": "threat", "record": {"name": "OCG Two", "threat_type": "Gang", "marking": {"classification": "OFFICIAL", "scope": "region"}}}
JSON
"$ROCTA" --db "$db" import --as ana --file "$tmp/bad.jsonl" >"$tmp/out" 2>&1; check "bad import" 2 $?
contains "bad import names the line" "$tmp/out" "bad.jsonl:2"
cat >"$tmp/good.jsonl" <<'JSON'
{"kind": "threat", "record": {"reference": "MPS-OCG-900001", "name": "OCG One", "threat_type": "OCG", "marking": {"classification": "OFFICIAL", "scope": "region"}}}
{"kind": "nominal", "record": {"reference": "MPS-NOM-900001", "surname": "Example", "marking": {"classification": "OFFICIAL", "scope": "owner"}}}
{"kind": "intelligence", "record": {"reference": "MPS-INT-900001", "title": "Sighting", "body": "Seen at the station", "source_evaluation": 2, "intelligence_assessment": "C", "marking": {"classification": "SECRET", "scope": "owner"}}}
JSON
"$ROCTA" --db "$db" import --as ana --file "$tmp/good.jsonl" >"$tmp/out" 2>&1; check "good import" 0 $?
contains "good import count" "$tmp/out" "Imported 3 records; 0 already"
"$ROCTA" --db "$db" import --as ana --file "$tmp/good.jsonl" >"$tmp/out" 2>&1; check "re-import" 0 $?
contains "re-import changes nothing" "$tmp/out" "Imported 0 records; 3 already"

"$ROCTA" --db "$db" export --as ana --out "$tmp/out.jsonl" >"$tmp/out" 2>&1; check "export without purpose" 2 $?
"$ROCTA" --db "$db" export --as ana --purpose "CLI test" --out "$tmp/out.jsonl" >"$tmp/out" 2>&1; check "export" 0 $?
[ "$(wc -l <"$tmp/out.jsonl")" = 3 ]; check "export has three records" 0 $?

"$ROCTA" --db "$db" threats list --as ana --agency MPS >"$tmp/list.csv" 2>&1; check "threats list" 0 $?
contains "threats list header" "$tmp/list.csv" "Reference,Owning agency,Name"
contains "threats list row" "$tmp/list.csv" "MPS-OCG-900001,MPS,OCG One"
"$ROCTA" --db "$db" threats list --as ana --format json --master-list >"$tmp/list.json" 2>&1; check "master list json" 0 $?
"$ROCTA" --db "$db" threats list --as nobody >"$tmp/out" 2>&1; check "threats list unknown user" 3 $?

"$ROCTA" --db "$db" morile models >"$tmp/out" 2>&1; check "morile models" 0 $?
contains "default model loaded" "$tmp/out" "version 1"
python3 - "$(dirname "$0")/../../data/morile-model-v1.json" "$tmp/v2.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); m["version"] = 2; m["name"] = "CLI test model"
json.dump(m, open(sys.argv[2], "w"))
PY
"$ROCTA" --db "$db" morile load-model "$tmp/v2.json" >"$tmp/out" 2>&1; check "load model v2" 0 $?
"$ROCTA" --db "$db" morile load-model "$tmp/v2.json" >"$tmp/out" 2>&1; check "same version refused" 2 $?
contains "not newer" "$tmp/out" "not newer"
echo '{"version": 9}' >"$tmp/bad.json"
"$ROCTA" --db "$db" morile load-model "$tmp/bad.json" >"$tmp/out" 2>&1; check "bad model refused" 2 $?

"$ROCTA" --db "$db" backup --out "$tmp/backup.db" >"$tmp/out" 2>&1; check "backup" 0 $?
"$ROCTA" --db "$tmp/backup.db" audit verify >"$tmp/out" 2>&1; check "backup verifies" 0 $?

"$ROCTA" --db "$db" audit verify >"$tmp/out" 2>&1; check "verify before tampering" 0 $?
# Tamper: the schema refuses edits, so a forger must first drop the guard.
sqlite3 "$db" "DROP TRIGGER audit_no_update; UPDATE audit_events SET actor = 'someone-else' WHERE seq = 3;"
"$ROCTA" --db "$db" audit verify >"$tmp/out" 2>&1; check "verify after tampering" 8 $?
contains "names the broken link" "$tmp/out" "BROKEN at event 3"
sqlite3 "$db" "UPDATE audit_events SET actor = 'x' WHERE seq = 1" 2>/dev/null
sqlite3 "$db" "DELETE FROM audit_events WHERE seq = 2" 2>"$tmp/err"; [ $? -ne 0 ]; check "delete refused by the schema" 0 $?
contains "append-only message" "$tmp/err" "append-only"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
