#!/usr/bin/env bash
# logscan novel (make bench-novel): its quality on the 30 real broken builds of ../shared/realdata
# (recall, lines to inspect and precision against the human ground truth, beside a naive set
# difference and LCS diff), and its speed: reading and templating every line of a corpus (building
# a baseline) against `scan` over the same files, medians of RUNS, MB/s of uncompressed bytes.
# Usage: bench-novel.sh CORPUS_DIR [RUNS] [JOBS]
set -euo pipefail
LOGSCAN=${LOGSCAN:-.build/release/logscan}
CORPUS=${1:?corpus directory (make bench-corpus)}
RUNS=${2:-3}
JOBS=${3:-2}
WORK=$(mktemp -d /tmp/logscan-bench-novel.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
seconds() { local start end; start=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc; }

echo "== quality on ../shared/realdata/logs/cidiff"
python3 Benchmarks/Scripts/novel_cidiff.py "$LOGSCAN" --json "$WORK/cidiff.json"

echo "== speed over $CORPUS (-j$JOBS, $RUNS runs, medians)"
bytes=$("$LOGSCAN" scan -q -j"$JOBS" "$CORPUS" | tail -1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["bytes"])')
scan=$(for _ in $(seq "$RUNS"); do seconds "$LOGSCAN" scan -q -j"$JOBS" "$CORPUS" -o /dev/null; done | median)
template=$(for _ in $(seq "$RUNS"); do seconds "$LOGSCAN" novel -q -j"$JOBS" --baseline "$CORPUS" --save-baseline "$WORK/b"; done | median)
novel=$(for _ in $(seq "$RUNS"); do seconds "$LOGSCAN" novel -q -j"$JOBS" --baseline "$WORK/b" "$CORPUS" -o /dev/null; done | median)
mb=$(echo "$bytes / 1000000" | bc -l)
printf '| run | seconds | MB/s | vs scan |\n|---|---:|---:|---:|\n'
printf '| scan (curated set) | %.2f | %.0f | 1.00 |\n' "$scan" "$(echo "$mb / $scan" | bc -l)"
printf '| novel --save-baseline (read + template every line) | %.2f | %.0f | %.2f |\n' "$template" "$(echo "$mb / $template" | bc -l)" "$(echo "$scan / $template" | bc -l)"
printf '| novel against that baseline (template + look up + rank) | %.2f | %.0f | %.2f |\n' "$novel" "$(echo "$mb / $novel" | bc -l)" "$(echo "$scan / $novel" | bc -l)"
echo "baseline: $(stat -c %s "$WORK/b") bytes for $(( ($(stat -c %s "$WORK/b") - 27) / 8 )) templates; $(printf '%.0f' "$mb") MB uncompressed"
