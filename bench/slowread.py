#!/usr/bin/env python3
"""Slow readers: CONNS connections spread over ADDRESSES loopback addresses (127.0.0.2 ...), each asking for PATH and
reading the answer a byte every INTERVAL seconds through a 4 KiB receive buffer, while an honest reader from 127.0.0.1
asks for the home page once a second; prints how the slow connections ended and the honest reader's latencies.
Bounded in time (SECONDS) and to loopback.

usage: bench/slowread.py URL PATH [CONNS=300] [SECONDS=30] [INTERVAL=1] [ADDRESSES=1]
"""
import sys

from slowclients import connect, honest_page, target, watch

url = sys.argv[1].rstrip("/")
path = sys.argv[2]
conns = int(sys.argv[3]) if len(sys.argv) > 3 else 300
seconds = int(sys.argv[4]) if len(sys.argv) > 4 else 30
interval = float(sys.argv[5]) if len(sys.argv) > 5 else 1
addresses = int(sys.argv[6]) if len(sys.argv) > 6 else 1
host = target(url)[0]
assert host in ("127.0.0.1", "localhost"), "loopback only"

slow = connect(url, conns, lambda i: "127.0.0.%d" % (2 + i % addresses),
               b"GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (path.encode(), host.encode()), receive_buffer=4096)
statuses, closed = {}, set()


def read_a_byte():
    for i, s in enumerate(slow):
        if i in closed:
            continue
        try:
            data = s.recv(1 if i in statuses else 12)
            if not data:
                closed.add(i)
            elif i not in statuses:
                statuses[i] = data[9:12].decode(errors="replace")
        except BlockingIOError:
            pass
        except OSError:
            closed.add(i)


latencies, failures = watch(url, seconds, interval, read_a_byte)
for s in slow:
    s.close()
counts = {}
for status in statuses.values():
    counts[status] = counts.get(status, 0) + 1
print(f"slowread: {conns} slow readers of {path} from {addresses} address(es): statuses {counts}, "
      f"{len(closed)} closed by the server; " + honest_page(latencies, failures))
