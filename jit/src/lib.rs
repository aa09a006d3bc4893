//! lucent's tracing JIT.
//!
//! Pipeline, one file per stage: a hot loop is recorded by the interpreter's recording loop
//! (`recorder.rs`, dual dispatch: see `lucent_vm::jit_hook`), the log is translated to typed SSA
//! micro-ops with guards and snapshots (`translate.rs`, `ir.rs`), optimized (`opt/`), given
//! registers (`regalloc.rs`), assembled from per-uop templates (`backend/<isa>/`), placed in W^X
//! memory (`code_memory.rs`), described for tools (`trace.rs`) and published to them
//! (`publish.rs`: perf map, jitdump, unwinder, GDB). `engine.rs` drives it and is what the VM
//! calls. Abort reasons are counted in `abort.rs`; per-trace counters for `lucent top` are exported in
//! `monitor_table.rs`; runtime helpers are in `helpers.rs`, the object layout traces read inline in
//! `objects.rs`.
//! `trampolines.rs` gives interpreted frames named native frames when perf support is on.

pub mod abort;
pub mod backend;
pub mod backtrace;
pub mod code_memory;
pub mod dump;
pub mod engine;
pub mod helpers;
pub mod ir;
pub mod monitor_table;
pub mod objects;
pub mod opt;
pub mod publish;
pub mod recorder;
pub mod regalloc;
pub mod trace;
pub mod trampolines;
pub mod translate;

pub use engine::{Config, Engine};
pub use publish::{PerfMode, ToolsConfig};

use std::cell::RefCell;
use std::rc::Rc;

/// What `lucent run` installs in the VM, sharing one [`publish::Publisher`]: the JIT (when on)
/// and, when perf support is on, trampolines for interpreted frames.
pub struct Hooks {
    pub jit: Option<Box<dyn lucent_vm::jit_hook::JitHook>>,
    pub trampolines: Option<Box<dyn lucent_vm::trampoline::Trampolines>>,
}

/// Makes the hooks for a run: the JIT with `jit`'s settings (`None`: JIT off).
pub fn hooks(jit: Option<Config>, tools: &ToolsConfig) -> Hooks {
    let publisher = Rc::new(RefCell::new(publish::Publisher::new(tools)));
    let perf = publisher.borrow().perf();
    Hooks {
        jit: jit.map(|config| Box::new(Engine::new(config, publisher.clone())) as Box<_>),
        trampolines: perf
            .then(|| Box::new(trampolines::TrampolinePool::new(publisher.clone())) as Box<_>),
    }
}
