//! The `lucent` command: `lucent run SCRIPT.py [ARGS...]`.

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
        /// The script to run.
        script: String,
        /// Arguments passed to the script as sys.argv[1:].
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
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

/// Stack for the interpreter thread: deep Python recursion (up to the recursion limit) re-enters
/// the interpreter from native code, which needs more than the default main-thread stack.
const VM_STACK_BYTES: usize = 512 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            jit,
            perf,
            debug_info,
            script,
            args,
        } => {
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
                    let hooks = lucent_jit::hooks(jit == Switch::On, &tools);
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
