//! perf map and jitdump writers: how lucent's JIT publishes compiled traces to Linux `perf`.
//!
//! Two files, both created fresh per process, mode 0600, with `O_CREAT | O_EXCL | O_NOFOLLOW`
//! (a symlink or someone else's file at the path is refused with [`Error::NotOurs`]; a stale
//! regular file of our own uid, left by an earlier process with the same pid, is replaced):
//!
//! * [`PerfMap`] — `/tmp/perf-PID.map`, text, one line per code region:
//!   `START SIZE name\n`, START and SIZE in lowercase hex without `0x`. perf splits a line at
//!   the first two spaces, so the name may contain spaces but not newlines. Enough for
//!   `perf report` to name samples; no source lines, no disassembly.
//!
//! * [`JitDump`] — `/tmp/jit-PID.dump`, binary, native-endian, after
//!   `tools/perf/Documentation/jitdump-specification.txt`: a 40-byte header (magic
//!   `0x4A695444`, version 1, ELF machine, pid, timestamp, flags) then records, each starting
//!   with `{ id: u32, total_size: u32, timestamp: u64 }`. We write `JIT_CODE_DEBUG_INFO`,
//!   `JIT_CODE_UNWINDING_INFO` and `JIT_CODE_LOAD` for each piece of code, in that order (perf
//!   attaches debug and unwind records to the next load), and `JIT_CODE_CLOSE` on close/drop.
//!   Timestamps are `CLOCK_MONOTONIC` nanoseconds (`JITDUMP_FLAGS_ARCH_TIMESTAMP` clear). The
//!   file is mapped `PROT_READ | PROT_EXEC` for as long as the [`JitDump`] lives: that mmap
//!   event is how perf finds the dump.
//!
//! Usage contract for the JIT:
//!
//! * publish code *before* it first runs, and never reuse a `code_index` (the writer assigns
//!   them: unique and increasing). `perf inject --jit` turns every load into its own
//!   `jitted-PID-INDEX.so`;
//! * never unmap or rewrite code that was published: perf has no "unload" record;
//! * the profiling session then is
//!   ```text
//!   perf record -k mono -g lucent run script.py
//!   perf inject --jit -i perf.data -o perf.jit.data
//!   perf report -i perf.jit.data
//!   ```
//!   (`-k mono` so perf's sample clock matches the dump's timestamps).
//!
//! Tests and tools can write elsewhere with [`PerfMap::create_in`] / [`JitDump::create_in`];
//! perf itself only looks in `/tmp`.

mod create;
mod error;
pub mod jitdump;
mod map;
mod sys;

pub use error::{Error, Result};
pub use jitdump::{CodeLoad, ElfMachine, JitDump, LineEntry, UnwindInfo};
pub use map::PerfMap;
