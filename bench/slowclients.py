"""What bench/slowbody.py and bench/slowread.py share: slow connections from loopback addresses, and an honest
reader asking for the home page once a second beside them, its latencies told in one line."""
import socket
import time
import urllib.request
from urllib.parse import urlparse


def target(url):
    """The host and port of URL."""
    parsed = urlparse(url)
    return parsed.hostname, parsed.port or 80


def connect(url, count, source, request, receive_buffer=None):
    """COUNT non-blocking connections to URL's server, the i-th from address SOURCE(i), each having sent REQUEST."""
    host, port = target(url)
    opened = []
    for i in range(count):
        s = socket.socket()
        if receive_buffer:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        s.bind((source(i), 0))
        s.connect((host, port))
        s.sendall(request)
        s.setblocking(False)
        opened.append(s)
    return opened


def watch(url, seconds, interval, every_interval, every_second=lambda: None):
    """For SECONDS: EVERY_INTERVAL() each INTERVAL seconds, EVERY_SECOND() and the home page of URL once a second.
    Returns the page's latencies in seconds, sorted, and how many times it was not answered within 5 s."""
    latencies, failures = [], 0
    start = time.time()
    next_interval = start
    while time.time() - start < seconds:
        if time.time() >= next_interval:
            every_interval()
            next_interval += interval
        every_second()
        asked = time.time()
        try:
            urllib.request.urlopen(url + "/", timeout=5).read()
            latencies.append(time.time() - asked)
        except Exception:
            failures += 1
        time.sleep(max(0.0, 1 - (time.time() - asked)))
    latencies.sort()
    return latencies, failures


def honest_page(latencies, failures):
    """The honest reader's part of a result line."""
    median = latencies[len(latencies) // 2] if latencies else float("nan")
    worst = latencies[-1] if latencies else float("nan")
    return (f"honest page: {len(latencies)} answered (median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms), "
            f"{failures} not answered within 5 s")
