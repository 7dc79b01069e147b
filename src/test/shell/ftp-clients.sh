#!/usr/bin/env bash
# The FTP gateway with the clients delegates use: curl, lftp, tnftp (the classic ftp(1)), ncftp and
# rclone, in clear text and in FTPS, with their default settings.
#
# Starts a demo Plenary (target/plenary.jar) on free loopback ports, allocates numbers for alice
# and checks, each step printed: upload, listing, download (whole and resumed), replacement before
# publication, FTPS with encrypted data, anonymous reading without writing, a wrong password, what
# the server refuses (mkdir, rm, rename), `lftp mirror -R` (exit 0 although SITE is not offered), lftp `put -c`,
# `mget *.pdf` in tnftp and a path pattern in ncftpget, ABOR as lftp and Python's ftplib send it (abort() from
# retrbinary's callback stays in step), curl
# in active mode, Python's FTP_TLS, wget -c, aria2c -x4 and busybox (each skipped, saying so, when
# not installed), rclone's FTP backend (lsjson, copy, check), then curl -T --ftp-create-dirs, -Q and
# --disable-epsv, wget --ftp-user, Chinese and Arabic names refused with a sentence, ftplib's mlsd(), LIST -a/-la,
# NLST *.pdf, LANG zh and EPSV ALL, and an ftplib upload interrupted inside `with` (nothing kept); then Node's
# basic-ftp (clear and FTPS, its session alive after a 550), Java's ftp:// URL handler, Python's urllib.request,
# inetutils-ftp, axel -n 4 and curl --parallel; implicit FTPS (curl and lftp ftps://, Commons Net FTPSClient(true)).
# `.ci/run` runs it after `mvn -B verify`.
#
# Usage: src/test/shell/ftp-clients.sh     Exit status: 0 when every check passes, 1 otherwise.
# Ports: the first free from CHECK_HTTP_PORT (18280) and CHECK_FTP_PORT (12321); `.ci/run` runs this beside
# http-clients.sh and pdf-text.sh, whose defaults start elsewhere.
set -euo pipefail
# shellcheck source=../../../bench/lib.sh disable=SC1091
source "$(dirname "$0")/../../../bench/lib.sh"

need curl curl
need lftp lftp
need jq jq
need tnftp tnftp
need ncftpget ncftp
need rclone rclone
resolve_jar
PORT="" FTP_PORT="" FTPS_PORT=""
free_port PORT "${CHECK_HTTP_PORT:-18280}"
free_port FTP_PORT "${CHECK_FTP_PORT:-12321}"
free_port FTPS_PORT "${CHECK_FTPS_PORT:-12990}"
P=http://127.0.0.1:$PORT
start_plenary "$PORT" "$BENCH_TMP/plenary" --plenary.ftp.port="$FTP_PORT" --plenary.ftp.address=127.0.0.1 \
  --plenary.ftp.implicit-tls-port="$FTPS_PORT"
T=$(token "$P" alice alice-demo)
CODE=$(upcoming_meeting "$P")
allocate() {
  curl -sf -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
    -d '{"title":"FTP clients","source":"France Telecom Orange","agendaItems":[1]}' \
    "$P/api/v1/groups/cloud/meetings/$CODE/contributions" | jq -r .number
}
NUMBER=$(allocate)
FTP=ftp://127.0.0.1:$FTP_PORT
IN=$FTP/t/fg/cloud/docs/incoming
W=$BENCH_TMP/work
mkdir -p "$W/mirror"
head -c 1500000 /dev/urandom >"$W/$NUMBER.docx"
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

echo "curl $(curl --version | head -n 1 | cut -d' ' -f2), lftp $(lftp --version | head -n 1 | awk '{ print $4 }'),\
 tnftp $(dpkg-query -W -f='${Version}' tnftp 2>/dev/null), ncftp $(dpkg-query -W -f='${Version}' ncftp 2>/dev/null),\
 $(rclone version | head -n 1); document $NUMBER"
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
# Implicit FTPS (TLS from the first byte, its own port): curl and lftp ftps://, Commons Net FTPSClient(true).
FTPS=ftps://127.0.0.1:$FTPS_PORT/t/fg/cloud/docs/incoming
check "curl ftps:// (implicit TLS) uploads, lists and downloads the same bytes" bash -c "curl -sSf -k -u alice:$T \
  -T '$W/$NUMBER.docx' '$FTPS/' && curl -sSf -k -u alice:$T '$FTPS/' | grep -q ' $NUMBER.docx\$' \
  && curl -sSf -k -u alice:$T -o '$W/implicit.docx' '$FTPS/$NUMBER.docx' && cmp -s '$W/implicit.docx' '$W/$NUMBER.docx'"
check "lftp ftps:// (implicit TLS) lists and fetches incoming" bash -c "lftp -u alice,$T -e \
  \"set ssl:verify-certificate no; set net:max-retries 1; cd /t/fg/cloud/docs/incoming; cls -l; \
  get $NUMBER.docx -o $W/lftp-implicit.docx; bye\" ftps://127.0.0.1:$FTPS_PORT | grep -q '$NUMBER.docx' \
  && cmp -s '$W/lftp-implicit.docx' '$W/$NUMBER.docx'"
# Commons Net (and the Commons IO it needs) from the local Maven repository that the build filled.
NET_JAR=$(ls "${HOME}"/.m2/repository/commons-net/commons-net/*/commons-net-*.jar 2>/dev/null | grep -v sources | sort -V | tail -n 1)
IO_JAR=$(ls "${HOME}"/.m2/repository/commons-io/commons-io/*/commons-io-*.jar 2>/dev/null | grep -v sources | sort -V | tail -n 1)
if [ -n "$NET_JAR" ] && [ -n "$IO_JAR" ]; then
  cat >"$W/Implicit.java" <<'JAVA'
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;

/** Commons Net in implicit mode: sign in, PBSZ 0 and PROT P, a listing and a download, each checked. */
public class Implicit {
  public static void main(String[] args) throws Exception {
    var ftps = new FTPSClient(true);
    ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
    ftps.setDefaultTimeout(20_000);
    ftps.connect("127.0.0.1", Integer.parseInt(args[0]));
    if (!ftps.login(args[1], args[2])) throw new AssertionError(ftps.getReplyString());
    ftps.execPBSZ(0);
    ftps.execPROT("P");
    ftps.enterLocalPassiveMode();
    ftps.setFileType(FTP.BINARY_FILE_TYPE);
    String[] names = ftps.listNames("/t/fg/cloud/docs/incoming");
    if (names == null || !Arrays.asList(names).contains(args[3])) throw new AssertionError("not listed: " + ftps.getReplyString());
    var out = new ByteArrayOutputStream();
    if (!ftps.retrieveFile("/t/fg/cloud/docs/incoming/" + args[3], out)) throw new AssertionError(ftps.getReplyString());
    if (!Arrays.equals(out.toByteArray(), Files.readAllBytes(Path.of(args[4])))) throw new AssertionError("the file differs");
    ftps.logout();
    ftps.disconnect();
  }
}
JAVA
  check "Commons Net FTPSClient(true) (implicit TLS) lists and downloads the same bytes" java -cp "$NET_JAR:$IO_JAR" \
    "$W/Implicit.java" "$FTPS_PORT" alice "$T" "$NUMBER.docx" "$W/$NUMBER.docx"
else
  echo "  skip  the Commons Net implicit FTPS check: commons-net or commons-io is not in ~/.m2 (run the build first)"
fi
check "ftp:// in clear text on the implicit FTPS port is told where to go (421)" refused_with \
  "421 This port speaks implicit FTPS" curl -sSv --max-time 20 "ftp://127.0.0.1:$FTPS_PORT/"
check "lftp cannot make a folder (550)" refused_with 550 lftp -u "alice,$T" -p "$FTP_PORT" \
  -e "$LFTP_TLS; cd /t/fg/cloud/docs/incoming; mkdir new; bye" 127.0.0.1
# Its sender may take a waiting file back (DELE, FtpConformanceTests); a reader without an account may not.
check "anonymous lftp cannot delete a document (550)" refused_with 550 lftp -p "$FTP_PORT" \
  -e "cd /t/fg/cloud/docs/incoming; rm $NUMBER.docx; bye" 127.0.0.1
check "lftp cannot rename a document (550)" refused_with 550 lftp -u "alice,$T" -p "$FTP_PORT" \
  -e "$LFTP_TLS; cd /t/fg/cloud/docs/incoming; mv $NUMBER.docx other.docx; bye" 127.0.0.1
check "anonymous lftp reads the meeting folders" bash -c "lftp -p $FTP_PORT -e 'cls /t/fg/cloud/docs/; bye' 127.0.0.1 \
  | grep -q '$CODE/'"
MIRRORED=$(allocate)
mkdir -p "$W/up" "$W/mget" "$W/ncftp" "$W/rclone" "$W/rclone-back"
head -c 300000 /dev/urandom >"$W/up/$MIRRORED.pdf"
check "lftp mirror -R uploads a folder and exits 0 (SITE CHMOD/UTIME answered 502)" lftp -u "alice,$T" \
  -p "$FTP_PORT" -e "$LFTP_TLS; mirror -R $W/up /t/fg/cloud/docs/incoming; bye" 127.0.0.1
check "the mirrored file is listed and whole" bash -c "curl -sSf -u alice:$T '$IN/' | grep -q ' $MIRRORED.pdf\$' \
  && curl -sSf -u alice:$T -o '$W/mirrored.pdf' '$IN/$MIRRORED.pdf' && cmp -s '$W/mirrored.pdf' '$W/up/$MIRRORED.pdf'"
check "lftp mirror -R again finds nothing to upload and exits 0" lftp -u "alice,$T" -p "$FTP_PORT" \
  -e "$LFTP_TLS; mirror -R $W/up /t/fg/cloud/docs/incoming; bye" 127.0.0.1
RESUMED=$(allocate)
head -c 100000 /dev/urandom >"$W/cut.pptx"
head -c 400000 /dev/urandom >"$W/$RESUMED.pptx"
curl -sSf -u "alice:$T" -T "$W/cut.pptx" "$IN/$RESUMED.pptx" || die "could not upload $RESUMED.pptx"
# lftp's put -c after a broken upload: REST <size of what is there> + STOR is refused (554: nothing partial is kept,
# so what is there is another version), and lftp then sends the whole file from byte 0.
check "lftp put -c over a shorter waiting version: REST+STOR refused (554), then the whole file, identical" bash -c \
  "lftp -d -u alice,$T -p $FTP_PORT -e '$LFTP_TLS; cd /t/fg/cloud/docs/incoming; put -c $W/$RESUMED.pptx; bye' 127.0.0.1 \
  >'$W/lftp-resume.log' 2>&1; grep -q '^<--- 554' '$W/lftp-resume.log' && curl -sSf -u alice:$T -o '$W/resumed.pptx' \
  '$IN/$RESUMED.pptx' && cmp -s '$W/resumed.pptx' '$W/$RESUMED.pptx'"
check "tnftp (ftp(1)) mget *.pdf fetches what the pattern names, and only that" bash -c "cd '$W/mget' \
  && printf 'open 127.0.0.1 %s\nuser alice alice-demo\ncd /t/fg/cloud/docs/incoming\nbinary\nprompt\nmget *.pdf\nquit\n' \
  $FTP_PORT | tnftp -n -v && cmp -s '$W/mget/$MIRRORED.pdf' '$W/up/$MIRRORED.pdf' && [ \$(ls | wc -l) = 1 ]"
check "ncftpget fetches a path ending in a pattern (/t/fg/cloud/docs/incoming/*.pdf)" bash -c "HOME='$W' ncftpget -V \
  -u alice -p alice-demo -P $FTP_PORT 127.0.0.1 '$W/ncftp' '/t/fg/cloud/docs/incoming/*.pdf' \
  && cmp -s '$W/ncftp/$MIRRORED.pdf' '$W/up/$MIRRORED.pdf'"

# Second pass: clients and settings the first review did not try; a client that is not installed is skipped
# with a line that says so. ABOR as lftp and Python's ftplib send it (TCP urgent data), curl in active mode
# and with --ftp-method nocwd, wget -c, aria2c with four connections, busybox ftpget -c / ftpput, FTP_TLS.
# have COMMAND: whether COMMAND is installed; says that its checks are skipped when it is not.
have() { command -v "$1" >/dev/null 2>&1 && return 0; echo "  skip  the $1 checks: $1 is not installed"; return 1; }
BIG=$(allocate)
ABORTED=$(allocate)
head -c 30000000 /dev/urandom >"$W/$BIG.zip"
curl -sSf -u "alice:$T" -T "$W/$BIG.zip" "$IN/" || die "could not upload $BIG.zip"
check "curl in active mode (-P -) and with --ftp-method nocwd downloads the same bytes" bash -c "curl -sSf -P - \
  -u alice:$T -o '$W/active.pdf' '$IN/$MIRRORED.pdf' && cmp -s '$W/active.pdf' '$W/up/$MIRRORED.pdf' && curl -sSf \
  --ftp-method nocwd -u alice:$T -o '$W/nocwd.pdf' '$IN/$MIRRORED.pdf' && cmp -s '$W/nocwd.pdf' '$W/up/$MIRRORED.pdf'"
check "lftp in clear text stops a download with ABOR (IAC IP, urgent IAC DM) and carries on" bash -c "lftp -d \
  -u alice,$T -p $FTP_PORT -e 'set ftp:ssl-allow no; set net:max-retries 1; set net:timeout 20; \
  cd /t/fg/cloud/docs/incoming; cat $BIG.zip | head -c 10 >/dev/null; cls -1; bye' 127.0.0.1 >'$W/lftp-abor.log' 2>&1; \
  cat '$W/lftp-abor.log' | grep -v '^<---  '| tail -n 20; grep -q -- '---> ABOR' '$W/lftp-abor.log' \
  && ! grep -q '^<--- 500' '$W/lftp-abor.log' && grep -qx '$BIG.zip' '$W/lftp-abor.log'"
if have python3; then
  check "Python's ftplib abort() (ABOR as urgent data) stops an upload: 426, 226, nothing kept" python3 - \
    127.0.0.1 "$FTP_PORT" alice "$T" "$ABORTED" <<'PY'
import ftplib, sys
host, port, user, secret, number = sys.argv[1:]
ftp = ftplib.FTP()
ftp.connect(host, int(port), timeout=20)
ftp.login(user, secret)
data = ftp.transfercmd("STOR /t/fg/cloud/docs/incoming/%s.pdf" % number)
data.sendall(b"x" * 100000)
print(ftp.abort())
print(ftp.getresp())
data.close()
print(ftp.sendcmd("NOOP"))
names = ftp.nlst("/t/fg/cloud/docs/incoming")
assert "%s.pdf" % number not in names, names
ftp.quit()
PY
  check "Python's ftplib abort() in retrbinary's callback: abort() reads 426, retrbinary 226, the next command its own" \
    python3 - 127.0.0.1 "$FTP_PORT" alice "$T" "$BIG.zip" <<'PY'
import ftplib, sys
host, port, user, secret, name = sys.argv[1:]
ftp = ftplib.FTP()
ftp.connect(host, int(port), timeout=20)
ftp.login(user, secret)
said = []
def block(data):
    if not said:
        said.append(ftp.abort())
end = ftp.retrbinary("RETR /t/fg/cloud/docs/incoming/" + name, block)
print(said, end)
assert said[0].startswith("426 ") and end.startswith("226 "), (said, end)
assert ftp.sendcmd("NOOP").startswith("200 ")
# STAT's ls line comes bare between 213- and 213 , as vsftpd sends it (it came as "213--rw-r--r-- ...").
line = ftp.sendcmd("STAT /t/fg/cloud/docs/incoming/" + name).splitlines()[1]
assert line.startswith("-r") and line.endswith(" " + name), line
ftp.quit()
PY
  GAVE_UP=$(allocate)
  # A clean end of the data connection is, in stream mode, a complete upload: the QUIT that follows drops it only when
  # it arrives before the upload is answered (usual on loopback, not always on a loaded machine). What must hold either
  # way: the answer tells the truth, 426 and nothing kept, or a positive reply and the file kept.
  check "Python's ftplib interrupted inside 'with' (data closed cleanly, then QUIT): 426 and nothing kept, or kept and said so" python3 - \
    127.0.0.1 "$FTP_PORT" alice "$T" "$GAVE_UP" <<'PY'
import ftplib, io, sys
host, port, user, secret, number = sys.argv[1:]
class Interrupted(Exception):
    pass
def stop(block):
    raise Interrupted()
said = None
try:
    with ftplib.FTP() as ftp:
        ftp.connect(host, int(port), timeout=20)
        ftp.login(user, secret)
        ftp.storbinary("STOR /t/fg/cloud/docs/incoming/%s.pdf" % number, io.BytesIO(b"x" * 500000), 8192, stop)
except Interrupted:
    said = "a positive reply: the upload was kept"
except ftplib.error_temp as reply:
    said = str(reply)
print("the QUIT of the with block was answered:", said)
with ftplib.FTP() as ftp:
    ftp.connect(host, int(port), timeout=20)
    ftp.login(user, secret)
    names = ftp.nlst("/t/fg/cloud/docs/incoming")
    kept = "%s.pdf" % number in names
    assert kept == (said == "a positive reply: the upload was kept"), (said, names)
    assert kept or said.startswith("426"), said
PY
  check "Python's FTP_TLS lists (MLSD) and downloads over PROT P, resumed with REST" python3 - \
    127.0.0.1 "$FTP_PORT" alice "$T" "$MIRRORED.pdf" "$W/up/$MIRRORED.pdf" <<'PY'
import ftplib, io, ssl, sys
host, port, user, secret, name, local = sys.argv[1:]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
ftp = ftplib.FTP_TLS(context=context)
ftp.connect(host, int(port), timeout=20)
ftp.login(user, secret)
ftp.prot_p()
ftp.cwd("/t/fg/cloud/docs/incoming")
facts = dict(ftp.mlsd())[name]
whole = open(local, "rb").read()
assert int(facts["size"]) == len(whole), facts
got = io.BytesIO()
ftp.retrbinary("RETR " + name, got.write, rest=1000)
assert got.getvalue() == whole[1000:]
ftp.quit()
PY
fi
if have wget; then
  check "wget resumes an FTP download (-c)" bash -c "mkdir -p '$W/wget' && head -c 1000 '$W/up/$MIRRORED.pdf' \
    >'$W/wget/$MIRRORED.pdf' && cd '$W/wget' && wget -nv -c --user alice --password '$T' '$IN/$MIRRORED.pdf' \
    && cmp -s '$MIRRORED.pdf' '$W/up/$MIRRORED.pdf'"
fi
check "curl over FTPS (PROT P) lists an empty folder and the next listing still works" bash -c "for i in 1 2; do \
  curl -sSf --ssl-reqd -k -u alice:$T '$FTP/t/fg/cloud/docs/$CODE/in/' >'$W/empty.txt' && [ ! -s '$W/empty.txt' ] \
  || exit 1; done"
if have aria2c; then
  check "aria2c fetches over four FTP connections (-x4 -s4) the same bytes" bash -c "aria2c -q -x4 -s4 -d '$W/aria2' \
    --ftp-user=alice --ftp-passwd='$T' '$IN/$BIG.zip' && cmp -s '$W/aria2/$BIG.zip' '$W/$BIG.zip'"
fi
if have busybox; then
  check "busybox ftpget -c resumes and ftpput cannot store a name that is no number" bash -c "head -c 1000 \
    '$W/up/$MIRRORED.pdf' >'$W/bb.pdf' && busybox ftpget -c -u alice -p '$T' -P $FTP_PORT 127.0.0.1 '$W/bb.pdf' \
    /t/fg/cloud/docs/incoming/$MIRRORED.pdf && cmp -s '$W/bb.pdf' '$W/up/$MIRRORED.pdf' && ! busybox ftpput -u alice \
    -p '$T' -P $FTP_PORT 127.0.0.1 /t/fg/cloud/docs/incoming/notes.pdf '$W/bb.pdf'"
fi

# Third pass: the client cases of a fresh round (FileZilla-style facts, curl's and wget's options, names in
# Chinese and Arabic, which are no document numbers and are refused with a sentence that names them).
check "curl -T --ftp-create-dirs uploads into incoming (nothing to create)" \
  curl -sSf --ftp-create-dirs -u "alice:$T" -T "$W/up/$MIRRORED.pdf" "$IN/"
check "curl -Q runs a command before the listing and one after it" bash -c "curl -sSf -u alice:$T -Q NOOP -Q -SYST \
  '$IN/' | grep -q ' $MIRRORED.pdf\$'"
check "curl --disable-epsv (PASV) downloads the same bytes" bash -c "curl -sSf --disable-epsv -u alice:$T \
  -o '$W/pasv.pdf' '$IN/$MIRRORED.pdf' && cmp -s '$W/pasv.pdf' '$W/up/$MIRRORED.pdf'"
if have wget; then
  check "wget --ftp-user/--ftp-password downloads the same bytes" bash -c "wget -q -O '$W/wget-user.pdf' \
    --ftp-user=alice --ftp-password='$T' '$IN/$MIRRORED.pdf' && cmp -s '$W/wget-user.pdf' '$W/up/$MIRRORED.pdf'"
fi
cp "$W/up/$MIRRORED.pdf" "$W/文件.pdf"
cp "$W/up/$MIRRORED.pdf" "$W/مستند.pdf"
check "curl cannot upload a Chinese file name: 553 naming it" bash -c "curl -sSv -u alice:$T -T '$W/文件.pdf' '$IN/' \
  >'$W/zh.log' 2>&1; grep -q '^< 553 \"文件.pdf\" is not a contribution file name' '$W/zh.log'"
check "lftp cannot upload an Arabic file name: 553 naming it" bash -c "lftp -u alice,$T -p $FTP_PORT -e \
  \"$LFTP_TLS; cd /t/fg/cloud/docs/incoming; put '$W/مستند.pdf'; bye\" 127.0.0.1 2>&1 | grep -q '553 \"مستند.pdf\"'"
if have python3; then
  check "Python's ftplib: mlsd() facts, LIST -a and -la, NLST *.pdf, sentences in Chinese (LANG zh), EPSV ALL" \
    python3 - 127.0.0.1 "$FTP_PORT" alice "$T" "$MIRRORED.pdf" <<'PY'
import ftplib, sys
host, port, user, secret, name = sys.argv[1:]
ftp = ftplib.FTP()
ftp.connect(host, int(port), timeout=20)
ftp.login(user, secret)
assert ftp.sendcmd("OPTS UTF8 ON").startswith("200")
ftp.cwd("/t/fg/cloud/docs/incoming")
facts = dict(ftp.mlsd(facts=["type", "size", "modify", "perm"]))[name]
assert facts["type"] == "file" and facts["perm"] == "rwd" and len(facts["modify"]) == 14, facts
for listing in ("LIST -a", "LIST -la"):
    lines = []
    ftp.retrlines(listing, lines.append)
    assert any(line.endswith(" " + name) for line in lines), (listing, lines)
assert name in ftp.nlst("*.pdf")
assert ftp.sendcmd("SIZE " + name) == "213 %s" % facts["size"]
assert ftp.sendcmd("LANG zh").startswith("200")
try:
    ftp.sendcmd("SIZE 文件.pdf")
    raise AssertionError("SIZE of a name that is not there")
except ftplib.error_perm as e:
    assert str(e).startswith("550 ") and "文件.pdf" in str(e), e
assert ftp.sendcmd("EPSV ALL").startswith("200")
try:
    ftp.sendcmd("PASV")
    raise AssertionError("PASV after EPSV ALL")
except ftplib.error_perm as e:
    assert str(e).startswith("503 "), e
ftp.quit()
PY
fi

# Fourth pass: more clients people use, each skipped with a line that says so when it is not installed: Node's basic-ftp
# (from the npm registry, into target/basic-ftp) in clear text and over FTPS, Java's ftp:// URL handler, Python's
# urllib.request, inetutils-ftp, axel -n 4 and curl --parallel.
NODE_DOC=$(allocate)
if have npm && have node; then
  tools=$(cd "$(dirname "$0")/../../.." && pwd)/target/basic-ftp
  [ -d "$tools/node_modules/basic-ftp" ] || npm install --prefix "$tools" --silent --no-audit --no-fund basic-ftp@6.2.6 \
    >/dev/null 2>&1 || echo "  skip  the basic-ftp checks: npm could not install basic-ftp"
  cat >"$W/basic-ftp.js" <<'JS'
// Upload, MLSD listing, download whole and resumed, APPE refused with the session going on, then an upload again.
const ftp = require("basic-ftp");
const fs = require("fs");
const [port, user, secret, number, dir, secure] = process.argv.slice(2);
(async () => {
  const client = new ftp.Client(20000);
  await client.access({ host: "127.0.0.1", port: +port, user, password: secret, secure: secure === "tls",
    secureOptions: { rejectUnauthorized: false } });
  const whole = fs.readFileSync(`${dir}/${number}.pdf`);
  await client.cd("/t/fg/cloud/docs/incoming");
  await client.uploadFrom(`${dir}/${number}.pdf`, `${number}.pdf`);
  const entry = (await client.list()).find(file => file.name === `${number}.pdf`);
  if (!entry || entry.size !== whole.length || !entry.modifiedAt) throw new Error("listing: " + JSON.stringify(entry));
  await client.downloadTo(`${dir}/back.pdf`, `${number}.pdf`);
  if (!fs.readFileSync(`${dir}/back.pdf`).equals(whole)) throw new Error("download differs");
  fs.writeFileSync(`${dir}/resumed.pdf`, whole.subarray(0, 1234));
  await client.downloadTo(fs.createWriteStream(`${dir}/resumed.pdf`, { flags: "a" }), `${number}.pdf`, 1234);
  if (!fs.readFileSync(`${dir}/resumed.pdf`).equals(whole)) throw new Error("resumed download differs");
  const refused = await client.appendFrom(`${dir}/${number}.pdf`, `${number}.pdf`).then(() => "kept", e => e.message);
  if (!refused.startsWith("550 ")) throw new Error("APPE: " + refused);
  const missing = await client.downloadTo(`${dir}/missing.pdf`, "FG-Cloud-I-9999.pdf").then(() => "sent", e => e.message);
  if (!missing.startsWith("550 ")) throw new Error("RETR of a missing file: " + missing);
  await client.uploadFrom(`${dir}/${number}.pdf`, `${number}.pdf`);
  console.log(refused, "|", missing, "| the session goes on");
  client.close();
})().catch(e => { console.error(e.message); process.exit(1); });
JS
  mkdir -p "$W/node"
  head -c 600000 /dev/urandom >"$W/node/$NODE_DOC.pdf"
  if [ -d "$tools/node_modules/basic-ftp" ]; then
    check "basic-ftp uploads, lists (MLSD), downloads whole and resumed; APPE and a missing RETR are 550, then it uploads" \
      env NODE_PATH="$tools/node_modules" node "$W/basic-ftp.js" "$FTP_PORT" alice "$T" "$NODE_DOC" "$W/node" clear
    check "basic-ftp over FTPS (secure: true) does the same, its session alive after each 550" \
      env NODE_PATH="$tools/node_modules" node "$W/basic-ftp.js" "$FTP_PORT" alice "$T" "$NODE_DOC" "$W/node" tls
  fi
fi
cat >"$W/FtpUrl.java" <<'JAVA'
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Java's ftp:// URL handler: TYPE I, EPSV or PASV, RETR for a file, LIST for a folder. */
public class FtpUrl {
  public static void main(String[] args) throws Exception {
    byte[] whole = Files.readAllBytes(Path.of(args[2]));
    for (String base : new String[] {args[0], args[1]}) {
      try (InputStream in = URI.create(base + "/t/fg/cloud/docs/incoming/" + args[3]).toURL().openStream()) {
        if (!Arrays.equals(in.readAllBytes(), whole)) {
          throw new AssertionError(base + ": the file differs");
        }
      }
      try (InputStream in = URI.create(base + "/t/fg/cloud/docs/incoming/").toURL().openStream()) {
        if (!new String(in.readAllBytes()).contains(" " + args[3])) {
          throw new AssertionError(base + ": the listing does not name " + args[3]);
        }
      }
    }
  }
}
JAVA
check "Java's ftp:// URL handler reads a file and a folder, signed in and anonymously" java "$W/FtpUrl.java" \
  "ftp://alice:alice-demo@127.0.0.1:$FTP_PORT" "ftp://127.0.0.1:$FTP_PORT" "$W/up/$MIRRORED.pdf" "$MIRRORED.pdf"
if have python3; then
  check "Python's urllib.request reads a file and a folder over ftp:// and a file over http://" python3 - \
    "$FTP" "$P" "$MIRRORED.pdf" "$W/up/$MIRRORED.pdf" <<'PY'
import sys, urllib.request
ftp, http, name, local = sys.argv[1:]
whole = open(local, "rb").read()
for url in (ftp.replace("ftp://", "ftp://alice:alice-demo@") + "/t/fg/cloud/docs/incoming/" + name,
            ftp + "/t/fg/cloud/docs/incoming/" + name, http + "/t/fg/cloud/docs/incoming/" + name):
    with urllib.request.urlopen(url, timeout=20) as response:
        assert response.read() == whole, url
with urllib.request.urlopen(ftp + "/t/fg/cloud/docs/incoming/", timeout=20) as response:
    assert (" " + name).encode() in response.read()
PY
fi
if have inetutils-ftp; then
  check "inetutils-ftp (active mode, its default) lists, gets and puts" bash -c "mkdir -p '$W/inetutils' && cd '$W/inetutils' \
    && printf 'open 127.0.0.1 %s\nuser alice alice-demo\ncd /t/fg/cloud/docs/incoming\nbinary\ndir\nget %s\nput %s\nquit\n' \
    $FTP_PORT $MIRRORED.pdf $MIRRORED.pdf | inetutils-ftp -n -v >out.txt 2>&1; cat out.txt; grep -q '^226 Received $MIRRORED.pdf' \
    out.txt && cmp -s $MIRRORED.pdf '$W/up/$MIRRORED.pdf'"
fi
if have axel; then
  check "axel -n 4 over FTP (four connections, each from its REST offset) fetches the same bytes" bash -c "mkdir -p \
    '$W/axel' && axel -q -n 4 -o '$W/axel/big.zip' 'ftp://alice:alice-demo@127.0.0.1:$FTP_PORT/t/fg/cloud/docs/incoming/$BIG.zip' \
    && cmp -s '$W/axel/big.zip' '$W/$BIG.zip'"
fi
PARALLEL_UP=("$(allocate)" "$(allocate)" "$(allocate)" "$(allocate)")
mkdir -p "$W/parallel" "$W/parallel-back"
for n in "${PARALLEL_UP[@]}"; do head -c 400000 /dev/urandom >"$W/parallel/$n.pdf"; done
check "curl --parallel uploads four documents at once over FTPS and fetches them back at once, each whole" bash -c "cd '$W' \
  && up=() && back=() && for n in ${PARALLEL_UP[*]}; do up+=(-T parallel/\$n.pdf '$IN/'); \
  back+=(-o parallel-back/\$n.pdf '$IN/'\$n.pdf); done && curl -sSf --parallel --ssl-reqd -k -u alice:$T \"\${up[@]}\" \
  && curl -sSf --parallel -u alice:$T \"\${back[@]}\" && for n in ${PARALLEL_UP[*]}; do \
  cmp -s parallel/\$n.pdf parallel-back/\$n.pdf || exit 1; done"

PARALLEL=("$(allocate)" "$(allocate)" "$(allocate)")
mkdir -p "$W/up4" "$W/mirror4"
for n in "${PARALLEL[@]}"; do head -c 900000 /dev/urandom >"$W/up4/$n.pdf"; done
check "lftp mirror -R --parallel=4 uploads three documents at once, each whole" bash -c "lftp -u alice,$T -p $FTP_PORT \
  -e '$LFTP_TLS; mirror -R --parallel=4 $W/up4 /t/fg/cloud/docs/incoming; bye' 127.0.0.1 \
  && for n in ${PARALLEL[*]}; do curl -sSf -u alice:$T -o '$W/back4.pdf' '$IN/'\$n.pdf && cmp -s '$W/back4.pdf' '$W/up4/'\$n.pdf || exit 1; done"
check "lftp mirror --parallel=4 fetches incoming, each file whole" bash -c "lftp -u alice,$T -p $FTP_PORT \
  -e '$LFTP_TLS; mirror --parallel=4 /t/fg/cloud/docs/incoming $W/mirror4; bye' 127.0.0.1 \
  && for n in ${PARALLEL[*]}; do cmp -s '$W/mirror4/'\$n.pdf '$W/up4/'\$n.pdf || exit 1; done \
  && cmp -s '$W/mirror4/$MIRRORED.pdf' '$W/up/$MIRRORED.pdf'"
check "lftp pget -n 4 (four connections, each from its REST offset) fetches the same bytes" bash -c "lftp -u alice,$T \
  -p $FTP_PORT -e '$LFTP_TLS; pget -n 4 /t/fg/cloud/docs/incoming/${PARALLEL[0]}.pdf -o $W/pget.pdf; bye' 127.0.0.1 \
  && cmp -s '$W/pget.pdf' '$W/up4/${PARALLEL[0]}.pdf'"

CLONED=$(allocate)
head -c 250000 /dev/urandom >"$W/rclone/$CLONED.pdf"
export RCLONE_CONFIG=/dev/null RCLONE_FTP_HOST=127.0.0.1 RCLONE_FTP_PORT=$FTP_PORT RCLONE_FTP_USER=alice
RCLONE_FTP_PASS=$(rclone obscure "$T")
export RCLONE_FTP_PASS
check "rclone copy uploads over FTP" rclone copy "$W/rclone" :ftp:/t/fg/cloud/docs/incoming
check "rclone lsjson lists it with its size" bash -c "rclone lsjson :ftp:/t/fg/cloud/docs/incoming \
  | jq -e --arg n '$CLONED.pdf' '.[] | select(.Name == \$n and .Size == 250000)'"
check "rclone check --download finds it identical" rclone check --one-way --download "$W/rclone" \
  :ftp:/t/fg/cloud/docs/incoming
check "rclone over FTPS (explicit TLS) copies it back, identical" bash -c "RCLONE_FTP_EXPLICIT_TLS=true \
  RCLONE_FTP_NO_CHECK_CERTIFICATE=true rclone copy ':ftp:/t/fg/cloud/docs/incoming/$CLONED.pdf' '$W/rclone-back' \
  && cmp -s '$W/rclone-back/$CLONED.pdf' '$W/rclone/$CLONED.pdf'"

# rclone's multi-thread download (REST per part, each data connection closed at its part's end) is answered 426 on the
# parts cut short, as vsftpd answers it; rclone 1.60 then keeps a file with holes (it does the same with vsftpd): a
# client fault, so the check below uses one stream per file and four connections.
check "rclone with --ftp-concurrency 4 copies the incoming folder back, each file identical" bash -c "rclone copy \
  --ftp-concurrency 4 --transfers 4 --multi-thread-streams 0 :ftp:/t/fg/cloud/docs/incoming '$W/rclone-all' \
  && for n in ${PARALLEL[*]}; do cmp -s '$W/rclone-all/'\$n.pdf '$W/up4/'\$n.pdf || exit 1; done \
  && cmp -s '$W/rclone-all/$CLONED.pdf' '$W/rclone/$CLONED.pdf'"

check "the document is still there, whole" bash -c "curl -sSf -u alice:$T -o '$W/final.docx' '$IN/$NUMBER.docx' && cmp -s '$W/final.docx' '$W/v2.docx'"

# Issue 16: the README's lftp recipe: an anonymous mirror of a published folder holds MANIFEST.json and passes verify.
TSB=$(token "$P" tsb tsb-demo)
curl -sf -X POST -H "Authorization: Bearer $TSB" "$P/api/v1/contributions/$NUMBER/publish" >/dev/null \
  || die "could not publish $NUMBER"
check "anonymous lftp mirror of the published folder passes java -jar plenary.jar verify" bash -c "lftp -p $FTP_PORT \
  -e 'mirror /t/fg/cloud/docs/$CODE/in $W/lftp-in; bye' 127.0.0.1 && ls '$W/lftp-in/MANIFEST.json' \
  && java -jar '$JAR' verify '$W/lftp-in' --site '$P'"

if [ "$FAILED" = 0 ]; then echo "every FTP client check passed"; else echo "some FTP client checks FAILED"; fi
exit "$FAILED"
