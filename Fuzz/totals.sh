#!/usr/bin/env bash
# Executions per target over every run recorded in $FUZZ_WORK/history.tsv (see Fuzz/run.sh).
work=${FUZZ_WORK:-/tmp/logscan-fuzz}
awk -F'\t' 'NR > 1 && $4 ~ /^[0-9]+$/ {
  runs[$2] += $4; secs[$2] += $3; n[$2]++; if ($7 != "clean") bad[$2]++
} END {
  printf "%-14s %14s %10s %6s %s\n", "target", "executions", "seconds", "runs", "findings"
  for (t in runs) printf "%-14s %14d %10d %6d %d\n", t, runs[t], secs[t], n[t], bad[t] + 0
}' "$work/history.tsv"
