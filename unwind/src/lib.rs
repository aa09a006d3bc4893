//! Unwinding and debugger support: DWARF CFI, ELF symfiles, GDB JIT interface, __register_frame.
//!
//! Empty until its issue lands; see ARCHITECTURE.md for where it fits.
#![forbid(unsafe_code)]
