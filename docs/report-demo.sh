#!/usr/bin/env bash
# Lays the committed corpus out as a Prow archive (logs/<job>/<build>/build-log.txt[.gz] beside a
# finished.json, builds spread over 14 days), scans it with labels and Prow times, and writes the
# reports the README shows. Used by the report tests and by `make report-demo`.
#   docs/report-demo.sh LOGSCAN OUTDIR
set -euo pipefail
logscan=$1
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out"
base=1763596800  # 2025-11-20T00:00:00Z
for file in "$root"/corpus/*/*; do
  ci=$(basename "$(dirname "$file")")
  name=$(basename "$file")
  kind=${name%%-*}
  number=$(echo "$name" | sed -E 's/^[a-z-]+-0*([0-9]+)\..*/\1/')
  build=$((1000 + number))
  dir="$out/logs/$ci-$kind/$build"
  mkdir -p "$dir"
  case "$name" in
    *.gz) cp "$file" "$dir/build-log.txt.gz" ;;
    *) cp "$file" "$dir/build-log.txt" ;;
  esac
  printf '{"timestamp": %d, "passed": false, "result": "FAILURE"}\n' $((base + (number % 14) * 86400 + number * 137)) > "$dir/finished.json"
done
"$logscan" scan -q --include 'build-log.txt*' --examples 1 --time-from prow \
  --label-path 'logs/(?<job>[^/]+)/(?<build>\d+)/' "$out/logs" -o "$out/counts.jsonl"
"$logscan" report top "$out/counts.jsonl" --by job --limit 3 > "$out/top.txt"
"$logscan" report new "$out/counts.jsonl" --since 2025-11-30 --html "$out/report.html" > "$out/new.txt"
