#!/usr/bin/env python3
"""Deterministic generator of large, realistic CI-failure-like regex sets for logscan benchmarks.

    python3 Benchmarks/Scripts/generate_patterns.py --count 10000 --seed 1 --out FILE.yaml
                                                    [--frequent 0.03]

The set exercises a multi-pattern engine with what curated failure sets look like at scale:
exception and error class names, `\\d+` codes, alternations of words, `(?i)`, `\\b`, character
classes, `^`-anchored lines, and `.*` between two literals.  Every regex is distinct, compiles
with Python `re`, cannot match the empty string, and uses only syntax that PCRE2, ripgrep's
default engine and (after the usual PCRE->ERE rewrite) GNU grep -E all accept: no lookaround,
no backreferences, no atomic groups or possessive quantifiers, `(?i)` only at the start.

Most patterns are built from failure vocabulary and match rarely, or never, in the corpus that
generate_corpus.py writes (tag `rare`); a fraction (--frequent, default 3%) is built from the
corpus's everyday lines (go test RUN/PASS lines, klog, Maven downloads, Gradle tasks, ...)
and matches often (tag `frequent`).  Output depends only on the arguments (random.Random).
Python 3.11, stdlib only.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys

# Vocabulary shared with generate_corpus.py (component names that do occur in its logs) ...
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_corpus import GO_ORGS, GO_REPOS, JAVA_ARTS, JAVA_GROUPS, WORDS  # noqa: E402

# ... and names of its own.
GRADLE_TASKS = ["compileJava", "processResources", "classes", "jar", "test", "compileTestJava",
                "checkstyleMain", "javadoc"]
PY_PKGS = ["numpy", "pandas", "requests", "urllib3", "torch", "pytest", "scipy", "yaml",
           "jinja2", "click", "attrs", "packaging", "protobuf", "grpc", "boto3", "botocore"]

# ... and failure vocabulary, which mostly does not.
FAIL_VERBS = ["sync", "reconcile", "fetch", "resolve", "mount", "attach", "schedule", "provision",
              "allocate", "acquire", "renew", "rotate", "validate", "decode", "encode", "parse",
              "serialize", "upload", "download", "connect", "authenticate", "authorize",
              "register", "deregister", "drain", "evict", "scale", "rollout", "migrate",
              "compact", "replicate", "checkpoint", "restore", "publish", "subscribe", "flush",
              "commit", "rollback", "lock", "unlock", "initialize", "bootstrap", "probe"]
FAIL_STATES = ["failed", "timed out", "refused", "denied", "rejected", "aborted", "crashed",
               "panicked", "exceeded", "exhausted", "corrupted", "missing", "invalid",
               "unavailable", "unreachable", "stalled", "hung", "throttled", "expired",
               "mismatched", "truncated", "deadlocked", "orphaned", "leaked"]
FAIL_NOUNS = ["timeout", "failure", "error", "conflict", "mismatch", "overflow", "underflow",
              "corruption", "leak", "deadlock", "starvation", "exhaustion", "violation",
              "rejection", "outage", "crash", "stall", "backoff", "regression", "divergence"]
CLASS_SUFFIXES = ["Exception", "Error", "Failure", "Fault", "TimeoutException",
                  "RejectedException", "NotFoundException", "ConflictError", "LimitExceeded",
                  "Unavailable"]
PY_EXC = ["Error", "Exception", "Timeout", "Warning", "Failure"]
PKG_ROOTS = ["com.example", "org.example", "io.example", "net.example", "com.acme", "org.acme",
             "io.internal", "com.corp"]
CODE_PREFIXES = ["E", "ERR", "ERROR", "EX", "F", "W", "CI", "BLD", "DEP", "NET", "K8S", "IO",
                 "AUTH", "DB", "Q", "RT", "SCM", "PKG", "TST", "GPU"]
UNITS = ["ms", "s", "m", "h"]
LEVELS = ["ERROR", "FATAL", "CRITICAL", "SEVERE", "PANIC", "ALERT", "EMERG"]
HTTP_ERRS = ["500", "502", "503", "504", "429", "409", "403", "401", "404", "422", "507", "508"]
SIGNALS = ["SIGSEGV", "SIGABRT", "SIGBUS", "SIGILL", "SIGFPE", "SIGKILL", "SIGTERM", "SIGPIPE",
           "SIGXCPU", "SIGSYS"]
PROTOCOLS = ["grpc", "http2", "tls", "tcp", "udp", "quic", "websocket", "amqp", "mqtt", "kafka"]


def cap(w):
    return w[:1].upper() + w[1:]


def camel(rng, n):
    return "".join(cap(rng.choice(WORDS)) for _ in range(n))


def esc(s):
    """Escape a literal for PCRE2 (only metacharacters: the result stays valid for rg and ERE)."""
    return "".join("\\" + c if c in "\\.^$|?*+()[]{}" else c for c in s)


def alt(rng, words, lo=2, hi=4, escape=True):
    k = min(len(words), rng.randint(lo, hi))
    picked = [esc(w) if escape else w for w in rng.sample(words, k)]
    return picked[0] if k == 1 else "(?:%s)" % "|".join(picked)


def num(rng):
    return rng.choice([r"\d+", r"\d{2,}", r"\d{3}", r"\d{4}", r"[0-9]+", r"\d{1,5}", r"[1-9]\d*"])


def word_re(w):
    return r"\b%s\b" % esc(w)


# ----------------------------------------------------------------------------------------
# Rare families: failure-like text the generated corpus (almost) never contains
# ----------------------------------------------------------------------------------------

def r_java_exception(rng):
    root = rng.choice(PKG_ROOTS)
    cls = camel(rng, rng.randint(1, 2)) + rng.choice(CLASS_SUFFIXES)
    form = rng.random()
    if form < 0.4:
        return r"\b%s\.%s\.%s\b" % (esc(root), rng.choice(WORDS), cls)
    if form < 0.7:
        return r"\b%s\.\w+\.%s\b" % (esc(root), cls)
    return r"(?:Caused by|Exception in thread \S+): [\w.$]*\b%s\b" % cls


def r_py_exception(rng):
    cls = camel(rng, rng.randint(1, 2)) + rng.choice(PY_EXC)
    if rng.random() < 0.5:
        return r"\b%s\.(?:\w+\.)*%s: " % (rng.choice(PY_PKGS), cls)
    return r"(?:^|\s)(?:E\s+)?%s: .*\b%s\b" % (cls, rng.choice(WORDS + FAIL_VERBS))


def r_error_code(rng):
    p = rng.choice(CODE_PREFIXES)
    form = rng.random()
    if form < 0.35:
        return r"\b%s[-_]%s\d{%d}\b" % (p, rng.choice(["", cap(rng.choice(WORDS)).upper() + "_"]), rng.randint(3, 5))
    if form < 0.7:
        return r"\b%s%d\d{%d}: %s" % (p, rng.randint(1, 9), rng.randint(2, 3), esc(rng.choice(FAIL_VERBS)))
    return r"\[%s-%s\] %s" % (p, num(rng), alt(rng, FAIL_STATES))


def r_verb_phrase(rng):
    lead = rng.choice(["failed to", "unable to", "could not", "cannot", "error while trying to",
                       "gave up trying to", "refusing to", "timed out trying to"])
    return r"\b%s %s (?:the )?%s\b" % (esc(lead), alt(rng, FAIL_VERBS, 2, 4), alt(rng, WORDS, 1, 3))


def r_state_phrase(rng):
    return r"\b%s %s (?:is |was |has been )?%s\b" % (esc(rng.choice(WORDS)), alt(rng, WORDS, 1, 3),
                                                      alt(rng, FAIL_STATES, 2, 4))


def r_case_insensitive(rng):
    form = rng.random()
    if form < 0.5:
        return r"(?i)\b%s %s\b" % (alt(rng, WORDS, 1, 3), alt(rng, FAIL_NOUNS, 1, 3))
    return r"(?i)\b%s (?:has )?%s after %s ?%s\b" % (esc(rng.choice(WORDS)), alt(rng, FAIL_STATES, 1, 2),
                                                     num(rng), alt(rng, UNITS, 1, 3))


def r_level_line(rng):
    return r"\[%s\] [A-Z][a-z]+\w* %s (?:after|in) \d+(?:\.\d+)? ?%s\b" % (
        alt(rng, LEVELS, 1, 3), alt(rng, FAIL_STATES, 1, 3), alt(rng, UNITS, 1, 4))


def r_anchored(rng):
    form = rng.random()
    if form < 0.3:
        return r"^%s[: ] .*\b%s\b" % (alt(rng, LEVELS, 1, 3), esc(rng.choice(WORDS)))
    if form < 0.55:
        return r"^\s*at [\w.$]+\.%s\w*\.\w+\(" % camel(rng, rng.randint(1, 2))
    if form < 0.8:
        return r"^E\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ %s\.go:\d+\] .*%s" % (
            esc(rng.choice(WORDS) + "_" + rng.choice(WORDS)), alt(rng, FAIL_STATES, 1, 2))
    return r"^(?:\S+ )?%s: %s " % (esc(rng.choice(FAIL_VERBS)), alt(rng, FAIL_NOUNS, 1, 3))


def r_two_literals(rng):
    a = rng.choice(WORDS + FAIL_VERBS)
    b = rng.choice(FAIL_STATES + FAIL_NOUNS)
    form = rng.random()
    if form < 0.5:
        return r"%s.*%s" % (word_re(a), word_re(b))
    return r"%s=%s.*\b%s\b" % (esc(rng.choice(["component", "controller", "step", "stage", "job", "task"])),
                               esc(a), esc(b))


def r_http(rng):
    return r"\b%s\b.*\b(?:status|code|HTTP)[=: ]+%s\b" % (esc(rng.choice(WORDS)), alt(rng, HTTP_ERRS, 1, 3, escape=False))


def r_go_path(rng):
    return r"\bgithub\.com/%s/%s/pkg/%s/\w+\.go:\d+: .*%s" % (
        esc(rng.choice(GO_ORGS)), esc(rng.choice(GO_REPOS)), rng.choice(WORDS), alt(rng, FAIL_STATES, 1, 3))


def r_exit_code(rng):
    codes = rng.sample(list(range(2, 140)) + [143, 255], rng.randint(1, 3))
    return r"\b%s (?:exited|terminated|failed) with (?:exit )?(?:code|status) (?:%s)\b" % (
        esc(rng.choice(WORDS + ["process", "container", "script", "step", "command"])),
        "|".join(str(c) for c in sorted(codes)))


def r_signal(rng):
    return r"\b%s\b.*\b(?:received|caught|killed by) %s\b" % (esc(rng.choice(WORDS)), alt(rng, SIGNALS, 1, 3))


def r_protocol(rng):
    return r"\b%s: %s (?:to|from) [\w.-]+:\d+ %s" % (
        alt(rng, PROTOCOLS, 1, 2), alt(rng, ["connection", "stream", "session", "handshake", "dial", "read", "write"], 1, 2),
        alt(rng, FAIL_STATES, 1, 3))


def r_resource(rng):
    return r"\b%s %s (?:limit|quota|budget) (?:of )?\d+(?:\.\d+)? ?(?:[KMGT]i?B?|%%|cores?)? %s\b" % (
        esc(rng.choice(WORDS)), alt(rng, ["memory", "cpu", "disk", "inode", "pid", "fd", "gpu", "ephemeral-storage"], 1, 2),
        alt(rng, ["exceeded", "reached", "exhausted", "violated"], 1, 2))


def r_charclass(rng):
    return r"\b%s-[0-9a-f]{%d,%d} %s\b" % (esc(rng.choice(WORDS)), rng.randint(4, 6), rng.randint(7, 12),
                                          alt(rng, FAIL_STATES, 1, 3))


def r_seen_failure(rng):
    """Failure lines of the kind the corpus's failing logs carry, narrowed by a component word:
    these match now and then (a few lines per 1,000 files), as curated patterns do."""
    w = alt(rng, WORDS, 1, 2)
    return rng.choice([
        lambda: r"\bfailed to (?:list|watch|update|get) %s/\w+: context deadline exceeded" % w,
        lambda: r"failed waiting for %s: context deadline exceeded" % w,
        lambda: r'\bFailed to pull image "quay\.io/%s/%s:' % (esc(rng.choice(GO_ORGS)), w),
        lambda: r'Back-off pulling image "quay\.io/\S+/%s"' % w,
        lambda: r"\bAttributeError: 'NoneType' object has no attribute '%s'" % w,
        lambda: r"\bKeyError: '%s'" % w,
        lambda: r"^FAILED tests/%s/test_\w+\.py::test_\w+ - " % w,
        lambda: r"--- FAIL: Test%s\w* \(" % alt(rng, [cap(x) for x in WORDS], 1, 2),
        lambda: r"\bat com\.example\.%s\.\w+\.\w+\(\w+\.java:\d+\)" % w,
        lambda: r"(?i)\bexecution failed for task ':%s:test'" % w,
        lambda: r"\bnpm ERR! %s@\d+\.\d+\.\d+ (?:build|test): " % w,
        lambda: r"^%s-[0-9a-f]{9}-[0-9a-f]{5} +0/1 +CrashLoopBackOff\b" % w,
        lambda: r"\b(?:Running|Step) %s-\S+ failed\b" % alt(rng, ["e2e-aws", "e2e-gcp", "e2e-azure", "unit", "verify",
                                                                      "images", "lint", "integration", "e2e-upgrade"], 1, 2),
    ])()


RARE = [
    (10, "seen-failure", r_seen_failure),
    (12, "java-exception", r_java_exception),
    (8, "python-exception", r_py_exception),
    (9, "error-code", r_error_code),
    (12, "verb-phrase", r_verb_phrase),
    (8, "state-phrase", r_state_phrase),
    (7, "case-insensitive", r_case_insensitive),
    (6, "level-line", r_level_line),
    (7, "anchored", r_anchored),
    (8, "two-literals", r_two_literals),
    (4, "http-status", r_http),
    (5, "go-path", r_go_path),
    (5, "exit-code", r_exit_code),
    (3, "signal", r_signal),
    (3, "protocol", r_protocol),
    (3, "resource-limit", r_resource),
    (4, "charclass", r_charclass),
]


# ----------------------------------------------------------------------------------------
# Frequent families: everyday lines of the generated corpus
# ----------------------------------------------------------------------------------------

def f_go_run(rng):
    return r"=== RUN\s+Test%s\w*" % alt(rng, [cap(w) for w in WORDS], 1, 3)


def f_go_pass(rng):
    return r"--- PASS: Test%s\w* \(\d+\.\d+s\)" % alt(rng, [cap(w) for w in WORDS], 1, 3)


def f_go_ok(rng):
    return r"^ok\s+github\.com/%s/%s/" % (esc(rng.choice(GO_ORGS)), esc(rng.choice(GO_REPOS)))


def f_klog(rng):
    return r"^I\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \w+\.go:\d+\] .*\b%s\b" % alt(rng, WORDS, 1, 2)


def f_maven(rng):
    return r"\[INFO\] Download(?:ing|ed) from central: .*/%s/" % alt(rng, JAVA_ARTS, 1, 2)


def f_gradle(rng):
    return r"^> Task :%s:%s" % (alt(rng, WORDS, 1, 3), alt(rng, GRADLE_TASKS, 1, 3))


def f_step(rng):
    return r"(?i)\bstep: %s\b" % alt(rng, ["creating", "waiting for", "deleting", "verifying", "destroying namespace",
                                           "building a namespace api object", "creating a kubernetes client"], 1, 2)


def f_word_pair(rng):
    return r"\b%s\b.*\b%s\b" % (esc(rng.choice(WORDS)), esc(rng.choice(WORDS)))


def f_pytest(rng):
    return r"\btests/%s/test_\w+\.py\b" % alt(rng, WORDS, 1, 3)


FREQUENT = [
    (3, "go-run", f_go_run),
    (2, "go-pass", f_go_pass),
    (2, "go-ok", f_go_ok),
    (2, "klog", f_klog),
    (2, "maven-download", f_maven),
    (2, "gradle-task", f_gradle),
    (1, "ginkgo-step", f_step),
    (3, "word-pair", f_word_pair),
    (2, "pytest-path", f_pytest),
]

# lookahead/lookbehind, atomic groups, branch reset, backreferences, possessive quantifiers
FORBIDDEN = re.compile(r"\(\?(?:[=!>|]|<[=!])|\\[1-9]|\\[gk][<{'\d-]|(?<!\\)[*+?}]\+")


def valid(regex):
    """Compiles with Python re, cannot match the empty string, uses no unsupported constructs."""
    if FORBIDDEN.search(regex) or "(?i)" in regex[1:]:
        return False
    try:
        rx = re.compile(regex)
    except re.error:
        return False
    return rx.search("") is None


def generate(count, seed, frequent_share):
    rng = random.Random(seed)
    n_freq = round(count * frequent_share)
    plan = ["frequent"] * n_freq + ["rare"] * (count - n_freq)
    random.Random(seed + 1).shuffle(plan)
    seen = set()
    out = []
    for kind in plan:
        fams = FREQUENT if kind == "frequent" else RARE
        weights = [w for w, _, _ in fams]
        for attempt in range(10_000):
            _, fam, fn = rng.choices(fams, weights=weights)[0]
            regex = fn(rng)
            if regex not in seen and valid(regex):
                break
        else:
            raise SystemExit("generate_patterns: could not find a new distinct %s pattern after 10000 tries "
                             "(the %s families are exhausted; lower --count or --frequent)" % (kind, kind))
        seen.add(regex)
        out.append((kind, fam, regex))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--frequent", type=float, default=0.03, help="share of often-matching patterns (default 0.03)")
    ap.add_argument("--out", required=True, help="output YAML pattern set")
    a = ap.parse_args()
    if a.count < 1 or not 0 <= a.frequent <= 1:
        ap.error("--count must be >= 1 and --frequent in [0, 1]")

    pats = generate(a.count, a.seed, a.frequent)
    width = len(str(a.count))
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        # Written by hand (not yaml.dump) so the script stays stdlib-only; single-quoted YAML
        # scalars need only '' for a quote and keep backslashes as they are.
        f.write("# Generated by Benchmarks/Scripts/generate_patterns.py --count %d --seed %d --frequent %g; do not edit.\n"
                % (a.count, a.seed, a.frequent))
        f.write("name: generated-%d-seed%d\n" % (a.count, a.seed))
        f.write("description: >-\n  %d synthetic CI-failure-like regexes (%d built to match often, the rest rarely)\n"
                "  for multi-pattern engine benchmarks; not a curated set.\n" % (a.count, sum(k == "frequent" for k, _, _ in pats)))
        f.write("patterns:\n")
        for i, (kind, fam, regex) in enumerate(pats, 1):
            q = regex.replace("'", "''")
            f.write("  - id: gen-%0*d\n    regex: '%s'\n    description: generated %s pattern (%s)\n    tags: [generated, %s, %s]\n"
                    % (width, i, q, fam, kind, kind, fam))
    fams = {}
    for kind, fam, _ in pats:
        fams[(kind, fam)] = fams.get((kind, fam), 0) + 1
    print("generate_patterns: %d patterns (%d frequent, %d rare) -> %s; families: %s"
          % (len(pats), sum(k == "frequent" for k, _, _ in pats), sum(k == "rare" for k, _, _ in pats), a.out,
             ", ".join("%s %d" % (f, n) for (k, f), n in sorted(fams.items()))), file=sys.stderr)


if __name__ == "__main__":
    main()
