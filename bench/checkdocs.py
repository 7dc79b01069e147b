#!/usr/bin/env python3
"""Checks the documentation: README.md, bench/README.md and bench/HISTORY.md.

  python3 bench/checkdocs.py                     # links, anchors, empty headings
  python3 bench/checkdocs.py --figures-from REV  # and: no figure of REV's documents was lost

Configurations: each ```nginx block of README.md passes `nginx -t` (inside an http block, its certificate
paths given a scratch self-signed certificate) and each ```ini block that is a systemd unit passes
`systemd-analyze verify`, where nginx, openssl and systemd-analyze are installed (else it says it skipped).

Links: every relative link names a file that exists and, for a Markdown file, a heading's
GitHub-style anchor. Headings: none is followed directly by a heading of its level or higher.
Figures: every number-with-unit of REV's README.md and bench/README.md (a number with a decimal
part, 0.97, or a thousands comma, 1,353/s, or a unit, 88.7 ms, 40 ms) appears, with its unit, in the
three documents as they are now (whitespace and line breaks ignored). Exit status 1 on any miss."""
import os, re, shutil, subprocess, sys, tempfile
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = ['README.md', 'bench/README.md', 'bench/HISTORY.md']


def headings(text):
    """(level, title, line) for each heading, (0, None, line) for each other line with content."""
    fence = False
    for line in text.split('\n'):
        if line.startswith('```'):
            fence = not fence
            yield 0, None, line
            continue
        m = None if fence else re.match(r'(#{1,6}) (.*)', line)
        if m:
            yield len(m.group(1)), m.group(2).strip(), line
        elif line.strip():
            yield 0, None, line


def anchors(text):
    seen, found = Counter(), set()
    for level, title, _ in headings(text):
        if title is None:
            continue
        a = re.sub(r'[^\w\- ]', '', re.sub(r'[`*]', '', title).lower()).replace(' ', '-')
        found.add(a if seen[a] == 0 else f'{a}-{seen[a]}')
        seen[a] += 1
    return found


def check_links():
    bad = 0
    for doc in DOCS:
        text = open(os.path.join(ROOT, doc)).read()
        prose = re.sub(r'```.*?```', '', text, flags=re.S)
        links = re.findall(r'\]\(([^)\s]+)\)', prose)
        for link in links:
            if re.match(r'[a-z]+:', link):
                continue
            path, _, frag = link.partition('#')
            target = os.path.normpath(os.path.join(ROOT, os.path.dirname(doc), path)) if path \
                else os.path.join(ROOT, doc)
            if not os.path.exists(target):
                print(f'{doc}: {link}: no such file'); bad += 1
            elif frag and target.endswith('.md') and frag not in anchors(open(target).read()):
                print(f'{doc}: {link}: no such heading'); bad += 1
        last = None
        for level, title, line in headings(text):
            if title is None:
                last = None
                continue
            if last and level <= last[0]:
                print(f'{doc}: empty heading: {last[1]}'); bad += 1
            last = (level, line)
        if last:
            print(f'{doc}: empty heading: {last[1]}'); bad += 1
        print(f'{doc}: {len(links)} links')
    return bad


UNIT = r'(?:\s?(?:ms|µs|s|/s|MiB/s|MiB|GiB|KiB|MB|GB|KB|kB|B|%|×|x|documents/s|requests/s|queries/s|per s))?'
NUM = (r'(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+\.\d+'
       r'|(?<![\w.,])\d+(?=\s?(?:ms|µs|s|/s|MiB|GiB|KiB|MB|GB|KB|kB|%|×)\b)')


def check_figures(rev):
    norm = lambda t: re.sub(r'\s+', ' ', t)
    old = ''
    for doc in ('README.md', 'bench/README.md'):
        old += subprocess.run(['git', '-C', ROOT, 'show', f'{rev}:{doc}'], capture_output=True,
                              text=True, check=True).stdout + '\n'
    new = norm('\n'.join(open(os.path.join(ROOT, d)).read() for d in DOCS))
    figures = {m.group(0).strip() for m in re.finditer('(' + NUM + ')' + UNIT, norm(old))}
    missing = sorted(f for f in figures if f not in new)
    print(f'figures of {rev}: {len(figures)} distinct, {len(figures) - len(missing)} found now, '
          f'{len(missing)} missing')
    for f in missing:
        print('  missing:', f)
    return len(missing)


def fenced(text, lang):
    return re.findall(r'^```' + lang + r'\n(.*?)^```', text, flags=re.S | re.M)


def check_configs(doc='README.md'):
    text = open(os.path.join(ROOT, doc)).read()
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        blocks = fenced(text, 'nginx')
        if blocks and not (shutil.which('nginx') and shutil.which('openssl')):
            print(f'{doc}: {len(blocks)} nginx blocks not checked (nginx or openssl not installed)')
        elif blocks:
            cert, key = os.path.join(tmp, 'cert.pem'), os.path.join(tmp, 'key.pem')
            subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out',
                            cert, '-days', '1', '-subj', '/CN=plenary.example.org'], capture_output=True, check=True)
            for i, block in enumerate(blocks, 1):
                site = re.sub(r'(ssl_certificate_key\s+)\S+;', lambda m: m.group(1) + key + ';', block)
                site = re.sub(r'(ssl_certificate\s+)\S+;', lambda m: m.group(1) + cert + ';', site)
                conf = os.path.join(tmp, f'nginx{i}.conf')
                with open(conf, 'w') as f:
                    f.write(f'pid {tmp}/nginx{i}.pid;\nerror_log {tmp}/error{i}.log;\nevents {{}}\n'
                            f'http {{\naccess_log off;\n{site}}}\n')
                r = subprocess.run(['nginx', '-t', '-p', tmp, '-c', conf], capture_output=True, text=True)
                if r.returncode != 0:
                    print(f'{doc}: nginx block {i} fails nginx -t: {r.stderr.strip()}'); bad += 1
            print(f'{doc}: {len(blocks)} nginx blocks')
        units = [b for b in fenced(text, 'ini') if b.lstrip().startswith('[Unit]')]
        if units and not shutil.which('systemd-analyze'):
            print(f'{doc}: {len(units)} systemd units not checked (systemd-analyze not installed)')
        elif units:
            for i, unit in enumerate(units, 1):
                path = os.path.join(tmp, f'plenary{i}.service')
                with open(path, 'w') as f:
                    f.write(unit)
                r = subprocess.run(['systemd-analyze', 'verify', path], capture_output=True, text=True)
                if r.returncode != 0 or r.stderr.strip():
                    print(f'{doc}: systemd unit {i} fails systemd-analyze verify: {r.stderr.strip()}'); bad += 1
            print(f'{doc}: {len(units)} systemd units')
    return bad


if __name__ == '__main__':
    bad = check_links() + check_configs()
    if len(sys.argv) == 3 and sys.argv[1] == '--figures-from':
        bad += check_figures(sys.argv[2])
    elif len(sys.argv) != 1:
        sys.exit(__doc__)
    sys.exit(1 if bad else 0)
