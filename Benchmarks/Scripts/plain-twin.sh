#!/usr/bin/env bash
# Makes CORPUS_DIR.plain, the decompressed twin of a corpus (same paths, .gz dropped), unless it
# exists, and prints its path: the benchmarks compare plain and gzip'd throughput on the same text.
#
#   Benchmarks/Scripts/plain-twin.sh CORPUS_DIR
set -euo pipefail
corpus=${1:?usage: plain-twin.sh CORPUS_DIR}
corpus=${corpus%/}
plain="$corpus.plain"
if [ ! -d "$plain" ]; then
  echo "making decompressed twin $plain" >&2
  (cd "$corpus" && find . -type f -print0) | while IFS= read -r -d '' f; do
    mkdir -p "$plain/$(dirname "$f")"
    gzip -dcf -- "$corpus/$f" > "$plain/${f%.gz}"
  done
fi
echo "$plain"
