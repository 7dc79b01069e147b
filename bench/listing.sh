#!/usr/bin/env bash
# Folder listing of a large meeting.
#
# Measures: a demo server whose upcoming meeting holds BENCH_DOCS (100,000) published documents
#   (each: allocate a number, upload a tiny NUMBER.txt, publish; done by parallel API clients), then
#   the latency of the folder listing /t/fg/cloud/docs/CODE/in/ as HTML and as JSON
#   (Accept: application/json), with wrk --latency -t1 -c4 for BENCH_SECONDS (15) each; then the
#   same folder over FTP with MLSD (anonymous, passive), BENCH_MLSD_RUNS (5) times: every document
#   must be listed; best time, and the server's resident memory before and after (the listing is
#   streamed in 64 KiB chunks, never held as one text).
# Goal: p99 <= 50 ms for both listings.
#
# Usage: bench/listing.sh
# Environment: PLENARY_JAR, BENCH_PORT (18080), BENCH_DOCS (100000), BENCH_POPULATE_CLIENTS (8),
#   BENCH_SECONDS (15), BENCH_WARMUP (5, seconds of wrk before each measured run),
#   BENCH_CONNECTIONS (4), BENCH_GOAL_P99_MS (50), and those in bench/lib.sh.
# Exit status: 0 when both listings meet the goal, 1 when one does not, 2 when the run itself broke.
set -euo pipefail
# shellcheck source=lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

DOCS=${BENCH_DOCS:-100000}
POP_CLIENTS=${BENCH_POPULATE_CLIENTS:-8}
SECONDS_=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-5}
CONNS=${BENCH_CONNECTIONS:-4}
GOAL=${BENCH_GOAL_P99_MS:-50}

need curl curl
need jq jq
need python3 python3
need wrk wrk
resolve_jar
PORT=""
free_port PORT "${BENCH_PORT:-18080}"
FTP_PORT=""
free_port FTP_PORT "${BENCH_FTP_PORT:-12121}"
P=http://127.0.0.1:$PORT
DATA=$BENCH_TMP/plenary
mkdir -p "$DATA"

start_plenary "$PORT" "$DATA" --plenary.ftp.address=127.0.0.1 --plenary.ftp.port="$FTP_PORT"
ALICE=$(token "$P" alice alice-demo)
TSB=$(token "$P" tsb tsb-demo)
CODE=$(upcoming_meeting "$P")
FOLDER=/t/fg/cloud/docs/$CODE/in/

log "publishing $DOCS documents into $FOLDER with $POP_CLIENTS parallel clients"
python3 "$BENCH_DIR/load.py" populate --base "$P" --meeting "$CODE" --token "$ALICE" \
  --secretariat-token "$TSB" --count "$DOCS" --clients "$POP_CLIENTS" >"$BENCH_TMP/populate.json" \
  || die "could not publish the documents: $(cat "$BENCH_TMP/populate.json")"
log "published $DOCS documents in $(jq -r '.seconds | floor' "$BENCH_TMP/populate.json") s"

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

# measure LABEL ACCEPT: wrk --latency; prints "p50_ms p99_ms requests_per_s socket_errors" (wrk
# leaves requests that time out or fail out of its latencies, so any socket error fails the goal).
measure() {
  local label=$1 accept=$2 out
  if [ "$WARMUP" -gt 0 ]; then
    log "$label: wrk warm-up ${WARMUP} s"
    wrk -t1 -c"$CONNS" -d"${WARMUP}s" --timeout 60s -H "Accept: $accept" "$P$FOLDER" >/dev/null
  fi
  log "$label: wrk --latency -t1 -c$CONNS -d${SECONDS_}s --timeout 60s -H 'Accept: $accept' $P$FOLDER"
  out=$(wrk --latency -t1 -c"$CONNS" -d"${SECONDS_}s" --timeout 60s -H "Accept: $accept" "$P$FOLDER")
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  if printf '%s\n' "$out" | grep -q 'Non-2xx'; then die "$label answered errors under load (above)"; fi
  printf '%s\n' "$out" | awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rps = $2 }
    $1 == "Socket" && $2 == "errors:" { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
    END { if (p50 == "" || p99 == "") exit 1; printf "%s %s %s %d\n", p50, p99, rps, errors }'
}

HTML=$(measure HTML text/html) || die "could not measure the HTML listing"
JSON=$(measure JSON application/json) || die "could not measure the JSON listing"
read -r HTML_P50 HTML_P99 HTML_RPS HTML_ERR <<<"$HTML"
read -r JSON_P50 JSON_P99 JSON_RPS JSON_ERR <<<"$JSON"
V_HTML=$(verdict "$HTML_P99" '<=' "$GOAL")
V_JSON=$(verdict "$JSON_P99" '<=' "$GOAL")
[ "$HTML_ERR" = 0 ] || V_HTML="FAIL ($HTML_ERR socket errors/timeouts)"
[ "$JSON_ERR" = 0 ] || V_JSON="FAIL ($JSON_ERR socket errors/timeouts)"

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
[ "$MLSD_N" -ge "$DOCS" ] || die "MLSD listed $MLSD_N files, expected $DOCS"
log "MLSD: $MLSD_N files, $((MLSD_BYTES / 1024)) KiB, best ${MLSD_MS} ms; server RSS ${RSS_BEFORE} MiB before, ${RSS_AFTER} MiB after"

echo
echo "=== Summary: folder listing of $FOLDER with $DOCS documents (wrk -t1 -c$CONNS -d${SECONDS_}s; goal p99 <= $GOAL ms) ==="
printf '%-6s %9s %9s %9s %12s %10s %12s  %s\n' format "size KiB" "p50 ms" "p99 ms" "p99/goal" "req/s" "files" result
printf '%-6s %9s %9s %9s %12s %10s %12s  %s\n' HTML "$HTML_KB" "$(fmt 1 "$HTML_P50")" "$(fmt 1 "$HTML_P99")" \
  "$(fmt 2 "$(calc "$HTML_P99 / $GOAL")")" "$(fmt 1 "$HTML_RPS")" "$HTML_N" "$V_HTML"
printf '%-6s %9s %9s %9s %12s %10s %12s  %s\n' JSON "$JSON_KB" "$(fmt 1 "$JSON_P50")" "$(fmt 1 "$JSON_P99")" \
  "$(fmt 2 "$(calc "$JSON_P99 / $GOAL")")" "$(fmt 1 "$JSON_RPS")" "$JSON_N" "$V_JSON"
echo "MLSD over FTP: $MLSD_N files, $((MLSD_BYTES / 1024)) KiB, best of ${BENCH_MLSD_RUNS:-5}: $MLSD_MS ms; server RSS $RSS_BEFORE MiB before, $RSS_AFTER MiB after"
echo "HTML/JSON p99 ratio: $(fmt 2 "$(calc "$HTML_P99 / $JSON_P99")")"
if [ "$V_HTML" = PASS ] && [ "$V_JSON" = PASS ]; then exit 0; else exit 1; fi
