//! The tooling daemon and live monitor, `lucent top` (docs/monitor.md).
//!
//! One stage per file, collecting apart from drawing:
//! `remote.rs` (the target's memory and `/proc` files) → `target.rs` (the exported monitor
//! table, the VM's debugger descriptor, GDB's JIT list) → `symbols.rs` (addresses to trace
//! lines, trampolines, native symbols) → `sampler.rs` (`perf_event_open` ring buffers) →
//! `profile.rs` (attribution and aggregation) → `collector.rs` (the daemon: ticks, history,
//! snapshots) → `export.rs` (Firefox Profiler, pprof, collapsed stacks). The TUI is
//! `app.rs` (state, keys), `ui.rs` (widgets) and `top.rs` (threads, terminal, headless mode).
//!
//! Unsafe code is confined to the two files that talk to the kernel directly
//! (`remote.rs`: `process_vm_readv`; `sampler.rs`: `perf_event_open` and its ring buffer).
#![deny(unsafe_code)]

pub mod app;
pub mod collector;
pub mod error;
pub mod export;
pub mod profile;
#[expect(
    unsafe_code,
    reason = "process_vm_readv: the one way to read the target's memory"
)]
pub mod remote;
#[expect(
    unsafe_code,
    reason = "perf_event_open and its mmap ring buffer have no safe wrapper"
)]
pub mod sampler;
pub mod symbols;
pub mod target;
pub mod top;
pub mod ui;

pub use error::{Error, Result};
pub use top::{run, Attach, Config};
