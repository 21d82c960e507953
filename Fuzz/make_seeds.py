#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into Fuzz/seeds/<target>/ from the project's own files
(the curated pattern set and its examples, the committed corpus) and small hand-made cases of
each format's corners. Deterministic: rerunning it rewrites the same files. Run from the root."""
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import zlib

import yaml  # PyYAML: the curated set is YAML

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "Fuzz", "seeds")
MAX_SEED = 16 * 1024


def write(target, name, data):
    folder = os.path.join(SEEDS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)


def gz(data, mtime=0, level=6):
    return gzip.compress(data, compresslevel=level, mtime=mtime)


def curated():
    with open(os.path.join(ROOT, "patterns", "ci-failures.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)["patterns"]


def log_excerpt(path, limit):
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    # Whole lines up to the limit, from the end, where failures are.
    tail = data[-limit:]
    return tail[tail.find(b"\n") + 1:]


def main():
    shutil.rmtree(SEEDS, ignore_errors=True)
    rng = random.Random(1)
    patterns = curated()
    logs = sorted(
        os.path.join(d, f)
        for d, _, fs in os.walk(os.path.join(ROOT, "corpus"))
        for f in fs
        if os.path.getsize(os.path.join(d, f)) > 0
    )
    lines = b"".join(
        (e + "\n").encode() for p in patterns for e in p.get("examples", {}).get("match", [])
    )

    # gzip: real members, every header field, multi-member, damage of each kind.
    text = log_excerpt(logs[0], 4000)
    write("gzip", "plain-member.gz", gz(text))
    write("gzip", "empty-member.gz", gz(b""))
    write("gzip", "two-members.gz", gz(text[:1000]) + gz(text[1000:]))
    write("gzip", "level1.gz", gz(lines[:6000], level=1))
    write("gzip", "level9.gz", gz(lines[:6000], level=9))
    stored = zlib.compressobj(0, zlib.DEFLATED, -15)
    body = stored.compress(b"stored block\n" * 20) + stored.flush()
    header = bytes([0x1F, 0x8B, 8, 0x1E, 0, 0, 0, 0, 0, 3])  # FEXTRA FNAME FCOMMENT FHCRC
    extra = b"\x04\x00ab\x00\x00"
    name, comment = b"build.log\x00", b"a comment\x00"
    crc16 = (zlib.crc32(header + extra + name + comment) & 0xFFFF).to_bytes(2, "little")
    trailer = zlib.crc32(b"stored block\n" * 20).to_bytes(4, "little") + (13 * 20).to_bytes(4, "little")
    write("gzip", "all-header-fields.gz", header + extra + name + comment + crc16 + body + trailer)
    reserved = bytearray(gz(b"OOMKilled\n" * 3))
    reserved[3] |= 0xE0
    write("gzip", "reserved-flags.gz", bytes(reserved))
    whole = gz(text)
    write("gzip", "truncated.gz", whole[: len(whole) // 2])
    write("gzip", "bad-crc.gz", whole[:-8] + b"\0\0\0\0" + whole[-4:])
    write("gzip", "trailing-garbage.gz", whole + b"garbage after the member")
    write("gzip", "trailing-zeros.gz", whole + b"\0" * 64)
    write("gzip", "nested.gz", gz(gz(b"inner log line\n")))
    write("gzip", "not-gzip.txt", b"plain text, not gzip\n")

    # document: logs as scanned (plain and gzip'd, CRLF, no final newline, NUL, invalid UTF-8,
    # ANSI), and TestGrid tables and dumps.
    for index, path in enumerate(logs[:6]):
        excerpt = log_excerpt(path, 6000)
        write("document", f"log-{index}.log", excerpt)
        write("document", f"log-{index}.log.gz", gz(excerpt))
    write("document", "examples.log", lines[:MAX_SEED])
    write("document", "crlf.log", lines[:4000].replace(b"\n", b"\r\n"))
    write("document", "no-final-newline.log", b"first\nOOMKilled")
    write("document", "nul-and-invalid-utf8.log", b"a\0b OOMKilled\n\xff\xfe bad \xc3\x28 utf8\nconnection reset by peer\n")
    write("document", "ansi.log", b"\x1b[31mError:\x1b[0m OOMKilled\n\x1b[1;32m ok\n")
    write("document", "empty.log", b"")
    write("document", "table.json", json.dumps({
        "test-group-name": "g", "timestamps": [1700000000000, 1700000100000], "changelists": ["a", "b"],
        "tests": [{"name": "t1", "messages": ["OOMKilled", ""], "statuses": [{"count": 1, "value": 12}, {"count": 1, "value": 1}]},
                  {"name": "t2 connection reset", "short_texts": ["F", ""], "statuses": [{"count": 2, "value": 13}]}]}))
    write("document", "dump.json", json.dumps({"dash": {"tab": {"tests": [{"name": "x", "messages": ["image pull back-off"],
                                                                      "statuses": [{"count": 1, "value": 12}]}]}}}))
    write("document", "not-testgrid.json", b'{"created":1.5,"tests":[]}\n{"level":"error","msg":"OOMKilled"}\n')
    write("document", "malformed.json", b'{"tests":[{"name":"x",}]}')
    generator = os.path.join(ROOT, "Benchmarks", "Scripts", "generate_testgrid.py")
    for shape in ("table", "dump"):
        out = os.path.join(SEEDS, "document", f"generated-{shape}.json")
        subprocess.run([sys.executable, generator, "--out", out, "--size", "12KB", "--shape", shape,
                        "--columns", "6", "--seed", "3"], check=True, stdout=subprocess.DEVNULL)

    # json: the TestGrid documents above, and the grammar's corners.
    document = os.path.join(SEEDS, "document")
    for name in sorted(os.listdir(document)):
        if name.endswith(".json"):
            with open(os.path.join(document, name), "rb") as f:
                write("json", name, f.read())
    for index, text in enumerate([
        '{"a":[1,-0.5e+10,true,false,null,"x"],"b":{}}', '[]', '"\\u00e9\\ud83d\\ude00\\n"', '0', '-1.5E-3',
        '[1,]', '{"a" 1}', '[01]', '"\\x"', '"tab\there"', '[[[[[[[[[[1]]]]]]]]]]', '{"a":1}x', ' \n [ true ] \n ',
        '"\\ud800"', '[1e400]', '{"":""}',
    ]):
        write("json", f"case-{index:02}.json", text.encode())

    # pattern-file: each format, whole and in parts.
    with open(os.path.join(ROOT, "patterns", "ci-failures.yaml"), "rb") as f:
        curated_bytes = f.read()
    cut = curated_bytes.find(b"\n  - id:", 6000)
    write("pattern-file", "curated-head.yaml", curated_bytes[:cut + 1])
    write("pattern-file", "set-with-everything.yaml", """name: fuzz
description: every field
line_preparation:
  strip_timestamps: true
patterns:
  - id: oom
    regex: 'OOMKilled|out of memory'
    description: "killed"
    tags: [failure, k8s]
    priority: 1
    examples:
      match: ["OOMKilled"]
      nomatch: ["fine"]
  - id: reset
    regex: "(?i)connection reset"
""")
    write("pattern-file", "ruleset.toml", """[[rule]]
name = "OOM"
pattern = '''OOMKilled'''
priority = 1

[[rule]]
name = "gradle \\"failure\\""
pattern = "^FAILURE: Build failed"
""")
    write("pattern-file", "list.json", json.dumps(["OOMKilled", "connection reset by peer", "\\bpanic:"]))
    write("pattern-file", "list-not-strings.json", b"[1,2]")
    write("pattern-file", "list.yaml", "- OOMKilled\n- 'connection reset'\n- \"\\\\bpanic:\"\n")
    write("pattern-file", "lines.txt", "# comment\nOOMKilled\n\nconnection reset by peer\n^panic:\n")
    write("pattern-file", "controls.yaml", b"\0\0")
    write("pattern-file", "bad-regex.yaml", "patterns:\n  - id: a\n    regex: '(unclosed'\n")

    # regex and routes: a regex (or up to four), an empty line, then lines from its examples.
    for index, pattern in enumerate(patterns):
        examples = pattern.get("examples", {})
        sample = examples.get("match", [])[:3] + examples.get("nomatch", [])[:3]
        write("regex", f"curated-{index:03}", pattern["regex"] + "\n" + "\n".join(sample) + "\n")
    prow = os.path.join(ROOT, "..", "shared", "realdata", "patterns", "kubernetes-prow-buildlog-highlight-regexes.txt")
    if os.path.exists(prow):
        with open(prow, encoding="utf-8") as f:
            for index, regex in enumerate(r for r in f.read().splitlines() if r and not r.startswith("#")):
                write("regex", f"prow-{index:03}", regex + "\n" + lines[index * 97 % len(lines):][:300].decode("utf-8", "replace") + "\n")
    for index in range(0, len(patterns), 4):
        group = patterns[index:index + 4]
        sample = [e for p in group for e in p.get("examples", {}).get("match", [])[:2] + p.get("examples", {}).get("nomatch", [])[:1]]
        rng.shuffle(sample)
        write("routes", f"curated-{index:03}", "\n".join(p["regex"] for p in group) + "\n\n" + "\n".join(sample) + "\n")

    # template: real log lines, and the shapes the line preparation and masks take apart.
    for index, path in enumerate(logs[:6]):
        write("template", f"log-{index}", log_excerpt(path, 3000))
    write("template", "shapes", "\n".join([
        "\x1b[31;1mError:\x1b[0m build failed \x1b]8;;http://x\x07link\x1b]8;;\x07",
        "Progress (1): 4.1 kB\rProgress (1): 8.2 kB\r        \rDownloaded x.jar\r",
        "\x1b_bk;t=1700000000123\x07--- :docker: Build _bk;t=12",
        "build\tRun tests\t2021-12-01T13:01:04.3785538Z > Task :test FAILED",
        "2021-12-01T13:01:04.3785538Z ##[group]Run actions/checkout@v4",
        "[Pipeline] sh",
        "pod web-7d9c8b6f5-x2k4q at 10.0.3.17:8080 id 3f2a9c1e-7d4b-4a5e-9f0a-1b2c3d4e5f60 0x7ffd",
        "[2024-07-08 16:59:08,123] open /tmp/go-build1234/b001/x.go: 16:59:08.5 on 2024-07-08 took 1.5s",
        "------ ==== caf\xc3\xa9 \xff\xfe 1\xe2\x80\x942",
    ]).encode("latin-1"))

    # baseline: saved files (empty, a few hashes), and damaged ones.
    magic = b"logscan-baseline 1\n"
    def baseline(hashes):
        return magic + len(hashes).to_bytes(8, "little") + b"".join(h.to_bytes(8, "little") for h in hashes)
    write("baseline", "empty", baseline([]))
    write("baseline", "three", baseline([0, 5, 2**64 - 1]))
    write("baseline", "unsorted", baseline([5, 3]))
    write("baseline", "cut", baseline([1, 2, 3])[:-3])
    write("baseline", "not-a-baseline", b"OOMKilled\n")

    # report: scan outputs with labels, times, examples, TestGrid docs; and broken ones.
    header = ('{"type":"header","schema":1,"version":"0.1.0","pattern_set":"sha256:one","pattern_sources":["t.yaml"],"keep_ansi":false,'
              '"patterns":[{"id":"a","regex":"a","tags":[]},{"id":"b","regex":"b","tags":["failure"]}]}')
    summary = '{"type":"summary","files":3,"errors":0,"skipped":0,"bytes":3,"stored_bytes":3,"lines":3,"totals":{},"elapsed_s":0.001,"interrupted":false}'
    records = [
        '{"type":"file","path":"logs/j1/1/build-log.txt","labels":{"job":"j1","build":"1"},"time":1733443210,"bytes":1,"stored_bytes":1,"lines":3,"counts":{"a":2,"b":1},"examples":{"b":[{"line":2,"text":"b failed"}]}}',
        '{"type":"file","path":"logs/j2/2/build-log.txt","labels":{"job":"j2","build":"2"},"time":1733529605,"bytes":1,"stored_bytes":1,"lines":3,"counts":{"b":3}}',
        '{"type":"file","path":"dump.json","doc":"d/t","labels":{"dashboard":"d","tab":"t"},"time":0,"bytes":1,"stored_bytes":1,"lines":1,"counts":{},"error":{"kind":"malformed-json","message":"x"}}',
    ]
    full = "\n".join([header] + records + [summary]) + "\n"
    write("report", "scan", full)
    write("report", "two-runs", full + full)
    write("report", "cut", full[:len(full) // 2])
    write("report", "other-set", full + full.replace("sha256:one", "sha256:two"))
    write("report", "no-time", "\n".join([header, records[0].replace(',"time":1733443210', ""), summary]) + "\n")


if __name__ == "__main__":
    main()
