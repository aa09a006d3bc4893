//! End to end through the real perf tools: a tiny x86-64 JIT publishes one hot function through
//! [`PerfMap`] and [`JitDump`], and `perf record` / `perf inject --jit` / `perf report` must
//! name it and its source lines.
//!
//! This binary has two roles (`harness = false`):
//!
//! * run by `cargo test`, it is the *driver*: in a fresh scratch directory it runs
//!   ```text
//!   perf record -e cpu-clock -k 1 -g -N -o perf.data -- <this binary, as helper>
//!   perf inject --jit -i perf.data -o perf.jit.data
//!   perf report -i perf.jit.data --stdio --no-children --sort sym
//!   perf report -i perf.jit.data --stdio --no-children --sort srcline
//!   perf script -i perf.jit.data
//!   ```
//!   each killed (with its process group) after 60 s, and checks their output;
//! * run with `LUCENT_PERF_E2E_DIR` set, it is the *helper* perf profiles: it JITs a counting
//!   loop, publishes it as `py::hot:script.py:12`, calls it for about a second, and writes its
//!   pid to `DIR/helper.pid` so the driver can remove the files it left in `/tmp`.
//!
//! What perf needs, learned here: `-k 1` (CLOCK_MONOTONIC, the dump's clock), or inject
//! ignores the dump; the dump must be mmapped executable while recording (only exec mmaps are
//! recorded without `--data`); `perf inject --jit` writes `jitted-PID-INDEX.so` next to the
//! dump (so in `/tmp`), with `.text` at 0x80 and `.eh_frame` right after it, 8-aligned (what
//! `perf_eh_frame_address` assumes), and copies it into the build-id cache. `HOME` and
//! `PERF_BUILDID_DIR` point into the scratch directory so no cache entry or user config
//! outside it is touched. A `dec; jnz` loop macro-fuses, and every sample then lands on the
//! `dec`: the code below keeps a flag-neutral instruction between them.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The JIT function's symbol, as lucent names Python functions.
const SYMBOL: &str = "py::hot:script.py:12";
/// Every external command is killed after this long.
const TIMEOUT: Duration = Duration::from_secs(60);
/// Switches this binary into the helper role; the value is the scratch directory.
const HELPER_ENV: &str = "LUCENT_PERF_E2E_DIR";

fn main() -> ExitCode {
    if !cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        println!("perf_e2e: the test JIT emits x86-64 code only; nothing to run here");
        return ExitCode::SUCCESS;
    }
    if let Some(dir) = std::env::var_os(HELPER_ENV) {
        helper::run(Path::new(&dir));
        return ExitCode::SUCCESS;
    }
    print!("test perf_e2e::record_inject_report ... ");
    let scratch = Scratch::new();
    let result = driver(&scratch);
    scratch.remove_tmp_files();
    match result {
        Ok(()) => {
            println!("ok");
            ExitCode::SUCCESS
        }
        Err(message) => {
            println!("FAILED\n\n{message}");
            ExitCode::FAILURE
        }
    }
}

/// The driver: record, inject, report, and check.
fn driver(scratch: &Scratch) -> Result<(), String> {
    let dir = scratch.path();
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;

    let record = run(
        dir,
        "record",
        Command::new("perf")
            .args(["record", "-e", "cpu-clock", "-k", "1", "-g", "-N"])
            .args(["-o", "perf.data", "--"])
            .arg(&exe)
            .env(HELPER_ENV, dir),
    )?;
    if !record.ok || !dir.join("perf.data").exists() {
        return Err(perf_unavailable(&record));
    }
    let pid = fs::read_to_string(dir.join("helper.pid"))
        .map_err(|e| format!("the helper wrote no pid ({e}); perf record said:\n{record}"))?;
    let pid: u32 = pid
        .trim()
        .parse()
        .map_err(|e| format!("bad pid {pid:?}: {e}"))?;
    scratch.set_helper_pid(pid);

    let inject = run(
        dir,
        "inject",
        Command::new("perf").args(["inject", "--jit", "-i", "perf.data", "-o", "perf.jit.data"]),
    )?;
    if !inject.ok {
        return Err(format!("perf inject --jit failed:\n{inject}"));
    }
    let jitted = scratch.jitted_files();
    if jitted.is_empty() {
        return Err(format!(
            "perf inject --jit wrote no /tmp/jitted-{pid}-*.so: it did not find or accept \
             /tmp/jit-{pid}.dump\n{inject}"
        ));
    }

    let report = run(
        dir,
        "report-sym",
        Command::new("perf")
            .args(["report", "-i", "perf.jit.data", "--stdio"])
            .args(["--no-children", "--sort", "sym"]),
    )?;
    if !report.ok {
        return Err(format!("perf report failed:\n{report}"));
    }
    let share = report
        .stdout
        .lines()
        .find(|line| line.contains(SYMBOL))
        .and_then(|line| line.split_whitespace().next())
        .and_then(|percent| percent.trim_end_matches('%').parse::<f64>().ok())
        .ok_or_else(|| format!("{SYMBOL} is not in perf report --sort sym:\n{report}"))?;
    if share < 50.0 {
        return Err(format!(
            "{SYMBOL} has only {share}% of the samples, expected most of them:\n{report}"
        ));
    }
    println!("\n--- perf report --sort sym (excerpt)");
    print_excerpt(&report.stdout, SYMBOL);

    // Source lines come from the JIT_CODE_DEBUG_INFO record, which inject turned into the
    // `.debug_line` of the jitted .so.
    let srcline = run(
        dir,
        "report-srcline",
        Command::new("perf")
            .args(["report", "-i", "perf.jit.data", "--stdio"])
            .args(["--no-children", "--sort", "srcline"]),
    )?;
    for line in ["script.py:12", "script.py:13"] {
        if !srcline.ok || !srcline.stdout.contains(line) {
            return Err(format!(
                "perf report --sort srcline does not show {line}:\n{srcline}"
            ));
        }
    }
    println!("--- perf report --sort srcline (excerpt)");
    print_excerpt(&srcline.stdout, "script.py:");

    // With frame-pointer call graphs, the JIT frame's caller is the helper's Rust function.
    let script = run(
        dir,
        "script",
        Command::new("perf").args(["script", "-i", "perf.jit.data"]),
    )?;
    if !script.ok {
        return Err(format!("perf script failed:\n{script}"));
    }
    let through = script.stdout.split("\n\n").any(|sample| {
        let mut frames = sample.lines().skip(1);
        frames.next().is_some_and(|f| f.contains(SYMBOL))
            && frames.next().is_some_and(|f| f.contains("call_jit"))
    });
    if !through {
        let head: String = script
            .stdout
            .lines()
            .take(40)
            .collect::<Vec<_>>()
            .join("\n");
        return Err(format!(
            "no perf script sample has {SYMBOL} called from the helper's call_jit:\n{head}"
        ));
    }
    Ok(())
}

/// The failure message when `perf record` cannot run: the sysctl to change, never a skip.
fn perf_unavailable(record: &Output) -> String {
    let paranoid = fs::read_to_string("/proc/sys/kernel/perf_event_paranoid")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|e| format!("unreadable: {e}"));
    format!(
        "perf record could not profile the helper (kernel.perf_event_paranoid = {paranoid}).\n\
         Install perf (linux-perf / linux-tools) and allow unprivileged cpu-clock sampling with\n\
         \n    sudo sysctl kernel.perf_event_paranoid=1\n\n\
         (or run the test as root / with CAP_PERFMON). perf record said:\n{record}"
    )
}

fn print_excerpt(text: &str, needle: &str) {
    for line in text
        .lines()
        .filter(|l| l.contains(needle) || l.starts_with("# Samples"))
    {
        println!("{line}");
    }
}

/// What a finished command printed.
struct Output {
    ok: bool,
    status: String,
    stdout: String,
    stderr: String,
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

/// Runs `cmd` in `dir` in its own process group, output to files (no pipe to fill), and kills
/// the whole group after [`TIMEOUT`].
fn run(dir: &Path, name: &str, cmd: &mut Command) -> Result<Output, String> {
    use std::os::unix::process::CommandExt;

    let out_path = dir.join(format!("{name}.stdout"));
    let err_path = dir.join(format!("{name}.stderr"));
    let file = |p: &Path| fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()));
    let mut child = cmd
        .current_dir(dir)
        .env("HOME", dir)
        .env("PERF_BUILDID_DIR", dir.join(".debug"))
        .env("PERF_PAGER", "cat")
        .stdin(Stdio::null())
        .stdout(file(&out_path)?)
        .stderr(file(&err_path)?)
        .process_group(0)
        .spawn()
        .map_err(|e| {
            format!(
                "cannot run `{cmd:?}`: {e}; install perf (Debian: linux-perf, \
                 Ubuntu: linux-tools-generic) and put it on PATH"
            )
        })?;
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
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
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

/// The scratch directory, plus the files the helper and `perf inject` leave in `/tmp`.
struct Scratch {
    dir: PathBuf,
    helper_pid: std::cell::Cell<Option<u32>>,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = std::env::temp_dir().join(format!("lucent-perf-e2e-{}", std::process::id()));
        // A leftover from a crashed earlier run with the same pid is ours to remove.
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir(&dir).expect("create scratch dir");
        Scratch {
            dir,
            helper_pid: std::cell::Cell::new(None),
        }
    }

    fn path(&self) -> &Path {
        &self.dir
    }

    fn set_helper_pid(&self, pid: u32) {
        self.helper_pid.set(Some(pid));
    }

    /// `/tmp/jitted-PID-*.so` that `perf inject --jit` made for our helper.
    fn jitted_files(&self) -> Vec<PathBuf> {
        let Some(pid) = self.helper_pid.get() else {
            return Vec::new();
        };
        let prefix = format!("jitted-{pid}-");
        fs::read_dir("/tmp")
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".so"))
            })
            .collect()
    }

    /// Removes what the helper and perf inject wrote outside the scratch directory.
    fn remove_tmp_files(&self) {
        if let Some(pid) = self.helper_pid.get() {
            for path in self.jitted_files() {
                let _ = fs::remove_file(path);
            }
            let _ = fs::remove_file(format!("/tmp/perf-{pid}.map"));
            let _ = fs::remove_file(format!("/tmp/jit-{pid}.dump"));
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The profiled program: one JIT function, published to perf, run for about a second.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod helper {
    use std::ffi::c_void;
    use std::path::Path;
    use std::time::{Duration, Instant};

    use lucent_perfmap::{CodeLoad, ElfMachine, JitDump, LineEntry, PerfMap, UnwindInfo};
    use lucent_unwind::{
        perf_eh_frame_address, Arch, CodeRegion, EhFrame, FrameDesc, PointerEncoding,
    };

    /// `fn(count: u64)`: counts `rdi` down to zero in a frame-pointer frame. Offsets 0..10
    /// are "line 12" (prologue and `dec`), 10.. are "line 13" (`lea`, `jnz`, epilogue). The
    /// flag-neutral `lea` sits between `dec` and `jnz` because the CPU fuses a `dec; jnz`
    /// pair, and then every sample lands on the `dec`: line 13 would never be seen.
    const CODE: [u8; 18] = [
        0x55, // 0: push rbp
        0x48, 0x89, 0xe5, // 1: mov rbp, rsp
        0x48, 0x89, 0xf9, // 4: mov rcx, rdi
        0x48, 0xff, 0xc9, // 7: dec rcx
        0x48, 0x8d, 0x40, 0x01, // 10: lea rax, [rax + 1]
        0x75, 0xf7, // 14: jnz 7
        0x5d, // 16: pop rbp
        0xc3, // 17: ret
    ];

    /// One page of machine code: written while RW, then flipped to R+X (never both).
    struct JitPage {
        addr: *mut c_void,
        len: usize,
    }

    impl JitPage {
        fn new(code: &[u8]) -> JitPage {
            let len = 4096;
            assert!(code.len() <= len);
            // SAFETY: a fresh anonymous mapping at a kernel-chosen address aliases nothing.
            let addr = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    len,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                    -1,
                    0,
                )
            };
            assert_ne!(addr, libc::MAP_FAILED, "mmap");
            // SAFETY: the mapping is `len` >= `code.len()` bytes, writable, and only this
            // value refers to it.
            unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), addr.cast(), code.len()) };
            // SAFETY: `addr..addr+len` is our own mapping; after this nothing writes to it.
            let rc = unsafe { libc::mprotect(addr, len, libc::PROT_READ | libc::PROT_EXEC) };
            assert_eq!(rc, 0, "mprotect");
            JitPage { addr, len }
        }

        fn start(&self) -> u64 {
            self.addr as u64
        }

        fn entry(&self) -> extern "C" fn(u64) {
            // SAFETY: the page holds `CODE`, a complete C-ABI function of one u64 argument,
            // and is executable; it lives as long as `self`, and is only called while it does.
            unsafe { std::mem::transmute::<*mut c_void, extern "C" fn(u64)>(self.addr) }
        }
    }

    impl Drop for JitPage {
        fn drop(&mut self) {
            // SAFETY: exactly the mapping made in `new`; no code runs in it any more.
            unsafe { libc::munmap(self.addr, self.len) };
        }
    }

    /// The Rust frame perf's frame-pointer walk must find as the JIT function's caller.
    #[inline(never)]
    fn call_jit(entry: extern "C" fn(u64), count: u64) {
        entry(std::hint::black_box(count));
        // Keeps the call from becoming a tail call, so this frame really is on the stack.
        std::hint::black_box(());
    }

    pub(super) fn run(dir: &Path) {
        let page = JitPage::new(&CODE);
        let code_addr = page.start();
        let code_len = CODE.len() as u64;

        let frame = FrameDesc::with_frame_pointer(CODE.len() as u32, 1, 4, 17);
        let eh_address = perf_eh_frame_address(code_addr, code_len);
        let region = CodeRegion {
            address: code_addr,
            frame: &frame,
        };
        let eh_frame = EhFrame::build(Arch::X86_64, eh_address, PointerEncoding::PcRel, &[region])
            .expect("build .eh_frame");
        let hdr = eh_frame
            .build_hdr(eh_address + eh_frame.bytes().len() as u64)
            .expect("build .eh_frame_hdr");

        // Published before the code first runs, and kept until the process ends.
        let mut map = PerfMap::create().expect("create /tmp/perf-PID.map");
        map.add(code_addr, code_len, super::SYMBOL)
            .expect("write perf map");
        let mut dump = JitDump::create(ElfMachine::X86_64).expect("create /tmp/jit-PID.dump");
        std::fs::write(dir.join("helper.pid"), std::process::id().to_string())
            .expect("write helper.pid");
        let lines = [
            LineEntry {
                offset: 0,
                file: "script.py",
                line: 12,
            },
            LineEntry {
                offset: 10,
                file: "script.py",
                line: 13,
            },
        ];
        dump.write_code_load(&CodeLoad {
            name: super::SYMBOL,
            code_addr,
            code: &CODE,
            lines: &lines,
            unwind: Some(UnwindInfo::from_parts(eh_frame.bytes(), &hdr)),
        })
        .expect("write code load");

        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(1) {
            call_jit(page.entry(), 5_000_000);
        }
        dump.close().expect("close jitdump");
    }
}

#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
mod helper {
    pub(super) fn run(_dir: &std::path::Path) {}
}
