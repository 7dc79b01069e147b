#!/usr/bin/env bash
# Start-up to the first page, demo included.
#
# Measures: the time from the start command to the first answer of GET / that shows the demo's
#   FG Cloud (the demo data is loaded, the page rendered), for the README's run command
#   (`./plenary --demo`, which starts the extracted jar with its AOT cache) and for
#   `java -jar target/plenary.jar --demo`, BENCH_STARTS (3) runs of each, alternating, each on a
#   fresh data folder and stopped after its first page. The launcher prepares its extracted jar and
#   AOT cache first (in this run's own folder, timed, once), as its first run on a new jar does.
#   Before printing a time it checks that the launcher's server mapped the AOT cache.
# Goal: the launcher's best start <= BENCH_GOAL_S (6) s.
# Prints: startup: <best> s (java -jar: <best> s), with medians, and the JVM's CPU seconds to the first
#   page (all threads; less moved by other work on the machine than the wall time).
#
# Usage: bench/startup.sh
# Environment: PLENARY_JAR, PLENARY_JAVA_OPTS, BENCH_STARTS (3), BENCH_GOAL_S (6), and those in bench/lib.sh.
#   Ports: BENCH_PORT (18080) for the preparing start, +10… HTTP and +20… FTP of the measured starts,
#   +30 FTP of the preparing start, +40 and +41 the launcher's training run (PLENARY_TRAINING_PORT).
# Exit status: 0 when the goal is met, 1 when not, 2 when the run itself broke.
set -euo pipefail
# shellcheck source=lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

STARTS=${BENCH_STARTS:-3}
GOAL=${BENCH_GOAL_S:-6}

need curl curl
resolve_jar
export PLENARY_JAR=$JAR PLENARY_LAUNCH_DIR=$BENCH_TMP/launch
# The launcher's training run (HTTP, FTP on the next port) stays in this script's port range too.
TRAIN_PORT=""
free_port TRAIN_PORT $((${BENCH_PORT:-18080} + 40))
free_port TRAIN_FTP_PORT $((TRAIN_PORT + 1))
[ "$TRAIN_FTP_PORT" = $((TRAIN_PORT + 1)) ] || die "ports $TRAIN_PORT and $((TRAIN_PORT + 1)) are not both free for the training run"
export PLENARY_TRAINING_PORT=$TRAIN_PORT

log "preparing the launcher's extracted jar and AOT cache (what ./plenary does once per jar)"
T0=$(date +%s%N)
PORT="" PREP_FTP=""
free_port PORT "${BENCH_PORT:-18080}"
free_port PREP_FTP $((${BENCH_PORT:-18080} + 30))
# A first start prepares, then starts the server; it is stopped once its first page answers.
"$ROOT/plenary" --demo --server.address=127.0.0.1 --server.port="$PORT" --plenary.ftp.address=127.0.0.1 --plenary.ftp.port="$PREP_FTP" \
  --plenary.data-dir="$BENCH_TMP/prepare" >"$BENCH_TMP/prepare.log" 2>&1 &
PREP_PID=$!
BENCH_PIDS+=("$PREP_PID")
until curl -sf "http://127.0.0.1:$PORT/" 2>/dev/null | grep -q 'FG Cloud'; do
  kill -0 "$PREP_PID" 2>/dev/null || { tail -n 30 "$BENCH_TMP/prepare.log" >&2; die "the launcher's first start failed"; }
  sleep 0.2
done
PREPARED_S=$(calc "($(date +%s%N) - $T0) / 1e9")
stop_pid "$PREP_PID"
[ -s "$PLENARY_LAUNCH_DIR/plenary.aot" ] || { cat "$BENCH_TMP/prepare.log" >&2; die "the launcher trained no AOT cache"; }
log "first start with preparation: $(fmt 1 "$PREPARED_S") s; cache $(du -h "$PLENARY_LAUNCH_DIR/plenary.aot" | cut -f1)"

# first_page KIND N: starts the server (KIND launcher or jar) on a fresh data folder, sets S to the
# seconds until GET / shows FG Cloud, and stops it.
first_page() {
  local kind=$1 n=$2 http dir t0 t1 pid
  http=""
  free_port http $((${BENCH_PORT:-18080} + 10))
  [ -n "$http" ] || die "no port"
  local ftp=""
  free_port ftp $((${BENCH_PORT:-18080} + 20))
  dir=$BENCH_TMP/$kind-$n
  mkdir -p "$dir/tmp"
  local args=(--demo --server.address=127.0.0.1 --server.port="$http" --plenary.ftp.address=127.0.0.1
    --plenary.ftp.port="$ftp" --plenary.data-dir="$dir")
  t0=$(date +%s%N)
  if [ "$kind" = launcher ]; then
    "$ROOT/plenary" "${args[@]}" >"$dir/plenary.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    java ${PLENARY_JAVA_OPTS:-} -jar "$JAR" "${args[@]}" >"$dir/plenary.log" 2>&1 &
  fi
  pid=$!
  BENCH_PIDS+=("$pid")
  until curl -sf "http://127.0.0.1:$http/" 2>/dev/null | grep -q 'FG Cloud'; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$dir/plenary.log" >&2; die "$kind start $n failed"; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  # CPU seconds the JVM spent until then (every thread): a figure other work on the machine moves less.
  CPU=$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$pid/stat")
  if [ "$kind" = launcher ] && ! grep -q 'plenary.aot' "/proc/$pid/maps"; then
    stop_pid "$pid"
    die "the launcher's server did not map its AOT cache (log: $dir/plenary.log)"
  fi
  stop_pid "$pid"
  S=$(calc "($t1 - $t0) / 1e9")
}

LAUNCHER=() LAUNCHER_CPU=()
JARRUN=() JARRUN_CPU=()
for n in $(seq 1 "$STARTS"); do
  first_page launcher "$n"
  log "./plenary --demo, start $n: $(fmt 2 "$S") s (JVM CPU $CPU s; load average $(cut -d' ' -f1 /proc/loadavg))"
  LAUNCHER+=("$S")
  LAUNCHER_CPU+=("$CPU")
  first_page jar "$n"
  log "java -jar --demo, start $n: $(fmt 2 "$S") s (JVM CPU $CPU s; load average $(cut -d' ' -f1 /proc/loadavg))"
  JARRUN+=("$S")
  JARRUN_CPU+=("$CPU")
done

best() { printf '%s\n' "$@" | sort -g | head -n 1; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
L_BEST=$(best "${LAUNCHER[@]}")
J_BEST=$(best "${JARRUN[@]}")
RESULT=$(verdict "$L_BEST" '<=' "$GOAL")

echo
echo "=== Summary: start-up to the first page (demo), best of $STARTS (median); load average $(cut -d' ' -f1-3 /proc/loadavg) ==="
echo "startup: $(fmt 1 "$L_BEST") s (java -jar: $(fmt 1 "$J_BEST") s)"
echo "medians: ./plenary $(fmt 1 "$(median "${LAUNCHER[@]}")") s, java -jar $(fmt 1 "$(median "${JARRUN[@]}")") s; ratio of bests $(fmt 2 "$(calc "$J_BEST / $L_BEST")")"
echo "JVM CPU seconds to the first page, best: ./plenary $(fmt 1 "$(best "${LAUNCHER_CPU[@]}")") s, java -jar $(fmt 1 "$(best "${JARRUN_CPU[@]}")") s"
echo "the launcher's one-time preparation and first start: $(fmt 1 "$PREPARED_S") s"
echo "goal: ./plenary <= $GOAL s: $RESULT"
[ "$RESULT" = PASS ]
