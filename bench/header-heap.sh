#!/usr/bin/env bash
# Check: reading the header of a very large backup needs neither the whole file nor a large heap.
# Writes a sparse synthetic full of SIZE_GIB (default 10), then runs `inspect` on it with the heap
# capped at 64 MB, reporting success, wall time, peak RSS and bytes read from the file. The sparse
# file takes a few KB of disk; keep such sizes out of CI all the same.
#
# Usage: bench/header-heap.sh [SIZE_GIB=10]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-10}
jar=cloudsync/target/cloudsync.jar
bench=benchmarks/target/benchmarks.jar
for j in "$jar" "$bench"; do
  [ -f "$j" ] || { echo "error: $j is missing; build first: mvn -B -q -DskipTests package" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/big_full.bak"
java -cp "$bench" org.cloudsync.bench.SparseBackupFile "$file" "$size"
echo "file: $(du -h --apparent-size "$file" | cut -f1) apparent, $(du -h "$file" | cut -f1) on disk"
# /proc/PID/io counts the bytes the process actually read (rchar includes the jar's classes).
java -Xmx64m -jar "$jar" inspect --format tsv "$file" > "$work/out.tsv" &
pid=$!
peak=0; rchar=0
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
  [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss
  r=$(awk '/^rchar/ { print $2 }' "/proc/$pid/io" 2>/dev/null || echo 0)
  [ -n "$r" ] && rchar=$r
  sleep 0.05
done
wait "$pid"
echo "inspect -Xmx64m: exit 0, $(tail -n +2 "$work/out.tsv" | wc -l) header row(s), peak RSS ${peak} KB, process read ~$((rchar / 1024)) KB (jar classes included)"
cut -f1-6 "$work/out.tsv"
