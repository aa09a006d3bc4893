#!/usr/bin/env bash
# Times lucent (JIT on and off) against CPython on the shared programs and measures peak RSS,
# then times the loop programs in bench/loops.
# Usage: bash ci/bench.sh [compare.py options] [PROGRAM...]
# Writes the timing table and the memory table to target/bench.md (under $CARGO_TARGET_DIR if set).
set -euo pipefail
cd "$(dirname "$0")/.."

bash ci/setup.sh bench
cargo build --release
target=${CARGO_TARGET_DIR:-target}
lucent=$target/release/lucent
shared=../shared/bench
[ -d "$shared/programs" ] || { echo "ci/bench.sh: $shared/programs not found: CI puts shared/ beside the checkout" >&2; exit 1; }
out=$target/bench.md

# compare.py exits 1 when some output differed; still print the memory table, then fail.
status=0
python3 "$shared/compare.py" \
  --engine "lucent=$lucent run" \
  --engine "lucent-nojit=$lucent run --jit=off" \
  "$@" | tee "$out" || status=$?

# Peak RSS of one run per program per engine, in MiB (GNU time's %M is KiB). This table always
# covers every program, whatever names were passed to compare.py.
engines=("cpython:python3" "lucent:$lucent run" "lucent-nojit:$lucent run --jit=off")
rss=$(mktemp)
trap 'rm -f "$rss"' EXIT
{
  echo
  printf '| program |'
  for e in "${engines[@]}"; do printf ' %s peak RSS MiB |' "${e%%:*}"; done
  echo
  printf '|---|'
  for _ in "${engines[@]}"; do printf -- '---|'; done
  echo
  for prog in "$shared"/programs/*.py; do
    printf '| %s |' "$(basename "$prog" .py)"
    for e in "${engines[@]}"; do
      read -r -a cmd <<<"${e#*:}"
      # -o keeps time's report apart from the program's own output.
      if /usr/bin/time -f %M -o "$rss" "${cmd[@]}" "$prog" >/dev/null 2>&1; then
        awk '{ kib = $1 } END { printf " %.1f |", kib / 1024 }' "$rss"
      else
        printf ' failed |'
      fi
    done
    echo
  done
} | tee -a "$out"

# The loop programs in bench/loops (what the JIT compiles today), same engines; CPython generates
# their expected output here, now.
loops_expected=$target/loops-expected
mkdir -p "$loops_expected"
for prog in bench/loops/*.py; do
  python3 "$prog" >"$loops_expected/$(basename "$prog" .py).out"
done
echo | tee -a "$out"
python3 "$shared/compare.py" \
  --programs bench/loops --expected "$loops_expected" \
  --engine "lucent=$lucent run" \
  --engine "lucent-nojit=$lucent run --jit=off" \
  "$@" | tee -a "$out" || status=$?

# What perf support costs (issue 4's overhead budget): the shared programs with --perf=all
# (trampolines for every interpreted frame, perf map + jitdump for every trace and trampoline)
# against the default, side by side. The perf files go to a scratch directory, not /tmp.
perf_files=$(mktemp -d)
trap 'rm -f "$rss"; rm -rf "$perf_files"' EXIT
echo | tee -a "$out"
python3 "$shared/compare.py" --without pypy \
  --engine "lucent=$lucent run" \
  --engine "lucent-perf=env LUCENT_PERF_DIR=$perf_files $lucent run --perf=all" \
  "$@" | tee -a "$out" || status=$?
exit "$status"
