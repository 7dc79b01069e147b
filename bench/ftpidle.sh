#!/usr/bin/env bash
# Memory of many idle FTP sessions.
#
# Measures: a demo server started with the launcher's JVM options (compact object headers), its
#   connection limits raised for the run, then BENCH_SESSIONS (10,000) sessions signed in as alice
#   with a personal access token from BENCH_SOURCES (10) loopback addresses (127.0.0.2, 127.0.0.3,
#   ...; at most 20 per address by default, so the per-address limit is raised too), kept open and
#   idle for BENCH_HOLD (10) seconds. Every session must have signed in and must still answer
#   NOOP before the server's resident memory (VmRSS of the JVM) is printed.
# Goal: resident memory <= BENCH_GOAL_MIB (1024) MiB with every session open.
#
# Usage: bench/ftpidle.sh
# Environment: PLENARY_JAR, PLENARY_JAVA_OPTS (default -XX:+UseCompactObjectHeaders), BENCH_SESSIONS
#   (10000), BENCH_SOURCES (10), BENCH_HOLD (10), BENCH_GOAL_MIB (1024), and those in bench/lib.sh.
# Exit status: 0 when the goal is met, 1 when not, 2 when the run itself broke.
set -euo pipefail
# shellcheck source=lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

SESSIONS=${BENCH_SESSIONS:-10000}
SOURCES=${BENCH_SOURCES:-10}
HOLD=${BENCH_HOLD:-10}
GOAL=${BENCH_GOAL_MIB:-1024}
export PLENARY_JAVA_OPTS=${PLENARY_JAVA_OPTS:--XX:+UseCompactObjectHeaders}

need curl curl
need jq jq
need python3 python3
resolve_jar
# Each session is a socket at both ends: the client and the server need more than 1,024 files.
ulimit -n $((SESSIONS * 2 + 4096)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((SESSIONS + 1024)) ] || die "cannot open $SESSIONS sockets: ulimit -n is $(ulimit -n) (raise the hard limit)"

PORT=""
free_port PORT "${BENCH_PORT:-18080}"
FTP_PORT=""
free_port FTP_PORT "${BENCH_FTP_PORT:-12121}"
P=http://127.0.0.1:$PORT
PER_ADDRESS=$(( SESSIONS / SOURCES + 10 ))
start_plenary "$PORT" "$BENCH_TMP/plenary" --plenary.ftp.address=127.0.0.1 --plenary.ftp.port="$FTP_PORT" \
  --plenary.ftp.max-connections=$((SESSIONS + 100)) --plenary.ftp.max-connections-per-address="$PER_ADDRESS"
T=$(token "$P" alice alice-demo)
wait_quiet "$PLENARY_PID"

log "opening $SESSIONS FTP sessions from $SOURCES loopback addresses, holding them ${HOLD} s"
OUT=$(python3 "$BENCH_DIR/ftpload.py" idle --port "$FTP_PORT" --user alice --password "$T" --count "$SESSIONS" \
  --sources "$SOURCES" --hold "$HOLD" --pids "$PLENARY_PID") || die "the idle-session client failed"
log "$OUT"
SIGNED=$(jq -r .signed_in <<<"$OUT")
ALIVE=$(jq -r .alive <<<"$OUT")
[ "$SIGNED" = "$SESSIONS" ] || die "only $SIGNED of $SESSIONS sessions signed in (first failure: $(jq -r .first_failure <<<"$OUT"))"
[ "$ALIVE" = "$SESSIONS" ] || die "only $ALIVE of $SESSIONS sessions still answered NOOP"
RSS=$(jq -r .rss_mib <<<"$OUT")
BEFORE=$(jq -r .rss_before_mib <<<"$OUT")
RESULT=$(verdict "$RSS" '<=' "$GOAL")

echo
echo "=== Summary: $SESSIONS idle signed-in FTP sessions from $SOURCES addresses (JVM options: $PLENARY_JAVA_OPTS) ==="
echo "all $SESSIONS signed in in $(fmt 1 "$(jq -r .open_seconds <<<"$OUT")") s and answered NOOP after ${HOLD} s idle"
echo "server resident memory: $(fmt 0 "$BEFORE") MiB before, $(fmt 0 "$RSS") MiB with every session open" \
  "($(fmt 1 "$(calc "($RSS - $BEFORE) * 1024 / $SESSIONS")") KiB a session); goal <= $GOAL MiB: $RESULT"
[ "$RESULT" = PASS ]
