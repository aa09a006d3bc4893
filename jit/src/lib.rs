//! lucent's tracing JIT.
//!
//! Pipeline, one file per stage: a hot loop is recorded by the interpreter's recording loop
//! (`recorder.rs`, dual dispatch: see `lucent_vm::jit_hook`), the log is translated to typed SSA
//! micro-ops with guards and snapshots (`translate.rs`, `ir.rs`), optimized (`opt/`), given
//! registers (`regalloc.rs`), assembled from per-uop templates (`backend/<isa>/`), placed in W^X
//! memory (`code_memory.rs`) and described for tools (`trace.rs`). `engine.rs` drives it and is
//! what the VM calls. Abort reasons are counted in `abort.rs`; runtime helpers are in
//! `helpers.rs`.

pub mod abort;
pub mod backend;
pub mod code_memory;
pub mod dump;
pub mod engine;
pub mod helpers;
pub mod ir;
pub mod opt;
pub mod recorder;
pub mod regalloc;
pub mod trace;
pub mod translate;

pub use engine::{make_hook, Config, Engine};
