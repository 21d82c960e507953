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


if __name__ == "__main__":
    main()
