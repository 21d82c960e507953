#!/usr/bin/env bash
# Peer comparison on one corpus, all tools measured in the same run on the same files.
#
#   Benchmarks/Scripts/compare-peers.sh CORPUS_DIR [PATTERNS.yaml] [RUNS]
#
# CORPUS_DIR holds gzip'd and plain logs (e.g. from generate_corpus.py). A decompressed twin is
# made beside it (CORPUS_DIR.plain) so plain-text and gzip throughput are measured on the same
# content. Every figure is MB/s of UNCOMPRESSED bytes (10^6), the median of RUNS runs (default 3).
# Scanner output goes to a file, never /dev/null (GNU grep stops at the first match on /dev/null).
set -euo pipefail
corpus=${1:?usage: compare-peers.sh CORPUS_DIR [PATTERNS.yaml] [RUNS]}
patterns=${2:-patterns/ci-failures.yaml}
runs=${3:-3}
here=$(cd "$(dirname "$0")/../.." && pwd)
logscan=${LOGSCAN:-$here/.build/release/logscan}
work=$(mktemp -d /tmp/logscan-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

plain="${corpus%/}.plain"
if [ ! -d "$plain" ]; then
  echo "making decompressed twin $plain" >&2
  (cd "$corpus" && find . -type f -print0) | while IFS= read -r -d '' f; do
    mkdir -p "$plain/$(dirname "$f")"
    gzip -dcf -- "$corpus/$f" > "$plain/${f%.gz}"
  done
fi
bytes=$(find "$plain" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
stored=$(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

# The pattern set as PCRE regexes, one per line, each wrapped so inline flags cannot leak.
python3 - "$patterns" "$work" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
regexes = [p["regex"] for p in doc["patterns"]]
open(sys.argv[2] + "/wrapped.txt", "w").write("".join("(?:%s)\n" % r for r in regexes))
open(sys.argv[2] + "/alternation.txt", "w").write("|".join("(?:%s)" % r for r in regexes))
print(len(regexes), "patterns", file=sys.stderr)
PY
alternation=$(cat "$work/alternation.txt")

median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

measure() {  # measure NAME COMMAND...: prints "NAME<TAB>median seconds<TAB>MB/s"
  local name=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    local status=0
    "$@" > "$work/out" 2>"$work/err" || status=$?
    end=$(date +%s.%N)
    if [ "$status" -ge 2 ]; then  # 0/1 are match/no-match (or logscan's input errors); more is a failure
      printf '%s\tfailed (exit %s): %s\n' "$name" "$status" "$(head -c 200 "$work/err" | tr '\n' ' ')"
      return
    fi
    times+=("$(python3 -c "print($end - $start)")")
  done
  local m; m=$(median "${times[@]}")
  printf '%s\t%.2f\t%.0f\n' "$name" "$m" "$(python3 -c "print($bytes / 1e6 / $m)")"
}

{
echo "corpus: $corpus ($(find "$corpus" -type f | wc -l) files, $((bytes / 1000000)) MB uncompressed, $((stored / 1000000)) MB stored), $runs runs, median"
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
printf 'tool\tseconds\tMB/s\n'
measure "logscan gz --jobs 1"    "$logscan" scan -q --jobs 1 -p "$patterns" "$corpus"
measure "logscan gz --jobs 2"    "$logscan" scan -q --jobs 2 -p "$patterns" "$corpus"
measure "logscan plain --jobs 1" "$logscan" scan -q --jobs 1 -p "$patterns" "$plain"
measure "logscan plain --jobs 2" "$logscan" scan -q --jobs 2 -p "$patterns" "$plain"
if command -v rg >/dev/null; then
  # ripgrep's default engine rejects some PCRE syntax (lookbehind, backreferences): then use its PCRE2 mode.
  rgflags=(-c --no-unicode)
  echo x | rg "${rgflags[@]}" -f "$work/wrapped.txt" >/dev/null 2>&1 || [ $? -eq 1 ] || rgflags=(-P -c --no-unicode)
  measure "rg ${rgflags[*]} -f plain (any-match, 2 threads)" rg "${rgflags[@]}" -f "$work/wrapped.txt" "$plain"
  measure "rg -z ${rgflags[*]} -f gz (any-match, 2 threads)" rg -z "${rgflags[@]}" -f "$work/wrapped.txt" "$corpus"
else
  echo "rg: not installed (apt-get install ripgrep)" >&2
fi
measure "zcat | grep -aPc alternation (any-match, 1 core)" sh -c 'find "$0" -type f -print0 | xargs -0 zcat -f | LC_ALL=C.UTF-8 grep -aPc -e "$1"' "$corpus" "$alternation"
measure "zcat > /dev/null (1 core)" sh -c 'find "$0" -type f -print0 | xargs -0 zcat -f > /dev/null' "$corpus"
} | tee "$work/table.tsv"
