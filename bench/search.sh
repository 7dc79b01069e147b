#!/usr/bin/env bash
# Full-text search: indexing speed beside uploads, and query latency on 10,000 documents.
#
# Measures, on a demo server on 127.0.0.1:
#   1. the upload rate of BENCH_BASELINE_DOCS (1,000) documents with indexing off
#      (--plenary.search.indexing=false), as the baseline;
#   2. on a fresh server with indexing on, BENCH_DOCS (10,000) documents uploaded by 8 API clients
#      (allocate + upload: real-ish English text of 2-20 KB, one in ten a .docx, BENCH_LARGE (20) of
#      3-6 MB), their upload rate, and the indexing rate: documents in the index divided by the time
#      from the first upload until the index has caught up (GET /api/v1/search/index);
#   3. GET /api/v1/search?q=<two words> under wrk -c8 (8 concurrent clients) for BENCH_SECONDS (20),
#      rotating over 1,000 two-word queries of mid-frequency words; p50 and p99.
# Goals: p99 <= 50 ms; indexing >= 20 documents/s; uploads with indexing at >= 0.8 x the baseline rate.
#
# Usage: bench/search.sh
# Environment: PLENARY_JAR, BENCH_PORT (18090), BENCH_DOCS, BENCH_BASELINE_DOCS, BENCH_LARGE,
#   BENCH_SECONDS, BENCH_CLIENTS (8), and those in bench/lib.sh.
# Exit status: 0 when every goal is met, 1 when one is not, 2 when the run itself broke.
set -euo pipefail
# shellcheck source=lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

DOCS=${BENCH_DOCS:-10000}
BASE_DOCS=${BENCH_BASELINE_DOCS:-1000}
LARGE=${BENCH_LARGE:-20}
SECONDS_=${BENCH_SECONDS:-20}
CLIENTS=${BENCH_CLIENTS:-8}

need curl curl
need jq jq
need python3 python3
need wrk wrk
resolve_jar
PORT=""
free_port PORT "${BENCH_PORT:-18090}"
P=http://127.0.0.1:$PORT

# 1. Baseline: uploads with indexing off.
start_plenary "$PORT" "$BENCH_TMP/baseline" --plenary.search.indexing=false
ALICE=$(token "$P" alice alice-demo)
CODE=$(upcoming_meeting "$P")
python3 "$BENCH_DIR/searchload.py" populate --base "$P" --meeting "$CODE" --token "$ALICE" --count 200 \
  --clients "$CLIENTS" --large 0 --seed 1 >/dev/null
log "baseline: $BASE_DOCS uploads with indexing off (after 200 unmeasured)"
python3 "$BENCH_DIR/searchload.py" populate --base "$P" --meeting "$CODE" --token "$ALICE" --count "$BASE_DOCS" \
  --clients "$CLIENTS" --large 0 --seed 2 >"$BENCH_TMP/baseline.json"
stop_plenary
BASE_RATE=$(jq -r '.documents / .seconds' "$BENCH_TMP/baseline.json")

# 2. Uploads with indexing on, and the indexing rate.
start_plenary "$PORT" "$BENCH_TMP/plenary"
ALICE=$(token "$P" alice alice-demo)
TSB=$(token "$P" tsb tsb-demo)
CODE=$(upcoming_meeting "$P")
python3 "$BENCH_DIR/searchload.py" populate --base "$P" --meeting "$CODE" --token "$ALICE" --count 200 \
  --clients "$CLIENTS" --large 0 --seed 1 >/dev/null
wait_quiet "$PLENARY_PID"
BEFORE=$(curl -sf -H "Authorization: Bearer $TSB" "$P/api/v1/search/index" | jq -r '.documents')
log "uploading $DOCS documents ($LARGE of several MB) with $CLIENTS clients; indexing runs beside"
START=$(date +%s.%N)
python3 "$BENCH_DIR/searchload.py" populate --base "$P" --meeting "$CODE" --token "$ALICE" --count "$DOCS" \
  --clients "$CLIENTS" --large "$LARGE" --seed 16 >"$BENCH_TMP/populate.json"
UP_RATE=$(jq -r '.documents / .seconds' "$BENCH_TMP/populate.json")
ERRORS=$(jq -r '.errors' "$BENCH_TMP/populate.json")
MB=$(jq -r '.bytes / 1048576 | floor' "$BENCH_TMP/populate.json")
log "uploaded $(jq -r .documents "$BENCH_TMP/populate.json") documents ($MB MB, $ERRORS errors) at $(fmt 1 "$UP_RATE")/s"
TARGET=$((BEFORE + DOCS - ERRORS))
for i in $(seq 1 1200); do
  STATUS=$(curl -sf -H "Authorization: Bearer $TSB" "$P/api/v1/search/index")
  N=$(jq -r '.documents' <<<"$STATUS")
  PENDING=$(jq -r '.pending' <<<"$STATUS")
  if [ "$N" -ge "$TARGET" ] && [ "$PENDING" -eq 0 ]; then
    break
  fi
  sleep 0.5
done
END=$(date +%s.%N)
[ "$N" -ge "$TARGET" ] || die "the index holds $N documents, expected $TARGET (status: $STATUS)"
INDEX_RATE=$(calc "($N - $BEFORE) / ($END - $START)")
log "index caught up: $N documents; $(fmt 1 "$INDEX_RATE") documents/s from the first upload"
INDEX_DIR_MB=$(( $(du -sk "$BENCH_TMP/plenary/demo/search" | cut -f1) / 1024 ))

# 3. Two-word queries under 8 concurrent clients.
wait_quiet "$PLENARY_PID"
search_queries "$BENCH_TMP"
HITS=$(curl -sf "$P/api/v1/search?q=$(head -n 1 "$BENCH_TMP/queries.txt")" | jq -r '.total')
log "first query '$(head -n 1 "$BENCH_TMP/queries.txt")' finds $HITS documents"
wrk -t2 -c"$CLIENTS" -d5s -s "$BENCH_TMP/queries.lua" "$P" >/dev/null 2>&1 || true
wrk -t2 -c"$CLIENTS" -d"${SECONDS_}s" --latency -s "$BENCH_TMP/queries.lua" "$P" >"$BENCH_TMP/wrk.txt" 2>&1
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 } else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } }'; }
P50=$(ms "$(awk '$1 == "50%" { print $2 }' "$BENCH_TMP/wrk.txt")")
P99=$(ms "$(awk '$1 == "99%" { print $2 }' "$BENCH_TMP/wrk.txt")")
RPS=$(awk '/Requests\/sec/ { print $2 }' "$BENCH_TMP/wrk.txt")
NON2XX=$(awk '/Non-2xx/ { print $NF }' "$BENCH_TMP/wrk.txt")
stop_plenary

RATIO=$(calc "$UP_RATE / $BASE_RATE")
V1=$(verdict "$P99" "<=" 50)
V2=$(verdict "$INDEX_RATE" ">=" 20)
V3=$(verdict "$RATIO" ">=" 0.8)
printf '\nsearch benchmark (%s documents, %s MB of files, index %s MB on disk)\n' "$N" "$MB" "$INDEX_DIR_MB"
printf '  two-word queries, 8 clients, %ss: p50 %s ms, p99 %s ms, %s requests/s%s   goal p99 <= 50 ms: %s\n' \
  "$SECONDS_" "$(fmt 1 "$P50")" "$(fmt 1 "$P99")" "$RPS" "${NON2XX:+, $NON2XX non-2xx}" "$V1"
printf '  indexing: %s documents/s (first upload to index caught up)                 goal >= 20/s: %s\n' \
  "$(fmt 1 "$INDEX_RATE")" "$V2"
printf '  uploads: %s/s with indexing, %s/s without (ratio %s)                 goal >= 0.8: %s\n' \
  "$(fmt 1 "$UP_RATE")" "$(fmt 1 "$BASE_RATE")" "$(fmt 2 "$RATIO")" "$V3"
[ "$V1" = PASS ] && [ "$V2" = PASS ] && [ "$V3" = PASS ] || exit 1
