#!/usr/bin/env bash
# Reliability suite: Plenary killed, its database restarted, its disk filled and soaked, on loopback.
#
#   (a) kill cycles: bench/killcycle.sh (KillCycleTests) with RELIABILITY_CYCLES (100) cycles of SIGKILL
#       during concurrent uploads, allocations, registrations and approvals; after each start every
#       acknowledged registration is there once; after the last start every acknowledged upload is
#       registered with its SHA-256 and on disk with those bytes, nothing partial or unknown is in the
#       store, every unacknowledged number can still be uploaded (never stranded), and the register's
#       numbers are distinct and consecutive.
#   (b) PostgreSQL restarted under load: a private cluster (initdb/pg_ctl from /usr/lib/postgresql/*/bin,
#       port 16432, run as the postgres user; never the shared 5432) is stopped for 8 s while workers
#       upload over HTTP and FTP and allocate numbers; every probe meanwhile must answer 503 with a
#       problem body (never 500), and the service must answer again by itself once it is back.
#   (c) disk full: the documents folder on an 8 MiB tmpfs (mounted here, so as root): uploads of 1 MiB
#       until 507, then an FTP STOR that must get 552; nothing partial in the folder; listing,
#       numbering and a small upload still work.
#   (d) soak: RELIABILITY_SOAK (--soak MINUTES, default 30) minutes of the mixed load on H2 (or, with
#       --soak-db postgres, on a scratch database of the PostgreSQL at RELIABILITY_SOAK_PG, default
#       127.0.0.1:5432, user postgres, dropped at the end), registrations
#       and approvals included, after RELIABILITY_SOAK_WARMUP (5) minutes of the same load (the JIT, H2's
#       page cache and the per-node caches reach their working size); the live heap (a full GC's class
#       histogram) and open file descriptors at the start of the measured minutes, every 5 minutes and at
#       the end (flat: the end within 10 % of the start; the classes that grew most are printed; on H2 also
#       the database file's size and the org.h2.mvstore.SFChunk objects, one per chunk still partly live), no 5xx,
#       no acknowledged upload or registration missing (or a registration there twice).
#
# Usage: bench/reliability.sh [--cycles N] [--soak MINUTES] [--soak-db h2|postgres] [--only a,b,c,d]
# Ports from RELIABILITY_PORT_BASE (16000): HTTP base+80, FTP base+21, passive base+100 to base+199,
# PostgreSQL base+432; the kill cycles of part (a) use base+500 to base+999. RELIABILITY_HTTP_PORT,
# RELIABILITY_FTP_PORT and RELIABILITY_PASSIVE_PORTS (FROM-TO) put parts (b) to (d) on other ports. Prints a summary table;
# exit 0 when every part passed, 1 otherwise. Figures measured on a shared machine vary with its load.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
CYCLES=${RELIABILITY_CYCLES:-100}
SOAK=${RELIABILITY_SOAK:-30}
SOAK_WARMUP=${RELIABILITY_SOAK_WARMUP:-5}
ONLY=a,b,c,d
SOAK_DB=${RELIABILITY_SOAK_DB:-h2}
while [ $# -gt 0 ]; do
  case $1 in
    --cycles) CYCLES=$2; shift 2 ;;
    --soak) SOAK=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --soak-db) SOAK_DB=$2; shift 2 ;;
    *) die "unknown argument $1 (see the head of $0)" ;;
  esac
done
need curl curl
need jq jq
resolve_jar
PORT_BASE=${RELIABILITY_PORT_BASE:-16000}
HTTP=${RELIABILITY_HTTP_PORT:-$((PORT_BASE + 80))} FTP=${RELIABILITY_FTP_PORT:-$((PORT_BASE + 21))} PGPORT=$((PORT_BASE + 432))
PASSIVE=${RELIABILITY_PASSIVE_PORTS:-$((PORT_BASE + 100))-$((PORT_BASE + 199))}
P=http://127.0.0.1:$HTTP
SUMMARY=()
FAILED=0
result() { SUMMARY+=("$(printf '%-4s %-44s %-5s %s' "$1" "$2" "$3" "$4")"); [ "$3" = PASS ] || FAILED=1; }
wants() { [[ ",$ONLY," == *",$1,"* ]]; }
start() { start_plenary "$HTTP" "$1" --plenary.ftp.port=$FTP --plenary.ftp.passive-ports="$PASSIVE" "${@:2}"; }

# mixed_load SECONDS_OR_FLAG: 4 workers allocate, upload by HTTP and by FTP, list (and register), while $RUN exists.
# Each request's status goes to $LOAD/status; acknowledged uploads "number sha256" to $LOAD/acked.
worker() {
  local id=$1 i=0 number code file
  while [ -f "$RUN" ]; do
    i=$((i + 1))
    code=$(curl -s -m 30 -o "$LOAD/alloc.$id" -w '%{http_code}' -H "Authorization: Bearer $T" \
      -H 'Content-Type: application/json' -d '{"title":"Reliability","source":"bench"}' \
      "$P/api/v1/groups/cloud/meetings/$CODE/contributions") || code=000
    echo "allocate $code" >>"$LOAD/status"
    [ "$code" = 201 ] || { sleep 0.2; continue; }
    number=$(jq -r .number "$LOAD/alloc.$id")
    file=$LOAD/w$id/$number.pdf
    mkdir -p "$LOAD/w$id"
    head -c $((RANDOM * 8 + 1)) /dev/urandom >"$file"
    if [ $((i % 2)) = 0 ]; then
      code=$(curl -s -m 60 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" -F "file=@$file" \
        "$P/api/v1/contributions/$number/files") || code=000
      echo "http-upload $code" >>"$LOAD/status"
    else
      if curl -s -m 60 -u "alice:$T" -T "$file" "ftp://127.0.0.1:$FTP/t/fg/cloud/docs/incoming/"; then code=226; else code=ftp-$?; fi
      echo "ftp-upload $code" >>"$LOAD/status"
    fi
    case $code in 201 | 226) echo "$number $(sha256sum <"$file" | cut -c1-64)" >>"$LOAD/acked" ;; esac
    rm -f "$file"
    code=$(curl -s -m 30 -o /dev/null -w '%{http_code}' "$P/t/fg/cloud/docs/incoming/") || code=000
    echo "list $code" >>"$LOAD/status"
    if [ "$REGISTER" = 1 ] && [ $((i % 3)) = 0 ]; then register "$id" "$i"; fi
  done
}
# register WORKER I: the secretariat opens an account of Orange, whose person registers for the meeting, and
# Orange's focal point approves. Acknowledged (201) registrations go to $LOAD/registered as "email id",
# acknowledged approvals (200) to $LOAD/approved as "id number".
register() {
  local who=rel$1x$2x$RANDOM code person body
  code=$(curl -s -m 30 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$who\",\"email\":\"$who@bench.example\",\"displayName\":\"Delegate $who\",\"organizationId\":$ORANGE,\"countryCode\":\"FR\",\"password\":\"bench-password\",\"oneTimePassword\":false}" \
    "$P/api/v1/accounts") || code=000
  echo "account $code" >>"$LOAD/status"
  [ "$code" = 201 ] || return 0
  person=$(curl -s -m 30 -H 'Content-Type: application/json' -d "{\"username\":\"$who\",\"password\":\"bench-password\"}" \
    "$P/api/v1/tokens" | jq -r '.token // empty' 2>/dev/null) || person=""
  [ -n "$person" ] || { echo "token 000" >>"$LOAD/status"; return 0; }
  body=$(curl -s -m 30 -w ' %{http_code}' -H "Authorization: Bearer $person" -H 'Content-Type: application/json' \
    -d "{\"fullName\":\"Delegate $who\",\"email\":\"$who@bench.example\",\"organizationId\":$ORANGE,\"countryCode\":\"FR\",\"attendance\":\"IN_PERSON\"}" \
    "$P/api/v1/groups/cloud/meetings/$CODE/registrations") || body="curl-failed 000"
  echo "register ${body##* }" >>"$LOAD/status"
  [ "${body##* }" = 201 ] || return 0
  local id=${body% *}
  id=$(jq -r .id <<<"$id")
  echo "$who@bench.example $id" >>"$LOAD/registered"
  body=$(curl -s -m 30 -w ' %{http_code}' -X POST -H "Authorization: Bearer $FOCAL" "$P/api/v1/registrations/$id/approve") \
    || body="curl-failed 000"
  echo "approve ${body##* }" >>"$LOAD/status"
  [ "${body##* }" = 200 ] && echo "$id $(jq -r .registrationNumber <<<"${body% *}")" >>"$LOAD/approved"
  return 0
}
# load_start NAME [registrations]: with "registrations", every third round of a worker also registers someone.
load_start() {
  LOAD=$BENCH_TMP/load-$1 RUN=$BENCH_TMP/run-$1 REGISTER=0
  [ "${2:-}" = registrations ] && REGISTER=1
  mkdir -p "$LOAD" && : >"$LOAD/status" && : >"$LOAD/acked" && : >"$LOAD/registered" && : >"$LOAD/approved" && touch "$RUN"
  T=$(token "$P" alice alice-demo)
  ADMIN=$(token "$P" tsb tsb-demo)
  FOCAL=$(token "$P" focal focal-demo)
  CODE=$(upcoming_meeting "$P")
  ORANGE=$(curl -sf "$P/api/v1/organizations?limit=1000" | jq -r '[.[] | select(.name == "France Telecom Orange")][0].id')
  WORKERS=()
  for w in 1 2 3 4; do worker "$w" & WORKERS+=($!); done
}
load_stop() { rm -f "$RUN"; wait "${WORKERS[@]}" 2>/dev/null || true; }
# intact: every acknowledged upload is listed in incoming/ with its SHA-256 (prints the count missing).
intact() {
  curl -s -H 'Accept: application/json' "$P/t/fg/cloud/docs/incoming/" | jq -r '.entries[] | "\(.name) \(.sha256)"' \
    | sed 's/\.pdf / /' | sort >"$LOAD/listed"
  sort "$LOAD/acked" | comm -23 - "$LOAD/listed" | wc -l
}
# histogram_growth START END: classes of two jcmd GC.class_histogram outputs by bytes grown, largest first.
histogram_growth() {
  awk 'FNR == 1 { file++ } $1 ~ /^[0-9]+:$/ { bytes[$4] += (file == 1 ? -$3 : $3); count[$4] += (file == 1 ? -$2 : $2) }
    END { for (c in bytes) if (bytes[c] != 0) printf "%10d KiB %9d objects  %s\n", bytes[c] / 1024, count[c], c }' "$1" "$2" \
    | sort -k1,1nr
}
# registrations_intact: every acknowledged registration is in the meeting's list exactly once, and every
# acknowledged approval is APPROVED there with its number (prints the count of those that are not).
registrations_intact() {
  curl -s -H "Authorization: Bearer $ADMIN" "$P/api/v1/groups/cloud/meetings/$CODE/registrations" \
    | jq -r '.[] | "\(.email) \(.id) \(.status) \(.registrationNumber)"' >"$LOAD/registrations"
  local bad=0 email id n number
  while read -r email id; do
    n=$(grep -c "^$email " "$LOAD/registrations" || true)
    [ "$n" = 1 ] && grep -q "^$email $id " "$LOAD/registrations" || bad=$((bad + 1))
  done <"$LOAD/registered"
  while read -r id number; do
    grep -qE "^[^ ]+ $id APPROVED $number\$" "$LOAD/registrations" || bad=$((bad + 1))
  done <"$LOAD/approved"
  echo "$bad"
}
server_errors() { grep -cE ' 5[0-9][0-9]$' "$LOAD/status" || true; }

if wants a; then
  log "(a) $CYCLES kill cycles"
  if KILLCYCLE_CYCLES=$CYCLES KILLCYCLE_PORT_BASE=$((PORT_BASE + 500)) "$BENCH_DIR/killcycle.sh" >"$BENCH_TMP/a.log" 2>&1; then
    result a "SIGKILL x$CYCLES under uploads, allocations, registrations" PASS "$(grep -ho 'kill-cycle: [0-9][^&<]*' "$ROOT"/target/surefire-reports/TEST-org.plenary.attack.KillCycleTests.xml 2>/dev/null | tail -1)"
  else
    result a "SIGKILL x$CYCLES under uploads, allocations, registrations" FAIL "see target/surefire-reports/org.plenary.attack.KillCycleTests.txt"
  fi
fi

if wants b; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGDIR=$(mktemp -d /tmp/ops-reliability-pg.XXXXXX)
  chown postgres "$PGDIR"
  pg() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" "$@" >/dev/null; }
  BENCH_CLEANUP+=("runuser -u postgres -- $PGBIN/pg_ctl -D $PGDIR/data stop -m immediate >/dev/null 2>&1; rm -rf $PGDIR")
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null
  pg start -w
  runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p $PGPORT -U postgres -qc 'CREATE DATABASE ops_reliability'
  start "$BENCH_TMP/b" --spring.datasource.url=jdbc:postgresql://127.0.0.1:$PGPORT/ops_reliability \
    --spring.datasource.username=postgres --spring.datasource.hikari.connection-timeout=2000
  load_start b
  sleep 5
  log "(b) stopping PostgreSQL for 8 s under load"
  pg stop -m fast -w
  down_ok=0 down_bad=0
  until_s=$((SECONDS + 8))
  while [ $SECONDS -lt $until_s ]; do
    body=$(curl -s -m 10 -w ' %{http_code}' -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
      -d '{"title":"Probe","source":"bench"}' "$P/api/v1/groups/cloud/meetings/$CODE/contributions") || body="curl-failed 000"
    if [ "${body##* }" = 503 ] && [[ $body == *'"status":503'* ]]; then down_ok=$((down_ok + 1)); else down_bad=$((down_bad + 1)); log "probe: $body"; fi
    sleep 0.5
  done
  pg start -w
  back=$SECONDS
  while [ $((SECONDS - back)) -lt 60 ]; do
    [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
      -d '{"title":"Probe","source":"bench"}' "$P/api/v1/groups/cloud/meetings/$CODE/contributions")" = 201 ] && break
    sleep 0.5
  done
  recovered=$((SECONDS - back))
  sleep 3
  load_stop
  missing=$(intact)
  fivehundreds=$(grep -c ' 500$' "$LOAD/status" || true)
  verdict_b=PASS
  { [ "$down_bad" = 0 ] && [ "$down_ok" -gt 0 ] && [ "$recovered" -lt 60 ] && [ "$missing" = 0 ] && [ "$fivehundreds" = 0 ]; } || verdict_b=FAIL
  result b "PostgreSQL stopped 8 s under load" $verdict_b \
    "probes 503+problem $down_ok, other $down_bad; recovered ${recovered} s after restart; $(wc -l <"$LOAD/acked") acked, $missing lost; 500s: $fivehundreds"
  if [ $verdict_b = FAIL ]; then
    # What failed and why, for whoever reads the log of a run they cannot repeat.
    log "(b) requests that answered 5xx: $(grep -E ' 5[0-9][0-9]$' "$LOAD/status" | sort | uniq -c | tr '\n' ';')"
    grep -n -A 25 -E ' ERROR |Exception' "$BENCH_TMP/b/plenary.log" | grep -v '^\S*-\s*at org.apache\|^\S*-\s*at java' | head -120 || true
  fi
  stop_plenary
  pg stop -m fast -w
fi

if wants c; then
  FULL=$(mktemp -d /tmp/ops-reliability-full.XXXXXX)
  if mount -t tmpfs -o size=8m,mode=0700 tmpfs "$FULL" 2>/dev/null; then
    BENCH_CLEANUP+=("umount $FULL; rmdir $FULL")
    start "$BENCH_TMP/c" --plenary.documents-dir="$FULL/documents" --plenary.health.min-free-space=1KB
    T=$(token "$P" alice alice-demo)
    CODE=$(upcoming_meeting "$P")
    alloc() { curl -s -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"title":"Full","source":"bench"}' \
      "$P/api/v1/groups/cloud/meetings/$CODE/contributions" | jq -r .number; }
    refused="" accepted=0
    for i in $(seq 1 20); do
      n=$(alloc); head -c 1048576 /dev/urandom >"$BENCH_TMP/$n.pdf"
      out=$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $T" -F "file=@$BENCH_TMP/$n.pdf" "$P/api/v1/contributions/$n/files")
      if [ "${out##* }" = 201 ]; then accepted=$((accepted + 1)); else refused=$out; break; fi
    done
    n=$(alloc); head -c 1048576 /dev/urandom >"$BENCH_TMP/$n.pdf"
    ftp=$(curl -sv -u "alice:$T" -T "$BENCH_TMP/$n.pdf" "ftp://127.0.0.1:$FTP/t/fg/cloud/docs/incoming/" 2>&1 | grep -o '< 552.*' | head -1 || true)
    partial=$(find "$FULL" -name '*.part' -o -path '*/staging/*' -type f | wc -l)
    n=$(alloc); head -c 1000 /dev/urandom >"$BENCH_TMP/$n.pdf"
    small=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" -F "file=@$BENCH_TMP/$n.pdf" "$P/api/v1/contributions/$n/files")
    listing=$(curl -s -o /dev/null -w '%{http_code}' "$P/t/fg/cloud/docs/incoming/")
    verdict_c=PASS
    { [[ $refused == *'The document store is full'*' 507' ]] && [[ $ftp == *'552 The document store is full'* ]] \
      && [ "$partial" = 0 ] && [ "$small" = 201 ] && [ "$listing" = 200 ] && [ -n "$n" ]; } || verdict_c=FAIL
    result c "documents on a full 8 MiB tmpfs" $verdict_c \
      "$accepted x 1 MiB kept, then HTTP ${refused##* }, FTP ${ftp:2:3}; partial files $partial; 1 kB upload $small, listing $listing"
    stop_plenary
  else
    result c "documents on a full 8 MiB tmpfs" SKIP "cannot mount a tmpfs (needs root)"
  fi
fi

if wants d; then
  SOAK_ARGS=()
  case $SOAK_DB in
    h2) ;;
    postgres)
      need psql postgresql-client
      SOAK_PG=${RELIABILITY_SOAK_PG:-127.0.0.1:5432} SOAK_NAME=reliability_soak_$$
      psql -q -h "${SOAK_PG%:*}" -p "${SOAK_PG#*:}" -U "${PGUSER:-postgres}" -d postgres -c "CREATE DATABASE $SOAK_NAME" \
        || die "cannot create the database $SOAK_NAME on $SOAK_PG"
      BENCH_CLEANUP+=("psql -q -h '${SOAK_PG%:*}' -p '${SOAK_PG#*:}' -U '${PGUSER:-postgres}' -d postgres -c 'DROP DATABASE IF EXISTS $SOAK_NAME WITH (FORCE)'")
      SOAK_ARGS=(--spring.datasource.url="jdbc:postgresql://$SOAK_PG/$SOAK_NAME" --spring.datasource.username="${PGUSER:-postgres}")
      ;;
    *) die "--soak-db takes h2 or postgres" ;;
  esac
  log "(d) soak on $SOAK_DB"
  start "$BENCH_TMP/d" "${SOAK_ARGS[@]}"
  # The live heap: what a full GC keeps, as the class histogram counts it at that GC (not the heap's "used" a
  # moment later, which includes whatever the load allocated since).
  heap() { jcmd "$PLENARY_PID" GC.class_histogram >"$1" && awk '$1 == "Total" { print int($3 / 1024) }' "$1"; }
  fds() { ls "/proc/$PLENARY_PID/fd" | wc -l; }
  # On H2: the database file's size and the chunks whose metadata the heap keeps (compaction keeps both bounded).
  h2() {
    local f; f=$(find "$BENCH_TMP/d" -name '*.mv.db' -print -quit 2>/dev/null)
    [ -n "$f" ] || return 0
    echo ", H2 file $(($(stat -c %s "$f") / 1024)) KiB, $(awk '$4 == "org.h2.mvstore.SFChunk" { n = $2 } END { print n + 0 }' "$1") SFChunk"
  }
  load_start d registrations
  log "(d) $SOAK_WARMUP min of the load before the soak's first measure"
  sleep $((SOAK_WARMUP * 60))
  heap0=$(heap "$BENCH_TMP/histogram.start") fd0=$(fds)
  h2_0=$(h2 "$BENCH_TMP/histogram.start")
  log "(d) soak of $SOAK min: heap after GC ${heap0} KiB, ${fd0} descriptors$h2_0 at the start"
  samples="$heap0" elapsed=0
  while [ "$elapsed" -lt "$SOAK" ]; do
    step=$((SOAK - elapsed < 5 ? SOAK - elapsed : 5))
    sleep $((step * 60))
    elapsed=$((elapsed + step))
    [ "$elapsed" -lt "$SOAK" ] || break
    sample=$(heap "$BENCH_TMP/histogram.sample") samples="$samples $sample"
    log "(d) after $elapsed min: heap after GC $sample KiB, $(fds) descriptors$(h2 "$BENCH_TMP/histogram.sample"), $(wc -l <"$LOAD/acked") uploads acknowledged"
  done
  heap1=$(heap "$BENCH_TMP/histogram.end") fd1=$(fds) samples="$samples $heap1"
  h2_1=$(h2 "$BENCH_TMP/histogram.end")
  log "(d) what grew on the heap (after a full GC, end minus start, the 15 largest growths in KiB):"
  histogram_growth "$BENCH_TMP/histogram.start" "$BENCH_TMP/histogram.end" | head -n 15 >&2 || true  # head may close the pipe first
  load_stop
  missing=$(intact) errors=$(server_errors) requests=$(wc -l <"$LOAD/status") regs=$(registrations_intact)
  listed=$(wc -l <"$LOAD/listed")
  verdict_d=PASS
  { [ "$heap1" -le $((heap0 * 110 / 100)) ] && [ "$fd1" -le $((fd0 * 110 / 100)) ] && [ "$errors" = 0 ] && [ "$missing" = 0 ] \
    && [ "$regs" = 0 ] && [ -s "$LOAD/registered" ]; } || verdict_d=FAIL
  result d "soak of $SOAK min, mixed load, $SOAK_DB" $verdict_d \
    "$requests requests, 5xx $errors, $(wc -l <"$LOAD/acked") uploads acked, $missing lost; $(wc -l <"$LOAD/registered") registrations and $(wc -l <"$LOAD/approved") approvals acked, $regs missing or twice; live heap after full GC ${heap0}->${heap1} KiB (every 5 min: ${samples// /, }) with $listed documents in incoming/; fds ${fd0}->${fd1}${h2_0:+; at the start$h2_0, at the end$h2_1}"
  stop_plenary
fi

printf '\n%-4s %-44s %-5s %s\n' part scenario verdict figures
printf '%s\n' "${SUMMARY[@]}"
exit "$FAILED"
