//! Machine-code backends, one folder per ISA with the same files. This module is the only place
//! that selects one by target architecture.
//!
//! A backend turns optimized IR plus a register allocation into position-independent code
//! (relative branches; helper addresses as absolute immediates), so the code cache can place it
//! anywhere. Its output also describes what the tools need: where each bytecode instruction's code
//! starts, and the frame layout for CFI.

#[cfg(target_arch = "x86_64")]
pub mod x86_64;
#[cfg(target_arch = "x86_64")]
pub use self::x86_64 as native;

use crate::ir::TraceIr;
use crate::regalloc::Allocation;

/// The trace entry point's signature: frame slot 0's address, the VM; returns the snapshot index
/// of the exit taken (the frame's slots are written back by then).
pub type TraceFn = unsafe extern "C" fn(*mut u64, *mut lucent_vm::vm::Vm) -> u32;

/// The frame every trace sets up, as instruction offsets (for CFI, which must be exact at every
/// instruction) and sizes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameLayout {
    /// Offset just after the frame-pointer push (`push rbp` / `stp x29, x30, ...`).
    pub after_push_fp: u32,
    /// Offset just after the frame pointer is set (`mov rbp, rsp` / `mov x29, sp`).
    pub after_set_fp: u32,
    /// Callee-saved registers pushed after the frame pointer, in push order.
    pub saved: Vec<u8>,
    /// The shared epilogue: where it starts, and the offset just after the frame pointer is
    /// restored (from there to the return the CFA is the stack pointer again).
    pub epilogue: u32,
    pub after_restore_fp: u32,
    /// Bytes of stack below the saved registers (spill slots and call save area).
    pub locals_size: u32,
}

/// Machine code for one trace.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    pub code: Vec<u8>,
    /// `(code offset, bytecode offset)` at each change of bytecode offset, ascending by code
    /// offset; exit stubs map to the instruction they resume.
    pub pc_map: Vec<(u32, u32)>,
    pub frame: FrameLayout,
}

/// Compiles a trace for the machine this process runs on.
pub fn compile(ir: &TraceIr) -> Result<Compiled, crate::abort::Abort> {
    let alloc: Allocation = crate::regalloc::allocate(ir, &native::REGS);
    native::assemble(ir, &alloc)
}
