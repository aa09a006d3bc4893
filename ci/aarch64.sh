#!/usr/bin/env bash
# The AArch64 half of the test suite, on an x86_64 machine: builds the workspace for
# aarch64-unknown-linux-gnu with Debian's rustc and runs under qemu-aarch64 the unit tests of
# every crate, the CLI, memory and JIT golden tests, the conformance suite with the shared
# programs (JIT on, off, stress, perf), the in-process unwind test, and the gdb tests through
# qemu's gdbstub with gdb-multiarch. Called by ci/test.sh; also runs alone.
#
# Not run here: tests/perf.rs and tests/monitor.rs. perf (and the monitor's perf_event_open)
# samples the host CPU, which under qemu-user executes qemu's own translation of the guest, not
# lucent's traces, and the monitor reads a target's memory and /proc/PID/exe, which under
# qemu-user are qemu's. The AArch64 perf records are checked by reading them back instead
# (tests/cli.rs: the jitdump's machine and code; perfmap's tests), and the tui crate's own tests
# run here, all but the one that reads its own memory with process_vm_readv: qemu-user 7.2 does
# not emulate that system call (ENOSYS, which the monitor reports as such), so under qemu it
# tests qemu, not lucent; it runs natively in ci/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

bash ci/setup-aarch64.sh
# shellcheck source=ci/aarch64-env.sh
source ci/aarch64-env.sh
# A test process under qemu-user cannot exec an AArch64 binary itself: the tests start
# `lucent` (and gdb's inferior) through this runner.
export LUCENT_TEST_RUNNER="qemu-aarch64 -L /"

tests=(--lib --bins)
for t in tests/*.rs; do
  name=$(basename "$t" .rs)
  case "$name" in
    perf | monitor) ;;
    *) tests+=(--test "$name") ;;
  esac
done
for crate in vm jit unwind perfmap tui; do
  for t in "$crate"/tests/*.rs; do
    [ -e "$t" ] && tests+=(--test "$(basename "$t" .rs)")
  done
done
aarch64_cargo test --release --workspace "${tests[@]}" -- \
  --skip remote::tests::reads_own_memory_and_refuses_garbage_lengths
echo "ci/aarch64.sh: all AArch64 checks passed"
