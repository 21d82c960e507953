#!/usr/bin/env python3
"""Independent oracle for logscan's TestGrid JSON support (Python's json + GNU grep -P).

    python3 Tests/Oracles/testgrid_oracle.py INPUT.json[.gz] PATTERNS.json [--top 5]

INPUT is a TestGrid table ({"tests": [...], ...} or {"grid": [...], ...}) or a dump
({dashboard: {tab: table}}), plain or gzip (by the 1f8b magic, any number of members).
PATTERNS.json is a JSON list of {"id": ..., "regex": ...} (PCRE2 syntax).

Documents: a table is one document, "doc": null.  A dump gives one document per tab,
"doc": "<dashboard>/<tab>", in file order; dashboard or tab values that are not objects are
skipped.  Rows are table["tests"] if that key is present, else table.get("grid", []).

Lines of a document, in this order: for each row, its "name" (if non-empty), then each
non-empty entry of its "messages".  A cell is one line: "\\n" and "\\r" become one space each.
(Lone surrogates, which json accepts from "\\ud800" escapes, become U+FFFD so the text is
valid UTF-8; the same replacement is applied to names and document names in the output.)

Each pattern runs once over all documents' lines with GNU grep as the PCRE2 reference:
`LC_ALL=C.UTF-8 grep -aPn -e REGEX -- FILE` (exit 1: no match; exit 2: error, which fails
this script), and matched line numbers are mapped back to (document, row, name|message).

Prints one JSON object per document (JSONL):
  {"doc", "lines", "tests" (rows), "columns", "cells": {"pass","fail","flaky","other","no_result"},
   "first_ts", "last_ts",
   "patterns": {id: {"lines", "cells", "tests", "top_tests": [{"name", "cells"}]}}}
where per pattern "lines" counts matching lines, "cells" the matching lines that are messages,
"tests" the rows with a matching name or message, and "top_tests" up to --top of those rows,
most matched cells first, ties in row order (a name-only match has cells 0).  Only patterns
with lines > 0 are listed.  "columns" is len(timestamps) if non-empty, else len(changelists)
if non-empty, else the largest statuses total of a row.  "cells" sums the expanded statuses:
pass = 1,2,3,15; fail = 9,10,11,12,14; flaky = 13; no_result = 0; other = every other value.
first_ts/last_ts are min/max(timestamps), or null.  Python 3 stdlib only (no PyYAML).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from array import array
from concurrent.futures import ThreadPoolExecutor

GREP_ENV = {k: v for k, v in os.environ.items() if k not in ("GREP_OPTIONS", "GREP_COLOR", "GREP_COLORS")}
GREP_ENV["LC_ALL"] = "C.UTF-8"

PASS_VALUES = {1, 2, 3, 15}
FAIL_VALUES = {9, 10, 11, 12, 14}
FLAKY_VALUES = {13}
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(s: str) -> str:
    return LONE_SURROGATE.sub("\ufffd", s)


def load(path: str):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data)


def documents(top):
    """[(doc name or None, table)] in file order."""
    if not isinstance(top, dict):
        sys.exit("testgrid_oracle: top level is not a JSON object")
    if "tests" in top or "grid" in top:
        return [(None, top)]
    docs = []
    for dash, tabs in top.items():
        if isinstance(tabs, dict):
            for tab, table in tabs.items():
                if isinstance(table, dict):
                    docs.append((clean("%s/%s" % (dash, tab)), table))
    return docs


def table_rows(table) -> list:
    rows = table["tests"] if "tests" in table else table.get("grid", [])
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def non_empty_list(x) -> bool:
    return isinstance(x, list) and len(x) > 0


def summarize(table, rows) -> dict:
    cells = {"pass": 0, "fail": 0, "flaky": 0, "other": 0, "no_result": 0}
    widest = 0
    for r in rows:
        total = 0
        statuses = r.get("statuses")
        for run in statuses if isinstance(statuses, list) else []:
            n, v = int(run.get("count", 0)), run.get("value", 0)
            total += n
            key = ("no_result" if v == 0 else "pass" if v in PASS_VALUES else "fail" if v in FAIL_VALUES
                   else "flaky" if v in FLAKY_VALUES else "other")
            cells[key] += n
        widest = max(widest, total)
    ts = table.get("timestamps")
    if non_empty_list(ts):
        columns = len(ts)
    elif non_empty_list(table.get("changelists")):
        columns = len(table["changelists"])
    else:
        columns = widest
    return {"columns": columns, "cells": cells,
            "first_ts": min(ts) if non_empty_list(ts) else None,
            "last_ts": max(ts) if non_empty_list(ts) else None}


def grep_lines(regex: str, path: str) -> array:
    """1-based numbers of the lines of `path` that grep -P matches."""
    proc = subprocess.Popen(["grep", "-aPn", "-e", regex, "--", path], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=GREP_ENV)
    hits = array("q")
    for out in proc.stdout:     # "N:line"; only the number matters
        hits.append(int(out[:out.index(b":")]))
    err = proc.stderr.read().decode("utf-8", "replace").strip()
    rc = proc.wait()
    if rc not in (0, 1):
        raise RuntimeError("grep -P failed (exit %d) on %r: %s" % (rc, regex, err or "no message"))
    if err:
        print("testgrid_oracle: grep on %r: %s" % (regex, err), file=sys.stderr)
    return hits


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="TestGrid table or dump, .json or gzip")
    ap.add_argument("patterns", help='JSON list of {"id": ..., "regex": ...}')
    ap.add_argument("--top", type=int, default=5, help="rows listed per pattern in top_tests (default 5)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="grep processes at once")
    a = ap.parse_args()

    with open(a.patterns, "rb") as f:
        patterns = json.load(f)
    if not isinstance(patterns, list):
        sys.exit("testgrid_oracle: %s: expected a JSON list of {id, regex}" % a.patterns)
    ids = [p["id"] for p in patterns]
    if len(set(ids)) != len(ids):
        sys.exit("testgrid_oracle: duplicate pattern ids in %s" % a.patterns)

    docs = documents(load(a.input))

    # All documents' lines go to one file so each pattern costs one grep.  For line k (0-based):
    # line_row[k] = global row index, line_msg[k] = 1 if a message, 0 if the row's name.
    row_doc = array("l")       # global row -> document index
    row_name: list[str] = []
    doc_info = []
    line_row = array("l")
    line_msg = bytearray()
    fd, lines_path = tempfile.mkstemp(prefix="testgrid-oracle-", suffix=".txt")
    try:
        with os.fdopen(fd, "wb") as out:
            for di, (doc, table) in enumerate(docs):
                rows = table_rows(table)
                first_line = len(line_row)
                chunk = []
                for r in rows:
                    gi = len(row_name)
                    name = r.get("name")
                    name = clean(name) if isinstance(name, str) else ""
                    row_doc.append(di)
                    row_name.append(name)
                    texts = [(0, name)] if name else []
                    msgs = r.get("messages")
                    for m in msgs if isinstance(msgs, list) else []:
                        if isinstance(m, str) and m:
                            texts.append((1, clean(m)))
                    for is_msg, t in texts:
                        chunk.append(t.replace("\n", " ").replace("\r", " "))
                        line_row.append(gi)
                        line_msg.append(is_msg)
                if chunk:
                    out.write(("\n".join(chunk) + "\n").encode("utf-8"))
                info = {"doc": doc, "lines": len(line_row) - first_line, "tests": len(rows)}
                info.update(summarize(table, rows))
                info["patterns"] = {}
                doc_info.append(info)

        if len(line_row):
            with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
                try:
                    results = list(pool.map(lambda p: grep_lines(p["regex"], lines_path), patterns))
                except RuntimeError as e:
                    sys.exit("testgrid_oracle: %s" % e)
        else:
            results = [array("q") for _ in patterns]
    finally:
        os.unlink(lines_path)

    for p, hits in zip(patterns, results):
        per_doc: dict[int, dict] = {}     # doc index -> {"lines", "cells", "rows": {row: cells}}
        for n in hits:
            k = n - 1
            gi = line_row[k]
            d = per_doc.setdefault(row_doc[gi], {"lines": 0, "cells": 0, "rows": {}})
            d["lines"] += 1
            d["cells"] += line_msg[k]
            d["rows"][gi] = d["rows"].get(gi, 0) + line_msg[k]
        for di, d in per_doc.items():
            ranked = sorted(d["rows"].items(), key=lambda rc: (-rc[1], rc[0]))[:max(0, a.top)]
            doc_info[di]["patterns"][p["id"]] = {
                "lines": d["lines"], "cells": d["cells"], "tests": len(d["rows"]),
                "top_tests": [{"name": row_name[gi], "cells": c} for gi, c in ranked]}

    out = sys.stdout.buffer
    for info in doc_info:
        out.write(json.dumps(info, ensure_ascii=False).encode("utf-8") + b"\n")
    out.flush()


if __name__ == "__main__":
    main()
