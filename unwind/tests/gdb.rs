//! GDB itself reads a symfile: this test binary runs itself under `gdb -batch`, the child
//! registers a JIT function with GDB's JIT interface, and GDB must name it, map it to its
//! script line, and unwind through it into `main`.
//!
//! `harness = false`, so `main` is the real entry point and appears in the backtrace. Parent
//! mode runs
//!
//! ```text
//! gdb -batch -nx -iex 'set debuginfod enabled off' -iex 'set auto-load off' -ex run -ex bt \
//!     -ex 'info symbol *(unsigned long *)&LUCENT_GDB_TEST_JIT' \
//!     -ex 'info line *(*(unsigned long *)&LUCENT_GDB_TEST_JIT + 9)' -ex kill --args <this binary>
//! ```
//!
//! with `LUCENT_GDB_TEST_CHILD=1`; child mode calls the JIT code, whose callback raises
//! `SIGTRAP`, so GDB stops with callback → JIT frame → `call_through_jit` → `main` on the
//! stack. GDB is killed after [`GDB_TIMEOUT`]. (With `set debug frame on`, GDB 13 reports
//! `unwinder="dwarf2"` for the JIT frame: it unwinds with the symfile's `.eh_frame`, not a
//! prologue heuristic.)

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

/// Set in the child's environment; its absence means parent mode.
const CHILD_ENV: &str = "LUCENT_GDB_TEST_CHILD";
/// The JIT function's symbol, in lucent's `py::<function>:<file>:<line>` form.
const SYMBOL: &str = "py::hot:script.py:12";
/// How long GDB may take before the test fails.
const GDB_TIMEOUT: Duration = Duration::from_secs(60);

/// The JIT code's address, for GDB's `info symbol` (read through the ELF symbol table).
#[unsafe(no_mangle)]
static LUCENT_GDB_TEST_JIT: AtomicU64 = AtomicU64::new(0);

fn main() {
    if !cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        println!("gdb test: skipped (x86-64 Linux only)");
        return;
    }
    if std::env::args().any(|a| a == "--list") {
        println!("gdb_backtrace_through_jit_frame: test");
        return;
    }
    if std::env::var_os(CHILD_ENV).is_some() {
        #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
        child::run();
    } else {
        parent();
    }
}

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod child {
    use std::sync::atomic::Ordering;

    use lucent_unwind::{
        Arch, CodeRegion, FrameDesc, GdbRegistration, LineInfo, RegisteredFrames, Symfile,
    };

    use super::common::{JitPage, CODE_LEN};
    use super::{LUCENT_GDB_TEST_JIT, SYMBOL};

    /// Stops the process for GDB while the JIT frame is on the stack.
    extern "C" fn callback() {
        // SAFETY: `raise` only sends a signal to this thread; GDB catches SIGTRAP, and the
        // parent never runs the child outside GDB.
        unsafe { libc::raise(libc::SIGTRAP) };
        // Keeps `raise` from becoming a tail call, so this frame really is on the stack.
        std::hint::black_box(());
    }

    /// The Rust frame GDB must reach through the JIT frame.
    #[inline(never)]
    fn call_through_jit(entry: extern "C" fn()) {
        entry();
        // Keeps the call from becoming a tail call, so this frame really is on the stack.
        std::hint::black_box(());
    }

    pub fn run() {
        let page = JitPage::new(callback);
        let desc = FrameDesc::with_frame_pointer(CODE_LEN as u32, 1, 4, 11);
        // The call's return address is offset 10: GDB looks up pc - 1 = 9, on line 12.
        let rows = [(0, 12), (10, 13)];
        let symfile = Symfile {
            arch: Arch::X86_64,
            name: SYMBOL,
            code_address: page.start(),
            frame: &desc,
            // Unused bytes of the JIT page: near the code, and no code lives there.
            eh_frame_address: page.start() + 2048,
            lines: Some(LineInfo {
                file: "script.py",
                rows: &rows,
            }),
        }
        .build()
        .unwrap();
        let region = CodeRegion {
            address: page.start(),
            frame: &desc,
        };
        // SAFETY: the page holds exactly the code `desc` describes and stays mapped and
        // unchanged until after `frames` is dropped (declared after `page`, dropped first).
        let frames = unsafe { RegisteredFrames::register(&[region]) }.unwrap();
        let gdb = GdbRegistration::register(symfile);
        LUCENT_GDB_TEST_JIT.store(page.start(), Ordering::SeqCst);
        call_through_jit(page.entry());
        drop(gdb);
        drop(frames);
    }
}

/// Runs this binary under GDB and checks the backtrace.
fn parent() {
    let exe = std::env::current_exe().expect("current_exe");
    let jit = "*(unsigned long *)&LUCENT_GDB_TEST_JIT";
    let mut cmd = Command::new("gdb");
    cmd.args(["-batch", "-nx", "-iex", "set debuginfod enabled off"])
        .args(["-iex", "set auto-load off", "-ex", "run", "-ex", "bt"])
        .args(["-ex", &format!("info symbol {jit}")])
        .args(["-ex", &format!("info line *({jit} + 9)")])
        .args(["-ex", "kill", "--args"])
        .arg(&exe)
        .env(CHILD_ENV, "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .expect("could not start gdb: install it (ci/setup.sh does) and put it on PATH");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).map(|_| s)
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).map(|_| s)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for gdb") {
            break status;
        }
        if start.elapsed() > GDB_TIMEOUT {
            child.kill().expect("killing gdb");
            child.wait().expect("reaping gdb");
            panic!("gdb did not finish within {GDB_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = out.join().unwrap().unwrap();
    let err = err.join().unwrap().unwrap();
    let all = format!("--- gdb stdout ---\n{out}\n--- gdb stderr ---\n{err}");
    assert!(status.success(), "gdb failed ({status}):\n{all}");
    check(&out, &all);
    println!("gdb_backtrace_through_jit_frame ... ok");
}

/// What GDB must have printed: the JIT frame by name and line, and the Rust frames below it.
fn check(out: &str, all: &str) {
    assert!(
        out.contains("received signal SIGTRAP"),
        "the child never stopped:\n{all}"
    );
    let frames: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    let jit = frames
        .iter()
        .position(|f| f.contains(&format!(" in {SYMBOL} ")))
        .unwrap_or_else(|| panic!("no frame named {SYMBOL}:\n{all}"));
    assert!(
        frames[jit].ends_with(" at script.py:12"),
        "JIT frame has no line info: {:?}\n{all}",
        frames[jit]
    );
    assert!(
        frames[..jit].iter().any(|f| f.contains("child::callback")),
        "callback is not above the JIT frame:\n{all}"
    );
    let below = &frames[jit + 1..];
    let caller = below
        .iter()
        .position(|f| f.contains("child::call_through_jit"));
    // The C `main` Rust generates: `gdb::main` itself may be inlined into `lang_start`.
    let main = below.iter().position(|f| f.contains(" in main ("));
    assert!(
        matches!((caller, main), (Some(c), Some(m)) if c < m),
        "GDB did not unwind through the JIT frame into call_through_jit and main:\n{all}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with(&format!("{SYMBOL} in section .text"))),
        "info symbol did not name the JIT code:\n{all}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("Line 12 of \"script.py\"")),
        "info line did not map the call site to script.py:12:\n{all}"
    );
}
