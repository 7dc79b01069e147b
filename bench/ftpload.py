#!/usr/bin/env python3
"""FTP load for bench/ftp.sh, the same client code against Plenary and vsftpd.

  uploads  --port P --user U --password W --dir D --names FILE --clients C --files F --size BYTES
           C concurrent clients (threads, ftplib, passive mode) each sign in once and STOR F files
           of BYTES bytes; the names come from FILE (one per line, C*F of them). Prints JSON with
           the wall time and the number of failed files.
  signins  --port P --user U --password W --count N [--pids PID,...] [--process-name NAME]
           N clients connect at once (asyncio), sign in, and QUIT. Prints JSON with the wall time,
           failures, and the peak resident memory of the server (the PIDs given, or every process
           called NAME, summed) sampled every 20 ms during the run.
  idle     --port P --user U --password W --count N [--sources K] [--concurrency C] [--hold S] [--pids PID]
           [--process-name NAME] [--settle CMD]
           N sessions signed in from K loopback addresses (127.0.0.2 ...), at most C being opened at
           once, all kept open and idle for S seconds; then each must answer NOOP. Prints JSON with
           how many signed in and stayed alive, and the resident memory of PID (or of every process
           named NAME, summed) before and after, each read after CMD (e.g. a garbage collection).
"""
import argparse
import asyncio
import ftplib
import io
import json
import os
import subprocess
import sys
import threading
import time


def uploads(args):
    names = [line.strip() for line in open(args.names) if line.strip()]
    need = args.clients * args.files
    if len(names) < need:
        sys.exit(f"{args.names} has {len(names)} names, {need} needed")
    payload = os.urandom(args.size)
    failures = []
    barrier = threading.Barrier(args.clients + 1)
    # Sign-ins happen before the clock starts, a few at a time: vsftpd's listen backlog is 32.
    signing_in = threading.Semaphore(16)

    def client(ci):
        ftp = None
        try:
            with signing_in:
                ftp = ftplib.FTP()
                ftp.connect("127.0.0.1", args.port, timeout=120)
                ftp.login(args.user, args.password)
                ftp.cwd(args.dir)
        except Exception as e:  # noqa: BLE001 - every failure is counted and reported
            failures.append(f"client {ci} sign-in: {e}")
            barrier.wait()
            return
        barrier.wait()
        for j in range(args.files):
            name = names[ci * args.files + j]
            try:
                reply = ftp.storbinary(f"STOR {name}", io.BytesIO(payload), blocksize=64 * 1024)
                if not reply.startswith("226"):
                    failures.append(f"{name}: {reply}")
            except Exception as e:  # noqa: BLE001
                failures.append(f"{name}: {e}")
        try:
            ftp.quit()
        except Exception:  # noqa: BLE001
            pass

    threads = [threading.Thread(target=client, args=(ci,)) for ci in range(args.clients)]
    for t in threads:
        t.start()
    barrier.wait()  # every client signed in: the clock starts with the first STOR
    start = time.perf_counter()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    print(json.dumps({"clients": args.clients, "files": need, "failed": len(failures), "seconds": seconds,
                      "first_failure": failures[0] if failures else None}))


def rss_kib(pids, name, field="VmRSS:", source="status"):
    """Resident memory of PIDS (or of every process named NAME), summed, in KiB. With field="Pss:" and
    source="smaps_rollup", the proportional share: pages shared by several processes (vsftpd's forks
    share their program and libraries) counted once in all instead of once in each."""
    total = 0
    if name:
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/comm") as f:
                        if f.read().strip() == name:
                            pids.append(entry)
                except OSError:
                    pass
    for pid in pids:
        try:
            with open(f"/proc/{pid}/{source}") as f:
                for line in f:
                    if line.startswith(field):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


async def sign_in(port, user, password, results):
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 60)

        async def reply():
            line = await asyncio.wait_for(reader.readline(), 60)
            code = line[:3]
            while line[3:4] == b"-":
                line = await asyncio.wait_for(reader.readline(), 60)
                if line[:3] == code and line[3:4] == b" ":
                    break
            return line.decode(errors="replace")

        greeting = await reply()
        if not greeting.startswith("220"):
            raise RuntimeError(greeting.strip())
        writer.write(f"USER {user}\r\n".encode())
        await writer.drain()
        r = await reply()
        if r.startswith("331"):  # vsftpd signs anonymous users in at USER (no_anon_password)
            writer.write(f"PASS {password}\r\n".encode())
            await writer.drain()
            r = await reply()
        if not r.startswith("230"):
            raise RuntimeError(r.strip())
        writer.write(b"QUIT\r\n")
        await writer.drain()
        await reply()
        writer.close()
        results.append(None)
    except Exception as e:  # noqa: BLE001
        results.append(str(e) or type(e).__name__)


def signins(args):
    pids = [p for p in (args.pids or "").split(",") if p]
    peak = [rss_kib(pids, args.process_name)]
    before = peak[0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_kib(pids, args.process_name))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    results = []

    async def run():
        await asyncio.gather(*(sign_in(args.port, args.user, args.password, results) for _ in range(args.count)))

    start = time.perf_counter()
    asyncio.run(run())
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    failures = [r for r in results if r]
    print(json.dumps({"count": args.count, "failed": len(failures), "seconds": seconds,
                      "rss_before_mib": before / 1024, "rss_peak_mib": peak[0] / 1024,
                      "first_failure": failures[0] if failures else None}))


async def idle_session(port, source, user, password, opened, sessions):
    """Connects from SOURCE, signs in, and keeps the session open; appends (reader, writer) or an error."""
    async with opened:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0)), 120)

            async def reply():
                line = await asyncio.wait_for(reader.readline(), 120)
                code = line[:3]
                while line[3:4] == b"-":
                    line = await asyncio.wait_for(reader.readline(), 120)
                    if line[:3] == code and line[3:4] == b" ":
                        break
                return line.decode(errors="replace")

            greeting = await reply()
            if not greeting.startswith("220"):
                raise RuntimeError(greeting.strip())
            writer.write(f"USER {user}\r\n".encode())
            await writer.drain()
            r = await reply()
            if r.startswith("331"):  # vsftpd signs anonymous users in at USER (no_anon_password)
                writer.write(f"PASS {password}\r\n".encode())
                await writer.drain()
                r = await reply()
            if not r.startswith("230"):
                raise RuntimeError(r.strip())
            sessions.append((reader, writer, reply))
        except Exception as e:  # noqa: BLE001
            sessions.append(str(e) or type(e).__name__)


def idle(args):
    """Opens COUNT signed-in sessions spread over SOURCES loopback addresses, keeps them idle for
    HOLD seconds, checks each still answers NOOP, and prints the server's resident memory."""
    pids = [p for p in (args.pids or "").split(",") if p]

    def settle():
        if args.settle:
            subprocess.run(args.settle, shell=True, check=True)
            time.sleep(1)

    settle()
    before = rss_kib(pids, args.process_name)
    before_pss = rss_kib(pids, args.process_name, "Pss:", "smaps_rollup")
    sources = [f"127.0.0.{i}" for i in range(2, 2 + args.sources)]

    async def run():
        opened = asyncio.Semaphore(args.concurrency)
        sessions = []
        start = time.perf_counter()
        await asyncio.gather(*(idle_session(args.port, sources[i % len(sources)], args.user, args.password,
                                            opened, sessions) for i in range(args.count)))
        open_seconds = time.perf_counter() - start
        live = [s for s in sessions if not isinstance(s, str)]
        failures = [s for s in sessions if isinstance(s, str)]
        await asyncio.sleep(args.hold)
        settle()
        held = rss_kib(pids, args.process_name)
        held_pss = rss_kib(pids, args.process_name, "Pss:", "smaps_rollup")

        async def noop(session):
            reader, writer, reply = session
            writer.write(b"NOOP\r\n")
            await writer.drain()
            return (await reply()).startswith("200")

        answered = await asyncio.gather(*(noop(s) for s in live), return_exceptions=True)
        alive = sum(1 for a in answered if a is True)
        for reader, writer, reply in live:
            writer.close()
        return open_seconds, len(live), alive, failures, held, held_pss

    open_seconds, signed_in, alive, failures, held, held_pss = asyncio.run(run())
    print(json.dumps({"count": args.count, "signed_in": signed_in, "alive": alive, "failed": len(failures),
                      "open_seconds": open_seconds, "rss_before_mib": before / 1024, "rss_mib": held / 1024,
                      "pss_before_mib": before_pss / 1024, "pss_mib": held_pss / 1024,
                      "first_failure": failures[0] if failures else None}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    for name in ("uploads", "signins", "idle"):
        s = sub.add_parser(name)
        s.add_argument("--port", type=int, required=True)
        s.add_argument("--user", required=True)
        s.add_argument("--password", required=True)
    u = sub.choices["uploads"]
    u.add_argument("--dir", required=True)
    u.add_argument("--names", required=True)
    u.add_argument("--clients", type=int, default=200)
    u.add_argument("--files", type=int, default=10)
    u.add_argument("--size", type=int, default=200 * 1024)
    i = sub.choices["idle"]
    i.add_argument("--count", type=int, default=10000)
    i.add_argument("--sources", type=int, default=10)
    i.add_argument("--concurrency", type=int, default=200)
    i.add_argument("--hold", type=float, default=10)
    i.add_argument("--pids")
    i.add_argument("--process-name", help="sum the resident memory of every process of this name instead")
    i.add_argument("--settle", help="shell command run before each reading of the memory (e.g. jcmd PID GC.run)")
    s = sub.choices["signins"]
    s.add_argument("--count", type=int, default=300)
    s.add_argument("--pids")
    s.add_argument("--process-name")
    args = p.parse_args()
    {"uploads": uploads, "signins": signins, "idle": idle}[args.command](args)


if __name__ == "__main__":
    main()
