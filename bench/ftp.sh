#!/usr/bin/env bash
# FTP gateway: Plenary against vsftpd, on loopback, with the same client for both.
#
# Measures, with vsftpd (anonymous upload into a scratch folder) and a demo Plenary (uploads as
#   alice with a personal access token into /t/fg/cloud/docs/incoming/, every rule applied) started
#   side by side on 127.0.0.1:
#   (a) STOR of a BENCH_BIG_MB (1024) MiB file with curl -T, BENCH_BIG_RUNS (5) times each,
#       alternating, with `sync` before every run so neither inherits the other's dirty pages,
#       after one unmeasured upload to each: best seconds (as download.sh; on a shared machine
#       interference only ever slows a run down), medians printed too;
#   (b) RETR of that file with curl -o /dev/null, BENCH_RETR_RUNS (7) times each after one
#       unmeasured read: best seconds, medians printed too;
#   (c) BENCH_CLIENTS (200) concurrent clients each uploading BENCH_FILES (10) files of 200 KiB
#       (bench/ftpload.py, ftplib, passive mode), after BENCH_MANY_WARMUP (3) unmeasured rounds on
#       each server (a fresh JVM on two cores compiles the upload path for several thousand
#       uploads), then BENCH_MANY_RUNS (3) measured rounds each, alternating: best wall time,
#       medians printed too, and failed files (Plenary + vsftpd);
#   (d) BENCH_SIGNINS (300) concurrent sign-ins (asyncio): wall time, failures, and the server's
#       peak resident memory (Plenary: the JVM; vsftpd: every vsftpd process, summed);
#   (e) BENCH_HELD_SESSIONS (300) sessions signed in and held idle (each must still answer NOOP):
#       the JVM's resident memory and its growth over the same reading before they opened (both
#       after a full GC, jcmd GC.run), beside every vsftpd process's resident memory, summed.
# Goals (issue 18): (a) and (b) vsftpd time / Plenary time >= 1.0, best and median; (c) no failure and Plenary's wall time
#   <= 1.2 x vsftpd's; (d) every sign-in to Plenary succeeds (time and memory are reported, not
#   judged; vsftpd's listen backlog of 32 makes some of its 300 simultaneous connections wait until
#   the client's 60 s timeout, which its column shows).
# Plenary computes the SHA-256 of every upload, keeps the register, and writes large files to the
#   disk with O_DIRECT (on the device at 226); vsftpd does none of that. BENCH_FSYNC=1 also forces
#   small documents to disk before 226 (--plenary.documents.fsync=true).
#
# Usage: bench/ftp.sh      (as root when vsftpd must be installed: apt-get install vsftpd)
# Environment: PLENARY_JAR, BENCH_PORT (18080), BENCH_FTP_PORT (12121), BENCH_VSFTPD_PORT (12221),
#   BENCH_BIG_MB, BENCH_BIG_RUNS, BENCH_RETR_RUNS, BENCH_CLIENTS, BENCH_FILES, BENCH_MANY_WARMUP,
#   BENCH_MANY_RUNS, BENCH_SIGNINS, BENCH_HELD_SESSIONS, BENCH_FSYNC, BENCH_PARTS (abcde: the parts to run),
#   and those in bench/lib.sh.
# Exit status: 0 when every goal passes, 1 when one fails, 2 when the run itself broke.
set -euo pipefail
# shellcheck source=lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

BIG_MB=${BENCH_BIG_MB:-1024}
RUNS=${BENCH_BIG_RUNS:-5}
RETR_RUNS=${BENCH_RETR_RUNS:-7}
CLIENTS=${BENCH_CLIENTS:-200}
FILES=${BENCH_FILES:-10}
SIGNINS=${BENCH_SIGNINS:-300}
MANY_WARM=${BENCH_MANY_WARMUP:-3}
MANY_RUNS=${BENCH_MANY_RUNS:-3}
HELD=${BENCH_HELD_SESSIONS:-300}
PARTS=${BENCH_PARTS:-abcde}
# part X: whether part X of the run was asked for (BENCH_PARTS; (a) and (b) go together, "ab")
part() { case "$PARTS" in *"${1:0:1}"*) return 0 ;; *) return 1 ;; esac; }
GOAL_BIG=1.0
GOAL_MANY=1.2

need curl curl
need jq jq
need python3 python3
need vsftpd vsftpd
resolve_jar
PORT="" FTP_PORT="" VS_PORT=""
free_port PORT "${BENCH_PORT:-18080}"
free_port FTP_PORT "${BENCH_FTP_PORT:-12121}"
free_port VS_PORT "${BENCH_VSFTPD_PORT:-12221}"
P=http://127.0.0.1:$PORT

# --- vsftpd: anonymous uploads into $VS_ROOT/up (the root itself must not be writable) -----------
VS_ROOT=$BENCH_TMP/vsftpd-root
mkdir -p "$VS_ROOT/up" /var/run/vsftpd/empty 2>/dev/null || mkdir -p "$VS_ROOT/up"
id ftp >/dev/null 2>&1 || die "vsftpd needs the system user 'ftp' (made by the Debian package)"
chown ftp "$VS_ROOT/up"
chmod 555 "$VS_ROOT"
cat >"$BENCH_TMP/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$VS_PORT
background=NO
anonymous_enable=YES
anon_root=$VS_ROOT
anon_upload_enable=YES
write_enable=YES
no_anon_password=YES
local_enable=NO
anon_umask=022
pasv_enable=YES
# ten thousand passive ports: each round's 2,000 data connections leave their ports in TIME_WAIT
pasv_min_port=20000
pasv_max_port=29999
seccomp_sandbox=NO
xferlog_enable=NO
max_clients=5000
max_per_ip=0
secure_chroot_dir=/var/run/vsftpd/empty
CONF
log "starting vsftpd on 127.0.0.1:$VS_PORT"
vsftpd "$BENCH_TMP/vsftpd.conf" >"$BENCH_TMP/vsftpd.log" 2>&1 &
BENCH_PIDS+=("$!")
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$VS_PORT") 2>/dev/null && break; sleep 0.1; done
(exec 3<>"/dev/tcp/127.0.0.1/$VS_PORT") 2>/dev/null || { cat "$BENCH_TMP/vsftpd.log" >&2; die "vsftpd did not start"; }
VS=ftp://127.0.0.1:$VS_PORT/up

# --- Plenary ----------------------------------------------------------------------------------
FSYNC=false
[ "${BENCH_FSYNC:-0}" = 1 ] && FSYNC=true
start_plenary "$PORT" "$BENCH_TMP/plenary" --plenary.ftp.port="$FTP_PORT" --plenary.ftp.address=127.0.0.1 \
  --plenary.contributions.max-size=$((BIG_MB + 64))MB --plenary.documents.fsync=$FSYNC \
  --plenary.ftp.max-connections=5000 --plenary.ftp.max-connections-per-address=5000
T=$(token "$P" alice alice-demo)
CODE=$(upcoming_meeting "$P")
PF=ftp://127.0.0.1:$FTP_PORT/t/fg/cloud/docs/incoming

# allocate COUNT: allocates COUNT numbers for alice and prints them, one per line.
allocate() {
  python3 "$BENCH_DIR/load.py" allocate --base "$P" --meeting "$CODE" --token "$T" --count "$1" --clients 10 \
    --out "$BENCH_TMP/alloc.json" >/dev/null 2>&1 || die "allocating $1 numbers failed"
  jq -r '"\(.first) \(.last)"' "$BENCH_TMP/alloc.json" | {
    read -r first last
    prefix=${first%-*}
    for n in $(seq "$((10#${first##*-}))" "$((10#${last##*-}))"); do printf '%s-%04d\n' "$prefix" "$n"; done
  }
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best() { sort -g | head -n 1; }

# timed LABEL CURL-ARGS...: one curl transfer; prints its total seconds (dies when it fails).
timed() {
  local label=$1 out
  shift
  out=$(curl -sS --max-time 900 -w '%{time_total}' "$@") || die "$label failed"
  log "$label: $out s"
  echo "$out"
}

# --- (a), (b): one big file -------------------------------------------------------------------
if part ab; then
  BIG=$BENCH_TMP/big.bin
  log "making a $BIG_MB MiB file of random bytes"
  head -c "$((BIG_MB * 1024 * 1024))" /dev/urandom >"$BIG"
  mapfile -t BIG_NUMBERS < <(allocate "$RUNS")
  mapfile -t -O "$RUNS" BIG_NUMBERS < <(allocate 1)
  ln -sf "$BIG" "$BENCH_TMP/${BIG_NUMBERS[$RUNS]}.pdf"
  sync
  timed "Plenary STOR (unmeasured)" -u "alice:$T" -T "$BENCH_TMP/${BIG_NUMBERS[$RUNS]}.pdf" "$PF/" >/dev/null
  sync
  timed "vsftpd STOR (unmeasured)" -T "$BIG" "$VS/big0.bin" >/dev/null
  STOR_P=() STOR_V=()
  for i in $(seq 1 "$RUNS"); do
    name=${BIG_NUMBERS[$((i - 1))]}.pdf
    ln -sf "$BIG" "$BENCH_TMP/$name"
    sync
    STOR_P+=("$(timed "Plenary STOR $i" -u "alice:$T" -T "$BENCH_TMP/$name" "$PF/")")
    sync
    STOR_V+=("$(timed "vsftpd STOR $i" -T "$BIG" "$VS/big$i.bin")")
  done
  LAST=${BIG_NUMBERS[$((RUNS - 1))]}.pdf
  [ "$(curl -s -u "alice:$T" -I "$PF/$LAST" | awk '/Content-Length/ { print $2 }' | tr -d '\r')" = $((BIG_MB * 1024 * 1024)) ] \
    || die "Plenary does not list $LAST at its full size"
  timed "Plenary RETR (unmeasured)" -u "alice:$T" -o /dev/null "$PF/$LAST" >/dev/null
  timed "vsftpd RETR (unmeasured)" -o /dev/null "$VS/big$RUNS.bin" >/dev/null
  RETR_P=() RETR_V=()
  for i in $(seq 1 "$RETR_RUNS"); do
    RETR_P+=("$(timed "Plenary RETR $i" -u "alice:$T" -o /dev/null "$PF/$LAST")")
    RETR_V+=("$(timed "vsftpd RETR $i" -o /dev/null "$VS/big$RUNS.bin")")
  done
  rm -f "$VS_ROOT"/up/big*.bin
  S_P=$(printf '%s\n' "${STOR_P[@]}" | best); S_V=$(printf '%s\n' "${STOR_V[@]}" | best)
  R_P=$(printf '%s\n' "${RETR_P[@]}" | best); R_V=$(printf '%s\n' "${RETR_V[@]}" | best)
  SM_P=$(printf '%s\n' "${STOR_P[@]}" | median); SM_V=$(printf '%s\n' "${STOR_V[@]}" | median)
  RM_P=$(printf '%s\n' "${RETR_P[@]}" | median); RM_V=$(printf '%s\n' "${RETR_V[@]}" | median)
fi

# --- (c): many clients, many small files ------------------------------------------------------
if part c; then
  ROUND=$((CLIENTS * FILES))
  log "allocating $(((MANY_WARM + MANY_RUNS) * ROUND)) numbers for (c): $MANY_WARM warm-up and $MANY_RUNS measured rounds"
  allocate "$(((MANY_WARM + MANY_RUNS) * ROUND))" | sed 's/$/.docx/' >"$BENCH_TMP/all-names"
  seq -f 'small-%06g.bin' 1 "$(((MANY_WARM + MANY_RUNS) * ROUND))" >"$BENCH_TMP/all-vsftpd-names"
  # many ROUND SERVER: one round of CLIENTS x FILES uploads to SERVER (plenary or vsftpd); prints ftpload's JSON.
  many() {
    local round=$1 names=$BENCH_TMP/names-$2-$1
    if [ "$2" = plenary ]; then
      sed -n "$(((round - 1) * ROUND + 1)),$((round * ROUND))p" "$BENCH_TMP/all-names" >"$names"
      python3 "$BENCH_DIR/ftpload.py" uploads --port "$FTP_PORT" --user alice --password "$T" \
        --dir /t/fg/cloud/docs/incoming --names "$names" --clients "$CLIENTS" --files "$FILES"
    else
      sed -n "$(((round - 1) * ROUND + 1)),$((round * ROUND))p" "$BENCH_TMP/all-vsftpd-names" >"$names"
      python3 "$BENCH_DIR/ftpload.py" uploads --port "$VS_PORT" --user anonymous --password bench@localhost \
        --dir /up --names "$names" --clients "$CLIENTS" --files "$FILES"
    fi
  }
  for round in $(seq 1 "$MANY_WARM"); do
    log "(c) warm-up round $round, unmeasured: Plenary $(many "$round" plenary | jq -r .seconds) s," \
      "vsftpd $(many "$round" vsftpd | jq -r .seconds) s"
    rm -f "$VS_ROOT"/up/small-*.bin
  done
  MANY_P=() MANY_V=() FAILED_C=0
  for run in $(seq 1 "$MANY_RUNS"); do
    round=$((MANY_WARM + run))
    wait_quiet "$PLENARY_PID"
    sync
    out=$(many "$round" plenary)
    log "(c) Plenary run $run: $out"
    MANY_P+=("$(jq -r .seconds <<<"$out")")
    FAILED_C=$((FAILED_C + $(jq -r .failed <<<"$out")))
    [ "$(curl -s -u "alice:$T" -l "$PF/" | grep -cFf "$BENCH_TMP/names-plenary-$round" || true)" = "$ROUND" ] \
      || die "Plenary does not list the $ROUND files of (c) run $run"
    sync
    out=$(many "$round" vsftpd)
    log "(c) vsftpd run $run: $out"
    MANY_V+=("$(jq -r .seconds <<<"$out")")
    FAILED_C=$((FAILED_C + $(jq -r .failed <<<"$out")))
    rm -f "$VS_ROOT"/up/small-*.bin
  done
  C_P=$(printf '%s\n' "${MANY_P[@]}" | best); C_V=$(printf '%s\n' "${MANY_V[@]}" | best)
  CM_P=$(printf '%s\n' "${MANY_P[@]}" | median); CM_V=$(printf '%s\n' "${MANY_V[@]}" | median)
fi

# --- (d): many sign-ins at once ---------------------------------------------------------------
if part d; then
  wait_quiet "$PLENARY_PID"
  log "(d) $SIGNINS sign-ins at once"
  SIGN_P=$(python3 "$BENCH_DIR/ftpload.py" signins --port "$FTP_PORT" --user alice --password "$T" --count "$SIGNINS" \
    --pids "$PLENARY_PID")
  log "    Plenary (token): $SIGN_P"
  SIGN_PW=$(python3 "$BENCH_DIR/ftpload.py" signins --port "$FTP_PORT" --user alice --password alice-demo \
    --count "$SIGNINS" --pids "$PLENARY_PID")
  log "    Plenary (password, bcrypt): $SIGN_PW"
  SIGN_V=$(python3 "$BENCH_DIR/ftpload.py" signins --port "$VS_PORT" --user anonymous --password bench@localhost \
    --count "$SIGNINS" --process-name vsftpd)
  log "    vsftpd (anonymous): $SIGN_V"
fi

# --- (e): resident memory of idle signed-in sessions -------------------------------------------
if part e; then
  # Each server's memory with HELD sessions open and idle, beside the same reading before they opened;
  # Plenary's both after a full garbage collection (jcmd GC.run), so that its figures are the memory
  # the sessions hold rather than garbage not yet collected.
  wait_quiet "$PLENARY_PID"
  log "(e) $HELD sessions signed in and held idle on each server"
  IDLE_P=$(python3 "$BENCH_DIR/ftpload.py" idle --port "$FTP_PORT" --user alice --password "$T" --count "$HELD" \
    --sources 1 --hold 3 --concurrency 20 --pids "$PLENARY_PID" --settle "jcmd $PLENARY_PID GC.run >/dev/null") \
    || die "the idle sessions on Plenary failed"
  log "    Plenary: $IDLE_P"
  IDLE_V=$(python3 "$BENCH_DIR/ftpload.py" idle --port "$VS_PORT" --user anonymous --password bench@localhost \
    --count "$HELD" --sources 1 --hold 3 --concurrency 20 --process-name vsftpd) \
    || die "the idle sessions on vsftpd failed"
  log "    vsftpd: $IDLE_V"
  for out in "$IDLE_P" "$IDLE_V"; do
    [ "$(jq -r .alive <<<"$out")" = "$HELD" ] || die "not every one of the $HELD idle sessions answered NOOP: $out"
  done
  E_JVM=$(jq -r .rss_mib <<<"$IDLE_P")
  E_GROWTH=$(calc "$E_JVM - $(jq -r .rss_before_mib <<<"$IDLE_P")")
  E_VS=$(jq -r .rss_mib <<<"$IDLE_V")
  E_JVM_PSS=$(jq -r .pss_mib <<<"$IDLE_P")
  E_GROWTH_PSS=$(calc "$E_JVM_PSS - $(jq -r .pss_before_mib <<<"$IDLE_P")")
  E_VS_PSS=$(jq -r .pss_mib <<<"$IDLE_V")
fi

# --- summary ----------------------------------------------------------------------------------
VA=skipped VB=skipped VC=skipped VD=skipped
echo
echo "=== Summary: FTP, Plenary vs vsftpd on 127.0.0.1 (documents.fsync=$FSYNC) ==="
printf '%-44s %12s %12s %8s %9s  %s\n' measure Plenary vsftpd ratio goal result
if part ab; then
  RA=$(calc "$S_V / $S_P")
  RB=$(calc "$R_V / $R_P")
  # Judged on the best run and on the median, each against the goal: both must reach it.
  VA=$(verdict "$(calc "($RA < $SM_V / $SM_P) ? $RA : $SM_V / $SM_P")" '>=' "$GOAL_BIG")
  VB=$(verdict "$(calc "($RB < $RM_V / $RM_P) ? $RB : $RM_V / $RM_P")" '>=' "$GOAL_BIG")
  printf '%-44s %12s %12s %8s %9s  %s\n' "(a) STOR $BIG_MB MiB, best s of $RUNS" "$(fmt 2 "$S_P")" "$(fmt 2 "$S_V")" \
    "$(fmt 2 "$RA")" ">= $GOAL_BIG" "$VA"
  printf '%-44s %12s %12s %8s\n' "    median s" "$(fmt 2 "$SM_P")" "$(fmt 2 "$SM_V")" "$(fmt 2 "$(calc "$SM_V / $SM_P")")"
  printf '%-44s %12s %12s %8s %9s  %s\n' "(b) RETR $BIG_MB MiB, best s of $RETR_RUNS" "$(fmt 2 "$R_P")" "$(fmt 2 "$R_V")" \
    "$(fmt 2 "$RB")" ">= $GOAL_BIG" "$VB"
  printf '%-44s %12s %12s %8s\n' "    median s" "$(fmt 2 "$RM_P")" "$(fmt 2 "$RM_V")" "$(fmt 2 "$(calc "$RM_V / $RM_P")")"
fi
if part c; then
  RC=$(calc "$C_P / $C_V")
  VC=$(verdict "$RC" '<=' "$GOAL_MANY")
  [ "$FAILED_C" = 0 ] || VC=FAIL
  printf '%-44s %12s %12s %8s %9s  %s\n' "(c) $CLIENTS x $FILES x 200 KiB, best s of $MANY_RUNS" "$(fmt 2 "$C_P")" \
    "$(fmt 2 "$C_V")" "$(fmt 2 "$RC")" "<= $GOAL_MANY" "$VC ($FAILED_C failed)"
  printf '%-44s %12s %12s %8s\n' "    median s" "$(fmt 2 "$CM_P")" "$(fmt 2 "$CM_V")" "$(fmt 2 "$(calc "$CM_P / $CM_V")")"
fi
if part d; then
  VD=PASS
  [ "$(( $(jq -r .failed <<<"$SIGN_P") + $(jq -r .failed <<<"$SIGN_PW") ))" = 0 ] || VD=FAIL
  printf '%-44s %12s %12s %8s %9s  %s\n' "(d) $SIGNINS sign-ins at once, wall s" \
    "$(fmt 2 "$(jq -r .seconds <<<"$SIGN_P")")" "$(fmt 2 "$(jq -r .seconds <<<"$SIGN_V")")" "" "all ok" \
    "$VD ($(jq -r .failed <<<"$SIGN_P")+$(jq -r .failed <<<"$SIGN_V") failed)"
  printf '%-44s %12s %12s\n' "    peak resident memory, MiB" "$(fmt 0 "$(jq -r .rss_peak_mib <<<"$SIGN_P")")" \
    "$(fmt 0 "$(jq -r .rss_peak_mib <<<"$SIGN_V")")"
  printf '%-44s %12s\n' "    with passwords (bcrypt), wall s" "$(fmt 2 "$(jq -r .seconds <<<"$SIGN_PW")")"
fi
if part e; then
  printf '%-44s %12s %12s %8s %9s  %s\n' "(e) $HELD idle sessions: whole JVM, MiB" "$(fmt 0 "$E_JVM")" "$(fmt 0 "$E_VS")" \
    "$(fmt 2 "$(calc "$E_JVM / $E_VS")")" "<= 1" "$(verdict "$E_JVM" '<=' "$E_VS")"
  printf '%-44s %12s %12s %8s %9s  %s\n' "    growth the sessions caused (after GC), MiB" "$(fmt 0 "$E_GROWTH")" "$(fmt 0 "$E_VS")" \
    "$(fmt 2 "$(calc "$E_GROWTH / $E_VS")")" "<= 1" "$(verdict "$E_GROWTH" '<=' "$E_VS")"
  printf '%-44s %12s %12s %8s %9s  %s\n' "    the same as PSS (shared pages once), MiB" \
    "$(fmt 0 "$E_JVM_PSS") / $(fmt 0 "$E_GROWTH_PSS")" "$(fmt 0 "$E_VS_PSS")" \
    "$(fmt 2 "$(calc "$E_JVM_PSS / $E_VS_PSS")")" "<= 1" "$(verdict "$E_JVM_PSS" '<=' "$E_VS_PSS")"
fi
echo "ratios (a), (b): vsftpd time / Plenary time (higher is faster); (c): Plenary time / vsftpd time;" \
  "(e): Plenary's resident memory / every vsftpd process's, summed (reported, not judged); load average $(cut -d' ' -f1-3 /proc/loadavg)"
for v in "$VA" "$VB" "$VC" "$VD"; do
  [ "$v" = PASS ] || [ "$v" = skipped ] || exit 1
done
exit 0
