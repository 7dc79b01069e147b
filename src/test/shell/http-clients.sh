#!/usr/bin/env bash
# The HTTP folder tree with the clients people bring: wget, curl and rclone, with their default settings.
#
# Starts a demo Plenary (target/plenary.jar) on free loopback ports, uploads a document for alice
# and checks, each step printed: `wget -m` of a meeting folder WITHOUT -np (it climbs the `../`
# links to /t/ and follows every link of every listing; /robots.txt keeps mirroring tools inside
# /t/, whose folders map to a disk, while the site's pages do not) ends with status 0; the folders above the groups are listings; OPTIONS answers Allow: GET, HEAD, OPTIONS on files
# and folders; If-Match that does not match is 412, If-None-Match: * is 304, If-None-Match with the
# ETag is 304, a range is 206; a write is 405 with Allow; a name that differs only by case is
# refused with a 4xx that names the exact name; a meeting's in.zip that changes between a client's ranges
# (If-Range with the old ETag: the whole new ZIP; aria2c -x4: one version whole, or it stops and will not resume);
# axel -n 4, wget2, HTTPie, lftp pget -n 4, Node's fetch and Java's HttpClient with Range and If-Range.
#
# Usage: src/test/shell/http-clients.sh     Exit status: 0 when every check passes, 1 otherwise.
# Ports: the first free from CHECK_HTTP_PORT (18380) and CHECK_FTP_PORT (12421).
set -euo pipefail
# shellcheck source=../../../bench/lib.sh disable=SC1091
source "$(dirname "$0")/../../../bench/lib.sh"

need curl curl
need wget wget
need jq jq
need rclone rclone
need unzip unzip
resolve_jar
PORT="" FTP_PORT=""
free_port PORT "${CHECK_HTTP_PORT:-18380}"
free_port FTP_PORT "${CHECK_FTP_PORT:-12421}"
P=http://127.0.0.1:$PORT
start_plenary "$PORT" "$BENCH_TMP/plenary" --plenary.ftp.port="$FTP_PORT" --plenary.ftp.address=127.0.0.1
T=$(token "$P" alice alice-demo)
CODE=$(upcoming_meeting "$P")
NUMBER=$(curl -sf -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
  -d '{"title":"HTTP clients","source":"France Telecom Orange","agendaItems":[1]}' \
  "$P/api/v1/groups/cloud/meetings/$CODE/contributions" | jq -r .number)
W=$BENCH_TMP/work
mkdir -p "$W/mirror"
head -c 300000 /dev/urandom >"$W/$NUMBER.pdf"
curl -sf -H "Authorization: Bearer $T" -F "file=@$W/$NUMBER.pdf" "$P/api/v1/contributions/$NUMBER/files" >/dev/null \
  || die "could not upload $NUMBER.pdf"
FILE=$P/t/fg/cloud/docs/incoming/$NUMBER.pdf
# status EXPECTED CURL-ARGS...: curl answers with that status.
status() {
  local expected=$1 got
  shift
  got=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  echo "status $got (expected $expected)"
  [ "$got" = "$expected" ]
}
# allows URL [CURL-ARGS...]: the response's Allow header is exactly GET, HEAD, OPTIONS (any order).
allows() {
  local url=$1 allow
  shift
  allow=$(curl -s -o /dev/null -D - "$@" "$url" | tr -d '\r' | awk -F': ' 'tolower($1) == "allow" { print $2 }')
  echo "Allow: $allow"
  [ "$(tr -d ' ' <<<"$allow" | tr ',' '\n' | sort | paste -sd,)" = "GET,HEAD,OPTIONS" ]
}

echo "wget $(wget --version | head -n 1 | cut -d' ' -f3), curl $(curl --version | head -n 1 | cut -d' ' -f2); document $NUMBER"
check "wget -m of /t/fg/cloud/docs/1006-gva/in/ without -np ends with status 0" \
  bash -c "cd '$W/mirror' && wget -m -nv '$P/t/fg/cloud/docs/1006-gva/in/'"
check "wget's mirror did not leave /t/" bash -c "[ -z \"\$(ls '$W/mirror/127.0.0.1:$PORT' | grep -vx -e t -e robots.txt)\" ]"
check "the mirror climbed to /t/ and holds the document" bash -c "ls '$W/mirror/127.0.0.1:$PORT/t/index.html' \
  '$W/mirror/127.0.0.1:$PORT/t/fg/cloud/index.html' && cmp -s '$W/mirror/127.0.0.1:$PORT/t/fg/cloud/docs/incoming/$NUMBER.pdf' '$W/$NUMBER.pdf'"
check "/t/, /t/fg/ and /t/fg/cloud/ are listings" bash -c "curl -sf '$P/t/' | grep -q 'href=\"fg/\"' \
  && curl -sf '$P/t/fg/' | grep -q 'href=\"cloud/\"' && curl -sf '$P/t/fg/cloud/' | grep -q 'href=\"docs/\"'"
check "a listing carries the site's header and footer" bash -c "curl -sf '$P/t/fg/cloud/docs/incoming/' \
  | grep -q '<header' && curl -sf '$P/t/fg/cloud/docs/incoming/' | grep -q '<footer'"
check "OPTIONS on a file answers Allow: GET, HEAD, OPTIONS" allows "$FILE" -X OPTIONS
check "OPTIONS on a folder answers Allow: GET, HEAD, OPTIONS" allows "$P/t/fg/cloud/docs/incoming/" -X OPTIONS
check "PUT on a file is 405 with Allow" allows "$FILE" -X PUT -H "Authorization: Bearer $T" --data-binary x
check "PUT on a file is 405" status 405 -X PUT -H "Authorization: Bearer $T" --data-binary x "$FILE"
check "If-Match that does not match is 412 (GET)" status 412 -H 'If-Match: "nope"' "$FILE"
check "If-Match that does not match is 412 (HEAD)" status 412 -I -H 'If-Match: "nope"' "$FILE"
check "If-Match with the ETag is 200" bash -c "etag=\$(curl -sI '$FILE' | tr -d '\r' | awk -F': ' 'tolower(\$1)==\"etag\"{print \$2}') \
  && [ \"\$(curl -s -o /dev/null -w '%{http_code}' -H \"If-Match: \$etag\" '$FILE')\" = 200 ]"
check "If-None-Match: * on an existing file is 304 (GET)" status 304 -H 'If-None-Match: *' "$FILE"
check "If-None-Match: * on an existing file is 304 (HEAD)" status 304 -I -H 'If-None-Match: *' "$FILE"
check "If-None-Match with the ETag is 304" bash -c "etag=\$(curl -sI '$FILE' | tr -d '\r' | awk -F': ' 'tolower(\$1)==\"etag\"{print \$2}') \
  && [ \"\$(curl -s -o /dev/null -w '%{http_code}' -H \"If-None-Match: \$etag\" '$FILE')\" = 304 ]"
check "a byte range is 206 with the right bytes" bash -c "curl -sf -r 1000-1999 -o '$W/range' '$FILE' \
  && cmp -s '$W/range' <(tail -c +1001 '$W/$NUMBER.pdf' | head -c 1000)"
check "If-Range with the ETag is a 206 range, with another ETag the whole file (200)" bash -c "etag=\$(curl -sI '$FILE' \
  | tr -d '\r' | awk -F': ' 'tolower(\$1)==\"etag\"{print \$2}') && [ \"\$(curl -s -o /dev/null -w '%{http_code} %{size_download}' \
  -r 0-99 -H \"If-Range: \$etag\" '$FILE')\" = '206 100' ] && [ \"\$(curl -s -o /dev/null -w '%{http_code} %{size_download}' \
  -r 0-99 -H 'If-Range: \"other\"' '$FILE')\" = '200 300000' ]"
check "curl -r 0-9,1000-1009 (two ranges) is a 206 multipart/byteranges, each part its bytes and Content-Range" bash -c \
  "curl -sf -r 0-9,1000-1009 -D '$W/multi.h' -o '$W/multi.b' '$FILE' && python3 - '$W/multi.h' '$W/multi.b' '$W/$NUMBER.pdf'" <<'PY'
import re, sys
head, body, whole = (open(name, "rb").read() for name in sys.argv[1:])
assert head.startswith(b"HTTP/1.1 206"), head
boundary = re.search(rb"(?im)^content-type: multipart/byteranges; *boundary=(\S+)", head).group(1)
parts = []
for part in body.split(b"--" + boundary)[1:-1]:
    fields, data = part.split(b"\r\n\r\n", 1)
    parts.append((re.search(rb"(?i)content-range: (.*)", fields).group(1).strip(), data[:-2]))
size = len(whole)
assert parts == [(b"bytes 0-9/%d" % size, whole[:10]), (b"bytes 1000-1009/%d" % size, whole[1000:1010])], parts
PY
check "wget -c resumes a download cut at byte 1000" bash -c "mkdir -p '$W/wget-c' && head -c 1000 '$W/$NUMBER.pdf' \
  >'$W/wget-c/$NUMBER.pdf' && cd '$W/wget-c' && wget -nv -c '$FILE' && cmp -s '$NUMBER.pdf' '$W/$NUMBER.pdf'"
if command -v aria2c >/dev/null 2>&1; then
  check "aria2c -x4 -s4 fetches the same bytes" bash -c "aria2c -q -x4 -s4 -d '$W/aria2' '$FILE' \
    && cmp -s '$W/aria2/$NUMBER.pdf' '$W/$NUMBER.pdf'"
else
  echo "  skip  the aria2c check: aria2c is not installed"
fi
check "If-Match that does not match is 412 on a listing" status 412 -H 'If-Match: "nope"' "$P/t/fg/cloud/docs/incoming/"
# rclone's HTTP backend reads the same listings a browser does (no configuration file: an on-the-fly remote).
RC=(rclone --config /dev/null --http-url "$P/t/fg/cloud/docs/")
check "rclone lsjson over HTTP lists $NUMBER.pdf with its size" bash -c "$(printf '%q ' "${RC[@]}") lsjson :http:incoming \
  | jq -e '.[] | select(.Name == \"$NUMBER.pdf\" and .Size == 300000)'"
check "rclone copy over HTTP fetches the folder" "${RC[@]}" copy :http:incoming "$W/rclone"
check "rclone check over HTTP finds the copy identical" "${RC[@]}" check --one-way :http:incoming "$W/rclone"
check "rclone's copy has the uploaded bytes" cmp "$W/rclone/$NUMBER.pdf" "$W/$NUMBER.pdf"
LOWER=$(tr 'A-Z' 'a-z' <<<"$NUMBER")
cp "$W/$NUMBER.pdf" "$W/$LOWER.pdf"
check "an upload named $LOWER.pdf is refused naming $NUMBER.pdf" bash -c "[ \"\$(curl -s -o '$W/problem' -w '%{http_code}' \
  -H 'Authorization: Bearer $T' -F 'file=@$W/$LOWER.pdf' '$P/api/v1/contributions/$NUMBER/files')\" = 400 ] \
  && grep -q '$NUMBER.pdf' '$W/problem'"

# Issue 16: the published folder as a mirror and as one ZIP, each checked with `java -jar plenary.jar verify`.
TSB=$(token "$P" tsb tsb-demo)
curl -sf -X POST -H "Authorization: Bearer $TSB" "$P/api/v1/contributions/$NUMBER/publish" >/dev/null \
  || die "could not publish $NUMBER"
IN=$P/t/fg/cloud/docs/$CODE/in
check "wget -m -np of the published folder holds MANIFEST.json, and verify says ok" bash -c "cd '$W' && mkdir -p wget-in \
  && cd wget-in && wget -m -np -nH --cut-dirs=5 -nv -R 'index.html*' '$IN/' && ls in/MANIFEST.json in/$NUMBER.pdf \
  && java -jar '$JAR' verify in --site '$P'"
check "verify finds a changed byte in the wget mirror" bash -c "cd '$W/wget-in/in' && cp $NUMBER.pdf ../keep.pdf \
  && printf x | dd of=$NUMBER.pdf bs=1 seek=10 conv=notrunc 2>/dev/null; java -jar '$JAR' verify . --site '$P' | grep -q 'changed: $NUMBER.pdf'; \
  r=\$?; cp ../keep.pdf $NUMBER.pdf; exit \$r"
check "rclone copy of the published folder passes verify" bash -c "$(printf '%q ' "${RC[@]}") copy :http:$CODE/in '$W/rclone-in' \
  && java -jar '$JAR' verify '$W/rclone-in' --site '$P'"
check "in.zip passes unzip -t and verify" bash -c "curl -sf -o '$W/in.zip' '$IN.zip' && unzip -tqq '$W/in.zip' \
  && java -jar '$JAR' verify '$W/in.zip' --site '$P'"
check "in.zip cut at 1000 bytes and resumed with curl -C - is byte-identical" bash -c "curl -sf -r 0-999 -o '$W/part.zip' '$IN.zip' \
  && curl -sf -C - -o '$W/part.zip' '$IN.zip' && cmp '$W/part.zip' '$W/in.zip'"
check "in.zip: HEAD gives GET's ETag and length, If-None-Match with it is 304, If-Range with it a 206 range" bash -c \
  "curl -sfI '$IN.zip' | tr -d '\r' >'$W/zip.h' && etag=\$(awk -F': ' 'tolower(\$1)==\"etag\"{print \$2}' '$W/zip.h') \
  && grep -qix \"content-length: \$(stat -c %s '$W/in.zip')\" '$W/zip.h' \
  && [ \"\$(curl -s -o /dev/null -w '%{http_code}' -H \"If-None-Match: \$etag\" '$IN.zip')\" = 304 ] \
  && [ \"\$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -r 10-19 -H \"If-Range: \$etag\" '$IN.zip')\" = '206 10' ]"
check "the changes feed lists the publication" bash -c "curl -sf '$P/api/v1/groups/cloud/changes?since=0' \
  | jq -e '.changes[] | select(.number == \"$NUMBER\" and .kind == \"PUBLISHED\")'"

# Issue 16: the README's recipe for a meeting whose documents are not public — the same tools with
# the account's token on every request (here on a public folder: the tools send it, the server takes it).
check "wget -m --header 'Authorization: Bearer …' of the published folder passes verify" bash -c "cd '$W' \
  && mkdir -p wget-token && cd wget-token && wget -m -np -nH --cut-dirs=5 -nv -R 'index.html*' \
  --header 'Authorization: Bearer $T' '$IN/' && PLENARY_TOKEN='$T' java -jar '$JAR' verify in --site '$P'"
check "rclone copy --http-headers 'Authorization,Bearer …' passes verify" bash -c "$(printf '%q ' "${RC[@]}") copy \
  --http-headers 'Authorization,Bearer $T' :http:$CODE/in '$W/rclone-token' && java -jar '$JAR' verify '$W/rclone-token' --site '$P'"
check "curl --header 'Authorization: Bearer …' of in.zip is the same ZIP" bash -c "curl -sf \
  --header 'Authorization: Bearer $T' -o '$W/in-token.zip' '$IN.zip' && cmp '$W/in-token.zip' '$W/in.zip'"
check "an unknown token is 401 with the Bearer challenge" bash -c "curl -s -o /dev/null -D - \
  --header 'Authorization: Bearer plenary_unknown' '$IN/' | tr -d '\r' | grep -qi '^www-authenticate: Bearer.*invalid_token'"
check "a write with a token is 405" status 405 -X POST -H "Authorization: Bearer $T" --data-binary x "$IN/$NUMBER.pdf"

# Fourth pass: more clients people use, each skipped with a line that says so when it is not installed: axel over
# four connections, wget2, HTTPie (--download, --continue), lftp pget -n 4, Node's fetch and Java's HttpClient with
# Range and If-Range on a file and on in.zip.
# have COMMAND: whether COMMAND is installed; says that its checks are skipped when it is not.
have() { command -v "$1" >/dev/null 2>&1 && return 0; echo "  skip  the $1 checks: $1 is not installed"; return 1; }
PUBLISHED=$IN/$NUMBER.pdf
if have axel; then
  check "axel -n 4 fetches a document and in.zip over four connections, the same bytes" bash -c "mkdir -p '$W/axel' \
    && axel -q -n 4 -o '$W/axel/doc.pdf' '$PUBLISHED' && cmp -s '$W/axel/doc.pdf' '$W/$NUMBER.pdf' \
    && axel -q -n 4 -o '$W/axel/in.zip' '$IN.zip' && cmp -s '$W/axel/in.zip' '$W/in.zip'"
fi
if have wget2; then
  check "wget2 fetches a document and resumes it (-c) from byte 1000" bash -c "mkdir -p '$W/wget2' && cd '$W/wget2' \
    && wget2 -q -O whole.pdf '$PUBLISHED' && cmp -s whole.pdf '$W/$NUMBER.pdf' && head -c 1000 '$W/$NUMBER.pdf' \
    >$NUMBER.pdf && wget2 -q -c '$PUBLISHED' && cmp -s $NUMBER.pdf '$W/$NUMBER.pdf'"
fi
if have http; then
  # --ignore-stdin: with stdin not a terminal HTTPie sends it as a body, with POST (405 here).
  check "HTTPie --download and --continue from byte 1000 give the same bytes" bash -c "mkdir -p '$W/httpie' \
    && cd '$W/httpie' && http --ignore-stdin --download -o whole.pdf '$PUBLISHED' && cmp -s whole.pdf '$W/$NUMBER.pdf' \
    && head -c 1000 '$W/$NUMBER.pdf' >part.pdf && http --ignore-stdin --download --continue -o part.pdf '$PUBLISHED' \
    && cmp -s part.pdf '$W/$NUMBER.pdf'"
fi
if have lftp; then
  check "lftp pget -n 4 over HTTP fetches in.zip in four ranges, the same bytes" bash -c "lftp -e \
    'pget -n 4 $IN.zip -o $W/lftp-pget.zip; bye' && cmp -s '$W/lftp-pget.zip' '$W/in.zip'"
fi
if have node; then
  check "Node's fetch: Range, If-Range with the ETag (206) and another (200, whole), a suffix, past the end (416)" \
    node --input-type=module - "$PUBLISHED" "$IN.zip" <<'JS'
const urls = process.argv.slice(2);
for (const url of urls) {
  const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
  const ask = async (headers) => { const r = await fetch(url, { headers }); return [r, Buffer.from(await r.arrayBuffer())]; };
  const [ranged, part] = await ask({ Range: "bytes=100-199" });
  if (ranged.status !== 206 || !part.equals(whole.subarray(100, 200))) throw new Error(`${url}: range ${ranged.status}`);
  const etag = ranged.headers.get("etag");
  const [same, samePart] = await ask({ Range: "bytes=100-199", "If-Range": etag });
  if (same.status !== 206 || !samePart.equals(part)) throw new Error(`${url}: If-Range with the ETag ${same.status}`);
  const [other, otherBody] = await ask({ Range: "bytes=100-199", "If-Range": '"another"' });
  if (other.status !== 200 || !otherBody.equals(whole)) throw new Error(`${url}: If-Range with another ETag ${other.status}`);
  const [suffix, tail] = await ask({ Range: "bytes=-10" });
  if (suffix.status !== 206 || !tail.equals(whole.subarray(whole.length - 10))) throw new Error(`${url}: suffix ${suffix.status}`);
  const [past] = await ask({ Range: `bytes=${whole.length}-` });
  if (past.status !== 416 || past.headers.get("content-range") !== `bytes */${whole.length}`) throw new Error(`${url}: past the end ${past.status}`);
  console.log(url, whole.length, "bytes: ranges as asked");
}
JS
fi
cat >"$W/HttpRange.java" <<'JAVA'
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

public class HttpRange {
  public static void main(String[] args) throws Exception {
    byte[] whole = Files.readAllBytes(Path.of(args[1]));
    HttpClient client = HttpClient.newHttpClient();
    var ranged = client.send(HttpRequest.newBuilder(URI.create(args[0])).header("Range", "bytes=100-199").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (ranged.statusCode() != 206 || !Arrays.equals(ranged.body(), Arrays.copyOfRange(whole, 100, 200))) {
      throw new AssertionError("range: " + ranged.statusCode());
    }
    var other = client.send(HttpRequest.newBuilder(URI.create(args[0])).header("Range", "bytes=100-199")
        .header("If-Range", "\"another\"").build(), HttpResponse.BodyHandlers.ofByteArray());
    if (other.statusCode() != 200 || !Arrays.equals(other.body(), whole)) {
      throw new AssertionError("If-Range with another ETag: " + other.statusCode());
    }
  }
}
JAVA
check "Java's HttpClient: a Range is 206 with its bytes, If-Range with another ETag the whole file" \
  java "$W/HttpRange.java" "$PUBLISHED" "$W/$NUMBER.pdf"

# A folder's ZIP that changes while it is fetched in parts (a second document published between the ranges): a
# range asked with the old ETag in If-Range is the whole new ZIP (200), and aria2c -x4, which sends no If-Range,
# either finishes on one version (its ranges already open) or stops on the new length (exit status 8) and then
# refuses to resume (`-c`, "total length mismatch"): never two versions spliced.
# upload_new SIZE: allocates a number for alice, uploads SIZE random bytes as its .pdf, prints the number.
upload_new() {
  local number
  number=$(curl -sf -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
    -d '{"title":"HTTP clients, a changing ZIP","source":"France Telecom Orange","agendaItems":[1]}' \
    "$P/api/v1/groups/cloud/meetings/$CODE/contributions" | jq -r .number)
  head -c "$1" /dev/urandom >"$W/$number.pdf"
  curl -sf -H "Authorization: Bearer $T" -F "file=@$W/$number.pdf" "$P/api/v1/contributions/$number/files" >/dev/null \
    || die "could not upload $number.pdf"
  echo "$number"
}
# aria2c splits only a file of at least twice --min-split-size (1 MiB at the least): a 3 MB document first.
BIG=$(upload_new 3000000)
curl -sf -X POST -H "Authorization: Bearer $TSB" "$P/api/v1/contributions/$BIG/publish" >/dev/null \
  || die "could not publish $BIG"
curl -sf -o "$W/in.zip" "$IN.zip" || die "could not fetch in.zip"
SECOND=$(upload_new 100000)
OLD_ZIP_ETAG=$(curl -sI "$IN.zip" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
if command -v aria2c >/dev/null 2>&1; then
  # 3.3 MB at 400 KB/s in four parts: the publication, 2 s in, lands between the first bytes and the last ranges.
  aria2c -q -x4 -s4 -k1M --min-split-size=1M --max-download-limit=400K -d "$W/aria2-zip" "$IN.zip" \
    >"$W/aria2-zip.log" 2>&1 &
  ARIA=$!
  sleep 2
fi
curl -sf -X POST -H "Authorization: Bearer $TSB" "$P/api/v1/contributions/$SECOND/publish" >/dev/null \
  || die "could not publish $SECOND"
curl -sf -o "$W/in-new.zip" "$IN.zip" || die "could not fetch the new in.zip"
check "in.zip: after a publication, a range with the old ETag in If-Range is the whole new ZIP (200)" bash -c \
  "[ \"\$(curl -s -o '$W/in-if-range.zip' -w '%{http_code}' -r 1000- -H 'If-Range: $OLD_ZIP_ETAG' '$IN.zip')\" = 200 ] \
  && cmp '$W/in-if-range.zip' '$W/in-new.zip'"
if [ -n "${ARIA:-}" ]; then
  ARIA_RC=0
  wait "$ARIA" || ARIA_RC=$?
  check "aria2c -x4 of in.zip changed between its ranges ends with the old or the new ZIP whole, or stops; never a splice" \
    bash -c "rc=$ARIA_RC; cat '$W/aria2-zip.log'; f=\$(ls '$W/aria2-zip/'*.zip); if [ \$rc = 0 ]; then \
    cmp -s \"\$f\" '$W/in.zip' || cmp -s \"\$f\" '$W/in-new.zip'; else [ -e \"\$f.aria2\" ] \
    && ! aria2c -q -c -x4 -s4 -k1M --min-split-size=1M -d '$W/aria2-zip' '$IN.zip' \
    || cmp -s \"\$f\" '$W/in-new.zip'; fi"
else
  echo "  skip  the aria2c check on a changing in.zip: aria2c is not installed"
fi

if [ "$FAILED" = 0 ]; then echo "every HTTP client check passed"; else echo "some HTTP client checks FAILED"; fi
exit "$FAILED"
