#!/usr/bin/env bash
# The AArch64 JIT against the AArch64 interpreter, both under qemu-aarch64, on the shared programs
# and the loop programs (bench/loops). qemu-user translates guest code at its own speed, so only
# the ratio between the two lucent columns means anything; the CPython column (native) is there
# because compare.py checks every engine's output against CPython's.
# Usage: bash ci/bench-aarch64.sh [compare.py options] [PROGRAM...]
# Writes the tables to target/aarch64/bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."

bash ci/setup-aarch64.sh
# shellcheck source=ci/aarch64-env.sh
source ci/aarch64-env.sh
aarch64_cargo build --release
lucent="qemu-aarch64 -L / $AARCH64_TARGET_DIR/$AARCH64_TARGET/release/lucent"
shared=../shared/bench
[ -d "$shared/programs" ] || { echo "ci/bench-aarch64.sh: $shared/programs not found: CI puts shared/ beside the checkout" >&2; exit 1; }
out=$AARCH64_TARGET_DIR/bench.md

status=0
python3 "$shared/compare.py" --without pypy \
  --engine "lucent-a64=$lucent run" \
  --engine "lucent-a64-nojit=$lucent run --jit=off" \
  "$@" | tee "$out" || status=$?

loops_expected=$AARCH64_TARGET_DIR/loops-expected
mkdir -p "$loops_expected"
for prog in bench/loops/*.py; do
  python3 "$prog" >"$loops_expected/$(basename "$prog" .py).out"
done
echo | tee -a "$out"
python3 "$shared/compare.py" --without pypy \
  --programs bench/loops --expected "$loops_expected" \
  --engine "lucent-a64=$lucent run" \
  --engine "lucent-a64-nojit=$lucent run --jit=off" \
  "$@" | tee -a "$out" || status=$?
exit "$status"
