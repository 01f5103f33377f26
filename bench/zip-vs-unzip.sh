#!/usr/bin/env bash
# Benchmark: unpacking a zip of log backups with cloudsync's intake versus Info-ZIP's unzip,
# whole process (JVM start included), same run, same zip, page cache warm.
#   validate: CRC-32 of every entry plus every backup header, nothing written   vs  unzip -tqq
#   extract:  the same plus every file staged (temp name, atomic rename)         vs  unzip -qq -o -d
# Goal (issue 3): within 1.2x of unzip for each.
#
# Usage: bench/zip-vs-unzip.sh [ZIP_MB=1024] [RUNS=3]
#   ZIP_MB is the size of the zip itself. The corpus logs deflate about 20:1, so the entries
#   expand to about 20x ZIP_MB (ZIP_MB=1024: 320,000 entries, 21 GB unpacked); the script checks
#   free space first and cleans up after itself.
# The JVM runs with its default heap, as cloudsync.sh runs sync; BENCH_JAVA_OPTS adds options (say
# "-Xmx256m"). The intake keeps a record per entry in memory, about 1 KiB, so the heap needed grows
# with the entry count (a 1 GB zip of the corpus logs holds about 320,000 entries: more than 256 MiB).
# Needs: compiled classes (mvn -B -q -DskipTests test-compile), unzip, ../shared/corpus beside
# the clone (or CORPUS=DIR). Set TMPDIR to put the work directory on another disk.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
zip_mb=${1:-1024}
runs=${2:-3}
corpus=${CORPUS:-../shared/corpus/backups}
cp_="backup-format/target/classes:cloudsync/target/classes:cloudsync/target/test-classes"
[ -f cloudsync/target/test-classes/org/cloudsync/intake/ZipBenchmark.class ] || {
  echo "error: classes are missing; build them first: mvn -B -q -DskipTests test-compile" >&2; exit 2; }
[ -d "$corpus" ] || { echo "error: the corpus is not at $corpus" >&2; exit 2; }
command -v unzip >/dev/null || { echo "error: unzip is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
need_mb=$((zip_mb * 21 + zip_mb + 512))
free_mb=$(df -Pm "$work" | awk 'NR == 2 { print $4 }')
df -h "$work" | sed 's/^/df: /'
if [ "$free_mb" -lt "$need_mb" ]; then
  echo "error: need about ${need_mb} MB free under $work, have ${free_mb} MB; try a smaller ZIP_MB" >&2
  exit 2
fi

java_=(java ${BENCH_JAVA_OPTS:-} -cp "$cp_" org.cloudsync.intake.ZipBenchmark)
bench() { "${java_[@]}" "$@"; }
zip="$work/logs.zip"
bench generate "$zip" $((zip_mb * 1024 * 1024)) "$corpus"
cat "$zip" >/dev/null  # warm the page cache

echo "-- validate (no output files)"
bench validate "$zip"
ab "$runs" "cloudsync validate" "unzip -t" \
  -- "${java_[@]}" validate "$zip" \
  -- unzip -tqq "$zip"

echo "-- extract"
ours="$work/staging"
theirs="$work/unzip"
ra=() rb=() rr=()
for i in $(seq 0 "$runs"); do
  rm -rf "$ours" "$theirs"; sync
  ta=$(time_once "${java_[@]}" extract "$zip" "$ours")
  if [ "$i" = 0 ]; then
    n=$(find "$ours" -type f | wc -l)
    du -sm "$ours" | awk -v n="$n" '{ print "extracted: " n " files, " $1 " MB" }'
  fi
  rm -rf "$ours"; sync
  tb=$(time_once unzip -qq -o "$zip" -d "$theirs")
  rm -rf "$theirs"
  [ "$i" = 0 ] && continue  # warm-up pair
  ra+=("$ta"); rb+=("$tb")
  rr+=("$(awk -v x="$ta" -v y="$tb" 'BEGIN { printf "%.3f", x / y }')")
done
printf '%-28s median %ss over %d runs\n' "cloudsync extract" "$(printf '%s\n' "${ra[@]}" | median)" "$runs"
printf '%-28s median %ss over %d runs\n' "unzip -o -d" "$(printf '%s\n' "${rb[@]}" | median)" "$runs"
printf '%-28s median %s (per-pair ratios: %s)\n' "ratio extract/unzip" \
  "$(printf '%s\n' "${rr[@]}" | median)" "${rr[*]}"
