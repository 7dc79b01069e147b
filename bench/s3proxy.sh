#!/usr/bin/env bash
# A local S3 server for scripts: S3Proxy (org.gaul:s3proxy, the test dependency of the pom) with
# jclouds' filesystem provider keeping the objects under DIR/objects, on 127.0.0.1:PORT.
#
# Usage: bench/s3proxy.sh start DIR PORT   starts it in the background, waits until it answers, and
#                                          prints the endpoint (http://127.0.0.1:PORT) on stdout
#        bench/s3proxy.sh stop DIR         stops the one started on DIR (and waits until it is gone)
# Credentials: access key "plenary", secret key "plenary-secret"; path-style addressing. Plenary:
#   --plenary.documents.store=s3 --plenary.documents.s3.endpoint=http://127.0.0.1:PORT
#   --plenary.documents.s3.access-key=plenary --plenary.documents.s3.secret-key=plenary-secret
#   --plenary.documents.s3.path-style=true   (the bucket, "plenary" by default, is created by Plenary)
# The class path is resolved once with Maven (offline when possible) into DIR/classpath, or taken
# from the file S3PROXY_CLASSPATH names (the output of mvn dependency:build-classpath -Dmdep.includeScope=test).
# S3PROXY_JAVA_OPTS: extra JVM options for S3Proxy (a JFR recording, say).
# S3PROXY_PROVIDER: the blob store behind it, filesystem (jclouds', the default) or filesystem-nio2
#   (S3Proxy's own, same layout under DIR/objects), both keeping every object as a file, or
#   transient-nio2 (S3Proxy's in-memory file system, jimfs) or transient (jclouds' in-memory store, a
#   byte array per object): no disk at all, every object and part in S3Proxy's heap, gone when it stops.
# S3PROXY_HEAP: S3Proxy's -Xmx (512m; in memory, which holds a multipart upload's parts and the
#   completed object at once, 4g with transient-nio2 and 6g with transient, whose completion and copy
#   also gather the whole object in growing arrays: a 1 GiB upload's publication failed with 4g).
# Exit status: 0 on success, 2 when it could not start or stop.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "s3proxy.sh: $*" >&2; exit 2; }

start() {
  local dir=$1 port=$2 jdk i heap
  case "${S3PROXY_PROVIDER:-filesystem}" in
    filesystem | filesystem-nio2) heap=${S3PROXY_HEAP:-512m} ;;
    transient-nio2) heap=${S3PROXY_HEAP:-4g} ;;
    transient) heap=${S3PROXY_HEAP:-6g} ;;
    *) die "S3PROXY_PROVIDER must be filesystem, filesystem-nio2, transient or transient-nio2, not '$S3PROXY_PROVIDER'" ;;
  esac
  mkdir -p "$dir/objects"
  dir=$(cd "$dir" && pwd)
  [ ! -f "$dir/s3proxy.pid" ] || ! kill -0 "$(cat "$dir/s3proxy.pid")" 2>/dev/null \
    || die "an S3Proxy already runs on $dir (pid $(cat "$dir/s3proxy.pid"))"
  jdk=${JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | sort -V | tail -n 1)}
  if [ -n "${S3PROXY_CLASSPATH:-}" ]; then
    cp "$S3PROXY_CLASSPATH" "$dir/classpath"
  elif [ ! -s "$dir/classpath" ]; then
    local lock=""
    if command -v flock >/dev/null && [ -e /tmp/plenary-mvn.lock ]; then lock="flock /tmp/plenary-mvn.lock"; fi
    (cd "$ROOT" && { $lock mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$dir/classpath" >&2 || $lock mvn -B -q dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$dir/classpath" >&2; }) \
      || die "could not resolve S3Proxy's class path with Maven"
  fi
  cat >"$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=plenary
s3proxy.credential=plenary-secret
jclouds.provider=${S3PROXY_PROVIDER:-filesystem}
jclouds.identity=plenary
jclouds.credential=plenary-secret
jclouds.filesystem.basedir=$dir/objects
PROPS
  # shellcheck disable=SC2086
  "$jdk/bin/java" "-Xmx$heap" ${S3PROXY_JAVA_OPTS:-} -cp "$(cat "$dir/classpath")" org.gaul.s3proxy.Main \
    --properties "$dir/s3proxy.properties" >"$dir/s3proxy.log" 2>&1 &
  echo $! >"$dir/s3proxy.pid"
  for i in $(seq 1 120); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
      echo "http://127.0.0.1:$port"
      return 0
    fi
    kill -0 "$(cat "$dir/s3proxy.pid")" 2>/dev/null || { tail -n 20 "$dir/s3proxy.log" >&2; die "S3Proxy exited"; }
    sleep 0.5
  done
  die "S3Proxy did not answer on port $port within 60 s (log: $dir/s3proxy.log)"
}

stop() {
  local dir=$1 pid i
  [ -f "$dir/s3proxy.pid" ] || return 0
  pid=$(cat "$dir/s3proxy.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/s3proxy.pid"; return 0; }
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/s3proxy.pid"
}

case "${1:-}" in
  start) [ $# = 3 ] || die "usage: $0 start DIR PORT"; start "$2" "$3" ;;
  stop) [ $# = 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 start DIR PORT | stop DIR" ;;
esac
