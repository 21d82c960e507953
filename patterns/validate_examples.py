#!/usr/bin/env python3
"""Validate a logscan YAML pattern set against GNU grep -P.

Checks, for every entry of the set:
  * ``id`` is present, unique and a lowercase slug ([a-z0-9]+ joined by single '-');
  * ``regex``, ``description`` and ``tags`` (1-3 entries of the known vocabulary) are present;
  * ``examples.match`` and ``examples.nomatch`` each hold at least one single-line string;
  * GNU grep compiles the regex (``grep -P`` exit status 2 means it does not);
  * every ``match`` example is counted by ``LC_ALL=C.UTF-8 grep -aP -c -e REGEX`` (prints 1)
    and every ``nomatch`` example is not (prints 0).

With ``--logs DIR`` it also runs every regex over every file below DIR (gzip files decompressed,
like ``zcat -f``; ANSI escapes and line-ending CRs removed as logscan does by default unless
``--keep-ansi``), reports per-pattern matching lines/files and the grep time, and fails when a
regex makes grep error out or takes longer than ``--max-seconds``.

Prints every failure; exits 1 if there is any, 0 otherwise.  Stdlib + PyYAML only.

    python3 patterns/validate_examples.py                       # patterns/ci-failures.yaml
    python3 patterns/validate_examples.py other.yaml
    python3 patterns/validate_examples.py --logs ../shared/realdata/logs
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_SET = HERE / "ci-failures.yaml"

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TAG_VOCABULARY = {
    "resources", "oom", "timeout", "network", "dns", "tls", "image", "registry", "rate-limit",
    "panic", "crash", "race", "test-failure", "go", "python", "java", "js", "build", "compile",
    "infra", "k8s", "disk", "quota", "auth", "git", "docker", "ci", "gha", "jenkins", "prow",
    "sanitizer",
}
GREP_ENV = {**os.environ, "LC_ALL": "C.UTF-8"}
GREP_ENV.pop("GREP_OPTIONS", None)
GREP_ENV.pop("GREP_COLOR", None)
GREP_ENV.pop("GREP_COLORS", None)

# ECMA-48 escape sequences, approximately as logscan's TextCleaner removes them.
ANSI = re.compile(
    rb"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"      # CSI
    rb"|[\]PX^_][^\n]*?(?:\x07|\x1b\\)"                  # OSC/DCS/... strings
    rb"|[\x20-\x2f]*[\x30-\x7e])"                         # two-byte / charset selection
)


def grep_count(regex: str, text: bytes, timeout: float = 20.0) -> tuple[int, str, str]:
    """Run grep -aPc on `text`; return (exit status, stdout, stderr)."""
    proc = subprocess.run(
        ["grep", "-aPc", "-e", regex], input=text, capture_output=True, env=GREP_ENV, timeout=timeout
    )
    return proc.returncode, proc.stdout.decode("utf-8", "replace").strip(), proc.stderr.decode("utf-8", "replace").strip()


def check_structure(entries: object, failures: list[str]) -> list[dict]:
    if not isinstance(entries, list) or not entries:
        failures.append("top level: 'patterns' must be a non-empty list")
        return []
    seen: dict[str, int] = {}
    good = []
    for position, entry in enumerate(entries, 1):
        where = f"pattern #{position}"
        if not isinstance(entry, dict):
            failures.append(f"{where}: not a mapping")
            continue
        pid = entry.get("id")
        if not isinstance(pid, str) or not pid:
            failures.append(f"{where}: missing id")
            continue
        where = f"{pid} (#{position})"
        if not SLUG.fullmatch(pid):
            failures.append(f"{where}: id is not a lowercase slug [a-z0-9-]+")
        if pid in seen:
            failures.append(f"{where}: duplicate id (first at #{seen[pid]})")
        seen.setdefault(pid, position)
        unknown = set(entry) - {"id", "regex", "description", "tags", "examples"}
        if unknown:
            failures.append(f"{where}: unknown keys {sorted(unknown)}")
        regex = entry.get("regex")
        if not isinstance(regex, str) or not regex:
            failures.append(f"{where}: missing regex")
            continue
        if "\n" in regex:
            failures.append(f"{where}: regex contains a newline")
        description = entry.get("description")
        if not isinstance(description, str) or not description.strip():
            failures.append(f"{where}: missing description")
        tags = entry.get("tags")
        if not isinstance(tags, list) or not 1 <= len(tags) <= 3 or not all(isinstance(t, str) and t for t in tags):
            failures.append(f"{where}: tags must be a list of 1-3 strings")
        else:
            bad = [t for t in tags if t not in TAG_VOCABULARY]
            if bad:
                failures.append(f"{where}: tags outside the vocabulary: {bad}")
            if len(set(tags)) != len(tags):
                failures.append(f"{where}: duplicate tags")
        examples = entry.get("examples")
        if not isinstance(examples, dict):
            failures.append(f"{where}: missing examples")
            continue
        ok = True
        for kind in ("match", "nomatch"):
            lines = examples.get(kind)
            if not isinstance(lines, list) or not lines:
                failures.append(f"{where}: needs at least one examples.{kind}")
                ok = False
                continue
            for line in lines:
                if not isinstance(line, str):
                    failures.append(f"{where}: examples.{kind} entry is not a string: {line!r}")
                    ok = False
                elif "\n" in line or "\r" in line:
                    failures.append(f"{where}: examples.{kind} entry is not a single line: {line!r}")
                    ok = False
        extra = set(examples) - {"match", "nomatch"}
        if extra:
            failures.append(f"{where}: unknown example kinds {sorted(extra)}")
        if ok:
            good.append(entry)
    return good


def check_examples(entries: list[dict], failures: list[str]) -> int:
    checked = 0
    for entry in entries:
        pid, regex = entry["id"], entry["regex"]
        status, out, err = grep_count(regex, b"")
        if status == 2:
            failures.append(f"{pid}: grep cannot use the regex: {err}")
            continue
        for kind, want in (("match", "1"), ("nomatch", "0")):
            for line in entry["examples"][kind]:
                checked += 1
                status, out, err = grep_count(regex, line.encode("utf-8") + b"\n")
                if status == 2:
                    failures.append(f"{pid}: grep failed on {kind} example {line!r}: {err}")
                elif out != want:
                    failures.append(f"{pid}: {kind} example {'did not match' if want == '1' else 'matched'}: {line!r}")
    return checked


def prepare_logs(root: Path, keep_ansi: bool, workdir: Path) -> list[Path]:
    """Decompress (zcat -f) and clean every file below root into workdir."""
    out = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        while raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        raw = re.sub(rb"\r(?=\n|\Z)", b"", raw)
        if not keep_ansi:
            raw = ANSI.sub(b"", raw)
        rel = path.relative_to(root).as_posix()
        if rel.endswith(".gz"):
            rel = rel[:-3]
        target = workdir / rel.replace("/", "__")
        target.write_bytes(raw)
        out.append(target)
    return out


def scan_logs(entries: list[dict], files: list[Path], max_seconds: float, failures: list[str], verbose: bool) -> None:
    names = [str(f) for f in files]
    hit_patterns = 0
    rows = []
    for entry in entries:
        pid, regex = entry["id"], entry["regex"]
        start = time.monotonic()
        try:
            proc = subprocess.run(
                ["grep", "-aPc", "-e", regex, "--", *names], capture_output=True, env=GREP_ENV, timeout=max_seconds * 10
            )
        except subprocess.TimeoutExpired:
            failures.append(f"{pid}: grep over the logs took more than {max_seconds * 10:.0f}s")
            continue
        elapsed = time.monotonic() - start
        if proc.returncode == 2 or proc.stderr:
            failures.append(f"{pid}: grep over the logs failed: {proc.stderr.decode('utf-8', 'replace').strip()[:300]}")
        if elapsed > max_seconds:
            failures.append(f"{pid}: grep over the logs took {elapsed:.2f}s (> {max_seconds}s)")
        lines = files_hit = 0
        for row in proc.stdout.decode("utf-8", "replace").splitlines():
            count = int(row.rsplit(":", 1)[1])
            lines += count
            files_hit += count > 0
        hit_patterns += lines > 0
        rows.append((pid, lines, files_hit, elapsed))
    width = max(len(r[0]) for r in rows) if rows else 10
    print(f"\nlog scan: {len(files)} files below the --logs directory")
    print(f"{'id':<{width}}  {'lines':>7}  {'files':>5}  {'secs':>5}")
    for pid, lines, files_hit, elapsed in rows:
        if verbose or lines:
            print(f"{pid:<{width}}  {lines:>7}  {files_hit:>5}  {elapsed:>5.2f}")
    if not verbose:
        print("(patterns without hits omitted; -v lists them)")
    slowest = max(rows, key=lambda r: r[3]) if rows else None
    print(f"patterns matching at least one log line: {hit_patterns}/{len(rows)}")
    if slowest:
        print(f"slowest: {slowest[0]} {slowest[3]:.2f}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pattern_file", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--logs", type=Path, help="also run every regex over the files below this directory")
    parser.add_argument("--keep-ansi", action="store_true", help="with --logs: do not strip ANSI escapes")
    parser.add_argument("--max-seconds", type=float, default=2.0, help="with --logs: slowest allowed grep run")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    failures: list[str] = []
    try:
        with open(args.pattern_file, encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        print(f"FAIL {args.pattern_file}: cannot load: {error}")
        return 1
    if not isinstance(document, dict):
        print(f"{args.pattern_file}: top level is not a mapping", file=sys.stderr)
        return 1
    for key in ("name", "description"):
        if key in document and not isinstance(document[key], str):
            failures.append(f"top level: {key} must be a string")
    entries = check_structure(document.get("patterns"), failures)
    checked = check_examples(entries, failures)

    if args.logs:
        with tempfile.TemporaryDirectory(prefix="validate-logs-") as tmp:
            files = prepare_logs(args.logs, args.keep_ansi, Path(tmp))
            scan_logs(entries, files, args.max_seconds, failures, args.verbose)

    for failure in failures:
        print(f"FAIL {failure}")
    total = len(document.get("patterns") or [])
    print(f"{args.pattern_file}: {total} patterns, {checked} examples checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
