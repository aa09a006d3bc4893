//! Unwinding and debugger support for lucent's JIT code: DWARF CFI, in-process frame
//! registration, and GDB JIT symfiles.
//!
//! Contracts:
//!
//! * Every JIT frame keeps the frame-pointer chain. A backend describes each code region as a
//!   [`FrameDesc`]: ISA-neutral [`UnwindStep`]s at the code offsets where they take effect (just
//!   after the instruction). [`Arch`] maps registers to DWARF numbers (x86-64: rbp 6, rsp 7,
//!   return address 16; AArch64: x29 29, x30 30, sp 31).
//! * [`EhFrame::build`] turns regions into one `.eh_frame` (one CIE, one FDE per region, zero
//!   terminator) for a given placement address; FDE pointers are `DW_EH_PE_pcrel |
//!   DW_EH_PE_sdata4` ([`PointerEncoding::PcRel`]) or absolute. The same builder serves perf's
//!   jitdump (placed at [`perf_eh_frame_address`], header right after) and ELF symfiles;
//!   [`EhFrame::build_hdr`] makes the matching `.eh_frame_hdr`.
//! * [`RegisteredFrames`] hands CFI to the process's unwinder (`__register_frame`, whole section
//!   for libgcc, one FDE at a time for LLVM libunwind; see [`unwinder`]) and deregisters on drop.
//! * [`Symfile`] is an in-memory ELF for one trace (`.text` `NOBITS` at the real code address,
//!   one `STT_FUNC` symbol, `.eh_frame` at its claimed address, optional DWARF line info from a
//!   [`LineInfo`]); [`GdbRegistration`] puts it on
//!   GDB's JIT list (`__jit_debug_descriptor`, weak symbols in a C shim shared with other JITs)
//!   and takes it off on drop.
//! * Every `.eh_frame` is read back with `gimli::read` before it is returned (that is how the
//!   header's FDE table is found); the tests round-trip each format through an independent reader.

mod arch;
mod batch;
mod eh_frame;
mod error;
mod frame;
mod gdb;
mod register;
mod symfile;

pub use arch::{Arch, Reg};
pub use batch::{SymbolBatches, SymbolHandle, SymbolInfo};
pub use eh_frame::{debug_frame, perf_eh_frame_address, CodeRegion, EhFrame, PointerEncoding};
pub use error::{Error, Result};
pub use frame::{FrameDesc, UnwindStep};
pub use gdb::{gdb_entry_count, GdbRegistration};
pub use register::{unwinder, RegisteredFrames, Unwinder};
pub use symfile::{build_symfile, InlinedCall, LineInfo, Symfile};
