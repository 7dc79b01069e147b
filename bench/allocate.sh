#!/usr/bin/env bash
# Number allocation under concurrency.
#
# Measures: BENCH_COUNT (5,000) document-number requests
#   (POST /api/v1/groups/cloud/meetings/CODE/contributions) sent by BENCH_CLIENTS (50) concurrent
#   keep-alive clients to a freshly started demo server, first on the embedded H2 database, then on
#   PostgreSQL (127.0.0.1:5432, user postgres, scratch database plenary_bench) when it is reachable.
#   After each run, checks in the meeting's register that the numbers are distinct and consecutive,
#   continuing the series without a gap, and how much CPU time the server spent per number, from the
#   first request until it is quiet again (the indexing and mails the numbers cause included, the
#   register reads of the checks not), a figure that other processes on a shared machine disturb far
#   less than the rate. A run of 5,000 lasts a second or more, so that the rate is a sustained one, not
#   a burst's whose opening (connections made, the first batches) weighs on it. The first warm-up round
#   (the first BENCH_COLD_COUNT (1,000) numbers after the start) is the cold rate, judged against half
#   the best warm run.
#   Then, on the same server, the whole document cycle (allocate, upload a BENCH_CYCLE_SIZE-byte file
#   (200 KiB), publish as the secretariat) from BENCH_CYCLE_CLIENTS (8) clients: one unmeasured round
#   of BENCH_CYCLE_WARMUP (2,000) documents, then BENCH_CYCLE_RUNS (3) rounds of BENCH_CYCLE_COUNT
#   (2,000), each checked (every step answered, each publication names the SHA-256 of the bytes sent,
#   the register's new entries exactly those documents, all published). Each cycle run also prints the
#   server's CPU a document by thread, and apart the JIT's compilers and the collector: after a short
#   warm-up C2 still compiles through the measured runs, so "the rest" (the summary's "work ms/doc") is
#   the figure that compares two jars best.
# Goals: >= BENCH_GOAL (5,000) allocations per second, with every number distinct and consecutive;
#   >= BENCH_CYCLE_GOAL (500) documents per second through the whole cycle.
#
# Usage: bench/allocate.sh
# The clients are one wrk process (two threads, bench/allocate.lua, driven by bench/load.py): each
#   thread sends exactly its share of the count and stops once its share has answered; load.py then
#   checks every answer. wrk takes 0.03 to 0.06 ms of CPU a request beside the server (curl --parallel,
#   used before, 0.13 to 0.18 ms on the same two cores); each run prints it. Before measuring, BENCH_WARMUP_SECONDS (90) of unmeasured allocations let the
#   JIT compile the path (in rounds of BENCH_COLD_COUNT; BENCH_WARMUP_REQUESTS=N instead warms up with N numbers, the same
#   for every jar of an A/B comparison, where seconds give the slower jar a shorter warm-up): on a two-core machine a fresh JVM needs 50,000 to 100,000 requests before
#   the rate settles (cold, the first thousand run at a fifth of it). Then BENCH_RUNS (3) measured runs, each after the
#   server has gone quiet (mails of the previous run written); the best run is judged and the median
#   printed beside it, because figures on a shared machine vary by a quarter from run to run.
# Environment: PLENARY_JAR, BENCH_PORT (18080), BENCH_COUNT (5000), BENCH_COLD_COUNT (1000), BENCH_WARMUP_SECONDS (90),
#   BENCH_WARMUP_REQUESTS (unset: the warm-up is counted in seconds), BENCH_RUNS (3), BENCH_CLIENTS (50), BENCH_GOAL (5000), BENCH_PG=0 to skip PostgreSQL, BENCH_H2=0 to skip H2,
#   BENCH_CYCLE=0 to skip the document cycle, BENCH_CYCLE_COUNT (2000), BENCH_CYCLE_WARMUP (2000),
#   BENCH_CYCLE_RUNS (3), BENCH_CYCLE_CLIENTS (8), BENCH_CYCLE_SIZE (204800), BENCH_CYCLE_GOAL (500),
#   BENCH_LAUNCHER (1: servers start through ./plenary, the README's run command; 0: java -jar),
#   PLENARY_LAUNCH_DIR (where ./plenary keeps the extracted jar and its AOT cache; default: this run's
#   temporary folder), PLENARY_TRAINING_PORT (the launcher's training run: HTTP, FTP on the next; BENCH_PORT + 40),
#   PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD (empty), BENCH_PG_DB (plenary_bench), and those in bench/lib.sh.
# Exit status: 0 when every check and goal passes, 1 when one fails, 2 when the run itself broke.
set -euo pipefail
# shellcheck source=lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

COUNT=${BENCH_COUNT:-5000}
COLD_COUNT=${BENCH_COLD_COUNT:-1000}
WARMUP=${BENCH_WARMUP_SECONDS:-90}
WARMUP_REQUESTS=${BENCH_WARMUP_REQUESTS:-}
RUNS=${BENCH_RUNS:-3}
CLIENTS=${BENCH_CLIENTS:-50}
GOAL=${BENCH_GOAL:-5000}
CYCLE=${BENCH_CYCLE:-1}
CYCLE_COUNT=${BENCH_CYCLE_COUNT:-2000}
CYCLE_WARMUP=${BENCH_CYCLE_WARMUP:-2000}
CYCLE_RUNS=${BENCH_CYCLE_RUNS:-3}
CYCLE_CLIENTS=${BENCH_CYCLE_CLIENTS:-8}
CYCLE_SIZE=${BENCH_CYCLE_SIZE:-204800}
CYCLE_GOAL=${BENCH_CYCLE_GOAL:-500}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
PG_DB=${BENCH_PG_DB:-plenary_bench}
export PGPASSWORD=${PGPASSWORD:-}
# the median of a list of numbers (of an even count, the mean of the middle two)
JQ_MEDIAN='def median: sort | if length % 2 == 0 then (.[length / 2 - 1] + .[length / 2]) / 2 else .[length / 2 | floor] end; '
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

need curl curl
need wrk wrk
need jq jq
need python3 python3
resolve_jar
PORT=""
free_port PORT "${BENCH_PORT:-18080}"
BASE=http://127.0.0.1:$PORT
# Servers start as the README says (./plenary: extracted jar and AOT cache), unless BENCH_LAUNCHER=0
# (java -jar). The launcher prepares its folder in this run's own temporary folder once, on the first
# start (so that start may take minutes: extraction and a training run on PLENARY_TRAINING_PORT and the next).
export BENCH_LAUNCHER=${BENCH_LAUNCHER:-1}
if [ "$BENCH_LAUNCHER" = 1 ]; then
  export PLENARY_LAUNCH_DIR=${PLENARY_LAUNCH_DIR:-$BENCH_TMP/launch} PLENARY_TRAINING_PORT=${PLENARY_TRAINING_PORT:-$((PORT + 40))}
  BENCH_START_TIMEOUT=${BENCH_START_TIMEOUT:-900}
fi

# run_one LABEL [SERVER ARGS...]: one fresh server, one allocation run; the result goes to
# $BENCH_TMP/LABEL.json.
run_one() {
  local label=$1 dir=$BENCH_TMP/$1 t code
  shift
  mkdir -p "$dir"
  log "=== $label ==="
  # FTP on the port after HTTP's, on loopback: the default 2121 may be another server's on this machine
  start_plenary "$PORT" "$dir" --plenary.ftp.address=127.0.0.1 --plenary.ftp.port=$((PORT + 1)) "$@"
  t=$(token "$BASE" alice alice-demo)
  code=$(upcoming_meeting "$BASE")
  log "meeting $code; warming up for ${WARMUP_REQUESTS:+$WARMUP_REQUESTS numbers}${WARMUP_REQUESTS:-$WARMUP s} with unmeasured allocations (the measured runs must continue the series)"
  python3 "$BENCH_DIR/load.py" warm --base "$BASE" --meeting "$code" --token "$t" --seconds "$WARMUP" \
    ${WARMUP_REQUESTS:+--requests "$WARMUP_REQUESTS"} \
    --count "$COLD_COUNT" --clients "$CLIENTS" --server-pid "$PLENARY_PID" --out "$BENCH_TMP/$label.warm.json" || die "the warm-up allocations failed on $label"
  for run in $(seq 1 "$RUNS"); do
    wait_quiet "$PLENARY_PID" postgres
    # load.py measures the server's CPU time per number, the work left behind (index, mails) included:
    # a figure that other processes on the machine disturb far less than the rate. From just before the
    # first request until the server is quiet again, so the register reads of its checks are left out.
    python3 "$BENCH_DIR/load.py" allocate --base "$BASE" --meeting "$code" --token "$t" \
      --count "$COUNT" --clients "$CLIENTS" --server-pid "$PLENARY_PID" --quiet-also postgres \
      ${PG_MEASURED:+--pg-db "$PG_MEASURED"} --out "$BENCH_TMP/$label.$run.json" >/dev/null || true
    [ -s "$BENCH_TMP/$label.$run.json" ] || die "allocation run $run on $label produced no result"
    wait_quiet "$PLENARY_PID" postgres
    log "$label run $run: $(jq -r '"\(.ok) numbers in \(.seconds*1000|floor/1000) s = \(.rate|floor) allocations/s, p50 \(.p50_ms*10|floor/10) ms, p99 \(.p99_ms*10|floor/10) ms, server CPU \(.cpu_ms*100|floor/100) ms a number\(if .pg_cpu_ms then " (its PostgreSQL backends \(.pg_cpu_ms*100|floor/100) ms, user \(.pg_user_ms*100|floor/100))" else "" end), client (wrk) CPU \(.client_cpu_ms*1000|floor/1000) ms"' "$BENCH_TMP/$label.$run.json") (load average $(cut -d' ' -f1 /proc/loadavg))"
    log "  server CPU by thread, ms a number: $(jq -r '.cpu_ms_by_thread // {} | to_entries | map("\(.key) \(.value*1000|floor/1000)") | .[:8] | join(", ")' "$BENCH_TMP/$label.$run.json")"
  done
  # the run judged: the best one whose numbers are right (any run with wrong numbers fails the bench)
  jq -s "$JQ_MEDIAN"'. as $all | ((map(select(.numbers_ok | not)) | first) // max_by(.rate))
         + {median_rate: ($all | map(.rate) | median),
            median_cpu_ms: ($all | map(.cpu_ms) | median),
            median_pg_cpu_ms: ($all | map(.pg_cpu_ms // empty) | if length > 0 then median else null end),
            median_pg_user_ms: ($all | map(.pg_user_ms // empty) | if length > 0 then median else null end)}' \
    "$BENCH_TMP/$label".[0-9]*.json | jq --slurpfile warm "$BENCH_TMP/$label.warm.json" '. + {cold_rate: $warm[0].rounds[0]}' \
    >"$BENCH_TMP/$label.json"
  [ "$CYCLE" = 0 ] || run_cycle "$label" "$t" "$code"
  stop_plenary
}

# run_cycle LABEL TOKEN MEETING: the document cycle on the running server -> $BENCH_TMP/LABEL.cycle.json
run_cycle() {
  local label=$1 t=$2 code=$3 s run
  s=$(token "$BASE" tsb tsb-demo)
  log "document cycle: $CYCLE_WARMUP unmeasured documents of $CYCLE_SIZE bytes from $CYCLE_CLIENTS clients"
  python3 "$BENCH_DIR/load.py" cycle --base "$BASE" --meeting "$code" --token "$t" --secretariat-token "$s" \
    --count "$CYCLE_WARMUP" --clients "$CYCLE_CLIENTS" --size "$CYCLE_SIZE" >/dev/null \
    || die "the warm-up document cycle failed on $label"
  for run in $(seq 1 "$CYCLE_RUNS"); do
    wait_quiet "$PLENARY_PID" postgres
    ticks=$(busy_ticks "$PLENARY_PID")
    python3 "$BENCH_DIR/load.py" cycle --base "$BASE" --meeting "$code" --token "$t" --secretariat-token "$s" \
      --count "$CYCLE_COUNT" --clients "$CYCLE_CLIENTS" --size "$CYCLE_SIZE" \
      --out "$BENCH_TMP/$label.cycle$run.json" --server-pid "$PLENARY_PID" >/dev/null || true
    [ -s "$BENCH_TMP/$label.cycle$run.json" ] || die "document cycle run $run on $label produced no result"
    wait_quiet "$PLENARY_PID" postgres
    cpu_ms=$(calc "($(busy_ticks "$PLENARY_PID") - $ticks) * 1000 / $(getconf CLK_TCK) / $CYCLE_COUNT")
    jq --argjson cpu "$cpu_ms" '. + {cpu_ms: $cpu}' "$BENCH_TMP/$label.cycle$run.json" >"$BENCH_TMP/cpu.json" \
      && mv "$BENCH_TMP/cpu.json" "$BENCH_TMP/$label.cycle$run.json"
    log "$label cycle run $run: $(jq -r '"\(.published) documents in \(.seconds*1000|floor/1000) s = \(.rate*10|floor/10) documents/s, p50 \(.p50_ms*10|floor/10) ms, p99 \(.p99_ms*10|floor/10) ms, server CPU \(.cpu_ms*100|floor/100) ms a document, client CPU \(.client_cpu_ms*100|floor/100) ms"' "$BENCH_TMP/$label.cycle$run.json") (load average $(cut -d' ' -f1 /proc/loadavg))"
    log "  of it, ms a document: the JIT's compilers $(jq -r '.jit_ms*100|floor/100' "$BENCH_TMP/$label.cycle$run.json"), the collector $(jq -r '.gc_ms*100|floor/100' "$BENCH_TMP/$label.cycle$run.json"), the rest (the documents' own work) $(jq -r '.work_ms*100|floor/100' "$BENCH_TMP/$label.cycle$run.json"); by thread: $(jq -r '.cpu_ms_by_thread // {} | to_entries | map("\(.key) \(.value*100|floor/100)") | .[:8] | join(", ")' "$BENCH_TMP/$label.cycle$run.json")"
  done
  jq -s "$JQ_MEDIAN"'. as $all | ((map(select(.ok | not)) | first) // max_by(.rate))
         + {median_rate: ($all | map(.rate) | median),
            median_cpu_ms: ($all | map(.cpu_ms) | median),
            median_work_ms: ($all | map(.work_ms // empty) | if length > 0 then median else null end)}' \
    "$BENCH_TMP/$label".cycle[0-9]*.json >"$BENCH_TMP/$label.cycle.json"
}

pg_reachable() {
  [ "${BENCH_PG:-1}" != 0 ] || { PG_WHY="BENCH_PG=0"; return 1; }
  if ! (exec 3<>"/dev/tcp/$PGHOST/$PGPORT") 2>/dev/null; then
    PG_WHY="nothing listens on $PGHOST:$PGPORT"
    return 1
  fi
  need psql postgresql-client
  if ! psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -w -Atqc 'SELECT 1' >/dev/null 2>&1; then
    PG_WHY="cannot sign in to $PGHOST:$PGPORT as $PGUSER (set PGUSER/PGPASSWORD)"
    return 1
  fi
}

LABELS=()
if [ "${BENCH_H2:-1}" != 0 ]; then
  run_one H2
  LABELS=(H2)
fi
PG_WHY=""
if pg_reachable; then
  log "PostgreSQL on $PGHOST:$PGPORT: (re)creating scratch database $PG_DB"
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -w -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $PG_DB" >&2
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -w -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $PG_DB" >&2
  BENCH_CLEANUP+=("psql -h '$PGHOST' -p '$PGPORT' -U '$PGUSER' -d postgres -w -qc 'DROP DATABASE IF EXISTS $PG_DB' >/dev/null 2>&1")
  PG_MEASURED=$PG_DB run_one PostgreSQL --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB" \
    --spring.datasource.username="$PGUSER" --spring.datasource.password="$PGPASSWORD"
  LABELS+=(PostgreSQL)
else
  log "PostgreSQL part skipped: $PG_WHY"
fi

[ "${#LABELS[@]}" -gt 0 ] || die "nothing measured: BENCH_H2=0 and PostgreSQL skipped ($PG_WHY)"
STATUS=0
echo
echo "=== Summary: number allocation, $COUNT requests from $CLIENTS concurrent clients, best of $RUNS runs (goal >= $GOAL/s) ==="
printf '%-11s %10s %10s %9s %9s %11s %9s %9s  %-9s %-34s %s\n' database "alloc/s" "median" "p50 ms" "p99 ms" "CPU ms/num" "cold/s" "x goal" "numbers" "range" "goal"
for label in "${LABELS[@]}"; do
  f=$BENCH_TMP/$label.json
  rate=$(jq -r .rate "$f")
  numbers=$(jq -r 'if .numbers_ok then "OK" else "WRONG" end' "$f")
  range=$(jq -r '"\(.first) .. \(.last)"' "$f")
  goal=$(verdict "$rate" '>=' "$GOAL")
  [ "$numbers" = OK ] || { goal=FAIL; jq -r '.checks[] | select(.pass|not) | "  failed check: \(.check): \(.detail)"' "$f"; }
  [ "$goal" = PASS ] || STATUS=1
  printf '%-11s %10s %10s %9s %9s %11s %9s %9s  %-9s %-34s %s\n' "$label" "$(fmt 1 "$rate")" "$(fmt 1 "$(jq -r .median_rate "$f")")" \
    "$(fmt 1 "$(jq -r .p50_ms "$f")")" \
    "$(fmt 1 "$(jq -r .p99_ms "$f")")" "$(fmt 2 "$(jq -r .median_cpu_ms "$f")")" "$(fmt 1 "$(jq -r .cold_rate "$f")")" \
    "$(fmt 2 "$(calc "$rate / $GOAL")")" "$numbers" "$range" "$goal"
done
if [ "${#LABELS[@]}" = 2 ]; then
  echo "PostgreSQL/H2 ratio: $(fmt 2 "$(calc "$(jq -r .rate "$BENCH_TMP/PostgreSQL.json") / $(jq -r .rate "$BENCH_TMP/H2.json")")")"
elif [ "${LABELS[0]}" = H2 ]; then
  echo "PostgreSQL: skipped ($PG_WHY)"
fi
echo "numbers OK = every request answered 201, numbers distinct, consecutive, and exactly the register's new entries"
echo "CPU ms/num = the server's CPU time per number (median run), the indexing and mails it causes included;"
for label in "${LABELS[@]}"; do
  pg=$(jq -r '.median_pg_cpu_ms // empty' "$BENCH_TMP/$label.json")
  [ -z "$pg" ] || echo "$label: its PostgreSQL backends' CPU time per number (median run): $(fmt 2 "$pg") ms ($(fmt 2 "$(jq -r .median_pg_user_ms "$BENCH_TMP/$label.json")") ms of it user time), beside the server's $(fmt 2 "$(jq -r .median_cpu_ms "$BENCH_TMP/$label.json")") ms"
done
echo "cold/s = the first $COLD_COUNT numbers after the start (the first warm-up round); goal: >= half the warm rate"
for label in "${LABELS[@]}"; do
  f=$BENCH_TMP/$label.json
  cold=$(verdict "$(jq -r .cold_rate "$f")" '>=' "$(calc "$(jq -r .rate "$f") / 2")")
  [ "$cold" = PASS ] || STATUS=1
  echo "$label cold/warm: $(fmt 2 "$(calc "$(jq -r .cold_rate "$f") / $(jq -r .rate "$f")")") $cold"
done
if [ "$CYCLE" != 0 ]; then
  echo
  echo "=== Summary: document cycle (allocate, upload $CYCLE_SIZE bytes, publish), $CYCLE_COUNT documents from $CYCLE_CLIENTS clients, best of $CYCLE_RUNS runs (goal >= $CYCLE_GOAL/s) ==="
  printf '%-11s %10s %10s %9s %9s %11s %12s  %-7s %s\n' database "docs/s" "median" "p50 ms" "p99 ms" "CPU ms/doc" "work ms/doc" checks goal
  for label in "${LABELS[@]}"; do
    f=$BENCH_TMP/$label.cycle.json
    rate=$(jq -r .rate "$f")
    goal=$(verdict "$rate" '>=' "$CYCLE_GOAL")
    if [ "$(jq -r .ok "$f")" = true ]; then checks=OK; else
      checks=WRONG; goal=FAIL; jq -r '.checks[] | select(.pass|not) | "  failed check: \(.check): \(.detail)"' "$f"
    fi
    [ "$goal" = PASS ] || STATUS=1
    printf '%-11s %10s %10s %9s %9s %11s %12s  %-7s %s\n' "$label" "$(fmt 1 "$rate")" "$(fmt 1 "$(jq -r .median_rate "$f")")" \
      "$(fmt 1 "$(jq -r .p50_ms "$f")")" "$(fmt 1 "$(jq -r .p99_ms "$f")")" "$(fmt 2 "$(jq -r .median_cpu_ms "$f")")" \
      "$(fmt 2 "$(jq -r '.median_work_ms // 0' "$f")")" "$checks" "$goal"
  done
fi
exit "$STATUS"
