//! `lucent top`, end to end with real tools: a real `lucent run` target, the monitor in a real
//! terminal (`tmux`, read with `capture-pane`), and the headless recorder whose exports are parsed
//! back. Plus the ways attaching goes wrong: a PID that is not lucent, a target that exits
//! mid-session, and `perf_event_open` refused by the kernel (a real refusal: an unprivileged user
//! asking for kernel samples under `kernel.perf_event_paranoid` = 2).
//!
//! Every process a test starts is in its own process group, killed when the test ends (pass or
//! fail); tmux runs on a private socket whose server is killed too.

mod support;

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use support::{lucent, run, Scratch};

/// The trace of `work`'s loop in `long_hot.py` (line 11 is its header).
const TRACE: &str = "py::work:long_hot.py:11";

/// A `lucent run --perf=map long_hot.py SECONDS` in its own process group, killed on drop.
struct Target {
    child: Child,
}

impl Target {
    fn start(scratch: &Scratch, seconds: u32) -> Target {
        let script = scratch.copy_script("long_hot.py");
        let child = Command::new(lucent())
            .args(["run", "--perf=map"])
            .arg(&script)
            .arg(seconds.to_string())
            .current_dir(scratch.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("starting lucent run");
        // Give the JIT time to compile the loops.
        std::thread::sleep(Duration::from_millis(1200));
        Target { child }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        kill_group(self.child.id());
        let _ = self.child.wait();
        let _ = fs::remove_file(format!("/tmp/perf-{}.map", self.child.id()));
    }
}

fn kill_group(pgid: u32) {
    // SAFETY: `kill` has no memory preconditions; `-pgid` names a process group this test made
    // with `process_group(0)`.
    unsafe { libc::kill(-(pgid as libc::pid_t), libc::SIGKILL) };
}

/// A tmux server on a private socket with one fixed-size session running a plain shell.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(scratch: &Scratch) -> Tmux {
        static N: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "lucent-top-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        );
        let t = Tmux { socket };
        let out = t
            .cmd()
            .args(["new-session", "-d", "-x", "120", "-y", "40", "-s", "top"])
            .args(["env", "PS1=PROMPT$ ", "bash", "--norc", "--noprofile"])
            .current_dir(scratch.path())
            .output()
            .expect("tmux missing: bash ci/setup.sh installs it");
        assert!(out.status.success(), "tmux new-session failed: {out:?}");
        t
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    fn send(&self, keys: &[&str]) {
        let out = self
            .cmd()
            .args(["send-keys", "-t", "top"])
            .args(keys)
            .output()
            .expect("tmux send-keys");
        assert!(out.status.success(), "tmux send-keys failed: {out:?}");
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "top"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until `pred` holds for the screen; panics with the last screen after `secs`.
    fn wait_for(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").output();
    }
}

/// Whether the shell printed `lucent top`'s exit status (the command line itself has
/// `TOP-EXIT=$?`, not at a line start).
fn exited(screen: &str) -> bool {
    screen.lines().any(|l| l.starts_with("TOP-EXIT="))
}

/// The samples share shown in `row` (the table row of a trace), e.g. `27.7%` → 27.7.
fn samples_share(row: &str) -> Option<f64> {
    row.split_whitespace()
        .find_map(|w| w.strip_suffix('%'))
        .and_then(|p| p.parse().ok())
}

fn row_of<'a>(screen: &'a str, name: &str) -> Option<&'a str> {
    screen
        .lines()
        .find(|l| l.contains(name) && l.trim_start().starts_with('│'))
}

#[test]
fn top_shows_traces_samples_and_lines_then_restores_the_terminal() {
    let scratch = Scratch::new("top-tui");
    let target = Target::start(&scratch, 60);
    let tmux = Tmux::new(&scratch);
    tmux.send(&[
        &format!("{} top {}; echo TOP-EXIT=$?", lucent(), target.pid()),
        "Enter",
    ]);
    let screen = tmux.wait_for("the trace with samples", 30, |s| {
        row_of(s, TRACE)
            .and_then(samples_share)
            .is_some_and(|p| p > 0.0)
    });
    // The header's split, the detail pane's script lines with their shares.
    assert!(screen.contains("lucent top  pid"), "{screen}");
    assert!(
        screen.contains("JIT") && screen.contains("interpreter"),
        "{screen}"
    );
    // Select the loop's own trace (the first row selected may be its side trace, whichever had
    // the most samples when the first snapshot came in): filter the table down to it.
    tmux.send(&["/", TRACE.trim_start_matches("py::work:"), "Enter"]);
    // Line 12 (the loop body) gets a share of the trace's samples once a few have come in.
    let screen = tmux.wait_for("the detail pane's script lines with shares", 20, |s| {
        s.contains("for i in range(n):")
            && s.lines()
                .find(|l| l.contains("s += i * 0.5"))
                .is_some_and(|l| l.contains("   12 ") && l.contains('%'))
    });
    assert!(screen.contains("exits taken"), "no exits pane:\n{screen}");
    // Disassembly and the function view.
    tmux.send(&["d"]);
    tmux.wait_for("the disassembly", 10, |s| {
        s.contains("push rbp") || s.contains("stp")
    });
    tmux.send(&["f"]);
    tmux.wait_for("the function view", 10, |s| {
        s.contains("script functions") && s.contains("work (long_hot.py)")
    });
    tmux.send(&["?"]);
    tmux.wait_for("the help", 10, |s| {
        s.contains("quit (the terminal is restored)")
    });
    // `q` closes the help and quits.
    tmux.send(&["q"]);
    let screen = tmux.wait_for("the shell after q", 10, exited);
    assert!(
        screen.lines().any(|l| l == "TOP-EXIT=0"),
        "top did not exit 0:\n{screen}"
    );
    assert!(
        !screen.contains("lucent top  pid"),
        "the alternate screen was not left:\n{screen}"
    );
    assert!(
        screen
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("PROMPT$"))
            || screen.lines().any(|l| l.trim() == "PROMPT$"),
        "no shell prompt after q:\n{screen}"
    );
    // Keys still echo normally (raw mode is off): type and read back.
    tmux.send(&["echo cooked-$((6*7))", "Enter"]);
    tmux.wait_for("cooked mode", 10, |s| s.contains("cooked-42"));
}

#[test]
fn a_target_that_exits_mid_session_is_reported() {
    let scratch = Scratch::new("top-exit");
    let target = Target::start(&scratch, 3);
    let tmux = Tmux::new(&scratch);
    tmux.send(&[
        &format!("{} top {}; echo TOP-EXIT=$?", lucent(), target.pid()),
        "Enter",
    ]);
    tmux.wait_for("the trace table", 20, |s| s.contains(TRACE));
    let screen = tmux.wait_for("the exit message", 30, |s| {
        s.contains(&format!("process {} exited", target.pid()))
    });
    assert!(screen.contains(TRACE), "the last data is gone:\n{screen}");
    // Ctrl-C quits too (raw mode delivers it as a key), and restores the terminal.
    tmux.send(&["C-c"]);
    let screen = tmux.wait_for("top's exit", 10, exited);
    assert!(
        screen.lines().any(|l| l == "TOP-EXIT=0"),
        "top did not exit 0:\n{screen}"
    );
}

#[test]
fn headless_record_stops_when_the_target_exits() {
    let scratch = Scratch::new("top-exit-rec");
    let target = Target::start(&scratch, 3);
    let out = run(
        scratch.path(),
        "top",
        Command::new(lucent())
            .args(["top", "--record", "p.collapsed", "--duration", "60"])
            .arg(target.pid().to_string()),
    )
    .expect("lucent top");
    assert!(out.ok, "{out}");
    assert!(
        out.stderr.contains(&format!(
            "process {} exited; writing what was collected",
            target.pid()
        )),
        "{out}"
    );
    assert!(scratch.path().join("p.collapsed").exists(), "{out}");
}

#[test]
fn attaching_to_a_process_that_is_not_lucent_says_so() {
    let scratch = Scratch::new("top-sleep");
    let mut sleep = Command::new("sleep")
        .arg("60")
        .process_group(0)
        .spawn()
        .expect("sleep");
    let out = run(
        scratch.path(),
        "top",
        Command::new(lucent())
            .args(["top", "--record", "x.json", "--duration", "1"])
            .arg(sleep.id().to_string()),
    );
    kill_group(sleep.id());
    let _ = sleep.wait();
    let out = out.expect("lucent top");
    assert!(!out.ok, "{out}");
    assert!(
        out.stderr.contains(&format!(
            "process {} (sleep) is not a lucent process",
            sleep.id()
        )) && out.stderr.contains("has no `lucent_monitor` symbol"),
        "{out}"
    );
    // And a PID that does not exist.
    let out = run(
        scratch.path(),
        "top-none",
        Command::new(lucent()).args(["top", "--record", "x.json", "999999999"]),
    )
    .expect("lucent top");
    assert!(
        !out.ok && out.stderr.contains("no process 999999999"),
        "{out}"
    );
}

/// The parts of the recorded exports the checks below need.
fn record(scratch: &Scratch, pid: u32) -> support::Output {
    run(
        scratch.path(),
        "record",
        Command::new(lucent())
            .args(["top", "--duration", "3"])
            .args([
                "--record",
                "p.json",
                "--record",
                "p.pb.gz",
                "--record",
                "p.collapsed",
            ])
            .arg(pid.to_string()),
    )
    .expect("lucent top --record")
}

#[test]
fn headless_record_writes_exports_that_parse_back() {
    let scratch = Scratch::new("top-record");
    let target = Target::start(&scratch, 60);
    let out = record(&scratch, target.pid());
    assert!(out.ok, "{out}");
    assert!(out.stderr.contains(&format!("trace    0 {TRACE}")), "{out}");
    let dir = scratch.path();

    // Firefox Profiler: a processed profile with samples whose frames name the trace and line.
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("p.json")).expect("p.json")).expect("JSON");
    let threads = json["threads"].as_array().expect("threads");
    let samples: u64 = threads
        .iter()
        .map(|t| t["samples"]["length"].as_u64().unwrap_or(0))
        .sum();
    assert!(
        samples > 100,
        "only {samples} samples in 3 s at 1 kHz:\n{out}"
    );
    let strings: Vec<&str> = threads
        .iter()
        .flat_map(|t| t["stringArray"].as_array().into_iter().flatten())
        .filter_map(|s| s.as_str())
        .collect();
    assert!(
        strings
            .iter()
            .any(|s| s.starts_with(&format!("{TRACE} [trace 0] line 1"))),
        "no trace frame with a script line in the Firefox profile: {strings:?}"
    );

    // pprof: gunzip, decode profile.proto, find the trace's location with a line in the loop.
    use prost::Message;
    let mut raw = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&fs::read(dir.join("p.pb.gz")).expect("p.pb.gz")[..]),
        &mut raw,
    )
    .expect("gzip");
    let p = lucent_tui::export::pb::Profile::decode(&raw[..]).expect("profile.proto");
    let total: i64 = p.sample.iter().map(|s| s.value[0]).sum();
    assert_eq!(total as u64, samples, "pprof and Firefox disagree");
    let trace_fn = p
        .function
        .iter()
        .find(|f| p.string_table[f.name as usize] == format!("{TRACE} [trace 0]"))
        .expect("the trace's function in pprof");
    let lines: Vec<i64> = p
        .location
        .iter()
        .flat_map(|l| &l.line)
        .filter(|l| l.function_id == trace_fn.id)
        .map(|l| l.line)
        .collect();
    assert!(
        !lines.is_empty() && lines.iter().all(|l| (11..=14).contains(l)),
        "trace 0's lines in pprof: {lines:?}"
    );

    // Collapsed stacks: `a;b;c N` lines, the counts adding up, a script stack above the trace.
    let text = fs::read_to_string(dir.join("p.collapsed")).expect("p.collapsed");
    let mut sum = 0;
    let mut seen = false;
    for line in text.lines() {
        let (stack, n) = line.rsplit_once(' ').expect("count");
        sum += n.parse::<u64>().expect("number");
        let frames: Vec<&str> = stack.split(';').collect();
        if let Some(at) = frames.iter().position(|f| f.starts_with(TRACE)) {
            seen = true;
            assert!(
                frames[..at].contains(&"py::work:long_hot.py:9")
                    && frames[..at].contains(&"py::main:long_hot.py:25"),
                "the trace is not under work and main: {line}"
            );
        }
    }
    assert_eq!(sum, samples);
    assert!(seen, "no stack through the trace:\n{text}");
}

/// An unprivileged user may sample its own processes' user code at
/// `kernel.perf_event_paranoid` = 2, but not kernel code: `--kernel` as `nobody` is refused by
/// the kernel itself. The monitor must name the sysctl and capability and go on with counters.
#[test]
fn refused_perf_event_open_names_the_sysctl_and_keeps_the_counters() {
    let paranoid: i32 = fs::read_to_string("/proc/sys/kernel/perf_event_paranoid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(2);
    if paranoid < 2 {
        eprintln!(
            "SKIPPED: kernel.perf_event_paranoid = {paranoid} lets anyone sample kernel code, so \
             no real refusal can be produced here"
        );
        return;
    }
    let scratch = Scratch::new("top-refused");
    let dir: PathBuf = scratch.path().to_path_buf();
    let script = scratch.copy_script("long_hot.py");
    set_mode(&dir, 0o777);
    set_mode(&script, 0o644);
    let out = run(
        &dir,
        "refused",
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .args(["--inh-caps=-all", "--bounding-set=-all", "--"])
            .arg(lucent())
            .args(["top", "--kernel", "--duration", "3", "--record"])
            .arg(dir.join("r.collapsed"))
            .arg("--")
            .arg(&script)
            .arg("4"),
    )
    .expect("setpriv lucent top");
    assert!(out.ok, "{out}");
    assert!(
        out.stderr.contains("perf_event_open was refused")
            && out.stderr.contains("kernel.perf_event_paranoid")
            && out.stderr.contains("CAP_PERFMON"),
        "no clear refusal message:\n{out}"
    );
    // Counters still come from the table.
    let row = out
        .stderr
        .lines()
        .find(|l| l.contains(&format!("trace    0 {TRACE}")))
        .unwrap_or_else(|| panic!("no trace counters:\n{out}"));
    let entries: u64 = row
        .split("entries")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(entries > 0, "trace 0 was never entered? {row}");
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).expect("chmod");
}
