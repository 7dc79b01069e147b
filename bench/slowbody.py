#!/usr/bin/env python3
"""Slowloris on request bodies: CONNS connections from one client address, each a POST whose body comes a byte
every INTERVAL seconds, then an honest reader from another address asks for a page once a second; prints how
many of the slow connections the server refused (503) and the honest reader's latencies.

usage: bench/slowbody.py URL [CONNS=300] [SECONDS=20] [INTERVAL=2] [ATTACKER=127.0.0.2]
"""
import socket
import sys
import time
import urllib.request
from urllib.parse import urlparse

url = sys.argv[1].rstrip("/")
conns = int(sys.argv[2]) if len(sys.argv) > 2 else 300
seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
interval = float(sys.argv[4]) if len(sys.argv) > 4 else 2
attacker = sys.argv[5] if len(sys.argv) > 5 else "127.0.0.2"
target = urlparse(url)
host, port = target.hostname, target.port or 80

slow = []
for _ in range(conns):
    s = socket.socket()
    s.bind((attacker, 0))
    s.connect((host, port))
    s.sendall(b"POST /api/v1/tokens HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
              b"Content-Length: 1000000\r\n\r\n{" % host.encode())
    s.setblocking(False)
    slow.append(s)

latencies, failures, refused = [], 0, set()
start = time.time()
next_byte = start
while time.time() - start < seconds:
    if time.time() >= next_byte:
        for s in slow:
            try:
                s.send(b" ")
            except OSError:
                pass
        next_byte += interval
    for i, s in enumerate(slow):
        try:
            if s.recv(64).startswith(b"HTTP/1.1 503"):
                refused.add(i)
        except OSError:
            pass
    asked = time.time()
    try:
        urllib.request.urlopen(url + "/", timeout=5).read()
        latencies.append(time.time() - asked)
    except Exception:
        failures += 1
    time.sleep(max(0.0, 1 - (time.time() - asked)))

for s in slow:
    s.close()
latencies.sort()
median = latencies[len(latencies) // 2] if latencies else float("nan")
print(f"slowbody: {conns} slow bodies from {attacker}, {len(refused)} refused with 503; honest page: "
      f"{len(latencies)} answered (median {median * 1000:.0f} ms, worst "
      f"{(latencies[-1] if latencies else float('nan')) * 1000:.0f} ms), {failures} not answered within 5 s")
