#!/usr/bin/env bash
# One shard of a logscan run, as Spark's RDD.pipe runs it for deploy/spark/logscan_spark.py: reads
# the shard index K (one line) from stdin, runs `LOGSCAN scan -q --shard K/N SCAN-ARGS...` and
# writes its JSONL to stdout, which pipe returns as the partition's lines.
#   logscan-shard.sh LOGSCAN N [SCAN-ARGS...] <<<K
set -euo pipefail

if [ "$#" -lt 2 ]; then
  echo "usage: logscan-shard.sh LOGSCAN N [SCAN-ARGS...] (shard index on stdin)" >&2
  exit 2
fi
logscan="$1"
shards="$2"
shift 2
k=""
read -r k || true
if ! [[ "$k" =~ ^[0-9]+$ ]]; then
  echo "logscan-shard.sh: expected one shard index on stdin, read '$k'" >&2
  exit 2
fi
if read -r more; then
  echo "logscan-shard.sh: more than one shard index on stdin ('$k', '$more', ...)" >&2
  exit 2
fi

rc=0
"$logscan" scan -q --shard "$k/$shards" "$@" || rc=$?
# 1: some logs could not be read in full; each has a record with its error in the output (and the
# merged summary counts them), so the shard is done: RDD.pipe(checkCode=True) fails only on more.
if [ "$rc" -gt 1 ]; then exit "$rc"; fi
