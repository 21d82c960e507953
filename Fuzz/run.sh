#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (each in turn), then prints one row per target: executions,
# executions per second, corpus size and findings. Usage: Fuzz/run.sh BINARY SECONDS TARGET...
# FUZZ_WORK (default /tmp/logscan-fuzz) keeps each target's growing corpus between runs, so
# repeated runs add up, and history.tsv there has a row per target and run (Fuzz/totals.sh sums
# it); crashes go to $FUZZ_WORK/artifacts/<target>/. Exit status 1 if any target stopped on a
# finding.
set -uo pipefail
cd "$(dirname "$0")/.."
binary=$1 seconds=$2
shift 2
work=${FUZZ_WORK:-/tmp/logscan-fuzz}
mkdir -p "$work"
# No allocation stacks kept for reports: a fifth more executions a second. Rerun a finding's input
# with the binary alone (Fuzz/README.md) for the full report.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}
found=0
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
header='target\tseconds\texecutions\texec_per_s\tcorpus\tresult'
printf "$header\n" > "$summary"
[ -f "$work/history.tsv" ] || printf "finished\t$header\n" > "$work/history.tsv"
for target in "$@"; do
  rss_limit=2048 timeout=10
  case $target in
    gzip) dict=Fuzz/dictionaries/gzip.dict; max_len=65536 ;;
    document) dict=Fuzz/dictionaries/json.dict; max_len=65536 ;;
    json) dict=Fuzz/dictionaries/json.dict; max_len=16384 ;;
    pattern-file)
      dict=$work/pattern-file.dict
      cat Fuzz/dictionaries/yaml.dict Fuzz/dictionaries/toml.dict Fuzz/dictionaries/json.dict > "$dict"
      max_len=8192 ;;
    regex) dict=Fuzz/dictionaries/regex.dict; max_len=4096 ;;
    # Keeps every compiled regex set of its corpus, about a megabyte each under ASan.
    # A counted repeat in the thousands (`\D{2014}`) compiles for 2 s in Vectorscan, 10 under ASan.
    routes) dict=Fuzz/dictionaries/regex.dict; max_len=4096; rss_limit=6144; timeout=60 ;;
    template) dict=Fuzz/dictionaries/template.dict; max_len=4096 ;;
    baseline) dict=Fuzz/dictionaries/baseline.dict; max_len=4096 ;;
    report) dict=Fuzz/dictionaries/json.dict; max_len=16384 ;;
    *) echo "unknown fuzz target: $target" >&2; exit 2 ;;
  esac
  corpus=$work/corpus/$target artifacts=$work/artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  log=$work/$target.$$.log
  # -timeout: one input taking 10 s (60 for routes) is a hang; -rss_limit_mb: memory is bounded by design (routes
  # holds a cache of its own).
  LOGSCAN_FUZZ_TARGET=$target "$binary" "$corpus" "Fuzz/seeds/$target" \
    -dict="$dict" -max_len=$max_len -timeout=$timeout -rss_limit_mb=$rss_limit -max_total_time="$seconds" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 > "$log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  if [ "$status" -eq 0 ]; then result=clean; else result="FINDING (status $status, see $log)"; found=1; fi
  row=$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$target" "$seconds" "${runs:-?}" "${rate:-?}" "$size" "$result")
  printf '%s\n' "$row" >> "$summary"
  printf '%s\t%s\n' "$(date -u +%FT%TZ)" "$row" >> "$work/history.tsv"
  if [ "$status" -ne 0 ]; then grep -E 'ERROR|Fatal error|SUMMARY|Test unit written' "$log" | head -5 >&2; fi
done
awk -F'\t' '{ printf "%-14s %8s %12s %11s %8s  %s\n", $1, $2, $3, $4, $5, $6 }' "$summary"
exit $found
