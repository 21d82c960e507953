#!/usr/bin/env bash
# `make test-spark`: runs deploy/spark/logscan_spark.py for real, in Spark local mode (local[2],
# 127.0.0.1 only) on the committed corpus/ with N=3, once on the directory and once on a
# --files-from list, and checks that each merged output and each shard's part equal the outputs
# of plain `logscan scan` runs byte for byte after masking "elapsed_s". Installs a Java 17+
# runtime (apt) and pyspark (pip) if they are missing; Spark's scratch space is under a temporary
# directory, removed at the end, and nothing it started is left running.
#   deploy/spark/test_spark_local.sh [LOGSCAN]      (default: .build/release/logscan)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
logscan="$(realpath "${1:-$root/.build/release/logscan}")"
shards=3
[ -x "$logscan" ] || { echo "no logscan binary at $logscan (make build)" >&2; exit 2; }

java_major() { java -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.specification\.version = ([0-9]+).*/\1/p'; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
  echo "installing: openjdk-17-jre-headless (pyspark 4 needs Java 17+)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  javas=(/usr/lib/jvm/java-17-openjdk-*/bin/java)
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "${javas[0]}")")")"
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
fi
if ! python3 -c 'import pyspark' 2>/dev/null; then
  echo "installing: pyspark" >&2
  python3 -m pip install -q 'pyspark>=4.0,<5'
fi

tmp="$(mktemp -d)"
driver=""
cleanup() {
  status=$?
  if [ -n "$driver" ]; then kill -- "-$driver" 2>/dev/null || true; fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$tmp/spark-local" "$tmp/java-tmp" "$tmp/tmp" "$tmp/cache"

# Spark's and Python's scratch space in $tmp; addresses 127.0.0.1; no UI.
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$tmp/spark-local" TMPDIR="$tmp/tmp"
python="$(command -v python3)"
export PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python"
export LOGSCAN_CACHE_DIR="$tmp/cache"

run_driver() {  # run_driver NAME SCAN-INPUTS...: the driver in its own process group
  local name="$1"
  shift
  (cd "$tmp" && exec setsid python3 "$root/deploy/spark/logscan_spark.py" \
    --master 'local[2]' \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false --conf "spark.local.dir=$tmp/spark-local" \
    --conf "spark.driver.extraJavaOptions=-Djava.io.tmpdir=$tmp/java-tmp" \
    --logscan "$logscan" --shards "$shards" --parts-dir "$tmp/$name-parts" --output "$tmp/$name.jsonl" \
    "$@") >"$tmp/$name.log" 2>&1 &
  driver=$!
  local status=0 i
  wait "$driver" || status=$?
  # pyspark's JVM ends a moment after the driver's Python: wait for the process group to empty.
  for ((i = 0; i < 60; i++)); do
    pgrep -g "$driver" >/dev/null || break
    sleep 0.5
  done
  if pgrep -g "$driver" >/dev/null; then
    echo "FAIL: $name: the driver's processes still run 30 s after it ended" >&2
    exit 1
  fi
  driver=""
  if [ "$status" -ne 0 ]; then
    echo "FAIL: $name: the Spark driver failed (status $status); its log:" >&2
    tail -40 "$tmp/$name.log" >&2
    exit 1
  fi
}

mask() { sed -E 's/"elapsed_s":[0-9.eE+-]+/"elapsed_s":0/' "$1"; }
same() {  # same WHAT A B: A equals B but for elapsed_s
  if ! cmp -s <(mask "$2") <(mask "$3"); then
    echo "FAIL: $1: $2 and $3 differ" >&2
    diff <(mask "$2") <(mask "$3") | cut -c1-200 | head -20 >&2
    exit 1
  fi
}

check() {  # check NAME SCAN-INPUTS...: Spark's merge and parts against plain scans
  local name="$1" k
  shift
  local started=$SECONDS
  run_driver "$name" "$@"
  "$logscan" scan -q "$@" -o "$tmp/$name-single.jsonl"
  same "$name: merged output" "$tmp/$name.jsonl" "$tmp/$name-single.jsonl"
  for ((k = 0; k < shards; k++)); do
    "$logscan" scan -q --shard "$k/$shards" "$@" -o "$tmp/$name-shard-$k.jsonl"
    same "$name: part $k" "$tmp/$name-parts/part-$k.jsonl" "$tmp/$name-shard-$k.jsonl"
  done
  echo "ok: $name: Spark local[2], $shards shards, merged = one scan ($(($(wc -l <"$tmp/$name.jsonl") - 2)) records, $((SECONDS - started)) s)"
}

check directory "$root/corpus"
find "$root/corpus" -type f | LC_ALL=C sort >"$tmp/list.txt"
check files-from --files-from "$tmp/list.txt"

# Nothing that the drivers started (the JVM, Python workers, logscan) may outlive them.
left="$(pgrep -f -- "$tmp" || true)"
if [ -n "$left" ]; then
  echo "FAIL: processes left running: $left" >&2
  ps -o pid,args -p "$(paste -sd, <<<"$left")" >&2 || true
  for pid in $left; do kill "$pid" 2>/dev/null || true; done
  exit 1
fi
echo "2 passed, 0 failed"
