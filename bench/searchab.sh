#!/usr/bin/env bash
# Two-word query latency of two builds on the same 10,000 documents, alternating (an A/B).
#
# bench/search.sh measures one build from an empty demo (about 12 minutes, most of it uploading and
# indexing). This script populates once and then restarts the server on the same data with each jar
# in turn: the demo runs on a PostgreSQL database (a demo on an external database keeps its register
# and documents across starts) with --plenary.search.reset-on-start=false, so the index is kept too.
#   1. unless BENCH_AB_DATA already holds a populated demo: BENCH_DOCS (10,000) documents uploaded by
#      8 API clients as bench/search.sh does (BENCH_LARGE (20) of 3-6 MB), then waits for the index;
#   2. BENCH_AB_ROUNDS (2) rounds of: jar A, then jar B, each started on that data, 10 s of warm-up,
#      then GET /api/v1/search?q=<two words> under wrk -c8 for BENCH_SECONDS (20) s; one line each
#      with p50, p99, requests/s, the server's CPU time per query (from /proc: what the load disturbs
#      least), its young collections and the load average before and after.
# BENCH_AB_JFR=1 records a Java Flight Recorder profile of every measured run beside the data.
# BENCH_AB_INDEX_APART=1 gives each build an index of its own (for builds of different index layouts,
# which would otherwise rebuild the shared index at every start); each builds it at its first start.
#
# Usage: bench/searchab.sh A.jar B.jar
# Environment: BENCH_PG_URL (jdbc:postgresql://127.0.0.1:5432/plenary_searchab; the database must
#   exist), BENCH_PG_USER (postgres), BENCH_AB_DATA (a folder kept between runs; default
#   ${TMPDIR:-/tmp}/plenary-searchab), BENCH_PORT (18090), and those in bench/lib.sh.
set -euo pipefail
# shellcheck source=lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

[ $# = 2 ] || die "usage: bench/searchab.sh A.jar B.jar"
JAR_A=$1 JAR_B=$2
DOCS=${BENCH_DOCS:-10000}
LARGE=${BENCH_LARGE:-20}
SECONDS_=${BENCH_SECONDS:-20}
ROUNDS=${BENCH_AB_ROUNDS:-2}
PG_URL=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/plenary_searchab}
PG_USER=${BENCH_PG_USER:-postgres}
DATA=${BENCH_AB_DATA:-${TMPDIR:-/tmp}/plenary-searchab}
need curl curl
need jq jq
need python3 python3
need wrk wrk
use_java_25
PORT=""
free_port PORT "${BENCH_PORT:-18090}"
P=http://127.0.0.1:$PORT
mkdir -p "$DATA"

# start_on_data JAR [A|B]: with BENCH_AB_INDEX_APART=1, each build keeps its own index (search-A, search-B).
start_on_data() {
  JAR=$1
  local index=()
  if [ "${BENCH_AB_INDEX_APART:-0}" = 1 ] && [ -n "${2:-}" ]; then
    index=(--plenary.search.index-dir="$DATA/search-$2")
  fi
  start_plenary "$PORT" "$DATA" --spring.datasource.url="$PG_URL" --spring.datasource.username="$PG_USER" \
    --plenary.search.reset-on-start=false --plenary.ftp.enabled=false "${index[@]}"
}

# wait_index TOKEN MIN: until the index holds MIN documents and none waits.
wait_index() {
  local status i
  for i in $(seq 1 1200); do
    status=$(curl -sf -H "Authorization: Bearer $1" "$P/api/v1/search/index")
    if [ "$(jq -r .pending <<<"$status")" = 0 ] && [ "$(jq -r .documents <<<"$status")" -ge "$2" ]; then
      log "index: $status"
      return 0
    fi
    sleep 2
  done
  die "the index did not catch up: $status"
}

if [ ! -f "$DATA/populated" ]; then
  start_on_data "$JAR_A"
  ALICE=$(token "$P" alice alice-demo)
  CODE=$(upcoming_meeting "$P")
  log "uploading $DOCS documents into $CODE (once; kept in $DATA and $PG_URL)"
  python3 "$BENCH_DIR/searchload.py" populate --base "$P" --meeting "$CODE" --token "$ALICE" --count "$DOCS" \
    --clients 8 --large "$LARGE" --seed 16 >"$BENCH_TMP/populate.json"
  wait_index "$(token "$P" tsb tsb-demo)" "$DOCS"
  stop_plenary
  echo "$DOCS" >"$DATA/populated"
fi
search_queries "$BENCH_TMP"

# young_collections PID: the server's young garbage collections so far (jstat reads the JVM's counters, not the JVM).
young_collections() {
  jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "YGC") c = i } NR == 2 { print $c }'
}

measure() {
  local label=$1 before after ticks requests gcs
  start_on_data "$2" "${label:0:1}"
  wait_index "$(token "$P" tsb tsb-demo)" "$(cat "$DATA/populated")"
  wait_quiet "$PLENARY_PID"
  wrk -t2 -c8 -d10s -s "$BENCH_TMP/queries.lua" "$P" >/dev/null 2>&1 || true
  if [ "${BENCH_AB_JFR:-0}" = 1 ]; then
    jcmd "$PLENARY_PID" JFR.start name=ab settings=profile filename="$DATA/$label.jfr" >/dev/null
  fi
  before=$(cut -d' ' -f1 /proc/loadavg)
  gcs=$(young_collections "$PLENARY_PID")
  ticks=$(busy_ticks "$PLENARY_PID")
  wrk -t2 -c8 -d"${SECONDS_}s" --latency -s "$BENCH_TMP/queries.lua" "$P" >"$BENCH_TMP/wrk.txt" 2>&1
  after=$(cut -d' ' -f1 /proc/loadavg)
  ticks=$(($(busy_ticks "$PLENARY_PID") - ticks))
  gcs=$(($(young_collections "$PLENARY_PID") - gcs))
  [ "${BENCH_AB_JFR:-0}" = 1 ] && jcmd "$PLENARY_PID" JFR.stop name=ab >/dev/null
  stop_plenary
  requests=$(awk '/requests in/ { print $1 }' "$BENCH_TMP/wrk.txt")
  printf '%-6s p50 %9s  p99 %9s  %8s requests/s  %5s ms CPU/query  %4s GCs  load average %s..%s\n' "$label" \
    "$(awk '$1 == "50%" { print $2 }' "$BENCH_TMP/wrk.txt")" "$(awk '$1 == "99%" { print $2 }' "$BENCH_TMP/wrk.txt")" \
    "$(awk '/Requests\/sec/ { print $2 }' "$BENCH_TMP/wrk.txt")" \
    "$(fmt 2 "$(calc "$ticks * 1000 / $(getconf CLK_TCK) / ${requests:-1}")")" "$gcs" "$before" "$after"
}

echo "two-word queries, 8 clients, ${SECONDS_} s, $(cat "$DATA/populated") documents; A=$JAR_A B=$JAR_B"
for round in $(seq 1 "$ROUNDS"); do
  measure "A$round" "$JAR_A"
  measure "B$round" "$JAR_B"
done
