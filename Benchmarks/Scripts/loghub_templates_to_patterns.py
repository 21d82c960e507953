#!/usr/bin/env python3
"""Turn loghub event templates (Drain-style `<*>` templates) into a logscan YAML pattern set.

    python3 Benchmarks/Scripts/loghub_templates_to_patterns.py SRC_DIR --out FILE.yaml

SRC_DIR holds loghub's `<System>_2k.log_templates.csv` files (columns EventId,EventTemplate,
CSV quoting), e.g. ../shared/realdata/patterns/loghub-templates.  Each template becomes one
pattern:

  id     `<system>-<eventid>`, lower case, only letters, digits and `. _ : / -` (made unique
         with a `-2`, `-3`, ... suffix if two templates would get the same id);
  regex  the template's literal text escaped for PCRE2, each `<*>` (a run of adjacent ones
         counts as one) turned into the non-greedy wildcard `.*?`; a leading or trailing
         wildcard is dropped, since it changes nothing for "does this line match";
  description / tags / examples: the template itself, [loghub, <system>], and one `match`
         example (the template with every `<*>` filled in) that `logscan check` runs.

Templates that are only wildcards (and whitespace) would match every line and are skipped.
Templates that end up with the same regex are all kept, each with its own id (counted as
duplicates on stderr).  Every regex is checked: it compiles with Python `re`, does not match
the empty string, and matches its own example.  Stdlib + PyYAML only; output is deterministic.
"""

from __future__ import annotations

import argparse
import collections
import csv
import glob
import os
import re
import sys

import yaml

WILDCARD = "<*>"
# PCRE2 metacharacters outside a character class.  Only these are escaped, so the regex stays
# readable and is also accepted verbatim by ripgrep (which rejects some needless escapes) and
# translatable to POSIX ERE.
META = set("\\.^$|?*+()[]{}")
FILL = "x1"  # what each <*> becomes in the generated `match` example


def escape(text: str) -> str:
    out = []
    for c in text:
        if c in META:
            out.append("\\" + c)
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 32 or ord(c) == 127:
            out.append("\\x%02x" % ord(c))
        else:
            out.append(c)
    return "".join(out)


def template_regex(template: str) -> str | None:
    """The regex for one template, or None if it has no literal text at all."""
    parts = template.split(WILDCARD)
    # parts[0] and parts[-1] are the text before the first / after the last wildcard (possibly
    # empty: then the template starts / ends with a wildcard, which is dropped).  Interior empty
    # parts are adjacent wildcards `<*><*>`: they collapse into one.
    literals = list(parts)
    while literals and literals[0] == "":
        literals.pop(0)
    while literals and literals[-1] == "":
        literals.pop()
    if not literals or not "".join(literals).strip():
        return None
    pieces = [escape(p) for p in literals if p != ""]
    return ".*?".join(pieces)


def system_name(path: str) -> str:
    base = os.path.basename(path)
    name = base.split("_", 1)[0] if "_" in base else base.split(".", 1)[0]
    return safe_id(name)


def safe_id(s: str) -> str:
    s = re.sub(r"[^a-z0-9._:/-]+", "-", s.lower()).strip("-")
    return s or "x"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src_dir", help="directory with loghub *_templates.csv files")
    ap.add_argument("--out", required=True, help="output YAML pattern set")
    ap.add_argument("--name", default="loghub-templates")
    a = ap.parse_args()

    files = sorted(glob.glob(os.path.join(a.src_dir, "*.csv")))
    if not files:
        print("loghub_templates_to_patterns: no *.csv files in %s" % a.src_dir, file=sys.stderr)
        return 2

    patterns = []
    ids = set()
    seen_regex: dict[str, str] = {}
    duplicates = 0
    n_in = 0
    skipped = collections.Counter()
    per_system = collections.Counter()
    for path in files:
        system = system_name(path)
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or "EventId" not in reader.fieldnames or "EventTemplate" not in reader.fieldnames:
                print("loghub_templates_to_patterns: %s: expected columns EventId,EventTemplate, got %s"
                      % (path, reader.fieldnames), file=sys.stderr)
                return 2
            for row in reader:
                n_in += 1
                template = row["EventTemplate"] or ""
                event = (row["EventId"] or "").strip()
                if not event:
                    skipped["no EventId"] += 1
                    continue
                regex = template_regex(template)
                if regex is None:
                    skipped["only wildcards/whitespace"] += 1
                    continue
                try:
                    rx = re.compile(regex)
                except re.error as e:  # cannot happen with the escaping above; kept as a guard
                    skipped["does not compile (%s)" % e] += 1
                    continue
                if rx.search(""):
                    skipped["matches the empty string"] += 1
                    continue
                example = template.replace(WILDCARD, FILL)
                if not rx.search(example):
                    skipped["does not match its own example"] += 1
                    continue
                pid = base = "%s-%s" % (system, safe_id(event))
                k = 2
                while pid in ids:
                    pid = "%s-%d" % (base, k)
                    k += 1
                ids.add(pid)
                if regex in seen_regex:
                    duplicates += 1
                else:
                    seen_regex[regex] = pid
                per_system[system] += 1
                patterns.append({
                    "id": pid,
                    "regex": regex,
                    "description": "loghub %s template %s: %s" % (system, event, template),
                    "tags": ["loghub", system],
                    "examples": {"match": [example]},
                })

    doc = {
        "name": a.name,
        "description": ("Event templates of loghub's %d system logs (%s) as regexes: literal text "
                        "escaped, each <*> a non-greedy wildcard, leading/trailing wildcards dropped. "
                        "Generated by Benchmarks/Scripts/loghub_templates_to_patterns.py."
                        % (len(per_system), ", ".join(sorted(per_system)))),
        "patterns": patterns,
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# Generated by Benchmarks/Scripts/loghub_templates_to_patterns.py from %d loghub "
                "template files; do not edit.\n" % len(files))
        yaml.safe_dump(doc, f, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)

    print("loghub_templates_to_patterns: %d files, %d templates in, %d patterns out, %d skipped%s; "
          "%d patterns repeat an earlier regex (kept, each with its own id)"
          % (len(files), n_in, len(patterns), sum(skipped.values()),
             "".join(" (%d %s)" % (n, why) for why, n in sorted(skipped.items())) if skipped else "",
             duplicates), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
