//! Memory behaviour of the real `lucent` binary: a script that allocates without end (bounded
//! here by a counter) keeps a bounded peak RSS, because the collector reclaims its garbage.

mod support;

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A private directory for the test's script, created fresh (never reusing a planted path).
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lucent-memory-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir(&dir).expect("create a fresh scratch directory");
    dir
}

/// Peak resident set (`VmHWM`) of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `script` and returns (stdout, peak RSS in KiB sampled until just before it exits).
fn run_sampling_rss(name: &str, script: &str, env: &[(&str, &str)]) -> (String, u64) {
    let dir = scratch_dir(name);
    let path = dir.join("alloc.py");
    std::fs::write(&path, script).expect("write script");
    let mut cmd = support::lucent_command();
    cmd.arg("run")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn lucent");
    let pid = child.id();
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut peak = 0;
    loop {
        if let Some(kib) = peak_rss_kib(pid) {
            peak = peak.max(kib);
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "lucent did not finish within 120 s"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let out = child.wait_with_output().expect("collect output");
    assert!(out.status.success(), "lucent failed: {:?}", out.status);
    let _ = std::fs::remove_dir_all(&dir);
    (String::from_utf8_lossy(&out.stdout).into_owned(), peak)
}

/// Allocates about 3 million short-lived objects (lists, tuples, instances, big ints, strings):
/// several GB if nothing were freed.
const ALLOCATE_FOREVER: &str = r#"
class Node:
    def __init__(self, v):
        self.v = v
        self.payload = [v] * 20

total = 0
for i in range(600000):
    n = Node(i)
    t = (i, str(i), n)
    big = 2 ** 80 + i
    total += len(n.payload) + len(t) + (big & 1)
print(total)
"#;

#[test]
fn allocating_loop_keeps_bounded_rss() {
    let (out, peak_kib) = run_sampling_rss("plain", ALLOCATE_FOREVER, &[]);
    assert_eq!(out.trim(), (600000u64 * 23 + 300000).to_string());
    assert!(peak_kib > 0, "could not read the child's peak RSS");
    assert!(
        peak_kib < 96 * 1024,
        "peak RSS {peak_kib} KiB: garbage is not being reclaimed"
    );
}

#[test]
fn gc_stress_mode_collects_at_every_allocation_and_stays_correct() {
    let script = ALLOCATE_FOREVER.replace("600000", "20000");
    let (out, peak_kib) = run_sampling_rss("stress", &script, &[("LUCENT_GC_STRESS", "1")]);
    assert_eq!(out.trim(), (20000u64 * 23 + 10000).to_string());
    assert!(
        peak_kib < 64 * 1024,
        "peak RSS {peak_kib} KiB under GC stress"
    );
}

/// A loop the JIT compiles whole, allocating an instance per iteration (`Class(args)` inlined
/// into the trace): about 3 million instances, hundreds of MB if the trace never let the
/// collector run. The trace polls at the end of every iteration and leaves when a collection is
/// due.
const TRACED_ALLOCATIONS: &str = r#"
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def churn(n):
    total = 0
    for i in range(n):
        p = P(i, i + 1)
        total += p.x + p.y
    return total


print(churn(3000000))
"#;

#[test]
fn traced_allocating_loop_keeps_bounded_rss() {
    let (out, peak_kib) = run_sampling_rss("traced", TRACED_ALLOCATIONS, &[]);
    assert_eq!(out.trim(), "9000000000000");
    assert!(peak_kib > 0, "could not read the child's peak RSS");
    assert!(
        peak_kib < 96 * 1024,
        "peak RSS {peak_kib} KiB: the trace does not let the collector run"
    );
}
