#!/usr/bin/env bash
# Registration benchmark.
# Measures (after an unmeasured warm-up round on a second meeting): 500 registrations for the demo's upcoming meeting sent at once (one client each, all
#   released together) by 500 accounts of a Sector Member; none may be lost or duplicated. Then
#   approves them and renders confirmation PDFs for BENCH_PDF_SECONDS with 8 clients.
# Goals: p99 latency <= 300 ms; >= 50 confirmation PDFs per second.
# Environment: PLENARY_JAR, BENCH_PORT (18080), BENCH_COUNT (500), BENCH_PDF_SECONDS (10).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
need curl curl
need jq jq
need python3 python3
resolve_jar
free_port PORT "${BENCH_PORT:-18080}"
BASE=http://127.0.0.1:$PORT
COUNT=${BENCH_COUNT:-500}

start_plenary "$PORT" "$BENCH_TMP/server"
admin=$(token "$BASE" tsb tsb-demo)
code=$(upcoming_meeting "$BASE")
# A second meeting, for an unmeasured warm-up round by the same people (so the JIT has compiled the path).
start=$(date -u -d '+70 days' +%F)
end=$(date -u -d '+71 days' +%F)
curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"code\":\"warmup\",\"startDate\":\"$start\",\"endDate\":\"$end\",\"venueName\":\"Geneva\",\"venueCode\":\"gva\",\"timeZone\":\"Europe/Zurich\",\"languages\":\"English\"}" \
  "$BASE/api/v1/groups/cloud/meetings" || die "could not schedule the warm-up meeting"
log "meeting $code: $COUNT registrations at once (after a warm-up round on meeting warmup)"
status=0
python3 "$BENCH_DIR/load.py" registrations --base "$BASE" --meeting "$code" --token "$admin" --count "$COUNT" \
  --pdf-seconds "${BENCH_PDF_SECONDS:-10}" --warmup-meeting warmup >"$BENCH_TMP/registrations.json" || status=1
[ -s "$BENCH_TMP/registrations.json" ] || die "the registration run produced no result"
r=$BENCH_TMP/registrations.json
p99=$(jq -r '.p99_ms' "$r")
pdf=$(jq -r '.pdf_rate' "$r")
echo
echo "=== Summary: $COUNT registrations at once, then confirmation PDFs ==="
printf '%-34s %12s %10s %s\n' measure value goal result
printf '%-34s %12s %10s %s\n' "registrations: p50 latency, ms" "$(fmt 1 "$(jq -r '.p50_ms' "$r")")" "" ""
printf '%-34s %12s %10s %s\n' "registrations: p99 latency, ms" "$(fmt 1 "$p99")" "<= 300" \
  "$(awk -v v="$p99" 'BEGIN { print (v <= 300 ? "PASS" : "FAIL") }')"
printf '%-34s %12s %10s %s\n' "registrations: none lost or doubled" "$(jq -r '.ok' "$r")" "true" \
  "$(jq -r 'if .ok then "PASS" else "FAIL" end' "$r")"
printf '%-34s %12s %10s %s\n' "confirmation PDFs per second" "$(fmt 1 "$pdf")" ">= 50" \
  "$(awk -v v="$pdf" 'BEGIN { print (v >= 50 ? "PASS" : "FAIL") }')"
awk -v v="$p99" -v p="$pdf" 'BEGIN { exit !(v <= 300 && p >= 50) }' || status=1
exit $status
