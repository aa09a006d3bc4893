//! Tracing JIT: trace IR (uops), optimizer, register allocation, per-ISA backends, code cache, side exits.
//!
//! Empty until its issue lands; see ARCHITECTURE.md for where it fits.
#![forbid(unsafe_code)]
