# logscan: `make scan` scans corpus/ with the built-in pattern set, `make test` runs every test.
# Both install the system packages they need first (see .ci/install-deps).
SWIFT ?= swift
RELEASE_BIN := .build/release/logscan

.PHONY: deps build scan test check bench-corpus clean

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

clean:
	rm -rf .build counts.jsonl
