//! gdb on `lucent run`, end to end with the real gdb in batch mode (no mocks).
//!
//! Each test writes a gdb command file, runs `gdb -batch -nx -x CMDS --args lucent run SCRIPT`
//! and checks what a user would see: backtraces from a runtime helper through a trace into the
//! interpreter (no `??` frames), `break file.py:N` stopping inside JIT code, `next` moving by
//! script line inside a trace, and — instruction by instruction through whole trace runs, entry,
//! loop, exit stub and epilogue included — a backtrace that always finds the trace's caller and
//! the VM's entry below it (the CFI is exact everywhere, not just at call sites) — and the
//! embedded extension's `lucent-bt` printing the script's stack.
//!
//! gdb missing fails the tests (the README's test command installs it).
//!
//! Under an emulator (the AArch64 run, `LUCENT_TEST_RUNNER="qemu-aarch64 -L /"`), the same
//! tests drive `gdb-multiarch` through qemu's gdbstub: `qemu-aarch64 -g PORT lucent run ...`,
//! then `target remote :PORT`, and every `run` of the command files becomes `continue`.

mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::{emulated, lucent, run, Scratch};

/// Runs `lucent run SCRIPT` (copied from `tests/tools/`) under `gdb -batch` with `commands`;
/// returns gdb's stdout and stderr together.
fn gdb(tag: &str, script: &str, commands: &str) -> String {
    gdb_with(tag, &[], script, commands)
}

/// [`gdb`] with options for `lucent run` before the script.
fn gdb_with(tag: &str, options: &[&str], script: &str, commands: &str) -> String {
    let scratch = Scratch::new(tag);
    let dir = scratch.path();
    let script = scratch.copy_script(script);
    let cmds = dir.join("commands.gdb");
    let mut gdb = if emulated() {
        Command::new("gdb-multiarch")
    } else {
        Command::new("gdb")
    };
    gdb.args(["-batch", "-nx", "-iex"])
        // What docs/gdb.md tells users: allow lucent's embedded extension (lucent-bt).
        .arg(format!("add-auto-load-safe-path {}", lucent()));
    let mut inferior = None;
    let commands = if emulated() {
        let port = free_port();
        inferior = Some(start_under_gdbstub(dir, port, options, &script));
        gdb.args(["-iex", "set sysroot /", "-ex"])
            .arg(format!("file {}", lucent()))
            .arg("-ex")
            .arg(format!("target remote :{port}"));
        commands
            .lines()
            .map(|l| if l == "run" { "continue" } else { l })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        gdb.args(["--args", lucent(), "run"])
            .args(options)
            .arg(&script);
        commands.to_string()
    };
    std::fs::write(
        &cmds,
        format!("set pagination off\nset confirm off\n{commands}\nkill\n"),
    )
    .unwrap();
    // `-x` after `--args` would be an argument of the inferior: insert it before.
    let mut args: Vec<std::ffi::OsString> = gdb.get_args().map(|a| a.to_owned()).collect();
    let at = args
        .iter()
        .position(|a| a == "--args")
        .unwrap_or(args.len());
    args.splice(at..at, ["-x".into(), cmds.clone().into_os_string()]);
    let program = gdb.get_program().to_owned();
    let out = run(dir, "gdb", Command::new(&program).args(&args)).unwrap_or_else(|e| {
        panic!("{e}\ninstall gdb (Debian: apt-get install gdb; gdb-multiarch for AArch64)")
    });
    if let Some(mut qemu) = inferior {
        stop(&mut qemu);
    }
    format!("{}\n{}", out.stdout, out.stderr)
}

/// A TCP port nothing listens on right now.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    listener.local_addr().expect("local address").port()
}

/// Starts `lucent run` under the emulator's gdbstub on `port` (stopped before its first
/// instruction) and waits until the stub listens. Connecting to find out would use up the
/// stub's one connection, so the kernel's socket table says when.
fn start_under_gdbstub(
    dir: &std::path::Path,
    port: u16,
    options: &[&str],
    script: &std::path::Path,
) -> Child {
    use std::os::unix::process::CommandExt;

    let runner = std::env::var("LUCENT_TEST_RUNNER").unwrap_or_default();
    let mut words = runner.split_whitespace();
    let mut cmd = Command::new(words.next().expect("an emulator"));
    let mut child = cmd
        .args(words)
        .args(["-g", &port.to_string(), lucent(), "run"])
        .args(options)
        .arg(script)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("start the emulator");
    let listening = format!(":{port:04X} 00000000:0000 0A");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        let table = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default()
            + &std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
        if table.contains(&listening)
            || table.contains(&format!(
                ":{port:04X} 00000000000000000000000000000000:0000 0A"
            ))
        {
            return child;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    stop(&mut child);
    panic!("the emulator's gdbstub did not listen on port {port}");
}

/// Kills the emulator's process group (gdb's `kill` normally ended it already).
fn stop(child: &mut Child) {
    // SAFETY: `kill` has no memory preconditions; `-pid` names the process group
    // `start_under_gdbstub` created for this child.
    unsafe { libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL) };
    let _ = child.wait();
}

/// The `#N` lines of gdb's first backtrace after `marker`.
fn backtrace<'a>(out: &'a str, marker: &str) -> Vec<&'a str> {
    let at = out
        .find(marker)
        .unwrap_or_else(|| panic!("{marker:?} not in gdb's output:\n{out}"));
    out[at..]
        .lines()
        .skip_while(|l| !l.starts_with("#0"))
        .take_while(|l| l.starts_with('#'))
        .collect()
}

/// gdb's output between the markers `from` and `to` (first occurrences, `echo`ed by the
/// commands).
fn between<'a>(out: &'a str, from: &str, to: &str) -> &'a str {
    let i = out
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not in:\n{out}"))
        + from.len();
    let j = out
        .find(to)
        .unwrap_or_else(|| panic!("{to:?} not in:\n{out}"));
    &out[i..j]
}

/// The summary line a gdb Python script printed, starting with `prefix`.
fn summary<'a>(out: &'a str, prefix: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("the stepping script did not finish:\n{out}"))
}

/// Asserts that `frames` contain each of `names`, in order.
fn assert_in_order(frames: &[&str], names: &[&str], out: &str) {
    let mut rest = frames.iter();
    for name in names {
        assert!(
            rest.any(|f| f.contains(name)),
            "no frame {name:?} (in order {names:?}) in the backtrace:\n{}\n\ngdb said:\n{out}",
            frames.join("\n")
        );
    }
}

#[test]
fn backtrace_from_a_helper_goes_through_the_trace() {
    let out = gdb(
        "gdb-bt",
        "hot.py",
        "break lucent_jit::helpers::range_next\nrun\necho BT\\n\nbt",
    );
    let frames = backtrace(&out, "BT");
    assert!(frames[0].contains("range_next"), "{out}");
    assert!(
        frames[1].contains("in py::work:hot.py:7 () at ") && frames[1].contains("hot.py:7"),
        "frame #1 is not the trace at its line:\n{out}"
    );
    assert_in_order(&frames, &["enter", "run_mode", "run_main"], &out);
    // Every frame from the helper to the VM's entry is named. (Below it is the C library's
    // thread start, unnamed when its symbols are stripped, as for AArch64's libc under qemu.)
    let vm_entry = frames.iter().position(|f| f.contains("run_main")).unwrap();
    assert!(
        frames[..=vm_entry].iter().all(|f| !f.contains("??")),
        "unnamed frames:\n{out}"
    );
}

#[test]
fn break_on_a_script_line_stops_in_the_trace_and_next_steps_by_line() {
    let out = gdb(
        "gdb-line",
        "hot.py",
        "set breakpoint pending on\nbreak hot.py:8\nrun\necho BT\\n\nbt 2\n\
         echo NEXT1\\n\nnext\necho NEXT2\\n\nnext\necho END\\n",
    );
    assert!(
        out.contains("Breakpoint 1, py::work:hot.py:7 () at ") && out.contains("hot.py:8\n8\t"),
        "break hot.py:8 did not stop in the trace at line 8:\n{out}"
    );
    let frames = backtrace(&out, "BT");
    assert_in_order(&frames, &["py::work:hot.py:7", "enter"], &out);
    assert!(
        between(&out, "NEXT1", "NEXT2").contains("\n7\t    for i in range(n):"),
        "`next` from line 8 did not go to line 7:\n{out}"
    );
    assert!(
        between(&out, "NEXT2", "END").contains("8\t        s += i * 0.5"),
        "`next` from line 7 did not come back to line 8:\n{out}"
    );
}

/// Steps (`nexti`) from a trace's first instruction until it returns, several times, checking the
/// whole backtrace at every instruction: the trace is frame 0, its caller is the JIT's entry
/// function, and the chain reaches `run_main`. Prints a summary line the test parses.
const STEP_THROUGH: &str = r#"
set breakpoint pending on
break exits.py:8
run
python
import gdb

TRACE = "py::work:exits.py:7"
frame = gdb.selected_frame()
block = gdb.block_for_pc(frame.pc())
while block.function is None:
    block = block.superblock
start, end = block.start, block.end
gdb.execute("delete")
gdb.Breakpoint("*%d" % start)
steps, bad, runs, lines = 0, [], 0, set()
while runs < 3:
    gdb.execute("continue", to_string=True)
    runs += 1
    while True:
        frame = gdb.selected_frame()
        pc = frame.pc()
        if not (start <= pc < end):
            break
        names = []
        f = frame
        while f is not None and len(names) < 64:
            names.append(f.name() or "??")
            f = f.older()
        caller = names[1] if len(names) > 1 else ""
        if names[0] != TRACE or "enter" not in caller or not any("run_main" in n for n in names):
            bad.append("%#x: %s" % (pc - start, " <- ".join(names[:6])))
        lines.add(frame.find_sal().line)
        steps += 1
        gdb.execute("nexti", to_string=True)
print("STEPPED steps=%d runs=%d bad=%d lines=%s" % (steps, runs, len(bad), sorted(lines)))
for b in bad[:10]:
    print("BAD", b)
end
"#;

#[test]
fn every_instruction_of_a_trace_unwinds_entry_loop_and_exit() {
    let out = gdb("gdb-step", "exits.py", STEP_THROUGH);
    let summary = summary(&out, "STEPPED");
    let field = |k: &str| -> String {
        summary
            .split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{k}=")))
            .unwrap_or_default()
            .to_string()
    };
    let steps: usize = field("steps").parse().unwrap();
    assert_eq!(field("runs"), "3", "{out}");
    assert_eq!(field("bad"), "0", "wrong backtraces while stepping:\n{out}");
    // Five iterations per run, three runs, at least a dozen instructions each.
    assert!(
        steps > 3 * 5 * 12,
        "only {steps} instructions stepped:\n{out}"
    );
    assert!(
        summary.ends_with("lines=[7, 8]"),
        "stepping saw other lines than the loop's 7 and 8: {summary}"
    );
}

#[test]
fn lucent_bt_prints_the_script_stack_in_jit_and_interpreted_code() {
    let out = gdb(
        "gdb-lucent-bt",
        "hot.py",
        "break lucent_jit::helpers::range_next\nrun\necho JIT\\n\nlucent-bt\ndelete\n\
         break lucent_vm::ops::dict_set\ncontinue\necho INTERP\\n\nlucent-bt\necho END\\n",
    );
    let section = |a: &str, b: &str| -> Vec<String> {
        between(&out, a, b)
            .lines()
            .filter(|l| l.trim_start().starts_with("File "))
            .map(|l| l.trim().to_string())
            .collect()
    };
    let tail = |l: &String| l.split_once("\", ").map(|(_, t)| t.to_string()).unwrap();
    let jit: Vec<String> = section("JIT", "INTERP").iter().map(tail).collect();
    assert_eq!(
        jit,
        [
            "line 27, in <module>",
            "line 22, in main",
            "line 7, in work"
        ],
        "lucent-bt inside the trace:\n{out}"
    );
    let interp: Vec<String> = section("INTERP", "END").iter().map(tail).collect();
    assert_eq!(
        interp,
        [
            "line 27, in <module>",
            "line 24, in main",
            "line 15, in tally"
        ],
        "lucent-bt in interpreted code:\n{out}"
    );
    assert!(
        section("JIT", "INTERP")[0].contains("hot.py\""),
        "file names: {out}"
    );
}

/// More traces than one symfile batch holds: the first 64 are merged into one symfile, whose
/// symbols and line tables gdb must still find, next to traces still registered one by one.
#[test]
fn traces_in_merged_symfile_batches_keep_symbols_and_lines() {
    let out = gdb(
        "gdb-batches",
        "many_traces.py",
        "set breakpoint pending on\nbreak many_traces.py:415\nrun\necho BT\\n\nbt 2\n\
         echo LINE\\n\ninfo line many_traces.py:25\necho END\\n",
    );
    let frames = backtrace(&out, "BT");
    assert!(
        frames[0].contains("py::f68:many_traces.py:414 () at ") && frames[0].contains(":415"),
        "break in trace 68:\n{out}"
    );
    assert!(frames[1].contains("enter"), "{out}");
    let line = between(&out, "LINE", "END");
    assert!(
        line.contains("Line 25 of") && line.contains("<py::f3:many_traces.py:24+"),
        "gdb lost trace 3's line table (merged batch):\n{out}"
    );
}

/// `--debug-info=off`: traces are not registered with gdb (nor the unwinder); gdb sees anonymous
/// code, and still walks the frame-pointer chain below it.
#[test]
fn debug_info_off_registers_nothing() {
    let out = gdb_with(
        "gdb-off",
        &["--debug-info=off"],
        "hot.py",
        "break lucent_jit::helpers::range_next\nrun\necho BT\\n\nbt 3\n",
    );
    let frames = backtrace(&out, "BT");
    assert!(frames[0].contains("range_next"), "{out}");
    assert!(
        frames.iter().all(|f| !f.contains("py::")),
        "a trace was registered despite --debug-info=off:\n{out}"
    );
}

/// A line that runs as JIT code only in a side trace: the breakpoint stops there, the backtrace
/// goes through the side trace into the JIT's entry (which chained to it from the loop's trace),
/// and `lucent-bt` shows the script line. The breakpoint is set once both traces are registered
/// (the second stop in `__jit_debug_register_code`): set while pending, gdb would resolve it
/// when the loop's trace registers, to the next line that trace has code for (as for any line
/// without code).
#[test]
fn break_in_a_side_trace() {
    let out = gdb(
        "gdb-side",
        "side.py",
        "break __jit_debug_register_code\nrun\ncontinue\ndelete\nbreak side.py:10\ncontinue\n\
         echo BT\\n\nbt 3\necho LBT\\n\nlucent-bt\necho END\\n",
    );
    let frames = backtrace(&out, "BT");
    assert!(
        frames[0].contains("py::work:side.py:9 () at ") && frames[0].contains("side.py:10"),
        "not stopped in the side trace at line 10:\n{out}"
    );
    assert!(frames[1].contains("enter"), "{out}");
    assert!(
        between(&out, "LBT", "END").contains("line 10, in work"),
        "lucent-bt in a side trace:\n{out}"
    );
}

/// Steps (`nexti`) from inside a side trace through its chained exit into the loop's trace and
/// back through the loop's exit into the side trace (tail jumps after the epilogue), checking
/// the whole backtrace at every instruction.
const STEP_CHAINED: &str = r#"
break __jit_debug_register_code
run
continue
delete
break side.py:10
continue
delete
python
import gdb

names_seen = []
steps, bad = 0, []
while steps < 3000:
    frame = gdb.selected_frame()
    name = frame.name() or "??"
    if name.startswith("py::"):
        chain = []
        f = frame
        while f is not None and len(chain) < 64:
            chain.append(f.name() or "??")
            f = f.older()
        if "enter" not in chain[1] or not any("run_main" in n for n in chain):
            bad.append("%s: %s" % (name, " <- ".join(chain[:5])))
        if not names_seen or names_seen[-1] != name:
            names_seen.append(name)
    steps += 1
    if len(names_seen) >= 5:
        break
    gdb.execute("nexti", to_string=True)
print("CHAINED steps=%d bad=%d seen=%s" % (steps, len(bad), "|".join(names_seen)))
for b in bad[:10]:
    print("BAD", b)
end
"#;

#[test]
fn stepping_through_chained_exits_keeps_backtraces() {
    let out = gdb("gdb-chain", "side.py", STEP_CHAINED);
    let summary = summary(&out, "CHAINED");
    assert!(summary.contains(" bad=0 "), "{out}");
    // side → loop → side → loop → side: both chained directions, twice.
    assert!(
        summary.ends_with(
            "seen=py::work:side.py:9|py::work:side.py:8|py::work:side.py:9|py::work:side.py:8|py::work:side.py:9"
        ),
        "{summary}"
    );
}

#[test]
fn break_in_an_inlined_call_stops_in_the_trace() {
    let out = gdb(
        "gdb-inlined",
        "inlined.py",
        "break __jit_debug_register_code\nrun\ndelete\nbreak inlined.py:3\ncontinue\n\
         echo BT\\n\nbt 4\necho LBT\\n\nlucent-bt\necho END\\n",
    );
    let frames = backtrace(&out, "BT");
    // The trace's DWARF describes the inlined call: gdb shows the callee's frame at line 3,
    // then the loop's function at the call's line 10, then the engine that entered the trace.
    assert!(
        frames[0].contains("py::scale:inlined.py:2 () at ") && frames[0].contains("inlined.py:3"),
        "not stopped in the inlined call's frame at its line 3:\n{out}"
    );
    assert!(
        frames[1].contains("py::run:inlined.py:9 () at ") && frames[1].contains("inlined.py:10"),
        "the loop's trace is not the caller, at the call's line 10:\n{out}"
    );
    assert!(frames[2].contains("enter"), "{out}");
    assert!(
        between(&out, "LBT", "END").contains("line 3"),
        "lucent-bt inside an inlined call:\n{out}"
    );
}

/// A recursion running as function traces that call themselves natively: stopped in a helper
/// the innermost level calls, gdb unwinds through every level (trace, `call_trace`, trace, …)
/// down to the VM's entry, and `lucent-bt` lists every level as the frame record it is.
#[test]
fn backtrace_through_native_recursion() {
    let out = gdb(
        "gdb-recursion",
        "recursive.py",
        "break lucent_jit::helpers::call_native\nrun\necho BT\\n\nbt\necho LBT\\n\nlucent-bt\n\
         echo END\\n",
    );
    let frames = backtrace(&out, "BT");
    assert!(frames[0].contains("call_native"), "{out}");
    // down(0)'s side trace, at its `return abs(-7)`, called by down(1)'s trace at the call.
    assert!(
        frames[1].contains("py::down:recursive.py:") && frames[1].contains("recursive.py:3"),
        "frame #1 is not the innermost level's trace at line 3:\n{out}"
    );
    assert!(frames[2].contains("call_trace"), "{out}");
    assert!(frames[3].contains("recursive.py:4"), "{out}");
    // down(50) .. down(0): 51 trace frames, 50 native calls between them.
    let count = |what: &str| frames.iter().filter(|f| f.contains(what)).count();
    assert_eq!(count("py::down:recursive.py:"), 51, "{out}");
    assert_eq!(count("call_trace"), 50, "{out}");
    assert_in_order(
        &frames,
        &["call_trace", "enter", "run_mode", "run_main"],
        &out,
    );
    let vm_entry = frames.iter().position(|f| f.contains("run_main")).unwrap();
    assert!(
        frames[..=vm_entry].iter().all(|f| !f.contains("??")),
        "unnamed frames:\n{out}"
    );
    let script = between(&out, "LBT", "END");
    assert_eq!(script.matches(", in down").count(), 51, "{out}");
    assert!(
        script.trim_end().ends_with("line 3, in down"),
        "lucent-bt's innermost frame is not down(0) at line 3:\n{out}"
    );
}
