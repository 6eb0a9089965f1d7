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
"$ROCTA" --db "$db" tasks list --as ana >"$tmp/out" 2>&1; check "tasks list" 0 $?
"$ROCTA" --db "$db" plans coverage --as ana >"$tmp/out" 2>&1; check "plans coverage" 0 $?
contains "coverage figures" "$tmp/out" "by_crime_type"
"$ROCTA" --db "$db" tasks list --as nobody >"$tmp/out" 2>&1; check "tasks list as an unknown user" 3 $?
"$ROCTA" --db "$db" threats list --as ana --format json --master-list >"$tmp/list.json" 2>&1; check "master list json" 0 $?
"$ROCTA" --db "$db" threats list --as nobody >"$tmp/out" 2>&1; check "threats list unknown user" 3 $?

# --area: only threats with a place in that loaded area; an unknown area is a usage error.
cat >"$tmp/bcus.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"code": "C1", "name": "Central"}, "geometry": {"type": "Polygon", "coordinates": [[[-0.15, 51.49], [-0.10, 51.49], [-0.10, 51.52], [-0.15, 51.52], [-0.15, 51.49]]]}},
 {"type": "Feature", "properties": {"code": "O1", "name": "Outer"}, "geometry": {"type": "Polygon", "coordinates": [[[-0.05, 51.49], [0.0, 51.49], [0.0, 51.52], [-0.05, 51.52], [-0.05, 51.49]]]}}]}
JSON
"$ROCTA" --db "$db" places load "$tmp/bcus.geojson" --kind bcu >"$tmp/out" 2>&1; check "places load" 0 $?
central=$(sqlite3 "$db" "SELECT id FROM areas WHERE code = 'C1'")
outer=$(sqlite3 "$db" "SELECT id FROM areas WHERE code = 'O1'")
# A place on OCG One in Central (530000, 180000 on the grid); the CLI has no command to draw one.
sqlite3 "$db" "INSERT INTO places(record_kind, record_id, label, shape, geometry, geojson, min_x, min_y, max_x, max_y, created_by, created_at)
  SELECT 'threat', id, 'Lock-up', 'point', '{\"type\":\"Point\",\"coordinates\":[530000,180000]}', '{}', 530000, 180000, 530000, 180000, 1, '2026-01-01'
  FROM threats WHERE reference = 'MPS-OCG-900001';
  INSERT INTO places_rtree(id, min_x, max_x, min_y, max_y) VALUES (last_insert_rowid(), 530000, 530000, 180000, 180000);"
"$ROCTA" --db "$db" threats list --as ana --area "$central" >"$tmp/list.csv" 2>&1; check "threats list in an area" 0 $?
contains "threat placed in the area is listed" "$tmp/list.csv" "MPS-OCG-900001,MPS,OCG One"
"$ROCTA" --db "$db" threats list --as ana --area "$outer" >"$tmp/list.csv" 2>&1; check "threats list in another area" 0 $?
[ "$(wc -l <"$tmp/list.csv")" = 1 ]; check "no threat in the other area, only the header" 0 $?
"$ROCTA" --db "$db" threats list --as ana --area 999999 >"$tmp/out" 2>&1; check "threats list in an unknown area" 2 $?
contains "unknown area message" "$tmp/out" "no area 999999"
"$ROCTA" --db "$db" threats list --as ana --area zero >"$tmp/out" 2>&1; check "threats list with a bad area" 2 $?

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


# The national extract in and out, and the SOC figures.
x="$tmp/x.db"
cat >"$tmp/threats.csv" <<'CSV'
Reference,Owning agency,Threat type,Type,Moderation status,SOC,Tier,Phase,Primary crime type,County lines,Local note
BTP-OCG-000001,BTP,OCG,Tactical,Moderated,SOC,Tier 2,Active,Drug supply,Yes,kept as an extra
BTP-OCG-000002,BTP,OCG,Tactical,Moderated,SOC,Tier 5,Active,Drug supply,No,
BTP-OCG-000003,BTP,OCG,Tactical,Moderated,SOC,Tier 3,Closed - dismantled,Drug supply,No,
CSV
printf 'Reference,Threat reference,Recording agency,Disruption type,Record date,4P category,Assessment Category,Threat category\r\nD1,BTP-OCG-000001,BTP,Lead Disruption,2022-01-10,Pursue,Major,Drug supply\r\nD2,BTP-OCG-000001,BTP,Supporting Disruption,2022-01-10,Pursue,Minor,Drug supply\r\nD3,BTP-OCG-000001,BTP,Lead Disruption,2021-03-10,Protect,Minor,Drug supply\r\n' >"$tmp/disruptions.csv"
printf 'Reference,Threat reference,Recording agency,Disruption type,Record date,4P category,Assessment Category,Threat category\nE1,BTP-OCG-000001,BTP,Lead Disruption,2022-01-10,Pursue,Major,Drug supply\nE2,BTP-OCG-000001,XYZ,Lead Disruption,2022-01-10,Pursue,Major,Drug supply\n' >"$tmp/bad.csv"
"$ROCTA" --db "$x" import apmis --threats "$tmp/threats.csv" --disruptions "$tmp/bad.csv" >"$tmp/out" 2>&1; check "bad extract refused" 2 $?
contains "bad extract names file and line" "$tmp/out" "bad.csv:3: unknown agency 'XYZ'"
contains "bad extract applies nothing" "$tmp/out" "Nothing was imported"
"$ROCTA" --db "$x" import apmis >"$tmp/out" 2>&1; check "import with no files" 2 $?
"$ROCTA" --db "$x" import apmis --threats "$tmp/threats.csv" --disruptions "$tmp/disruptions.csv" >"$tmp/out" 2>&1; check "import extract" 0 $?
contains "import counts" "$tmp/out" "threats 3 new"
"$ROCTA" --db "$x" import apmis --threats "$tmp/threats.csv" --disruptions "$tmp/disruptions.csv" >"$tmp/out" 2>&1; check "reimport" 0 $?
contains "reimport changes nothing" "$tmp/out" "threats 0 new, 0 updated, 3 unchanged; disruptions 0 new, 0 updated, 3 unchanged"
"$ROCTA" --db "$x" report soc --year-ending 2022-06-30 >"$tmp/soc.json" 2>"$tmp/err"; check "report json" 0 $?
python3 - "$tmp/soc.json" <<'PY' >"$tmp/out" 2>&1; check "report figures" 0 $?
import json, sys
j = json.load(open(sys.argv[1]))
assert j["threats"]["national_total"] == 1, j
assert j["threats"]["by_agency"]["BTP"]["county_lines"]["total"] == 1, j
d = j["disruptions"]["by_agency"]["BTP"]
assert (d["total"], d["previous_year"], d["by_4p_pct"]["Pursue"]) == (1, 1, 100.0), d
PY
"$ROCTA" --db "$x" report soc --year-ending 2022-06-30 --no-filter tier5 --no-filter closed --format csv >"$tmp/out" 2>&1; check "report csv" 0 $?
contains "filters off count more" "$tmp/out" "threats,,national_total,,3"
"$ROCTA" --db "$x" report soc --year-ending 2022-06-30 --format html --out "$tmp/soc.html" >"$tmp/out" 2>&1; check "report html" 0 $?
contains "printable page" "$tmp/soc.html" "<svg"
"$ROCTA" --db "$x" report soc --year-ending 2022-02-30 >"$tmp/out" 2>&1; check "report bad date" 2 $?
"$ROCTA" --db "$x" report soc --year-ending 2022-06-30 --no-filter colour >"$tmp/out" 2>&1; check "report unknown filter" 2 $?
"$ROCTA" --db "$x" report soc --year-ending 2022-06-30 --as-of 2022-06-30 >"$tmp/past.json" 2>"$tmp/err"; check "report as of a day" 0 $?
python3 - "$tmp/past.json" <<'PY' >"$tmp/out" 2>&1; check "report as of a day before the import counts nothing" 0 $?
import json, sys
j = json.load(open(sys.argv[1]))
assert j["as_of"] == "2022-06-30", j
assert j["threats"]["national_total"] == 0, j
PY
"$ROCTA" --db "$x" report soc --year-ending 2022-06-30 --as-of 2099-12-31 >"$tmp/later.json" 2>"$tmp/err"; check "report as of a later day" 0 $?
python3 - "$tmp/later.json" "$tmp/soc.json" <<'PY' >"$tmp/out" 2>&1; check "report as of later equals now" 0 $?
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a["threats"] == b["threats"] and a["disruptions"] == b["disruptions"], (a, b)
PY
"$ROCTA" --db "$x" report soc --year-ending 2022-06-30 --as-of 2022-02-30 >"$tmp/out" 2>&1; check "report as of a bad date" 2 $?
"$ROCTA" --db "$x" export apmis --out "$tmp/extract" >"$tmp/out" 2>&1; check "export extract" 0 $?
contains "export says what it left out" "$tmp/out" "Nothing was left out"
contains "export notes file" "$tmp/extract/left-out.txt" "Nothing was left out"
"$ROCTA" --db "$tmp/y.db" import apmis --threats "$tmp/extract/threats.csv" --disruptions "$tmp/extract/disruptions.csv" >"$tmp/out" 2>&1
check "import the export" 0 $?
"$ROCTA" --db "$tmp/y.db" report soc --year-ending 2022-06-30 >"$tmp/soc2.json" 2>&1; check "report after round trip" 0 $?
cmp -s "$tmp/soc.json" "$tmp/soc2.json"; check "round trip gives the same report" 0 $?
"$ROCTA" --db "$x" audit verify >"$tmp/out" 2>&1; check "imports are audited in the chain" 0 $?

printf 'Reference,Owning agency,Threat type,Type,Moderation status,SOC,Tier,Phase,Primary crime type,County lines,MoRiLE score\nBTP-OCG-000009,BTP,OCG,Tactical,Moderated,SOC,Tier 4,Active,Drug supply,No,95.0\n' >"$tmp/tiers.csv"
"$ROCTA" --db "$tmp/t.db" import apmis --threats "$tmp/tiers.csv" >"$tmp/out" 2>&1; check "import with a tier its score disagrees with" 0 $?
contains "import flags tier and score" "$tmp/out" "BTP-OCG-000009: Tier 4 but score 95.0 is Tier 3 under model 1"

# Sharing agreements and their subjects; the capability report as a partner sees it.
"$ROCTA" --db "$db" unit add --agency HMRC --name "HMRC FIS" --kind "partner team" >"$tmp/out" 2>&1; check "partner unit" 0 $?
echo "a-long-enough-password" | "$ROCTA" --db "$db" user add hmrc.hal --name "Hal" --agency HMRC --unit "HMRC FIS" --role partner >"$tmp/out" 2>&1
check "partner user" 0 $?
"$ROCTA" --db "$db" report capability --as hmrc.hal >"$tmp/out" 2>&1; check "partner without an agreement refused" 4 $?
"$ROCTA" --db "$db" sharing create --giver MPS --receiver HMRC --purpose "Joint fraud work" --subjects capability,staffing >"$tmp/out" 2>&1
check "unknown subject refused" 2 $?
contains "unknown subject named" "$tmp/out" "staffing"
"$ROCTA" --db "$db" sharing create --giver MPS --receiver HMRC --purpose "Joint fraud work" --subjects capability --capability-of BTP >"$tmp/out" 2>&1
check "another agency's capability refused" 2 $?
contains "whose capability named" "$tmp/out" "giving agency's own"
"$ROCTA" --db "$db" sharing create --as ana --giver MPS --receiver HMRC --purpose "Joint fraud work" --subjects capability --capability-of MPS >"$tmp/out" 2>&1
check "an analyst makes no agreement" 4 $?
"$ROCTA" --db "$db" sharing create --giver MPS --receiver HMRC --purpose "Joint fraud work" --subjects records,capability --capability-of MPS >"$tmp/agreement.json" 2>&1
check "agreement with capability" 0 $?
contains "agreement lists its subjects" "$tmp/agreement.json" '"capability"'
"$ROCTA" --db "$db" report capability --as hmrc.hal --format json >"$tmp/out" 2>&1; check "partner with an agreement reads" 0 $?
"$ROCTA" --db "$db" sharing change 1 --version 1 --subjects records --capability-of "" >"$tmp/out" 2>&1; check "agreement back to records" 0 $?
"$ROCTA" --db "$db" report capability --as hmrc.hal >"$tmp/out" 2>&1; check "records only: refused again" 4 $?
"$ROCTA" --db "$db" sharing change 1 --version 1 --subjects records >"$tmp/out" 2>&1; check "stale version" 5 $?
"$ROCTA" --db "$db" sharing agreements >"$tmp/out" 2>&1; check "agreements listed" 0 $?
contains "listed agreement" "$tmp/out" '"receiver": "HMRC"'

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
