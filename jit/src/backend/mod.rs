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

/// The trace entry point's signature: frame slot 0's address, the VM; returns
/// `trace id << 32 | snapshot index` of the exit finally taken (the frame's slots are written
/// back by then). The id is not always the entered trace's: exits chain (see [`ExitCell`]).
pub type TraceFn = unsafe extern "C" fn(*mut u64, *mut lucent_vm::vm::Vm) -> u64;

/// One per snapshot of a trace, in memory the trace's code addresses directly (data, never
/// executed). Every exit stub counts itself in `taken`, then, if `target` is not 0, jumps to
/// it after its epilogue — a tail call with the same arguments — instead of returning: that is
/// how an exit with a side trace continues in it, and how a side trace's last exit continues in
/// the loop's trace, without a round trip through the engine ("patched into the exit").
#[repr(C)]
#[derive(Debug, Default)]
pub struct ExitCell {
    /// Entry point to continue in, or 0 to return.
    pub target: std::cell::Cell<u64>,
    /// Times the exit was taken.
    pub taken: std::cell::Cell<u64>,
}

/// What a trace's code must know about itself: its id (returned with the snapshot index) and
/// its exit cells' address.
#[derive(Debug, Clone, Copy)]
pub struct Linkage {
    pub trace_id: u32,
    /// Address of the trace's `[ExitCell]`, one per snapshot.
    pub cells: u64,
}

/// Machine code for one trace.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub code: Vec<u8>,
    /// `(code offset, bytecode offset)` at each change of bytecode offset, ascending by code
    /// offset; exit stubs map to the instruction they resume.
    pub pc_map: Vec<(u32, u32)>,
    /// How the code's frame evolves, instruction by instruction (the CFI source).
    pub frame: lucent_unwind::FrameDesc,
    /// Where the frame is set up and the trace's own code begins (DWARF `prologue_end`).
    pub prologue_end: u32,
}

/// The bytecode offset each IR instruction's code is attributed to in line tables (perf, gdb):
/// its own, except that the prologue and the entry block (loads, guards and unboxing of the loop's
/// inputs, and anything hoisted out of the loop) belong to the loop header. A line breakpoint on
/// a line of the loop body then lands in the loop, once per iteration, not in code that runs once
/// per trace entry (and gdb does not skip it as a prologue).
pub fn attributed_pcs(ir: &TraceIr) -> Vec<u32> {
    let loop_start = ir.loop_start().unwrap_or(0);
    let header = ir.insns.get(loop_start).map_or(0, |i| i.pc);
    ir.insns
        .iter()
        .enumerate()
        .map(|(i, insn)| if i < loop_start { header } else { insn.pc })
        .collect()
}

/// Compiles a trace for the machine this process runs on.
pub fn compile(ir: &TraceIr, link: Linkage) -> Result<Compiled, crate::abort::Abort> {
    let alloc: Allocation = crate::regalloc::allocate(ir, &native::REGS);
    native::assemble(ir, &alloc, link)
}
