#!/usr/bin/env bash
# Benchmark: `cloudsync inspect --format tsv` over a directory of N log backups versus `cat` of the
# same files to /dev/null, whole process (JVM start included), same run.
# Goal (issue 2): at least 5,000 files per second, and within 3x of cat.
#
# Usage: bench/inspect-vs-cat.sh [N=10000] [RUNS=7]
# Needs: the built jar (mvn -B -q -DskipTests package) and ../shared/corpus beside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
n=${1:-10000}
runs=${2:-7}
jar=cloudsync/target/cloudsync.jar
corpus=../shared/corpus/backups
[ -f "$jar" ] || { echo "error: $jar is missing; build it first: mvn -B -q -DskipTests package" >&2; exit 2; }
[ -d "$corpus" ] || { echo "error: the corpus is not at $corpus" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t logs < <(find "$corpus" -name '*.trn' | sort)
mkdir -p "$work/logs"
# Copies, not hard links: the corpus is read-only and may be on another file system.
for i in $(seq 0 $((n - 1))); do
  src=${logs[$((i % ${#logs[@]}))]}
  cp "$src" "$work/logs/$(printf 'log_%06d.trn' "$i")"
done
du -sh "$work/logs" | awk '{ print "files: '"$n"' log backups, " $1 }'
cat "$work"/logs/* >/dev/null  # warm the page cache

ab "$runs" "inspect --format tsv" "cat" \
  -- ./cloudsync.sh inspect --format tsv "$work/logs" \
  -- sh -c "cat '$work'/logs/* >/dev/null"

rows=$(./cloudsync.sh inspect --format tsv "$work/logs" | tail -n +2 | wc -l)
echo "rows printed: $rows (expected $n)"
