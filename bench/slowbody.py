#!/usr/bin/env python3
"""Slowloris on request bodies: CONNS connections from one client address, each a POST whose body comes a byte
every INTERVAL seconds, then an honest reader from another address asks for a page once a second; prints how
many of the slow connections the server refused (503) and the honest reader's latencies.

usage: bench/slowbody.py URL [CONNS=300] [SECONDS=20] [INTERVAL=2] [ATTACKER=127.0.0.2]
"""
import sys

from slowclients import connect, honest_page, target, watch

url = sys.argv[1].rstrip("/")
conns = int(sys.argv[2]) if len(sys.argv) > 2 else 300
seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
interval = float(sys.argv[4]) if len(sys.argv) > 4 else 2
attacker = sys.argv[5] if len(sys.argv) > 5 else "127.0.0.2"
host = target(url)[0]

slow = connect(url, conns, lambda i: attacker,
               b"POST /api/v1/tokens HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
               b"Content-Length: 1000000\r\n\r\n{" % host.encode())
refused = set()


def send_a_byte():
    for s in slow:
        try:
            s.send(b" ")
        except OSError:
            pass


def note_refusals():
    for i, s in enumerate(slow):
        try:
            if s.recv(64).startswith(b"HTTP/1.1 503"):
                refused.add(i)
        except OSError:
            pass


latencies, failures = watch(url, seconds, interval, send_a_byte, note_refusals)
for s in slow:
    s.close()
print(f"slowbody: {conns} slow bodies from {attacker}, {len(refused)} refused with 503; "
      + honest_page(latencies, failures))
