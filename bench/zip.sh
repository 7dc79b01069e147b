#!/usr/bin/env bash
# The ZIP of a published folder against the same bytes as one file, both from Plenary on 127.0.0.1.
#
# Publishes BENCH_ZIP_PARTS (8) files of random bytes summing to BENCH_ZIP_MB (1024) MiB in the demo's
# upcoming meeting, downloads /t/fg/cloud/docs/CODE/in.zip once (checked with unzip -t and
# `java -jar plenary.jar verify`), checks that a download cut in the middle and resumed with
# `curl -C -` is byte-identical, then publishes that very ZIP as a document of a second meeting so
# that Plenary serves the same bytes as one file (sendfile). Then BENCH_ZIP_RUNS (3) alternating
# downloads of each with `curl -o /dev/null` (once the server is idle: the search indexer reads what was
# just published): best MiB/s. Goal: ZIP / one file >= 0.8.
# Beside each download, the processor time the server spent on it (user + system, from /proc): the
# cost per GiB, which other processes on the machine do not change as much as they change MiB/s.
#
# Usage: bench/zip.sh     Exit status: 0 when the goal and every check pass, 1 otherwise, 2 when the run broke.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

TOTAL_MB=${BENCH_ZIP_MB:-1024}
PARTS=${BENCH_ZIP_PARTS:-8}
RUNS=${BENCH_ZIP_RUNS:-5}
GOAL=0.8

need curl curl
need jq jq
need unzip unzip
resolve_jar
PORT=""
free_port PORT "${BENCH_PORT:-18090}"
P=http://127.0.0.1:$PORT
DATA=$BENCH_TMP/plenary
mkdir -p "$DATA" "$BENCH_TMP/files"
CAP_MB=$(( TOTAL_MB + 64 ))
start_plenary "$PORT" "$DATA" --plenary.ftp.enabled=false --plenary.contributions.max-size="${CAP_MB}MB" \
  --spring.servlet.multipart.max-file-size="$((CAP_MB + 1))MB" \
  --spring.servlet.multipart.max-request-size="$((CAP_MB + 1))MB"
ALICE=$(token "$P" alice alice-demo)
TSB=$(token "$P" tsb tsb-demo)
CODE=$(upcoming_meeting "$P")

# publish_file MEETING FILE TITLE EXT: allocates, uploads the file as NUMBER.EXT, publishes; prints the number.
publish_file() {
  local meeting=$1 file=$2 title=$3 ext=$4 number status
  number=$(curl -sf -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' \
    -d "{\"title\":\"$title\",\"source\":\"bench/zip.sh\"}" \
    "$P/api/v1/groups/cloud/meetings/$meeting/contributions" | jq -r '.number // empty') || true
  [ -n "$number" ] || die "could not allocate a number in $meeting for $title"
  ln -f "$file" "$BENCH_TMP/files/$number.$ext"
  status=$(curl -s -o "$BENCH_TMP/upload.json" -w '%{http_code}' --max-time 1200 -H "Authorization: Bearer $ALICE" \
    -F "file=@$BENCH_TMP/files/$number.$ext" "$P/api/v1/contributions/$number/files")
  [ "$status" = 201 ] || die "upload of $number answered $status: $(head -c 500 "$BENCH_TMP/upload.json")"
  rm -f "$BENCH_TMP/files/$number.$ext"
  status=$(curl -sf -X POST -H "Authorization: Bearer $TSB" "$P/api/v1/contributions/$number/publish" | jq -r .status) || true
  [ "$status" = PUBLISHED ] || die "could not publish $number (status: $status)"
  echo "$number"
}

PART_BYTES=$(( TOTAL_MB * 1024 * 1024 / PARTS ))
for i in $(seq 1 "$PARTS"); do
  head -c "$PART_BYTES" /dev/urandom >"$BENCH_TMP/part"
  n=$(publish_file "$CODE" "$BENCH_TMP/part" "ZIP benchmark part $i" pdf)
  log "published $n ($PART_BYTES bytes)"
done
rm -f "$BENCH_TMP/part"

ZIP_URL=$P/t/fg/cloud/docs/$CODE/in.zip
curl -sf -o "$BENCH_TMP/folder.zip" "$ZIP_URL" || die "could not download $ZIP_URL"
SIZE=$(stat -c %s "$BENCH_TMP/folder.zip")
log "in.zip: $SIZE bytes"
echo "checks:" >&2
check "unzip -t reads in.zip" unzip -tqq "$BENCH_TMP/folder.zip"
check "java -jar plenary.jar verify in.zip says ok" java -jar "$JAR" verify "$BENCH_TMP/folder.zip" --site "$P"
curl -sf -r 0-$((SIZE / 2)) -o "$BENCH_TMP/resumed.zip" "$ZIP_URL" || die "could not download the first half"
check "a download cut at half and resumed with curl -C - is byte-identical" \
  bash -c "curl -sf -C - -o '$BENCH_TMP/resumed.zip' '$ZIP_URL' && cmp '$BENCH_TMP/resumed.zip' '$BENCH_TMP/folder.zip'"
rm -f "$BENCH_TMP/resumed.zip"

# A second meeting holds the ZIP's bytes as one published file: the baseline, sent with sendfile.
START=$(date -d '+20 weeks' +%F)
END=$(date -d '+20 weeks +1 day' +%F)
OTHER=$(curl -sf -H "Authorization: Bearer $TSB" -H 'Content-Type: application/json' \
  -d "{\"startDate\":\"$START\",\"endDate\":\"$END\",\"venueName\":\"Geneva\",\"venueCode\":\"zip\",\"languages\":\"English\",\"latePolicy\":\"FLAG\",\"timeZone\":\"Europe/Zurich\"}" \
  "$P/api/v1/groups/cloud/meetings" | jq -r '.code // empty') || true
[ -n "$OTHER" ] || die "could not schedule a second meeting for the one-file baseline"
ONE=$(publish_file "$OTHER" "$BENCH_TMP/folder.zip" "The ZIP as one file" zip)
ONE_URL=$P/t/fg/cloud/docs/$OTHER/in/$ONE.zip
rm -f "$BENCH_TMP/folder.zip"

HZ=$(getconf CLK_TCK)
# speed URL LABEL [CPU_FILE]: downloads URL once, prints its bytes/s; appends the server's processor
# seconds per GiB for it to CPU_FILE.
speed() {
  local url=$1 label=$2 cpu_file=${3:-/dev/null} out code size speed before after cpu
  before=$(busy_ticks "$PLENARY_PID")
  out=$(curl -s -o /dev/null --max-time 600 -w '%{http_code} %{size_download} %{speed_download}' "$url")
  after=$(busy_ticks "$PLENARY_PID")
  read -r code size speed <<<"$out"
  [ "$code" = 200 ] && [ "$size" = "$SIZE" ] || die "$label answered $code with $size bytes (expected $SIZE)"
  cpu=$(calc "($after - $before) / $HZ / ($SIZE / 1073741824)")
  echo "$cpu" >>"$cpu_file"
  log "$label: $(fmt 1 "$(calc "$speed / 1048576")") MiB/s, server $(fmt 2 "$cpu") processor s/GiB (load $(cut -d' ' -f1 /proc/loadavg))"
  echo "$speed"
}

# The search indexer reads every file just published (the eight parts, and the ZIP's members again
# inside the one-file copy): measured beside the downloads, that work took a core from them.
log "waiting until Plenary is idle (the search indexer reads the files just published)"
wait_quiet "$PLENARY_PID"
speed "$ZIP_URL" "in.zip (unmeasured warm-up)" >/dev/null
speed "$ONE_URL" "one file (unmeasured warm-up)" >/dev/null
BEST_ZIP=0 BEST_ONE=0
for i in $(seq 1 "$RUNS"); do
  s=$(speed "$ZIP_URL" "in.zip, run $i" "$BENCH_TMP/cpu-zip"); echo "$s" >>"$BENCH_TMP/speed-zip"; BEST_ZIP=$(awk -v a="$BEST_ZIP" -v b="$s" 'BEGIN { print (b > a) ? b : a }')
  s=$(speed "$ONE_URL" "one file, run $i" "$BENCH_TMP/cpu-one"); echo "$s" >>"$BENCH_TMP/speed-one"; BEST_ONE=$(awk -v a="$BEST_ONE" -v b="$s" 'BEGIN { print (b > a) ? b : a }')
done
RATIO=$(calc "$BEST_ZIP / $BEST_ONE")
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
MEDIAN_ZIP=$(median "$BENCH_TMP/speed-zip")
MEDIAN_ONE=$(median "$BENCH_TMP/speed-one")
CPU_ZIP=$(median "$BENCH_TMP/cpu-zip")
CPU_ONE=$(median "$BENCH_TMP/cpu-one")
V=$(verdict "$RATIO" '>=' "$GOAL")
echo
echo "=== Summary: the ZIP of a $TOTAL_MB MiB folder ($PARTS files) vs the same bytes as one file, Plenary on 127.0.0.1 ==="
printf '%-44s %14s %14s %8s %8s  %s\n' measure in.zip "one file" ratio goal result
printf '%-44s %14s %14s %8s %8s  %s\n' "best MiB/s of $RUNS, curl -o /dev/null" "$(fmt 1 "$(calc "$BEST_ZIP / 1048576")")" \
  "$(fmt 1 "$(calc "$BEST_ONE / 1048576")")" "$(fmt 2 "$RATIO")" ">= $GOAL" "$V"
printf '%-44s %14s %14s %8s\n' "median MiB/s of $RUNS" "$(fmt 1 "$(calc "$MEDIAN_ZIP / 1048576")")" \
  "$(fmt 1 "$(calc "$MEDIAN_ONE / 1048576")")" "$(fmt 2 "$(calc "$MEDIAN_ZIP / $MEDIAN_ONE")")"
printf '%-44s %14s %14s\n' "server processor s/GiB, median of $RUNS" "$(fmt 2 "$CPU_ZIP")" "$(fmt 2 "$CPU_ONE")"
echo "bytes: $SIZE; ratio = in.zip / one file; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$V" = PASS ] && [ "$FAILED" = 0 ]; then exit 0; else exit 1; fi
