# logscan: `make scan` scans corpus/ with the built-in pattern set, `make test` runs every test.
# Both install the system packages they need first (see .ci/install-deps).
SWIFT ?= swift
RELEASE_BIN := .build/release/logscan

# Benchmarks write their corpus outside the repository.
BENCH_DIR ?= /tmp/logscan-bench-1GiB
BENCH_SIZE ?= 1GiB
BENCH_RUNS ?= 3

.PHONY: deps build scan test check bench clean

deps:
	@./.ci/install-deps

build: deps
	$(SWIFT) build -c release --product logscan

scan: build
	$(RELEASE_BIN) scan corpus/ -o counts.jsonl
	@echo "per-file counts written to counts.jsonl"

check: build
	$(RELEASE_BIN) check patterns/ci-failures.yaml

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	@command -v rg >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }
	@[ -d $(BENCH_DIR) ] || python3 Benchmarks/Scripts/generate_corpus.py --out $(BENCH_DIR) --size $(BENCH_SIZE)
	Benchmarks/Scripts/compare-peers.sh $(BENCH_DIR) patterns/ci-failures.yaml $(BENCH_RUNS)

clean:
	rm -rf .build counts.jsonl
