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
#
# Then, per set, the peer on the same files: `rg -c --no-unicode -f` (each regex wrapped as
# (?:...) by peer_patterns.py, --threads JOBS; it only says whether *any* pattern matched) and
# the same logscan scan, both over a sample of whole plain files from CORPUS_DIR/plain (about
# PEER_SAMPLE_BYTES, default 16000000: ripgrep takes about 80 s for 67 MB with 10,000 patterns),
# medians of PEER_RUNS (default 3). PEER_SAMPLE_BYTES=0 skips it.
set -euo pipefail
corpus=${1:?usage: bench-pattern-sets.sh CORPUS_DIR SET.yaml...}
shift
here=$(cd "$(dirname "$0")/../.." && pwd)
logscan=${LOGSCAN:-$here/.build/release/logscan}
jobs=${JOBS:-2}
peer_bytes=${PEER_SAMPLE_BYTES:-16000000}
peer_runs=${PEER_RUNS:-3}
[ -x "$logscan" ] || { echo "bench-pattern-sets: $logscan not found (build it first)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "bench-pattern-sets: no such corpus directory: $corpus" >&2; exit 2; }
work=$(mktemp -d /tmp/logscan-bench-sets.XXXXXX)
trap 'rm -rf "$work"' EXIT

engine=()
case ${LOGSCAN_FLAGS_SUPPORTED:-auto} in
  0) ;;
  1) engine=(--engine auto) ;;
  # The help is read whole first: `grep -q` closing the pipe early would make logscan exit on
  # SIGPIPE, and pipefail would then drop the flag.
  *) scan_help=$("$logscan" scan --help 2>&1 || true)
     grep -q -e '--engine' <<<"$scan_help" && engine=(--engine auto) ;;
esac
check_help=$("$logscan" check --help 2>&1 || true)
check_p=()  # `check -p SET` if this logscan has it, else `check SET`
grep -q -e '-p, --patterns' <<<"$check_help" && check_p=(-p)
check_engine=()  # plan for the same engine as the scan
[ "${#engine[@]}" -gt 0 ] && grep -q -e '--engine' <<<"$check_help" && check_engine=("${engine[@]}")
timer=(); [ -x /usr/bin/time ] && timer=(/usr/bin/time -f %M -o "$work/rss")

echo "# corpus: $corpus ($(find "$corpus" -type f | wc -l) files); logscan scan --jobs $jobs ${engine[*]:-(default engine)}; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
printf 'set\tpatterns\tcheck s\tscan wall s\tMB\tMB/s wall\tMB/s scan (elapsed_s)\tvs first set\tpeak RSS MiB\tpatterns matched\n'
first_rate=""  # the first set's scan MB/s: the other sets' ratio to it (the curated set, from make)
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
  row=$(tail -n 1 "$work/out.jsonl" | python3 -c '
import json, sys
s = json.loads(sys.stdin.read())
name, n, check_s, wall, rss = sys.argv[1:6]
wall = float(wall)
mb = s["bytes"] / 1e6
el = s.get("elapsed_s") or 0
first = float(sys.argv[6]) if sys.argv[6] else 0
rate = mb / el if el else 0
print("%s\t%s\t%s\t%.2f\t%.0f\t%.1f\t%s\t%s\t%s\t%d\t%.3f" % (name, n, check_s, wall, mb, mb / wall if wall else 0,
      "%.1f" % rate if el else "-", "%.2fx" % (rate / first) if first and rate else "1x" if not first else "-",
      rss, len(s.get("totals", {})), rate))
' "$set" "$n" "$check_s" "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.6f", b - a}')" "$rss" "$first_rate")
  printf '%s\n' "${row%$'\t'*}"
  [ -n "$first_rate" ] || first_rate=${row##*$'\t'}
done

# ---- the peer on a sample of the same files ----
if [ "$peer_bytes" -eq 0 ]; then exit 0; fi
if ! command -v rg >/dev/null 2>&1; then echo "skipping the rg comparison: rg not found (make bench-tools)"; exit 0; fi
if [ ! -d "$corpus/plain" ]; then echo "skipping the rg comparison: no $corpus/plain directory of plain logs"; exit 0; fi
sample="$work/sample"
mkdir -p "$sample"
# Whole files in a fixed pseudo-random order (every kind of log, not just the first names) until
# the budget is spent: several files, so both tools use --jobs threads.
read -r files sample_bytes < <(python3 - "$corpus/plain" "$sample" "$peer_bytes" <<'PY'
import os, random, shutil, sys
src, dst, budget = sys.argv[1], sys.argv[2], int(sys.argv[3])
paths = sorted(os.path.join(r, f) for r, _, fs in os.walk(src) for f in fs)
random.Random(0).shuffle(paths)
got = n = 0
for p in paths:
    if got >= budget:
        break
    n += 1
    shutil.copyfile(p, os.path.join(dst, "%04d-%s" % (n, os.path.basename(p))))
    got += os.path.getsize(p)
print(n, got)
PY
)
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
seconds() {  # wall seconds of one run of "$@", output to a file; the worst exit status in $work/peer.status
  local start=$EPOCHREALTIME status=0
  "$@" > "$work/peer.out" 2> "$work/peer.err" || status=$?
  [ "$status" -le "$(cat "$work/peer.status")" ] || { echo "$status" > "$work/peer.status"; cp "$work/peer.err" "$work/peer.failure"; }
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.4f\n", b - a}'
}
echo
echo "# same files: $files plain logs from $corpus/plain, $sample_bytes bytes; medians of $peer_runs runs, wall time, start-up included"
printf 'set\tpatterns\trg patterns\tlogscan s\tlogscan MB/s\trg -f s\trg -f MB/s\tlogscan / rg\n'
for set in "$@"; do
  [ -f "$set" ] || continue
  rm -rf "$work/pat"
  if ! python3 "$here/Benchmarks/Scripts/peer_patterns.py" prepare "$set" "$work/pat" > "$work/prepare.out" 2>&1; then
    printf '%s\tfailed: peer_patterns.py prepare: %s\n' "$set" "$(head -c 300 "$work/prepare.out" | tr '\n\t' '  ')"
    continue
  fi
  total=$(awk '$1 == "total" {print $2}' "$work/pat/counts.txt")
  kept=$(awk '$1 == "rg" {print $2}' "$work/pat/counts.txt")
  "$logscan" scan -q --jobs "$jobs" "${engine[@]}" -p "$set" "$sample" -o "$work/warm.jsonl" 2>/dev/null || true  # fills the database cache
  echo 0 > "$work/peer.status"
  ls_s=$(for _ in $(seq "$peer_runs"); do seconds "$logscan" scan -q --jobs "$jobs" "${engine[@]}" -p "$set" "$sample"; done | median)
  if [ "$(cat "$work/peer.status")" -ge 2 ]; then
    printf '%s\tfailed: logscan scan exit %s: %s\n' "$set" "$(cat "$work/peer.status")" "$(head -c 300 "$work/peer.failure" | tr '\n\t' '  ')"
    continue
  fi
  rg_s=$(for _ in $(seq "$peer_runs"); do seconds rg -c --no-unicode --threads "$jobs" -f "$work/pat/rg-wrapped.txt" "$sample"; done | median)
  if [ "$(cat "$work/peer.status")" -ge 2 ]; then  # rg: 1 = no match, 2 = error
    printf '%s\tfailed: rg exit %s: %s\n' "$set" "$(cat "$work/peer.status")" "$(head -c 300 "$work/peer.failure" | tr '\n\t' '  ')"
    continue
  fi
  awk -v n="$set" -v t="$total" -v k="$kept" -v a="$ls_s" -v b="$rg_s" -v mb="$sample_bytes" 'BEGIN {
    printf "%s\t%s\t%s\t%.2f\t%.1f\t%.2f\t%.1f\t%.1fx\n", n, t, k, a, mb / 1e6 / a, b, mb / 1e6 / b, b / a }'
done
