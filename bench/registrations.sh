#!/usr/bin/env bash
# Registration benchmark.
# Measures: 500 registrations for the demo's upcoming meeting sent at once (each on its own open keep-alive
#   connection, all written within a few milliseconds by one client thread) by 500 accounts of a Sector
#   Member; none may be lost or duplicated. Before it, BENCH_WARMUP_ROUNDS (20) warm-up rounds: the same
#   500 people register for as many other meetings, a burst each, so that the server has compiled the
#   path as one that has been up for days has (after one round the JIT compilers still took a third of the
#   burst's CPU); the first round's figures (a fresh server) are printed too. Then
#   approves them and renders confirmation PDFs for BENCH_PDF_SECONDS with 8 clients. Also prints the
#   server's CPU time per registration (from the burst until the server is quiet again, the mails
#   it causes included): on a shared machine a steadier figure than the latencies.
# Goals: p99 latency <= 300 ms; >= 50 confirmation PDFs per second.
# Runs on H2, then on PostgreSQL when it answers (PGHOST/PGPORT/PGUSER, scratch database plenary_bench).
# Environment: PLENARY_JAR, BENCH_PORT (18080), BENCH_FTP_PORT (BENCH_PORT + 1), BENCH_COUNT (500), BENCH_PDF_SECONDS (10), BENCH_PG (1),
#   BENCH_WARMUP_ROUNDS (20), BENCH_LAUNCHER (0: java -jar; 1: servers start through ./plenary, the README's run command),
#   PLENARY_LAUNCH_DIR (where ./plenary keeps the extracted jar and its AOT cache; default: this run's
#   temporary folder), PLENARY_TRAINING_PORT (the launcher's training run: HTTP, FTP on the next; BENCH_PORT + 40).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
need curl curl
need jq jq
need python3 python3
resolve_jar
free_port PORT "${BENCH_PORT:-18080}"
free_port FTP_PORT "${BENCH_FTP_PORT:-$((PORT + 1))}"
BASE=http://127.0.0.1:$PORT
COUNT=${BENCH_COUNT:-500}
WARMUP_ROUNDS=${BENCH_WARMUP_ROUNDS:-20}
# Servers start with java -jar, or as the README says with BENCH_LAUNCHER=1 (./plenary: extracted jar and
# AOT cache; it did not lower the CPU a registration in the runs of 4 December). The launcher prepares its
# folder once, on the first start (extraction and a training run on PLENARY_TRAINING_PORT and the next:
# that start may take minutes).
export BENCH_LAUNCHER=${BENCH_LAUNCHER:-0}
if [ "$BENCH_LAUNCHER" = 1 ]; then
  export PLENARY_LAUNCH_DIR=${PLENARY_LAUNCH_DIR:-$BENCH_TMP/launch} PLENARY_TRAINING_PORT=${PLENARY_TRAINING_PORT:-$((PORT + 40))}
  BENCH_START_TIMEOUT=${BENCH_START_TIMEOUT:-900}
fi

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
status=0

# run_one LABEL [SERVER ARGS...]: one fresh server, warm-up, the burst, approvals, PDFs -> $BENCH_TMP/LABEL.json
run_one() {
  local label=$1 admin code start end
  shift
  log "=== $label ==="
  start_plenary "$PORT" "$BENCH_TMP/$label" --plenary.ftp.port="$FTP_PORT" --plenary.ftp.address=127.0.0.1 "$@"
  admin=$(token "$BASE" tsb tsb-demo)
  code=$(upcoming_meeting "$BASE")
  # Other meetings, one for each unmeasured warm-up round by the same people (so the JIT has compiled the path).
  local warmups=() round
  start=$(date -u -d '+70 days' +%F)
  end=$(date -u -d '+71 days' +%F)
  for round in $(seq 1 "$WARMUP_ROUNDS"); do
    curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d "{\"code\":\"warmup$round\",\"startDate\":\"$start\",\"endDate\":\"$end\",\"venueName\":\"Geneva\",\"venueCode\":\"gva\",\"timeZone\":\"Europe/Zurich\",\"languages\":\"English\"}" \
      "$BASE/api/v1/groups/cloud/meetings" || die "could not schedule the warm-up meeting warmup$round"
    warmups+=(--warmup-meeting "warmup$round")
  done
  log "meeting $code: $COUNT registrations at once (after $WARMUP_ROUNDS warm-up rounds on meetings warmup1...)"
  python3 "$BENCH_DIR/load.py" registrations --base "$BASE" --meeting "$code" --token "$admin" --count "$COUNT" \
    --pdf-seconds "${BENCH_PDF_SECONDS:-10}" "${warmups[@]}" --server-pid "$PLENARY_PID" >"$BENCH_TMP/$label.json" || status=1
  [ -s "$BENCH_TMP/$label.json" ] || die "the registration run on $label produced no result"
  log "$label: $(jq -r '"p50 \(.p50_ms*10|floor/10) ms, p99 \(.p99_ms*10|floor/10) ms, server CPU \(.cpu_ms*100|floor/100) ms a registration"' "$BENCH_TMP/$label.json") (load average $(cut -d' ' -f1 /proc/loadavg))"
  [ "$WARMUP_ROUNDS" = 0 ] || log "$label, first warm-up round (a fresh server): $(jq -r '.first_round | "p50 \(.p50_ms*10|floor/10) ms, p99 \(.p99_ms*10|floor/10) ms, server CPU \(.cpu_ms*100|floor/100) ms a registration"' "$BENCH_TMP/$label.json")"
  stop_plenary
}

run_one H2
if [ "${BENCH_PG:-1}" != 0 ] && (exec 3<>"/dev/tcp/$PGHOST/$PGPORT") 2>/dev/null \
    && psql -d postgres -w -Atqc 'SELECT 1' >/dev/null 2>&1; then
  db=${BENCH_PG_DB:-plenary_bench}
  psql -d postgres -w -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  run_one PostgreSQL --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
    --spring.datasource.username="$PGUSER" --spring.datasource.password="${PGPASSWORD:-}"
  psql -d postgres -w -qc "DROP DATABASE IF EXISTS $db" >/dev/null || true
else
  log "PostgreSQL: skipped (not reachable at $PGHOST:$PGPORT as $PGUSER, or BENCH_PG=0)"
fi

echo
echo "=== Summary: $COUNT registrations at once (goal p99 <= 300 ms), then confirmation PDFs (goal >= 50/s) ==="
printf '%-12s %10s %10s %12s %12s %10s %s\n' database "p50 ms" "p99 ms" "CPU ms/reg" "none lost" "PDFs/s" result
for r in "$BENCH_TMP"/H2.json "$BENCH_TMP"/PostgreSQL.json; do
  [ -s "$r" ] || continue
  p99=$(jq -r '.p99_ms' "$r")
  pdf=$(jq -r '.pdf_rate' "$r")
  ok=$(jq -r '.ok' "$r")
  result=$(awk -v v="$p99" -v p="$pdf" -v ok="$ok" 'BEGIN { print (v <= 300 && p >= 50 && ok == "true" ? "PASS" : "FAIL") }')
  [ "$result" = PASS ] || status=1
  printf '%-12s %10s %10s %12s %12s %10s %s\n' "$(basename "$r" .json)" "$(fmt 1 "$(jq -r '.p50_ms' "$r")")" \
    "$(fmt 1 "$p99")" "$(fmt 2 "$(jq -r '.cpu_ms' "$r")")" "$ok" "$(fmt 1 "$pdf")" "$result"
done
echo "CPU ms/reg = the server's CPU time per registration, from the burst until it is quiet again (mails included)."
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
