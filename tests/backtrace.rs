//! In-process unwinding through traces: with `LUCENT_JIT_BACKTRACE=range_next`, the first call
//! of that runtime helper from a trace prints the stack as the process's own unwinder (libgcc's,
//! the one Rust panics use) walks it. Through the trace's registered CFI it continues past the
//! trace into the interpreter and the VM's entry; the trace is named from lucent's table of
//! published code. With `--debug-info=off` (nothing registered) the walk stops at the trace.

mod support;

use support::{lucent_command, run, Scratch};

/// The frames lucent printed, innermost first.
fn frames(options: &[&str]) -> Vec<String> {
    let scratch = Scratch::new("backtrace");
    let script = scratch.copy_script("hot.py");
    let out = run(
        scratch.path(),
        "lucent",
        lucent_command()
            .arg("run")
            .args(options)
            .arg(&script)
            .env("LUCENT_JIT_BACKTRACE", "range_next"),
    )
    .unwrap();
    assert!(out.ok, "{out}");
    assert!(
        out.stderr
            .starts_with("lucent: backtrace from helper range_next (LUCENT_JIT_BACKTRACE)"),
        "{out}"
    );
    out.stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix('#'))
        .map(|l| l.split_once(' ').map_or("", |(_, f)| f).to_string())
        .collect()
}

#[test]
fn the_process_unwinder_walks_through_a_trace() {
    let frames = frames(&[]);
    let trace = frames
        .iter()
        .position(|f| f == "py::work:hot.py:7")
        .unwrap_or_else(|| panic!("no trace frame: {frames:#?}"));
    assert!(
        frames[..trace]
            .iter()
            .any(|f| f.contains("backtrace_then_call")),
        "the helper is below the trace: {frames:#?}"
    );
    let rest = &frames[trace + 1..];
    assert!(
        rest[0].contains("JitHook>::enter"),
        "the trace's caller: {frames:#?}"
    );
    assert!(
        rest.iter().any(|f| f.contains("run_main")),
        "the walk reaches the VM's entry: {frames:#?}"
    );
}

#[test]
fn without_registered_cfi_the_walk_stops_at_the_trace() {
    let frames = frames(&["--debug-info=off"]);
    let trace = frames
        .iter()
        .position(|f| f == "py::work:hot.py:7")
        .unwrap_or_else(|| panic!("no trace frame: {frames:#?}"));
    assert!(
        !frames[trace + 1..].iter().any(|f| f.contains("run_main")),
        "unwound past a trace without CFI: {frames:#?}"
    );
}
