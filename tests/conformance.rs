//! Conformance harness: runs every tests/py script, and the shared benchmark programs, under
//! `lucent run` and compares stdout, exit status and normalized stderr with CPython 3.11's.
//!
//! The expected files (`NAME.out`, optional `NAME.err`), the `# args:` line and the stderr
//! normalization rule are specified once, in the docstring of `ci/regen-expected.py`, which
//! generates the files from CPython; this harness implements the same rules.
//!
//! Runs, each checked separately:
//! - every corpus script with `--jit=off`, `--jit=on` and JIT stress mode (`--jit=on` with
//!   `LUCENT_JIT_STRESS=1`: every loop is compiled after two iterations and retried forever, so
//!   traces, guards, exits and re-entry run everywhere), and with perf support on
//!   (`--perf=all`: every Python frame runs nested under its named trampoline, every trace and
//!   trampoline is written to a perf map and a jitdump in a scratch directory), cwd `tests/py`,
//!   path relative to it;
//! - every corpus script again with `LUCENT_GC_STRESS=1` (collect at every allocation safepoint);
//! - the programs in `<workspace>/../shared/bench/programs` in all four modes.
//!
//! `LUCENT_TEST_FILTER=SUBSTR` keeps only runs whose label contains SUBSTR; a label reads like
//! `errors/x.py [jit=on gc-stress]` or `bench/nbody.py [jit=off]`.

mod support;

use std::fs;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// A run still going after this long is killed and reported as a failure.
const TIMEOUT: Duration = Duration::from_secs(60);

/// [`TIMEOUT`], times four under an emulator (qemu-user runs lucent several times slower; the
/// slowest program in stress mode takes about a minute there).
fn timeout() -> Duration {
    if support::emulated() {
        4 * TIMEOUT
    } else {
        TIMEOUT
    }
}
/// Workers running lucent at once: CI machines are small and shared.
const THREADS: usize = 2;
/// Output beyond this is not kept: no expected file comes close, so a runaway loop printing
/// forever fails on its first differing line instead of filling memory.
const OUTPUT_LIMIT: u64 = 16 << 20;
/// Lines of context and of difference shown per diff.
const DIFF_CONTEXT: usize = 2;
const DIFF_LINES: usize = 6;

const MODES: [Jit; 4] = [Jit::Off, Jit::On, Jit::Stress, Jit::Perf];
/// One stress pass, with the JIT on: cold code still runs in the interpreter, so both the
/// interpreter's roots and the JIT's stack maps are exercised.
const GC_STRESS_MODES: [Jit; 1] = [Jit::On];

#[derive(Clone, Copy)]
enum Jit {
    Off,
    On,
    /// `--jit=on` with `LUCENT_JIT_STRESS=1`.
    Stress,
    /// `--jit=on --perf=all`, files in a scratch directory (`LUCENT_PERF_DIR`).
    Perf,
}

impl Jit {
    fn flag(self) -> &'static str {
        match self {
            Jit::Off => "--jit=off",
            Jit::On | Jit::Stress | Jit::Perf => "--jit=on",
        }
    }

    /// The mode as shown in run labels.
    fn name(self) -> &'static str {
        match self {
            Jit::Off => "jit=off",
            Jit::On => "jit=on",
            Jit::Stress => "jit=stress",
            Jit::Perf => "jit=on perf=all",
        }
    }
}

/// What CPython did with a script.
#[derive(Clone)]
struct Expected {
    stdout: Vec<u8>,
    exit: i32,
    /// Already normalized by the generator.
    stderr: Vec<u8>,
}

/// One `lucent run` invocation to check.
struct Job {
    label: String,
    cwd: PathBuf,
    /// Path relative to `cwd`, as it appears in tracebacks.
    script: String,
    args: Vec<String>,
    jit: Jit,
    gc_stress: bool,
    /// `Err` when the expected files are missing or malformed: the job fails without running.
    expected: Result<Expected, String>,
}

/// How a lucent process ended.
enum Status {
    Exited(i32),
    Signaled(i32),
    TimedOut,
    NotRun(String),
}

struct Actual {
    status: Status,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// A failed job: its label and what differed, ready to print.
struct Failure {
    label: String,
    details: Vec<String>,
}

#[test]
fn conformance() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let filter = std::env::var("LUCENT_TEST_FILTER").ok();
    let mut problems = Vec::new();

    let mut jobs = corpus_jobs(&root.join("tests/py"));
    match bench_jobs(&root.join("../shared/bench")) {
        Ok(bench) => jobs.extend(bench),
        Err(problem) => problems.push(problem),
    }
    if let Some(f) = &filter {
        jobs.retain(|job| job.label.contains(f.as_str()));
        assert!(
            !jobs.is_empty(),
            "LUCENT_TEST_FILTER={f:?} matches no conformance run"
        );
    }

    let failures = run_all(&jobs);
    if let Some(dir) = PERF_DIR.get() {
        let _ = fs::remove_dir_all(dir);
    }
    report(jobs.len(), &failures, &problems);
}

/// The stderr normalization rule of `ci/regen-expected.py`: drop the lines made only of
/// spaces/tabs and at least one `^` or `~` (CPython 3.11's caret lines), keep all others.
fn normalize_stderr(raw: &[u8]) -> Vec<u8> {
    let is_caret_line = |line: &&[u8]| {
        line.iter().all(|b| matches!(b, b' ' | b'\t' | b'^' | b'~'))
            && line.iter().any(|b| matches!(b, b'^' | b'~'))
    };
    let kept: Vec<&[u8]> = raw
        .split(|&b| b == b'\n')
        .filter(|line| !is_caret_line(line))
        .collect();
    kept.join(&b'\n')
}

/// Like CPython, lucent names the main script by its absolute path in tracebacks; the expected
/// files have the checkout-specific `tests/py/` prefix removed (see `ci/regen-expected.py`), so the
/// same prefix is removed here.
fn strip_corpus_prefix(raw: &[u8]) -> Vec<u8> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py");
    let needle = format!("\"{}/", corpus.display()).into_bytes();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i..].starts_with(&needle) {
            out.push(b'"');
            i += needle.len();
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn normalize_drops_only_caret_lines() {
    let raw = b"Traceback:\n    x = a + b\n        ~~^~~\n\n  ^\nValueError: ^ and ~\n";
    assert_eq!(
        normalize_stderr(raw),
        b"Traceback:\n    x = a + b\n\nValueError: ^ and ~\n"
    );
    assert_eq!(normalize_stderr(b""), b"");
    assert_eq!(normalize_stderr(b"no newline"), b"no newline");
}

// ---- discover ------------------------------------------------------------------------------

/// Jobs for every `tests/py/**/*.py`: both JIT modes, then the GC-stress pass.
fn corpus_jobs(corpus: &Path) -> Vec<Job> {
    let mut scripts = Vec::new();
    collect_scripts(corpus, corpus, &mut scripts);
    scripts.sort();
    assert!(
        !scripts.is_empty(),
        "no scripts found under {}",
        corpus.display()
    );
    // Read each script's expectations once; every pass checks against the same files.
    let scripts: Vec<_> = scripts
        .into_iter()
        .map(|rel| {
            let path = corpus.join(&rel);
            (script_args(&path), read_expected(&path), rel)
        })
        .collect();
    let passes = MODES
        .iter()
        .map(|&jit| (jit, false))
        .chain(GC_STRESS_MODES.iter().map(|&jit| (jit, true)));
    let mut jobs = Vec::new();
    for (jit, gc_stress) in passes {
        let stress = if gc_stress { " gc-stress" } else { "" };
        for (args, expected, rel) in &scripts {
            jobs.push(Job {
                label: format!("{rel} [{}{stress}]", jit.name()),
                cwd: corpus.to_path_buf(),
                script: rel.clone(),
                args: args.clone(),
                jit,
                gc_stress,
                expected: expected.clone(),
            });
        }
    }
    jobs
}

/// Recursively collects `.py` files under `dir` as '/'-separated paths relative to `base`.
fn collect_scripts(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("reading a directory entry").path();
        if path.is_dir() {
            collect_scripts(base, &path, out);
        } else if path.extension().is_some_and(|ext| ext == "py") {
            let rel = path.strip_prefix(base).expect("path under the corpus");
            let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
            out.push(parts.join("/"));
        }
    }
}

/// Extra argv from an optional `# args: a b c` first line.
fn script_args(script: &Path) -> Vec<String> {
    let text = fs::read_to_string(script).unwrap_or_default();
    let first = text.lines().next().unwrap_or("");
    first
        .strip_prefix("# args:")
        .map(|rest| rest.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Reads `NAME.out` and the optional `NAME.err` (`exit: N` line, then normalized stderr).
fn read_expected(script: &Path) -> Result<Expected, String> {
    let regen = "run `python3 ci/regen-expected.py`";
    let out_path = script.with_extension("out");
    let stdout = fs::read(&out_path)
        .map_err(|e| format!("cannot read {}: {e}; {regen}", out_path.display()))?;
    let err_path = script.with_extension("err");
    let Ok(err) = fs::read(&err_path) else {
        return Ok(Expected {
            stdout,
            exit: 0,
            stderr: Vec::new(),
        });
    };
    let newline = err.iter().position(|&b| b == b'\n').unwrap_or(err.len());
    let exit = std::str::from_utf8(&err[..newline])
        .ok()
        .and_then(|line| line.strip_prefix("exit: "))
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| {
            format!(
                "{}: first line is not `exit: N`; {regen}",
                err_path.display()
            )
        })?;
    let stderr = err.get(newline + 1..).unwrap_or_default().to_vec();
    Ok(Expected {
        stdout,
        exit,
        stderr,
    })
}

/// Jobs for the shared benchmark programs; `Err` when `shared/` is not beside the checkout.
fn bench_jobs(bench: &Path) -> Result<Vec<Job>, String> {
    let programs = bench.join("programs");
    let entries = fs::read_dir(&programs).map_err(|e| {
        format!(
            "cannot read {}: {e}. CI puts the shared/ directory beside the checkout \
             (../shared relative to the workspace root); place it there to run these tests",
            programs.display()
        )
    })?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".py")?.to_owned())
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no programs found in {}", programs.display()));
    }
    let mut jobs = Vec::new();
    for jit in MODES {
        for name in &names {
            let out_path = bench.join("expected").join(format!("{name}.out"));
            let expected = fs::read(&out_path)
                .map(|stdout| Expected {
                    stdout,
                    exit: 0,
                    stderr: Vec::new(),
                })
                .map_err(|e| format!("cannot read {}: {e}", out_path.display()));
            jobs.push(Job {
                label: format!("bench/{name}.py [{}]", jit.name()),
                cwd: bench.to_path_buf(),
                script: format!("programs/{name}.py"),
                args: Vec::new(),
                jit,
                gc_stress: false,
                expected,
            });
        }
    }
    Ok(jobs)
}

// ---- run -----------------------------------------------------------------------------------

/// Checks every job on a pool of `THREADS` workers; failures come back in job order.
fn run_all(jobs: &[Job]) -> Vec<Failure> {
    let next = AtomicUsize::new(0);
    let mut failures: Vec<(usize, Failure)> = thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    let mut failed = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        if let Some(failure) = check(job) {
                            failed.push((i, failure));
                        }
                    }
                    failed
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("conformance worker panicked"))
            .collect()
    });
    failures.sort_by_key(|(i, _)| *i);
    failures.into_iter().map(|(_, f)| f).collect()
}

/// Runs one job and compares; `None` when everything matched.
fn check(job: &Job) -> Option<Failure> {
    let details = match &job.expected {
        Err(problem) => vec![problem.clone()],
        Ok(expected) => compare(expected, &run(job)),
    };
    (!details.is_empty()).then(|| Failure {
        label: job.label.clone(),
        details,
    })
}

static PERF_DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Where perf-mode runs write their perf files: one directory per harness run, made on first
/// use (`create_dir` refuses an existing path) and removed when the harness ends.
fn perf_dir() -> &'static Path {
    PERF_DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("lucent-conformance-perf-{}", std::process::id()));
        fs::create_dir(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        dir
    })
}

/// Runs `lucent run --jit=MODE SCRIPT ARGS...` with the time limit, capturing both streams.
fn run(job: &Job) -> Actual {
    let mut cmd = support::lucent_command();
    cmd.arg("run").arg(job.jit.flag());
    if let Jit::Perf = job.jit {
        cmd.arg("--perf=all").env("LUCENT_PERF_DIR", perf_dir());
    }
    cmd.arg(&job.script)
        .args(&job.args)
        .current_dir(&job.cwd)
        .env_remove("LUCENT_GC_STRESS")
        .env_remove("LUCENT_JIT_STRESS")
        .env_remove("LUCENT_JIT_STATS")
        .env_remove("LUCENT_JIT_DUMP")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if job.gc_stress {
        cmd.env("LUCENT_GC_STRESS", "1");
    }
    match job.jit {
        Jit::Stress => {
            cmd.env("LUCENT_JIT_STRESS", "1");
        }
        Jit::Off | Jit::On | Jit::Perf => {}
    }
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => {
            return Actual {
                status: Status::NotRun(format!("cannot start lucent: {e}")),
                stdout: Vec::new(),
                stderr: Vec::new(),
            }
        }
    };
    // Drain both pipes while waiting, so a child that fills one pipe cannot stall.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait_with_deadline(&mut child, Instant::now() + timeout());
    Actual {
        status,
        stdout: stdout.join().expect("stdout reader panicked"),
        stderr: stderr.join().expect("stderr reader panicked"),
    }
}

/// Reads a child's pipe to its end (at most `OUTPUT_LIMIT` bytes) on its own thread.
fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(pipe) = pipe {
            // A read error just ends the capture; the comparison reports what was missed.
            let _ = pipe.take(OUTPUT_LIMIT).read_to_end(&mut buf);
        }
        buf
    })
}

/// Polls the child until it exits or the deadline passes, killing it in the latter case.
fn wait_with_deadline(child: &mut Child, deadline: Instant) -> Status {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return exit_status(status),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                // Kill can only fail if the child already exited; wait reaps it either way.
                let _ = child.kill();
                let _ = child.wait();
                return Status::TimedOut;
            }
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Status::NotRun(format!("waiting for lucent failed: {e}"));
            }
        }
    }
}

fn exit_status(status: ExitStatus) -> Status {
    match (status.code(), status.signal()) {
        (Some(code), _) => Status::Exited(code),
        (None, Some(signal)) => Status::Signaled(signal),
        (None, None) => Status::NotRun(format!("unrecognized exit status {status}")),
    }
}

// ---- compare -------------------------------------------------------------------------------

/// Differences between CPython's and lucent's behaviour, each ready to print; empty if none.
fn compare(expected: &Expected, actual: &Actual) -> Vec<String> {
    let mut details = Vec::new();
    match &actual.status {
        Status::Exited(code) if *code == expected.exit => {}
        Status::Exited(code) => {
            details.push(format!("exit status {code}, expected {}", expected.exit))
        }
        Status::Signaled(signal) => details.push(format!(
            "killed by signal {signal}, expected exit status {}",
            expected.exit
        )),
        Status::TimedOut => details.push(format!("timed out after {} s", timeout().as_secs())),
        Status::NotRun(why) => details.push(why.clone()),
    }
    if actual.stdout != expected.stdout {
        details.push(diff("stdout", &expected.stdout, &actual.stdout));
    }
    let stderr = normalize_stderr(&strip_corpus_prefix(&actual.stderr));
    if stderr != expected.stderr {
        details.push(diff("stderr (normalized)", &expected.stderr, &stderr));
    }
    details
}

/// A short unified-style diff: a little context, then the first differing lines of each side.
fn diff(what: &str, expected: &[u8], actual: &[u8]) -> String {
    let want: Vec<&[u8]> = expected.split_inclusive(|&b| b == b'\n').collect();
    let got: Vec<&[u8]> = actual.split_inclusive(|&b| b == b'\n').collect();
    let first = want
        .iter()
        .zip(&got)
        .position(|(w, g)| w != g)
        .unwrap_or(want.len().min(got.len()));
    let mut text = format!(
        "--- expected {what}\n+++ actual {what}\n@@ first difference at line {} @@\n",
        first + 1
    );
    let start = first.saturating_sub(DIFF_CONTEXT);
    let mut emit = |prefix: &str, lines: &[&[u8]]| {
        for line in lines {
            let shown = String::from_utf8_lossy(line);
            match shown.strip_suffix('\n') {
                Some(body) => text.push_str(&format!("{prefix}{body}\n")),
                None => text.push_str(&format!("{prefix}{shown}  [no newline at end]\n")),
            }
        }
    };
    emit(" ", &want[start..first]);
    emit("-", &want[first..(first + DIFF_LINES).min(want.len())]);
    emit("+", &got[first..(first + DIFF_LINES).min(got.len())]);
    text
}

// ---- report --------------------------------------------------------------------------------

/// Prints every failure with its diffs and the summary line; panics if anything failed.
fn report(runs: usize, failures: &[Failure], problems: &[String]) {
    for failure in failures {
        println!("FAIL {}", failure.label);
        for detail in &failure.details {
            for line in detail.lines() {
                println!("    {line}");
            }
        }
    }
    for problem in problems {
        println!("ERROR {problem}");
    }
    println!(
        "conformance: {} passed, {} failed",
        runs - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty() && problems.is_empty(),
        "{} conformance runs failed, {} other errors (details above)",
        failures.len(),
        problems.len()
    );
}
