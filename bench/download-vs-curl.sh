#!/usr/bin/env bash
# Benchmark (not a test): downloading one large blob from Azurite on loopback with cloudsync's
# fetcher versus curl of the same blob through the same SAS URL, whole process each, and the
# fetcher's peak heap under -Xmx256m. Keep it out of CI: it needs about 3x SIZE of free disk.
#
#   bench/download-vs-curl.sh [SIZE_MIB (default 1024)] [RUNS (default 2)]
#
# Needs java 17+, maven, node and npm (Azurite is installed into ~/.cache/cloudsync-test when it
# is not on the PATH), curl, md5sum, openssl. Prints each run and the throughput ratio
# (cloudsync / curl; the goal is at least 0.8) from the best run of each.
set -euo pipefail

size_mib=${1:-1024}
runs=${2:-2}
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

now() { date +%s.%N; }
# CPU seconds (user + sys) of a command, when GNU time is there; the machine may be shared, and
# CPU per byte says more than wall time then.
cpu() { if [[ -x /usr/bin/time ]]; then /usr/bin/time -f '%U %S' -o "$work/cpu" "$@"; else "$@"; echo '0 0' >"$work/cpu"; fi; }
cpu_total() { awk '{printf "%.2f", $1 + $2}' "$work/cpu"; }
best_curl=""; best_java=""
for run in $(seq "$runs"); do
  start=$(now)
  cpu curl -sS -f -o "$work/curl/big.bin" "$blob_url"
  t=$(echo "$(now) - $start" | bc -l)
  printf 'run %d curl:      %6.2f s  %7.1f MiB/s  cpu %s s\n' "$run" "$t" "$(echo "$size_mib / $t" | bc -l)" "$(cpu_total)"
  [[ -z "$best_curl" || $(echo "$t < $best_curl" | bc -l) == 1 ]] && best_curl=$t
  rm -f "$work/curl/big.bin"

  start=$(now)
  out=$(cpu java -Xmx256m ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile="$repo/bench/logback-bench.xml" -cp "$jar" org.cloudsync.source.FetchBlob --sas-url-file "$work/sas.url" \
    --blob big.bin --staging "$work/staging" ${BENCH_FETCH_ARGS:-})
  t=$(echo "$(now) - $start" | bc -l)
  printf 'run %d cloudsync: %6.2f s  %7.1f MiB/s  cpu %s s  (in-process fetch: %s)\n' "$run" "$t" \
    "$(echo "$size_mib / $t" | bc -l)" "$(cpu_total)" "${out#fetched * bytes in }"
  [[ -z "$best_java" || $(echo "$t < $best_java" | bc -l) == 1 ]] && best_java=$t
  rm -f "$work/staging/big.bin"
done
uptime | sed 's/^ */load: /'
printf 'best: curl %.2f s, cloudsync %.2f s (whole process, -Xmx256m); throughput ratio cloudsync/curl = %.2f\n' \
  "$best_curl" "$best_java" "$(echo "$best_curl / $best_java" | bc -l)"
