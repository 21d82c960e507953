#!/usr/bin/env bash
# Checks deploy/kubernetes and deploy/slurm on this machine, without a cluster: the manifests parse
# and say what the pods need (PyYAML); the exact command lines of the shard pods and of the merge pod
# run with JOB_COMPLETION_INDEX = 0..N-1, with corpus/ at /archive (read-only) and a temporary
# directory at /results in a private mount namespace; the two sbatch scripts run with bash with the
# SLURM_* variables a job array sets; and each merged result equals one unsharded scan of the
# same tree byte for byte but for elapsed_s. Needs root (mount namespace) and the release binary.
#   deploy/test_jobs_local.sh [LOGSCAN [N]]      (defaults: .build/release/logscan, 3)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
logscan="$(realpath "${1:-$root/.build/release/logscan}")"
shards="${2:-3}"
[ -x "$logscan" ] || { echo "no logscan binary at $logscan (make build)" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "needs root for a private mount namespace" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/results" "$tmp/slurm"
ln -s "$logscan" "$tmp/bin/logscan"

# The manifests: what the pods depend on, then each container's script to a file.
python3 - "$root/deploy/kubernetes" "$tmp" <<'PY'
import sys, yaml
kdir, tmp = sys.argv[1], sys.argv[2]
shards = [d for d in yaml.safe_load_all(open(f"{kdir}/logscan-shards.yaml")) if d]
merge = [d for d in yaml.safe_load_all(open(f"{kdir}/logscan-merge.yaml")) if d]
kinds = {d["kind"]: d for d in shards}
assert set(kinds) == {"PersistentVolumeClaim", "Job"}, kinds.keys()
assert "ReadWriteMany" in kinds["PersistentVolumeClaim"]["spec"]["accessModes"]
job = kinds["Job"]["spec"]
assert job["completionMode"] == "Indexed" and job["parallelism"] >= 1
pod = job["template"]["spec"]
(c,) = pod["containers"]
env = {e["name"]: e for e in c["env"]}
assert int(env["SHARDS"]["value"]) == job["completions"], "SHARDS != completions"
assert env["JOBS"]["valueFrom"]["resourceFieldRef"]["resource"] == "limits.cpu"
mounts = {m["mountPath"]: m for m in c["volumeMounts"]}
vols = {v["name"]: v for v in pod["volumes"]}
assert mounts["/archive"]["readOnly"] is True
assert vols[mounts["/archive"]["name"]]["persistentVolumeClaim"]["readOnly"] is True
claim = kinds["PersistentVolumeClaim"]["metadata"]["name"]
assert vols[mounts["/results"]["name"]]["persistentVolumeClaim"]["claimName"] == claim
(m,) = merge
assert m["kind"] == "Job"
(mc,) = m["spec"]["template"]["spec"]["containers"]
assert {v["persistentVolumeClaim"]["claimName"] for v in m["spec"]["template"]["spec"]["volumes"]} == {claim}
for name, cont in (("shard", c), ("merge", mc)):
    assert cont["command"] == ["/bin/bash", "-c"] and len(cont["args"]) == 1
    open(f"{tmp}/{name}-pod.sh", "w").write(cont["args"][0])
print(f"manifests: Indexed Job of {job['completions']} completions, parallelism {job['parallelism']}; merge Job")
PY

mask() { sed -E 's/"elapsed_s":[0-9.eE+-]+/"elapsed_s":0/' "$1"; }
same() {  # same NAME A B: A equals B but for elapsed_s
  if cmp -s <(mask "$2") <(mask "$3"); then
    echo "ok: $1 ($(($(wc -l <"$2") - 2)) records)"
  else
    echo "FAIL: $1: $2 and $3 differ" >&2; diff <(mask "$2") <(mask "$3") | cut -c1-200 | head -20 >&2; return 1
  fi
}

# Everything that reads /archive or writes /results runs in a private mount namespace, so the
# pods' paths are used as they are and nothing is mounted on the machine itself.
made=()
for d in /archive /results; do
  if [ ! -e "$d" ]; then mkdir "$d"; made+=("$d"); fi
done
cleanup() { for d in "${made[@]}"; do rmdir "$d"; done; rm -rf "$tmp"; }
trap cleanup EXIT
# shellcheck disable=SC2016  # the script below expands its variables itself
unshare --mount --propagation private env PATH="$tmp/bin:$PATH" LOGSCAN_CACHE_DIR="$tmp/cache" \
  SHARDS="$shards" JOBS=2 TMP_DIR="$tmp" CORPUS="$root/corpus" ROOT="$root" bash -c '
  set -euo pipefail
  mount --bind "$CORPUS" /archive && mount -o remount,bind,ro /archive
  mount --bind "$TMP_DIR/results" /results
  logscan scan -q /archive -o "$TMP_DIR/single.jsonl"
  for ((k = 0; k < SHARDS; k++)); do JOB_COMPLETION_INDEX=$k bash "$TMP_DIR/shard-pod.sh"; done
  bash "$TMP_DIR/merge-pod.sh"
  for ((k = 0; k < SHARDS; k++)); do
    SLURM_ARRAY_JOB_ID=1 SLURM_ARRAY_TASK_ID=$k SLURM_ARRAY_TASK_COUNT=$SHARDS SLURM_CPUS_PER_TASK=2 \
      ARCHIVE=/archive RESULTS="$TMP_DIR/slurm" LOGSCAN=logscan bash "$ROOT/deploy/slurm/logscan-array.sbatch"
  done
  RESULTS="$TMP_DIR/slurm" LOGSCAN=logscan bash "$ROOT/deploy/slurm/logscan-merge.sbatch"
'
for ((k = 0; k < shards; k++)); do
  head -1 "$tmp/results/part-$k.jsonl" | grep -q "\"shard\":\"$k/$shards\"" || { echo "FAIL: part-$k header" >&2; exit 1; }
  cmp -s <(mask "$tmp/results/part-$k.jsonl") <(mask "$tmp/slurm/part-$k.jsonl") || { echo "FAIL: part-$k differs between Kubernetes and Slurm" >&2; exit 1; }
done
grep -q -- "--array=0-7\$" "$root/deploy/slurm/logscan-array.sbatch"
same "Kubernetes: merge of $shards shard pods = one scan" "$tmp/results/counts.jsonl" "$tmp/single.jsonl"
same "Slurm: merge of $shards array tasks = one scan" "$tmp/slurm/counts.jsonl" "$tmp/single.jsonl"
