# shellcheck shell=bash
# Shared helpers for the benchmark scripts in this folder. Sourced, not run.
#
# Environment read here:
#   PLENARY_JAR         jar to run (default: $ROOT/target/plenary.jar, built with Maven if missing)
#   PLENARY_JAVA_OPTS   extra JVM options for the server (default: none)
#   BENCH_ARGS          extra server arguments, after the script's own (e.g. --spring.threads.virtual.enabled=true)
#   BENCH_START_TIMEOUT seconds to wait for /actuator/health to say UP (default: 120)
#   BENCH_KEEP=1        keep the temporary folder (data, logs) instead of removing it

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

# --- cleanup -----------------------------------------------------------------------------------
# Every process a script starts goes into BENCH_PIDS; extra cleanup commands into BENCH_CLEANUP.
BENCH_PIDS=()
BENCH_CLEANUP=()
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/plenary-bench.XXXXXX")

stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  log "process $pid did not stop in 20 s, killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

bench_cleanup() {
  local rc=$? pid cmd
  trap - EXIT INT TERM
  [ "${#BENCH_PIDS[@]}" = 0 ] || log "cleaning up: stopping ${BENCH_PIDS[*]}"
  for pid in "${BENCH_PIDS[@]}"; do stop_pid "$pid"; done
  for cmd in "${BENCH_CLEANUP[@]}"; do eval "$cmd" || true; done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    log "kept $BENCH_TMP (BENCH_KEEP=1)"
  else
    rm -rf "$BENCH_TMP"
  fi
  exit "$rc"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools -------------------------------------------------------------------------------------
BENCH_APT_UPDATED=0
# need COMMAND PACKAGE [FALLBACK_PACKAGE...]: installs the first package that apt-get can install
# when COMMAND is missing (apt-get update runs once, and only when something must be installed).
need() {
  local cmd=$1 pkg
  shift
  case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac
  command -v "$cmd" >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] || die "'$cmd' is missing; install the Debian package '$1' (needs root)"
  command -v apt-get >/dev/null 2>&1 || die "'$cmd' is missing and there is no apt-get to install '$1'"
  if [ "$BENCH_APT_UPDATED" = 0 ]; then
    log "apt-get update (to install $*)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$BENCH_TMP/apt.log" 2>&1 \
      || { cat "$BENCH_TMP/apt.log" >&2; die "apt-get update failed"; }
    BENCH_APT_UPDATED=1
  fi
  for pkg in "$@"; do
    log "apt-get install -y $pkg"
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >>"$BENCH_TMP/apt.log" 2>&1; then break; fi
    tail -n 5 "$BENCH_TMP/apt.log" >&2
  done
  command -v "$cmd" >/dev/null 2>&1 || die "could not install '$cmd' (tried: $*)"
}

# --- ports -------------------------------------------------------------------------------------
BENCH_PORTS_TAKEN=" "
# free_port VAR START: sets VAR to the first port from START on that nothing listens on (and that
# this script has not handed out already). Not for $(...): it must remember what it handed out.
free_port() {
  local var=$1 port=$2 end=$(( $2 + 200 ))
  while [ "$port" -lt "$end" ]; do
    case "$BENCH_PORTS_TAKEN" in *" $port "*) port=$((port + 1)); continue ;; esac
    if python3 - "$port" <<'EOF' 2>/dev/null
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT is no obstacle
s.bind(("127.0.0.1", int(sys.argv[1])))
s.close()
EOF
    then
      BENCH_PORTS_TAKEN="$BENCH_PORTS_TAKEN$port "
      printf -v "$var" '%s' "$port"
      return 0
    fi
    port=$((port + 1))
  done
  die "no free port between $2 and $end"
}

# --- Plenary -----------------------------------------------------------------------------------
# resolve_jar: sets JAR; builds target/plenary.jar with Maven only when it is missing.
resolve_jar() {
  use_java_25
  if [ -n "${PLENARY_JAR:-}" ]; then
    JAR=$PLENARY_JAR
    [ -f "$JAR" ] || die "PLENARY_JAR=$JAR does not exist"
    return 0
  fi
  JAR=$ROOT/target/plenary.jar
  if [ ! -f "$JAR" ]; then
    need mvn maven
    log "$JAR is missing: building it (mvn -q -B -DskipTests package)"
    (cd "$ROOT" && mvn -q -B -DskipTests package) >&2 || die "the Maven build failed"
    [ -f "$JAR" ] || die "the build did not produce $JAR"
  fi
}

# use_java_25: puts a JDK 25 first on PATH (JAVA_HOME when it is one, else the newest 25 under
# /usr/lib/jvm): the jar is built for Java 25.
use_java_25() {
  local jdk
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    jdk=$JAVA_HOME
  else
    jdk=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | sort -V | tail -n 1)
    [ -n "$jdk" ] || die "Plenary needs a JDK 25: set JAVA_HOME to one"
  fi
  export JAVA_HOME=$jdk PATH="$jdk/bin:$PATH"
}

# start_plenary PORT DATADIR [ARGS...]: starts the server in demo mode on 127.0.0.1:PORT, sets
# PLENARY_PID, and waits until /actuator/health says UP. The cap on numbers a delegate holds unused
# (plenary.contributions.max-unused-numbers) is off: the benches allocate thousands as alice; so is the folding of her
# receipts (plenary.mail.fold-window), which would cost each upload two queries. With BENCH_LAUNCHER=1 through ./plenary
# (the launcher execs the JVM, so PLENARY_PID is the server's).
start_plenary() {
  local port=$1 dir=$2 timeout=${BENCH_START_TIMEOUT:-120} i mode=(--demo)
  shift 2
  # BENCH_ARGS: extra server arguments (Spring properties such as --server.tomcat.threads.max=16), last so
  # that they win over the script's own
  # shellcheck disable=SC2206
  set -- "$@" ${BENCH_ARGS:-}
  # BENCH_DEMO=0: not in demo mode (a demo start rebuilds its embedded database empty; listing.sh starts
  # a server on a copy of a filled demo database this way)
  [ "${BENCH_DEMO:-1}" = 1 ] || mode=()
  mkdir -p "$dir/tmp"
  log "starting Plenary on 127.0.0.1:$port (data in $dir, log in $dir/plenary.log)"
  if [ "${BENCH_LAUNCHER:-0}" = 1 ]; then
    # What a user runs: the README's ./plenary (extracted jar, AOT cache trained once, in
    # PLENARY_LAUNCH_DIR); its options, PLENARY_JAVA_OPTS included, are part of what the cache is
    # trained for, so the temporary folder is not one of them.
    PLENARY_JAR=$JAR "$ROOT/plenary" "${mode[@]}" \
      --server.address=127.0.0.1 --server.port="$port" --plenary.data-dir="$dir" \
      --plenary.base-url="http://127.0.0.1:$port" --plenary.contributions.max-unused-numbers=0 --plenary.mail.fold-window=0 "$@" \
      >"$dir/plenary.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    java ${PLENARY_JAVA_OPTS:-} -Djava.io.tmpdir="$dir/tmp" -jar "$JAR" "${mode[@]}" \
      --server.address=127.0.0.1 --server.port="$port" --plenary.data-dir="$dir" \
      --plenary.base-url="http://127.0.0.1:$port" --plenary.contributions.max-unused-numbers=0 --plenary.mail.fold-window=0 "$@" \
      >"$dir/plenary.log" 2>&1 &
  fi
  PLENARY_PID=$!
  BENCH_PIDS+=("$PLENARY_PID")
  for i in $(seq 1 "$timeout"); do
    if curl -sf "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      log "Plenary is up after ${i} s (pid $PLENARY_PID)"
      return 0
    fi
    if ! kill -0 "$PLENARY_PID" 2>/dev/null; then
      tail -n 40 "$dir/plenary.log" >&2
      die "Plenary exited during start-up (log above)"
    fi
    sleep 1
  done
  tail -n 40 "$dir/plenary.log" >&2
  die "Plenary was not UP within $timeout s (log above)"
}

stop_plenary() {
  stop_pid "$PLENARY_PID"
}

# wait_quiet PID [NAME...]: waits (at most 120 s) until the process, and every process named NAME
# (postgres, say), together use less than 5 % of a core over a second, so that work they queued
# (mails after thousands of allocations, a checkpoint) does not fall into the next measurement.
wait_quiet() {
  local pid=$1 hz before after i
  shift
  hz=$(getconf CLK_TCK)
  for i in $(seq 1 120); do
    before=$(busy_ticks "$pid" "$@")
    sleep 1
    after=$(busy_ticks "$pid" "$@")
    if [ $((after - before)) -lt $((hz / 20 + 1)) ]; then
      return 0
    fi
  done
  log "process $pid${1:+ and $*} still busy after 120 s"
}

# busy_ticks PID [NAME...]: CPU clock ticks used so far by PID and by the processes named NAME.
busy_ticks() {
  local pid=$1 p
  shift
  {
    cat "/proc/$pid/stat"
    for name in "$@"; do
      # A process gone since pgrep (a PostgreSQL backend closing) is skipped: under pipefail its failed
      # cat would otherwise end the calling script without a word.
      for p in $(pgrep -x "$name"); do cat "/proc/$p/stat" 2>/dev/null || true; done
    done
  } | awk '{ sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}

# tree_ticks PID: CPU ticks (user + system) used so far by PID and its children (nginx's master
# and workers, and no other nginx of the machine).
tree_ticks() {
  local pid=$1 child total
  total=$(busy_ticks "$pid")
  for child in $(pgrep -P "$pid"); do total=$((total + $(busy_ticks "$child"))); done
  echo "$total"
}

# start_nginx DIR PORT ROOT PROBE WHO [HTTP-LINES]: nginx as the peer, serving ROOT as static files on
# 127.0.0.1:PORT (sendfile, long keep-alive; HTTP-LINES added to its http block), a foreground master in
# the background with everything under DIR; waits until the path PROBE answers. Sets NGINX_PID (stopped by
# the cleanup). WHO names the script in the configuration's first line.
start_nginx() {
  local dir=$1 port=$2 root=$3 probe=$4 who=$5 extra=${6:-} i
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<EOF
# Written by $who.
daemon off;
worker_processes auto;
$( [ "$(id -u)" = 0 ] && echo "user root;  # the mktemp folder is private (0700) to its owner" )
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
$extra
  client_body_temp_path $dir/client_body;
  server {
    listen 127.0.0.1:$port;
    root $root;
    location / { }
  }
}
EOF
  log "starting nginx on 127.0.0.1:$port (root $root)"
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  NGINX_PID=$!
  BENCH_PIDS+=("$NGINX_PID")
  for i in $(seq 1 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$port$probe" && return 0
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$dir/error.log" >&2 || true; die "nginx exited (log above)"; }
    sleep 0.2
  done
  die "nginx did not answer within 10 s"
}


# token BASE USER PASSWORD: a personal access token.
token() {
  local t
  t=$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"$2\",\"password\":\"$3\"}" \
    "$1/api/v1/tokens" | jq -r '.token // empty') || true
  [ -n "$t" ] || die "could not get a token for $2 from $1/api/v1/tokens"
  echo "$t"
}

# upcoming_meeting BASE: code of the demo's upcoming FG Cloud meeting (the last one listed).
upcoming_meeting() {
  local code
  code=$(curl -sf "$1/api/v1/groups/cloud/meetings?limit=1000" | jq -r '.[-1].code // empty') || true
  [ -n "$code" ] || die "could not read the meetings of group cloud from $1"
  echo "$code"
}

# --- numbers -----------------------------------------------------------------------------------
# calc EXPR: floating-point arithmetic with awk, e.g. calc '1/3' -> 0.333333
calc() { awk "BEGIN { printf \"%.6g\", $1 }"; }
# fmt DIGITS VALUE
fmt() { awk -v d="$1" -v v="$2" 'BEGIN { printf "%.*f", d, v }'; }
# verdict VALUE OP GOAL: PASS or FAIL (OP is >= or <=)
verdict() {
  if awk -v v="$1" -v g="$3" -v op="$2" 'BEGIN { exit !((op == ">=") ? (v >= g) : (v <= g)) }'; then
    echo PASS
  else
    echo FAIL
  fi
}

# check WHAT COMMAND...: runs the command of a client check and prints "ok" or "FAIL" with the end
# of its output; a failure sets FAILED=1 (the client scripts under src/test/shell exit with it).
FAILED=0
check() {
  local what=$1
  shift
  if "$@" >"$BENCH_TMP/check.out" 2>&1; then
    echo "  ok    $what"
  else
    echo "  FAIL  $what"
    sed 's/^/        /' "$BENCH_TMP/check.out" | tail -n 8
    FAILED=1
  fi
}

# search_queries DIR: DIR/queries.txt, the 1,000 two-word queries of the search benchmarks (seed 16), and
# DIR/queries.lua, a wrk script that sends them in turn to GET /api/v1/search.
search_queries() {
  python3 "$BENCH_DIR/searchload.py" queries --seed 16 --count 1000 >"$1/queries.txt"
  cat >"$1/queries.lua" <<LUA
local queries = {}
for line in io.lines("$1/queries.txt") do queries[#queries + 1] = line end
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/v1/search?q=" .. queries[i])
end
LUA
}
