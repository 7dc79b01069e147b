#!/usr/bin/env python3
"""Documents for bench/search.sh (standard library only; loopback servers only).

  searchload.py populate --base URL --meeting CODE --token T --count N --clients C --seed S [--large L]
      Allocates N numbers and uploads one file each from C concurrent clients: real-ish English text
      (words drawn by a Zipf law from a 20,000-word vocabulary), 2-20 KB, one in ten as a .docx
      (a minimal OOXML package) and L of them several MB. Prints JSON: documents, bytes, seconds.

  searchload.py queries --seed S --count N
      Prints N two-word queries of mid-frequency words, one per line (URL-encoded).
"""
import argparse
import io
import json
import random
import sys
import threading
import time
import urllib.parse
import uuid
import zipfile
import http.client

SYLLABLES = ["ka", "lo", "mi", "ne", "ra", "tu", "sen", "dor", "vel", "qui", "pra", "ton", "lis", "mar", "gen",
             "cor", "bel", "fin", "sta", "tri", "vo", "ze", "xu", "han", "pol"]
REAL = ("cloud computing network service virtualization elasticity storage security interoperability "
        "standard requirement architecture focus group meeting contribution document terminology taxonomy "
        "deliverable recommendation draft agenda study question reference model infrastructure platform").split()


def vocabulary(seed):
    rng = random.Random(seed)
    words = list(REAL)
    seen = set(words)
    while len(words) < 20000:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def text(rng, words, size):
    out = []
    n = 0
    weights = None
    while n < size:
        # Zipf: rank r with probability ~ 1/r.
        sentence = []
        for _ in range(rng.randint(6, 18)):
            r = int(len(words) ** rng.random()) - 1
            sentence.append(words[max(r, 0)])
        s = " ".join(sentence).capitalize() + ". "
        out.append(s)
        n += len(s)
    return "".join(out)


def docx(body):
    buf = io.BytesIO()
    esc = body.replace("&", "&amp;").replace("<", "&lt;")
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        paras = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>" for p in esc.split(". "))
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + paras + "</w:body></w:document>")
    return buf.getvalue()


def connect(base):
    url = urllib.parse.urlsplit(base)
    if url.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("loopback only")
    return http.client.HTTPConnection(url.hostname, url.port, timeout=120)


def request(conn, method, path, token, body=None, headers=None):
    h = {"Authorization": "Bearer " + token}
    h.update(headers or {})
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    if r.status >= 300:
        raise RuntimeError(f"{method} {path}: {r.status} {data[:300]!r}")
    return data


def populate(args):
    words = vocabulary(args.seed)
    jobs = list(range(args.count))
    large = set(random.Random(args.seed + 1).sample(jobs, min(args.large, len(jobs))))
    lock = threading.Lock()
    totals = {"documents": 0, "bytes": 0, "errors": 0}

    def worker(k):
        rng = random.Random(args.seed * 1000 + k)
        conn = connect(args.base)
        while True:
            with lock:
                if not jobs:
                    break
                i = jobs.pop()
            size = rng.randint(3, 6) * 1024 * 1024 if i in large else rng.randint(2048, 20480)
            body = text(rng, words, size)
            ext = "docx" if i % 10 == 0 and i not in large else "txt"
            data = docx(body) if ext == "docx" else body.encode()
            title = " ".join(rng.choice(words[:2000]) for _ in range(4))
            try:
                made = json.loads(request(conn, "POST", f"/api/v1/groups/cloud/meetings/{args.meeting}/contributions",
                                          args.token, json.dumps({"title": title, "source": rng.choice(["ITU", "Orange", "ZTE", "NTT", "ETRI"])}),
                                          {"Content-Type": "application/json"}))
                number = made["number"]
                boundary = uuid.uuid4().hex
                payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{number}.{ext}\"\r\n"
                           f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
                request(conn, "POST", f"/api/v1/contributions/{number}/files", args.token, payload,
                        {"Content-Type": f"multipart/form-data; boundary={boundary}"})
                with lock:
                    totals["documents"] += 1
                    totals["bytes"] += len(data)
            except Exception as e:  # noqa: BLE001 - counted and reported
                with lock:
                    totals["errors"] += 1
                print(e, file=sys.stderr)
                conn = connect(args.base)

    start = time.time()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    totals["seconds"] = time.time() - start
    print(json.dumps(totals))


def queries(args):
    words = vocabulary(args.seed)
    rng = random.Random(args.seed + 7)
    mid = words[50:3000]
    for _ in range(args.count):
        print(urllib.parse.quote(rng.choice(mid) + " " + rng.choice(mid)))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("populate")
    a.add_argument("--base", required=True)
    a.add_argument("--meeting", required=True)
    a.add_argument("--token", required=True)
    a.add_argument("--count", type=int, default=10000)
    a.add_argument("--clients", type=int, default=8)
    a.add_argument("--seed", type=int, default=16)
    a.add_argument("--large", type=int, default=20)
    q = sub.add_parser("queries")
    q.add_argument("--seed", type=int, default=16)
    q.add_argument("--count", type=int, default=1000)
    args = p.parse_args()
    populate(args) if args.cmd == "populate" else queries(args)


if __name__ == "__main__":
    main()
