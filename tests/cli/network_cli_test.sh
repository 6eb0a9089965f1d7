#!/usr/bin/env bash
# `rocta network` as a script would use it, on the demo region: two readers see different
# networks (the hidden line only signalled), paths, exports, errors as exit codes, and each
# answer on the audit trail.
# Usage: network_cli_test.sh PATH/TO/rocta
set -uo pipefail
ROCTA=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/checks.sh"
db="$tmp/rocta.db"
R() { "$ROCTA" --db "$db" "$@"; }

R demo --load-only >"$tmp/out" 2>&1; check "demo loads" 0 $?

R network show --as mps.bcu.analyst --region >"$tmp/analyst.json" 2>"$tmp/err"; check "region as the analyst" 0 $?
R network show --as mps.siu --region >"$tmp/siu.json" 2>"$tmp/err"; check "region as the SIU officer" 0 $?
# The analyst sees fewer records than the SIU officer, none of those only the SIU sees, and
# signals name only records the analyst is not shown.
python3 - "$tmp/analyst.json" "$tmp/siu.json" >"$tmp/cmp" 2>&1 <<'PY'
import json, sys
a, s = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda n: (n["kind"], n["id"])
an, sn = {key(n) for n in a["nodes"]}, {key(n) for n in s["nodes"]}
assert len(an) < len(sn), (len(an), len(sn))
assert a["signals"], "the analyst gets signals"
for sig in a["signals"]:
    assert (sig["record_kind"], sig["record_id"]) not in an, sig
    assert (sig["near"]["kind"], sig["near"]["id"]) in an, sig
held = sn - an
assert any((sig["record_kind"], sig["record_id"]) in held for sig in a["signals"]), "a record only the SIU sees is signalled"
for l in a["links"]:
    assert (l["from"]["kind"], l["from"]["id"]) in an and (l["to"]["kind"], l["to"]["id"]) in an
# A threat with the most links, and a link between two nominals, for the steps below.
threat = max((n for n in a["nodes"] if n["kind"] == "threat"), key=lambda n: n["degree"])
pair = next(l for l in a["links"] if l["from"]["kind"] == "nominal" and l["to"]["kind"] == "nominal")
print(threat["id"], pair["from"]["id"], pair["to"]["id"])
PY
check "the analyst's network holds no hidden record" 0 $?
read -r threat from to <"$tmp/cmp"

R network show --as mps.bcu.analyst --threat "$threat" --format csv >"$tmp/players.csv" 2>"$tmp/err"; check "around a threat, csv" 0 $?
contains "csv header" "$tmp/players.csv" "kind,id,reference,label,owner,degree,betweenness,pagerank,community,holds_together"
contains "summary on stderr" "$tmp/err" "records,"
R network show --as mps.bcu.analyst --threat "$threat" --hops 1 --relation member --as-at 2025-12-31 >"$tmp/out" 2>&1
check "filtered by relation and date" 0 $?

R network paths --as mps.bcu.analyst --from "nominal:$from" --to "nominal:$to" --limit 3 >"$tmp/paths.json" 2>"$tmp/err"
check "paths" 0 $?
same "linked nominals are one link apart" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["length"])' "$tmp/paths.json")" 1
R network paths --as mps.bcu.analyst --from "nominal:$from" --to "nominal:$to" --format csv >"$tmp/paths.csv" 2>&1
contains "paths csv" "$tmp/paths.csv" "path,step,kind,id,reference,label,owner"

R network export --as mps.bcu.analyst --threat "$threat" --format graphml --out "$tmp/net.graphml" >"$tmp/out" 2>&1
check "export graphml" 0 $?
contains "graphml written" "$tmp/net.graphml" "<graphml"
R network export --as mps.bcu.analyst --threat "$threat" --format csv >"$tmp/net.csv" 2>&1; check "export csv" 0 $?
contains "export csv header" "$tmp/net.csv" "from_kind,from_reference"

R network show --as mps.bcu.analyst --threat 99999999 >"$tmp/out" 2>&1; check "unknown threat" 3 $?
R network show --as mps.bcu.analyst --threat "$threat" --hops 9 >"$tmp/out" 2>&1; check "hops out of range" 2 $?
R network show --as mps.bcu.analyst >"$tmp/out" 2>&1; check "around nothing" 2 $?
R network show --as mps.bcu.analyst --threat "$threat" --region >"$tmp/out" 2>&1; check "around two things" 2 $?
R network paths --as mps.bcu.analyst --from "nominal:x" --to "nominal:$to" >"$tmp/out" 2>&1; check "bad record" 2 $?
R network show --as nobody --region >"$tmp/out" 2>&1; check "unknown user" 3 $?
R network changes --as mps.bcu.analyst --threat "$threat" --disruption 99999999 >"$tmp/out" 2>&1; check "unknown disruption" 3 $?

# Each answer is on the audit trail, as the API's are.
R audit verify >"$tmp/out" 2>&1; check "audit chain intact" 0 $?
same "network answers audited" "$(sqlite3 "$db" "SELECT count(*) FROM audit_events WHERE action IN ('network.read','network.paths','network.export')")" 8

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
