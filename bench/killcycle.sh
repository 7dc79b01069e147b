#!/usr/bin/env bash
# Crash safety under load: many kill cycles of the kill-cycle test.
#
# Runs org.plenary.attack.KillCycleTests (the test that the build runs with 3 cycles) with
# KILLCYCLE_CYCLES (20) cycles: Plenary runs as its own process (the built classes, umask 000, a
# fresh data folder), four clients upload over HTTP or FTP at random (sizes from 1 byte to 600 KB, one in ten 9 MiB)
# and a fifth registers new people for the meeting and has their focal point approve them,
# the process is killed with SIGKILL at a random moment (0.4 to 2.5 s into each cycle) and started
# again on the same folder. After each start it checks that every acknowledged registration is there
# once (and every acknowledged approval, with its number); after the last start it checks that every acknowledged (201) upload is
# registered with the SHA-256 the client computed and lies on disk with those bytes, that the store
# holds no file the register does not know (nor staging or journal leftovers), that every number
# whose upload was not acknowledged can be uploaded again, and that folders are 0700 and files 0600.
# It stops by itself (about 5 s a cycle); the test's temporary folders are removed.
#
# Usage: bench/killcycle.sh            (KILLCYCLE_CYCLES=50 bench/killcycle.sh for more)
# Environment: KILLCYCLE_CYCLES (20); KILLCYCLE_PORT_BASE (unset: any free ports; else the server's ports are
#   taken from it to it+499: HTTP and FTP from base to base+399, FTP passive from base+400); PLENARY_MVN_LOCK (/tmp/plenary-mvn.lock: Maven runs under
#   flock on this file, as every Maven run on a shared machine should; empty to run without);
#   MVN_OPTS_OFFLINE (-o: set to empty when dependencies must be downloaded).
# Exit status: 0 when every check passes, 1 otherwise (Maven's report names the failed check).
set -euo pipefail
cd "$(dirname "$0")/.."
CYCLES=${KILLCYCLE_CYCLES:-20}
LOCK=${PLENARY_MVN_LOCK-/tmp/plenary-mvn.lock}
OFFLINE=${MVN_OPTS_OFFLINE--o}
command=(mvn -B -q ${OFFLINE:+"$OFFLINE"} test -Dtest='KillCycleTests#killing*' -Dsurefire.failIfNoSpecifiedTests=false
  -Dplenary.killcycle.cycles="$CYCLES" ${KILLCYCLE_PORT_BASE:+"-Dplenary.killcycle.port-base=$KILLCYCLE_PORT_BASE"})
echo "[$(date +%H:%M:%S)] kill-cycle: $CYCLES cycles of SIGKILL under 4 concurrent HTTP and FTP uploaders" >&2
if [ -n "$LOCK" ] && command -v flock >/dev/null; then
  flock "$LOCK" "${command[@]}" && rc=0 || rc=$?
else
  "${command[@]}" && rc=0 || rc=$?
fi
report=target/surefire-reports/org.plenary.attack.KillCycleTests.txt
[ -f "$report" ] && grep -E "Tests run|acknowledged" "$report" >&2 || true
if [ "$rc" = 0 ]; then echo "PASS: $CYCLES kill cycles, no acknowledged upload or registration lost, no number stranded"; else echo "FAIL (see $report)"; fi
exit "$rc"
