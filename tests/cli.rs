//! Command-line behaviour of the `lucent` binary: --version/--help, unreadable scripts,
//! constructs rejected before running, syntax errors, sys.argv and a GC-stress smoke run.

mod support;

use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// A run still going after this long is killed and fails the test instead of hanging CI.
const TIMEOUT: Duration = Duration::from_secs(60);
const UNSUPPORTED_PREFIX: &str = "lucent: not supported yet: ";

/// A fresh directory for one test's scripts, removed again on drop.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates `$TMPDIR/lucent-cli-PID-TAG-N`; `create_dir` fails on any existing path,
    /// symlinks included, so nothing planted there beforehand is ever written through.
    fn new(tag: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!("lucent-cli-{}-{tag}-{n}", std::process::id());
        let path = std::env::temp_dir().join(name);
        fs::create_dir(&path).unwrap_or_else(|e| panic!("creating {}: {e}", path.display()));
        TempDir { path }
    }

    /// Writes a new file; `create_new` refuses existing files and symlinks.
    fn write(&self, name: &str, contents: &str) {
        let path = self.path.join(name);
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .unwrap_or_else(|e| panic!("creating {}: {e}", path.display()));
        file.write_all(contents.as_bytes())
            .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Best effort: a leftover directory in $TMPDIR must not turn a pass into a failure.
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// What one lucent run did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// stderr with the scratch directory's absolute path removed: like CPython 3.11, lucent names
    /// the main script by its absolute path in tracebacks and syntax errors.
    fn stderr_relative_to(&self, dir: &Path) -> String {
        self.stderr.replace(&format!("\"{}/", dir.display()), "\"")
    }
}

/// Runs lucent with `args` in `dir`, stdin empty, LUCENT_GC_STRESS only if given in `env`.
fn lucent(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut child = support::lucent_command()
        .args(args)
        .current_dir(dir)
        .env_remove("LUCENT_GC_STRESS")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting lucent");
    // Drain both pipes while waiting, so a child that fills one pipe cannot stall.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut text);
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for lucent") {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "lucent {args:?} still running after {} s",
                TIMEOUT.as_secs()
            );
        }
        thread::sleep(Duration::from_millis(5));
    };
    Run {
        code: status.code(),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

/// Writes `source` as `file` in a fresh directory and runs `lucent run file args...` there.
fn run_script(file: &str, source: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
    let dir = TempDir::new(file.trim_end_matches(".py"));
    dir.write(file, source);
    let mut argv = vec!["run", file];
    argv.extend_from_slice(args);
    let mut run = lucent(&dir.path, &argv, env);
    run.stderr = run.stderr_relative_to(&dir.path);
    run
}

#[test]
fn version_prints_name_and_package_version() {
    let run = lucent(Path::new("."), &["--version"], &[]);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(
        run.stdout,
        format!("lucent {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_succeeds_and_mentions_run() {
    let run = lucent(Path::new("."), &["--help"], &[]);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert!(run.stdout.contains("run"), "help text: {}", run.stdout);
}

#[test]
fn missing_script_exits_2_with_one_line() {
    let dir = TempDir::new("missing");
    let run = lucent(&dir.path, &["run", "missing.py"], &[]);
    assert_eq!(run.code, Some(2));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "lucent: can't open file 'missing.py': [Errno 2] No such file or directory\n"
    );
}

/// Asserts lucent rejected `source` before running any of it, blaming `line:col` (1-based).
fn assert_unsupported(file: &str, source: &str, line: usize, col: usize) {
    let run = run_script(file, source, &[], &[]);
    assert_eq!(run.code, Some(1), "{file}: stderr: {}", run.stderr);
    assert_eq!(run.stdout, "", "{file}: output before rejecting");
    let message = run
        .stderr
        .strip_suffix('\n')
        .filter(|m| !m.contains('\n'))
        .unwrap_or_else(|| panic!("{file}: want one stderr line, got {:?}", run.stderr));
    let suffix = format!(" at {file}:{line}:{col}");
    let construct = message
        .strip_prefix(UNSUPPORTED_PREFIX)
        .and_then(|rest| rest.strip_suffix(&suffix))
        .unwrap_or_else(|| {
            panic!("{file}: want `{UNSUPPORTED_PREFIX}<construct>{suffix}`, got {message:?}")
        });
    assert!(!construct.is_empty(), "{file}: construct not named");
}

#[test]
fn async_def_is_rejected_before_running() {
    assert_unsupported(
        "async_top.py",
        "print('must not run')\nasync def fetch():\n    pass\n",
        2,
        1,
    );
    // Never called, and still rejected: the check is static.
    assert_unsupported(
        "async_nested.py",
        "print('must not run')\ndef outer():\n    async def inner():\n        pass\n",
        3,
        5,
    );
}

#[test]
fn match_statement_is_rejected_before_running() {
    assert_unsupported(
        "match_top.py",
        "print('must not run')\nx = 1\nmatch x:\n    case 1:\n        pass\n",
        3,
        1,
    );
    assert_unsupported(
        "match_nested.py",
        "print('must not run')\nif True:\n    match 2:\n        case _:\n            pass\n",
        3,
        5,
    );
}

#[test]
fn unknown_module_is_a_runtime_module_not_found_error() {
    let run = run_script("imp.py", "print('before')\nimport os\n", &[], &[]);
    assert_eq!(run.code, Some(1), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "before\n");
    assert!(
        run.stderr
            .starts_with("Traceback (most recent call last):\n"),
        "stderr: {}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "  File \"imp.py\", line 2, in <module>\n    import os\n\
             ModuleNotFoundError: No module named 'os'\n"
        ),
        "stderr: {}",
        run.stderr
    );
}

#[test]
fn syntax_error_has_cpython_shape() {
    let run = run_script(
        "bad.py",
        "print('must not run')\ndef f(:\n    pass\n",
        &[],
        &[],
    );
    assert_eq!(run.code, Some(1), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("  File \"bad.py\", line 2\n"),
        "stderr: {}",
        run.stderr
    );
    let last = run.stderr.lines().last().unwrap_or("");
    assert!(last.starts_with("SyntaxError: "), "stderr: {}", run.stderr);
}

#[test]
fn sys_argv_is_script_then_arguments() {
    let source = "import sys\nprint(sys.argv)\n";
    let run = run_script("argv.py", source, &["a", "b c", "--flag", ""], &[]);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "['argv.py', 'a', 'b c', '--flag', '']\n");
}

#[test]
fn gc_stress_allocation_loop_finishes() {
    // Fresh lists, tuples, strings and a self-referencing cycle on every iteration, with the
    // collector running at every allocation safepoint.
    let source = "\
n = 0
keep = []
while n < 20000:
    cell = [n, (n, str(n))]
    cell.append(cell)
    if n % 1000 == 0:
        keep.append(cell[1])
    n += 1
print(n, len(keep), keep[-1])
";
    let run = run_script("alloc.py", source, &[], &[("LUCENT_GC_STRESS", "1")]);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "20000 20 (19000, '19000')\n");
}

#[test]
fn tracebacks_name_the_script_by_absolute_path_like_cpython() {
    let dir = TempDir::new("abspath");
    dir.write("boom.py", "1 / 0\n");
    let run = lucent(&dir.path, &["run", "boom.py"], &[]);
    assert_eq!(run.code, Some(1), "stderr: {}", run.stderr);
    let want = format!(
        "  File \"{}/boom.py\", line 1, in <module>\n",
        dir.path.display()
    );
    assert!(run.stderr.contains(&want), "stderr: {}", run.stderr);
    assert!(
        run.stderr
            .ends_with("ZeroDivisionError: division by zero\n"),
        "stderr: {}",
        run.stderr
    );
}

#[test]
fn bad_lucent_perf_value_is_a_clear_error() {
    let dir = TempDir::new("perf-env");
    dir.write("x.py", "print(1)\n");
    let run = lucent(
        &dir.path,
        &["run", "x.py"],
        &[("LUCENT_PERF", "yes please")],
    );
    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    assert_eq!(
        run.stderr,
        "lucent: LUCENT_PERF=\"yes please\" is not one of off, map, jitdump, all\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn perf_files_that_cannot_be_created_are_reported_and_the_script_runs() {
    let dir = TempDir::new("perf-nodir");
    dir.write("x.py", "def f():\n    return 6 * 7\nprint(f())\n");
    let missing = dir.path.join("no/such/dir");
    let missing = missing.to_str().unwrap();
    let run = lucent(
        &dir.path,
        &["run", "--perf=all", "x.py"],
        &[("LUCENT_PERF_DIR", missing)],
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "42\n");
    assert!(
        run.stderr.contains("lucent: perf map disabled: ")
            && run.stderr.contains("lucent: jitdump disabled: "),
        "stderr: {}",
        run.stderr
    );
}

/// The perf map parsed the way perf parses it: `START SIZE name`, hex without `0x`, one per
/// line; every interpreted function (trampolines) and every trace has one.
#[test]
fn perf_map_names_functions_and_traces() {
    let dir = TempDir::new("perf-map");
    let source = "class C:\n    def m(self):\n        s = 0\n        for i in range(500):\n            s += i\n        return s\nprint(C().m())\n";
    dir.write("x.py", source);
    let out = dir.path.to_str().unwrap();
    let run = lucent(
        &dir.path,
        &["run", "--perf=map", "x.py"],
        &[("LUCENT_PERF_DIR", out)],
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "124750\n");
    let map = fs::read_dir(&dir.path)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("perf-"))
        .expect("a perf map");
    let text = fs::read_to_string(map.path()).unwrap();
    let mut names = Vec::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, ' ');
        let start = u64::from_str_radix(parts.next().unwrap(), 16).unwrap();
        let size = u64::from_str_radix(parts.next().unwrap(), 16).unwrap();
        assert!(start > 0 && size > 0, "{line}");
        names.push(parts.next().unwrap().to_string());
    }
    for name in [
        "py::<module>:x.py:1",
        "py::C:x.py:1",
        "py::C.m:x.py:2",
        "py::C.m:x.py:4",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} not in {names:?}");
    }
}

/// The jitdump `lucent run --perf=jitdump` writes, read back with linux-perf-data: the header's
/// machine is the binary's own (`EM_X86_64` natively, `EM_AARCH64` in the AArch64 run), the
/// trace's code starts with that ISA's frame setup, and traces carry line and unwinding records.
#[test]
fn jitdump_describes_this_machines_code() {
    use linux_perf_data::jitdump::{JitDumpReader, JitDumpRecord};

    let dir = TempDir::new("jitdump");
    let source =
        "def f():\n    s = 0\n    for i in range(500):\n        s += i\n    return s\nprint(f())\n";
    dir.write("x.py", source);
    let out = dir.path.to_str().unwrap();
    let run = lucent(
        &dir.path,
        &["run", "--perf=jitdump", "x.py"],
        &[("LUCENT_PERF_DIR", out)],
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "124750\n");
    let dump = fs::read_dir(&dir.path)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("jit-"))
        .expect("a jitdump");
    let arch = support::binary_arch();
    let machine = arch.elf_machine();

    let mut reader = JitDumpReader::new(fs::File::open(dump.path()).unwrap()).unwrap();
    assert_eq!(reader.header().elf_machine_arch, u32::from(machine));
    let (mut traces, mut lines, mut unwinds) = (0, 0, 0);
    while let Some(raw) = reader.next_record().unwrap() {
        match raw.parse().unwrap() {
            JitDumpRecord::CodeLoad(r) => {
                let name = String::from_utf8_lossy(&r.function_name.as_slice()).into_owned();
                if name == "py::f:x.py:3" {
                    traces += 1;
                    // The trace begins with this ISA's frame setup.
                    let code = r.code_bytes.as_slice();
                    let text = lucent_jit::backend::disassemble_for(arch, &code, code.len());
                    let first = text.first().map(String::as_str).unwrap_or("");
                    assert!(
                        first.ends_with("push rbp")
                            || first.ends_with("stp x29, x30, [sp, #-0x10]!"),
                        "{name} does not start with {arch:?}'s frame setup:\n{}",
                        text.join("\n")
                    );
                }
            }
            JitDumpRecord::CodeDebugInfo(r) => {
                let files: Vec<String> = r
                    .entries
                    .iter()
                    .map(|e| String::from_utf8_lossy(&e.file_path.as_slice()).into_owned())
                    .collect();
                if files.iter().any(|f| f.ends_with("x.py")) {
                    lines += 1;
                }
            }
            JitDumpRecord::CodeUnwindingInfo(r) => {
                assert!(!r.eh_frame.as_slice().is_empty());
                unwinds += 1;
            }
            _ => {}
        }
    }
    assert_eq!(traces, 1, "the loop's trace is in the dump once");
    assert!(
        lines >= 1 && unwinds >= 1,
        "lines {lines}, unwinds {unwinds}"
    );
}

#[test]
fn jit_stats_and_dump_flags_describe_the_trace_by_script_line() {
    let dir = TempDir::new("jitflags");
    dir.write(
        "loop.py",
        "def f(n):\n    s = 0\n    for i in range(n):\n        s += i * 3\n    return s\n\nprint(f(1000))\n",
    );
    let run = lucent(
        &dir.path,
        &["run", "--jit-stats", "--jit-dump", "loop.py"],
        &[("LUCENT_JIT_STATS", "0"), ("LUCENT_JIT_DUMP", "0")],
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "1498500\n");
    let err = &run.stderr;
    // --jit-stats: the summary and the trace, named by its loop header.
    assert!(err.contains("lucent jit: 1 traces"), "{err}");
    assert!(err.contains("py::f:loop.py:3 entries=1"), "{err}");
    // --jit-dump: bytecode, IR and machine code, each line tagged with its script line.
    assert!(
        err.contains("--- trace 0 py::f:loop.py:3: bytecode"),
        "{err}"
    );
    let section = |title: &str| -> Vec<&str> {
        err.split("--- ")
            .find(|s| s.starts_with(title))
            .unwrap_or_else(|| panic!("no {title:?} section in:\n{err}"))
            .lines()
            .skip(1)
            .take_while(|l| !l.is_empty())
            .collect()
    };
    for title in [
        "trace 0 py::f:loop.py:3: bytecode",
        "trace 0 recorded",
        "trace 0 code",
    ] {
        let lines = section(title);
        assert!(!lines.is_empty(), "{title}: empty");
        for l in &lines {
            assert!(
                l.starts_with("line   3 | ") || l.starts_with("line   4 | "),
                "{title}: untagged or wrong line: {l:?}"
            );
        }
    }
    let code = section("trace 0 code");
    assert!(
        code.iter().any(|l| l.starts_with("line   4 | ")),
        "no machine code attributed to the loop body:\n{code:#?}"
    );
    assert!(
        section("trace 0 recorded")
            .iter()
            .any(|l| l.starts_with("line   4 | ") && l.contains("MulInt")),
        "{err}"
    );
}
