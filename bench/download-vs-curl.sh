#!/usr/bin/env bash
# Benchmark (not a test): downloading one large blob from Azurite on loopback with cloudsync's
# fetcher versus curl of the same blob through the same SAS URL, whole process each (JVM start,
# SDK setup, listing, download, MD5 check, fsync), alternating curl and cloudsync in each run so
# that the machine's drift hits both alike. Keep it out of CI: it needs about 2x SIZE of free disk.
#
#   bench/download-vs-curl.sh [SIZE_MIB (default 1024)] [RUNS (default 3)]
#
# Environment:
#   BENCH_BEFORE_JAR   another cloudsync jar (say, main's) timed in the same runs, for before/after
#   BENCH_FETCH_ARGS   extra FetchBlob options, e.g. "--threads 1"
#   BENCH_JAVA_OPTS    extra JVM options (the product runs plain `java -jar`; say so if you use it)
#   BENCH_REBUILD      rebuild the jar first
#
# Needs java 17+, maven, node and npm (Azurite is installed into ~/.cache/cloudsync-test when it
# is not on the PATH), curl, openssl, GNU time (/usr/bin/time) for CPU and peak RSS. Ends with a
# summary block to paste into a note: medians of wall time, throughput, CPU (user+sys) and peak
# RSS per tool, and the median of the per-run throughput ratios cloudsync/curl (goal >= 0.8);
# also against "curl+fsync" (curl, then an fsync of the file: the least a download must do before
# it may be recorded as safely on disk), against "curl+md5+fsync" (curl, then md5sum and an fsync of the file: the same work
# cloudsync does for a blob with a Content-MD5), which says how much is the JVM's own overhead, and
# against "curl|md5,fsync" (the same work with the hash taken while the bytes arrive, as cloudsync
# does: curl | tee FILE | md5sum, then an fsync), the best the native tools do with that work.
set -euo pipefail

size_mib=${1:-1024}
runs=${2:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudsync-bench.XXXXXX")
azurite_pid=""
cleanup() {
  if [[ -n "$azurite_pid" ]]; then kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

jar="$repo/cloudsync/target/cloudsync.jar"
if [[ ! -f "$jar" || -n "${BENCH_REBUILD:-}" ]]; then
  (cd "$repo" && mvn -B -q -pl backup-format,cloudsync -am package -DskipTests)
fi

azurite=$(command -v azurite-blob || true)
if [[ -z "$azurite" ]]; then
  cache="${CLOUDSYNC_TEST_CACHE:-$HOME/.cache/cloudsync-test}/azurite"
  azurite="$cache/node_modules/.bin/azurite-blob"
  if [[ ! -x "$azurite" ]]; then
    mkdir -p "$cache"
    [[ -f "$cache/package.json" ]] || echo '{"private": true}' > "$cache/package.json"
    npm install --prefix "$cache" --no-audit --no-fund azurite >/dev/null
  fi
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/azurite" "$work/curl" "$work/staging"
"$azurite" --disableTelemetry --skipApiVersionCheck --blobHost 127.0.0.1 --blobPort "$port" \
  --location "$work/azurite" --silent >"$work/azurite.log" 2>&1 &
azurite_pid=$!
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

echo "generating a ${size_mib} MiB blob"
head -c "$((size_mib * 1048576))" /dev/urandom >"$work/blob.bin"
md5=$(openssl dgst -md5 -binary "$work/blob.bin" | base64)
java -Dlogback.configurationFile="$repo/bench/logback-bench.xml" -cp "$jar" "$repo/bench/AzuriteSeed.java" "$port" bench "$work/blob.bin" big.bin "$md5" "$work/sas.url"
rm -f "$work/blob.bin"   # Azurite keeps its own copy; free the disk
sas=$(cat "$work/sas.url")
blob_url="${sas%%\?*}/big.bin?${sas#*\?}"

source "$repo/bench/lib.sh"
[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

# measure LABEL CMD...: runs CMD once, appends "label wall cpu rss_mib" to $work/results and
# prints the line; CMD's stdout goes to $work/out.
measure() {
  local label=$1; shift
  local t0 t1
  t0=$(now_ns)
  /usr/bin/time -f '%U %S %M' -o "$work/time" "$@" >"$work/out"
  t1=$(now_ns)
  awk -v l="$label" -v a="$t0" -v b="$t1" -v size="$size_mib" '
    { printf "%s %.3f %.2f %.1f\n", l, (b - a) / 1e9, $1 + $2, $3 / 1024 }' "$work/time" \
    | tee -a "$work/results" | awk -v size="$size_mib" '
    { printf "  %-18s %7.2f s  %7.1f MiB/s  cpu %6.2f s  peak rss %6.1f MiB\n", $1, $2, size / $2, $3, $4 }'
}

# fetch_cmd JAR: sets cmd to the FetchBlob command line with that jar. Like cloudsync.sh, it maps
# the class data archive the build leaves beside the jar (JAR with .jsa for .jar) when it is newer
# than the jar; BENCH_NO_CDS=1 leaves it out.
fetch_cmd() {
  local cds=() archive="${1%.jar}.jsa"
  if [[ -z "${BENCH_NO_CDS:-}" && -f "$archive" && "$archive" -nt "$1" ]]; then
    cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
  cmd=(java -Xmx256m "${cds[@]}" ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile="$repo/bench/logback-bench.xml"
    -cp "$1" org.cloudsync.source.FetchBlob --sas-url-file "$work/sas.url"
    --blob big.bin --staging "$work/staging" ${BENCH_FETCH_ARGS:-})
}

# inproc LABEL: keeps FetchBlob's own timeline from $work/out: seconds from JVM start to the first
# byte, the transfer's MiB/s (first to last byte), the tail (last byte to fsynced and renamed), the
# steady state (first byte to done) in MiB/s, and the peak heap.
inproc() {
  sed -n 's/.*peak heap \([0-9.]*\) MiB.*/\1/p' "$work/out" >"$work/heap"
  sed -n 's/^in-process: first byte \([0-9.]*\) s .*first to last byte [0-9.]* s (\([0-9.]*\) MiB\/s.*to fsynced and renamed \([0-9.]*\) s .*= \([0-9.]*\) MiB\/s$/\1 \2 \3 \4/p' \
    "$work/out" | awk -v l="$1" -v h="$(cat "$work/heap")" '{ print l, $1, $2, $3, $4, h }' >>"$work/inproc"
}

: >"$work/results"
: >"$work/inproc"
for run in $(seq "$runs"); do
  echo "run $run"
  measure curl curl -sS -f -o "$work/curl/big.bin" "$blob_url"
  rm -f "$work/curl/big.bin"
  # The same work cloudsync does for a blob with a Content-MD5: download, hash, flush to disk.
  # The least any download must do before it can be recorded as on disk: curl, then an fsync.
  measure curl+fsync sh -c 'curl -sS -f -o "$1" "$2" && sync "$1"' sh "$work/curl/big.bin" "$blob_url"
  rm -f "$work/curl/big.bin"
  measure curl+md5+fsync sh -c 'curl -sS -f -o "$1" "$2" && md5sum "$1" >/dev/null && sync "$1"' \
    sh "$work/curl/big.bin" "$blob_url"
  rm -f "$work/curl/big.bin"
  measure "curl|md5,fsync" bash -c 'set -o pipefail; curl -sS -f "$2" | tee "$1" | md5sum >/dev/null && sync "$1"' \
    sh "$work/curl/big.bin" "$blob_url"
  rm -f "$work/curl/big.bin"
  fetch_cmd "$jar"
  measure cloudsync "${cmd[@]}"
  sed 's/^/    /' "$work/out"
  inproc cloudsync
  rm -f "$work/staging/big.bin"
  if [[ -n "${BENCH_BEFORE_JAR:-}" ]]; then
    fetch_cmd "$BENCH_BEFORE_JAR"
    measure cloudsync-before "${cmd[@]}"
    sed 's/^/    /' "$work/out"
    inproc cloudsync-before
    rm -f "$work/staging/big.bin"
  fi
done

col() { awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$work/results" | median; }
# Per-run throughput ratio LABEL/BASE = BASE's wall time / LABEL's wall time, then the median.
ratio() {
  awk -v l="$1" -v base="${2:-curl}" '$1 == base { c[++nc] = $2 } $1 == l { x[++nx] = $2 }
    END { for (i = 1; i <= nx; i++) printf "%.3f\n", c[i] / x[i] }' "$work/results"
}
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "--- download-vs-curl: ${size_mib} MiB blob, Azurite on loopback, ${runs} runs, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load ${load}"
echo "    cloudsync: java -Xmx256m ${BENCH_NO_CDS:+(no class data archive) }${BENCH_JAVA_OPTS:-}FetchBlob ${BENCH_FETCH_ARGS:-(default options)} (whole process)"
labels="curl curl+fsync curl+md5+fsync curl|md5,fsync cloudsync"
[[ -n "${BENCH_BEFORE_JAR:-}" ]] && labels="$labels cloudsync-before"
for l in $labels; do
  wall=$(col "$l" 2)
  printf '    %-17s median wall %6.2f s (%6.1f MiB/s), cpu %6.2f s, peak rss %6.1f MiB\n' \
    "$l" "$wall" "$(awk -v s="$size_mib" -v w="$wall" 'BEGIN { print s / w }')" "$(col "$l" 3)" "$(col "$l" 4)"
done
for l in $labels; do
  [[ $l == curl ]] && continue
  for base in curl curl+fsync curl+md5+fsync "curl|md5,fsync"; do
    [[ $l == "$base" ]] && continue
    printf '    throughput %s/%s: median %s (per run: %s); cpu %.1fx\n' "$l" "$base" \
      "$(ratio "$l" "$base" | median)" "$(ratio "$l" "$base" | paste -sd' ')" \
      "$(awk -v a="$(col "$l" 3)" -v b="$(col "$base" 3)" 'BEGIN { print a / b }')"
  done
done
icol() { awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$work/inproc" | median; }
echo "    in-process (FetchBlob's own clock, medians): JVM start to first byte; first to last byte;"
echo "    last byte to fsynced+renamed; steady state = first byte to done; peak heap"
for l in $labels; do
  [[ $l == curl* ]] && continue
  grep -q "^$l " "$work/inproc" || continue  # a build whose FetchBlob prints no timeline
  printf '    %-17s first byte at %5.2f s; transfer %6.1f MiB/s; tail %5.2f s; steady state %6.1f MiB/s; peak heap %6.1f MiB\n' \
    "$l" "$(icol "$l" 2)" "$(icol "$l" 3)" "$(icol "$l" 4)" "$(icol "$l" 5)" "$(icol "$l" 6)"
done
echo "    goal: throughput ratio >= 0.8 (whole process); heap under 256 MiB"
