#!/usr/bin/env python3
"""Concurrent API clients for the benchmark scripts (standard library only).

  load.py allocate --base URL --meeting CODE --token T [--count 1000] [--clients 50] [--out FILE]
                   [--server-pid PID [--quiet-also postgres]]
      Asks for COUNT document numbers from CLIENTS concurrent keep-alive connections (wrk with
      bench/allocate.lua: each of its two threads sends exactly its share), then checks in the meeting's register that the numbers are distinct and consecutive, following the highest
      number the group's series held before the run. Writes a JSON summary to FILE. With --server-pid, the
      summary has cpu_ms: the server's CPU time per number from the first request until the server (and the
      processes named by --quiet-also) is quiet again, the reads of the checks left out; client_cpu_ms is
      wrk's own CPU time per number; p50_ms and p99_ms are wrk's latency percentiles.

  load.py warm --base URL --meeting CODE --token T [--seconds 40 | --requests N] [--count 1000] [--clients 50]
               [--out FILE]
      Asks for document numbers in rounds of COUNT from CLIENTS connections for about SECONDS (or until
      N numbers, rounded up to whole rounds, have been allocated), unmeasured, so that the server's JIT has
      compiled the allocation path; prints each round's rate (and writes them to FILE: the first round of a
      fresh server is the cold rate). A count of requests gives two jars compared with each other the same
      warm-up; seconds give a slower one fewer.

  load.py populate --base URL --meeting CODE --token T --secretariat-token S [--count 5000]
                   [--clients 8] [--publish-clients 64]
      Creates COUNT published documents: allocate a number and upload NUMBER.txt (CLIENTS threads),
      then publish them all (PUBLISH_CLIENTS requests at once: the server makes them in batches).

  load.py cycle --base URL --meeting CODE --token T --secretariat-token S [--count 2000] [--clients 8]
                [--size 204800] [--out FILE] [--server-pid PID]
      The whole document cycle COUNT times from CLIENTS threads: allocate a number, upload a SIZE-byte
      file, publish it. Checks that every step answered as it should, that each publication names
      the SHA-256 of the bytes sent, and that the meeting's register holds exactly COUNT new numbers,
      all published; prints (and writes to FILE) documents per second and latency percentiles. With
      --server-pid, also the server's CPU a document by thread (from the first request until the server is
      quiet again), and of it jit_ms (C1 and C2 compiling), gc_ms (the collector's threads) and work_ms
      (the rest: what the documents themselves cost, the figure least moved by how warm the JIT got).

  load.py registrations --base URL --meeting CODE --token ADMIN_TOKEN [--count 500] [--pdf-seconds 10]
                        [--warmup-meeting CODE ...] [--server-pid PID]
      Opens COUNT accounts of a Sector Member, lets them register for each warm-up meeting (a burst
      each), then sends their COUNT registrations all at once (one thread writes them on COUNT open
      keep-alive connections, see Burst), checks that the meeting holds exactly COUNT new
      registrations, one per person, approves them, and renders confirmation PDFs for PDF_SECONDS.
      With --server-pid (a server on this machine), also the server's CPU time per registration:
      from the burst's start until the server is quiet again, the mails it causes included.

Only for servers on this machine: the base URL must be on 127.0.0.1 or localhost.
"""
import argparse
import http.client
import json
import os
import re
import resource
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

NUMBER = re.compile(r"^(.*?)(\d+)$")


def loopback(base):
    """The base URL, split; exits unless it names this machine."""
    url = urllib.parse.urlsplit(base)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to send load to {url.hostname}: loopback only")
    return url


class Client:
    """One keep-alive HTTP connection, reopened once when the server closed it."""

    def __init__(self, base, token=None):
        url = loopback(base)
        self.host, self.port = url.hostname, url.port or 80
        self.token = token
        self.conn = None
        self.link = None

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                self.link = resp.getheader("Link")
                if resp.getheader("Connection", "").lower() == "close":
                    self.close()
                return resp.status, data
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def json(self, method, path, payload=None, expect=200):
        body = None if payload is None else json.dumps(payload).encode()
        status, data = self.request(method, path, body, {"Content-Type": "application/json",
                                                         "Accept": "application/json"})
        if status != expect:
            raise RuntimeError(f"{method} {path}: HTTP {status} {data[:300]!r}")
        return json.loads(data) if data else None

    def every(self, path):
        """Every row of a paged list (the API's lists answer 100 rows a page): each page, following Link rel="next"."""
        rows = []
        path += ("&" if "?" in path else "?") + "limit=1000"
        while path:
            rows += self.json("GET", path)
            found = re.match(r'<([^>]+)>; rel="next"', self.link or "")
            path = found.group(1) if found else None
        return rows

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def busy_ticks(pid, names=()):
    """CPU clock ticks (user + system) used so far by process PID and by every process named in NAMES."""
    pids = [pid]
    for entry in os.listdir("/proc"):
        if entry.isdigit() and names:
            try:
                with open(f"/proc/{entry}/comm") as f:
                    if f.read().strip() in names:
                        pids.append(int(entry))
            except OSError:
                pass
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total


def backend_ticks(database):
    """(user, system) CPU clock ticks so far of each PostgreSQL client backend connected to DATABASE, by
    process id (this machine's server: psql asks it which backends those are, /proc tells their CPU);
    autovacuum's workers, which come and go with the tables' growth, are left out."""
    pids = subprocess.run(["psql", "-d", "postgres", "-w", "-At", "-v", f"db={database}"], check=True,
                          input="SELECT pid FROM pg_stat_activity WHERE datname = :'db' AND pid <> pg_backend_pid()"
                                " AND backend_type = 'client backend'",
                          capture_output=True, text=True).stdout.split()
    ticks = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks[int(pid)] = (int(fields[11]), int(fields[12]))
        except (OSError, ValueError, IndexError):
            pass
    return ticks


def wait_quiet(pid, names=(), limit=120):
    """Waits (at most LIMIT seconds) until PID and the processes NAMES use less than 5 % of a core over a
    second, as bench/lib.sh's wait_quiet does: the work queued by the numbers (mails, index) is done."""
    hz = os.sysconf("SC_CLK_TCK")
    for _ in range(limit):
        before = busy_ticks(pid, names)
        time.sleep(1)
        if busy_ticks(pid, names) - before < hz // 20 + 1:
            return


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]


def run_workers(clients, count, work):
    """Runs work(client_index, item_index) for item 0..count-1 on `clients` threads.

    Threads are started and wait on a barrier, so the clock measures the requests only.
    Returns (seconds, errors)."""
    lock = threading.Lock()
    next_item = [0]
    errors = []
    barrier = threading.Barrier(clients + 1)

    def worker(ci):
        barrier.wait()
        while True:
            with lock:
                i = next_item[0]
                if i >= count:
                    return
                next_item[0] += 1
            try:
                work(ci, i)
            except Exception as e:  # noqa: BLE001 - reported and counted
                with lock:
                    errors.append(f"item {i}: {e}")

    threads = [threading.Thread(target=worker, args=(c,), daemon=True) for c in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - start, errors


def run_posts(base, token, path, count, clients, first=1, body=None, content_type=None, words=None, expect=None):
    """Sends COUNT allocation POSTs (bench_body, numbered FIRST..) with wrk and bench/allocate.lua: CLIENTS
    keep-alive connections on two threads, each thread sending exactly its share and stopping once its
    share has answered; a C client that takes little CPU beside the server (curl --parallel took 0.13 to
    0.18 ms a request on the same two cores, wrk 0.03 to 0.06). Returns (seconds, results, p50_ms,
    p99_ms): seconds is wrk's own clock (its start to the last answer), results[i] is (status or None,
    Location header or what went wrong), the percentiles are wrk's latencies (corrected by wrk for
    coordinated omission). BODY (bench_body), CONTENT_TYPE (JSON), WORDS ({w} of request n is words[n -
    FIRST]) and EXPECT (text each answer's body must hold, else its status is negated) as allocate.lua says;
    results are in the order of the answers, thread by thread, not of the requests."""
    url = loopback(base)
    threads = max(1, min(2, count, clients))
    connections = max(threads, min(clients, count))
    with tempfile.TemporaryDirectory(prefix="wrk-") as tmp:
        out = os.path.join(tmp, "answers")
        env = dict(os.environ, WRK_PATH=path, WRK_TOKEN=token, WRK_COUNT=str(count), WRK_FIRST=str(first),
                   WRK_THREADS=str(threads), WRK_OUT=out, WRK_BODY=BENCH_BODY if body is None else body)
        if content_type:
            env["WRK_CONTENT_TYPE"] = content_type
        if expect:
            env["WRK_EXPECT"] = expect
        if words is not None:
            env["WRK_WORDS"] = os.path.join(tmp, "words")
            with open(env["WRK_WORDS"], "w") as f:
                f.write("\n" * (first - 1) + "\n".join(words) + "\n")  # line n is request n
        # -d only bounds a run that hangs: the script interrupts wrk once every share has answered
        cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{60 + count // 20}s",
               "--timeout", "120s", "-s", os.path.join(os.path.dirname(os.path.abspath(__file__)), "allocate.lua"),
               f"{url.scheme}://{url.netloc}"]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        markers = [f"{out}.done{i}" for i in range(1, threads + 1)]
        while True:
            try:
                stdout, stderr = proc.communicate(timeout=0.005)
                break
            except subprocess.TimeoutExpired:
                # The last thread's SIGINT ends wrk's sleep only when the kernel hands it to wrk's main
                # thread, not to a worker thread still alive: once every share has answered, it is sent
                # again until wrk ends (by then only the main thread is left to take it).
                if all(os.path.exists(m) for m in markers):
                    proc.send_signal(signal.SIGINT)
        if not os.path.exists(out):
            raise SystemExit(f"wrk wrote no answers (exit {proc.returncode}): {(stderr or stdout).strip()[:300]}")
        with open(out) as f:
            head = f.readline().split()
            lines = f.read().splitlines()
    duration_us, _, p50_us, p99_us = (float(v) for v in head[:4])
    errors = dict(zip(("connect", "read", "write", "timeout"), (int(v) for v in head[4:8])))
    results = []
    for line in lines:
        code, location = line.split(" ", 1)
        results.append((int(code), location if location != "-" else ""))
    lost = ", ".join(f"{k} {v}" for k, v in errors.items() if v)
    results += [(None, f"no answer (wrk socket errors: {lost or 'none'}; {stderr.strip()[:200]})")] * (
        count - len(results))
    return duration_us / 1e6, results, p50_us / 1000.0, p99_us / 1000.0


BENCH_BODY = '{"title": "Benchmark allocation {n}", "source": "bench/allocate.sh"}'


def warm(args):
    path = f"/api/v1/groups/{args.group}/meetings/{args.meeting}/contributions"
    end, sent, rates, cpu = time.perf_counter() + args.seconds, 0, [], []
    hz = os.sysconf("SC_CLK_TCK")
    while (sent < args.requests) if args.requests else (time.perf_counter() < end):
        # with --server-pid, each round's server CPU a number and its JIT compilers' share (the round's
        # answers only: work a round leaves behind falls into the next one)
        before = thread_ticks(args.server_pid) if args.server_pid else None
        seconds, results, _, _ = run_posts(args.base, args.token, path, args.count, args.clients, sent + 1)
        failed = [r for r in results if r[0] != 201]
        if failed:
            raise SystemExit(f"warm-up: {len(failed)} of {args.count} requests failed, first: {failed[0][:2]!r}")
        sent += args.count
        rates.append(args.count / seconds)
        line = f"  warm-up round: {rates[-1]:.0f} allocations/s"
        if before is not None:
            after = thread_ticks(args.server_pid)
            spent = {n: (t - before.get(n, 0)) * 1000.0 / hz / args.count for n, t in after.items()}
            jit = {c: sum(ms for n, ms in spent.items() if n.startswith(c + " CompilerThre")) for c in ("C1", "C2")}
            cpu.append({"cpu_ms": sum(spent.values()), "c1_ms": jit["C1"], "c2_ms": jit["C2"]})
            line += f", server CPU {cpu[-1]['cpu_ms']:.2f} ms a number (C1 {jit['C1']:.2f}, C2 {jit['C2']:.2f})"
        print(line, file=sys.stderr, flush=True)
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"rounds": rates, "round_cpu": cpu}, f)
    return 0


def allocate(args):
    path = f"/api/v1/groups/{args.group}/meetings/{args.meeting}/contributions"
    admin = Client(args.base)
    before = {}
    for meeting in admin.every(f"/api/v1/groups/{args.group}/meetings"):
        for c in admin.json("GET", f"/api/v1/groups/{args.group}/meetings/{meeting['code']}/contributions"):
            m = NUMBER.match(c.get("number") or "")
            if m:
                before.setdefault(m.group(1), []).append(int(m.group(2)))

    before_here = {c["number"] for c in admin.json("GET", path)}
    print(f"  {args.count} allocations from {args.clients} concurrent clients ...", file=sys.stderr, flush=True)
    if args.server_pid:
        wait_quiet(args.server_pid, args.quiet_also)
        ticks = busy_ticks(args.server_pid)
        threads = thread_ticks(args.server_pid)
        backends = backend_ticks(args.pg_db) if args.pg_db else {}
    client = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, results, p50_ms, p99_ms = run_posts(args.base, args.token, path, args.count, args.clients)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_ms = (after.ru_utime + after.ru_stime - client.ru_utime - client.ru_stime) * 1000.0 / args.count
    cpu_ms = None
    if args.server_pid:
        # The work the numbers left behind (mails, indexing) is counted, the reads of the checks are not.
        wait_quiet(args.server_pid, args.quiet_also)
        hz = os.sysconf("SC_CLK_TCK")
        cpu_ms = (busy_ticks(args.server_pid) - ticks) * 1000.0 / hz / args.count
        threads_after = thread_ticks(args.server_pid)
        by_thread = {name: (t - threads.get(name, 0)) * 1000.0 / hz / args.count for name, t in threads_after.items()}
        by_thread = dict(sorted(((n, ms) for n, ms in by_thread.items() if ms >= 0.005), key=lambda kv: -kv[1]))
        if args.pg_db:
            # A backend that opened during the run counts whole; the checks' reads come after this.
            # user and system apart: a backend that commits may write and flush the WAL of other databases'
            # transactions too (in system time), which on a shared server is not this run's work
            spent = [(u - backends.get(pid, (0, 0))[0], k - backends.get(pid, (0, 0))[1])
                     for pid, (u, k) in backend_ticks(args.pg_db).items()]
            pg_ms = sum(u + k for u, k in spent) * 1000.0 / hz / args.count
            pg_user_ms = sum(u for u, _ in spent) * 1000.0 / hz / args.count
    errors = [f"HTTP {s}" if s else d for s, d in results if s != 201]
    got = [location.rsplit("/", 1)[-1] for s, location in results if s == 201]

    checks = []

    def check(name, passed, detail=""):
        checks.append({"check": name, "pass": bool(passed), "detail": detail})

    check("every request answered 201", not errors and len(got) == args.count,
          f"{len(got)}/{args.count} ok" + (f"; first error: {errors[0]}" if errors else ""))
    check("returned numbers are distinct", len(set(got)) == len(got), f"{len(set(got))} distinct of {len(got)}")
    parsed = [NUMBER.match(n) for n in got]
    prefixes = {m.group(1) for m in parsed if m}
    check("one series", len(prefixes) == 1 and all(parsed), ", ".join(sorted(prefixes)))
    prefix = next(iter(prefixes)) if len(prefixes) == 1 else ""
    start = max(before.get(prefix, [0])) + 1
    register = [c["number"] for c in admin.json("GET", path)]
    by_value = sorted(got, key=lambda n: int(NUMBER.match(n).group(2)) if NUMBER.match(n) else -1) or [None]
    in_series = sorted(int(m.group(2)) for m in (NUMBER.match(n) for n in register) if m and m.group(1) == prefix
                       and int(m.group(2)) >= start)
    expected = list(range(start, start + args.count))
    new_in_register = set(register) - before_here
    check("register's new entries are exactly the returned numbers", new_in_register == set(got),
          f"{len(new_in_register)} new entries in the register")
    check(f"numbers are consecutive {start}..{start + args.count - 1}", in_series == expected,
          f"{by_value[0]} .. {by_value[-1]}" if in_series == expected else
          f"got {len(in_series)} numbers from {in_series[:1]} to {in_series[-1:]}")
    admin.close()

    result = {
        "count": args.count, "clients": args.clients, "ok": len(got), "errors": len(errors),
        "seconds": seconds, "rate": len(got) / seconds if seconds > 0 else 0.0,
        "p50_ms": p50_ms, "p99_ms": p99_ms, "client_cpu_ms": client_ms,
        "first": by_value[0], "last": by_value[-1],
        "checks": checks, "numbers_ok": all(c["pass"] for c in checks),
    }
    if cpu_ms is not None:
        result["cpu_ms"] = cpu_ms
        result["cpu_ms_by_thread"] = by_thread
        if args.pg_db:
            result["pg_cpu_ms"] = pg_ms
            result["pg_user_ms"] = pg_user_ms
    for c in checks:
        print(f"  [{'ok' if c['pass'] else 'FAILED'}] {c['check']}: {c['detail']}", file=sys.stderr)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)
    print(json.dumps(result))
    return 0 if result["numbers_ok"] else 1


BOUNDARY = "----plenary-bench-boundary"


def upload_and_publish(author, secretariat, number, content):
    """Uploads content as NUMBER.txt with the author's client, publishes it with the secretariat's;
    returns the publication (checked: upload 201, state PUBLISHED)."""
    body = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{number}.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\n").encode() + content + f"\r\n--{BOUNDARY}--\r\n".encode()
    status, data = author.request("POST", f"/api/v1/contributions/{number}/files", body,
                                  {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
    if status != 201:
        raise RuntimeError(f"upload {number}: HTTP {status} {data[:300]!r}")
    published = secretariat.json("POST", f"/api/v1/contributions/{number}/publish")
    if published.get("status") != "PUBLISHED":
        raise RuntimeError(f"publish {number}: status {published.get('status')}")
    return published


def populate(args):
    """Three passes through the server's API, as authors and a secretariat work at a deadline, each from wrk
    (bench/allocate.lua: a C client that takes a tenth of the CPU of this script's own, on the same cores as
    the server): authors allocate COUNT numbers, then upload a tiny NUMBER.txt for each (CLIENTS
    connections), then the secretariat publishes everything waiting (PUBLISH_CLIENTS requests at once,
    which the server makes in batches: one transaction and one manifest version per batch). Checked: every
    allocation 201 with a distinct number, every upload 201, every publication 200 and PUBLISHED."""
    path = f"/api/v1/groups/{args.group}/meetings/{args.meeting}/contributions"
    errors = []

    def phase(what, token, request_path, clients, body, content_type=None, words=None, expect=None, status=200):
        print(f"  {args.count} documents: {what} ({clients} connections) ...", file=sys.stderr, flush=True)
        seconds, results, _, _ = run_posts(args.base, token, request_path, args.count, clients, body=body,
                                           content_type=content_type, words=words, expect=expect)
        bad = [r for r in results if r[0] != status]
        errors.extend(f"{what}: HTTP {s}" + (" without " + expect if expect and s and s < 0 else "") if s else
                      f"{what}: {d}" for s, d in bad[:5])
        print(f"  {args.count - len(bad)}/{args.count} documents {what} in {seconds:.1f} s "
              f"({args.count / seconds:.0f}/s)", file=sys.stderr, flush=True)
        return seconds, results

    allocate_seconds, allocated = phase("allocated", args.token, path, args.clients,
                                        '{"title": "Benchmark document {n}", "source": "bench/listing.sh"}',
                                        status=201)
    numbers = sorted(location.rsplit("/", 1)[-1] for s, location in allocated if s == 201)
    if len(set(numbers)) != len(numbers) or len(numbers) != args.count:
        errors.append(f"allocation: {len(set(numbers))} distinct numbers of {len(numbers)}, expected {args.count}")
    upload_seconds = publish_seconds = 0.0
    if not errors:
        body = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{{w}}.txt\"\r\n"
                f"Content-Type: text/plain\r\n\r\nBenchmark document {{n}} ({{w}})\n\r\n--{BOUNDARY}--\r\n")
        upload_seconds, _ = phase("uploaded", args.token, "/api/v1/contributions/{w}/files", args.clients, body,
                                  f"multipart/form-data; boundary={BOUNDARY}", numbers, status=201)
    published = 0
    if not errors:
        publish_seconds, answers = phase("published", args.secretariat_token, "/api/v1/contributions/{w}/publish",
                                         args.publish_clients, "", None, numbers, '"status":"PUBLISHED"')
        published = sum(1 for s, _ in answers if s == 200)
    for e in errors[:5]:
        print(f"  error: {e}", file=sys.stderr)
    print(json.dumps({"count": args.count, "published": published, "errors": len(errors),
                      "seconds": allocate_seconds + upload_seconds + publish_seconds,
                      "upload_seconds": allocate_seconds + upload_seconds, "publish_seconds": publish_seconds}))
    return 0 if not errors else 1


def cycle(args):
    import hashlib
    path = f"/api/v1/groups/{args.group}/meetings/{args.meeting}/contributions"
    admin = Client(args.base)
    before = {c["number"] for c in admin.json("GET", path)}
    authors = [Client(args.base, args.token) for _ in range(args.clients)]
    secretariat = [Client(args.base, args.secretariat_token) for _ in range(args.clients)]
    padding = bytes(range(256)) * (args.size // 256 + 1)
    latencies = [0.0] * args.count
    numbers = [None] * args.count

    def work(ci, i):
        t0 = time.perf_counter()
        number = authors[ci].json("POST", path, {"title": f"Cycle document {i + 1}", "source": "bench/allocate.sh"},
                                  expect=201)["number"]
        head = f"Cycle document {i + 1} ({number})\n".encode()
        content = head + padding[:args.size - len(head)]
        published = upload_and_publish(authors[ci], secretariat[ci], number, content)
        if published.get("sha256") != hashlib.sha256(content).hexdigest():
            raise RuntimeError(f"publish {number}: SHA-256 {published.get('sha256')} is not that of the bytes sent")
        latencies[i] = (time.perf_counter() - t0) * 1000.0
        numbers[i] = number

    print(f"  {args.count} documents (allocate, upload {args.size} bytes, publish) from {args.clients} clients ...",
          file=sys.stderr, flush=True)
    # The client's own CPU (all its threads): it shares the cores with the server it measures.
    client_cpu = time.process_time()
    threads = thread_ticks(args.server_pid) if args.server_pid else None
    seconds, errors = run_workers(args.clients, args.count, work)
    client_cpu = time.process_time() - client_cpu
    by_thread = None
    if threads is not None:
        # what the documents left queued (mails, the index) counts, the reads of the checks below do not
        wait_server_quiet(args.server_pid)
        hz = os.sysconf("SC_CLK_TCK")
        after = thread_ticks(args.server_pid)
        by_thread = {n: (t - threads.get(n, 0)) * 1000.0 / hz / args.count for n, t in after.items()}
        by_thread = dict(sorted(((n, ms) for n, ms in by_thread.items() if ms >= 0.005), key=lambda kv: -kv[1]))
    for c in authors + secretariat:
        c.close()
    done = [n for n in numbers if n]
    register = {c["number"]: c for c in admin.json("GET", path) if c["number"] not in before}
    admin.close()
    checks = [
        {"check": "every step answered as it should", "pass": not errors,
         "detail": f"{len(errors)} failed" + (f", first: {errors[0]}" if errors else "")},
        {"check": "numbers distinct", "pass": len(set(done)) == len(done), "detail": f"{len(set(done))} of {len(done)}"},
        {"check": "the register's new entries are exactly these, all published",
         "pass": set(register) == set(done) and all(c.get("status") == "PUBLISHED" for c in register.values()),
         "detail": f"{len(register)} new entries, {sum(c.get('status') == 'PUBLISHED' for c in register.values())} published"},
    ]
    ok_lat = [latencies[i] for i in range(args.count) if numbers[i]]
    result = {"count": args.count, "clients": args.clients, "size": args.size, "published": len(done),
              "seconds": seconds, "rate": len(done) / seconds if seconds > 0 else 0.0,
              "p50_ms": percentile(ok_lat, 50), "p99_ms": percentile(ok_lat, 99),
              "client_cpu_ms": client_cpu * 1000.0 / args.count,
              "checks": checks, "ok": all(c["pass"] for c in checks)}
    if by_thread is not None:
        # The JIT's compilers and the collector apart from the work a document causes: after a short warm-up
        # C2 still compiles through the measured runs (a third of the server's CPU in 7 December's runs), and
        # how far it got follows the host's load more than the jar.
        jit = sum(ms for n, ms in by_thread.items() if re.match(r"C[12] CompilerThre", n))
        # (thread_ticks writes digits as #: G1's threads are "G# Conc##", "G# Refine##")
        gc = sum(ms for n, ms in by_thread.items() if re.match(r"(GC Thread|G# |VM Thread)", n))
        result.update({"cpu_ms_by_thread": by_thread, "jit_ms": jit, "gc_ms": gc,
                       "work_ms": sum(by_thread.values()) - jit - gc})
    for c in checks:
        print(f"  [{'ok' if c['pass'] else 'FAILED'}] {c['check']}: {c['detail']}", file=sys.stderr)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


def cpu_ticks(pid):
    """User + system clock ticks the process has used so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def thread_ticks(pid):
    """CPU clock ticks so far of each of the process's threads, added up by name (digits dropped)."""
    ticks = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        # C1's and C2's compiler threads stay apart ("C1 CompilerThre#", "C2 CompilerThre#")
        name = name[:2] + re.sub(r"[0-9]+", "#", name[2:]) if re.match(r"C[12] ", name) else re.sub(r"[0-9]+", "#", name)
        fields = stat.rsplit(")", 1)[1].split()
        ticks[name] = ticks.get(name, 0) + int(fields[11]) + int(fields[12])
    return ticks


def wait_server_quiet(pid, limit=60.0):
    """Waits (at most LIMIT seconds) until the process uses under 5 % of a core over half a second."""
    hz = os.sysconf("SC_CLK_TCK")
    end = time.monotonic() + limit
    while time.monotonic() < end:
        before = cpu_ticks(pid)
        time.sleep(0.5)
        if cpu_ticks(pid) - before <= hz * 0.5 * 0.05:
            return


class Burst:
    """COUNT requests sent at once, each on its own open keep-alive connection, from one thread: raw
    sockets and epoll, the requests' bytes prepared beforehand, so that the client takes little CPU beside
    the server (500 Python threads with http.client took 300 ms of the two cores during a burst, and a
    thread woken by its answer waited for the interpreter's lock before it could stop its clock). Each
    latency runs from the moment its request was written to the moment its whole answer was read."""

    def __init__(self, base, tokens):
        url = loopback(base)
        self.host, self.port = url.hostname, url.port or 80
        self.tokens = tokens
        self.socks = []
        for _ in tokens:
            sock = socket.create_connection((self.host, self.port), timeout=120)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.socks.append(sock)
        # one request on each connection first, so that the burst finds them open and known to the server
        self.send([b"GET /actuator/health HTTP/1.1\r\nHost: %s\r\n\r\n" % self.host.encode()] * len(tokens))

    def post_json(self, path, bodies):
        reqs = []
        for token, body in zip(self.tokens, bodies):
            data = json.dumps(body).encode()
            reqs.append((f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nAuthorization: Bearer {token}\r\n"
                         f"Content-Type: application/json\r\nAccept: application/json\r\n"
                         f"Content-Length: {len(data)}\r\n\r\n").encode() + data)
        return self.send(reqs)

    def send(self, requests):
        """Writes every request, then reads every answer. Returns [(status, milliseconds, body)] in the
        requests' order, and the seconds from the first write to the last answer."""
        n = len(requests)
        sel = selectors.DefaultSelector()
        bufs = [bytearray() for _ in range(n)]
        sent = [0.0] * n
        done = [None] * n
        self.reopen_closed()
        start = time.perf_counter()
        for i, sock in enumerate(self.socks[:n]):
            sock.setblocking(True)
            sent[i] = time.perf_counter()
            sock.sendall(requests[i])
            sock.setblocking(False)
            sel.register(sock, selectors.EVENT_READ, i)
        left = n
        while left:
            events = sel.select(timeout=120)
            if not events:
                raise RuntimeError(f"{left} answers missing after 120 s")
            for key, _ in events:
                i = key.data
                chunk = key.fileobj.recv(65536)
                if not chunk:
                    raise RuntimeError(f"connection {i} closed by the server")
                bufs[i] += chunk
                parsed = self.parse(bufs[i])
                if parsed:
                    done[i] = (parsed[0], (time.perf_counter() - sent[i]) * 1000.0, parsed[1])
                    sel.unregister(key.fileobj)
                    left -= 1
        seconds = time.perf_counter() - start
        sel.close()
        return done, seconds

    def reopen_closed(self):
        """Reconnects the connections the server closed while they were idle (nothing is outstanding on
        them, so a readable one has been closed)."""
        with selectors.DefaultSelector() as sel:
            for i, sock in enumerate(self.socks):
                sel.register(sock, selectors.EVENT_READ, i)
            for key, _ in sel.select(timeout=0):
                i = key.data
                key.fileobj.close()
                sock = socket.create_connection((self.host, self.port), timeout=120)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.socks[i] = sock

    @staticmethod
    def parse(buf):
        """(status, body) once the buffer holds a whole answer (Content-Length or chunked), else None."""
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            return None
        head = bytes(buf[:end]).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:])}
        pos = end + 4
        if "content-length" in headers:
            length = int(headers["content-length"])
            return (status, bytes(buf[pos:pos + length])) if len(buf) >= pos + length else None
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = bytearray()
            while True:
                eol = buf.find(b"\r\n", pos)
                if eol < 0:
                    return None
                size = int(bytes(buf[pos:eol]).split(b";")[0], 16)
                if len(buf) < eol + 2 + size + 2:
                    return None
                if size == 0:
                    return status, bytes(body)
                body += buf[eol + 2:eol + 2 + size]
                pos = eol + 2 + size + 2
        return status, b""

    def close(self):
        for sock in self.socks:
            sock.close()


def registrations(args):
    admin = Client(args.base, args.token)
    orange = next(o["id"] for o in admin.every("/api/v1/organizations") if o["category"] == "SECTOR_MEMBER")
    path = f"/api/v1/groups/{args.group}/meetings/{args.meeting}/registrations"
    before = {r["email"] for r in admin.every(path)}
    run_id = int(time.time())
    people = [f"bench{run_id}x{i}" for i in range(args.count)]
    print(f"  opening {args.count} accounts and their tokens ...", file=sys.stderr, flush=True)
    setup = [Client(args.base, args.token) for _ in range(8)]
    tokens = [None] * args.count

    def open_account(ci, i):
        setup[ci].json("POST", "/api/v1/accounts", {
            "username": people[i], "email": people[i] + "@bench.example", "displayName": f"Delegate {i}",
            "organizationId": orange, "countryCode": "FR", "password": "bench-password", "oneTimePassword": False},
            expect=201)
        tokens[i] = Client(args.base).json("POST", "/api/v1/tokens", {
            "username": people[i], "password": "bench-password"}, expect=201)["token"]

    _, errors = run_workers(8, args.count, open_account)
    if errors:
        raise SystemExit(f"could not open the accounts: {errors[0]}")
    burst = Burst(args.base, tokens)
    bodies = [{"fullName": f"Delegate {i}", "email": people[i] + "@bench.example", "organizationId": orange,
               "countryCode": "FR", "attendance": "IN_PERSON"} for i in range(args.count)]
    hz = os.sysconf("SC_CLK_TCK")

    def measured(meeting, label):
        """One burst for the meeting, once the server is quiet: latencies, and the server's CPU until it is quiet again."""
        if args.server_pid:
            wait_server_quiet(args.server_pid)
            ticks = cpu_ticks(args.server_pid)
            threads = thread_ticks(args.server_pid)
        client = os.times()
        answers, seconds = burst.post_json(f"/api/v1/groups/{args.group}/meetings/{meeting}/registrations", bodies)
        client = os.times().user + os.times().system - client.user - client.system
        latencies = [a[1] for a in answers]
        wrong = [f"item {i}: HTTP {a[0]} {a[2][:200]!r}" for i, a in enumerate(answers) if a[0] != 201]
        cpu_ms = None
        line = f"  {label}: p50 {percentile(latencies, 50):.0f} ms, p99 {percentile(latencies, 99):.0f} ms"
        if args.server_pid:
            burst_ticks = cpu_ticks(args.server_pid) - ticks
            wait_server_quiet(args.server_pid)
            cpu_ms = (cpu_ticks(args.server_pid) - ticks) * 1000.0 / hz / args.count
            after = thread_ticks(args.server_pid)
            spent = sorted(((after[n] - threads.get(n, 0), n) for n in after), reverse=True)
            line += (f", server CPU {cpu_ms:.2f} ms a registration (during the burst {burst_ticks * 1000 // hz} ms, "
                     "by thread: " + ", ".join(f"{n} {t * 1000 // hz} ms" for t, n in spent[:6] if t > 0) + ")")
        print(line + f"; client CPU {client * 1000:.0f} ms", file=sys.stderr, flush=True)
        return answers, seconds, latencies, wrong, cpu_ms

    first = None
    for n, warm in enumerate(args.warmup_meeting, 1):
        _, _, latencies, wrong, cpu = measured(warm, f"warm-up round {n} of {len(args.warmup_meeting)} (meeting {warm})")
        if wrong:
            raise SystemExit(f"warm-up round {n}: {wrong[0]}")
        if first is None:
            first = {"p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99), "cpu_ms": cpu}
    print(f"  {args.count} registrations at once ...", file=sys.stderr, flush=True)
    answers, seconds, latencies, errors, cpu_ms = measured(args.meeting, "measured")
    ids = [json.loads(a[2])["id"] if a[0] == 201 else None for a in answers]
    burst.close()
    after = [r for r in admin.every(path) if r["email"] not in before]
    emails = [r["email"] for r in after]
    checks = [
        {"check": "every registration answered 201", "pass": not errors, "detail": errors[0] if errors else ""},
        {"check": "none lost", "pass": len(after) == args.count, "detail": f"{len(after)} new of {args.count}"},
        {"check": "none duplicated", "pass": len(set(emails)) == len(emails), "detail": f"{len(set(emails))} distinct"},
    ]
    print("  approving them ...", file=sys.stderr, flush=True)
    _, errors = run_workers(8, args.count, lambda ci, i: setup[ci].json("POST", f"/api/v1/registrations/{ids[i]}/approve"))
    checks.append({"check": "all approved", "pass": not errors, "detail": errors[0] if errors else ""})
    done = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + args.pdf_seconds

    def pdfs(ci, i):
        n = 0
        while time.perf_counter() < stop:
            status, data = setup[ci].request("GET", f"/api/v1/registrations/{ids[n % len(ids)]}/confirmation.pdf")
            if status != 200 or not data.startswith(b"%PDF"):
                raise RuntimeError(f"confirmation PDF: HTTP {status}")
            n += 1
        with lock:
            done[0] += n

    print(f"  rendering confirmation PDFs for {args.pdf_seconds} s ...", file=sys.stderr, flush=True)
    pdf_seconds, errors = run_workers(8, 8, pdfs)
    checks.append({"check": "every PDF rendered", "pass": not errors, "detail": errors[0] if errors else ""})
    result = {"count": args.count, "seconds": seconds, "rate": args.count / seconds,
              "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99), "max_ms": max(latencies),
              "cpu_ms": cpu_ms, "first_round": first, "warmup_rounds": len(args.warmup_meeting),
              "pdfs": done[0], "pdf_rate": done[0] / pdf_seconds, "checks": checks,
              "ok": all(c["pass"] for c in checks)}
    for c in checks:
        print(f"  [{'ok' if c['pass'] else 'FAILED'}] {c['check']}: {c['detail']}", file=sys.stderr)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("allocate", "warm", "populate"):
        s = sub.add_parser(name)
        s.add_argument("--base", required=True)
        s.add_argument("--group", default="cloud")
        s.add_argument("--meeting", required=True)
        s.add_argument("--token", required=True)
        if name in ("allocate", "warm"):
            s.add_argument("--count", type=int, default=1000)
            s.add_argument("--clients", type=int, default=50)
            s.add_argument("--out")
            s.add_argument("--server-pid", type=int, help="measure this process's CPU time per number")
            if name == "warm":
                s.add_argument("--seconds", type=float, default=40)
                s.add_argument("--requests", type=int, help="warm up for this many numbers instead of --seconds")
            else:
                s.add_argument("--quiet-also", action="append", default=[],
                               help="before and after, wait until the processes of this name are quiet too (postgres)")
                s.add_argument("--pg-db", help="also measure the CPU time per number of the PostgreSQL backends "
                               "connected to this database (PGHOST, PGPORT, PGUSER as psql reads them)")
        else:
            s.add_argument("--secretariat-token", required=True)
            s.add_argument("--count", type=int, default=5000)
            s.add_argument("--clients", type=int, default=8)
            s.add_argument("--publish-clients", type=int, default=64)
    s = sub.add_parser("cycle")
    s.add_argument("--base", required=True)
    s.add_argument("--group", default="cloud")
    s.add_argument("--meeting", required=True)
    s.add_argument("--token", required=True)
    s.add_argument("--secretariat-token", required=True)
    s.add_argument("--count", type=int, default=2000)
    s.add_argument("--clients", type=int, default=8)
    s.add_argument("--size", type=int, default=200 * 1024)
    s.add_argument("--out")
    s.add_argument("--server-pid", type=int)
    s = sub.add_parser("registrations")
    s.add_argument("--base", required=True)
    s.add_argument("--group", default="cloud")
    s.add_argument("--meeting", required=True)
    s.add_argument("--token", required=True)
    s.add_argument("--count", type=int, default=500)
    s.add_argument("--pdf-seconds", type=int, default=10)
    s.add_argument("--warmup-meeting", action="append", default=[],
                   help="an unmeasured round on this meeting first (repeat for several rounds, in order)")
    s.add_argument("--server-pid", type=int)
    args = p.parse_args()
    return {"allocate": allocate, "warm": warm, "populate": populate, "cycle": cycle,
            "registrations": registrations}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
