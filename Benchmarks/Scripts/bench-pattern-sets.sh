#!/usr/bin/env bash
# Large pattern sets: compile time and scan throughput of logscan on one corpus.
#
#   Benchmarks/Scripts/bench-pattern-sets.sh CORPUS_DIR SET.yaml...
#
# Per set: how long `logscan check [--engine auto] SET` takes (load + compile + examples), then one
# `logscan scan --engine auto --jobs 2 -p SET CORPUS_DIR` (JOBS=N to change; without --engine
# support, or with LOGSCAN_FLAGS_SUPPORTED=0, the default engine), with MB/s of UNCOMPRESSED
# bytes (10^6) over the wall time (compile included) and over the scan's own `elapsed_s`
# (from its summary record), and peak RSS. A set file that does not exist is skipped with a
# message. Output goes to a file, never /dev/null.
set -euo pipefail
corpus=${1:?usage: bench-pattern-sets.sh CORPUS_DIR SET.yaml...}
shift
here=$(cd "$(dirname "$0")/../.." && pwd)
logscan=${LOGSCAN:-$here/.build/release/logscan}
jobs=${JOBS:-2}
[ -x "$logscan" ] || { echo "bench-pattern-sets: $logscan not found (build it first)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "bench-pattern-sets: no such corpus directory: $corpus" >&2; exit 2; }
work=$(mktemp -d /tmp/logscan-bench-sets.XXXXXX)
trap 'rm -rf "$work"' EXIT

engine=()
case ${LOGSCAN_FLAGS_SUPPORTED:-auto} in
  0) ;;
  1) engine=(--engine auto) ;;
  *) "$logscan" scan --help 2>&1 | grep -q -e '--engine' && engine=(--engine auto) ;;
esac
check_help=$("$logscan" check --help 2>&1 || true)
check_p=()  # `check -p SET` if this logscan has it, else `check SET`
grep -q -e '-p, --patterns' <<<"$check_help" && check_p=(-p)
check_engine=()  # plan for the same engine as the scan
[ "${#engine[@]}" -gt 0 ] && grep -q -e '--engine' <<<"$check_help" && check_engine=("${engine[@]}")
timer=(); [ -x /usr/bin/time ] && timer=(/usr/bin/time -f %M -o "$work/rss")

echo "# corpus: $corpus ($(find "$corpus" -type f | wc -l) files); logscan scan --jobs $jobs ${engine[*]:-(default engine)}; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
printf 'set\tpatterns\tcheck s\tscan wall s\tMB\tMB/s wall\tMB/s scan (elapsed_s)\tpeak RSS MiB\tpatterns matched\n'
for set in "$@"; do
  if [ ! -f "$set" ]; then
    printf '%s\tskipped: file not found\n' "$set"
    continue
  fi
  n=$(python3 -c 'import sys, yaml; print(len(yaml.safe_load(open(sys.argv[1]))["patterns"]))' "$set" 2>/dev/null || grep -cv -e '^#' -e '^$' "$set")
  start=$EPOCHREALTIME
  status=0
  "$logscan" check "${check_engine[@]}" "${check_p[@]}" "$set" > "$work/check.out" 2>&1 || status=$?
  end=$EPOCHREALTIME
  if [ "$status" -ge 2 ]; then
    printf '%s\t%s\tfailed: logscan check exit %s: %s\n' "$set" "$n" "$status" "$(head -c 300 "$work/check.out" | tr '\n\t' '  ')"
    continue
  fi
  check_s=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
  start=$EPOCHREALTIME
  status=0
  "${timer[@]}" "$logscan" scan -q --jobs "$jobs" "${engine[@]}" -p "$set" "$corpus" > "$work/out.jsonl" 2> "$work/err" || status=$?
  end=$EPOCHREALTIME
  if [ "$status" -ge 2 ]; then
    printf '%s\t%s\t%s\tfailed: logscan scan exit %s: %s\n' "$set" "$n" "$check_s" "$status" "$(head -c 300 "$work/err" | tr '\n\t' '  ')"
    continue
  fi
  rss=-; [ -s "$work/rss" ] && rss=$(awk '{k=$1} END {printf "%.0f", k / 1024}' "$work/rss")
  tail -n 1 "$work/out.jsonl" | python3 -c '
import json, sys
s = json.loads(sys.stdin.read())
name, n, check_s, wall, rss = sys.argv[1:6]
wall = float(wall)
mb = s["bytes"] / 1e6
el = s.get("elapsed_s") or 0
print("%s\t%s\t%s\t%.2f\t%.0f\t%.1f\t%s\t%s\t%d" % (name, n, check_s, wall, mb, mb / wall if wall else 0,
      "%.1f" % (mb / el) if el else "-", rss, len(s.get("totals", {}))))
' "$set" "$n" "$check_s" "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.6f", b - a}')" "$rss"
done
