#!/usr/bin/env python3
"""Pattern plumbing for compare-peers.sh: one pattern set, rewritten for each peer tool.

    peer_patterns.py prepare PATTERNS OUTDIR   # write the per-tool pattern files, print counts
    peer_patterns.py sample PLAIN_DIR BYTES OUT  # ~BYTES of the plain corpus (whole files, mixed kinds)
    peer_patterns.py pyloop PATTERNS SAMPLE OUT  # the Python `re` per-line loop peer
    peer_patterns.py portable PATTERNS OUT.yaml  # the set in the syntax ripgrep's default engine takes

PATTERNS is a logscan YAML set (top-level `patterns:` list of {id, regex, ...}) or a plain
list, one regex per line (blank lines and lines starting with `#` skipped), read the way
logscan reads them.  `prepare` writes into OUTDIR:

  regexes.txt   the regexes as written, one per line
  rg.txt        for ripgrep's default engine with --no-unicode: each regex rewritten (non-ASCII
                literals as \\xHH UTF-8 byte escapes, needless escapes of punctuation removed,
                PCRE-only escapes such as \\h spelled out), one per line, unwrapped; every one
                is accepted by `rg --no-unicode` (the ones it rejects are dropped and counted)
  rg-wrapped.txt  the same, each wrapped in (?:...) so inline flags cannot leak (for rg -f)
  ere.txt       POSIX ERE for GNU `grep -E` / `zgrep -E` in the C locale: \\d -> [0-9],
                (?: -> (, lazy quantifiers made greedy (same lines match), (?i) expanded into
                [aA] letter classes, non-ASCII kept as raw UTF-8 bytes (outside classes) ...;
                patterns that cannot be rewritten faithfully (lookaround, backreferences,
                possessive quantifiers, \\p{..}, ...) are skipped and counted; every one kept is
                accepted by grep -E without a warning
  counts.txt    "rg N", "ere N", "python N", "total N" (patterns kept per tool)

Stdlib + PyYAML.
"""

from __future__ import annotations

import collections
import os
import random
import re
import subprocess
import sys
import warnings

warnings.simplefilter("ignore", FutureWarning)  # re's "possible nested set" notes on PCRE classes


# ------------------------------------------------------------------------------------------
# Loading
# ------------------------------------------------------------------------------------------

def load_patterns(path):
    """[(id, regex)] from a logscan YAML set or a one-regex-per-line list."""
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    is_yaml = path.endswith((".yaml", ".yml")) or text.lstrip().startswith("patterns:")
    if not is_yaml:
        # a YAML set under another name: first non-comment line is a top-level key we know
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                is_yaml = re.match(r"(?:name|description|patterns):(?:\s|$)", line) is not None
                break
    if is_yaml:
        import yaml
        doc = yaml.safe_load(text)
        return [(str(p["id"]), str(p["regex"])) for p in doc["patterns"]]
    stem = os.path.splitext(os.path.basename(path))[0]
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        line = line[:-1] if line.endswith("\r") else line
        if not line or line.startswith("#"):
            continue
        out.append(("%s:%d" % (stem, n), line))
    return out


# ------------------------------------------------------------------------------------------
# A small PCRE2 parser: enough of the syntax that real pattern sets use
# ------------------------------------------------------------------------------------------

class Unsupported(Exception):
    pass


CLASS_ESCAPES = set("dDwWsShH")
ASSERT_ESCAPES = set("bB")
SIMPLE_ESCAPES = {"t": 9, "n": 10, "r": 13, "f": 12, "e": 27, "a": 7}
UNSUPPORTED_ESCAPES = {
    "A": "\\A", "z": "\\z", "Z": "\\Z", "G": "\\G", "K": "\\K", "p": "\\p{..}", "P": "\\P{..}",
    "X": "\\X", "C": "\\C", "R": "\\R", "g": "backreference", "k": "backreference",
    "c": "\\c", "o": "octal escape", "v": "\\v", "V": "\\V", "N": "\\N", "E": "stray \\E",
    "u": "\\u", "U": "\\U", "l": "\\l", "L": "\\L",
}


def _hexval(s, i):
    """Parse \\xHH or \\x{H..} starting at s[i] == 'x'; return (codepoint, next index)."""
    if i + 1 < len(s) and s[i + 1] == "{":
        j = s.find("}", i + 2)
        if j < 0:
            raise Unsupported("bad \\x{")
        return int(s[i + 2:j] or "0", 16), j + 1
    m = re.match(r"[0-9A-Fa-f]{0,2}", s[i + 1:])
    return int(m.group(0) or "0", 16), i + 1 + len(m.group(0))


def parse(s):
    """Tokens of the PCRE2 pattern s (see module doc); raises Unsupported."""
    toks = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            if i + 1 >= n:
                raise Unsupported("trailing backslash")
            e = s[i + 1]
            if e in CLASS_ESCAPES:
                toks.append(("cls_esc", e)); i += 2
            elif e in ASSERT_ESCAPES:
                toks.append(("assert", e)); i += 2
            elif e in SIMPLE_ESCAPES:
                toks.append(("lit", SIMPLE_ESCAPES[e])); i += 2
            elif e == "x":
                cp, i = _hexval(s, i + 1)
                toks.append(("lit", cp))
            elif e == "0":
                m = re.match(r"[0-7]{0,2}", s[i + 2:])
                toks.append(("lit", int("0" + m.group(0), 8))); i += 2 + len(m.group(0))
            elif e.isdigit():
                raise Unsupported("backreference")
            elif e == "Q":
                j = s.find("\\E", i + 2)
                j = n if j < 0 else j
                toks.extend(("lit", ord(ch)) for ch in s[i + 2:j])
                i = j + 2
            elif e in UNSUPPORTED_ESCAPES:
                raise Unsupported(UNSUPPORTED_ESCAPES[e])
            elif e.isalnum():
                raise Unsupported("escape \\" + e)
            else:
                toks.append(("lit", ord(e))); i += 2
        elif c == "[":
            tok, i = parse_class(s, i)
            toks.append(tok)
        elif c == "(":
            if s.startswith("(*", i):
                raise Unsupported("(*VERB)")
            if not s.startswith("(?", i):
                toks.append(("open", None)); i += 1
                continue
            rest = s[i + 2:]
            if rest.startswith("#"):
                j = s.find(")", i)
                i = n if j < 0 else j + 1
                continue
            if rest.startswith(":"):
                toks.append(("open", None)); i += 3
                continue
            m = re.match(r"P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)'", rest)
            if m:
                toks.append(("open", None)); i += 2 + m.end()
                continue
            if rest[:1] in ("=", "!", ">", "|") or rest[:2] in ("<=", "<!"):
                raise Unsupported({"=": "lookahead", "!": "lookahead", ">": "atomic group",
                                   "|": "branch reset", "<": "lookbehind"}[rest[0]])
            m = re.match(r"\^?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])", rest)
            if not m:
                raise Unsupported("group (?" + rest[:3])
            on, off = set(m.group(1)), set(m.group(2) or "")
            for f in on | off:
                if f not in "imsnUJ":
                    raise Unsupported("inline flag (?%s)" % f)
            if rest.startswith("^"):
                off |= {"i"}  # (?^) resets i, m, s, n, x
            flags = ("i" in on, "i" in off)
            if m.group(3) == ":":
                toks.append(("open", flags))
            else:
                toks.append(("flags", flags))
            i += 2 + m.end()
        elif c == ")":
            toks.append(("close",)); i += 1
        elif c == "|":
            toks.append(("alt",)); i += 1
        elif c == "^":
            toks.append(("bol",)); i += 1
        elif c == "$":
            toks.append(("eol",)); i += 1
        elif c == ".":
            toks.append(("any",)); i += 1
        elif c in "*+?" or (c == "{" and re.match(r"\{\d+(?:,\d*)?\}", s[i:])):
            if c == "{":
                q = re.match(r"\{\d+(?:,\d*)?\}", s[i:]).group(0)
            else:
                q = c
            i += len(q)
            lazy = possessive = False
            if i < n and s[i] == "?":
                lazy = True; i += 1
            elif i < n and s[i] == "+":
                possessive = True; i += 1
            if possessive:
                raise Unsupported("possessive quantifier")
            toks.append(("quant", q, lazy))
        elif c == "{" and re.match(r"\{,\d+\}", s[i:]):
            raise Unsupported("{,n} quantifier")
        else:
            toks.append(("lit", ord(c))); i += 1
    return toks


def parse_class(s, i):
    """Parse a [...] class at s[i] == '['; return (("class", negated, items), next index)."""
    n = len(s)
    j = i + 1
    neg = False
    if j < n and s[j] == "^":
        neg = True
        j += 1
    items = []
    first = True
    while True:
        if j >= n:
            raise Unsupported("unterminated class")
        c = s[j]
        if c == "]" and not first:
            j += 1
            break
        first = False
        if c == "[":
            m = re.match(r"\[:(\^?)([a-z]+):\]", s[j:])
            if m:
                if m.group(1):
                    raise Unsupported("negated POSIX class")
                items.append(("posix", m.group(2)))
                j += m.end()
                continue
            if re.match(r"\[[.=]", s[j:]):
                raise Unsupported("collating element")
        # one element (char or class escape), maybe the start of a range
        elem, j = class_elem(s, j)
        if elem[0] == "ch" and j + 1 < n and s[j] == "-" and s[j + 1] != "]":
            hi, j2 = class_elem(s, j + 1)
            if hi[0] == "ch":
                if hi[1] < elem[1]:
                    raise Unsupported("bad range")
                items.append(("range", elem[1], hi[1]))
                j = j2
                continue
        items.append(elem)
    return ("class", neg, items), j


def class_elem(s, j):
    c = s[j]
    if c != "\\":
        return ("ch", ord(c)), j + 1
    if j + 1 >= len(s):
        raise Unsupported("trailing backslash")
    e = s[j + 1]
    if e in CLASS_ESCAPES:
        return ("esc", e), j + 2
    if e == "b":
        return ("ch", 8), j + 2
    if e in SIMPLE_ESCAPES:
        return ("ch", SIMPLE_ESCAPES[e]), j + 2
    if e == "x":
        cp, k = _hexval(s, j + 1)
        return ("ch", cp), k
    if e == "0":
        m = re.match(r"[0-7]{0,2}", s[j + 2:])
        return ("ch", int("0" + m.group(0), 8)), j + 2 + len(m.group(0))
    if e.isalnum():
        raise Unsupported("escape \\%s in class" % e)
    return ("ch", ord(e)), j + 2


def utf8_escapes(cp):
    return "".join("\\x%02X" % b for b in chr(cp).encode("utf-8"))


# ------------------------------------------------------------------------------------------
# ripgrep (Rust regex, --no-unicode)
# ------------------------------------------------------------------------------------------

RG_META = set("\\.+*?()|[]{}^$#&-~")
RG_CLASS_META = set("\\[]^-&~")


def rg_char(cp, in_class=False):
    ch = chr(cp)
    if cp < 32 or cp == 127:
        return "\\x%02X" % cp
    if cp >= 128:
        return utf8_escapes(cp)
    if ch in (RG_CLASS_META if in_class else set("\\.+*?()|[]{}^$")):
        return "\\" + ch
    return ch


def rg_class(neg, items):
    out = []
    wide = []
    for it in items:
        if it[0] == "ch":
            if it[1] >= 128:
                wide.append(it[1])
            else:
                out.append(rg_char(it[1], True))
        elif it[0] == "range":
            if it[2] >= 128:
                raise Unsupported("non-ASCII range")
            out.append(rg_char(it[1], True) + "-" + rg_char(it[2], True))
        elif it[0] == "esc":
            out.append({"h": " \\t", "H": None}.get(it[1], "\\" + it[1]) or _raise("\\H in class"))
        elif it[0] == "posix":
            out.append("[:%s:]" % it[1])
    if wide:
        if neg:
            raise Unsupported("non-ASCII character in a negated class")
        alts = ([("[" + "".join(out) + "]")] if out else []) + [utf8_escapes(cp) for cp in wide]
        return "(?:" + "|".join(alts) + ")"
    if not out:
        raise Unsupported("empty class")
    return "[" + ("^" if neg else "") + "".join(out) + "]"


def _raise(msg):
    raise Unsupported(msg)


def to_rg(regex):
    out = []
    for t in parse(regex):
        k = t[0]
        if k == "lit":
            if t[1] == 10:
                raise Unsupported("literal newline")
            out.append(rg_char(t[1]))
        elif k == "cls_esc":
            out.append({"h": "[ \\t]", "H": "[^ \\t]"}.get(t[1], "\\" + t[1]))
        elif k == "assert":
            out.append("\\" + t[1])
        elif k == "class":
            out.append(rg_class(t[1], t[2]))
        elif k == "open":
            if t[1] is None:
                out.append("(?:")
            else:
                on, off = t[1]
                out.append("(?%s%s:" % ("i" if on else "", "-i" if off else ""))
        elif k == "flags":
            on, off = t[1]
            if on or off:
                out.append("(?%s%s)" % ("i" if on else "", "-i" if off else ""))
        elif k == "close":
            out.append(")")
        elif k == "alt":
            out.append("|")
        elif k == "bol":
            out.append("^")
        elif k == "eol":
            out.append("$")
        elif k == "any":
            out.append(".")
        elif k == "quant":
            out.append(t[1] + ("?" if t[2] else ""))
    return "".join(out)


# ------------------------------------------------------------------------------------------
# POSIX ERE for GNU grep -E in the C locale
# ------------------------------------------------------------------------------------------

ERE_META = set("\\.[()*+?{|^$")


def ere_char(cp, icase):
    if cp in (0, 10):
        raise Unsupported("NUL or newline")
    ch = chr(cp)
    if cp >= 128:
        return ch  # written as UTF-8: a byte sequence in the C locale, matched literally
    if icase and ch.isalpha():
        return "[%s%s]" % (ch.lower(), ch.upper())
    return "\\" + ch if ch in ERE_META else ch


def ere_class(neg, items, icase):
    chars, ranges, posix = set(), [], []
    wide = []
    for it in items:
        if it[0] == "ch":
            cp = it[1]
            if cp in (0, 10):
                raise Unsupported("NUL or newline in class")
            if cp >= 128:
                wide.append(cp)
                continue
            chars.add(cp)
            if icase and chr(cp).isalpha():
                chars.add(ord(chr(cp).swapcase()))
        elif it[0] == "range":
            lo, hi = it[1], it[2]
            if hi >= 128:
                raise Unsupported("non-ASCII range")
            for e in (lo, hi):
                if chr(e) in "[]-^" or e in (0, 10):
                    raise Unsupported("awkward range endpoint")
            ranges.append((lo, hi))
            if icase:
                lo_s, hi_s = chr(lo), chr(hi)
                if lo_s.islower() and hi_s.islower() or lo_s.isupper() and hi_s.isupper():
                    ranges.append((ord(lo_s.swapcase()), ord(hi_s.swapcase())))
                elif any(chr(c).isalpha() for c in range(lo, hi + 1)):
                    raise Unsupported("case-insensitive range across letters and others")
        elif it[0] == "esc":
            e = it[1]
            if e == "d":
                ranges.append((48, 57))
            elif e == "w":
                posix.append("alnum"); chars.add(ord("_"))
            elif e == "s":
                posix.append("space")
            elif e == "h":
                chars.update((32, 9))
            else:
                raise Unsupported("\\%s inside a class" % e)
        elif it[0] == "posix":
            name = it[1]
            if icase and name in ("lower", "upper"):
                name = "alpha"
            posix.append(name)
    if wide and neg:
        raise Unsupported("non-ASCII character in a negated class")
    body = []
    if ord("]") in chars:
        body.append("]")
    for cp in sorted(chars):
        if chr(cp) not in "]^-[":
            body.append(chr(cp))
    for lo, hi in ranges:
        body.append("%s-%s" % (chr(lo), chr(hi)))
    for p in posix:
        body.append("[:%s:]" % p)
    if ord("^") in chars:
        body.append("^")  # never first: "]" or something else precedes it, or it is alone
    if ord("[") in chars:
        body.append("[")
    if ord("-") in chars:
        body.append("-")
    out = None
    if body:
        if body[0] == "^":  # a lone ^ (or ^ first) would negate: move it after another element
            body = body[1:] + ["^"] if len(body) > 1 else None
        if body is None:
            out = "\\^" if not neg else "[^^]"
        else:
            out = "[" + ("^" if neg else "") + "".join(body) + "]"
    if wide:
        alts = ([out] if out else []) + [chr(cp) for cp in wide]
        return "(" + "|".join(alts) + ")"
    if out is None:
        raise Unsupported("empty class")
    return out


def to_ere(regex):
    out = []
    icase = False
    stack = []
    for t in parse(regex):
        k = t[0]
        if k == "lit":
            out.append(ere_char(t[1], icase))
        elif k == "cls_esc":
            out.append({"d": "[0-9]", "D": "[^0-9]", "h": "[[:blank:]]", "H": "[^[:blank:]]"}.get(t[1], "\\" + t[1]))
        elif k == "assert":
            out.append("\\" + t[1])
        elif k == "class":
            out.append(ere_class(t[1], t[2], icase))
        elif k == "open":
            stack.append(icase)
            if t[1] is not None:
                on, off = t[1]
                icase = True if on else False if off else icase
            out.append("(")
        elif k == "flags":
            on, off = t[1]
            icase = True if on else False if off else icase
        elif k == "close":
            if not stack:
                raise Unsupported("unbalanced )")
            icase = stack.pop()
            out.append(")")
        elif k == "alt":
            out.append("|")
        elif k == "bol":
            out.append("^")
        elif k == "eol":
            out.append("$")
        elif k == "any":
            out.append(".")
        elif k == "quant":
            prev = out[-1] if out else ""
            if prev in ("", "(", "|", "^"):
                raise Unsupported("quantifier without operand")
            out.append(t[1])  # lazy or greedy: the same lines match
    return "".join(out)


# ------------------------------------------------------------------------------------------
# Checking translations with the real tools (bisecting to find the ones they reject)
# ------------------------------------------------------------------------------------------

def tool_accepts(cmd, patterns, tmp):
    with open(tmp, "wb") as f:
        f.write(b"".join(p.encode("utf-8") + b"\n" for p in patterns))
    r = subprocess.run(cmd + [tmp], input=b"x\n", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       env=dict(os.environ, LC_ALL="C"))
    return r.returncode in (0, 1) and not r.stderr.strip(), r.stderr.decode("utf-8", "replace").strip()


def rejected(cmd, items, tmp, msgs):
    """Indices (into items: list of (index, pattern)) that the tool rejects, by bisection."""
    if not items:
        return []
    ok, err = tool_accepts(cmd, [p for _, p in items], tmp)
    if ok:
        return []
    if len(items) == 1:
        msgs[items[0][0]] = err.splitlines()[-1][:160] if err else "rejected"
        return [items[0][0]]
    mid = len(items) // 2
    return rejected(cmd, items[:mid], tmp, msgs) + rejected(cmd, items[mid:], tmp, msgs)


def translate_all(name, fn, pats, cmd, tmp, wrap=None):
    kept, why = {}, collections.Counter()
    examples = {}
    for i, (pid, rx) in enumerate(pats):
        try:
            kept[i] = fn(rx)
        except Unsupported as e:
            why[str(e)] += 1
            examples.setdefault(str(e), pid)
    msgs = {}
    items = [(i, wrap % p if wrap else p) for i, p in kept.items()]
    for i in rejected(cmd, items, tmp, msgs):
        why["rejected by %s" % name] += 1
        examples.setdefault("rejected by %s" % name, "%s (%s)" % (pats[i][0], msgs.get(i, "")))
        del kept[i]
    return kept, why, examples


def report(name, total, kept, why, examples):
    line = "%s: %d of %d patterns kept" % (name, len(kept), total)
    if why:
        line += "; skipped: " + ", ".join("%d %s (e.g. %s)" % (n, w, examples[w]) for w, n in why.most_common())
    print(line, file=sys.stderr)


def cmd_prepare(patterns_path, outdir):
    pats = load_patterns(patterns_path)
    os.makedirs(outdir, exist_ok=True)
    tmp = os.path.join(outdir, ".check.txt")
    with open(os.path.join(outdir, "regexes.txt"), "w", encoding="utf-8") as f:
        f.write("".join(rx + "\n" for _, rx in pats))
    counts = {"total": len(pats)}

    rg_kept, why, ex = translate_all("rg", to_rg, pats, ["rg", "--no-unicode", "-c", "-f"], tmp, wrap="(?:%s)")
    report("rg --no-unicode", len(pats), rg_kept, why, ex)
    with open(os.path.join(outdir, "rg.txt"), "w", encoding="utf-8") as f:
        f.write("".join(rg_kept[i] + "\n" for i in sorted(rg_kept)))
    with open(os.path.join(outdir, "rg-wrapped.txt"), "w", encoding="utf-8") as f:
        f.write("".join("(?:%s)\n" % rg_kept[i] for i in sorted(rg_kept)))
    counts["rg"] = len(rg_kept)

    ere_kept, why, ex = translate_all("grep -E", to_ere, pats, ["grep", "-E", "-c", "-f"], tmp)
    report("grep -E (ERE, C locale)", len(pats), ere_kept, why, ex)
    with open(os.path.join(outdir, "ere.txt"), "wb") as f:
        f.write(b"".join(ere_kept[i].encode("utf-8") + b"\n" for i in sorted(ere_kept)))
    counts["ere"] = len(ere_kept)

    py_ok, why, ex = 0, collections.Counter(), {}
    for pid, rx in pats:
        try:
            re.compile(rx)
            py_ok += 1
        except re.error as e:
            why[str(e).split(" at position")[0]] += 1
            ex.setdefault(str(e).split(" at position")[0], pid)
    report("python re", len(pats), range(py_ok), why, ex)
    counts["python"] = py_ok
    os.unlink(tmp)
    with open(os.path.join(outdir, "counts.txt"), "w") as f:
        f.write("".join("%s %d\n" % kv for kv in counts.items()))


def cmd_portable(patterns_path, out):
    """The set as a logscan YAML set whose every regex ripgrep's default engine (--no-unicode)
    accepts as written: the rg rewrite of each (same lines match: escapes spelled out, non-ASCII as
    byte escapes); patterns it cannot take are left out and named on stderr."""
    pats = load_patterns(patterns_path)
    tmp = out + ".check.txt"
    kept, why, ex = translate_all("rg", to_rg, pats, ["rg", "--no-unicode", "-c", "-f"], tmp, wrap="(?:%s)")
    report("rg --no-unicode", len(pats), kept, why, ex)
    if os.path.exists(tmp):
        os.unlink(tmp)
    name = os.path.splitext(os.path.basename(patterns_path))[0]
    lines = [
        "# Generated by Benchmarks/Scripts/peer_patterns.py portable %s: do not edit." % patterns_path,
        "# The same patterns in the syntax ripgrep's default engine accepts, so peers are compared on",
        "# their fast engines; logscan counts the same lines with either file.",
        "name: %s-portable" % name,
        "patterns:",
    ]
    def literal_utf8(match):
        # rg --no-unicode needs non-ASCII as byte escapes, but to PCRE2 in UTF mode \xE2 is the
        # code point U+00E2: written back as the characters, which both read alike.
        raw = bytes(int(h, 16) for h in re.findall(r"\\x([0-9A-Fa-f]{2})", match.group(0)))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return match.group(0)

    for i in sorted(kept):
        regex = re.sub(r"(?<!\\)(?:\\x[89A-Fa-f][0-9A-Fa-f])+", literal_utf8, kept[i])
        lines.append("  - id: %s" % pats[i][0])
        lines.append("    regex: '%s'" % regex.replace("'", "''"))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def cmd_sample(plain_dir, nbytes, out):
    """About nbytes of the plain corpus: whole files in a fixed pseudo-random order (so every
    kind of log is represented, not just the first directory), the last one cut at a line end."""
    nbytes = int(nbytes)
    paths = []
    for root, dirs, files in os.walk(plain_dir):
        paths.extend(os.path.join(root, f) for f in files)
    paths.sort(key=os.fsencode)
    random.Random(0).shuffle(paths)
    got = 0
    with open(out, "wb") as w:
        for p in paths:
            with open(p, "rb") as f:
                data = f.read(nbytes - got)
            if got + len(data) >= nbytes:
                cut = data.rfind(b"\n") + 1
                data = data[:cut] if cut > 0 else data
                w.write(data)
                got += len(data)
                break
            if data and not data.endswith(b"\n"):
                data += b"\n"
            w.write(data)
            got += len(data)
    print(got)


def cmd_pyloop(patterns_path, sample, out):
    """All patterns on every line, the way Python log classifiers do it."""
    pats = []
    for pid, rx in load_patterns(patterns_path):
        try:
            pats.append((pid, re.compile(rx)))
        except re.error:
            pass
    counts = [0] * len(pats)
    compiled = [p.search for _, p in pats]
    with open(sample, encoding="utf-8", errors="replace") as f:
        for line in f:
            for i, search in enumerate(compiled):
                if search(line):
                    counts[i] += 1
    with open(out, "w") as w:
        for (pid, _), c in zip(pats, counts):
            if c:
                w.write("%s\t%d\n" % (pid, c))


def main(argv):
    if len(argv) >= 2 and argv[1] == "prepare" and len(argv) == 4:
        cmd_prepare(argv[2], argv[3])
    elif len(argv) >= 2 and argv[1] == "sample" and len(argv) == 5:
        cmd_sample(argv[2], argv[3], argv[4])
    elif len(argv) >= 2 and argv[1] == "portable" and len(argv) == 4:
        cmd_portable(argv[2], argv[3])
    elif len(argv) >= 2 and argv[1] == "pyloop" and len(argv) == 5:
        cmd_pyloop(argv[2], argv[3], argv[4])
    else:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
