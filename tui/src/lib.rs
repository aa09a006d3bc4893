//! Tooling daemon (attach, sample, aggregate, export) and the ratatui live monitor.
//!
//! Empty until its issue lands; see ARCHITECTURE.md for where it fits.
#![forbid(unsafe_code)]
