#!/usr/bin/env python3
"""Deterministic, seeded generator of realistic (synthetic) CI build logs for logscan benchmarks.

    python3 Benchmarks/Scripts/generate_corpus.py --out DIR [--seed 42] [--size 16MB|1GiB]
                                                  [--single-file] [--gzip-ratio 0.8]
    python3 Benchmarks/Scripts/generate_corpus.py --sample --out corpus   # committed sample

Kinds (directory/name): prow/ci-operator, gha/pytest, gha/build, jenkins/maven,
jenkins/gradle, plain/gotest, plain/pytest, plain/ginkgo.  ~30% of logs fail and carry a
few failure lines (OOM, timeouts, image pulls, DNS, TLS, panics, races, tracebacks, disk,
quota, compiler/make/docker/npm errors, ...).  Messy cases: invalid UTF-8, NUL bytes, very
long lines, CRLF (Jenkins), UTF-8 BOM (GitHub Actions), \r progress bars, ANSI colours,
missing final newline, empty files, multi-member gzip.

--size is the target total of UNCOMPRESSED bytes (suffixes KB MB GB = 10^n, KiB MiB GiB =
2^n).  Output depends only on the arguments: the same seed and args give byte-identical
files (random.Random, gzip mtime=0 and no file name, no time/env/hash dependence).
Python 3.11, stdlib only.  Existing files in --out are overwritten, others left alone.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import os
import random
import re
import sys
import time

# ----------------------------------------------------------------------------------------
# Small vocabularies
# ----------------------------------------------------------------------------------------

WORDS = ("alpha beta gamma delta apply cache client config controller cluster daemon "
         "deploy endpoint event fetch handler image ingress informer job lease loader "
         "manager metrics network node operator pod policy probe proxy queue quota reconcile "
         "registry release replica resolver route runtime scheduler secret server service "
         "session shard snapshot storage stream sync template token tracker upgrade volume "
         "watch webhook worker").split()
GO_ORGS = ["openshift", "kubernetes", "kubernetes-sigs", "containers", "prometheus",
           "grafana", "etcd-io", "cilium", "istio", "argoproj", "hashicorp", "example"]
GO_REPOS = ["origin", "installer", "cluster-api", "machine-config-operator", "kubelet",
            "podman", "client_golang", "loki", "etcd", "cilium", "pilot", "argo-cd",
            "terraform", "ci-tools", "hive", "router", "oauth-server", "console-operator"]
PY_PKGS = ["numpy", "pandas", "requests", "urllib3", "torch", "torchvision", "pytest",
           "pytest-xdist", "hypothesis", "scipy", "pyyaml", "jinja2", "click", "attrs",
           "packaging", "filelock", "typing_extensions", "sympy", "networkx", "fsspec",
           "protobuf", "grpcio", "boto3", "botocore", "s3transfer", "certifi", "idna",
           "charset-normalizer", "setuptools", "wheel", "coverage", "mypy", "ruff"]
JAVA_GROUPS = ["org.apache.commons", "com.google.guava", "org.slf4j", "junit",
               "org.junit.jupiter", "org.mockito", "com.fasterxml.jackson.core",
               "org.apache.maven.plugins", "org.springframework", "io.netty",
               "org.hamcrest", "org.apache.logging.log4j", "org.codehaus.plexus"]
JAVA_ARTS = ["commons-lang3", "guava", "slf4j-api", "junit", "junit-jupiter-api",
             "mockito-core", "jackson-databind", "maven-surefire-plugin", "spring-core",
             "netty-handler", "hamcrest-core", "log4j-core", "plexus-utils",
             "maven-compiler-plugin", "maven-resources-plugin", "maven-jar-plugin"]
JAVA_PROJECTS = ["astor", "spoon", "commons-math", "jsoup", "gson", "flink-runtime",
                 "kafka-clients", "camel-core", "hadoop-common", "zookeeper", "jackson-core"]
SIG = ["sig-network", "sig-storage", "sig-apps", "sig-node", "sig-cli", "sig-auth",
       "sig-api-machinery", "sig-instrumentation", "sig-scheduling"]
REGIONS = ["us-central1", "us-east1", "europe-west4", "us-west2", "asia-east1"]
QUOTAS = ["CPUS", "SSD_TOTAL_GB", "IN_USE_ADDRESSES", "INSTANCES", "NVIDIA_T4_GPUS"]
STEPS = ["e2e-aws", "e2e-gcp", "e2e-azure", "unit", "verify", "images", "lint",
         "e2e-aws-ovn", "e2e-metal-ipi", "integration", "e2e-upgrade"]
ESC = "\x1b"


def camel(rng, n=2):
    return "".join(rng.choice(WORDS).capitalize() for _ in range(n))


def snake(rng, n=2):
    return "_".join(rng.choice(WORDS) for _ in range(n))


def hexs(rng, n):
    return "%0*x" % (n, rng.getrandbits(4 * n))


def go_pkg(rng):
    return "github.com/%s/%s/pkg/%s/%s" % (rng.choice(GO_ORGS), rng.choice(GO_REPOS),
                                          rng.choice(WORDS), rng.choice(WORDS))


def go_file(rng):
    return "%s_%s.go" % (rng.choice(WORDS), rng.choice(WORDS))


def py_test_path(rng):
    return "tests/%s/test_%s.py" % (rng.choice(WORDS), snake(rng, rng.randint(1, 2)))


def java_class(rng):
    return "com.example.%s.%s%s" % (rng.choice(WORDS), camel(rng, 2), rng.choice(["", "Impl", "Service", "Util"]))


def dur(rng, lo=0.0, hi=5.0):
    return "%.2fs" % rng.uniform(lo, hi)


def ip(rng):
    return "10.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))


def klog_ts(rng):
    return "%02d%02d %02d:%02d:%02d.%06d" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                                            rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999))


def klog(rng, level, msg):
    return "%s%s %7d %s:%d] %s" % (level, klog_ts(rng), rng.randint(1, 99999), go_file(rng),
                                    rng.randint(10, 2000), msg)


def iso(rng):
    return "2024-%02d-%02dT%02d:%02d:%02dZ" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                                              rng.randint(0, 59), rng.randint(0, 59))


def ansi(code, s):
    return "%s[%sm%s%s[0m" % (ESC, code, s, ESC)


def pick(rng, choices):
    """choices: list of (weight, fn).  Returns fn(rng)."""
    weights = [w for w, _ in choices]
    return rng.choices(choices, weights=weights)[0][1](rng)


# ----------------------------------------------------------------------------------------
# Noise line generators per family.  Each returns a str of one or more lines (no final \n).
# ----------------------------------------------------------------------------------------

def n_go_test(rng):
    t = "Test" + camel(rng, rng.randint(1, 3))
    r = rng.random()
    if r < 0.45:
        lines = ["=== RUN   %s" % t]
        subs = [t + "/" + snake(rng, rng.randint(1, 4)) for _ in range(rng.randint(0, 4))]
        for s in subs:
            lines.append("=== RUN   %s" % s)
        if rng.random() < 0.3:
            lines.append("    %s:%d: %s %s" % (go_file(rng).replace(".go", "_test.go"), rng.randint(10, 900),
                                               rng.choice(["created", "waiting for", "got", "using", "cleaning up"]),
                                               snake(rng)))
        lines.append("--- PASS: %s (%s)" % (t, dur(rng, 0, 3)))
        for s in subs:
            lines.append("    --- PASS: %s (%s)" % (s, dur(rng, 0, 1)))
        return "\n".join(lines)
    if r < 0.55:
        return "=== PAUSE %s\n=== CONT  %s" % (t, t)
    if r < 0.62:
        return "--- SKIP: %s (0.00s)\n    %s:%d: skipping in short mode" % (t, go_file(rng).replace(".go", "_test.go"), rng.randint(10, 500))
    if r < 0.80:
        if rng.random() < 0.3:
            return "ok  \t%s\t(cached)" % go_pkg(rng)
        return "ok  \t%s\t%.3fs\tcoverage: %.1f%% of statements" % (go_pkg(rng), rng.uniform(0.01, 90), rng.uniform(0, 100))
    if r < 0.88:
        return "?   \t%s\t[no test files]" % go_pkg(rng)
    if r < 0.94:
        return "go: downloading %s v0.%d.%d" % (go_pkg(rng).rsplit("/pkg", 1)[0], rng.randint(0, 30), rng.randint(0, 20))
    return "PASS"


def n_go_build(rng):
    r = rng.random()
    if r < 0.3:
        return "go build -mod=vendor -trimpath -ldflags \"-X %s/version.commit=%s\" -o bin/%s ./cmd/%s" % (
            go_pkg(rng), hexs(rng, 40), rng.choice(WORDS), rng.choice(WORDS))
    if r < 0.5:
        return "hack/%s.sh" % rng.choice(["verify-gofmt", "verify-govet", "verify-codegen", "update-bindata", "build-go", "lib/init"])
    if r < 0.7:
        return "GO111MODULE=on GOFLAGS=-mod=vendor go test -race -count=1 -timeout=%dm ./pkg/%s/..." % (
            rng.choice([10, 30, 60, 120]), rng.choice(WORDS))
    if r < 0.85:
        return "%s/%s" % (go_pkg(rng), rng.choice(WORDS))
    return "make[%d]: Entering directory '/go/src/github.com/%s/%s'" % (rng.randint(1, 3), rng.choice(GO_ORGS), rng.choice(GO_REPOS))


def n_klog(rng):
    lvl = rng.choices("IW", weights=[9, 1])[0]
    msg = pick(rng, [
        (3, lambda r: "\"Syncing %s\" %s=\"%s/%s-%s\"" % (r.choice(WORDS), r.choice(WORDS), r.choice(WORDS), r.choice(WORDS), hexs(r, 5))),
        (2, lambda r: "Waiting for caches to sync for %s controller" % r.choice(WORDS)),
        (2, lambda r: "Observed a panic-free shutdown of %s after %dms" % (r.choice(WORDS), r.randint(1, 999))),
        (2, lambda r: "\"Finished syncing\" key=\"%s/%s\" duration=\"%dms\"" % (r.choice(WORDS), r.choice(WORDS), r.randint(1, 4000))),
        (1, lambda r: "Started %s (%s) with %d workers" % (camel(r), r.choice(WORDS), r.randint(1, 50))),
        (1, lambda r: "lease %s/%s renewed by %s-%s" % (r.choice(["kube-system", "openshift-etcd", "default"]), r.choice(WORDS), r.choice(WORDS), hexs(r, 5))),
    ])
    return klog(rng, lvl, msg)


def n_ginkgo(rng):
    r = rng.random()
    spec = "[%s] %s %s should %s %s" % (rng.choice(SIG), camel(rng), rng.choice(WORDS), rng.choice(WORDS), snake(rng).replace("_", " "))
    if r < 0.35:
        return "\u2022" * rng.randint(1, 40)
    if r < 0.55:
        return ("------------------------------\n\u2022 [SLOW TEST] [%.3f seconds]\n%s\n/go/src/k8s.io/kubernetes/test/e2e/%s/%s:%d"
                % (rng.uniform(5, 300), spec, rng.choice(WORDS), go_file(rng), rng.randint(10, 3000)))
    if r < 0.8:
        return "STEP: %s %s %s" % (rng.choice(["Creating a kubernetes client", "Building a namespace api object", "Waiting for a default service account",
                                               "creating", "waiting for", "deleting", "verifying", "Destroying namespace"]),
                                   rng.choice(WORDS), "e2e-%s-%d" % (rng.choice(WORDS), rng.randint(1000, 9999)))
    if r < 0.9:
        return "%s  %s: %s" % (iso(rng).replace("T", " ")[:19], rng.choice(["INFO", "INFO", "INFO", "Warn"]), spec[:60])
    return "S [SKIPPING] [%.3f seconds]\n%s" % (rng.uniform(0, 2), spec)


def n_installer(rng):
    return pick(rng, [
        (3, lambda r: 'level=debug msg="Still waiting for the cluster to initialize: Working towards 4.%d.%d: %d of %d done (%d%% complete)"'
         % (r.randint(12, 17), r.randint(0, 30), r.randint(1, 800), 850, r.randint(1, 99))),
        (2, lambda r: 'level=info msg="Waiting up to %dm0s (until %d:%02dPM) for the Kubernetes API at https://api.ci-op-%s.example.com:6443..."'
         % (r.choice([20, 30, 40]), r.randint(1, 12), r.randint(0, 59), hexs(r, 8))),
        (2, lambda r: 'level=debug msg="module.%s.aws_%s.%s: Creation complete after %ds [id=%s-%s]"'
         % (r.choice(WORDS), r.choice(["instance", "subnet", "route53_record", "lb", "iam_role"]), r.choice(WORDS), r.randint(1, 200), r.choice(WORDS), hexs(r, 17))),
        (1, lambda r: "%s/%s condition met" % (r.choice(["pod", "deployment.apps", "clusteroperator.config.openshift.io"]), r.choice(WORDS))),
    ])


def n_py_pip(rng):
    p = rng.choice(PY_PKGS)
    v = "%d.%d.%d" % (rng.randint(0, 5), rng.randint(0, 30), rng.randint(0, 20))
    r = rng.random()
    if r < 0.3:
        return "Collecting %s==%s" % (p, v)
    if r < 0.55:
        mb = rng.uniform(0.05, 800)
        return ("  Downloading %s-%s-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (%.1f MB)\n"
                "     \u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501 %.1f/%.1f MB %.1f MB/s eta 0:00:00"
                % (p.replace("-", "_"), v, mb, mb, mb, rng.uniform(1, 300)))
    if r < 0.75:
        return "Requirement already satisfied: %s>=%s in /opt/conda/lib/python3.11/site-packages (from -r requirements.txt (line %d)) (%s)" % (
            p, v, rng.randint(1, 80), v)
    if r < 0.9:
        return "Successfully installed " + " ".join("%s-%d.%d.%d" % (rng.choice(PY_PKGS), rng.randint(0, 5), rng.randint(0, 30), rng.randint(0, 20)) for _ in range(rng.randint(2, 12)))
    return "  Using cached %s-%s-py3-none-any.whl (%d kB)" % (p.replace("-", "_"), v, rng.randint(5, 900))


def n_pytest(rng, color=False):
    path = py_test_path(rng)
    r = rng.random()
    if r < 0.45:
        outcome = rng.choices(["PASSED", "SKIPPED", "XFAIL"], weights=[30, 3, 1])[0]
        if color:
            outcome = ansi("32" if outcome == "PASSED" else "33", outcome)
        name = "%s::%stest_%s" % (path, ("Test%s::" % camel(rng)) if rng.random() < 0.4 else "", snake(rng, rng.randint(1, 4)))
        if rng.random() < 0.3:
            name += "[%s-%d]" % (rng.choice(["float32", "float64", "int64", "cpu", "cuda", "bfloat16"]), rng.randint(0, 64))
        return "%s %s [%3d%%]" % (name, outcome, rng.randint(0, 100))
    if r < 0.7:
        dots = "".join(rng.choices(".....................sx", k=rng.randint(5, 80)))
        return "%s %s%s [%3d%%]" % (path, dots, " " * rng.randint(0, 20), rng.randint(0, 100))
    if r < 0.8:
        return "  /opt/conda/lib/python3.11/site-packages/%s/%s.py:%d: %s: %s is deprecated" % (
            rng.choice(PY_PKGS).replace("-", "_"), rng.choice(WORDS), rng.randint(10, 3000),
            rng.choice(["DeprecationWarning", "UserWarning", "FutureWarning", "PendingDeprecationWarning"]), snake(rng))
    if r < 0.9:
        return "[gw%d] [%3d%%] PASSED %s::test_%s" % (rng.randint(0, 15), rng.randint(0, 100), path, snake(rng))
    return "%s::test_%s SKIPPED (%s) [%3d%%]" % (path, snake(rng), rng.choice(["requires CUDA", "flaky on CI", "needs network", "slow"]), rng.randint(0, 100))


def n_gha_misc(rng):
    return pick(rng, [
        (2, lambda r: ansi("36;1", "%s %s" % (r.choice(["python -m pytest", "pip install", "make", "bash .ci/run.sh", "export"]), snake(r)))),
        (2, lambda r: "  %s: %s" % (r.choice(["PYTHON_VERSION", "CUDA_VERSION", "BUILD_ENVIRONMENT", "GITHUB_TOKEN", "SCCACHE_BUCKET", "pythonLocation"]),
                                    r.choice(["3.11", "12.1", "linux-jammy-py3.11-gcc11", "***", "ossci-compiler-cache", "/opt/hostedtoolcache/Python/3.11.9/x64"]))),
        (1, lambda r: "shell: /usr/bin/bash -e {0}"),
        (1, lambda r: "[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +%s:refs/remotes/origin/main" % hexs(r, 40)),
        (1, lambda r: "Received %d of %d (%.1f%%), %.1f MBs/sec" % (r.randint(0, 10**8), 10**8, r.uniform(0, 100), r.uniform(1, 200))),
        (1, lambda r: "##[warning]%s is deprecated, please use %s" % (r.choice(["set-output", "save-state", "Node.js 16 actions"]), r.choice(WORDS))),
        (1, lambda r: "Cache restored from key: %s-%s" % (r.choice(["pip", "sccache", "conda", "npm"]), hexs(r, 64))),
    ])


def n_docker(rng):
    step = rng.randint(1, 40)
    return pick(rng, [
        (3, lambda r: "#%d [%s %d/%d] RUN %s" % (step, r.choice(["builder", "base", "stage-1", "runtime"]), r.randint(1, 9), 9,
                                                r.choice(["go mod download", "make build", "apt-get update && apt-get install -y ca-certificates", "npm ci", "pip install -r requirements.txt"]))),
        (3, lambda r: "#%d %.3f %s" % (step, r.uniform(0, 400), r.choice(["Get:%d http://archive.ubuntu.com/ubuntu jammy/main amd64 lib%s amd64 [%d kB]" % (r.randint(1, 300), r.choice(WORDS), r.randint(5, 900)),
                                                                         "go: downloading %s v1.%d.0" % (go_pkg(r).rsplit("/pkg", 1)[0], r.randint(0, 30)),
                                                                         "Setting up lib%s (%d.%d-1) ..." % (r.choice(WORDS), r.randint(1, 9), r.randint(0, 9))]))),
        (2, lambda r: "#%d DONE %.1fs" % (step, r.uniform(0, 120))),
        (1, lambda r: "#%d CACHED" % step),
        (1, lambda r: "#%d sha256:%s %.2fMB / %.2fMB %.1fs done" % (step, hexs(r, 64), r.uniform(0, 50), 50.0, r.uniform(0, 9))),
    ])


def n_npm(rng):
    return pick(rng, [
        (2, lambda r: "npm WARN deprecated %s@%d.%d.%d: This module is no longer supported." % (r.choice(["inflight", "glob", "rimraf", "request", "uuid"]), r.randint(1, 8), r.randint(0, 9), r.randint(0, 9))),
        (1, lambda r: "added %d packages, and audited %d packages in %ds" % (r.randint(100, 2000), r.randint(100, 2000), r.randint(2, 90))),
        (1, lambda r: "%d packages are looking for funding" % r.randint(10, 300)),
        (2, lambda r: "webpack %d.%d.%d compiled successfully in %d ms" % (5, r.randint(0, 90), r.randint(0, 9), r.randint(100, 90000))),
        (2, lambda r: " PASS  src/%s/%s.test.ts (%.3f s)" % (r.choice(WORDS), camel(r), r.uniform(0, 20))),
    ])


def n_cc(rng):
    return pick(rng, [
        (5, lambda r: "[%3d%%] Building CXX object %s/CMakeFiles/%s.dir/%s/%s.cpp.o" % (r.randint(0, 100), r.choice(["src", "lib", "third_party/fmt"]), r.choice(WORDS), r.choice(WORDS), snake(r))),
        (2, lambda r: "[%d/%d] Building C object CMakeFiles/%s.dir/src/%s.c.o" % (r.randint(1, 5000), 5000, r.choice(WORDS), snake(r))),
        (1, lambda r: "[%3d%%] Linking CXX shared library lib%s.so" % (r.randint(0, 100), r.choice(WORDS))),
        (1, lambda r: "src/%s/%s.cc:%d:%d: warning: unused variable '%s' [-Wunused-variable]" % (r.choice(WORDS), snake(r), r.randint(1, 900), r.randint(1, 80), r.choice(WORDS))),
        (1, lambda r: "      |         ^~~~~~~~"),
    ])


def n_curl_progress(rng):
    # carriage-return progress line like curl / wget print
    parts = ["%3d %5dk  %3d %5dk    0     0  %5dk      0 --:--:-- --:--:-- --:--:-- %5dk" % (p, 2381, p, p * 23, rng.randint(100, 9999), rng.randint(100, 9999))
             for p in sorted(rng.sample(range(0, 101), 6))]
    return "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" \
           "                                 Dload  Upload   Total   Spent    Left  Speed\n" + "\r".join(parts)


def n_maven(rng):
    g, a = rng.choice(JAVA_GROUPS), rng.choice(JAVA_ARTS)
    v = "%d.%d.%d" % (rng.randint(1, 5), rng.randint(0, 30), rng.randint(0, 9))
    url = "https://repo.maven.apache.org/maven2/%s/%s/%s/%s-%s" % (g.replace(".", "/"), a, v, a, v)
    return pick(rng, [
        (5, lambda r: "[INFO] Downloading from central: %s.%s" % (url, r.choice(["pom", "jar"]))),
        (5, lambda r: "[INFO] Downloaded from central: %s.%s (%d kB at %d kB/s)" % (url, r.choice(["pom", "jar"]), r.randint(1, 4000), r.randint(10, 9000))),
        (1, lambda r: "[INFO] --- %s:%s:%s (default-%s) @ %s ---" % (a, v, r.choice(["compile", "testCompile", "test", "resources", "jar"]), r.choice(["compile", "test"]), r.choice(JAVA_PROJECTS))),
        (1, lambda r: "[INFO] Compiling %d source files to /builds/workspace/%s/target/classes" % (r.randint(1, 900), r.choice(JAVA_PROJECTS))),
        (3, lambda r: "[INFO] Running %s" % java_class(r)),
        (3, lambda r: "[INFO] Tests run: %d, Failures: 0, Errors: 0, Skipped: %d, Time elapsed: %.3f s - in %s" % (r.randint(1, 80), r.choice([0, 0, 0, 1, 2]), r.uniform(0, 30), java_class(r))),
        (1, lambda r: "[WARNING] %s uses unchecked or unsafe operations." % (java_class(r).replace(".", "/") + ".java")),
        (1, lambda r: "[WARNING] 'build.plugins.plugin.version' for %s:%s is missing. @ line %d, column %d" % (g, a, r.randint(10, 500), r.randint(1, 20))),
        (1, lambda r: "[INFO] "),
        (1, lambda r: "Progress (1): %.1f/%.1f kB" % (r.uniform(0, 500), 500.0)),
        (4, lambda r: "%s %s [%s] %s - %s %s" % ("2024-%02d-%02d %02d:%02d:%02d,%03d" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999)),
                                                r.choice(["INFO ", "DEBUG", "INFO ", "WARN "]), r.choice(["main", "pool-1-thread-%d" % r.randint(1, 16)]), java_class(r),
                                                r.choice(["Processing", "Loaded", "Resolved", "Evaluating"]), snake(r))),
    ])


def n_gradle(rng):
    return pick(rng, [
        (4, lambda r: "> Task :%s:%s" % (r.choice(WORDS), r.choice(["compileJava", "processResources", "classes", "jar", "test", "compileTestJava", "checkstyleMain", "javadoc"]))),
        (1, lambda r: "> Task :%s:%s UP-TO-DATE" % (r.choice(WORDS), r.choice(["compileJava", "processResources", "classes"]))),
        (1, lambda r: "> Task :%s:%s NO-SOURCE" % (r.choice(WORDS), r.choice(["processTestResources", "compileGroovy"]))),
        (3, lambda r: "%s > test%s() PASSED" % (java_class(r), camel(r))),
        (1, lambda r: "Download https://plugins.gradle.org/m2/%s/%s/%d.%d/%s-%d.%d.jar" % (r.choice(JAVA_GROUPS).replace(".", "/"), r.choice(JAVA_ARTS), r.randint(1, 9), r.randint(0, 9), r.choice(JAVA_ARTS), r.randint(1, 9), r.randint(0, 9))),
        (1, lambda r: "<-------------> %d%% EXECUTING [%dm %ds]" % (r.randint(0, 99), r.randint(0, 9), r.randint(0, 59))),
    ])


def n_jenkins_shell(rng):
    return pick(rng, [
        (2, lambda r: " > git %s # timeout=10" % r.choice(["--version", "rev-parse --resolve-git-dir /builds/workspace/%s/.git" % r.choice(JAVA_PROJECTS), "config core.sparsecheckout", "checkout -f %s" % hexs(r, 40)])),
        (2, lambda r: "+ %s" % r.choice(["mvn -B -U clean install", "./gradlew build --no-daemon", "export JAVA_HOME=/usr/lib/jvm/java-11", "cd %s" % r.choice(JAVA_PROJECTS), "echo done"])),
        (1, lambda r: "[%s] $ /bin/sh -xe /tmp/jenkins%d.sh" % (r.choice(JAVA_PROJECTS), r.randint(10**17, 10**18))),
    ])


# ----------------------------------------------------------------------------------------
# Kinds: noise mixture, header, section markers, trailers
# ----------------------------------------------------------------------------------------

KINDS = {
    # name: (directory, base, weight in corpora, families for failure causes)
    "prow/ci-operator": (0.22, {"go", "k8s", "infra", "build"}),
    "gha/pytest":       (0.15, {"py", "infra", "gha"}),
    "gha/build":        (0.10, {"build", "js", "infra", "gha"}),
    "jenkins/maven":    (0.15, {"java", "infra", "build"}),
    "jenkins/gradle":   (0.07, {"java", "infra", "build"}),
    "plain/gotest":     (0.12, {"go"}),
    "plain/pytest":     (0.10, {"py"}),
    "plain/ginkgo":     (0.09, {"go", "k8s"}),
}
KIND_NAMES = list(KINDS)

NOISE = {
    "prow/ci-operator": [(30, n_go_test), (8, n_go_build), (15, n_klog), (15, n_ginkgo), (6, n_installer), (3, n_docker)],
    "gha/pytest": [(10, n_py_pip), (60, lambda r: n_pytest(r, color=r.random() < 0.3)), (6, n_gha_misc)],
    "gha/build": [(20, n_docker), (12, n_npm), (25, n_cc), (6, n_gha_misc), (5, n_go_build)],
    "jenkins/maven": [(40, n_maven), (2, n_jenkins_shell)],
    "jenkins/gradle": [(40, n_gradle), (10, n_maven), (2, n_jenkins_shell)],
    "plain/gotest": [(70, n_go_test), (5, n_go_build), (5, n_klog)],
    "plain/pytest": [(70, n_pytest), (5, n_py_pip)],
    "plain/ginkgo": [(60, n_ginkgo), (10, n_klog)],
}
POOL_ITEMS = 3000


class Clock:
    """Monotonic per-file wall clock for header/section lines."""

    def __init__(self, rng):
        self.t = 1704067200 + rng.randint(0, 365 * 86400)  # some time in 2024

    def tick(self, rng, lo=1, hi=120):
        self.t += rng.randint(lo, hi)
        return time.gmtime(self.t)

    def iso(self, rng):
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", self.tick(rng))


def header(kind, rng, clk):
    if kind == "prow/ci-operator":
        repo = rng.choice(GO_REPOS)
        return [
            "INFO[%s] ci-operator version v%s-%s" % (clk.iso(rng), time.strftime("%Y%m%d", time.gmtime(clk.t)), hexs(rng, 9)),
            "INFO[%s] Loading configuration from https://config.ci.openshift.org for %s/%s@main" % (clk.iso(rng), rng.choice(GO_ORGS), repo),
            "INFO[%s] Resolved source https://github.com/%s/%s to main@%s, merging: #%d %s @%s" % (clk.iso(rng), rng.choice(GO_ORGS), repo, hexs(rng, 8), rng.randint(1000, 9999), hexs(rng, 7), rng.choice(WORDS)),
            "INFO[%s] Using namespace https://console.build%02d.ci.openshift.org/k8s/cluster/projects/ci-op-%s" % (clk.iso(rng), rng.randint(1, 11), hexs(rng, 8)),
            "INFO[%s] Running [input:root], [input:ocp-4.16], src, bin, %s" % (clk.iso(rng), ", ".join(rng.sample(STEPS, 3))),
            "INFO[%s] Building src" % clk.iso(rng),
            "INFO[%s] Build src succeeded after %dm%ds" % (clk.iso(rng), rng.randint(1, 20), rng.randint(0, 59)),
        ]
    if kind.startswith("gha/"):
        return [
            "Current runner version: '2.3%02d.0'" % rng.randint(10, 40),
            "Runner name: '%s-%s'" % (rng.choice(["linux.2xlarge", "ubuntu-latest", "linux.g5.4xlarge.nvidia.gpu"]), hexs(rng, 8)),
            "##[group]GITHUB_TOKEN Permissions",
            "Contents: read", "Metadata: read",
            "##[endgroup]",
            "Secret source: Actions",
            "Prepare workflow directory",
            "Download action repository 'actions/checkout@v4' (SHA:%s)" % hexs(rng, 40),
            "##[group]Run actions/checkout@v4",
            "with:", "  repository: %s/%s" % (rng.choice(["pytorch", "example"]), rng.choice(["pytorch", "vision", "app"])),
            "##[endgroup]",
        ]
    if kind.startswith("jenkins/"):
        proj = rng.choice(JAVA_PROJECTS)
        return [
            rng.choice(["Started by timer", "Started by user admin", "Started by upstream project \"%s-nightly\" build number %d" % (proj, rng.randint(10, 3000)),
                        "Started by GitHub push by %s" % rng.choice(WORDS)]),
            "Running as SYSTEM",
            "[EnvInject] - Loading node environment variables.",
            "Building remotely on %s-builder%02d (lin) in workspace /builds/workspace/%s" % (rng.choice(["sos", "ci", "ec2"]), rng.randint(1, 20), proj),
            "The recommended git tool is: NONE",
            "Cloning repository https://github.com/%s/%s.git" % (rng.choice(WORDS), proj),
            " > git init /builds/workspace/%s # timeout=10" % proj,
            "Checking out Revision %s (refs/remotes/origin/master)" % hexs(rng, 40),
            "[%s] $ /bin/sh -xe /tmp/jenkins%d.sh" % (proj, rng.randint(10**17, 10**18)),
            "+ %s" % ("mvn -B -U clean install" if kind == "jenkins/maven" else "./gradlew build --no-daemon --stacktrace"),
            "[INFO] Scanning for projects..." if kind == "jenkins/maven" else "Starting a Gradle Daemon (subsequent builds will be faster)",
        ]
    if kind == "plain/ginkgo":
        return ["Running Suite: Kubernetes e2e suite - /go/src/k8s.io/kubernetes/test/e2e",
                "===============================================================================",
                "Random Seed: %d - will randomize all specs" % rng.randint(10**9, 2 * 10**9),
                "Will run %d of %d specs" % (rng.randint(100, 900), rng.randint(4000, 7000))]
    if kind == "plain/pytest":
        return ["============================= test session starts ==============================",
                "platform linux -- Python 3.11.%d, pytest-8.%d.%d, pluggy-1.5.0" % (rng.randint(0, 9), rng.randint(0, 3), rng.randint(0, 3)),
                "rootdir: /workspace/%s" % rng.choice(WORDS),
                "plugins: xdist-3.6.1, hypothesis-6.%d.0, cov-5.0.0" % rng.randint(50, 110),
                "collected %d items" % rng.randint(200, 20000)]
    return ["go test -v -race -count=1 ./..."]


def section(kind, rng, clk):
    """A per-file marker line between noise segments (keeps times monotonic)."""
    if kind == "prow/ci-operator":
        s = "%s-%s" % (rng.choice(STEPS), rng.choice(["ipi-install", "ipi-conf", "setup", "wait", "pre", "test-setup"]))
        t = clk.iso(rng)
        return ["INFO[%s] Running step %s." % (t, s),
                "INFO[%s] Step %s succeeded after %dm%ds." % (clk.iso(rng), s, rng.randint(0, 59), rng.randint(0, 59))]
    if kind.startswith("gha/"):
        return ["##[endgroup]", "##[group]Run %s" % rng.choice(["pip install -r requirements.txt", "python -m pytest -n 4 tests/", "make -j8", "docker buildx build .", "npm ci"])]
    if kind == "jenkins/maven":
        return ["[INFO] ", "[INFO] -------------------< com.example:%s >-------------------" % rng.choice(JAVA_PROJECTS),
                "[INFO] Building %s %d.%d.%d-SNAPSHOT [%d/%d]" % (rng.choice(JAVA_PROJECTS), rng.randint(1, 5), rng.randint(0, 9), 0, rng.randint(1, 9), 9),
                "[INFO] --------------------------------[ jar ]---------------------------------"]
    if kind == "jenkins/gradle":
        return ["", "> Configure project :%s" % rng.choice(WORDS)]
    if kind == "plain/ginkgo":
        return ["------------------------------"]
    if kind == "plain/pytest":
        return ["%s %s" % (py_test_path(rng), "." * rng.randint(1, 60))]
    return ["PASS", "ok  \t%s\t%.3fs" % (go_pkg(rng), rng.uniform(0.1, 200))]


def trailer(kind, rng, clk, failed):
    n_pass = rng.randint(200, 9000)
    if kind == "prow/ci-operator":
        if failed:
            s = rng.choice(STEPS)
            return ["INFO[%s] Step %s-test failed after %dm%ds." % (clk.iso(rng), s, rng.randint(1, 90), rng.randint(0, 59)),
                    "INFO[%s] Running step %s-gather-must-gather." % (clk.iso(rng), s),
                    "ERRO[%s] Some steps failed:" % clk.iso(rng),
                    "ERRO[%s]   * could not run steps: step %s failed: \"%s\" test steps failed: \"%s\" pod \"%s-test\" failed: the pod ci-op-%s/%s-test failed after %dm%ds (failed containers: test): ContainerFailed one or more containers exited"
                    % (clk.iso(rng), s, s, s, s, hexs(rng, 8), s, rng.randint(1, 90), rng.randint(0, 59)),
                    "INFO[%s] Reporting job state 'failed' with reason 'executing_graph:step_failed:running_pod'" % clk.iso(rng),
                    "error: failed to execute wrapped command: exit status 1"]
        return ["INFO[%s] Step %s-test succeeded after %dm%ds." % (clk.iso(rng), rng.choice(STEPS), rng.randint(1, 90), rng.randint(0, 59)),
                "INFO[%s] Ran for %dh%dm%ds" % (clk.iso(rng), rng.randint(0, 3), rng.randint(0, 59), rng.randint(0, 59)),
                "INFO[%s] Reporting job state 'succeeded'" % clk.iso(rng)]
    if kind.startswith("gha/"):
        end = ["##[endgroup]"]
        if failed:
            end.append("##[error]Process completed with exit code %d." % rng.choice([1, 1, 1, 2, 255]))
        end += ["Post job cleanup.", "[command]/usr/bin/git version", "git version 2.%d.1" % rng.randint(30, 45),
                "Cleaning up orphan processes"]
        return end
    if kind == "jenkins/maven":
        res = "FAILURE" if failed else "SUCCESS"
        return ["[INFO] ------------------------------------------------------------------------",
                "[INFO] BUILD %s" % res,
                "[INFO] ------------------------------------------------------------------------",
                "[INFO] Total time:  %d:%02d min" % (rng.randint(0, 59), rng.randint(0, 59)),
                "[INFO] Finished at: 2024-%02d-%02dT%02d:%02d:%02d+02:00" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)),
                "[INFO] ------------------------------------------------------------------------"] + (
            ["[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.2:test (default-test) on project %s: There are test failures." % rng.choice(JAVA_PROJECTS),
             "[ERROR] ", "[ERROR] Please refer to /builds/workspace/x/target/surefire-reports for the individual test results.",
             "[ERROR] -> [Help 1]", "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException",
             "Build step 'Execute shell' marked build as failure"] if failed else []) + [
            "[WS-CLEANUP] Deleting project workspace...", "[WS-CLEANUP] done", "Finished: %s" % res]
    if kind == "jenkins/gradle":
        if failed:
            return ["", "FAILURE: Build failed with an exception.", "", "* What went wrong:",
                    "Execution failed for task ':%s:test'." % rng.choice(WORDS),
                    "> There were failing tests. See the report at: file:///builds/workspace/x/build/reports/tests/test/index.html",
                    "", "BUILD FAILED in %dm %ds" % (rng.randint(0, 59), rng.randint(0, 59)),
                    "%d actionable tasks: %d executed, %d up-to-date" % (40, rng.randint(1, 40), rng.randint(0, 39)),
                    "Build step 'Invoke Gradle script' marked build as failure", "Finished: FAILURE"]
        return ["", "BUILD SUCCESSFUL in %dm %ds" % (rng.randint(0, 59), rng.randint(0, 59)),
                "%d actionable tasks: %d executed" % (40, rng.randint(1, 40)), "Finished: SUCCESS"]
    if kind == "plain/ginkgo":
        if failed:
            return []  # finale carries the summary
        return ["", "Ran %d of %d Specs in %.3f seconds" % (n_pass, n_pass + 4000, rng.uniform(100, 5000)),
                "SUCCESS! -- %d Passed | 0 Failed | 0 Pending | %d Skipped" % (n_pass, 4000), "PASS"]
    if kind == "plain/pytest":
        if failed:
            return []
        return ["=========== %d passed, %d skipped, %d warnings in %.2fs ===========" % (n_pass, rng.randint(0, 200), rng.randint(0, 90), rng.uniform(5, 4000))]
    if failed:
        return []
    return ["PASS", "ok  \t%s\t%.3fs" % (go_pkg(rng), rng.uniform(0.1, 300))]


def finale(kind, rng, clk):
    """Test-runner failure summary lines for a failing log (placed just before the trailer)."""
    out = []
    gotest = lambda: [  # noqa: E731
        "--- FAIL: Test%s (%s)" % (camel(rng, 2), dur(rng, 0.01, 120)),
        "    %s:%d: expected %d, got %d" % (go_file(rng).replace(".go", "_test.go"), rng.randint(10, 900), rng.randint(0, 9), rng.randint(10, 99)),
        "FAIL",
        "FAIL\t%s\t%.3fs" % (go_pkg(rng), rng.uniform(0.1, 500)),
    ]
    ginkgo = lambda n: (  # noqa: E731
        sum([["\u2022 Failure [%.3f seconds]" % rng.uniform(1, 900),
              "[%s] %s should %s [Suite:openshift/conformance/parallel]" % (rng.choice(SIG), camel(rng), snake(rng).replace("_", " ")),
              "/go/src/k8s.io/kubernetes/test/e2e/%s/%s:%d" % (rng.choice(WORDS), go_file(rng), rng.randint(10, 3000))] for _ in range(n)], [])
        + ["", "Summarizing %d Failure%s:" % (n, "s" if n > 1 else "")]
        + ["[FAIL] [%s] %s should %s" % (rng.choice(SIG), camel(rng), snake(rng).replace("_", " ")) for _ in range(n)]
        + ["", "Ran %d of %d Specs in %.3f seconds" % (rng.randint(100, 900), rng.randint(4000, 7000), rng.uniform(100, 5000)),
           "FAIL! -- %d Passed | %d Failed | 0 Pending | %d Skipped" % (rng.randint(100, 900), n, rng.randint(3000, 6000)),
           "--- FAIL: TestE2E (%.2fs)" % rng.uniform(100, 7000), "FAIL"])
    pytest_sum = lambda n: (  # noqa: E731
        ["=========================== short test summary info ============================"]
        + ["FAILED %s::test_%s - %s" % (py_test_path(rng), snake(rng), rng.choice([
            "AssertionError: assert %d == %d" % (rng.randint(0, 9), rng.randint(10, 99)),
            "AssertionError: Tensor-likes are not close!", "ValueError: invalid literal for int() with base 10: '%s'" % rng.choice(WORDS),
            "KeyError: '%s'" % rng.choice(WORDS), "TimeoutError"])) for _ in range(n)]
        + ["=========== %d failed, %d passed, %d skipped in %.2fs ===========" % (n, rng.randint(100, 9000), rng.randint(0, 90), rng.uniform(5, 4000))])
    if kind == "prow/ci-operator":
        out += gotest() if rng.random() < 0.5 else ginkgo(rng.randint(1, 3))
        if rng.random() < 0.5:
            out.append("make: *** [Makefile:%d: test-e2e] Error 1" % rng.randint(20, 400))
    elif kind == "plain/gotest":
        out += gotest()
    elif kind == "plain/ginkgo":
        out += ginkgo(rng.randint(1, 4))
    elif kind in ("plain/pytest", "gha/pytest"):
        out += pytest_sum(rng.randint(1, 4))
    elif kind == "jenkins/maven":
        t = java_class(rng)
        out += ["[ERROR] Tests run: %d, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: %.3f s <<< FAILURE! - in %s" % (rng.randint(2, 60), rng.uniform(0, 60), t),
                "[ERROR] test%s(%s)  Time elapsed: %.3f s  <<< FAILURE!" % (camel(rng), t, rng.uniform(0, 5)),
                "java.lang.AssertionError: expected:<%d> but was:<%d>" % (rng.randint(0, 9), rng.randint(10, 99)),
                "\tat org.junit.Assert.fail(Assert.java:89)",
                "\tat org.junit.Assert.failNotEquals(Assert.java:835)",
                "[INFO] ", "[INFO] Results:", "[INFO] ",
                "[ERROR] Tests run: %d, Failures: 1, Errors: %d, Skipped: %d" % (rng.randint(100, 3000), rng.randint(0, 2), rng.randint(0, 9))]
    elif kind == "jenkins/gradle":
        out += ["%s > test%s() FAILED" % (java_class(rng), camel(rng)),
                "    java.lang.AssertionError at %s.java:%d" % (camel(rng), rng.randint(10, 900)),
                "%d tests completed, %d failed, %d skipped" % (rng.randint(100, 3000), rng.randint(1, 4), rng.randint(0, 9))]
    return out


# ----------------------------------------------------------------------------------------
# Failure causes: (id, families, render(rng, kind) -> list of lines)
# ----------------------------------------------------------------------------------------

def _goroutines(rng, n=3):
    out = []
    for i in range(n):
        out += ["", "goroutine %d [%s]:" % (rng.randint(1, 5000), rng.choice(["running", "chan receive", "select", "IO wait", "semacquire"])),
                "%s.(*%s).%s(0x%s, 0x%s)" % (go_pkg(rng), camel(rng), camel(rng), hexs(rng, 10), hexs(rng, 10)),
                "\t/go/src/%s/%s:%d +0x%x" % (go_pkg(rng), go_file(rng), rng.randint(10, 3000), rng.randint(0, 4096))]
    return out


def _pytb(rng, exc):
    out = ["Traceback (most recent call last):"]
    for _ in range(rng.randint(2, 6)):
        out += ['  File "/opt/conda/lib/python3.11/site-packages/%s/%s.py", line %d, in %s' % (rng.choice(PY_PKGS).replace("-", "_"), rng.choice(WORDS), rng.randint(1, 3000), snake(rng)),
                "    %s = %s(%s)" % (rng.choice(WORDS), snake(rng), rng.choice(WORDS))]
    out.append(exc)
    return out


def _gha_err(kind, msg):
    return ("##[error]" + msg) if kind.startswith("gha/") else msg


CAUSES = [
    ("oomkilled", {"k8s"}, lambda r, k: [
        "  Last State:     Terminated", "    Reason:       OOMKilled", "    Exit Code:    137",
        "Container %s in pod %s-%s was OOMKilled (memory limit %dGi)" % (r.choice(["test", "setup", "e2e"]), r.choice(WORDS), hexs(r, 5), r.choice([2, 4, 8, 16]))]),
    ("oom_kernel", {"infra", "build"}, lambda r, k: [
        "[%d.%06d] Out of memory: Killed process %d (%s) total-vm:%dkB, anon-rss:%dkB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:%dkB oom_score_adj:0"
        % (r.randint(1000, 99999), r.randint(0, 999999), r.randint(100, 99999), r.choice(["java", "cc1plus", "python3", "node", "go"]), r.randint(10**6, 10**8), r.randint(10**6, 10**8), r.randint(100, 9000))]),
    ("cuda_oom", {"py"}, lambda r, k: _pytb(r, "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate %.2f GiB. GPU 0 has a total capacity of %.2f GiB of which %.2f MiB is free."
                                            % (r.uniform(0.1, 8), r.choice([15.78, 22.05, 39.39, 79.15]), r.uniform(1, 900)))),
    ("java_oom", {"java"}, lambda r, k: [
        "Exception in thread \"pool-%d-thread-%d\" java.lang.OutOfMemoryError: Java heap space" % (r.randint(1, 9), r.randint(1, 32)),
        "\tat java.base/java.util.Arrays.copyOf(Arrays.java:%d)" % r.randint(3000, 3600),
        "\tat %s.%s(%s.java:%d)" % (java_class(r), r.choice(WORDS), camel(r), r.randint(10, 900))]),
    ("exit137", {"infra", "k8s", "build", "java"}, lambda r, k: [
        _gha_err(k, "%s terminated with exit code 137" % r.choice(["command", "container \"test\"", "script"]))]),
    ("go_timeout", {"go"}, lambda r, k: ["panic: test timed out after %s" % r.choice(["2h0m0s", "10m0s", "30m0s", "1h30m0s"]),
                                         "running tests:", "\tTest%s (%s)" % (camel(r), r.choice(["2h0m0s", "9m59s", "29m58s"]))] + _goroutines(r, 2)),
    ("ctx_deadline", {"go", "k8s", "infra"}, lambda r, k: [
        klog(r, "E", "\"Unhandled Error\" err=\"failed to %s %s/%s: context deadline exceeded\"" % (r.choice(["list", "watch", "update", "get"]), r.choice(WORDS), r.choice(WORDS)))
        if r.random() < 0.5 else "    %s:%d: failed waiting for %s: context deadline exceeded" % (go_file(r), r.randint(10, 900), r.choice(WORDS))]),
    ("dial_timeout", {"infra", "go"}, lambda r, k: [
        "Get \"https://%s:%d/api/v1/namespaces/%s/pods\": dial tcp %s:%d: i/o timeout" % (ip(r), 443, r.choice(WORDS), ip(r), r.choice([443, 6443, 8443]))]),
    ("image_pull", {"k8s"}, lambda r, k: [
        "  Warning  Failed     %ds   kubelet  Failed to pull image \"quay.io/%s/%s:%s\": rpc error: code = Unknown desc = reading manifest %s in quay.io/%s/%s: manifest unknown"
        % (r.randint(1, 300), r.choice(GO_ORGS), r.choice(WORDS), hexs(r, 7), hexs(r, 7), r.choice(GO_ORGS), r.choice(WORDS)),
        "  Warning  Failed     %ds   kubelet  Error: ErrImagePull" % r.randint(1, 300),
        "  Normal   BackOff    %ds   kubelet  Back-off pulling image \"quay.io/%s/%s\"" % (r.randint(1, 300), r.choice(GO_ORGS), r.choice(WORDS)),
        "  Warning  Failed     %ds   kubelet  Error: ImagePullBackOff" % r.randint(1, 300)]),
    ("pull_rate_limit", {"infra", "build", "k8s"}, lambda r, k: [
        "Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"]),
    ("dns_nohost", {"infra", "go"}, lambda r, k: (lambda h: [
        "Error: initializing source docker://%s/%s:latest: pinging container registry %s: Get \"https://%s/v2/\": dial tcp: lookup %s on %s:53: no such host"
        % (h, r.choice(WORDS), h, h, h, ip(r))])("%s.example.com" % r.choice(["registry", "mirror", "artifacts"]))),
    ("dns_temp", {"infra", "py", "java"}, lambda r, k: [
        "urllib3.exceptions.NewConnectionError: <urllib3.connection.HTTPSConnection object at 0x7f%s>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution" % hexs(r, 10)
        if r.random() < 0.6 else "curl: (6) Could not resolve host: %s.example.com; Temporary failure in name resolution" % r.choice(WORDS)]),
    ("x509", {"infra", "go", "k8s"}, lambda r, k: [
        "Error: Get \"https://%s.example.com/v2/\": x509: certificate signed by unknown authority" % r.choice(["registry", "quay", "proxy"])]),
    ("conn_reset", {"infra", "go", "py"}, lambda r, k: [
        "error: read tcp %s:%d->%s:443: read: connection reset by peer" % (ip(r), r.randint(30000, 65000), ip(r))]),
    ("conn_refused", {"infra", "go", "k8s"}, lambda r, k: [
        "The connection to the server api.ci-op-%s.example.com:6443 was refused - did you specify the right host or port?" % hexs(r, 8),
        "Get \"https://%s:6443/healthz\": dial tcp %s:6443: connect: connection refused" % (ip(r), ip(r))]),
    ("gh_rate_limit", {"infra", "gha", "build"}, lambda r, k: [
        _gha_err(k, "API rate limit exceeded for installation ID %d." % r.randint(10**6, 10**8))]),
    ("nil_deref", {"go"}, lambda r, k: ["panic: runtime error: invalid memory address or nil pointer dereference",
                                        "[signal SIGSEGV: segmentation violation code=0x1 addr=0x%x pc=0x%s]" % (r.randint(0, 64), hexs(r, 7))] + _goroutines(r, 3)),
    ("concurrent_map", {"go"}, lambda r, k: ["fatal error: concurrent map writes"] + _goroutines(r, 2)),
    ("data_race", {"go"}, lambda r, k: [
        "==================", "WARNING: DATA RACE",
        "Write at 0x00c%s by goroutine %d:" % (hexs(r, 9), r.randint(1, 900)),
        "  %s.(*%s).%s()" % (go_pkg(r), camel(r), camel(r)), "      /go/src/%s/%s:%d +0x%x" % (go_pkg(r), go_file(r), r.randint(1, 900), r.randint(0, 999)),
        "Previous read at 0x00c%s by goroutine %d:" % (hexs(r, 9), r.randint(1, 900)),
        "==================", "    testing.go:1398: race detected during execution of test"]),
    ("py_traceback", {"py"}, lambda r, k: _pytb(r, r.choice(["KeyError: '%s'" % r.choice(WORDS), "ValueError: %s" % snake(r),
                                                             "RuntimeError: %s failed!" % snake(r), "AttributeError: 'NoneType' object has no attribute '%s'" % r.choice(WORDS)]))),
    ("module_not_found", {"py"}, lambda r, k: _pytb(r, "ModuleNotFoundError: No module named '%s'" % r.choice(["foo", "torch._C", "yaml", "numpy.core._multiarray_umath", r.choice(WORDS)]))),
    ("segfault", {"build", "py", "infra"}, lambda r, k: [
        "/bin/bash: line %d: %d Segmentation fault      (core dumped) %s" % (r.randint(1, 99), r.randint(100, 99999), r.choice(["python test/run_test.py", "./bin/test_runner", "ctest --output-on-failure"]))]),
    ("no_space", {"infra", "build", "java", "py"}, lambda r, k: [r.choice([
        "OSError: [Errno 28] No space left on device: '/tmp/%s'" % snake(r),
        "cp: error writing '/workspace/%s.tar': No space left on device" % r.choice(WORDS),
        "failed to register layer: write /var/lib/docker/overlay2/%s/diff/usr/lib/%s.so: no space left on device" % (hexs(r, 64), r.choice(WORDS))])]),
    ("lease", {"k8s"}, lambda r, k: [klog(r, "E", "failed to renew lease %s/%s: timed out waiting for the condition" % (r.choice(["kube-system", "openshift-etcd"]), r.choice(WORDS)))]),
    ("gcp_quota", {"infra", "k8s"}, lambda r, k: [
        "ERROR: (gcloud.compute.instances.create) Could not fetch resource:",
        " - Quota '%s' exceeded.  Limit: %.1f in region %s." % (r.choice(QUOTAS), r.choice([8.0, 24.0, 96.0, 500.0]), r.choice(REGIONS))]),
    ("make_error", {"build", "go"}, lambda r, k: [
        "make[%d]: *** [Makefile:%d: %s] Error %d" % (r.randint(1, 3), r.randint(10, 900), r.choice(["all", "build", "test", "verify"]), r.choice([1, 2])),
        "make: *** [Makefile:%d: %s] Error 2" % (r.randint(10, 900), r.choice(["all", "build", "test"]))]),
    ("compiler_error", {"build", "go", "java"}, lambda r, k: [
        "src/%s/%s.cc:%d:%d: error: %s" % (r.choice(WORDS), snake(r), r.randint(1, 900), r.randint(1, 80), r.choice([
            "'%s' was not declared in this scope" % r.choice(WORDS), "no matching function for call to '%s(int)'" % snake(r),
            "expected ';' before '}' token", "use of undeclared identifier '%s'" % r.choice(WORDS)])),
        r.choice([
        "%s/%s:%d:%d: undefined: %s" % (r.choice(["pkg", "cmd", "internal"]), go_file(r), r.randint(1, 900), r.randint(1, 80), camel(r)),
        "[ERROR] /builds/workspace/%s/src/main/java/%s.java:[%d,%d] cannot find symbol" % (r.choice(JAVA_PROJECTS), java_class(r).replace(".", "/"), r.randint(1, 900), r.randint(1, 80)),
        "error[E0425]: cannot find value `%s` in this scope" % r.choice(WORDS)]),
        "%d error%s generated." % ((1, "") if r.random() < 0.5 else (r.randint(2, 20), "s"))]),
    ("docker_solve", {"build"}, lambda r, k: [
        "ERROR: failed to solve: process \"/bin/sh -c %s\" did not complete successfully: exit code: %d" % (r.choice(["make", "make build", "go build ./...", "npm ci"]), r.choice([1, 2, 127]))]),
    ("npm_err", {"js"}, lambda r, k: ["npm ERR! code ELIFECYCLE", "npm ERR! errno 1",
                                      "npm ERR! %s@%d.%d.%d %s: `%s`" % (r.choice(WORDS), r.randint(0, 9), r.randint(0, 9), r.randint(0, 9), r.choice(["build", "test"]), r.choice(["webpack", "jest --ci"])),
                                      "npm ERR! A complete log of this run can be found in: /home/runner/.npm/_logs/2024-05-01T12_34_56_789Z-debug-0.log"]),
    ("canceled", {"gha", "infra"}, lambda r, k: [_gha_err(k, "The operation was canceled.")]),
    ("etcd_timeout", {"k8s"}, lambda r, k: ["Error from server: etcdserver: request timed out"]),
    ("crashloop", {"k8s"}, lambda r, k: [
        "%s-%s-%s   0/1     CrashLoopBackOff   %d (%ds ago)   %dm" % (r.choice(WORDS), hexs(r, 9), hexs(r, 5), r.randint(1, 30), r.randint(1, 300), r.randint(1, 90))]),
    ("insufficient_mem", {"k8s"}, lambda r, k: [
        "  Warning  FailedScheduling  %ds  default-scheduler  0/%d nodes are available: %d Insufficient memory. preemption: 0/%d nodes are available: %d No preemption victims found for incoming pod."
        % ((r.randint(1, 300),) + (lambda n: (n, n, n, n))(r.randint(1, 9)))]),
    ("unexpected_eof", {"infra", "go"}, lambda r, k: ["error: error reading %s: unexpected EOF" % r.choice(["response body", "tar header", "layer blob"])]),
    ("java_npe", {"java"}, lambda r, k: [
        "Exception in thread \"main\" java.lang.NullPointerException",
        "\tat %s.%s(%s.java:%d)" % (java_class(r), r.choice(WORDS), camel(r), r.randint(10, 900)),
        "\tat %s.main(Main.java:%d)" % (java_class(r), r.randint(10, 99))]),
    ("asan", {"build"}, lambda r, k: (lambda pid: [
        "=================================================================",
        "==%d==ERROR: AddressSanitizer: heap-use-after-free on address 0x60%s at pc 0x55%s bp 0x7ff%s sp 0x7ff%s" % (pid, hexs(r, 10), hexs(r, 10), hexs(r, 9), hexs(r, 9)),
        "READ of size %d at 0x60%s thread T0" % (r.choice([1, 4, 8]), hexs(r, 10)),
        "    #0 0x55%s in %s src/%s.cc:%d" % (hexs(r, 10), snake(r), r.choice(WORDS), r.randint(1, 900)),
        "SUMMARY: AddressSanitizer: heap-use-after-free src/%s.cc:%d in %s" % (r.choice(WORDS), r.randint(1, 900), snake(r)),
        "==%d==ABORTING" % pid])(r.randint(100, 99999))),
]
CAUSE_IDS = [c[0] for c in CAUSES]

# Transient-error lines that show up in passing logs (retried and recovered)
BENIGN = [
    lambda r: "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'ProtocolError('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))': /simple/%s/" % r.choice(PY_PKGS),
    lambda r: klog(r, "W", "reflector.go:%d: watch of *v1.%s ended with: an error on the server (\"unable to decode an event from the watch stream: http2: client connection lost\")" % (r.randint(100, 600), camel(r, 1))),
    lambda r: "Retrying in %d seconds after error: Get \"https://%s:443/\": net/http: TLS handshake timeout" % (r.randint(1, 30), ip(r)),
    lambda r: "[WARNING] Could not transfer metadata %s:%s/maven-metadata.xml from/to snapshots: transfer failed, retrying" % (r.choice(JAVA_GROUPS), r.choice(JAVA_ARTS)),
    lambda r: "    %s:%d: attempt %d failed, will retry: 503 Service Unavailable" % (go_file(r), r.randint(1, 900), r.randint(1, 4)),
]

# Invalid UTF-8 lines (and one that also carries a failure phrase)
INVALID_UTF8 = [
    b"Downloading artifact caf\xe9-r\xe9sum\xe9-latin1.tar.gz",
    b"\xff\xfe b\x01i\x02n\x7f binary junk \x80\x81\x82\xfe\xff from test output",
    b"truncated multibyte sequence here \xe2\x82 and there \xf0\x9f\x98",
    b"overlong encodings \xc0\xaf\xe0\x80\xaf and surrogate \xed\xa0\x80 in path /tmp/\xc3(",
    b"stderr: \x1b[31m\xa0\xa1 garbled locale output: Fehler beim \xd6ffnen der Datei \x1b[0m",
    b"log line cut in the middle of a char \xe4\xb8",
    b"read: connection reset by peer \xff\xfe(invalid bytes after the match)",
]


def long_json_line(rng, nbytes):
    """One minified JSON line of about nbytes."""
    items = []
    size = 0
    i = 0
    while size < nbytes:
        d = {"id": i, "name": "%s-%s" % (rng.choice(WORDS), hexs(rng, 6)), "ok": rng.random() < 0.9,
             "dur_ms": rng.randint(0, 99999), "tags": rng.sample(WORDS, 3),
             "meta": {"node": "ip-%s.ec2.internal" % ip(rng).replace(".", "-"), "sha": hexs(rng, 40)}}
        s = json.dumps(d, separators=(",", ":"), sort_keys=True)
        items.append(s)
        size += len(s) + 1
        i += 1
    return '{"kind":"TestReport","apiVersion":"v1","results":[' + ",".join(items) + "]}"


# ----------------------------------------------------------------------------------------
# Pools
# ----------------------------------------------------------------------------------------

class Pools:
    def __init__(self, seed):
        rng = random.Random("pools-%s" % seed)
        self.items = {}
        self.avg = {}
        self.lines_per_item = {}
        for kind in KIND_NAMES:
            gens = NOISE[kind]
            weights = [w for w, _ in gens]
            items = []
            for _ in range(POOL_ITEMS):
                g = rng.choices(gens, weights=weights)[0][1]
                items.append((g(rng) + "\n").encode("utf-8"))
            self.items[kind] = items
            nbytes = sum(map(len, items))
            nlines = sum(it.count(b"\n") for it in items)
            # stored bytes per item, counting the GitHub Actions timestamp prefix
            stamp = GhaStamper.WIDTH if kind.startswith("gha/") else 0
            self.avg[kind] = (nbytes + stamp * nlines) / len(items)
            self.lines_per_item[kind] = nlines / len(items)


# ----------------------------------------------------------------------------------------
# One log = list of byte chunks
# ----------------------------------------------------------------------------------------

class Spec:
    def __init__(self, kind, size, gz, failed, causes=None, crlf=False, invalid=False, nul=False,
                 longline=0, no_final_nl=False, multimember=False, empty=False, benign=False):
        self.kind, self.size, self.gz, self.failed = kind, size, gz, failed
        self.causes = causes or []
        self.crlf, self.invalid, self.nul, self.longline = crlf, invalid, nul, longline
        self.no_final_nl, self.multimember, self.empty, self.benign = no_final_nl, multimember, empty, benign


def lines_bytes(lines):
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


class GhaStamper:
    """Prefixes each line with a monotonic '2024-05-01T12:34:56.1234567Z ' timestamp."""
    WIDTH = len("2024-05-01T12:34:56.1234567Z ")
    INCS = [0] * 10 + list(range(1, 30000, 700)) + [10**5, 10**6, 5 * 10**6, 3 * 10**7]

    def __init__(self, rng, t0):
        self.rng = rng
        self.t = t0 * 10**7 + rng.randint(0, 10**7 - 1)
        self.cache = {}

    def _sec(self, s):
        p = self.cache.get(s)
        if p is None:
            if len(self.cache) > 4096:
                self.cache.clear()
            p = time.strftime("%Y-%m-%dT%H:%M:%S.", time.gmtime(s)).encode()
            self.cache[s] = p
        return p

    def stamp(self, data):
        lines = data.split(b"\n")
        tail = lines.pop()  # b"" when data ends with newline
        incs = self.rng.choices(self.INCS, k=len(lines))
        ts = list(itertools.accumulate(incs, initial=self.t))
        self.t = ts[-1]
        sec = self._sec
        out = b"".join([sec(t // 10**7) + b"%07dZ " % (t % 10**7) + ln + b"\n" for t, ln in zip(ts, lines)])
        return out + tail


def render(spec, pools, rng):
    """Return list of byte chunks of one log (each chunk ends at a line boundary)."""
    if spec.empty:
        return []
    kind = spec.kind
    clk = Clock(rng)
    head = lines_bytes(header(kind, rng, clk))

    # snippets: (position in [0,1], bytes)
    snippets = []
    for cid in spec.causes:
        fn = CAUSES[CAUSE_IDS.index(cid)][2]
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            pos = rng.uniform(0.85, 1.0) if rng.random() < 0.65 else rng.random()
            snippets.append((pos, lines_bytes(fn(rng, kind))))
    if spec.benign:
        for _ in range(rng.randint(1, 3)):
            snippets.append((rng.random(), lines_bytes([rng.choice(BENIGN)(rng)])))
    if spec.invalid:
        for b in rng.sample(INVALID_UTF8, rng.randint(2, 4)):
            snippets.append((rng.random(), b + b"\n"))
    if spec.nul:
        snippets.append((rng.uniform(0.3, 0.9), b"\x00" * rng.randint(8, 64) + b"[log truncated: file was preallocated]\x00\x00\n"))
        snippets.append((rng.random(), b"payload=\x00\x01\x02\x00 end\n"))
    if spec.longline:
        snippets.append((rng.uniform(0.2, 0.95), ("test-report: " + long_json_line(rng, spec.longline) + "\n").encode()))
    extra = (GhaStamper.WIDTH if kind.startswith("gha/") else 0) + (1 if spec.crlf else 0)

    def stored_len(b):  # bytes once timestamps / CRLF are added
        return len(b) + extra * b.count(b"\n")

    fixed = stored_len(head) + (2500 if spec.failed else 600) + sum(stored_len(b) for _, b in snippets)
    body_target = max(0, spec.size - fixed)

    pool = pools.items[kind]
    avg = pools.avg[kind] + (pools.lines_per_item[kind] if spec.crlf else 0)  # stored bytes per item
    # noise segments separated by section markers
    segs = []
    remaining = body_target
    while remaining > 0:
        seg_bytes = min(remaining, int(rng.uniform(20_000, 400_000)))
        k = max(1, int(seg_bytes / avg))
        seg = b"".join(rng.choices(pool, k=k))
        if rng.random() < 0.5:
            seg = lines_bytes(section(kind, rng, clk)) + seg
        segs.append(seg)
        remaining -= stored_len(seg)
    # place snippets at segment boundaries, splitting a segment at a line boundary when needed
    snippets.sort(key=lambda x: x[0])
    chunks = [head]
    total_body = sum(len(s) for s in segs) or 1
    si = 0
    done = 0
    for seg in segs:
        start = 0
        while si < len(snippets) and (snippets[si][0] * total_body) < done + len(seg):
            off = int(snippets[si][0] * total_body) - done
            cut = seg.find(b"\n", max(start, off)) + 1 if off > start else start
            if cut <= 0:
                cut = len(seg)
            chunks.append(seg[start:cut])
            chunks.append(snippets[si][1])
            start = cut
            si += 1
        chunks.append(seg[start:])
        done += len(seg)
    chunks.extend(b for _, b in snippets[si:])
    # rendered last so that their timestamps follow the section markers
    if spec.failed:
        chunks.append(lines_bytes(finale(kind, rng, clk)))
    chunks.append(lines_bytes(trailer(kind, rng, clk, spec.failed)))
    chunks = [c for c in chunks if c]

    # merge into ~1 MB blocks (bytes.join is cheap and gzip likes big writes)
    blocks, cur, cur_len = [], [], 0
    for c in chunks:
        cur.append(c)
        cur_len += len(c)
        if cur_len >= 1 << 20:
            blocks.append(b"".join(cur))
            cur, cur_len = [], 0
    if cur:
        blocks.append(b"".join(cur))

    if kind.startswith("gha/"):
        st = GhaStamper(rng, clk.t - 3600)
        blocks = [st.stamp(b) for b in blocks]
        blocks[0] = b"\xef\xbb\xbf" + blocks[0]  # GitHub's log downloads start with a BOM
    if spec.crlf:
        blocks = [b.replace(b"\n", b"\r\n") for b in blocks]
    if spec.no_final_nl and blocks:
        b = blocks[-1]
        blocks[-1] = b[:-2] if b.endswith(b"\r\n") else b.rstrip(b"\n")
    return blocks


# ----------------------------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------------------------

def write_file(path, blocks, gz, multimember=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    raw_len = sum(len(b) for b in blocks)
    with open(path, "wb") as f:
        if not gz:
            for b in blocks:
                f.write(b)
        elif multimember and raw_len > 1:
            # two gzip members; the split falls in the middle of a line on purpose
            data = b"".join(blocks)
            mid = len(data) // 2
            for part in (data[:mid], data[mid:]):
                with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=6, mtime=0, filename="") as g:
                    g.write(part)
        else:
            with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=6, mtime=0, filename="") as g:
                for b in blocks:
                    g.write(b)
    return raw_len, os.path.getsize(path)


def file_name(kind, idx, gz):
    d, base = kind.split("/")
    return os.path.join(d, "%s-%04d.log%s" % (base, idx, ".gz" if gz else ""))


# ----------------------------------------------------------------------------------------
# Plans
# ----------------------------------------------------------------------------------------

def pick_causes(rng, kind, n):
    fams = KINDS[kind][1]
    ok = [c[0] for c in CAUSES if c[1] & fams]
    return rng.sample(ok, min(n, len(ok)))


def random_spec(rng, size, gzip_ratio, messy=True):
    kind = rng.choices(KIND_NAMES, weights=[KINDS[k][0] for k in KIND_NAMES])[0]
    failed = rng.random() < 0.30
    gz = rng.random() < gzip_ratio
    s = Spec(kind, size, gz, failed,
             causes=pick_causes(rng, kind, rng.choice([1, 1, 2, 2, 3])) if failed else [],
             benign=(not failed) and rng.random() < 0.15)
    if kind.startswith("jenkins/"):
        s.crlf = rng.random() < 0.4
    if messy:
        s.invalid = rng.random() < 0.05
        s.nul = rng.random() < 0.005
        s.longline = rng.choice([20_000, 64_000, 300_000]) if rng.random() < 0.03 else 0
        s.no_final_nl = rng.random() < 0.05
        s.multimember = gz and rng.random() < 0.02
        s.empty = rng.random() < 0.003
    return s


def size_plan(rng, total, lo=100_000, hi=4_000_000):
    sizes = []
    left = total
    while left > 0:
        if rng.random() < 0.1:
            s = int(math.exp(rng.uniform(math.log(4_000), math.log(lo))))
        else:
            s = int(math.exp(rng.uniform(math.log(lo), math.log(hi))))
        if left - s < lo // 2:
            s = left
        s = min(s, left)
        sizes.append(s)
        left -= s
    return sizes


def sample_plan(rng):
    """The committed sample: every kind, every cause, every messy case."""
    kinds = ([("prow/ci-operator", 6), ("gha/pytest", 5), ("gha/build", 3), ("jenkins/maven", 4),
              ("jenkins/gradle", 2), ("plain/gotest", 4), ("plain/pytest", 3), ("plain/ginkgo", 3)])
    order = [k for k, n in kinds for _ in range(n)]
    rng.shuffle(order)
    specs = []
    for i, kind in enumerate(order):
        size = int(math.exp(rng.uniform(math.log(150_000), math.log(1_300_000))))
        specs.append(Spec(kind, size, True, False))
    # ~30% fail; make sure each kind has one failing log, then deal every cause out
    failing = []
    for k, _ in kinds:
        failing.append(next(i for i, s in enumerate(specs) if s.kind == k))
    rest = [i for i in range(len(specs)) if i not in failing]
    failing += rng.sample(rest, 2)
    for i in failing:
        specs[i].failed = True
    deck = CAUSE_IDS[:]
    rng.shuffle(deck)
    for cid in deck:  # give each cause to a failing log whose kind fits, the one with fewest causes
        fits = [i for i in failing if CAUSES[CAUSE_IDS.index(cid)][1] & KINDS[specs[i].kind][1]]
        i = min(fits, key=lambda j: (len(specs[j].causes), j))
        specs[i].causes.append(cid)
    for i in failing:
        if not specs[i].causes:
            specs[i].causes = pick_causes(rng, specs[i].kind, 2)
    passing = [i for i in range(len(specs)) if i not in failing]
    for i in rng.sample(passing, 4):
        specs[i].benign = True
    # plain (uncompressed) files: ~20%, the small ones
    by_size = sorted(range(len(specs)), key=lambda j: (specs[j].size, j))
    for j in by_size[:6]:
        specs[j].gz = False
    for s in specs:
        if s.kind.startswith("jenkins/"):
            s.crlf = True if rng.random() < 0.5 else s.crlf
    for k in ("jenkins/maven", "jenkins/gradle"):
        jen = [i for i, s in enumerate(specs) if s.kind == k]
        specs[jen[0]].crlf = True
        specs[jen[1]].crlf = False
    for i in rng.sample(range(len(specs)), 5):
        specs[i].invalid = True
    specs[rng.choice(range(len(specs)))].nul = True
    a, b = rng.sample(range(len(specs)), 2)
    specs[a].longline = 20_000
    specs[b].longline = 200_000
    for i in rng.sample(range(len(specs)), 4):
        specs[i].no_final_nl = True
    gzs = [i for i, s in enumerate(specs) if s.gz]
    specs[rng.choice(gzs)].multimember = True
    # an empty plain file and an empty gzip file
    specs.append(Spec("plain/gotest", 0, False, False, empty=True))
    specs.append(Spec("gha/pytest", 0, True, False, empty=True))
    return specs


# ----------------------------------------------------------------------------------------

def parse_size(s):
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b?|b)?\s*", s, re.I)
    if not m:
        raise argparse.ArgumentTypeError("bad size %r (use e.g. 16MB, 512KiB, 1GiB)" % s)
    num, unit = float(m.group(1)), (m.group(2) or "b").lower()
    if unit == "b":
        mult = 1
    else:
        p = "kmgt".index(unit[0]) + 1
        mult = 1024 ** p if "i" in unit else 1000 ** p
    return int(num * mult)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--size", type=parse_size, default=parse_size("16MB"), help="target UNCOMPRESSED total (default 16MB)")
    ap.add_argument("--single-file", action="store_true", help="write one big gzip log of the whole size")
    ap.add_argument("--gzip-ratio", type=float, default=0.8, help="fraction of files gzip'd (default 0.8)")
    ap.add_argument("--sample", action="store_true", help="the committed sample preset (ignores --size/--gzip-ratio)")
    a = ap.parse_args()

    t0 = time.perf_counter()
    pools = Pools(a.seed)
    master = random.Random(a.seed)
    n_files = raw_total = stored_total = 0

    if a.single_file:
        # one gzip stream made of many job logs of mixed kinds, written as we go
        path = os.path.join(a.out, "single", "mixed-0000.log.gz")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        sizes = size_plan(master, a.size, lo=500_000, hi=4_000_000)
        with open(path, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", compresslevel=6, mtime=0, filename="") as g:
            for i, size in enumerate(sizes):
                spec = random_spec(master, size, 1.0, messy=False)
                spec.invalid = master.random() < 0.05
                spec.longline = 20_000 if master.random() < 0.03 else 0
                for b in render(spec, pools, random.Random("%d-%d" % (a.seed, i))):
                    g.write(b)
                    raw_total += len(b)
        n_files, stored_total = 1, os.path.getsize(path)
    else:
        if a.sample:
            specs = sample_plan(master)
        else:
            specs = [random_spec(master, s, a.gzip_ratio) for s in size_plan(master, a.size)]
        for i, spec in enumerate(specs):
            blocks = render(spec, pools, random.Random("%d-%d" % (a.seed, i)))
            raw, stored = write_file(os.path.join(a.out, file_name(spec.kind, i, spec.gz)), blocks, spec.gz, spec.multimember)
            n_files += 1
            raw_total += raw
            stored_total += stored

    dt = time.perf_counter() - t0
    print("generate_corpus: %d files, %d bytes uncompressed (%.1f MB), %d bytes stored (%.1f MB), %.1f s"
          % (n_files, raw_total, raw_total / 1e6, stored_total, stored_total / 1e6, dt), file=sys.stderr)


if __name__ == "__main__":
    main()
