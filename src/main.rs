//! The `lucent` command: `lucent run SCRIPT.py [ARGS...]`.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

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

#[derive(Subcommand)]
enum Command {
    /// Run a Python script (stdout and exit status as CPython 3.11's).
    Run {
        /// JIT compilation of hot loops (default on).
        #[arg(long, value_enum, default_value = "on", require_equals = true)]
        jit: Switch,
        /// The script to run.
        script: String,
        /// Arguments passed to the script as sys.argv[1:].
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

/// Stack for the interpreter thread: deep Python recursion (up to the recursion limit) re-enters
/// the interpreter from native code, which needs more than the default main-thread stack.
const VM_STACK_BYTES: usize = 512 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { jit, script, args } => {
            let gc_stress = std::env::var("LUCENT_GC_STRESS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let opts = lucent_vm::RunOptions {
                jit: (jit == Switch::On).then_some(lucent_jit::make_hook as fn() -> _),
                gc_stress,
            };
            let worker = std::thread::Builder::new()
                .name("lucent-vm".into())
                .stack_size(VM_STACK_BYTES)
                .spawn(move || lucent_vm::run_main(&script, &args, &opts));
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
