#!/usr/bin/env bash
# The one test command (CI runs it through .ci/run): formatting, lints, expected files, tests,
# on x86_64 and then on AArch64 under qemu.
set -euo pipefail
cd "$(dirname "$0")/.."

bash ci/setup.sh
# Before the native tests too: the stencil encoder tests check AArch64 code with GNU binutils.
bash ci/setup-aarch64.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --release -- -D warnings
# Catches hand-edited or stale expected files before the harness trusts them.
python3 ci/regen-expected.py --check
# Release: the conformance run includes the shared programs, which are real benchmarks.
cargo test --workspace --release
# The same suite for AArch64, cross-built and run under qemu-aarch64 (perf excepted: see there).
bash ci/aarch64.sh
echo "ci/test.sh: all checks passed"
