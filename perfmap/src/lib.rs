//! perf map and jitdump writers.
//!
//! Empty until its issue lands; see ARCHITECTURE.md for where it fits.
#![forbid(unsafe_code)]
