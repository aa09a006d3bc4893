//! The monitor's errors: one variant per way attaching or sampling can fail, each message saying
//! what happened and what the user can do about it.

use std::path::PathBuf;

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why the monitor cannot attach, read or sample.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No process has that id (or it exited before we could look at it).
    #[error(
        "no process {pid}: it does not exist or has exited (check the id with `pgrep -a lucent`)"
    )]
    NoProcess { pid: u32 },
    /// The target exited while being monitored.
    #[error("process {pid} exited")]
    Exited { pid: u32 },
    /// The process runs a program that is not lucent.
    #[error(
        "process {pid} ({comm}) is not a lucent process: {exe} has no `{symbol}` symbol \
         (attach to a process started with `lucent run`, or start one with `lucent top -- SCRIPT.py`)"
    )]
    NotLucent {
        pid: u32,
        comm: String,
        exe: PathBuf,
        symbol: &'static str,
    },
    /// The target's table has another layout version than this monitor reads.
    #[error(
        "process {pid} exports monitor table version {found}, this `lucent top` reads version \
         {expected}: use the `lucent` binary the target was started with (`/proc/{pid}/exe top {pid}`)"
    )]
    Version { pid: u32, found: u32, expected: u32 },
    /// The table's header does not hold what a lucent table holds.
    #[error("process {pid}: the monitor table at {addr:#x} holds garbage ({what}); is it really a lucent process?")]
    Garbage { pid: u32, addr: u64, what: String },
    /// Reading the target's memory was refused.
    #[error(
        "cannot read the memory of process {pid}: {source} (process_vm_readv needs the same user \
         as the target, or CAP_SYS_PTRACE: run `lucent top` as the target's user or with sudo)"
    )]
    Ptrace { pid: u32, source: std::io::Error },
    /// This system cannot read another process's memory at all (`process_vm_readv` fails with
    /// ENOSYS: kernels built without it, and qemu-user, which does not emulate it).
    #[error(
        "cannot read the memory of process {pid}: process_vm_readv is not available here \
         (ENOSYS: a kernel without CONFIG_CROSS_MEMORY_ATTACH, or an emulator such as qemu-user); \
         run `lucent top` natively on the machine that runs the target"
    )]
    NoCrossMemory { pid: u32 },
    /// A read of the target's memory failed for another reason (unmapped address: the target
    /// changed under us, or exited).
    #[error("process {pid}: cannot read {len} bytes at {addr:#x}: {source}")]
    Read {
        pid: u32,
        addr: u64,
        len: usize,
        source: std::io::Error,
    },
    /// A file of the target (its executable, maps, perf map) could not be read.
    #[error("cannot read {path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The executable is not an ELF file we can parse.
    #[error("cannot parse {path}: {message}")]
    Elf { path: PathBuf, message: String },
    /// perf_event_open was refused: the message names the sysctl or capability needed.
    #[error(
        "sampling is off: perf_event_open was refused ({source}); kernel.perf_event_paranoid is \
         {paranoid}. {needed} Counters are still shown."
    )]
    PerfRefused {
        source: std::io::Error,
        paranoid: String,
        needed: String,
    },
    /// perf_event_open failed for a reason other than permissions.
    #[error("sampling is off: perf_event_open failed ({source}){hint}. Counters are still shown.")]
    PerfFailed {
        source: std::io::Error,
        hint: String,
    },
    /// The script could not be launched.
    #[error("cannot start `{command}`: {source}")]
    Launch {
        command: String,
        source: std::io::Error,
    },
    /// Writing an export or the terminal failed.
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    /// An export file name whose format we cannot tell.
    #[error("cannot tell the format of {path}: name it *.json (Firefox Profiler), *.pb.gz (pprof) or *.collapsed / *.txt (collapsed stacks)")]
    Format { path: PathBuf },
}
