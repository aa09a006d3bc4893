//! Shared by the tests that drive real external tools (perf, gdb) against `lucent run`: a scratch
//! directory per test, and a runner that captures output through files and kills the whole
//! process group after a timeout, so a hung tool fails the test instead of hanging CI.

#![allow(dead_code)]

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Every external command is killed after this long.
pub const TIMEOUT: Duration = Duration::from_secs(180);

/// The `lucent` binary under test.
pub fn lucent() -> &'static str {
    env!("CARGO_BIN_EXE_lucent")
}

/// A command that runs the `lucent` binary under test: directly, or through the runner named
/// by `LUCENT_TEST_RUNNER` (the AArch64 run, `ci/aarch64.sh`, sets `qemu-aarch64 -L /`: a test
/// process emulated by qemu-user cannot execute an AArch64 binary by itself).
pub fn lucent_command() -> Command {
    let runner = std::env::var("LUCENT_TEST_RUNNER").unwrap_or_default();
    let mut words = runner.split_whitespace();
    match words.next() {
        Some(program) => {
            let mut cmd = Command::new(program);
            cmd.args(words).arg(lucent());
            cmd
        }
        None => Command::new(lucent()),
    }
}

/// The ISA of the binary under test, from its ELF header's `e_machine` (a little-endian u16 at
/// offset 18): x86-64 natively, AArch64 in the AArch64 run.
pub fn binary_arch() -> lucent_unwind::Arch {
    use lucent_unwind::Arch;
    let elf = fs::read(lucent()).expect("read the lucent binary");
    let machine = u16::from_le_bytes([elf[18], elf[19]]);
    [Arch::X86_64, Arch::Aarch64]
        .into_iter()
        .find(|a| a.elf_machine() == machine)
        .unwrap_or_else(|| panic!("the binary's e_machine {machine} is neither x86-64 nor AArch64"))
}

/// The name lucent's files use for an ISA (`tests/jit-golden/NAME.<isa>.txt`).
pub fn arch_name(arch: lucent_unwind::Arch) -> &'static str {
    match arch {
        lucent_unwind::Arch::X86_64 => "x86_64",
        lucent_unwind::Arch::Aarch64 => "aarch64",
    }
}

/// Whether the binary under test runs under an emulator (`LUCENT_TEST_RUNNER`).
pub fn emulated() -> bool {
    std::env::var("LUCENT_TEST_RUNNER").is_ok_and(|r| !r.trim().is_empty())
}

/// The test scripts for tool tests (`tests/tools/`).
pub fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tools")
        .join(name)
}

/// A fresh directory, removed on drop. `create_dir` fails on any existing path (symlinks
/// included), so nothing planted beforehand is written through.
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("lucent-{tag}-{}-{n}", std::process::id()));
        fs::create_dir(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        Scratch { dir }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Copies a script from `tests/tools/` into the directory; returns its new path.
    pub fn copy_script(&self, name: &str) -> PathBuf {
        let to = self.dir.join(name);
        fs::copy(script(name), &to).unwrap_or_else(|e| panic!("copying {name}: {e}"));
        to
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// What a finished command printed.
pub struct Output {
    pub ok: bool,
    pub status: String,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}]\n--- stdout\n{}\n--- stderr\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

/// Runs `cmd` in `dir` (also its `HOME`, so no user configuration or cache outside it is read
/// or written) in its own process group, output to files (no pipe to fill), and kills the whole
/// group after [`TIMEOUT`]. `Err` only when the program cannot be started or timed out.
pub fn run(dir: &Path, name: &str, cmd: &mut Command) -> Result<Output, String> {
    use std::os::unix::process::CommandExt;

    let out_path = dir.join(format!("{name}.stdout"));
    let err_path = dir.join(format!("{name}.stderr"));
    let file = |p: &Path| fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()));
    let mut child = cmd
        .current_dir(dir)
        .env("HOME", dir)
        .stdin(Stdio::null())
        .stdout(file(&out_path)?)
        .stderr(file(&err_path)?)
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run `{cmd:?}`: {e}"))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let pgid = child.id() as libc::pid_t;
                // SAFETY: `kill` has no memory preconditions; `-pgid` names only the process
                // group this function created with `process_group(0)` for `child`.
                unsafe { libc::kill(-pgid, libc::SIGKILL) };
                let _ = child.wait();
                return Err(format!("`{cmd:?}` did not finish in {TIMEOUT:?}; killed"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for `{cmd:?}`: {e}")),
        }
    };
    let read = |p: &Path| {
        let mut text = String::new();
        let _ = fs::File::open(p).and_then(|mut f| f.read_to_string(&mut text));
        text
    };
    Ok(Output {
        ok: status.success(),
        status: status.to_string(),
        stdout: read(&out_path),
        stderr: read(&err_path),
    })
}
