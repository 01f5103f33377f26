#!/usr/bin/env bash
# Runs SyncCrashTest over and over with a new seed each time, to gather evidence that the ledger
# survives kills (one run of the test is 20 kills; CI runs it once, with a fixed seed).
#
#   bench/crash-soak.sh RUNS [KILLS] [H2_OPTIONS]
#
# RUNS: how many runs (seeds 1..RUNS, or FIRST_SEED.. when FIRST_SEED is set).
# KILLS: kills per run (default 20).
# H2_OPTIONS: replaces the default H2 URL's options, e.g. 'AUTO_SERVER=TRUE' to run without
#   WRITE_DELAY=0. Unset: the default URL.
# CENTERS (environment): centers synced together, each its own feed (default 1; sync runs up to 4
#   at once, so 4 puts several writers on the ledger at the same time).
#
# Prints one line per run and a summary; each run's Maven output is in SOAK_LOG_DIR (default
# target/crash-soak). A failed run keeps its homes (crashed/, reference/, drop/) in the newest
# junit* directory under the temporary directory, for diagnosis.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:?usage: bench/crash-soak.sh RUNS [KILLS] [H2_OPTIONS]}
kills=${2:-20}
options=${3:-}
first=${FIRST_SEED:-1}
centers=${CENTERS:-1}
log_dir=${SOAK_LOG_DIR:-target/crash-soak}
mkdir -p "$log_dir"

echo "crash soak: $runs runs of $kills kills, $centers center(s), H2 options: ${options:-(default URL)}, load: $(cut -d' ' -f1-3 /proc/loadavg)"
# Runs in the reactor (backup-format from its target/classes), never from ~/.m2: installing there
# would swap the jar under another soak's running tests.

passed=0
failed=0
for ((seed = first; seed < first + runs; seed++)); do
  log="$log_dir/seed-$seed.log"
  props=(-Dcloudsync.crash.seed="$seed" -Dcloudsync.crash.kills="$kills" -Dcloudsync.crash.centers="$centers")
  [ -n "$options" ] && props+=(-Dcloudsync.crash.h2Options="$options")
  if mvn -B -Dspotless.check.skip=true test -pl backup-format,cloudsync -Dtest=SyncCrashTest \
      -Dsurefire.failIfNoSpecifiedTests=false "${props[@]}" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "seed $seed: passed  $(grep -o 'crash test (seed.*' "$log" | tail -1)"
  else
    failed=$((failed + 1))
    held=""
    grep -q "the ledger equals an uninterrupted run's" "$log" && held=" after the ledger check had passed"
    echo "seed $seed: FAILED$held  (log: $log)"
  fi
done
echo "crash soak: $passed passed, $failed failed of $runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$failed" -eq 0 ]
