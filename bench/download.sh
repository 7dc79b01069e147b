#!/usr/bin/env bash
# Published-file downloads: Plenary against nginx serving the very same files.
#
# Measures: a demo server and an nginx (sendfile on, its root = Plenary's document folder, so both
#   send identical bytes) on two loopback ports. A 1 MiB and a 1 GiB PDF are allocated, uploaded
#   over the API and published into /t/fg/cloud/docs/CODE/in/, and a 16 KiB one. Then
#   (a) wrk -t2 -c64 for BENCH_SECONDS (15) on the 1 MiB file against each: requests/s, and the
#       server's CPU time per request (user + system, from /proc: Plenary's JVM, nginx's master and
#       workers), which the other load on the machine disturbs less than the rate;
#   (a') the same on the 16 KiB file;
#   (b) the big file downloaded 3 times from each with curl -o /dev/null: best throughput.
#   Before (a), it waits until Plenary is idle: the search indexer reads the files just published.
# Goals: (a) Plenary/nginx requests/s >= 0.8; (a') >= 0.5; (b) Plenary/nginx throughput >= 0.8.
#
# Usage: bench/download.sh
# Environment: PLENARY_JAR, BENCH_PORT (18080), BENCH_NGINX_PORT (18081), BENCH_SECONDS (15),
#   BENCH_WARMUP (30, seconds of wrk before each measured run: with 5 s, C2 was still compiling the
#   download path through the measured run, a third of the server's CPU there), BENCH_BIG_MB (1024),
#   BENCH_BIG_RUNS (3), BENCH_TINY_ONLY=1 (only (a'), for a quick A/B of two builds), and those in
#   bench/lib.sh.
# Exit status: 0 when both goals pass, 1 when one fails, 2 when the run itself broke.
set -euo pipefail
# shellcheck source=lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

SECONDS_=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-30}
BIG_MB=${BENCH_BIG_MB:-1024}
BIG_RUNS=${BENCH_BIG_RUNS:-3}
TINY_ONLY=${BENCH_TINY_ONLY:-0}
GOAL_RPS=0.8
GOAL_TINY=0.5
GOAL_BIG=0.8

need curl curl
need jq jq
need python3 python3
need wrk wrk
need nginx nginx-light nginx
resolve_jar
PORT="" NGINX_PORT=""
free_port PORT "${BENCH_PORT:-18080}"
free_port NGINX_PORT "${BENCH_NGINX_PORT:-18081}"
P=http://127.0.0.1:$PORT
N=http://127.0.0.1:$NGINX_PORT
DATA=$BENCH_TMP/plenary
mkdir -p "$DATA" "$BENCH_TMP/files"

# The upload cap (100 MB by default) is raised for the big file on this server only.
CAP_MB=$(( BIG_MB + 64 ))
start_plenary "$PORT" "$DATA" --plenary.ftp.address=127.0.0.1 --plenary.ftp.port=0 \
  --plenary.contributions.max-size="${CAP_MB}MB" \
  --spring.servlet.multipart.max-file-size="$((CAP_MB + 1))MB" \
  --spring.servlet.multipart.max-request-size="$((CAP_MB + 1))MB"
ALICE=$(token "$P" alice alice-demo)
TSB=$(token "$P" tsb tsb-demo)
CODE=$(upcoming_meeting "$P")
DOCS=$DATA/demo/documents

# publish_file TITLE SIZE_BYTES: allocates a number, uploads NUMBER.pdf of SIZE random bytes,
# publishes it, checks the on-disk copy, and prints the number.
publish_file() {
  local title=$1 size=$2 number file status
  number=$(curl -sf -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
    -d "{\"title\":\"$title\",\"source\":\"bench/download.sh\"}" \
    "$P/api/v1/groups/cloud/meetings/$CODE/contributions" | jq -r '.number // empty') || true
  [ -n "$number" ] || die "could not allocate a number for $title"
  file=$BENCH_TMP/files/$number.pdf
  log "$number: writing $size random bytes, uploading, publishing"
  head -c "$size" /dev/urandom >"$file"
  status=$(curl -s -o "$BENCH_TMP/upload.json" -w '%{http_code}' --max-time 1200 \
    -H "Authorization: Bearer $ALICE" -F "file=@$file;type=application/pdf" "$P/api/v1/contributions/$number/files")
  [ "$status" = 201 ] || die "upload of $number answered $status: $(head -c 500 "$BENCH_TMP/upload.json")"
  status=$(curl -sf -X POST -H "Authorization: Bearer $TSB" "$P/api/v1/contributions/$number/publish" | jq -r .status) || true
  [ "$status" = PUBLISHED ] || die "could not publish $number (status: $status)"
  cmp -s "$file" "$DOCS/t/fg/cloud/docs/$CODE/in/$number.pdf" \
    || die "the published copy of $number in $DOCS differs from the upload"
  rm -f "$file"
  echo "$number"
}

TINY=$(publish_file "Benchmark 16 KiB" $((16 * 1024)))
TINY_PATH=/t/fg/cloud/docs/$CODE/in/$TINY.pdf
if [ "$TINY_ONLY" = 1 ]; then
  SMALL_PATH=$TINY_PATH
else
  SMALL=$(publish_file "Benchmark 1 MiB" $((1024 * 1024)))
  BIG=$(publish_file "Benchmark $BIG_MB MiB" $((BIG_MB * 1024 * 1024)))
  SMALL_PATH=/t/fg/cloud/docs/$CODE/in/$SMALL.pdf
  BIG_PATH=/t/fg/cloud/docs/$CODE/in/$BIG.pdf
fi

start_nginx "$BENCH_TMP/nginx" "$NGINX_PORT" "$DOCS" "$SMALL_PATH" \
  "bench/download.sh: a static server for Plenary's document folder" \
  "  default_type application/octet-stream;
  types { application/pdf pdf; text/plain txt; }"

# Both must send the same bytes.
for file in $( [ "$TINY_ONLY" = 1 ] || echo "$SMALL_PATH") "$TINY_PATH"; do
  ref=$(sha256sum <"$DOCS$file" | cut -d' ' -f1)
  for base in "$P" "$N"; do
    got=$(curl -sf "$base$file" | sha256sum | cut -d' ' -f1)
    [ "$got" = "$ref" ] || die "$base$file does not serve the published bytes"
  done
  log "both servers send the same $file ($ref)"
done

# The search indexer reads every file just published (up to plenary.search.timeout each: a 1 GiB
# file of random bytes named .pdf keeps a core busy for tens of seconds); measured beside the
# downloads, that work counted in their CPU time and took a core from them.
log "waiting until Plenary is idle (the search indexer reads the files just published)"
wait_quiet "$PLENARY_PID"

# wrk_rps URL LABEL PID: a warm-up, then a measured run; prints requests/s and the server's CPU
# microseconds per request (PID and its children).
wrk_rps() {
  local url=$1 label=$2 pid=$3 out ticks requests
  if [ "$WARMUP" -gt 0 ]; then
    log "$label: wrk warm-up ${WARMUP} s"
    wrk -t2 -c64 -d"${WARMUP}s" --timeout 30s "$url" >/dev/null
  fi
  log "$label: wrk -t2 -c64 -d${SECONDS_}s --timeout 30s $url (load average $(cut -d' ' -f1 /proc/loadavg))"
  ticks=$(tree_ticks "$pid")
  out=$(wrk -t2 -c64 -d"${SECONDS_}s" --timeout 30s "$url")
  ticks=$(( $(tree_ticks "$pid") - ticks ))
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  if printf '%s\n' "$out" | grep -q 'Non-2xx'; then die "$label answered errors under load (above)"; fi
  if printf '%s\n' "$out" | grep -q 'Socket errors'; then
    log "WARNING: $label had socket errors or timeouts (above); those requests are not counted"
  fi
  requests=$(printf '%s\n' "$out" | awk '/ requests in / { print $1 }')
  printf '%s %s\n' "$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ { print $2 }')" \
    "$(calc "$ticks * 1000000 / $(getconf CLK_TCK) / $requests")"
}

if [ "$TINY_ONLY" != 1 ]; then
  echo "(a) 1 MiB file, wrk -t2 -c64 -d${SECONDS_}s" >&2
  OUT=$(wrk_rps "$P$SMALL_PATH" Plenary "$PLENARY_PID")
  read -r RPS_P CPU_P <<<"$OUT"
  OUT=$(wrk_rps "$N$SMALL_PATH" nginx "$NGINX_PID")
  read -r RPS_N CPU_N <<<"$OUT"
fi
echo "(a') 16 KiB file, wrk -t2 -c64 -d${SECONDS_}s" >&2
OUT=$(wrk_rps "$P$TINY_PATH" Plenary "$PLENARY_PID")
read -r TINY_P TCPU_P <<<"$OUT"
OUT=$(wrk_rps "$N$TINY_PATH" nginx "$NGINX_PID")
read -r TINY_N TCPU_N <<<"$OUT"
R_TINY=$(calc "$TINY_P / $TINY_N")
V_TINY=$(verdict "$R_TINY" '>=' "$GOAL_TINY")
if [ "$TINY_ONLY" = 1 ]; then
  echo
  echo "=== Summary: 16 KiB downloads of a published file, Plenary vs nginx on 127.0.0.1 ==="
  printf '%-38s %14s %14s %8s %8s  %s\n' measure Plenary nginx ratio goal result
  printf '%-38s %14s %14s %8s %8s  %s\n' "(a') 16 KiB file, requests/s (wrk ${SECONDS_}s)" "$(fmt 1 "$TINY_P")" \
    "$(fmt 1 "$TINY_N")" "$(fmt 2 "$R_TINY")" ">= $GOAL_TINY" "$V_TINY"
  printf '%-38s %14s %14s %8s\n' "(a') server CPU µs per request" "$(fmt 0 "$TCPU_P")" "$(fmt 0 "$TCPU_N")" \
    "$(fmt 2 "$(calc "$TCPU_P / $TCPU_N")")"
  echo "file: $TINY_PATH; ratio = Plenary / nginx; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  [ "$V_TINY" = PASS ]
  exit
fi

# best_speed URL LABEL: BIG_RUNS downloads of the big file; prints the best bytes/s.
best_speed() {
  local url=$1 label=$2 best=0 i out code size speed
  for i in $(seq 1 "$BIG_RUNS"); do
    out=$(curl -s -o /dev/null --max-time 600 -w '%{http_code} %{size_download} %{speed_download}' "$url")
    read -r code size speed <<<"$out"
    if [ "$code" != 200 ] || [ "$size" != $((BIG_MB * 1024 * 1024)) ]; then
      die "$label: download $i of the big file answered $code with $size bytes"
    fi
    log "$label: download $i: $(fmt 1 "$(calc "$speed / 1048576")") MiB/s"
    best=$(awk -v a="$best" -v b="$speed" 'BEGIN { print (b > a) ? b : a }')
  done
  echo "$best"
}

echo "(b) $BIG_MB MiB file, curl -o /dev/null, best of $BIG_RUNS" >&2
BIG_P=$(best_speed "$P$BIG_PATH" Plenary)
BIG_N=$(best_speed "$N$BIG_PATH" nginx)

R_RPS=$(calc "$RPS_P / $RPS_N")
R_BIG=$(calc "$BIG_P / $BIG_N")
V_RPS=$(verdict "$R_RPS" '>=' "$GOAL_RPS")
V_BIG=$(verdict "$R_BIG" '>=' "$GOAL_BIG")
echo
echo "=== Summary: downloads of published files, Plenary vs nginx (sendfile) on 127.0.0.1 ==="
printf '%-38s %14s %14s %8s %8s  %s\n' measure Plenary nginx ratio goal result
printf '%-38s %14s %14s %8s %8s  %s\n' "(a) 1 MiB file, requests/s (wrk ${SECONDS_}s)" "$(fmt 1 "$RPS_P")" \
  "$(fmt 1 "$RPS_N")" "$(fmt 2 "$R_RPS")" ">= $GOAL_RPS" "$V_RPS"
printf '%-38s %14s %14s %8s %8s  %s\n' "(a') 16 KiB file, requests/s (wrk ${SECONDS_}s)" "$(fmt 1 "$TINY_P")" \
  "$(fmt 1 "$TINY_N")" "$(fmt 2 "$R_TINY")" ">= $GOAL_TINY" "$V_TINY"
printf '%-38s %14s %14s %8s\n' "(a) server CPU µs per request" "$(fmt 0 "$CPU_P")" "$(fmt 0 "$CPU_N")" \
  "$(fmt 2 "$(calc "$CPU_P / $CPU_N")")"
printf '%-38s %14s %14s %8s\n' "(a') server CPU µs per request" "$(fmt 0 "$TCPU_P")" "$(fmt 0 "$TCPU_N")" \
  "$(fmt 2 "$(calc "$TCPU_P / $TCPU_N")")"
printf '%-38s %14s %14s %8s %8s  %s\n' "(b) $BIG_MB MiB file, best MiB/s of $BIG_RUNS" "$(fmt 1 "$(calc "$BIG_P / 1048576")")" \
  "$(fmt 1 "$(calc "$BIG_N / 1048576")")" "$(fmt 2 "$R_BIG")" ">= $GOAL_BIG" "$V_BIG"
echo "files: $SMALL_PATH (1 MiB), $TINY_PATH (16 KiB), $BIG_PATH ($BIG_MB MiB); ratio = Plenary / nginx;" \
  "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$V_RPS" = PASS ] && [ "$V_TINY" = PASS ] && [ "$V_BIG" = PASS ]; then exit 0; else exit 1; fi
