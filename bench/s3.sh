#!/usr/bin/env bash
# Uploads over HTTP with documents on S3 (S3Proxy on loopback) beside the file-system store.
#
# Measures: the same demo server started twice, on the file-system store and on S3
#   (--plenary.documents.store=s3, S3Proxy started with bench/s3proxy.sh), one after the other.
#   On each: BENCH_SMALL_COUNT (20) uploads of 1 MiB, one after the other, and one of
#   BENCH_BIG_MB (1024) MiB, through POST /api/v1/contributions/{number}/files with curl. Every
#   upload's SHA-256 (answered by the API) is checked against the file sent, and the big one is
#   published, downloaded back and checked too, before anything is printed. Beside each time, the
#   server side's CPU time (Plenary's, and S3Proxy's on S3, also printed apart), which the load of other processes
#   disturbs less than the time itself, and for the big upload the MiB each process wrote to the disk
#   meanwhile (write_bytes of /proc/PID/io: the file system's O_DIRECT writes, S3Proxy's parts and objects).
# Goal: upload time on S3 / on the file system <= 1.5 for 1 MiB (mean) and for the big file.
#
# Usage: bench/s3.sh
# Environment: PLENARY_JAR, BENCH_PORT (14400), BENCH_S3_PORT (14401), BENCH_SMALL_COUNT (20),
#   BENCH_BIG_MB (1024), BENCH_S3_ARGS (more options for Plenary on S3, e.g.
#   --plenary.documents.s3.part-size=16MB), S3PROXY_CLASSPATH, S3PROXY_PROVIDER, S3PROXY_HEAP and
#   S3PROXY_JAVA_OPTS (see bench/s3proxy.sh), and those in bench/lib.sh.
# Exit status: 0 when both ratios meet the goal, 1 when one does not, 2 when the run itself broke.
set -euo pipefail
# shellcheck source=lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

COUNT=${BENCH_SMALL_COUNT:-20}
BIG_MB=${BENCH_BIG_MB:-1024}
GOAL=1.5

need curl curl
need jq jq
need sha256sum coreutils
resolve_jar
PORT="" S3_PORT=""
free_port PORT "${BENCH_PORT:-14400}"
free_port S3_PORT "${BENCH_S3_PORT:-14401}"
P=http://127.0.0.1:$PORT
mkdir -p "$BENCH_TMP/files"
CAP_MB=$(( BIG_MB + 64 ))

head -c $((1024 * 1024)) /dev/urandom >"$BENCH_TMP/files/small"
head -c $((BIG_MB * 1024 * 1024)) /dev/urandom >"$BENCH_TMP/files/big"
SMALL_SHA=$(sha256sum "$BENCH_TMP/files/small" | cut -d' ' -f1)
BIG_SHA=$(sha256sum "$BENCH_TMP/files/big" | cut -d' ' -f1)

# ticks PID...: CPU clock ticks used so far by those processes.
ticks() {
  local p
  for p in "$@"; do cat "/proc/$p/stat" 2>/dev/null; done | awk '{ sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}

# written PID: the bytes that process caused to be written to the disk so far (/proc/PID/io), 0 if unknown.
written() {
  if [ -r "/proc/$1/io" ]; then
    awk '/^write_bytes:/ { w = $2 } END { print w + 0 }' "/proc/$1/io" 2>/dev/null
  else
    echo 0
  fi
}

# server_ticks: "PLENARY S3PROXY PLENARY_WRITTEN S3PROXY_WRITTEN", the CPU clock ticks used so far by
# Plenary and by S3Proxy (0 when it does not run), and the bytes each wrote to the disk.
server_ticks() {
  local proxy=0 proxy_written=0 pid
  if [ -f "$BENCH_TMP/s3proxy/s3proxy.pid" ]; then
    pid=$(cat "$BENCH_TMP/s3proxy/s3proxy.pid")
    proxy=$(ticks "$pid")
    proxy_written=$(written "$pid")
  fi
  echo "$(ticks "$PLENARY_PID") $proxy $(written "$PLENARY_PID") $proxy_written"
}

# upload FILE SHA: allocates a number, uploads FILE as NUMBER.pdf, checks the SHA-256 the API
# answers, and prints the seconds the upload took, the server side's CPU milliseconds (Plenary's
# and S3Proxy's) and the MiB each wrote to the disk meanwhile.
upload() {
  local file=$1 sha=$2 number out before after b a
  number=$(curl -sf -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
    -d '{"title":"S3 benchmark","source":"bench/s3.sh"}' \
    "$P/api/v1/groups/cloud/meetings/$CODE/contributions" | jq -r '.number // empty') || true
  [ -n "$number" ] || die "could not allocate a number"
  cp "$file" "$BENCH_TMP/files/$number.pdf"
  before=$(server_ticks)
  out=$(curl -s -o "$BENCH_TMP/upload.json" -w '%{http_code} %{time_total}' --max-time 1200 \
    -H "Authorization: Bearer $ALICE" -F "file=@$BENCH_TMP/files/$number.pdf;type=application/pdf" \
    "$P/api/v1/contributions/$number/files")
  rm -f "$BENCH_TMP/files/$number.pdf"
  [ "${out%% *}" = 201 ] || die "upload of $number answered ${out%% *}: $(head -c 500 "$BENCH_TMP/upload.json")"
  grep -q "$sha" "$BENCH_TMP/upload.json" || die "the SHA-256 recorded for $number is not the file's"
  echo "$number" >"$BENCH_TMP/last"  # (run in $(...): a variable would not come back)
  after=$(server_ticks)
  read -r -a b <<<"$before"
  read -r -a a <<<"$after"
  echo "${out#* } $(calc "(${a[0]} - ${b[0]}) * 1000 / $(getconf CLK_TCK)")" \
    "$(calc "(${a[1]} - ${b[1]}) * 1000 / $(getconf CLK_TCK)")" \
    "$(calc "(${a[2]} - ${b[2]}) / 1048576") $(calc "(${a[3]} - ${b[3]}) / 1048576")"
}

# run STORE [ARGS...]: starts Plenary on that store, measures, stops it; sets SMALL_<STORE>, BIG_<STORE>.
run() {
  local store=$1 total=0 cpu=0 proxy=0 i r plenary s3proxy big big_ms big_proxy wrote proxy_wrote
  shift
  start_plenary "$PORT" "$BENCH_TMP/$store" --plenary.ftp.address=127.0.0.1 --plenary.ftp.port=0 \
    --plenary.contributions.max-size="${CAP_MB}MB" \
    --spring.servlet.multipart.max-file-size="$((CAP_MB + 1))MB" \
    --spring.servlet.multipart.max-request-size="$((CAP_MB + 1))MB" "$@"
  ALICE=$(token "$P" alice alice-demo)
  TSB=$(token "$P" tsb tsb-demo)
  CODE=$(upcoming_meeting "$P")
  upload "$BENCH_TMP/files/small" "$SMALL_SHA" >/dev/null  # warm-up
  for i in $(seq 1 "$COUNT"); do
    read -r r plenary s3proxy _ < <(upload "$BENCH_TMP/files/small" "$SMALL_SHA")
    total=$(calc "$total + $r")
    cpu=$(calc "$cpu + $plenary + $s3proxy")
    proxy=$(calc "$proxy + $s3proxy")
  done
  read -r big plenary big_proxy wrote proxy_wrote < <(upload "$BENCH_TMP/files/big" "$BIG_SHA")
  big_ms=$(calc "$plenary + $big_proxy")
  LAST=$(cat "$BENCH_TMP/last")
  curl -sf -X POST -H "Authorization: Bearer $TSB" "$P/api/v1/contributions/$LAST/publish" >/dev/null \
    || die "could not publish $LAST"
  curl -sf "$P/t/fg/cloud/docs/$CODE/in/$LAST.pdf" | sha256sum \
    | grep -q "$BIG_SHA" || die "the $BIG_MB MiB file read back from the $store store differs"
  printf -v "SMALL_$store" '%s' "$(calc "$total / $COUNT")"
  printf -v "BIG_$store" '%s' "$big"
  printf -v "SMALL_CPU_$store" '%s' "$(calc "$cpu / $COUNT")"
  printf -v "BIG_CPU_$store" '%s' "$big_ms"
  printf -v "SMALL_PROXY_$store" '%s' "$(calc "$proxy / $COUNT")"
  printf -v "BIG_PROXY_$store" '%s' "$big_proxy"
  printf -v "BIG_WROTE_$store" '%s' "$wrote"
  printf -v "BIG_PROXY_WROTE_$store" '%s' "$proxy_wrote"
  log "$store: 1 MiB mean $(calc "$total / $COUNT") s (server CPU $(calc "$cpu / $COUNT") ms, S3Proxy's" \
    "$(calc "$proxy / $COUNT") ms of it), $BIG_MB MiB $big s (server CPU $big_ms ms, S3Proxy's $big_proxy ms of it;" \
    "written to disk: Plenary $(fmt 0 "$wrote") MiB, S3Proxy $(fmt 0 "$proxy_wrote") MiB)" \
    "(load average $(cut -d' ' -f1 /proc/loadavg))"
  stop_pid "$PLENARY_PID"
}

run fs
"$BENCH_DIR/s3proxy.sh" start "$BENCH_TMP/s3proxy" "$S3_PORT" >/dev/null
BENCH_CLEANUP+=("'$BENCH_DIR/s3proxy.sh' stop '$BENCH_TMP/s3proxy'")
# shellcheck disable=SC2086
run s3 --plenary.documents.store=s3 --plenary.documents.s3.endpoint="http://127.0.0.1:$S3_PORT" \
  --plenary.documents.s3.access-key=plenary --plenary.documents.s3.secret-key=plenary-secret \
  --plenary.documents.s3.path-style=true ${BENCH_S3_ARGS:-}

echo "S3 (S3Proxy on loopback) against the file-system store, HTTP uploads (SHA-256 checked):"
printf '  1 MiB (mean of %s): fs %s s, s3 %s s, ratio %s; server CPU fs %s ms, s3 %s ms (S3Proxy %s)\n' "$COUNT" \
  "$(fmt 4 "$SMALL_fs")" "$(fmt 4 "$SMALL_s3")" "$(fmt 2 "$(calc "$SMALL_s3 / $SMALL_fs")")" \
  "$(fmt 1 "$SMALL_CPU_fs")" "$(fmt 1 "$SMALL_CPU_s3")" "$(fmt 1 "$SMALL_PROXY_s3")"
printf '  %s MiB: fs %s s, s3 %s s, ratio %s; server CPU fs %s ms, s3 %s ms (S3Proxy %s)\n' "$BIG_MB" "$(fmt 2 "$BIG_fs")" \
  "$(fmt 2 "$BIG_s3")" "$(fmt 2 "$(calc "$BIG_s3 / $BIG_fs")")" "$(fmt 0 "$BIG_CPU_fs")" "$(fmt 0 "$BIG_CPU_s3")" \
  "$(fmt 0 "$BIG_PROXY_s3")"
printf '  %s MiB written to the disk meanwhile: fs %s MiB, s3 %s MiB (Plenary) + %s MiB (S3Proxy, %s)\n' "$BIG_MB" \
  "$(fmt 0 "$BIG_WROTE_fs")" "$(fmt 0 "$BIG_WROTE_s3")" "$(fmt 0 "$BIG_PROXY_WROTE_s3")" "${S3PROXY_PROVIDER:-filesystem}"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
STATUS=0
for ratio in "$(calc "$SMALL_s3 / $SMALL_fs")" "$(calc "$BIG_s3 / $BIG_fs")"; do
  [ "$(verdict "$ratio" "<=" "$GOAL")" = PASS ] || STATUS=1
done
[ "$STATUS" = 0 ] && echo "PASS (goal: ratios <= $GOAL)" || echo "FAIL (goal: ratios <= $GOAL)"
exit "$STATUS"
