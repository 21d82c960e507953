#!/usr/bin/env python3
"""logscan over a log archive with Apache Spark: N shards scanned by executors, merged on the driver.

    spark-submit deploy/spark/logscan_spark.py --shards 64 --output counts.jsonl \\
        --logscan /opt/logscan/bin/logscan /mnt/ci-logs [SCAN FLAGS...]
    python3 deploy/spark/logscan_spark.py --master 'local[2]' --shards 3 --output counts.jsonl \\
        "$PWD/corpus"

An RDD of the shard indices 0..N-1 in N partitions (one index each) is piped, partition by
partition, through logscan-shard.sh, which runs `logscan scan -q --shard K/N SCAN-ARGS...` and
writes JSONL to stdout. Every argument this script does not know (paths, --files-from LIST, -p,
--examples, ...) goes to every shard's scan as it is. The shards' lines are kept by Spark (on the
executors' disks) until all N have succeeded, then streamed to the driver one partition at a time
into PARTS/part-K.jsonl, and `logscan merge` writes --output: byte for byte what one `logscan scan`
over the same inputs writes, but for elapsed_s.

On a cluster, logscan, logscan-shard.sh and the inputs must be at the same paths on every executor
(an image, or shared storage): a directory's documents are sharded by their path under it, a
--files-from list's by each path as written, so every shard must be given the same list. Relative
paths are resolved in each executor's working directory: give absolute ones.

Standard library and pyspark only. Exit status: merge's (0, or 1 when some logs could not be read
in full, as one unsharded scan exits), 2 for a usage error or a failed Spark job.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Scan options the driver sets itself for every shard.
OWNED_SCAN_OPTIONS = ("-o", "--output", "--shard")

# RDD.pipe gives the command an empty environment unless told otherwise: these pass through.
PIPED_ENVIRONMENT = ("PATH", "HOME", "LANG", "TMPDIR", "XDG_CACHE_HOME", "LOGSCAN_CACHE_DIR")


def parse_arguments(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        description="Run `logscan scan` as N Spark tasks (RDD.pipe) and `logscan merge` their outputs.",
        epilog="Arguments not listed here (paths, --files-from LIST, -p FILE, ...) go to every shard's scan.",
        allow_abbrev=False,
    )
    parser.add_argument("--logscan", default=shutil.which("logscan") or "logscan",
                        help="the logscan binary, at this path on the driver and every executor (default: logscan on PATH)")
    parser.add_argument("--shards", type=int, required=True, metavar="N", help="number of shards (Spark tasks)")
    parser.add_argument("--output", required=True, metavar="FILE", help="the merged JSONL")
    parser.add_argument("--wrapper", default=os.path.join(HERE, "logscan-shard.sh"),
                        help="logscan-shard.sh, at this path on every executor (default: beside this script)")
    parser.add_argument("--parts-dir", metavar="DIR",
                        help="keep the shard outputs here as part-K.jsonl (default: a temporary directory, removed)")
    parser.add_argument("--master", help="Spark master URL, e.g. local[2] (default: spark-submit's, else local[*])")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting (repeatable)")
    args, scan_args = parser.parse_known_args(argv)
    if args.shards < 1:
        parser.error("--shards must be at least 1")
    for arg in scan_args:
        if arg == "--":
            break
        if arg.split("=", 1)[0] in OWNED_SCAN_OPTIONS:
            parser.error(f"{arg}: the driver sets the shard and the output of each scan")
    if not scan_args:
        parser.error("no input: give the archive's path or --files-from LIST (a scan of stdin cannot be split)")
    for conf in args.conf:
        if "=" not in conf:
            parser.error(f"--conf {conf}: expected KEY=VALUE")
    return args, scan_args


def spark_context(args: argparse.Namespace):
    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("logscan")
    if args.master:
        conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    for setting in args.conf:
        key, value = setting.split("=", 1)
        conf.set(key, value)
    return SparkContext(conf=conf)


def scan_shards(sc, args: argparse.Namespace, scan_args: list[str], parts_dir: str) -> list[str]:
    """Runs the N shard scans and writes their outputs to parts_dir; returns the part files."""
    from pyspark import StorageLevel

    n = args.shards
    command = shlex.join([args.wrapper, args.logscan, str(n), *scan_args])
    environment = {name: os.environ[name] for name in PIPED_ENVIRONMENT if name in os.environ}
    indices = sc.parallelize(range(n), n)
    # Partition K holds the one element K, so the lines of partition K are shard K's output.
    lines = indices.pipe(command, env=environment, checkCode=True).mapPartitionsWithIndex(
        lambda k, part: ((k, line) for line in part)
    )
    # All N scans run in parallel in count(); their lines stay on the executors' disks, so that
    # toLocalIterator, which fetches one partition at a time, neither runs the scans again nor holds
    # more than one shard's output on the driver.
    lines.persist(StorageLevel.DISK_ONLY)
    try:
        lines.count()
        paths = [os.path.join(parts_dir, f"part-{k}.jsonl") for k in range(n)]
        files: dict[int, object] = {}
        try:
            for k, line in lines.toLocalIterator():
                if k not in files:
                    files[k] = open(paths[k], "wb")
                files[k].write(line.encode("utf-8") + b"\n")
        finally:
            for f in files.values():
                f.close()
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            raise RuntimeError(f"shards with no output: {', '.join(missing)}")
        return paths
    finally:
        lines.unpersist()


def main(argv: list[str]) -> int:
    args, scan_args = parse_arguments(argv)
    parts_dir = args.parts_dir or tempfile.mkdtemp(prefix="logscan-parts-")
    os.makedirs(parts_dir, exist_ok=True)
    try:
        sc = spark_context(args)
        try:
            parts = scan_shards(sc, args, scan_args, parts_dir)
        except Exception as error:  # a failed Spark job: its cause is in the executors' logs
            first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
            print(f"logscan_spark: the shard scans failed: {first_line}", file=sys.stderr)
            return 2
        finally:
            sc.stop()
        return subprocess.run([args.logscan, "merge", *parts, "-o", args.output]).returncode
    finally:
        if not args.parts_dir:
            shutil.rmtree(parts_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
