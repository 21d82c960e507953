# logscan: `make scan` scans corpus/ with the built-in pattern set, `make test` runs every test.
# Both install the system packages they need first (see .ci/install-deps).
SWIFT ?= swift
RELEASE_BIN := .build/release/logscan

# Benchmarks write their corpus, generated pattern sets and result tables outside the repository.
BENCH_DIR ?= /tmp/logscan-bench-1GiB
BENCH_SIZE ?= 1GiB
BENCH_RUNS ?= 3
PROW_REGEXES ?= ../shared/realdata/patterns/kubernetes-prow-buildlog-highlight-regexes.txt
LOGHUB_TEMPLATES ?= ../shared/realdata/patterns/loghub-templates
LOGHUB_SET ?= /tmp/logscan-loghub-templates.yaml
GENERATED_SET ?= /tmp/logscan-generated-10000.yaml

.PHONY: deps test-deps build scan test test-tsan test-asan test-spark test-deploy fuzz fuzz-build fuzz-smoke check bench bench-tools bench-corpus bench-patterns bench-state bench-hotpaths clean report-demo bench-novel bench-targets

deps:
	@./.ci/install-deps

# What the tests need beyond the build: InfluxDB, promtool, Chromium, curl and pandas for the report tests.
test-deps:
	@./.ci/install-deps --tests

build: deps
	$(SWIFT) build -c release --product logscan

scan: build
	$(RELEASE_BIN) scan corpus/ -o counts.jsonl
	@echo "per-file counts written to counts.jsonl"

check: build
	$(RELEASE_BIN) check patterns/ci-failures.yaml

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The whole suite under ThreadSanitizer, then under AddressSanitizer (with its leak checker), each
# in a build folder of its own. The CLI tests run the logscan built beside them, so the real
# process is instrumented too; a report fails the run (the sanitizers exit with status 66).
# LOGSCAN_SANITIZER tells the tests that peak RSS is the sanitizer's, not logscan's.
test-tsan: test-deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	LOGSCAN_SANITIZER=thread TSAN_OPTIONS=exitcode=66 $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan

test-asan: test-deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LOGSCAN_SANITIZER=address ASAN_OPTIONS=exitcode=66:detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp \
	  $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

# libFuzzer targets (Fuzz/README.md) under AddressSanitizer, in a build folder of their own so the
# product build is untouched; lld links them (gold fails on the sanitizer runtime's symbols).
FUZZ_BIN := .build-fuzz/release/logscan-fuzz
FUZZ_TARGETS ?= gzip json document pattern-file regex routes template baseline report
FUZZ_SECONDS ?= 600

fuzz-build: deps
	$(SWIFT) build -c release --product logscan-fuzz --scratch-path .build-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
	  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld -Xcc -fsanitize=fuzzer-no-link,address

# Each target for FUZZ_SECONDS (default 10 minutes), one after the other; corpora grow in FUZZ_WORK.
fuzz: fuzz-build
	Fuzz/run.sh $(FUZZ_BIN) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# What CI runs: every target for 10 s, a minute in all.
fuzz-smoke: fuzz-build
	FUZZ_WORK=$${FUZZ_WORK:-/tmp/logscan-fuzz-smoke} Fuzz/run.sh $(FUZZ_BIN) 10 $(FUZZ_TARGETS)

# deploy/spark/logscan_spark.py for real in Spark local mode (local[2], 127.0.0.1) on corpus/ with 3
# shards, against plain scans; installs a Java 17 runtime (apt) and pyspark (pip) if missing.
test-spark: build
	deploy/spark/test_spark_local.sh $(RELEASE_BIN)

# The Kubernetes manifests and Slurm scripts in deploy/: their exact commands on corpus/ with 3 shards
# (corpus/ at /archive in a private mount namespace, so root), merged, against one scan.
test-deploy: build
	deploy/test_jobs_local.sh $(RELEASE_BIN) 3

# logscan and its peers (ripgrep, grep/zgrep, a Python re loop, igzip/zcat) on the same corpus, for
# the curated set and for Prow's highlight regexes; tables also go to $(BENCH_DIR).<set>.tsv.
# SKIP_SLOW=1 skips the rg-once-per-pattern loop (see compare-peers.sh for the other knobs).
bench: build
	@$(MAKE) --no-print-directory bench-tools bench-corpus
	OUT_TSV=$(BENCH_DIR).ci-failures.tsv Benchmarks/Scripts/compare-peers.sh $(BENCH_DIR) patterns/ci-failures.yaml $(BENCH_RUNS)
	@if [ -f $(PROW_REGEXES) ]; then \
	  echo; echo "== Prow build-log highlight regexes ($(PROW_REGEXES))"; \
	  OUT_TSV=$(BENCH_DIR).prow-highlight.tsv Benchmarks/Scripts/compare-peers.sh $(BENCH_DIR) $(PROW_REGEXES) $(BENCH_RUNS); \
	else \
	  echo "skipping the Prow highlight regexes: $(PROW_REGEXES) not found"; \
	fi

# Peer tools the benchmarks run: ripgrep, igzip (Debian package isal), GNU time (peak RSS).
bench-tools:
	@need=""; \
	command -v rg >/dev/null 2>&1 || need="$$need ripgrep"; \
	command -v igzip >/dev/null 2>&1 || need="$$need isal"; \
	[ -x /usr/bin/time ] || need="$$need time"; \
	if [ -n "$$need" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "installing:$$need" >&2; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$need >/dev/null; \
	fi

bench-corpus:
	@[ -d $(BENCH_DIR) ] || python3 Benchmarks/Scripts/generate_corpus.py --out $(BENCH_DIR) --size $(BENCH_SIZE)

# Issue 19's speed targets, side by side with ripgrep and igzip on the same files, for the sets
# ripgrep's default engine takes: the Prow regexes, the curated set in portable syntax, and the
# loghub and 10,000 generated sets (written by bench-patterns) as shares of the first set's speed.
bench-targets: build
	@$(MAKE) --no-print-directory bench-tools bench-corpus
	python3 Benchmarks/Scripts/generate_patterns.py --count 10000 --seed 1 --out $(GENERATED_SET)
	@if [ -d $(LOGHUB_TEMPLATES) ]; then python3 Benchmarks/Scripts/loghub_templates_to_patterns.py $(LOGHUB_TEMPLATES) --out $(LOGHUB_SET); fi
	SETS_LARGE="$(LOGHUB_SET) $(GENERATED_SET)" OUT_TSV=$(BENCH_DIR).targets.tsv \
	  Benchmarks/Scripts/bench-targets.sh $(BENCH_DIR) $(BENCH_RUNS) $(PROW_REGEXES) Benchmarks/patterns/ci-failures-portable.yaml patterns/ci-failures.yaml

# Large pattern sets: loghub's 1,363 event templates and 10,000 generated CI-failure regexes, each
# compiled (logscan check, timed) and scanned over the corpus with --engine auto --jobs 2 (MB/s),
# after the curated set, which the others' throughput is compared with.
bench-patterns: build
	@$(MAKE) --no-print-directory bench-tools bench-corpus
	python3 Benchmarks/Scripts/generate_patterns.py --count 10000 --seed 1 --out $(GENERATED_SET)
	@if [ -d $(LOGHUB_TEMPLATES) ]; then \
	  python3 Benchmarks/Scripts/loghub_templates_to_patterns.py $(LOGHUB_TEMPLATES) --out $(LOGHUB_SET); \
	else \
	  echo "skipping the loghub set: $(LOGHUB_TEMPLATES) not found"; rm -f $(LOGHUB_SET); \
	fi
	Benchmarks/Scripts/bench-pattern-sets.sh $(BENCH_DIR) patterns/ci-failures.yaml $(LOGHUB_SET) $(GENERATED_SET)

# The state store: re-checking 100,000 unchanged small files, adding one pattern to the curated set
# over the corpus, and the store's size.
bench-state: build
	@$(MAKE) --no-print-directory bench-tools bench-corpus
	Benchmarks/Scripts/bench-state.sh $(BENCH_DIR) 100000 $(BENCH_RUNS)

# The package-benchmark suite (Benchmarks/Package.swift): inflate, prefilter scan, confirmation and
# JSONL writing on the committed corpus, with wall-clock, throughput and malloc counts.
bench-hotpaths: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

clean:
	rm -rf .build .build-fuzz .build-tsan .build-asan Benchmarks/.build counts.jsonl

# The report the README shows: the corpus as a Prow archive over 14 days (docs/report-demo.sh),
# its HTML page, and a screenshot of it by headless Chromium at 1280 px (docs/report.png).
REPORT_DEMO ?= /tmp/logscan-report-demo
report-demo: build
	docs/report-demo.sh $(RELEASE_BIN) $(REPORT_DEMO)
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking \
	  --user-data-dir=$(REPORT_DEMO)/profile --window-size=1280,2900 --screenshot=$(CURDIR)/docs/report.png \
	  file://$(REPORT_DEMO)/report.html 2>/dev/null
	@echo "report: $(REPORT_DEMO)/report.html; screenshot: docs/report.png"

# logscan novel: quality on the 30 cidiff cases (recall, lines, precision vs a set difference and
# LCS diff) and speed against scan on the benchmark corpus (Benchmarks/Scripts/bench-novel.sh).
bench-novel: build
	@$(MAKE) --no-print-directory bench-corpus
	Benchmarks/Scripts/bench-novel.sh $(BENCH_DIR) $(BENCH_RUNS)
