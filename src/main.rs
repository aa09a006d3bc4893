//! The `lucent` command: `lucent run SCRIPT.py [ARGS...]`, `lucent top PID` (docs/monitor.md).

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use lucent_jit::{PerfMode, ToolsConfig};

/// The VM allocates many small, short-lived objects (tuples, lists, boxed ints); mimalloc's
/// thread-local free lists make that several times cheaper than glibc malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// lucent runs Python scripts on a specializing interpreter and a tracing JIT that profilers and
/// debuggers can see through.
#[derive(Parser)]
#[command(name = "lucent", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum Switch {
    On,
    Off,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum Perf {
    Off,
    Map,
    Jitdump,
    All,
}

impl From<Perf> for PerfMode {
    fn from(p: Perf) -> PerfMode {
        match p {
            Perf::Off => PerfMode::Off,
            Perf::Map => PerfMode::Map,
            Perf::Jitdump => PerfMode::Jitdump,
            Perf::All => PerfMode::All,
        }
    }
}

/// The perf mode: the flag, else `LUCENT_PERF`, else off.
fn perf_mode(flag: Option<Perf>) -> Result<PerfMode, String> {
    if let Some(p) = flag {
        return Ok(p.into());
    }
    match std::env::var("LUCENT_PERF") {
        Err(_) => Ok(PerfMode::Off),
        Ok(v) => PerfMode::parse(&v).ok_or(format!(
            "lucent: LUCENT_PERF={v:?} is not one of off, map, jitdump, all"
        )),
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run a Python script (stdout and exit status as CPython 3.11's).
    Run {
        /// JIT compilation of hot loops (default on).
        #[arg(long, value_enum, default_value = "on", require_equals = true)]
        jit: Switch,
        /// Write perf's files for JIT code and name interpreted functions for `perf record`:
        /// /tmp/perf-PID.map (map), /tmp/jit-PID.dump (jitdump), or both (all). Default:
        /// $LUCENT_PERF, else off. See docs/perf.md.
        #[arg(long, value_enum, require_equals = true)]
        perf: Option<Perf>,
        /// GDB symfiles and unwinder registration for JIT code (default on). See docs/gdb.md.
        #[arg(long, value_enum, default_value = "on", require_equals = true)]
        debug_info: Switch,
        /// At exit, print to stderr the traces compiled, recordings aborted (by reason), entries,
        /// side exits and compile times (also: LUCENT_JIT_STATS=1).
        #[arg(long)]
        jit_stats: bool,
        /// Print each trace to stderr as it is compiled: bytecode, uops after each pass and
        /// disassembly, every line tagged with its script line (also: LUCENT_JIT_DUMP=1).
        #[arg(long)]
        jit_dump: bool,
        /// The script to run.
        script: String,
        /// Arguments passed to the script as sys.argv[1:].
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Watch a lucent process's JIT live: traces, counters, samples per trace and script line.
    /// `lucent top PID` attaches; `lucent top -- SCRIPT.py [ARGS]` launches and attaches. See
    /// docs/monitor.md.
    #[command(arg_required_else_help = true)]
    Top {
        /// Record instead of showing the TUI, and write this file: *.json (Firefox Profiler),
        /// *.pb.gz (pprof) or *.collapsed (collapsed stacks). Repeatable.
        #[arg(long)]
        record: Vec<std::path::PathBuf>,
        /// How long --record samples, in seconds (default 10; it stops early if the target exits).
        #[arg(long, requires = "record")]
        duration: Option<f64>,
        /// Samples per second of CPU time, per thread.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=10000))]
        hz: u64,
        /// Sample kernel code too (needs kernel.perf_event_paranoid <= 1, or CAP_PERFMON).
        #[arg(long)]
        kernel: bool,
        /// The lucent process to attach to.
        #[arg(required_unless_present = "launch", conflicts_with = "launch")]
        pid: Option<u32>,
        /// A script and its arguments (after `--`) to run with `lucent run --perf=map` and watch.
        #[arg(last = true)]
        launch: Vec<String>,
    },
}

/// `lucent top`: the monitor lives in the `lucent-tui` crate.
fn top(
    record: Vec<std::path::PathBuf>,
    duration: Option<f64>,
    hz: u64,
    kernel: bool,
    pid: Option<u32>,
    launch: Vec<String>,
) -> ExitCode {
    let attach = match pid {
        Some(pid) => lucent_tui::Attach::Pid(pid),
        None => lucent_tui::Attach::Launch(launch),
    };
    let lucent = std::env::current_exe().unwrap_or_else(|_| "lucent".into());
    let config = lucent_tui::Config {
        attach,
        record,
        duration: duration.map(|d| std::time::Duration::from_secs_f64(d.max(0.0))),
        options: lucent_tui::collector::Options { hz, kernel },
        lucent,
    };
    match lucent_tui::run(config) {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("lucent top: {e}");
            ExitCode::from(1)
        }
    }
}

/// gdb's `lucent-bt` command (`gdb_extension.py`), as an inline script entry of
/// `.debug_gdb_scripts`: type 4 ("Python text"), the script's name on the first line (the file
/// starts with it), the text, NUL. gdb auto-loads it when the binary is on its auto-load safe
/// path (docs/gdb.md).
#[used]
#[unsafe(link_section = ".debug_gdb_scripts")]
static GDB_EXTENSION: [u8; GDB_SCRIPT.len() + 2] = gdb_script_entry();

const GDB_SCRIPT: &[u8] = include_bytes!("gdb_extension.py");

const fn gdb_script_entry() -> [u8; GDB_SCRIPT.len() + 2] {
    let mut entry = [0u8; GDB_SCRIPT.len() + 2];
    entry[0] = 4;
    let mut i = 0;
    while i < GDB_SCRIPT.len() {
        entry[i + 1] = GDB_SCRIPT[i];
        i += 1;
    }
    entry
}

/// What `lucent-bt` reads; referenced here so the linker keeps the symbol.
#[used]
static DEBUG_DESCRIPTOR: &lucent_vm::debugger::Descriptor = &lucent_vm::debugger::lucent_debug;

/// What `lucent top` reads; referenced here so the linker keeps the symbol.
#[used]
static MONITOR_TABLE: &lucent_jit::monitor_table::Table =
    &lucent_jit::monitor_table::lucent_monitor;

/// Stack for the interpreter thread: deep Python recursion (up to the recursion limit) re-enters
/// the interpreter from native code, which needs more than the default main-thread stack.
const VM_STACK_BYTES: usize = 512 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Top {
            record,
            duration,
            hz,
            kernel,
            pid,
            launch,
        } => top(record, duration, hz, kernel, pid, launch),
        Command::Run {
            jit,
            perf,
            debug_info,
            jit_stats,
            jit_dump,
            script,
            args,
        } => {
            let mut jit_config = lucent_jit::Config::from_env();
            jit_config.stats |= jit_stats;
            jit_config.dump |= jit_dump;
            let jit_config = (jit == Switch::On).then_some(jit_config);
            let gc_stress = std::env::var("LUCENT_GC_STRESS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let tools = ToolsConfig {
                perf: match perf_mode(perf) {
                    Ok(p) => p,
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::from(2);
                    }
                },
                debug_info: debug_info == Switch::On,
                perf_dir: std::env::var_os("LUCENT_PERF_DIR").map(Into::into),
            };
            let worker = std::thread::Builder::new()
                .name("lucent-vm".into())
                .stack_size(VM_STACK_BYTES)
                .spawn(move || {
                    // Made on the interpreter thread: hooks are not `Send`.
                    let hooks = lucent_jit::hooks(jit_config, &tools);
                    let opts = lucent_vm::RunOptions {
                        jit: hooks.jit,
                        trampolines: hooks.trampolines,
                        gc_stress,
                    };
                    lucent_vm::run_main(&script, &args, opts)
                });
            let status = match worker.map(|h| h.join()) {
                Ok(Ok(status)) => status,
                Ok(Err(_)) => {
                    eprintln!("lucent: internal error (the interpreter thread panicked); please report it with the script");
                    70
                }
                Err(e) => {
                    eprintln!("lucent: cannot start the interpreter thread: {e}");
                    71
                }
            };
            ExitCode::from(status.clamp(0, 255) as u8)
        }
    }
}
