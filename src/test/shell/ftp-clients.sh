#!/usr/bin/env bash
# The FTP gateway with the clients delegates use: curl and lftp, in clear text and in FTPS.
#
# Starts a demo Plenary (target/plenary.jar) on free loopback ports, allocates a number for alice
# and checks, each step printed: upload, listing, download (whole and resumed), replacement before
# publication, FTPS with encrypted data, anonymous reading without writing, a wrong password, and
# what the server refuses (mkdir, rm, rename). `.ci/run` runs it after `mvn -B verify`.
#
# Usage: src/test/shell/ftp-clients.sh     Exit status: 0 when every check passes, 1 otherwise.
set -euo pipefail
# shellcheck source=../../../bench/lib.sh disable=SC1091
source "$(dirname "$0")/../../../bench/lib.sh"

need curl curl
need lftp lftp
need jq jq
resolve_jar
PORT="" FTP_PORT=""
free_port PORT 18280
free_port FTP_PORT 12321
P=http://127.0.0.1:$PORT
start_plenary "$PORT" "$BENCH_TMP/plenary" --plenary.ftp.port="$FTP_PORT" --plenary.ftp.address=127.0.0.1
T=$(token "$P" alice alice-demo)
CODE=$(upcoming_meeting "$P")
NUMBER=$(curl -sf -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
  -d '{"title":"FTP clients","source":"France Telecom Orange","agendaItems":[1]}' \
  "$P/api/v1/groups/cloud/meetings/$CODE/contributions" | jq -r .number)
FTP=ftp://127.0.0.1:$FTP_PORT
IN=$FTP/t/fg/cloud/docs/incoming
W=$BENCH_TMP/work
mkdir -p "$W/mirror"
head -c 1500000 /dev/urandom >"$W/$NUMBER.docx"
FAILED=0

check() {
  local what=$1
  shift
  if "$@" >"$W/out" 2>&1; then
    echo "  ok    $what"
  else
    echo "  FAIL  $what"
    sed 's/^/        /' "$W/out" | tail -n 8
    FAILED=1
  fi
}
refused() { ! "$@"; }
# refused_with CODE COMMAND...: the command fails and the server's reply CODE is in its output.
refused_with() {
  local code=$1 out
  shift
  if out=$("$@" 2>&1); then echo "$out"; return 1; fi
  echo "$out"
  grep -q "$code" <<<"$out"
}
same() { cmp -s "$1" "$2"; }

echo "curl $(curl --version | head -n 1 | cut -d' ' -f2), lftp $(lftp --version | head -n 1 | awk '{ print $4 }'); document $NUMBER"
check "curl uploads $NUMBER.docx into incoming" curl -sSf -u "alice:alice-demo" -T "$W/$NUMBER.docx" "$IN/"
check "curl lists it" bash -c "curl -sSf -u alice:$T '$IN/' | grep -q ' $NUMBER.docx\$'"
check "curl downloads the same bytes" bash -c "curl -sSf -u alice:$T -o '$W/back.docx' '$IN/$NUMBER.docx' && cmp -s '$W/back.docx' '$W/$NUMBER.docx'"
check "curl resumes a download at byte 1000000 (REST)" bash -c "head -c 1000000 '$W/$NUMBER.docx' >'$W/part.docx' \
  && curl -sSf -u alice:$T -C - -o '$W/part.docx' '$IN/$NUMBER.docx' && cmp -s '$W/part.docx' '$W/$NUMBER.docx'"
head -c 700000 /dev/urandom >"$W/v2.docx"
cp "$W/v2.docx" "$W/$NUMBER.docx"
check "curl over FTPS (AUTH TLS, PROT P) replaces the waiting version" \
  curl -sSf --ssl-reqd -k -u "alice:$T" -T "$W/$NUMBER.docx" "$IN/"
check "curl over FTPS downloads the new version" bash -c "curl -sSf --ssl-reqd -k -u alice:$T -o '$W/back2.docx' \
  '$IN/$NUMBER.docx' && cmp -s '$W/back2.docx' '$W/v2.docx'"
check "the register holds the new version's SHA-256" bash -c "curl -sf -H 'Accept: application/json' '$P/t/fg/cloud/docs/incoming/' \
  | jq -e --arg s \"\$(sha256sum '$W/v2.docx' | cut -d' ' -f1)\" '.entries[] | select(.sha256 == \$s)' >/dev/null"
check "a wrong password is refused (530)" refused_with 530 curl -sSf -u "alice:wrong" "$IN/"
check "anonymous curl reads the folder" bash -c "curl -sSf '$IN/' | grep -q '$NUMBER.docx'"
check "anonymous curl cannot upload" refused_with 550 curl -sSfv -T "$W/$NUMBER.docx" "$IN/"
cp "$W/v2.docx" "$W/notes.docx"
check "curl cannot upload a name that is not a document number (553)" \
  refused_with 553 curl -sSfv -u "alice:$T" -T "$W/notes.docx" "$IN/"

LFTP_TLS="set ssl:verify-certificate no; set ftp:ssl-force true; set ftp:ssl-protect-data true; set net:max-retries 1"
check "lftp over FTPS lists, fetches and mirrors incoming" bash -c "lftp -u alice,$T -p $FTP_PORT -e \
  \"$LFTP_TLS; cd /t/fg/cloud/docs/incoming; cls -l; get $NUMBER.docx -o $W/lftp.docx; mirror . $W/mirror; bye\" \
  127.0.0.1 | grep -q '$NUMBER.docx' && cmp -s '$W/lftp.docx' '$W/v2.docx' && cmp -s '$W/mirror/$NUMBER.docx' '$W/v2.docx'"
check "lftp over FTPS uploads (put)" lftp -u "alice,alice-demo" -p "$FTP_PORT" \
  -e "$LFTP_TLS; cd /t/fg/cloud/docs/incoming; put $W/$NUMBER.docx; bye" 127.0.0.1
check "lftp cannot make a folder (550)" refused_with 550 lftp -u "alice,$T" -p "$FTP_PORT" \
  -e "$LFTP_TLS; cd /t/fg/cloud/docs/incoming; mkdir new; bye" 127.0.0.1
check "lftp cannot delete a document (550)" refused_with 550 lftp -u "alice,$T" -p "$FTP_PORT" \
  -e "$LFTP_TLS; cd /t/fg/cloud/docs/incoming; rm $NUMBER.docx; bye" 127.0.0.1
check "lftp cannot rename a document (550)" refused_with 550 lftp -u "alice,$T" -p "$FTP_PORT" \
  -e "$LFTP_TLS; cd /t/fg/cloud/docs/incoming; mv $NUMBER.docx other.docx; bye" 127.0.0.1
check "anonymous lftp reads the meeting folders" bash -c "lftp -p $FTP_PORT -e 'cls /t/fg/cloud/docs/; bye' 127.0.0.1 \
  | grep -q '$CODE/'"
check "the document is still there, whole" bash -c "curl -sSf -u alice:$T -o '$W/final.docx' '$IN/$NUMBER.docx' && cmp -s '$W/final.docx' '$W/v2.docx'"

if [ "$FAILED" = 0 ]; then echo "every FTP client check passed"; else echo "some FTP client checks FAILED"; fi
exit "$FAILED"
