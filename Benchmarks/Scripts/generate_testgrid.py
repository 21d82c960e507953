#!/usr/bin/env python3
"""Deterministic, seeded generator of synthetic TestGrid JSON for logscan tests and benchmarks.

    python3 Benchmarks/Scripts/generate_testgrid.py --out dump.json.gz --size 500MB [--seed 1]
                                                    [--shape dump|table] [--columns 80]
    python3 Benchmarks/Scripts/generate_testgrid.py --out tiny.json --tiny      # ~200KB

Writes what the TestGrid JSON API serves, shaped like the real table in
shared/realdata/testgrid (Go's encoding/json: compact, raw UTF-8, `<>&` escaped as \\u003c..):

  * --shape table: one table (one dashboard tab): test-group-name, query, status, phase-timer,
    ..., changelists, column_ids, custom-columns, groups, metrics, tests, row_ids, timestamps
    (ms, newest first), clusters, test_id_map, ... overall-status, in the real key order.
  * --shape dump (default): {dashboard: {tab: table}}, several dashboards of several tabs;
    about one tab in five carries its rows under "grid" instead of "tests".

Rows are {name, original-name, alert, linked_bugs, messages, short_texts, statuses, target}.
`statuses` is run-length encoded ([{"count": n, "value": v}], one value per column, TestGrid
TestStatus codes 0-15); `messages` and `short_texts` are SPARSE like the real API: one entry
per cell whose value is not 0 (NO_RESULT), in column order.  Passing cells get "", failing,
flaky, timed-out... cells a failure message: the `match` examples of
patterns/ci-failures.yaml (so the patterns do match), ginkgo/gomega and go test failures,
panics with goroutine dumps, timeouts, monitor events, and long (KB) junit outputs; some
multi-line, with tabs, quotes, backslashes, non-ASCII (written raw or as \\u escapes,
emoji as surrogate pairs).  Never ESC, CR or lone surrogates.  Alerts and clusters carry
failure-like text too (text a scanner of names/messages must not count).  The first tab has
one row with every status code and every odd spelling, so even --tiny output covers them.

--size is the target of UNCOMPRESSED bytes (suffixes KB MB GB = 10^n, KiB MiB GiB = 2^n);
the file ends within about one row of it.  An --out ending in .gz is gzip'd, by default at
compresslevel 1 for speed (500 MB: ~4 s and 95 MB at level 1, ~7.5 s and 77 MB at level 6;
--gzip-level to change it), mtime=0, no file name.
Output depends only on the arguments and on patterns/ci-failures.yaml (read for examples;
--examples to point elsewhere): same inputs, byte-identical output.  Python 3.11, stdlib only.

Speed: rows are assembled from pools of pre-serialized pieces (names, message lists, status
runs), so the document is streamed in ~4 MB writes and never held in memory.
"""

from __future__ import annotations


import argparse
import gzip
import json
import os
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_corpus import WORDS, parse_size  # noqa: E402  (one vocabulary and size syntax for every generator)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EXAMPLES = ROOT / "patterns" / "ci-failures.yaml"
CHUNK = 4 << 20

# TestGrid TestStatus codes
NO_RESULT, PASS, PASS_WITH_ERRORS, PASS_WITH_SKIPS, RUNNING = 0, 1, 2, 3, 4
CATEGORIZED_ABORT, UNKNOWN, CANCEL, BLOCKED, TIMED_OUT = 5, 6, 7, 8, 9
CATEGORIZED_FAIL, BUILD_FAIL, FAIL, FLAKY, TOOL_FAIL, BUILD_PASSED = 10, 11, 12, 13, 14, 15

# ----------------------------------------------------------------------------------------
# JSON encoding
# ----------------------------------------------------------------------------------------


def go_json(obj) -> str:
    """Compact JSON the way Go's encoding/json writes it (raw UTF-8, HTML characters escaped)."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# Several valid spellings of one JSON string that a reader must all accept.
SPELLINGS = [
    lambda s: json.dumps(s, ensure_ascii=False),                      # raw UTF-8
    lambda s: json.dumps(s),                                          # \u00e9, emoji as \ud83d\ude80
    go_json,                                                          # Go: \u003c \u003e \u0026
    lambda s: json.dumps(s, ensure_ascii=False).replace("/", "\\/"),  # legal "\/", PHP-style
]


def enc_str(rng, s: str) -> bytes:
    return rng.choices(SPELLINGS, weights=[70, 15, 12, 3])[0](s).encode("utf-8")


# ----------------------------------------------------------------------------------------
# Examples from the pattern set (tiny reader for its one-line quoted scalars; no PyYAML)
# ----------------------------------------------------------------------------------------

def load_examples(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """[(example line, tags)] for every `examples.match` entry of a logscan pattern YAML."""
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return out
    tags: tuple[str, ...] = ()
    pending: list[str] = []
    in_match = False
    match_indent = 0

    def flush():
        out.extend((e, tags) for e in pending)
        pending.clear()

    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if stripped.startswith("- id:"):
            flush()
            tags, in_match = (), False
            continue
        if stripped.startswith("tags:"):
            m = re.match(r"tags:\s*\[(.*)\]", stripped)
            tags = tuple(t.strip() for t in m.group(1).split(",")) if m else ()
            continue
        if stripped == "match:":
            in_match, match_indent = True, indent
            continue
        if in_match:
            if stripped.startswith("- ") and indent > match_indent:
                v = stripped[2:].strip()
                try:
                    if v.startswith("'") and v.endswith("'") and len(v) >= 2:
                        pending.append(v[1:-1].replace("''", "'"))
                    elif v.startswith('"') and v.endswith('"') and len(v) >= 2:
                        pending.append(json.loads(v))   # YAML double quotes: JSON escapes here
                except ValueError:
                    pass
            elif stripped:
                in_match = False
    flush()
    # one cell is one line of text to logscan; keep single-line, printable examples only
    return [(e, t) for e, t in out if e and not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", e)]


FALLBACK_EXAMPLES = [
    ("Last State: Terminated, Reason: OOMKilled", ("resources", "oom")),
    ("panic: test timed out after 10m0s", ("timeout", "go")),
    ("dial tcp: lookup api.example.com on 10.0.0.10:53: no such host", ("network", "dns")),
    ("x509: certificate has expired or is not yet valid", ("tls", "network")),
    ("--- FAIL: TestReconcile (0.12s)", ("test-failure", "go")),
    ("error: failed to push some refs to 'origin'", ("git",)),
]

# ----------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------

SIGS = ["sig-network", "sig-storage", "sig-apps", "sig-node", "sig-cli", "sig-auth", "sig-arch",
        "sig-api-machinery", "sig-instrumentation", "sig-scheduling", "sig-cluster-lifecycle"]
FEATURES = ["[Feature:DeploymentConfig]", "[Feature:Builds]", "[Feature:Platform]", "[Feature:Image]",
            "[Feature:Prometheus]", "[Feature:Router]", "[Feature:OpenShiftAuthorization]",
            "[Area:Networking]", "[Feature:SCC]", "[Feature:ImageLookup]", "[Feature:Etcd]"]
CONTEXTS = ["Services", "DNS", "Networking Granular Checks: Pods", "Networking Granular Checks: Services",
            "Kubectl client Kubectl run pod", "Kubectl client Kubectl client-side validation",
            "In-tree Volumes [Driver: gcepd] [Testpattern: Dynamic PV (default fs)] subPath",
            "In-tree Volumes [Driver: local][LocalVolumeType: dir-link] [Testpattern: Pre-provisioned PV (default fs)] volumes",
            "CSI mock volume CSI workload information using mock driver", "Downward API volume",
            "ResourceQuota", "AdmissionWebhook [Privileged:ClusterAdmin]", "CustomResourceDefinition resources [Privileged:ClusterAdmin]",
            "Pods", "Container Runtime blackbox test on terminated container", "Probing container",
            "EmptyDir volumes", "ConfigMap", "Secrets", "Deployment", "StatefulSet Basic StatefulSet functionality [StatefulSetBasic]",
            "DisruptionController", "Job", "CronJob", "NetworkPolicy [LinuxOnly] NetworkPolicy between server and client",
            "Conntrack", "HostPort", "SchedulerPredicates [Serial]", "PersistentVolumes-local  [Volume type: block]",
            "Kubelet when scheduling a busybox command in a pod", "Managed cluster should", "Prometheus when installed on the cluster",
            "oc adm must-gather", "build with empty source", "The HAProxy router", "Internal connectivity", "an end user use OLM",
            "deploymentconfigs adoption", "multicast when using one of the plugins 'redhat/openshift-ovs-multitenant'",
            "authorization  TestAuthorizationSubjectAccessReviewAPIGroup", "etcd", "node client cert requests armoring:"]
SHOULDS = ["should serve a basic endpoint from pods", "should provide DNS for services", "should be able to change the type from ExternalName to ClusterIP",
           "should have no crashlooping pods in core namespaces over two minutes", "should report termination message from log output if TerminationMessagePolicy FallbackToLogsOnError is set",
           "should support file as subpath", "should create a ResourceQuota and capture the life of a secret.", "should not change condition/Degraded",
           "should function for pod-Service: udp", "should allow ingress access on one named port", "should be updated",
           "should orphan pods created by rc if delete options say so", "should run a job to completion when tasks sometimes fail and are locally restarted",
           "should have monitoring rules", "should start and report healthy", "should block an eviction until the PDB is updated to allow it",
           "should be able to unmount after the subpath directory is deleted", "will orphan all RCs and adopt them back when recreated",
           "should store data", "should include webhook resources in discovery documents", "should run even if it has no access to update status",
           "leader changes are not excessive", "is allowed", "should succeed", "should prune completed builds based on the successfulBuildsHistoryLimit setting"]
TAGS = ["[Conformance]", "[Serial]", "[Slow]", "[Disruptive]", "[LinuxOnly]", "[NodeConformance]", "[Early]",
        "[Skipped:Network/OVNKubernetes]", "[Feature:NetworkPolicy]", "[apigroup:apps.openshift.io]"]
SUITES = ["[Suite:openshift/conformance/parallel]", "[Suite:openshift/conformance/parallel] [Suite:k8s]",
          "[Suite:openshift/conformance/parallel/minimal] [Suite:k8s]", "[Suite:openshift/conformance/serial]",
          "[Suite:openshift/conformance/parallel/minimal]"]
GO_MODULES = ["k8s.io/kubernetes/pkg/kubelet", "k8s.io/kubernetes/pkg/controller/endpoint", "k8s.io/apiserver/pkg/storage/etcd3",
              "github.com/openshift/origin/pkg/cmd/openshift-apiserver", "github.com/openshift/installer/pkg/asset/tls",
              "github.com/openshift/machine-config-operator/pkg/daemon", "sigs.k8s.io/controller-runtime/pkg/client",
              "github.com/openshift/ci-tools/pkg/steps", "k8s.io/client-go/tools/cache", "github.com/prometheus/client_golang/prometheus"]
ODD_SUBTESTS = ["café", "日本語_path", "naïve_résumé", "emoji_🚀_launch", "escaped_\"quote\"", "C:\\temp\\dir",
                "tab\there", "ümlaut-ß", "Ωmega"]
OPERATOR_ROWS = ["operator.Run template e2e-{p} - e2e-{p}{v} container test", "operator.Run template e2e-{p} - e2e-{p}{v} container setup",
                 "operator.Run template e2e-{p} - e2e-{p}{v} container teardown", "operator.Create the release image containing all images built by this job",
                 "operator.Find all of the input images from ocp/4.{m}:${{component}} and tag them into the output image stream",
                 "operator.All images are built and tagged into stable", "operator.Import the release payload \"latest\" from an external source",
                 "operator.Run multi-stage test e2e-{p}{v} - e2e-{p}{v}-ipi-install-install container test",
                 "Monitor cluster while tests execute", "[sig-arch] Monitor cluster while tests execute",
                 "Cluster upgrade should maintain a functioning cluster [Feature:ClusterUpgrade] [Suite:openshift] [Serial]"]
K8S_ROWS = ["kubetest.Up", "kubetest.Test", "kubetest.DumpClusterLogs", "kubetest.Down", "kubetest.Extract",
            "Kubernetes e2e suite.[SynchronizedBeforeSuite]", "Kubernetes e2e suite.[SynchronizedAfterSuite]"]
PLATFORMS = ["aws", "gcp", "azure", "metal-ipi", "vsphere", "openstack", "ovirt"]
VARIANTS = ["", "-rt", "-ovn", "-serial", "-upgrade", "-fips", "-proxy", "-sdn"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def hexs(rng, n):
    return "%0*x" % (n, rng.getrandbits(4 * n))


def camel(rng, n=2):
    return "".join(rng.choice(WORDS).capitalize() for _ in range(n))


def snake(rng, n=2):
    return "_".join(rng.choice(WORDS) for _ in range(n))


def go_src(rng):
    return "github.com/openshift/origin/test/extended/%s/%s.go:%d" % (rng.choice(WORDS), snake(rng), rng.randint(20, 2400))


def stamp(rng):
    return "%s %02d %02d:%02d:%02d.%03d" % (rng.choice(MONTHS), rng.randint(1, 28), rng.randint(0, 23),
                                           rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999))


# ----------------------------------------------------------------------------------------
# Failure messages
# ----------------------------------------------------------------------------------------

class Messages:
    """Pools of failure texts by kind, each pre-encoded as JSON string literals."""

    def __init__(self, rng: random.Random, examples, scale: float):
        self.rng = rng
        self.ex_all = [e for e, _ in examples]

        def by_tag(*want):
            got = [e for e, t in examples if any(w in t for w in want)]
            return got or self.ex_all

        self.ex_timeout = by_tag("timeout")
        self.ex_build = by_tag("build", "compile", "js")
        self.ex_infra = by_tag("infra", "ci", "gha", "quota", "rate-limit", "registry", "image", "docker", "git")
        self.ex_test = by_tag("test-failure", "panic", "crash", "race", "sanitizer", "oom", "resources", "network", "k8s")

        def n(k):
            return max(20, int(k * scale))

        self.fail = self._pool(n(3000), self.fail_text)
        # every odd spelling at least once, even in --tiny output
        self.specials = [SPELLINGS[sp](text).encode("utf-8") for text, sp in self.special_texts()]
        for i, m in enumerate(self.specials):
            self.fail[i % len(self.fail)] = m
        self.timeout = self._pool(n(300), self.timeout_text)
        self.build = self._pool(n(300), self.build_text)
        self.tool = self._pool(n(200), self.tool_text)
        self.flaky = self._pool(n(600), lambda r: self.flaky_prefix(r) + self.fail_text(r))
        self.warn = self._pool(60, lambda r: "passed with errors: %s" % r.choice(self.ex_all))
        self.abort = self._pool(40, lambda r: r.choice(["Job aborted: ", "Build was aborted: ", "Aborted by prow: "]) + r.choice(self.ex_infra + ["newer commit pushed", "job was superseded"]))
        self.cancel = self._pool(20, lambda r: r.choice(["Job was cancelled by a newer run", "Cancelled: the PR was updated (%s)" % hexs(r, 7),
                                                          "cancelled after %dm0s" % r.randint(5, 240)]))
        self.blocked = self._pool(20, lambda r: "Blocked by failing dependency %s" % r.choice(["job.initialize", "operator.Run template e2e-aws - e2e-aws container setup", "kubetest.Up", "[sig-arch] Monitor cluster while tests execute"]))
        self.running = [b'"Build still running..."', b'"running"', b'""']
        self.unknown = [b'""', b'"Unknown result"', b'"no junit result recorded"']
        self.overall = self._pool(n(200), self.overall_text)
        self.distractors = [self.fail_text(rng) for _ in range(50)]   # for alerts and clusters

    def _pool(self, k, fn):
        out = []
        for _ in range(k):
            s = fn(self.rng)
            # cells are TestGrid text: never ESC or CR, never lone surrogates (str literals here)
            assert "\x1b" not in s and "\r" not in s, repr(s)
            out.append(enc_str(self.rng, s))
        return out

    # -- text families -------------------------------------------------------------------

    def fail_text(self, r):
        return r.choices(
            [self.example, self.ginkgo, self.k8s_e2e, self.gotest, self.testify, self.panic,
             self.timeout_text, self.monitor, self.junit_dump, self.exotic],
            weights=[30, 18, 8, 12, 5, 3, 6, 4, 2, 8])[0](r)

    def example(self, r):
        e = r.choice(self.ex_test if r.random() < 0.6 else self.ex_all)
        f = r.random()
        if f < 0.6:
            return e
        if f < 0.8:
            return "%s\n%s" % (e, self.stack(r, r.randint(1, 4)))
        return "error: %s\n%s" % (e, r.choice(["exit status 1", "make: *** [Makefile:42: test] Error 1",
                                                   "Process completed with exit code 1.", "FAILED (errors=1)"]))

    def ginkgo(self, r):
        head = "fail [%s]: " % go_src(r)
        body = r.choice([
            lambda: "Expected\n    <int>: %d\nto equal\n    <int>: %d" % (r.randint(1, 9), r.randint(0, 0)),
            lambda: "Expected\n    <bool>: false\nto be true",
            lambda: "Expected\n    <string>: \"%s\"\nto contain substring\n    <string>: \"%s\"" % (snake(r, 3), snake(r)),
            lambda: ("Unexpected error:\n    <*errors.errorString | 0xc%s>: {\n        s: \"timed out waiting for the condition\",\n    }\n"
                     "    timed out waiting for the condition\noccurred" % hexs(r, 9)),
            lambda: ("Unexpected error:\n    <*errors.StatusError | 0xc%s>: {\n        ErrStatus: {\n            TypeMeta: {Kind: \"\", APIVersion: \"\"},\n"
                     "            Status: \"Failure\",\n            Message: \"pods \\\"%s-%s\\\" not found\",\n            Reason: \"NotFound\",\n"
                     "            Code: 404,\n        },\n    }\n    pods \"%s\" not found\noccurred" % (hexs(r, 9), r.choice(WORDS), hexs(r, 5), r.choice(WORDS))),
            lambda: "Unexpected error:\n    %s\noccurred" % r.choice(self.ex_all),
            lambda: "%d pods in namespace openshift-%s were not ready: %s" % (r.randint(1, 6), r.choice(WORDS), r.choice(self.ex_test)),
        ])()
        return head + body

    def k8s_e2e(self, r):
        return ("/go/src/k8s.io/kubernetes/_output/local/go/src/k8s.io/kubernetes/test/e2e/%s/%s.go:%d\n%s: %s\n"
                "/go/src/k8s.io/kubernetes/_output/local/go/src/k8s.io/kubernetes/test/e2e/%s/%s.go:%d"
                % (r.choice(WORDS), snake(r), r.randint(20, 3000), stamp(r),
                   r.choice(["Unexpected error: %s" % r.choice(self.ex_all), "Couldn't delete ns: \"e2e-%s-%d\": %s" % (r.choice(WORDS), r.randint(1000, 9999), r.choice(self.ex_all)),
                             "Failed after %.3fs.\nExpected success, but got an error:\n    <*url.Error | 0xc%s>: Get \"https://%s:6443/api\": %s" % (r.uniform(1, 900), hexs(r, 9), "10.0.%d.%d" % (r.randint(0, 255), r.randint(1, 254)), r.choice(self.ex_all))]),
                   r.choice(WORDS), snake(r), r.randint(20, 3000)))

    def gotest(self, r):
        t = "Test" + camel(r, r.randint(1, 3))
        msg = r.choice(["expected %d, got %d" % (r.randint(1, 9), r.randint(10, 20)),
                        "unexpected error: %s" % r.choice(self.ex_all),
                        "expected \"%s\", got \"%s\"" % (snake(r), snake(r)),
                        "%s: context deadline exceeded" % r.choice(WORDS)])
        return "=== RUN   %s\n    %s_test.go:%d: %s\n--- FAIL: %s (%.2fs)" % (t, snake(r), r.randint(10, 900), msg, t, r.uniform(0, 30))

    def testify(self, r):
        return ("    Error Trace:\t/go/src/%s/%s_test.go:%d\n    Error:      \tNot equal: \n    \t            \texpected: %d\n"
                "    \t            \tactual  : %d\n    Test:       \tTest%s\n    Messages:   \t%s"
                % (r.choice(GO_MODULES), snake(r), r.randint(10, 900), r.randint(0, 5), r.randint(6, 9), camel(r), r.choice(self.ex_all)))

    def stack(self, r, frames):
        out = []
        for _ in range(frames):
            out.append("%s.(*%s).%s(0xc%s, 0x%x)\n\t/go/src/%s/%s.go:%d +0x%x"
                       % (r.choice(GO_MODULES), camel(r), camel(r, 1), hexs(r, 9), r.getrandbits(16),
                          r.choice(GO_MODULES), snake(r), r.randint(10, 2000), r.getrandbits(12)))
        return "\n".join(out)

    def panic(self, r):
        head = r.choice(["panic: runtime error: invalid memory address or nil pointer dereference [recovered]\n\tpanic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x%x]" % r.getrandbits(24),
                         "panic: test timed out after %dm0s" % r.choice([10, 15, 30, 60]),
                         "fatal error: concurrent map writes",
                         "panic: assignment to entry in nil map"])
        gs = ["\n\ngoroutine %d [%s]:\n%s" % (r.randint(1, 9999), r.choice(["running", "chan receive", "select", "IO wait", "semacquire"]), self.stack(r, r.randint(2, 8)))
              for _ in range(r.choice([1, 1, 2, 3, 6]))]
        return head + "".join(gs)

    def timeout_text(self, r):
        return r.choice([
            lambda: "Test timed out after %dm0s" % r.choice([10, 15, 20, 30, 60]),
            lambda: "timed out waiting for the condition",
            lambda: "fail [%s]: Timed out after %.3fs.\nExpected\n    <bool>: false\nto be true" % (go_src(r), r.uniform(10, 900)),
            lambda: "context deadline exceeded",
            lambda: r.choice(self.ex_timeout),
            lambda: "%s\nTimed out waiting for the pod to become Running" % r.choice(self.ex_timeout),
        ])()

    def build_text(self, r):
        return r.choice(self.ex_build) + ("" if r.random() < 0.6 else "\n" + r.choice(["make: *** [Makefile:%d: build] Error 2" % r.randint(10, 300), "error: build failed", "exit status 2"]))

    def tool_text(self, r):
        return r.choice(["ci-operator failed: %s" % r.choice(self.ex_infra), "could not run steps: step e2e-%s failed: %s" % (r.choice(PLATFORMS), r.choice(self.ex_infra)),
                         "Pod pending timeout: %s" % r.choice(self.ex_infra), r.choice(self.ex_infra)])

    def flaky_prefix(self, r):
        return r.choice(["", "", "flake: ", "Flaky: failed %d of %d attempts\n" % (r.randint(1, 2), 3), "passed on retry; first attempt: "])

    def monitor(self, r):
        lines = []
        for _ in range(r.choice([1, 1, 1, 2, 2, 3, 5, 8, 20, 40])):
            ns = "openshift-%s" % r.choice(WORDS)
            lines.append(r.choice([
                "%s E ns/%s pod/%s-%s node/ci-op-%s-m-%d container=\"%s\" container exited with code %d (Error): %s" % (
                    stamp(r), ns, r.choice(WORDS), hexs(r, 5), hexs(r, 5), r.randint(0, 2), r.choice(WORDS), r.choice([1, 2, 137, 255]), r.choice(self.ex_all)),
                "%s W clusteroperator/%s changed Degraded to True: %sDegraded: %s" % (stamp(r), r.choice(WORDS), camel(r), r.choice(self.ex_all)),
                "%s I ns/%s pod/%s-%s Readiness probe failed: Get https://10.%d.%d.%d:8443/healthz: net/http: request canceled" % (
                    stamp(r), ns, r.choice(WORDS), hexs(r, 5), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)),
            ]))
        return "\n".join(lines)

    def junit_dump(self, r):
        # a long system-out: KBs of log text with a real failure somewhere inside
        lines = []
        for _ in range(r.randint(20, 120)):
            lines.append(r.choice([
                "I%02d%02d %02d:%02d:%02d.%06d %7d %s.go:%d] %s %s" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
                                                                    r.randint(0, 999999), r.randint(1, 99999), snake(r), r.randint(10, 900), camel(r), snake(r, 3)),
                "STEP: %s %s e2e-%s-%d" % (r.choice(["Creating", "Waiting for", "Deleting", "Verifying"]), r.choice(WORDS), r.choice(WORDS), r.randint(1000, 9999)),
                "%s: INFO: %s" % (stamp(r), snake(r, 4).replace("_", " ")),
            ]))
        for _ in range(r.randint(1, 3)):
            lines.insert(r.randrange(len(lines)), r.choice(self.ex_all))
        return "\n".join(lines)

    def exotic(self, r):
        return r.choice([
            lambda: "assertion failed: expected \"café\" but got \"cafe\u0301\" (é vs e + U+0301)",
            lambda: "レスポンスが不正です: 日本語のエラーメッセージ (%s)" % r.choice(self.ex_all),
            lambda: "\U0001f525 build broke: %s" % r.choice(self.ex_all),
            lambda: "✅ %d passed, ❌ %d failed, \U0001f648 %d skipped" % (r.randint(1, 900), r.randint(1, 9), r.randint(0, 40)),
            lambda: "Ошибка: соединение отклонено — %s" % r.choice(self.ex_all),
            lambda: "open C:\\Users\\runneradmin\\AppData\\Local\\Temp\\go-build%d\\b001\\exe\\main.exe: The system cannot find the file specified." % r.randint(10**8, 10**9),
            lambda: "expected output to match regexp \"^\\\\d+\\\\s+(ok|fail)$\", got:\n\t\"%s\"" % snake(r, 3),
            lambda: "server returned {\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"%s\",\"code\":%d}" % (r.choice(self.ex_all).replace("\\", "\\\\").replace('"', '\\"'), r.choice([403, 409, 500, 503])),
            lambda: "diff (-want +got):\n\t- \"%s\"\n\t+ \"%s\"\n\t  <unchanged> & 'quoted' \"double\" \\backslash\\" % (snake(r), snake(r)),
            lambda: "line\u2028separator and\u00a0nbsp in output: %s" % r.choice(self.ex_all),
        ])()

    def special_texts(self):
        r = self.rng
        """[(text, index into SPELLINGS)]"""
        r = self.rng
        return [("\U0001f525 build broke: %s" % r.choice(self.ex_all), 1),     # surrogate pair
                ("assertion failed: expected \"café\" but got \"cafe\u0301\"\n\tat 日本語.go:12", 0),
                ("fail [%s]: Expected\n    <int>: 1\nto equal\n    <int>: 0" % go_src(r), 2),
                ("open C:\\Users\\runneradmin\\AppData\\Local\\Temp\\x.json: Access is denied. <see https://aka.ms/x?a=1&b=2>", 3),
                ("✅ 41 passed, ❌ 1 failed \U0001f648\t(%s)" % r.choice(self.ex_all), 0),
                ("%s\n%s" % (r.choice(self.ex_all), self.panic(r)), 0),
                ("line\u2028separator, nbsp\u00a0and a 'quote' \"dq\" \\ backslash: %s" % r.choice(self.ex_all), 2),
                ("Ошибка: соединение отклонено — %s" % r.choice(self.ex_all), 1)]

    def overall_text(self, r):
        return r.choice([
            lambda: "%d tests failed" % r.randint(1, 40),
            lambda: "Build failed outside of test results",
            lambda: "Tests failed: %s" % r.choice(self.ex_all),
            lambda: "job failed: %s" % r.choice(self.ex_infra),
            lambda: "",
        ])()


# ----------------------------------------------------------------------------------------
# Row bodies: messages, short_texts and statuses for a fixed number of columns
# ----------------------------------------------------------------------------------------

FAIL_CODES = [FAIL, TIMED_OUT, FLAKY, CATEGORIZED_FAIL, TOOL_FAIL, BUILD_FAIL]
FAIL_WEIGHTS = [80, 6, 6, 3, 2, 3]
OTHER_CODES = [PASS_WITH_ERRORS, PASS_WITH_SKIPS, RUNNING, CATEGORIZED_ABORT, UNKNOWN, CANCEL,
               BLOCKED, BUILD_PASSED, TIMED_OUT, CATEGORIZED_FAIL, BUILD_FAIL, TOOL_FAIL]
FAILING = {TIMED_OUT, CATEGORIZED_FAIL, BUILD_FAIL, FAIL, FLAKY, TOOL_FAIL}


def showcase_body(rng, cols: int, msgs: Messages) -> Body:
    """Every status code and every odd message spelling in one row (the first tab gets it), so
    that even --tiny output covers them all."""
    v = [FAIL] * len(msgs.specials) + [NO_RESULT, PASS_WITH_ERRORS, PASS_WITH_SKIPS, RUNNING, CATEGORIZED_ABORT, UNKNOWN,
                                       CANCEL, BLOCKED, TIMED_OUT, CATEGORIZED_FAIL, BUILD_FAIL, FLAKY, TOOL_FAIL, BUILD_PASSED]
    v = (v + [PASS] * cols)[:cols]
    return make_body(rng, cols, msgs, values=v, forced=msgs.specials)


class Body:
    __slots__ = ("data", "lead_fail", "fail_cols", "fail_count")

    def __init__(self, data, lead_fail, fail_cols):
        self.data = data              # b'"messages":[..],"short_texts":[..],"statuses":[..]'
        self.lead_fail = lead_fail    # failing cells at the newest columns (for alerts)
        self.fail_cols = fail_cols    # column indexes of failing cells (for clusters)
        self.fail_count = len(fail_cols)


def status_values(rng, cols: int, profile: str) -> list[int]:
    v = [PASS] * cols

    def holes(k):
        for _ in range(k):
            s = rng.randrange(cols)
            for i in range(s, min(cols, s + rng.randint(1, max(1, cols // 10)))):
                v[i] = NO_RESULT

    def fails(k):
        for _ in range(k):
            v[rng.randrange(cols)] = rng.choices(FAIL_CODES, FAIL_WEIGHTS)[0]

    if profile == "green":
        holes(rng.choice([0, 0, 0, 1, 2]))
    elif profile == "rare":
        holes(rng.choice([0, 0, 1]))
        fails(rng.randint(1, 4))
    elif profile == "flaky":
        holes(rng.choice([0, 1]))
        p = rng.uniform(0.08, 0.35)
        for i in range(cols):
            if rng.random() < p:
                v[i] = rng.choice([FLAKY, FLAKY, FAIL, FAIL, FAIL, TIMED_OUT])
    elif profile == "broken":
        lead = rng.randint(min(2, cols), cols)
        code = rng.choice([FAIL, FAIL, FAIL, BUILD_FAIL, TIMED_OUT])
        v[:lead] = [code] * lead
        fails(rng.randint(0, 3))
    elif profile == "sparse":
        v = [NO_RESULT] * cols
        for _ in range(rng.randint(1, 4)):
            s = rng.randrange(cols)
            for i in range(s, min(cols, s + rng.randint(1, 6))):
                v[i] = PASS
        if rng.random() < 0.4:
            v[rng.randrange(cols)] = FAIL
    else:  # misc: every other status code shows up somewhere
        holes(rng.choice([0, 1]))
        for _ in range(rng.randint(1, 5)):
            v[rng.randrange(cols)] = rng.choice(OTHER_CODES)
        if rng.random() < 0.5:
            v[0] = RUNNING
    return v


PROFILES = ["green", "rare", "flaky", "broken", "sparse", "misc"]
PROFILE_WEIGHTS = [55, 25, 8, 4, 5, 3]


def make_body(rng, cols: int, msgs: Messages, profile: str | None = None, overall=False,
              values: list[int] | None = None, forced: list[bytes] = ()) -> Body:
    """A random body; or, with `values`, that status sequence whose first failing cells get `forced`."""
    profile = profile or rng.choices(PROFILES, PROFILE_WEIGHTS)[0]
    v = values if values is not None else status_values(rng, cols, profile)
    forced = list(forced)
    runs = []
    for x in v:
        if runs and runs[-1][1] == x:
            runs[-1][0] += 1
        else:
            runs.append([1, x])
    messages, shorts, fail_cols = [], [], []
    repeat = None   # a broken test usually fails the same way column after column
    if profile == "broken" and rng.random() < 0.7:
        repeat = rng.choice(msgs.fail)
    for i, x in enumerate(v):
        if x == NO_RESULT:
            continue  # sparse: no entry for NO_RESULT cells
        if x in (PASS, PASS_WITH_SKIPS, BUILD_PASSED):
            messages.append(b'""')
            shorts.append(b'""')
            continue
        if x in FAILING:
            fail_cols.append(i)
            if forced:
                m = forced.pop(0)
            elif overall:
                m = rng.choice(msgs.overall)
            elif rng.random() < 0.05:
                m = b'""'      # real data has failing cells without a message too
            elif repeat is not None and x not in (FLAKY, TIMED_OUT):
                m = repeat
            else:
                m = rng.choice({FAIL: msgs.fail, CATEGORIZED_FAIL: msgs.fail, TIMED_OUT: msgs.timeout,
                                BUILD_FAIL: msgs.build, TOOL_FAIL: msgs.tool, FLAKY: msgs.flaky}[x])
            shorts.append(rng.choice([b'""', b'""', b'""', b'"F"', b'"1"']))
        else:
            m = rng.choice({PASS_WITH_ERRORS: msgs.warn, RUNNING: msgs.running, CATEGORIZED_ABORT: msgs.abort,
                            UNKNOWN: msgs.unknown, CANCEL: msgs.cancel, BLOCKED: msgs.blocked}[x])
            shorts.append(b'""')
        messages.append(m)
    lead = 0
    while lead < len(v) and v[lead] in FAILING:
        lead += 1
    data = b'"messages":[%s],"short_texts":[%s],"statuses":[%s]' % (
        b",".join(messages), b",".join(shorts),
        b",".join(b'{"count":%d,"value":%d}' % (n, x) for n, x in runs))
    return Body(data, lead, fail_cols)


# ----------------------------------------------------------------------------------------
# Test names
# ----------------------------------------------------------------------------------------

KIND_NAMES = ["openshift-e2e", "openshift-e2e-old", "k8s-e2e", "go-unit", "pytest"]
KIND_WEIGHTS = [35, 15, 20, 20, 10]


def test_name(rng, kind: str) -> str:
    if kind in ("openshift-e2e", "openshift-e2e-old", "k8s-e2e"):
        ctx = rng.choice(CONTEXTS)
        prefix = "[%s]" % rng.choice(SIGS) if rng.random() < 0.75 else rng.choice(FEATURES)
        it = rng.choice(SHOULDS)
        if rng.random() < 0.7:   # make the pool big: most real names are unique sentences
            it = "%s %s %s" % (it, rng.choice(["when", "with", "for", "after", "using"]), snake(rng, rng.randint(1, 3)).replace("_", " "))
        tags = " ".join(rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2])))
        tags = (" " + tags) if tags else ""
        if kind == "openshift-e2e-old":   # the 2020 form: "<ctx> [Top Level] <ctx> <it>"
            return "%s %s [Top Level] %s %s %s%s %s" % (prefix, ctx, prefix, ctx, it, tags, rng.choice(SUITES))
        if kind == "k8s-e2e":
            return "Kubernetes e2e suite.[It] %s %s %s%s" % (prefix, ctx, it, tags)
        return "%s %s %s%s %s" % (prefix, ctx, it, tags, rng.choice(SUITES))
    if kind == "go-unit":
        t = "Test" + camel(rng, rng.randint(1, 3))
        if rng.random() < 0.5:
            t = "%s.%s" % (rng.choice(GO_MODULES), t)
        if rng.random() < 0.5:
            sub = rng.choice(ODD_SUBTESTS) if rng.random() < 0.03 else snake(rng, rng.randint(1, 4))
            t += "/" + sub
        return t
    # pytest
    name = "tests/%s/test_%s.py::%stest_%s" % (rng.choice(WORDS), snake(rng), ("Test%s::" % camel(rng)) if rng.random() < 0.4 else "",
                                                snake(rng, rng.randint(1, 3)))
    if rng.random() < 0.3:
        name += "[%s-%d]" % (rng.choice(["float32", "int64", "cpu", "cuda", "é", "日本"]), rng.randint(0, 64))
    return name


class NamePool:
    """Unique test names per kind (a tab samples its rows from its kind's list)."""

    def __init__(self, rng, size: int):
        self.pools = {}
        for kind in KIND_NAMES:
            seen, names = {}, []
            tries = 0
            while len(names) < size and tries < size * 4:
                tries += 1
                n = test_name(rng, kind)
                if n not in seen:
                    seen[n] = True
                    names.append(n)
            self.pools[kind] = names

    def fixed_rows(self, rng, kind) -> list[str]:
        """Step rows at the top of a tab (operator.*, kubetest.*), like the real tables."""
        p, v, m = rng.choice(PLATFORMS), rng.choice(VARIANTS), rng.randint(1, 16)
        if kind.startswith("openshift"):
            rows = rng.sample(OPERATOR_ROWS, rng.randint(3, len(OPERATOR_ROWS)))
            return [r.format(p=p, v=v, m=m) for r in rows]
        if kind == "k8s-e2e":
            return rng.sample(K8S_ROWS, rng.randint(2, len(K8S_ROWS)))
        return []


def enc_name(name: str) -> bytes:
    return json.dumps(name, ensure_ascii=False).encode("utf-8")


# ----------------------------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------------------------

class Sink:
    """Buffered writer (plain or gzip) that counts uncompressed bytes."""

    def __init__(self, path: str, level: int):
        d = os.path.dirname(path)
        if d:
            os.makedirs(d, exist_ok=True)
        self.f = open(path, "wb")
        self.gz = None
        if path.endswith(".gz"):
            self.gz = gzip.GzipFile(fileobj=self.f, mode="wb", compresslevel=level, mtime=0, filename="")
        self.out = self.gz or self.f
        self.buf: list[bytes] = []
        self.buflen = 0
        self.n = 0

    def write(self, b: bytes):
        self.buf.append(b)
        self.buflen += len(b)
        self.n += len(b)
        if self.buflen >= CHUNK:
            self.flush()

    def flush(self):
        if self.buf:
            self.out.write(b"".join(self.buf))
            self.buf, self.buflen = [], 0

    def close(self):
        self.flush()
        if self.gz:
            self.gz.close()
        self.f.close()


# ----------------------------------------------------------------------------------------
# Tables
# ----------------------------------------------------------------------------------------

def columns_meta(rng, cols: int):
    """(changelists, column_ids, timestamps) for `cols` columns, newest first."""
    t = (1577836800 + rng.randint(0, 5 * 365 * 86400)) * 1000   # 2020..2024
    ms = rng.random() < 0.2
    ts = []
    for _ in range(cols):
        ts.append(t)
        t -= rng.randint(1800, 12 * 3600) * 1000 + (rng.randint(0, 999) if ms else 0)
    if rng.random() < 0.4:   # small run numbers like the real table ("84", "83", ...)
        top = rng.randint(cols, cols + 2000)
        cl = [str(top - i) for i in range(cols)]
    else:                    # prow build ids
        top = rng.randint(10**18, 2 * 10**18)
        cl = []
        for _ in range(cols):
            cl.append(str(top))
            top -= rng.randint(10**12, 10**15)
    return cl, ["\ue000" + c for c in cl], ts


def write_table(sink: Sink, rng: random.Random, tab: str, cols: int, budget_end: int,
                rows_key: str, kind: str, names: NamePool, bodies: list[Body], msgs: Messages, overall_bodies,
                showcase: Body | None = None):
    """Stream one table; stop adding rows once sink.n (+ the tail still to write) reaches budget_end."""
    cl, cids, ts = columns_meta(rng, cols)
    group = re.sub(r"[^a-z0-9]", "", tab.lower())
    head = {
        "test-group-name": group,
        "query": "origin-ci-test/logs/%s" % tab,
        "status": "Served from cache in %.2f seconds" % rng.uniform(0.05, 3),
        "phase-timer": {"phases": ["config load", "cache read + validate (gcs stat)", "table deserialize (gob+snappy)", "table querying"],
                        "delta": [round(rng.uniform(0, 0.3), 9) for _ in range(4)], "total": round(rng.uniform(0.3, 2), 9)},
        "cached": rng.random() < 0.8,
        "summary": "",
        "bugs": {},
        "changelists": cl,
        "column_ids": cids,
        "custom-columns": [[hexs(rng, 8) if rng.random() < 0.3 else "1" for _ in range(cols)], [""] * cols],
        "column-header-names": ["Date", "Time", "Commit", "Commit", "Infra-Commit"],
        "groups": [""] * cols,
        "metrics": ["test-duration-minutes"],
    }
    sink.write(go_json(head)[:-1].encode("utf-8") + b',"%s":[' % rows_key.encode())

    # fixed-size part of the tail, to know how much room the rows have
    tail_fixed = {
        "timestamps": ts,
        "clusters": [],
        "test_id_map": None,
        "test-metadata": {},
        "stale-test-threshold": 10,
        "num-stale-tests": rng.randint(0, 800),
        "add-tabular-names-option": False,
        "show-tabular-names": False,
        "description": "",
        "bug-component": 0,
        "code-search-path": "https://github.com/openshift/origin/search",
        "open-test-template": {"url": "https://prow.ci.openshift.org/view/gs/<gcs_prefix>/<changelist>", "options": {}},
        "file-bug-template": {"url": "https://bugzilla.redhat.com/enter_bug.cgi",
                              "options": {"comment": "test: <test-name> failed, see job: <link>", "short_desc": "test: <test-name>"}},
        "attach-bug-template": {"url": "", "options": {}},
        "results-url-template": {"url": "https://prow.ci.openshift.org/job-history/<gcs_prefix>", "options": {}},
        "code-search-url-template": {"url": "https://github.com/openshift/origin/compare/<start-custom-0>...<end-custom-0>", "options": {}},
        "about-dashboard-url": "",
        "open-bug-template": {"url": "https://github.com/openshift/origin/issues/", "options": {}},
        "results-text": "See these results on Prow",
        "latest-green": rng.choice(["", cl[-1]]),
        "triage-enabled": False,
        "notifications": None,
        "overall-status": rng.randint(1, 4),
    }
    tail_est = len(go_json(tail_fixed)) + 600   # + clusters (bounded below)

    pool = names.pools[kind]
    order = names.fixed_rows(rng, kind) + rng.sample(pool, len(pool))
    row_ids: list[bytes] = []
    row_ids_len = 0
    clusters: dict[str, list[int]] = {}
    first = True
    rows = [("Overall", rng.choice(overall_bodies))]   # popped from the end
    if showcase is not None:
        rows.insert(0, (order.pop(0), showcase))
    i = 0
    while True:
        if rows:
            name, body = rows.pop()
        else:
            if i >= len(order) or sink.n + row_ids_len + tail_est >= budget_end:
                break
            name, body = order[i], rng.choice(bodies)
            i += 1
        nj = enc_name(name)
        target = b'"operator"' if name.startswith("operator.") else nj
        alert = b"null"
        if body.lead_fail >= 2 and rng.random() < 0.6:
            alert = go_json({"fail-cl": cl[body.lead_fail - 1], "fail-count": body.lead_fail, "fail-time": ts[body.lead_fail - 1],
                             "text": "Alert: %d failures" % body.lead_fail,
                             "message": rng.choice(msgs.distractors) if rng.random() < 0.5 else "",
                             "link-text": "", "link": "", "url-text": "", "test-id": "",
                             "pass-cl": cl[body.lead_fail] if body.lead_fail < cols else "", "pass-count": 0,
                             "pass-time": ts[body.lead_fail] if body.lead_fail < cols else 0,
                             "code-search-path": "github.com/kubernetes/kubernetes/search", "test-name": name}).encode("utf-8")
        bugs = b"[]" if rng.random() < 0.98 else b'["https://bugzilla.redhat.com/show_bug.cgi?id=%d"]' % rng.randint(1700000, 2300000)
        sink.write(b'%s{"name":%s,"original-name":%s,"alert":%s,"linked_bugs":%s,%s,"target":%s}'
                   % (b"" if first else b",", nj, nj, alert, bugs, body.data, target))
        first = False
        row_ids.append(nj)
        row_ids_len += len(nj) + 1
        if body.fail_count and len(clusters) < 12 and rng.random() < 0.3:
            clusters[name] = body.fail_cols[:16]

    cl_json = []
    if clusters:
        cl_json = [{"test_status": FAIL, "message": rng.choice(["", rng.choice(msgs.distractors)[:200]]),
                    "area": sum(len(c) for c in clusters.values()) * rng.randint(1, 30), "test_results": clusters}]
    tail_fixed["clusters"] = cl_json
    tail = go_json(tail_fixed)
    sink.write(b'],"row_ids":[%s],%s' % (b",".join(row_ids), tail[1:].encode("utf-8")))
    return len(row_ids)


# ----------------------------------------------------------------------------------------
# Plan
# ----------------------------------------------------------------------------------------

DASH_FORMS = ["redhat-openshift-ocp-release-4.{m}-informing", "redhat-openshift-ocp-release-4.{m}-blocking",
              "redhat-openshift-okd-release-4.{m}-informing", "sig-release-master-blocking", "sig-release-1.{k}-informing",
              "sig-network-gce", "sig-storage-kubernetes", "google-gce", "conformance-all", "openshift-ci-tools",
              "sig-node-release-blocking", "presubmits-kubernetes-blocking"]
TAB_FORMS = {
    "openshift-e2e": ["periodic-ci-openshift-release-master-nightly-4.{m}-e2e-{p}{v}", "e2e-{p}{v}-4.{m}", "release-openshift-ocp-installer-e2e-{p}{v}-4.{m}"],
    "openshift-e2e-old": ["release-openshift-ocp-installer-e2e-{p}{v}-4.{m}", "release-openshift-origin-installer-e2e-{p}{v}-4.{m}"],
    "k8s-e2e": ["ci-kubernetes-e2e-gci-gce{v}", "gce-cos-master-{w}", "pull-kubernetes-e2e-kind{v}", "ci-kubernetes-e2e-ubuntu-gce-1.{k}"],
    "go-unit": ["ci-kubernetes-unit{v}", "pull-{r}-unit", "periodic-{r}-unit-race", "ci-{r}-verify"],
    "pytest": ["{r}-python-tests", "py{k}-integration-{w}", "periodic-{r}-pytest"],
}
REPOS = ["origin", "installer", "ci-tools", "machine-config-operator", "kubernetes", "cluster-api", "hive", "console-operator"]


def fmt(rng, form):
    return form.format(m=rng.randint(1, 16), p=rng.choice(PLATFORMS), v=rng.choice(VARIANTS), k=rng.randint(20, 31),
                       w=rng.choice(WORDS), r=rng.choice(REPOS))


def unique(rng, forms, taken):
    for _ in range(50):
        n = fmt(rng, rng.choice(forms))
        if n not in taken:
            break
    else:
        n = "%s-%d" % (n, len(taken))
    taken.add(n)   # membership only; never iterated (str hashing is randomized)
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output file (.gz: gzip'd)")
    ap.add_argument("--size", type=parse_size, default=parse_size("16MB"), help="target UNCOMPRESSED bytes (default 16MB)")
    ap.add_argument("--tiny", action="store_true", help="same as --size 200KB (for tests)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shape", choices=["dump", "table"], default="dump")
    ap.add_argument("--columns", type=int, default=80, help="columns of a full tab (default 80; some tabs get fewer)")
    ap.add_argument("--gzip-level", type=int, default=1, choices=range(1, 10), metavar="1-9")
    ap.add_argument("--examples", type=Path, default=DEFAULT_EXAMPLES, help="pattern YAML whose match examples feed messages")
    a = ap.parse_args()
    if a.tiny:
        a.size = parse_size("200KB")
    if a.columns < 1:
        ap.error("--columns must be >= 1")

    t0 = time.perf_counter()
    examples = load_examples(a.examples) or FALLBACK_EXAMPLES
    # pools shrink for small outputs so that --tiny stays quick (and still varied)
    scale = min(1.0, max(0.02, a.size / 200e6))
    rng = random.Random("testgrid-%d" % a.seed)
    msgs = Messages(random.Random("msgs-%d" % a.seed), examples, scale)
    # enough unique names for the biggest tab (a tab also ends when its kind's names run out)
    names = NamePool(random.Random("names-%d" % a.seed), min(12000, max(100, int(min(a.size, 6.4e6) / 500))))
    col_set = sorted({a.columns, max(1, a.columns // 2), max(1, a.columns * 3 // 4)})
    brng = random.Random("bodies-%d" % a.seed)
    nb = max(40, int(2000 * scale))
    bodies = {c: [make_body(brng, c, msgs) for _ in range(nb)] for c in col_set}
    overall = {c: [make_body(brng, c, msgs, profile=brng.choice(["flaky", "rare", "broken"]), overall=True) for _ in range(20)]
               for c in col_set}

    # tab sizes: a few MB each for big outputs, ~10 tabs for small ones
    if a.shape == "table":
        tab_sizes = [a.size]
    else:
        avg = min(4e6, max(25e3, a.size / 10))
        n_tabs = max(1, round(a.size / avg))
        w = [rng.uniform(0.4, 1.6) for _ in range(n_tabs)]
        tab_sizes = [a.size * x / sum(w) for x in w]

    sink = Sink(a.out, a.gzip_level)
    n_rows = 0
    end = 0.0
    if a.shape == "table":
        kind = rng.choices(KIND_NAMES, KIND_WEIGHTS)[0]
        n_rows += write_table(sink, rng, fmt(rng, rng.choice(TAB_FORMS[kind])), a.columns, a.size, "tests", kind,
                              names, bodies[a.columns], msgs, overall[a.columns], showcase_body(brng, a.columns, msgs))
        n_tabs = n_dash = 1
    else:
        sink.write(b"{")
        dash_taken: set[str] = set()
        ti = n_dash = 0
        while ti < len(tab_sizes):
            dash = unique(rng, DASH_FORMS, dash_taken)
            sink.write(b'%s%s:{' % (b"," if n_dash else b"", enc_name(dash)))
            n_dash += 1
            tab_taken: set[str] = set()
            for j in range(min(rng.randint(1, 8), len(tab_sizes) - ti)):
                kind = rng.choices(KIND_NAMES, KIND_WEIGHTS)[0]
                tab = unique(rng, TAB_FORMS[kind], tab_taken)
                cols = a.columns if rng.random() < 0.7 else rng.choice(col_set)
                end += tab_sizes[ti]
                sink.write(b'%s%s:' % (b"," if j else b"", enc_name(tab)))
                n_rows += write_table(sink, rng, tab, cols, int(end) - 2, "grid" if rng.random() < 0.2 else "tests",
                                      kind, names, bodies[cols], msgs, overall[cols],
                                      showcase_body(brng, cols, msgs) if ti == 0 else None)
                ti += 1
            sink.write(b"}")
        sink.write(b"}")
        n_tabs = len(tab_sizes)
    raw = sink.n
    sink.close()
    dt = time.perf_counter() - t0
    print("generate_testgrid: %s: %d dashboards, %d tabs, %d rows, %d bytes uncompressed (%.1f MB), %d bytes stored, %.1f s"
          % (a.out, n_dash, n_tabs, n_rows, raw, raw / 1e6, os.path.getsize(a.out), dt), file=sys.stderr)


if __name__ == "__main__":
    main()
