#!/usr/bin/env bash
# Shared helpers for the benchmark scripts: whole-process A/B timing with medians and ratios.
# Runs A and B alternately (A B A B ...) so that drift in the machine's speed hits both alike.

# now_ns: monotonic-enough wall clock in nanoseconds.
now_ns() { date +%s%N; }

# time_once CMD...: prints the wall time of one run in seconds (3 decimals); output discarded.
time_once() {
  local t0 t1
  t0=$(now_ns)
  "$@" >/dev/null 2>&1 || { echo "command failed: $*" >&2; return 1; }
  t1=$(now_ns)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}

# median: reads numbers on stdin, prints their median.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ab RUNS LABEL_A LABEL_B -- A... -- B...: one warm-up each, then RUNS alternating pairs.
# Prints the median of A, of B, and the median of the per-pair ratios A/B.
ab() {
  local runs=$1 la=$2 lb=$3; shift 3
  [ "$1" = "--" ] || { echo "usage: ab RUNS LA LB -- A... -- B..." >&2; return 2; }
  shift
  local a=() b=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do a+=("$1"); shift; done
  shift
  b=("$@")
  time_once "${a[@]}" >/dev/null; time_once "${b[@]}" >/dev/null
  local ta tb ra=() rb=() rr=()
  for _ in $(seq "$runs"); do
    ta=$(time_once "${a[@]}"); tb=$(time_once "${b[@]}")
    ra+=("$ta"); rb+=("$tb")
    rr+=("$(awk -v x="$ta" -v y="$tb" 'BEGIN { printf "%.3f", x / y }')")
  done
  printf '%-28s median %ss over %d runs (min %s, max %s)\n' "$la" \
    "$(printf '%s\n' "${ra[@]}" | median)" "$runs" \
    "$(printf '%s\n' "${ra[@]}" | sort -g | head -1)" "$(printf '%s\n' "${ra[@]}" | sort -g | tail -1)"
  printf '%-28s median %ss over %d runs (min %s, max %s)\n' "$lb" \
    "$(printf '%s\n' "${rb[@]}" | median)" "$runs" \
    "$(printf '%s\n' "${rb[@]}" | sort -g | head -1)" "$(printf '%s\n' "${rb[@]}" | sort -g | tail -1)"
  printf '%-28s median %s (per-pair ratios: %s)\n' "ratio $la/$lb" \
    "$(printf '%s\n' "${rr[@]}" | median)" "${rr[*]}"
}
