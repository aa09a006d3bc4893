//! `perf record` on `lucent run`, end to end with the real perf tools (no mocks).
//!
//! Each test profiles `tests/tools/hot.py` (a loop the JIT compiles, a function that stays
//! interpreted, calls between them) with `perf record -e cpu-clock -k 1`, then `perf inject
//! --jit` (jitdump) and `perf report` / `perf script`, and checks what a user would look for:
//! JIT samples named `py::...` (none left to `//anon` or `[unknown]`), script lines for JIT
//! code, and call chains from a trace through the named frames of the interpreted functions down
//! to `run_main`, with frame pointers (`-g`) and with `--call-graph dwarf`.
//!
//! perf missing fails the tests (the README's test command installs it); they skip, saying
//! why, only when the kernel refuses `perf_event_open`.

mod support;

use std::path::Path;
use std::process::Command;

use support::{lucent, run, Output, Scratch};

/// The trace of `work`'s loop, and the trampolines of the interpreted functions.
const TRACE: &str = "py::work:hot.py:7";
const WORK: &str = "py::work:hot.py:5";
const TALLY: &str = "py::tally:hot.py:12";
const MAIN: &str = "py::main:hot.py:19";
const MODULE: &str = "py::<module>:hot.py:1";

/// Whether `perf record` failed because the kernel refused to open the event.
fn kernel_refused(out: &Output) -> bool {
    let e = &out.stderr;
    e.contains("perf_event_paranoid")
        || e.contains("No permission to enable")
        || e.contains("Access to performance monitoring and observability operations is limited")
}

/// A recorded profile in its scratch directory.
struct Profile {
    scratch: Scratch,
    data: &'static str,
    /// The profiled process, whose `/tmp/perf-PID.map` (map mode) is removed on drop.
    pid: Option<u32>,
}

impl Drop for Profile {
    fn drop(&mut self) {
        if let Some(pid) = self.pid {
            let _ = std::fs::remove_file(format!("/tmp/perf-{pid}.map"));
        }
    }
}

impl Profile {
    /// Records `lucent run --perf=MODE hot.py` with `call_graph` (`-g` or `--call-graph dwarf`),
    /// and injects the jitdump when there is one. `None` when the kernel refuses to profile.
    fn record(tag: &str, mode: &str, call_graph: &[&str]) -> Option<Profile> {
        let scratch = Scratch::new(tag);
        let dir = scratch.path().to_path_buf();
        let script = scratch.copy_script("hot.py");
        let mut cmd = perf(&dir);
        cmd.args(["record", "-e", "cpu-clock", "-k", "1", "-o", "perf.data"])
            .args(call_graph)
            .args(["--", lucent(), "run"])
            .arg(format!("--perf={mode}"))
            .arg(&script);
        if mode != "map" {
            // The dump (and the .so files perf inject derives from it) stay in the scratch
            // directory: perf finds a dump through its mmap, wherever it is.
            cmd.env("LUCENT_PERF_DIR", &dir);
        }
        let out = run(&dir, "record", &mut cmd).unwrap_or_else(|e| panic!("{e}\n{INSTALL}"));
        if !out.ok && kernel_refused(&out) {
            let paranoid =
                std::fs::read_to_string("/proc/sys/kernel/perf_event_paranoid").unwrap_or_default();
            eprintln!(
                "SKIPPED: the kernel refuses perf_event_open (kernel.perf_event_paranoid = {}); \
                 allow it with `sudo sysctl kernel.perf_event_paranoid=1`.\n{out}",
                paranoid.trim()
            );
            return None;
        }
        assert!(out.ok, "perf record failed:\n{out}");
        let expected = cpython_output(&script);
        assert_eq!(
            out.stdout, expected,
            "lucent's output under perf differs from CPython's"
        );
        let mut profile = Profile {
            scratch,
            data: "perf.data",
            pid: None,
        };
        profile.pid = profile
            .tool("script", &["-F", "pid"])
            .lines()
            .find_map(|l| l.trim().parse().ok());
        if mode != "map" {
            let out = run(
                &dir,
                "inject",
                perf(&dir).args(["inject", "--jit", "-i", "perf.data", "-o", "perf.jit.data"]),
            )
            .unwrap();
            assert!(out.ok, "perf inject failed:\n{out}");
            profile.data = "perf.jit.data";
        }
        Some(profile)
    }

    /// Runs `perf SUBCOMMAND -i DATA ARGS` and returns its stdout.
    fn tool(&self, sub: &str, args: &[&str]) -> String {
        let dir = self.scratch.path();
        let out = run(dir, sub, perf(dir).args([sub, "-i", self.data]).args(args)).unwrap();
        assert!(out.ok, "perf {sub} failed:\n{out}");
        out.stdout
    }

    /// `perf report --stdio` rows `(percent, columns...)` for `--sort KEYS`, no call graphs.
    fn report(&self, sort: &str) -> Vec<(f64, String)> {
        self.tool(
            "report",
            &["--stdio", "--no-children", "-g", "none", "--sort", sort],
        )
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let l = l.trim();
            let (pct, rest) = l.split_once('%')?;
            Some((pct.trim().parse().ok()?, rest.trim().to_string()))
        })
        .collect()
    }

    /// `perf script` samples, each as its list of frame lines (innermost first).
    fn samples(&self) -> Vec<Vec<String>> {
        self.tool("script", &[])
            .split("\n\n")
            .map(|s| s.lines().skip(1).map(|l| l.trim().to_string()).collect())
            .collect()
    }
}

const INSTALL: &str = "install perf (Debian: apt-get install linux-perf) and put it on PATH";

fn perf(dir: &Path) -> Command {
    let mut cmd = Command::new("perf");
    cmd.env("PERF_BUILDID_DIR", dir.join(".debug"))
        .env("PERF_PAGER", "cat");
    cmd
}

/// CPython's stdout for `script` (the oracle).
fn cpython_output(script: &Path) -> String {
    let out = Command::new("python3")
        .arg(script)
        .output()
        .expect("python3 (CPython 3.11) runs the oracle");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The first sample whose innermost frames lead from `leaf` through every name in `chain`, in
/// order; panics with the samples seen otherwise.
fn assert_chain(samples: &[Vec<String>], leaf: &str, chain: &[&str]) {
    let found = samples.iter().any(|frames| {
        let Some(start) = frames.iter().position(|f| f.contains(leaf)) else {
            return false;
        };
        let mut rest = frames[start + 1..].iter();
        chain.iter().all(|name| rest.any(|f| f.contains(name)))
    });
    if !found {
        let with_leaf: Vec<String> = samples
            .iter()
            .filter(|s| s.iter().any(|f| f.contains(leaf)))
            .take(3)
            .map(|s| s.join("\n"))
            .collect();
        panic!(
            "no sample has {leaf} then {chain:?} in its call chain; samples with {leaf}:\n{}",
            with_leaf.join("\n\n")
        );
    }
}

/// Checks the per-symbol report: JIT code is sampled, and ≥ 90 % of its samples carry lucent's
/// names; nothing is left to anonymous memory.
fn assert_jit_samples_named(profile: &Profile) {
    let rows = profile.report("dso,sym");
    let jit = |r: &&(f64, String)| r.1.starts_with("jitted-") || r.1.starts_with("[JIT]");
    let anon = |r: &&(f64, String)| r.1.starts_with("//anon") || r.1.starts_with("[unknown]");
    let in_jit: f64 = rows.iter().filter(jit).map(|r| r.0).sum();
    let named: f64 = rows
        .iter()
        .filter(jit)
        .filter(|r| r.1.contains("[.] py::"))
        .map(|r| r.0)
        .sum();
    let unnamed: f64 = rows.iter().filter(anon).map(|r| r.0).sum();
    let table: Vec<String> = rows
        .iter()
        .map(|r| format!("{:6.2}% {}", r.0, r.1))
        .collect();
    let table = table.join("\n");
    assert!(
        in_jit >= 10.0,
        "JIT code got {in_jit:.1}% of the samples:\n{table}"
    );
    assert!(
        named >= 0.9 * (in_jit + unnamed),
        "only {named:.1}% of {in_jit:.1}% JIT samples (+{unnamed:.1}% anonymous) are named:\n{table}"
    );
    assert!(
        rows.iter().any(|r| r.1.ends_with(TRACE)),
        "no samples in {TRACE}:\n{table}"
    );
}

#[test]
fn jitdump_names_traces_and_lines_with_frame_pointer_stacks() {
    let Some(profile) = Profile::record("perf-fp", "all", &["-g"]) else {
        return;
    };
    assert_jit_samples_named(&profile);
    let lines = profile.report("srcline");
    assert!(
        lines.iter().any(|r| r.1 == "hot.py:7" || r.1 == "hot.py:8"),
        "perf report --sort srcline shows no line of the loop: {lines:?}"
    );
    let samples = profile.samples();
    // Trace → its caller in the VM → the named frames of the interpreted callers → the VM's
    // entry on its thread.
    assert_chain(
        &samples,
        TRACE,
        &["JitHook>::enter", WORK, MAIN, MODULE, "run_main"],
    );
    assert_chain(&samples, TALLY, &[MAIN, MODULE, "run_main"]);
}

#[test]
fn dwarf_call_graphs_unwind_through_traces_and_trampolines() {
    let Some(profile) = Profile::record("perf-dwarf", "jitdump", &["--call-graph", "dwarf"]) else {
        return;
    };
    assert_jit_samples_named(&profile);
    let samples = profile.samples();
    assert_chain(
        &samples,
        TRACE,
        &["JitHook>::enter", WORK, MAIN, MODULE, "run_main"],
    );
    // From a runtime helper the trace calls, through the trace.
    assert_chain(&samples, "range_next", &[TRACE, WORK, MAIN, "run_main"]);
}

#[test]
fn perf_map_alone_names_traces_and_interpreted_functions() {
    let Some(profile) = Profile::record("perf-map", "map", &["-g"]) else {
        return;
    };
    let rows = profile.report("sym");
    assert!(
        rows.iter().any(|r| r.1.ends_with(TRACE) && r.0 >= 10.0),
        "{TRACE} is not among the top symbols: {rows:?}"
    );
    let samples = profile.samples();
    assert_chain(&samples, TALLY, &[MAIN, MODULE, "run_main"]);
    assert_chain(&samples, TRACE, &[WORK, MAIN]);
}
