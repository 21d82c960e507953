#!/usr/bin/env bash
# The state store's costs (make bench-state): re-checking an unchanged archive of many small files
# (bounded by stat, not by the store?), adding one pattern to a set over a corpus (one more
# pass for that pattern, or a full rescan?), and the store's size per document and per count.
# Usage: bench-state.sh CORPUS_DIR [FILES] [RUNS]   (FILES small files are generated in a temp dir;
# 0 skips that part)
set -euo pipefail
LOGSCAN=${LOGSCAN:-.build/release/logscan}
CORPUS=${1:?corpus directory (make bench-corpus)}
FILES=${2:-100000}
RUNS=${3:-3}
WORK=$(mktemp -d /tmp/logscan-bench-state.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
seconds() { local start end; start=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc; }

if [ "$FILES" -gt 0 ]; then
echo "== unchanged archive of $FILES small files"
python3 - "$WORK/archive" "$FILES" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    d = os.path.join(root, f"job-{i % 97}", str(i))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "build-log.txt"), "w") as f:
        f.write(f"step {i}\n" + ("OOMKilled\n" if i % 13 == 0 else "ok\n"))
PY
first=$(seconds "$LOGSCAN" scan -q -j2 --state "$WORK/small.db" "$WORK/archive" -o /dev/null)
full=$(for _ in $(seq "$RUNS"); do seconds "$LOGSCAN" scan -q -j2 "$WORK/archive" -o /dev/null; done | median)
again=$(for _ in $(seq "$RUNS"); do seconds "$LOGSCAN" scan -q -j2 --state "$WORK/small.db" "$WORK/archive" -o /dev/null; done | median)
walk=$(for _ in $(seq "$RUNS"); do seconds find "$WORK/archive" -type f -exec stat -c %s {} +; done | median)
echo "first run with --state: ${first}s; full scan without: ${full}s; unchanged rerun: ${again}s ($(echo "$FILES / $again" | bc) files/s); find+stat of the same tree: ${walk}s"
"$LOGSCAN" state info "$WORK/small.db"
fi

echo "== one pattern added to the curated set over $CORPUS"
SET=$WORK/set.yaml
cp patterns/ci-failures.yaml "$SET"
"$LOGSCAN" scan -q -j2 --state "$WORK/big.db" -p "$SET" "$CORPUS" -o /dev/null
cat >> "$SET" <<'YAML'
  - id: bench-added-pattern
    regex: '\bcould not acquire lease\b'
YAML
cp "$WORK/big.db" "$WORK/big-before.db"
added=()
for _ in $(seq "$RUNS"); do
  cp "$WORK/big-before.db" "$WORK/big.db"; rm -f "$WORK/big.db-wal" "$WORK/big.db-shm"
  added+=("$(seconds "$LOGSCAN" scan -q -j2 --state "$WORK/big.db" -p "$SET" "$CORPUS" -o /dev/null)")
done
added=$(printf '%s\n' "${added[@]}" | median)
rescan=$(for _ in $(seq "$RUNS"); do seconds "$LOGSCAN" scan -q -j2 -p "$SET" "$CORPUS" -o /dev/null; done | median)
inflate=$(for _ in $(seq "$RUNS"); do seconds sh -c "find '$CORPUS' -type f -name '*.gz' -print0 | xargs -0 -P2 -n 64 igzip -dc > /dev/null"; done | median)
echo "one pattern added: ${added}s with --state; full rescan ${rescan}s; igzip -dc of the .gz files, 2 processes: ${inflate}s"
"$LOGSCAN" state info "$WORK/big.db"
