#!/usr/bin/env bash
# Folder listing of a large meeting.
#
# Measures: a demo server whose upcoming meeting holds BENCH_DOCS (100,000) published documents
#   through the API, from wrk (bench/allocate.lua): authors allocate every number, then upload a tiny
#   NUMBER.txt for each over BENCH_POPULATE_CLIENTS connections, then the secretariat publishes them all
#   over BENCH_PUBLISH_CLIENTS, which the server makes in batches: one transaction and one manifest
#   version per batch; or a copy of such a fill saved by an earlier run, BENCH_FILLED), then the latency of the folder
#   listing /t/fg/cloud/docs/CODE/in/ as HTML and as JSON (Accept: application/json), each plain and
#   as browsers and rclone ask for it (Accept-Encoding: gzip; checked to unpack to the same listing),
#   and of a page of the API's register (limit=100, after a number half-way), once the server is idle, with wrk --latency -t1 -c4 for
#   BENCH_SECONDS (15) each, with the server's CPU time per request (user + system, from /proc); the
#   peer beside each listing: nginx on 127.0.0.1 serving the very same bytes (the listings just
#   fetched, and their gzipped copies through gzip_static) as static files with sendfile, under the
#   same wrk command, so that what the client and the loopback cost (wrk's one thread reads 30 MB per
#   request, 8 KiB at a time: its own CPU a request is printed beside the servers') shows apart from what the
#   server adds; each listing's time to the first byte (median of BENCH_TTFB_RUNS requests one at a time, curl);
#   then the same folder over FTP with MLSD (anonymous, passive),
#   BENCH_MLSD_RUNS (5) times: every document must be listed; best time, and the server's heap after
#   a full GC while idle and while an MLSD of the folder is stalled by a client that stopped reading
#   after 64 KiB (a listing held in memory would show as the difference).
# Goal: p99 <= 50 ms for the five (the table prints nginx's p99 on the same bytes beside Plenary's).
#
# Usage: bench/listing.sh
# Environment: PLENARY_JAR, BENCH_PORT (18080), BENCH_FTP_PORT (12121), BENCH_NGINX_PORT (BENCH_PORT + 1 or
#   the next free one), BENCH_PASSIVE_PORTS (FROM-TO, the FTP passive range; default any free port), BENCH_DOCS (100000),
#   BENCH_POPULATE_CLIENTS (8), BENCH_PUBLISH_CLIENTS (64), BENCH_FILLED (a folder: when it holds a fill of
#   BENCH_DOCS saved by an earlier run, the server starts on a copy of that data folder instead of being
#   filled; else the fill is saved there, the server stopped for it and started again),
#   BENCH_SECONDS (15), BENCH_WARMUP (5, seconds of wrk before each measured run), BENCH_PATH_WARMUP (30,
#   seconds of ranged requests of each listing, then of the API's page, before the first measured run),
#   BENCH_CONNECTIONS (4), BENCH_GOAL_P99_MS (50), BENCH_TTFB_RUNS (20), and those in bench/lib.sh.
# Exit status: 0 when every listing meets the goal, 1 when one does not, 2 when the run itself broke.
set -euo pipefail
# shellcheck source=lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

DOCS=${BENCH_DOCS:-100000}
POP_CLIENTS=${BENCH_POPULATE_CLIENTS:-8}
PUB_CLIENTS=${BENCH_PUBLISH_CLIENTS:-64}
SECONDS_=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-5}
CONNS=${BENCH_CONNECTIONS:-4}
GOAL=${BENCH_GOAL_P99_MS:-50}

need curl curl
need jq jq
need python3 python3
need wrk wrk
need nginx nginx-light nginx
resolve_jar
PORT=""
free_port PORT "${BENCH_PORT:-18080}"
FTP_PORT=""
free_port FTP_PORT "${BENCH_FTP_PORT:-12121}"
P=http://127.0.0.1:$PORT
DATA=$BENCH_TMP/plenary
mkdir -p "$DATA"

NGINX_PORT=""
free_port NGINX_PORT "${BENCH_NGINX_PORT:-$((PORT + 1))}"
start() {
  start_plenary "$PORT" "$DATA" --plenary.ftp.address=127.0.0.1 --plenary.ftp.port="$FTP_PORT" \
    ${BENCH_PASSIVE_PORTS:+--plenary.ftp.passive-ports="$BENCH_PASSIVE_PORTS"} "$@"
}
# A server on the filled demo database, documents and search index of $DATA, not in demo mode, whose
# start rebuilds its embedded database empty (the demo's sign-ins are not needed to read the folder).
start_filled() {
  BENCH_DEMO=0 start \
    --spring.datasource.url="jdbc:h2:file:$DATA/demo/plenary;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0;QUERY_CACHE_SIZE=64" \
    --spring.flyway.locations=classpath:db/migration,classpath:db/baseline \
    --plenary.documents-dir="$DATA/demo/documents" --plenary.search.index-dir="$DATA/demo/search"
}
FILL=${BENCH_FILLED:-}
if [ -n "$FILL" ] && [ -e "$FILL/populate.json" ]; then
  # A data folder that a run of this script filled and saved: the server starts on a copy of it.
  [ "$(jq -r .count "$FILL/populate.json")" = "$DOCS" ] \
    || die "$FILL holds $(jq -r .count "$FILL/populate.json") documents, not BENCH_DOCS=$DOCS"
  log "copying the filled data folder $FILL (saved by an earlier run, $(jq -r .count "$FILL/populate.json") documents)"
  cp -a "$FILL/data/." "$DATA/"
  cp "$FILL/populate.json" "$BENCH_TMP/populate.json"
  start_filled
  CODE=$(upcoming_meeting "$P")
else
  start
  ALICE=$(token "$P" alice alice-demo)
  TSB=$(token "$P" tsb tsb-demo)
  CODE=$(upcoming_meeting "$P")
  log "publishing $DOCS documents into /t/fg/cloud/docs/$CODE/in/: authors allocate and upload, then the secretariat publishes (wrk, $POP_CLIENTS and $PUB_CLIENTS connections)"
  python3 "$BENCH_DIR/load.py" populate --base "$P" --meeting "$CODE" --token "$ALICE" \
    --secretariat-token "$TSB" --count "$DOCS" --clients "$POP_CLIENTS" --publish-clients "$PUB_CLIENTS" \
    >"$BENCH_TMP/populate.json" || die "could not publish the documents: $(cat "$BENCH_TMP/populate.json")"
  if [ -n "$FILL" ]; then
    # Saved for the next runs (of this jar or another): the server stopped, so its database is closed whole.
    log "saving the filled data folder in $FILL"
    wait_quiet "$PLENARY_PID"
    stop_plenary
    mkdir -p "$FILL/data"
    (cd "$DATA" && tar --exclude=./tmp --exclude=./cache --exclude=./plenary.log -cf - .) | (cd "$FILL/data" && tar -xf -)
    cp "$BENCH_TMP/populate.json" "$FILL/populate.json"
    start_filled
  fi
fi
FOLDER=/t/fg/cloud/docs/$CODE/in/
FILLED="$(jq -r '.upload_seconds | floor' "$BENCH_TMP/populate.json") s allocating and uploading, $(jq -r '.publish_seconds | floor' "$BENCH_TMP/populate.json") s publishing"
[ -z "$FILL" ] || FILLED="$FILLED (the fill saved in $FILL)"
log "published $DOCS documents: $FILLED"
VERSIONS=$(curl -sf "$P${FOLDER}MANIFEST.json" | jq -r '.version') || die "no MANIFEST.json in $FOLDER"
log "the folder's manifest is at version $VERSIONS"

# What the publications left the server to do (search indexing of the files, mails) would otherwise run
# beside the first measurements, and count in their latency and CPU.
log "waiting until Plenary is idle (search indexing and mails of what was just published)"
QUIET_FROM=$(date +%s)
wait_quiet "$PLENARY_PID"
log "Plenary idle after $(( $(date +%s) - QUIET_FROM )) s"

# Both listings must show every document.
curl -sf -H 'Accept: application/json' "$P$FOLDER" >"$BENCH_TMP/listing.json"
curl -sf -H 'Accept: text/html' "$P$FOLDER" >"$BENCH_TMP/listing.html"
JSON_N=$(jq '[.entries[] | select(.type == "file")] | length' "$BENCH_TMP/listing.json")
HTML_N=$(grep -o 'FG-Cloud-I-[0-9]*\.txt' "$BENCH_TMP/listing.html" | sort -u | wc -l)
[ "$JSON_N" -ge "$DOCS" ] || die "the JSON listing shows $JSON_N files, expected $DOCS"
[ "$HTML_N" -ge "$DOCS" ] || die "the HTML listing names $HTML_N files, expected $DOCS"
JSON_KB=$(( $(stat -c %s "$BENCH_TMP/listing.json") / 1024 ))
HTML_KB=$(( $(stat -c %s "$BENCH_TMP/listing.html") / 1024 ))
log "listing sizes: HTML ${HTML_KB} KiB ($HTML_N files), JSON ${JSON_KB} KiB ($JSON_N files)"
# As browsers and rclone ask (Accept-Encoding: gzip): the answer must be gzipped and, unpacked, the same listing.
for kind in html json; do
  curl -sf -D "$BENCH_TMP/gz.$kind.headers" -H "Accept: $([ $kind = html ] && echo text/html || echo application/json)" \
    -H 'Accept-Encoding: gzip' "$P$FOLDER" >"$BENCH_TMP/listing.$kind.gz" || die "could not fetch the gzipped $kind listing"
  grep -qi '^content-encoding: *gzip' "$BENCH_TMP/gz.$kind.headers" || die "the $kind listing was not gzipped for a client that accepts gzip"
  gunzip -c "$BENCH_TMP/listing.$kind.gz" | cmp -s - "$BENCH_TMP/listing.$kind" || die "the gzipped $kind listing differs from the plain one"
done
HTML_GZ_KB=$(( $(stat -c %s "$BENCH_TMP/listing.html.gz") / 1024 ))
JSON_GZ_KB=$(( $(stat -c %s "$BENCH_TMP/listing.json.gz") / 1024 ))
log "gzipped: HTML ${HTML_GZ_KB} KiB, JSON ${JSON_GZ_KB} KiB, each the same listing unpacked"

# The peer: nginx serving the very same bytes as static files (gzip_static sends the .gz copy to a
# client that accepts gzip).
NG=$BENCH_TMP/nginx
mkdir -p "$NG/www"
for kind in html json; do
  cp "$BENCH_TMP/listing.$kind" "$BENCH_TMP/listing.$kind.gz" "$NG/www/"
done
start_nginx "$NG" "$NGINX_PORT" "$NG/www" /listing.json "bench/listing.sh: Plenary's listings as static files" \
  "  gzip_static on;
  types { text/html html; application/json json; }"
N=http://127.0.0.1:$NGINX_PORT
for kind in html json; do
  curl -sf "$N/listing.$kind" | cmp -s - "$BENCH_TMP/listing.$kind" || die "nginx does not send the same $kind listing"
  curl -sf -H 'Accept-Encoding: gzip' "$N/listing.$kind" | cmp -s - "$BENCH_TMP/listing.$kind.gz" \
    || die "nginx does not send the same gzipped $kind listing"
done

# measure LABEL PID ACCEPT URL [ENCODING]: wrk --latency (with Accept-Encoding: ENCODING when given); prints
# "p50_ms p99_ms requests_per_s socket_errors cpu_us_per_request client_cpu_us_per_request", the CPU being that of
# PID and its children, the client's that of wrk itself (user + system), which reads each connection 8 KiB at a
# time with an ioctl(FIONREAD) after each read: on a 20 MB listing it costs more than the server (wrk leaves
# requests that time out or fail out of its latencies, so any socket error fails the goal).
measure() {
  local label=$1 pid=$2 accept=$3 url=$4 out ticks client
  local -a headers=(-H "Accept: $accept")
  [ -z "${5:-}" ] || headers+=(-H "Accept-Encoding: $5")
  if [ "$WARMUP" -gt 0 ]; then
    log "$label: wrk warm-up ${WARMUP} s"
    wrk -t1 -c"$CONNS" -d"${WARMUP}s" --timeout 60s "${headers[@]}" "$url" >/dev/null
  fi
  log "$label: wrk --latency -t1 -c$CONNS -d${SECONDS_}s --timeout 60s ${headers[*]} $url (load average $(cut -d' ' -f1 /proc/loadavg))"
  ticks=$(tree_ticks "$pid")
  client=$( { TIMEFORMAT='%3U %3S'; time wrk --latency -t1 -c"$CONNS" -d"${SECONDS_}s" --timeout 60s "${headers[@]}" "$url" \
    >"$BENCH_TMP/wrk.out"; } 2>&1)
  ticks=$(( $(tree_ticks "$pid") - ticks ))
  out=$(cat "$BENCH_TMP/wrk.out")
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  if printf '%s\n' "$out" | grep -q 'Non-2xx'; then die "$label answered errors under load (above)"; fi
  printf '%s\n' "$out" | awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" -v client="$client" '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    / requests in / { requests = $1 }
    $1 == "Requests/sec:" { rps = $2 }
    $1 == "Socket" && $2 == "errors:" { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
    END {
      if (p50 == "" || p99 == "" || requests == 0) exit 1
      split(client, c, " ")
      printf "%s %s %s %d %.0f %.0f\n", p50, p99, rps, errors, ticks * 1000000 / hz / requests, (c[1] + c[2]) * 1000000 / requests
    }'
}

# The request path of a server that has served listings for a while: BENCH_PATH_WARMUP (30) seconds of each
# listing asked for its first 128 KiB (Range; a 206 sent with sendfile like the whole one, through the same
# filters, controller, preconditions and kept file), then of the API's page, so that the measured runs do not
# time the interpreter and the JIT compiling that path (a few hundred whole listings, all that the short
# warm-up of each run sends, leave it mostly uncompiled: see bench/README.md).
REGISTER=/api/v1/groups/cloud/meetings/$CODE/contributions
MIDDLE=$(jq -r '[.entries[] | select(.type == "file") | .number] | sort | .[length / 2 | floor]' "$BENCH_TMP/listing.json")
PAGE_URL="$P$REGISTER?limit=100&after=$MIDDLE"
PATH_WARMUP=${BENCH_PATH_WARMUP:-30}
if [ "$PATH_WARMUP" -gt 0 ]; then
  for accept in text/html application/json; do
    for encoding in identity gzip; do
      ticks=$(tree_ticks "$PLENARY_PID")
      out=$(wrk -t1 -c"$CONNS" -d"${PATH_WARMUP}s" --timeout 60s -H "Accept: $accept" -H "Accept-Encoding: $encoding" \
        -H 'Range: bytes=0-131071' "$P$FOLDER")
      ticks=$(( $(tree_ticks "$PLENARY_PID") - ticks ))
      if printf '%s\n' "$out" | grep -q 'Non-2xx'; then die "the ranged $accept listing answered errors (wrk: $out)"; fi
      log "path warm-up, $accept ($encoding), first 128 KiB: $(printf '%s\n' "$out" | awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" \
        '/ requests in / { n = $1 } END { printf "%d requests, %.0f us of server CPU a request", n, t * 1000000 / hz / n }')"
    done
  done
  wrk -t1 -c"$CONNS" -d"${PATH_WARMUP}s" --timeout 60s -H 'Accept: application/json' "$PAGE_URL" >/dev/null
  log "path warm-up: the API's page for ${PATH_WARMUP} s"
fi

# Each listing from Plenary, then the same bytes from nginx under the same command.
HTML=$(measure HTML "$PLENARY_PID" text/html "$P$FOLDER") || die "could not measure the HTML listing"
NG_HTML=$(measure "nginx HTML" "$NGINX_PID" text/html "$N/listing.html") || die "could not measure nginx's HTML"
JSON=$(measure JSON "$PLENARY_PID" application/json "$P$FOLDER") || die "could not measure the JSON listing"
NG_JSON=$(measure "nginx JSON" "$NGINX_PID" application/json "$N/listing.json") || die "could not measure nginx's JSON"
HTML_GZ=$(measure "HTML gzip" "$PLENARY_PID" text/html "$P$FOLDER" gzip) || die "could not measure the gzipped HTML listing"
NG_HTML_GZ=$(measure "nginx HTML gzip" "$NGINX_PID" text/html "$N/listing.html" gzip) || die "could not measure nginx's gzipped HTML"
JSON_GZ=$(measure "JSON gzip" "$PLENARY_PID" application/json "$P$FOLDER" gzip) || die "could not measure the gzipped JSON listing"
NG_JSON_GZ=$(measure "nginx JSON gzip" "$NGINX_PID" application/json "$N/listing.json" gzip) || die "could not measure nginx's gzipped JSON"
# A page of the API's register half-way through the meeting: 100 contributions after that number (PAGE_URL).
PAGE_N=$(curl -sf "$PAGE_URL" | jq 'length') || die "could not read $PAGE_URL"
[ "$PAGE_N" = 100 ] || die "$PAGE_URL answered $PAGE_N contributions, expected 100"
PAGE=$(measure "API page" "$PLENARY_PID" application/json "$PAGE_URL") || die "could not measure the API's page"
# Time to the first byte of each listing, one request at a time (curl, the server otherwise idle): what the server
# takes before sending (filters, the register's version, preconditions, the kept file chosen), apart from the transfer.
TTFB_RUNS=${BENCH_TTFB_RUNS:-20}
# ttfb ACCEPT ENCODING URL: the median time to the first byte, in ms, of TTFB_RUNS requests.
ttfb() {
  local i
  for i in $(seq 1 "$TTFB_RUNS"); do
    curl -sf -o /dev/null -H "Accept: $1" -H "Accept-Encoding: $2" -w '%{time_starttransfer}\n' "$3" \
      || die "could not fetch $3 ($1, $2)"
  done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] * 1000 }'
}
for kind in HTML JSON HTMLgz JSONgz; do
  case $kind in HTML*) accept=text/html file=listing.html ;; *) accept=application/json file=listing.json ;; esac
  case $kind in *gz) encoding=gzip ;; *) encoding=identity ;; esac
  printf -v "TTFB_$kind" '%s/%s' "$(ttfb "$accept" "$encoding" "$P$FOLDER")" "$(ttfb "$accept" "$encoding" "$N/$file")"
done
stop_pid "$NGINX_PID"
read -r HTML_P50 HTML_P99 HTML_RPS HTML_ERR HTML_CPU HTML_CLIENT <<<"$HTML"
read -r JSON_P50 JSON_P99 JSON_RPS JSON_ERR JSON_CPU JSON_CLIENT <<<"$JSON"
read -r PAGE_P50 PAGE_P99 PAGE_RPS PAGE_ERR PAGE_CPU PAGE_CLIENT <<<"$PAGE"
read -r HGZ_P50 HGZ_P99 HGZ_RPS HGZ_ERR HGZ_CPU HGZ_CLIENT <<<"$HTML_GZ"
read -r JGZ_P50 JGZ_P99 JGZ_RPS JGZ_ERR JGZ_CPU JGZ_CLIENT <<<"$JSON_GZ"
V_HTML=$(verdict "$HTML_P99" '<=' "$GOAL")
V_JSON=$(verdict "$JSON_P99" '<=' "$GOAL")
V_PAGE=$(verdict "$PAGE_P99" '<=' "$GOAL")
V_HGZ=$(verdict "$HGZ_P99" '<=' "$GOAL")
V_JGZ=$(verdict "$JGZ_P99" '<=' "$GOAL")
[ "$HGZ_ERR" = 0 ] || V_HGZ="FAIL ($HGZ_ERR socket errors/timeouts)"
[ "$JGZ_ERR" = 0 ] || V_JGZ="FAIL ($JGZ_ERR socket errors/timeouts)"
[ "$HTML_ERR" = 0 ] || V_HTML="FAIL ($HTML_ERR socket errors/timeouts)"
[ "$JSON_ERR" = 0 ] || V_JSON="FAIL ($JSON_ERR socket errors/timeouts)"
[ "$PAGE_ERR" = 0 ] || V_PAGE="FAIL ($PAGE_ERR socket errors/timeouts)"

# MLSD over FTP: every document listed, then the best of BENCH_MLSD_RUNS and the server's memory.
rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$PLENARY_PID/status"; }
RSS_BEFORE=$(rss_mib)
MLSD=$(python3 - "$FTP_PORT" "$FOLDER" "${BENCH_MLSD_RUNS:-5}" <<'PY'
import ftplib, sys, time
port, folder, runs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
best, files, size = None, 0, 0
for _ in range(runs):
    ftp = ftplib.FTP()
    ftp.connect("127.0.0.1", port, timeout=120)
    ftp.login()
    lines = []
    t0 = time.perf_counter()
    ftp.retrlines("MLSD " + folder, lines.append)
    t = time.perf_counter() - t0
    ftp.quit()
    files = sum(1 for line in lines if line.startswith("type=file;"))
    size = sum(len(line) + 2 for line in lines)
    best = t if best is None else min(best, t)
print(f"{files} {size} {best * 1000:.1f}")
PY
) || die "MLSD of $FOLDER failed"
read -r MLSD_N MLSD_BYTES MLSD_MS <<<"$MLSD"
RSS_AFTER=$(rss_mib)
# The heap after a full GC, idle and while one MLSD of the folder is stalled after its first 64 KiB.
heap_mib() {
  jcmd "$PLENARY_PID" GC.run >/dev/null
  jcmd "$PLENARY_PID" GC.heap_info | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); printf "%.1f", v / 1024 } }'
}
HEAP_IDLE=$(heap_mib)
python3 - "$FTP_PORT" "$FOLDER" "$BENCH_TMP/stalled" <<'PY' &
import ftplib, os, sys, time
port, folder, flag = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ftp = ftplib.FTP()
ftp.connect("127.0.0.1", port, timeout=300)
ftp.login()
data = ftp.transfercmd("MLSD " + folder)
got = 0
while got < 65536:
    chunk = data.recv(65536 - got)
    if not chunk:
        break
    got += len(chunk)
open(flag, "w").close()
while os.path.exists(flag):  # stalled: the server must wait for this reader, not build the rest
    time.sleep(0.1)
while data.recv(1 << 16):
    pass
data.close()
ftp.voidresp()
ftp.quit()
PY
STALLED_PID=$!
for _ in $(seq 1 600); do [ -e "$BENCH_TMP/stalled" ] && break; sleep 0.1; done
[ -e "$BENCH_TMP/stalled" ] || die "the stalled MLSD client never read its first 64 KiB"
sleep 2
HEAP_STALLED=$(heap_mib)
rm -f "$BENCH_TMP/stalled"
wait "$STALLED_PID" || die "the stalled MLSD did not finish once read again"
log "heap after a full GC: ${HEAP_IDLE} MiB idle, ${HEAP_STALLED} MiB while an MLSD of the folder is stalled"
[ "$MLSD_N" -ge "$DOCS" ] || die "MLSD listed $MLSD_N files, expected $DOCS"
log "MLSD: $MLSD_N files, $((MLSD_BYTES / 1024)) KiB, best ${MLSD_MS} ms; server RSS ${RSS_BEFORE} MiB before, ${RSS_AFTER} MiB after"

echo
echo "=== Summary: folder listing of $FOLDER with $DOCS documents (wrk -t1 -c$CONNS -d${SECONDS_}s; goal p99 <= $GOAL ms) ==="
echo "    beside each: nginx serving the very same bytes as static files (sendfile, gzip_static) under the same wrk command;"
echo "    CPU = the server's user + system time per request (Plenary's JVM; nginx's master and workers); wrk CPU = the"
echo "    client's own (reading 8 KiB at a time), against Plenary and against nginx; TTFB = time to the first byte, median"
echo "    of $TTFB_RUNS requests one at a time (curl), Plenary / nginx"
row_format='%-6s %9s %8s %8s %8s %8s %8s %8s %9s %9s %9s %9s %11s %8s  %s\n'
# shellcheck disable=SC2059
printf "$row_format" format "size KiB" "p50 ms" "p99 ms" "p99/goal" "req/s" "nginx" "nginx" "CPU us" "nginx CPU" "wrk CPU" \
  "wrk CPU" "TTFB ms" files result
# shellcheck disable=SC2059
printf "$row_format" "" "" "" "" "" "" "p50 ms" "p99 ms" "/req" "us/req" "us/req" "ng us/req" "" "" ""
# row LABEL KB PLENARY NGINX FILES VERDICT [TTFB]: one line of the table (NGINX "-" when there is no peer).
row() {
  local p50 p99 rps err cpu client n50=- n99=- nrps nerr ncpu=- nclient=-
  read -r p50 p99 rps err cpu client <<<"$3"
  if [ "$4" != - ]; then
    read -r n50 n99 nrps nerr ncpu nclient <<<"$4"
    n50=$(fmt 1 "$n50")
    n99=$(fmt 1 "$n99")
  fi
  # shellcheck disable=SC2059
  printf "$row_format" "$1" "$2" "$(fmt 1 "$p50")" "$(fmt 1 "$p99")" "$(fmt 2 "$(calc "$p99 / $GOAL")")" "$(fmt 1 "$rps")" \
    "$n50" "$n99" "$cpu" "$ncpu" "$client" "$nclient" "${7:--}" "$5" "$6"
}
row HTML "$HTML_KB" "$HTML" "$NG_HTML" "$HTML_N" "$V_HTML" "$TTFB_HTML"
row JSON "$JSON_KB" "$JSON" "$NG_JSON" "$JSON_N" "$V_JSON" "$TTFB_JSON"
row HTMLgz "$HTML_GZ_KB" "$HTML_GZ" "$NG_HTML_GZ" "$HTML_N" "$V_HGZ" "$TTFB_HTMLgz"
row JSONgz "$JSON_GZ_KB" "$JSON_GZ" "$NG_JSON_GZ" "$JSON_N" "$V_JGZ" "$TTFB_JSONgz"
row "API pg" - "$PAGE" - "$PAGE_N" "$V_PAGE"
echo "MLSD over FTP: $MLSD_N files, $((MLSD_BYTES / 1024)) KiB, best of ${BENCH_MLSD_RUNS:-5}: $MLSD_MS ms; server RSS $RSS_BEFORE MiB before, $RSS_AFTER MiB after"
echo "heap after a full GC: $HEAP_IDLE MiB idle, $HEAP_STALLED MiB while an MLSD of the folder is stalled after 64 KiB"
echo "filled: $FILLED; manifest version $VERSIONS"
echo "HTML/JSON p99 ratio: $(fmt 2 "$(calc "$HTML_P99 / $JSON_P99")"); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$V_HTML" = PASS ] && [ "$V_JSON" = PASS ] && [ "$V_HGZ" = PASS ] && [ "$V_JGZ" = PASS ] && [ "$V_PAGE" = PASS ]; then
  exit 0
else
  exit 1
fi
