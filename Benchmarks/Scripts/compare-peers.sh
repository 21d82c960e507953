#!/usr/bin/env bash
# Peer comparison on one corpus: logscan and its peers measured in the same run on the same files.
#
#   Benchmarks/Scripts/compare-peers.sh CORPUS_DIR [PATTERNS] [RUNS]
#
# CORPUS_DIR holds gzip'd and plain logs (e.g. from generate_corpus.py). A decompressed twin is
# made beside it (CORPUS_DIR.plain) so plain-text and gzip throughput are measured on the same
# content. "gz" rows read CORPUS_DIR as stored (its .gz files and its few plain ones), "plain"
# rows read the twin. PATTERNS is a logscan YAML set or a one-regex-per-line list (default
# patterns/ci-failures.yaml). Every figure is MB/s of UNCOMPRESSED bytes (10^6 bytes), the
# median of RUNS runs (default 3, or $RUNS). Scanner output goes to a file, never /dev/null
# (GNU grep stops at the first match when its output is /dev/null); decompressors write to
# /dev/null. A tool that fails prints a "failed" row with its exit status and stderr.
#
# Rows: logscan --jobs 1/2, plain and gz, --engine pcre2 and --engine auto, plus gz --jobs 2
# --inflater zlib, plus the single largest .gz file (or $BIG_GZ) with --jobs 1/2; peers: rg -f
# (plain) and rg -z -f (gz) with the set as one list, rg -e looped once per pattern (plain),
# grep -E -f (plain) and zgrep -E -f (gz) with the set rewritten as POSIX ERE, a Python `re`
# per-line loop over a 16 MB sample, and igzip/zcat to /dev/null as the decompression bounds.
# Patterns are rewritten per tool by peer_patterns.py; those a tool cannot take are dropped
# for that tool and counted in the header.
#
# Environment:
#   RUNS=N                 runs per row (the third argument wins)
#   LOGSCAN=PATH           the binary (default .build/release/logscan)
#   LOGSCAN_FLAGS_SUPPORTED=0|1  force off/on the rows that need --engine/--inflater
#                          (default: detected from `logscan scan --help`); with 0 the logscan
#                          rows run once with the default engine
#   BIG_GZ=FILE            the single big gzip file (default: the largest .gz in the corpus)
#   SKIP_SLOW=1            skip the rg-per-pattern loop; SLOW_RUNS=N its runs (default 1)
#   GREP_RUNS=N            runs of the grep -E / zgrep -E rows (default RUNS: GNU grep can
#                          take minutes per GB on a large set, whose DFA it cannot build)
#   PCRE2_RUNS=N           runs of the logscan --engine pcre2 rows (default RUNS: the
#                          reference path runs one PCRE2 pass per pattern, minutes per GB)
#   SKIP_PY=1              skip the Python loop; PY_SAMPLE_BYTES (default 16000000)
#   SKIP_GREP=1            skip the grep -E / zgrep -E rows; SKIP_PCRE2=1 the logscan
#                          --engine pcre2 rows (for a quick re-run of the fast rows only)
#   OUT_TSV=FILE           also write the table there (header lines start with #)
set -euo pipefail
corpus=${1:?usage: compare-peers.sh CORPUS_DIR [PATTERNS] [RUNS]}
corpus=${corpus%/}
patterns=${2:-patterns/ci-failures.yaml}
runs=${3:-${RUNS:-3}}
here=$(cd "$(dirname "$0")/../.." && pwd)
scripts=$here/Benchmarks/Scripts
logscan=${LOGSCAN:-$here/.build/release/logscan}
slow_runs=${SLOW_RUNS:-1}
grep_runs=${GREP_RUNS:-$runs}
py_sample_bytes=${PY_SAMPLE_BYTES:-16000000}
[ -d "$corpus" ] || { echo "compare-peers: no such corpus directory: $corpus" >&2; exit 2; }
[ -f "$patterns" ] || { echo "compare-peers: no such pattern file: $patterns" >&2; exit 2; }
work=$(mktemp -d /tmp/logscan-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

plain=$("$scripts/plain-twin.sh" "$corpus")
sum_sizes() { awk '{s+=$1} END {printf "%d\n", s}'; }
bytes=$(find "$plain" -type f -printf '%s\n' | sum_sizes)
stored=$(find "$corpus" -type f -printf '%s\n' | sum_sizes)
n_files=$(find "$corpus" -type f | wc -l)
n_gz=$(find "$corpus" -type f -name '*.gz' | wc -l)
# uncompressed bytes of the .gz files only: what the decompression-bound rows decompress
gz_bytes=$( (cd "$corpus" && find . -type f -name '*.gz' -print0) | while IFS= read -r -d '' f; do
  stat -c %s "$plain/${f%.gz}"; done | sum_sizes)

# The big single file: uncompressed size from the twin, or by decompressing it once.
big=${BIG_GZ:-$(find "$corpus" -type f -name '*.gz' -printf '%s\t%p\n' | sort -n | tail -n 1 | cut -f2-)}
big_bytes=0
if [ -n "$big" ]; then
  case $big in
    "$corpus"/*) rel=${big#"$corpus"/}; big_bytes=$(stat -c %s "$plain/${rel%.gz}") ;;
    *) big_bytes=$( (command -v igzip >/dev/null && igzip -dc "$big" || gzip -dc "$big") | wc -c) ;;
  esac
fi

# The pattern set, rewritten for each peer (counts of patterns kept go to the header).
python3 "$scripts/peer_patterns.py" prepare "$patterns" "$work/pat" 2> "$work/prepare.txt" || {
  cat "$work/prepare.txt" >&2; exit 2; }
count() { awk -v k="$1" '$1 == k {print $2}' "$work/pat/counts.txt"; }
npat=$(count total)

# Which logscan rows can run.
have_logscan=1; has_engine=0; has_inflater=0
if [ ! -x "$logscan" ]; then
  have_logscan=0
else
  help=$("$logscan" scan --help 2>&1 || true)
  case ${LOGSCAN_FLAGS_SUPPORTED:-auto} in
    0) ;;
    1) has_engine=1; has_inflater=1 ;;
    *) grep -q -e '--engine' <<<"$help" && has_engine=1
       grep -q -e '--inflater' <<<"$help" && has_inflater=1 ;;
  esac
fi
have_time=0; [ -x /usr/bin/time ] && have_time=1
have_igzip=0; command -v igzip >/dev/null && have_igzip=1
have_rg=0; command -v rg >/dev/null && have_rg=1

median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

printf 'tool\tMB\tseconds\tMB/s\tpeak RSS MiB\n' > "$work/rows.tsv"
# measure NAME BYTES COMMAND...: the median of $runs runs (or $mruns), as
# "NAME<TAB>MB<TAB>median seconds<TAB>MB/s<TAB>peak RSS MiB". With rss=1 the command (an
# executable, not a shell function) runs under /usr/bin/time and the largest %M is reported.
measure() {
  local name=$1 nbytes=$2; shift 2
  local n=${mruns:-$runs} want_rss=${rss:-0}
  [ "$have_time" = 1 ] || want_rss=0
  local times=() peak=0 row
  for _ in $(seq "$n"); do
    local start end status=0
    start=$EPOCHREALTIME
    if [ "$want_rss" = 1 ]; then
      /usr/bin/time -f %M -o "$work/rss" "$@" > "$work/out" 2> "$work/err" || status=$?
    else
      "$@" > "$work/out" 2> "$work/err" || status=$?
    fi
    end=$EPOCHREALTIME
    if [ "$status" -ge 2 ]; then  # 0/1 are match/no-match (or logscan's input errors); more is a failure
      row=$(printf '%s\t-\t-\tfailed (exit %s): %s\t-' "$name" "$status" "$(head -c 300 "$work/err" | tr '\n\t' '  ')")
      printf '%s\n' "$row" | tee -a "$work/rows.tsv"
      return 0
    fi
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.6f", b - a}')")
    if [ "$want_rss" = 1 ]; then
      local kib; kib=$(tail -n 1 "$work/rss")
      [ "$kib" -gt "$peak" ] && peak=$kib
    fi
  done
  local m; m=$(median "${times[@]}")
  local rsscol=-
  [ "$want_rss" = 1 ] && rsscol=$(awk -v k="$peak" 'BEGIN {printf "%.0f", k / 1024}')
  row=$(awk -v n="$name" -v b="$nbytes" -v m="$m" -v r="$rsscol" \
    'BEGIN {printf "%s\t%.0f\t%.2f\t%.1f\t%s", n, b / 1e6, m, (m > 0 ? b / 1e6 / m : 0), r}')
  printf '%s\n' "$row" | tee -a "$work/rows.tsv"
}
skip_row() { printf '%s\t-\t-\tskipped: %s\t-\n' "$1" "$2" | tee -a "$work/rows.tsv"; }

# Peer commands that need a pipeline or a loop (shell functions, run by measure).
rg_loop() {  # one rg run per pattern, the way per-pattern counts are got from rg today
  local p s
  while IFS= read -r p; do
    rg -c --no-unicode -e "$p" "$plain" || { s=$?; [ "$s" -eq 1 ] || return "$s"; }
  done < "$work/pat/rg.txt"
}
zgrep_all() {  # zgrep over every stored file; a zgrep exit status above 1 makes xargs exit 123
  find "$corpus" -type f -print0 |
    LC_ALL=C xargs -0 sh -c 'zgrep -c -E -f "$0" -- "$@"; [ $? -le 1 ]' "$work/pat/ere.txt"
}
decompress_all() {  # decompress_all PROCS TOOL...: every .gz file to /dev/null
  local procs=$1; shift
  find "$corpus" -type f -name '*.gz' -print0 | xargs -0 -P "$procs" -n 4 "$@" > /dev/null
}

if [ "$has_engine" = 1 ]; then engines=(pcre2 auto); else engines=(default); fi
[ "$has_engine" = 1 ] && [ "${SKIP_PCRE2:-0}" = 1 ] && engines=(auto)
eflag() { [ "$1" = default ] && return 0; printf '%s\n' --engine "$1"; }
ename() { [ "$1" = default ] && printf ' (default engine)' || printf ' --engine %s' "$1"; }
best=${engines[-1]}  # the engine the ratios use: auto, or the default one
key_plain2="logscan plain --jobs 2$(ename "$best")"
key_gz2="logscan gz --jobs 2$(ename "$best")"
key_gz2_pcre2="logscan gz --jobs 2$(ename pcre2)"
key_big1="logscan big gz --jobs 1$(ename "$best")"
key_big2="logscan big gz --jobs 2$(ename "$best")"
key_rg_plain="rg -c --no-unicode -f plain (any-match, 2 threads)"
key_rg_gz="rg -z -c --no-unicode -f gz (any-match, 2 threads)"
key_igzip2="igzip -dc .gz files, 2 processes (xargs -P2)"

{
printf '# corpus: %s: %d files (%d gzip, %d plain), %d MB uncompressed (%d MB in the .gz files), %d MB stored; patterns: %s: %s; machine: %s cores, %s; %s; median of %s runs (grep rows: %s, rg per-pattern loop: %s)\n' \
  "$corpus" "$n_files" "$n_gz" "$((n_files - n_gz))" "$((bytes / 1000000))" "$((gz_bytes / 1000000))" "$((stored / 1000000))" \
  "$patterns" "$npat" "$(nproc)" "$(uname -m)" "$(date -u +%Y-%m-%dT%H:%MZ)" "$runs" "$grep_runs" "$slow_runs"
printf '# patterns kept per peer: rg %s of %s, grep -E %s of %s, python re %s of %s\n' \
  "$(count rg)" "$npat" "$(count ere)" "$npat" "$(count python)" "$npat"
sed 's/^/#   /' "$work/prepare.txt"
[ -n "$big" ] && printf '# big gz: %s (%d MB uncompressed, %d MB stored)\n' "$big" "$((big_bytes / 1000000))" "$(($(stat -c %s "$big") / 1000000))"
[ "$have_logscan" = 1 ] || printf '# logscan: %s not found (build it: swift build -c release); logscan rows skipped\n' "$logscan"
[ "$has_engine" = 1 ] || [ "$have_logscan" = 0 ] || printf '# logscan: no --engine/--inflater (or LOGSCAN_FLAGS_SUPPORTED=0): default engine only\n'
[ "$have_time" = 1 ] || printf '# /usr/bin/time missing (apt-get install time): no peak RSS\n'
} | tee "$work/header.txt"
cat "$work/rows.tsv"

if [ "$have_logscan" = 1 ]; then
  for mode in plain gz; do
    dir=$corpus; [ "$mode" = plain ] && dir=$plain
    for jobs in 1 2; do
      for e in "${engines[@]}"; do
        name="logscan $mode --jobs $jobs$(ename "$e")"
        r=0; [ "$name" = "$key_gz2" ] && r=1
        mapfile -t ef < <(eflag "$e")
        n=$runs; [ "$e" = pcre2 ] && n=${PCRE2_RUNS:-$runs}
        mruns=$n rss=$r measure "$name" "$bytes" "$logscan" scan -q --jobs "$jobs" "${ef[@]}" -p "$patterns" "$dir"
      done
    done
  done
  if [ "$has_inflater" = 1 ]; then
    measure "logscan gz --jobs 2 --engine auto --inflater zlib" "$bytes" \
      "$logscan" scan -q --jobs 2 --engine auto --inflater zlib -p "$patterns" "$corpus"
  fi
  if [ -n "$big" ]; then
    mapfile -t ef < <(eflag "$best")
    measure "$key_big1" "$big_bytes" "$logscan" scan -q --jobs 1 "${ef[@]}" -p "$patterns" "$big"
    rss=1 measure "$key_big2" "$big_bytes" "$logscan" scan -q --jobs 2 "${ef[@]}" -p "$patterns" "$big"
  fi
fi

if [ "$have_rg" = 1 ]; then
  measure "$key_rg_plain" "$bytes" rg -c --no-unicode -f "$work/pat/rg-wrapped.txt" "$plain"
  measure "$key_rg_gz" "$bytes" rg -z -c --no-unicode -f "$work/pat/rg-wrapped.txt" "$corpus"
  if [ "${SKIP_SLOW:-0}" = 1 ]; then
    skip_row "rg -c --no-unicode -e, once per pattern, plain" "SKIP_SLOW=1"
  else
    mruns=$slow_runs measure "rg -c --no-unicode -e, once per pattern ($(count rg) runs), plain" "$bytes" rg_loop
  fi
else
  skip_row "rg" "not installed (apt-get install ripgrep)"
fi
if [ "${SKIP_GREP:-0}" = 1 ]; then
  skip_row "grep -c -E -f plain / zgrep -c -E -f gz" "SKIP_GREP=1"
else
  mruns=$grep_runs measure "grep -c -E -f plain (any-match, LC_ALL=C, 1 core)" "$bytes" env LC_ALL=C grep -r -c -E -f "$work/pat/ere.txt" "$plain"
  mruns=$grep_runs measure "zgrep -c -E -f gz (any-match, LC_ALL=C, 1 core)" "$bytes" zgrep_all
fi
if [ "${SKIP_PY:-0}" = 1 ]; then
  skip_row "python re per-line loop" "SKIP_PY=1"
else
  sample_bytes=$(python3 "$scripts/peer_patterns.py" sample "$plain" "$py_sample_bytes" "$work/sample.txt")
  measure "python re per-line loop, $((sample_bytes / 1000000)) MB sample (per pattern, 1 core)" "$sample_bytes" \
    python3 "$scripts/peer_patterns.py" pyloop "$patterns" "$work/sample.txt" "$work/pyloop.tsv"
fi
if [ "$have_igzip" = 1 ]; then
  measure "igzip -dc .gz files > /dev/null (1 core)" "$gz_bytes" decompress_all 1 igzip -dc
else
  skip_row "igzip -dc" "not installed (apt-get install isal)"
fi
measure "zcat .gz files > /dev/null (1 core)" "$gz_bytes" decompress_all 1 gzip -dc
if [ "$have_igzip" = 1 ]; then
  measure "$key_igzip2" "$gz_bytes" decompress_all 2 igzip -dc
fi

python3 - "$work/rows.tsv" "$key_plain2" "$key_rg_plain" "$key_gz2" "$key_rg_gz" "$key_gz2" "$key_igzip2" \
  "$key_gz2" "$key_gz2_pcre2" "$key_big2" "$key_big1" <<'PY' | tee "$work/ratios.txt"
import sys
rows = {}
for line in open(sys.argv[1]).read().splitlines()[1:]:
    f = line.split("\t")
    try:
        rows[f[0]] = float(f[3])
    except (IndexError, ValueError):
        pass
print("# ratios (MB/s over MB/s):")
pairs = sys.argv[2:]
for a, b in zip(pairs[0::2], pairs[1::2]):
    if a == b:
        continue
    if a in rows and b in rows and rows[b] > 0:
        print("#   %s / %s: %.2fx" % (a, b, rows[a] / rows[b]))
    else:
        print("#   %s / %s: n/a (a row is missing or failed)" % (a, b))
PY

if [ -n "${OUT_TSV:-}" ]; then
  cat "$work/header.txt" "$work/rows.tsv" "$work/ratios.txt" > "$OUT_TSV"
  echo "table written to $OUT_TSV" >&2
fi
