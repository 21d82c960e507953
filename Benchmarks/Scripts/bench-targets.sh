#!/usr/bin/env bash
# The speed targets of issue 19, measured side by side in one run: for each pattern set that
# ripgrep's default engine accepts, logscan against its peers on the same files.
#
#   Benchmarks/Scripts/bench-targets.sh CORPUS_DIR [RUNS] SET...
#
# CORPUS_DIR is a generated corpus (generate_corpus.py): its .gz files and a decompressed twin,
# CORPUS_DIR.plain (made if missing). Every figure is the median of RUNS runs (default 3) of wall
# time; throughput is MB/s (10^6 bytes) of UNCOMPRESSED bytes. Scanner output goes to a file, never
# /dev/null (GNU tools stop early there). Rows per set:
#
#   plain -j2      logscan scan --jobs 2          vs  rg -c --no-unicode -j2 -f    (target 2.5x)
#   gz -j2         logscan scan --jobs 2          vs  rg -z -c --no-unicode -j2 -f (target 4x)
#                                                 vs  igzip -dc, two processes     (target 0.6x)
#
# Then, with the first set, one big gzip file (CORPUS_DIR.big.log.gz: every plain file concatenated
# and gzip -6'd, made once): -j2 against -j1 (target 1.7x). And SETS_LARGE (default: the loghub and
# generated 10,000-pattern sets `make bench-patterns` writes, when present) scanned gz -j2, as a
# share of the first set's throughput (targets 0.6x loghub, 0.35x 10,000), with `logscan check`'s
# compile time. rg takes each set as one list of (?:...)-wrapped regexes (peer_patterns.py), which
# only says whether any pattern matched a line; logscan counts every pattern.
#
# Each set is scanned once untimed first, so timed runs start from the database cache (as every
# run but a set's first does). Environment: LOGSCAN (binary), OUT_TSV (also write the rows there),
# SETS_LARGE (space-separated).
set -euo pipefail
corpus=${1:?usage: bench-targets.sh CORPUS_DIR [RUNS] SET...}
corpus=${corpus%/}
shift
runs=3
if [[ ${1:-} =~ ^[0-9]+$ ]]; then runs=$1; shift; fi
[ $# -gt 0 ] || { echo "bench-targets: name at least one pattern set" >&2; exit 2; }
here=$(cd "$(dirname "$0")/../.." && pwd)
scripts=$here/Benchmarks/Scripts
logscan=${LOGSCAN:-$here/.build/release/logscan}
[ -x "$logscan" ] || { echo "bench-targets: $logscan not found (build it first)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "bench-targets: no such corpus directory: $corpus" >&2; exit 2; }
for tool in rg igzip; do
  command -v $tool >/dev/null || { echo "bench-targets: $tool not found (make bench-tools installs it)" >&2; exit 2; }
done
work=$(mktemp -d /tmp/logscan-bench-targets.XXXXXX)
trap 'rm -rf "$work"' EXIT

plain=$("$scripts/plain-twin.sh" "$corpus")
big="$corpus.big.log.gz"
if [ ! -f "$big" ]; then
  echo "making one big gzip file $big" >&2
  find "$plain" -type f -print0 | sort -z | xargs -0 cat | gzip -6 > "$big.tmp" && mv "$big.tmp" "$big"
fi
bytes=$(find "$plain" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%d\n", s}')
big_bytes=$(gzip -dc "$big" | wc -c)
# The .gz files in two halves, for igzip as two processes.
(cd "$corpus" && find . -type f -name '*.gz' | sort) > "$work/gz.txt"
gz_bytes=0
while IFS= read -r f; do gz_bytes=$((gz_bytes + $(stat -c %s "$plain/${f%.gz}"))); done < "$work/gz.txt"
split -n l/2 "$work/gz.txt" "$work/gzhalf."

# median wall seconds of `runs` runs of a command (output to a file)
median() {
  local n=$1; shift
  local times=()
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s.%N)
    "$@" > "$work/out" 2> "$work/err" || { local s=$?; [ $s -eq 1 ] || { echo "bench-targets: failed ($s): $* : $(head -c 300 "$work/err")" >&2; exit 2; }; }
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}
mbs() { echo "$1 $2" | awk '{printf "%.0f", $1 / $2 / 1e6}'; }
ratio() { echo "$1 $2" | awk '{printf "%.2f", $1 / $2}'; }
igzip_two() { (cd "$corpus" && for half in "$work"/gzhalf.*; do xargs -a "$half" igzip -dc > /dev/null & done; wait); }

rows=()
row() { rows+=("$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s' "$@")"); printf '%-34s %-12s %7s MB/s  %-30s %7s MB/s  %6sx  (target %s)\n' "$@"; }
echo "# corpus: $corpus: $(find "$corpus" -type f | wc -l) files, $((bytes / 1000000)) MB uncompressed ($((gz_bytes / 1000000)) MB in .gz files); big file $((big_bytes / 1000000)) MB; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(grep -qm1 avx512f /proc/cpuinfo && echo AVX-512 || echo 'no AVX-512')); medians of $runs runs; $(rg --version 2>/dev/null | head -1)"
echo "# columns: row, set, logscan MB/s, peer, peer MB/s, ratio, target"

first=""
first_gz=""
for set in "$@"; do
  [ -f "$set" ] || { echo "skipping $set: not found" >&2; continue; }
  name=$(basename "${set%.*}")
  python3 "$scripts/peer_patterns.py" prepare "$set" "$work/pat" > /dev/null 2> "$work/prepare.txt"
  kept=$(grep -m1 '^rg' "$work/prepare.txt" || true)
  echo "# $name: $kept"
  # One untimed run, so every timed one starts from the compiled set in the database cache.
  "$logscan" scan -q --jobs 2 -p "$set" "$corpus/prow" > "$work/out" 2> "$work/err" || true
  t_plain=$(median "$runs" "$logscan" scan -q --jobs 2 -p "$set" "$plain")
  t_rg=$(median "$runs" rg -c --no-unicode -j2 -f "$work/pat/rg-wrapped.txt" "$plain")
  row "plain -j2" "$name" "$(mbs "$bytes" "$t_plain")" "rg -j2" "$(mbs "$bytes" "$t_rg")" "$(ratio "$t_rg" "$t_plain")" "2.5x"
  t_gz=$(median "$runs" "$logscan" scan -q --jobs 2 -p "$set" "$corpus")
  t_rgz=$(median "$runs" rg -z -c --no-unicode -j2 -f "$work/pat/rg-wrapped.txt" "$corpus")
  row "gz -j2" "$name" "$(mbs "$bytes" "$t_gz")" "rg -z -j2" "$(mbs "$bytes" "$t_rgz")" "$(ratio "$t_rgz" "$t_gz")" "4x"
  t_igzip=$(median "$runs" igzip_two)
  # igzip decompresses only the .gz files: compare throughput, not time.
  row "gz -j2" "$name" "$(mbs "$bytes" "$t_gz")" "igzip -dc x2" "$(mbs "$gz_bytes" "$t_igzip")" \
      "$(echo "$bytes $t_gz $gz_bytes $t_igzip" | awk '{printf "%.2f", ($1/$2) / ($3/$4)}')" "0.6x"
  if [ -z "$first" ]; then
    first=$name
    first_gz=$t_gz
    t_big1=$(median "$runs" "$logscan" scan -q --jobs 1 -p "$set" "$big")
    t_big2=$(median "$runs" "$logscan" scan -q --jobs 2 -p "$set" "$big")
    row "one big .gz, -j2 vs -j1" "$name" "$(mbs "$big_bytes" "$t_big2")" "logscan -j1" "$(mbs "$big_bytes" "$t_big1")" "$(ratio "$t_big1" "$t_big2")" "1.7x"
  fi
done

for set in ${SETS_LARGE-/tmp/logscan-loghub-templates.yaml /tmp/logscan-generated-10000.yaml}; do
  [ -n "$first" ] || break
  [ -f "$set" ] || { echo "skipping $set: not found (make bench-patterns writes it)" >&2; continue; }
  name=$(basename "${set%.*}")
  count=$(python3 -c "import sys; sys.path.insert(0, '$scripts'); import peer_patterns as p; print(len(p.load_patterns('$set')))")
  # Compile time: a cold database cache, so Vectorscan really compiles.
  start=$(date +%s.%N)
  LOGSCAN_CACHE_DIR=off "$logscan" check "$set" > "$work/check.txt" 2>&1 || true
  compile=$(echo "$(date +%s.%N) - $start" | bc -l)
  "$logscan" scan -q --jobs 2 -p "$set" "$corpus/prow" > "$work/out" 2> "$work/err" || true
  t_large=$(median "$runs" "$logscan" scan -q --jobs 2 -p "$set" "$corpus")
  row "gz -j2, $count patterns" "$name" "$(mbs "$bytes" "$t_large")" "$first" "$(mbs "$bytes" "$first_gz")" "$(ratio "$first_gz" "$t_large")" \
      "$([ "$count" -ge 5000 ] && echo 0.35x || echo 0.6x); check $(printf '%.1f' "$compile") s"
done

if [ -n "${OUT_TSV:-}" ]; then printf '%s\n' "${rows[@]}" > "$OUT_TSV"; fi
