#!/usr/bin/env bash
# What sampling costs the target: wall time of `lucent run --perf=map PROGRAM` alone and with
# `lucent top --record` (1 kHz, the default) attached right after start, runs alternated.
# Reports wall time and CPU time (user + sys, where the sampling interrupts are charged).
# Usage: [HZ=1000] bash bench/monitor/cost.sh RUNS PROGRAM.py...   (from the checkout, after a
# release build). HZ=10000 magnifies the per-sample cost tenfold, above this machine's noise.
set -euo pipefail
runs=$1
shift
lucent=target/release/lucent
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# wall PROGRAM [monitor]: prints the target's wall time in seconds.
wall() {
  local prog=$1 monitor=${2:-}
  /usr/bin/time -f "%e %U %S" -o "$out/t" "$lucent" run --perf=map "$prog" >/dev/null &
  local timer=$!
  if [ -n "$monitor" ]; then
    local pid=""
    while [ -z "$pid" ]; do pid=$(pgrep -P "$timer" || true); done
    # Until the child has exec'd lucent (right after fork it is still `time`).
    while [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" != *lucent* ]]; do :; done
    "$lucent" top --hz "${HZ:-1000}" --record "$out/p.collapsed" --duration 600 "$pid" 2>"$out/top.log" ||
      { cat "$out/top.log" >&2; exit 1; }
  fi
  wait "$timer"
  tail -1 "$out/t"
}

printf '| program | wall alone s | wall watched s | wall ratio | CPU alone s | CPU watched s | CPU ratio | samples (last run) |\n|---|---|---|---|---|---|---|---|\n'
for prog in "$@"; do
  alone=() watched=() alone_cpu=() watched_cpu=()
  for _ in $(seq "$runs"); do
    read -r w u s < <(wall "$prog")
    alone+=("$w"); alone_cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
    read -r w u s < <(wall "$prog" monitor)
    watched+=("$w"); watched_cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  ratio() { awk -v a="$1" -v w="$2" 'BEGIN {printf "%.3f", w / a}'; }
  a=$(median "${alone[@]}") w=$(median "${watched[@]}")
  ac=$(median "${alone_cpu[@]}") wc=$(median "${watched_cpu[@]}")
  samples=$(grep -o '^lucent top: [0-9]* samples' "$out/top.log" | grep -o '[0-9]*' || echo 0)
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(basename "$prog" .py)" "$a" "$w" \
    "$(ratio "$a" "$w")" "$ac" "$wc" "$(ratio "$ac" "$wc")" "$samples"
done
