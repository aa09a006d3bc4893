//! Machine-code backends, one folder per ISA with the same files. This module is the only place
//! that selects one by target architecture: both backends build on every host (they only write
//! bytes), so each ISA's encoder tests run anywhere; `native` is the one whose code this process
//! can run.
//!
//! A backend turns optimized IR plus a register allocation into position-independent code
//! (relative branches; helper addresses as absolute immediates), so the code cache can place it
//! anywhere. Its output also describes what the tools need: where each bytecode instruction's code
//! starts, and the frame layout for CFI.

pub mod aarch64;
mod layout;
pub mod x86_64;

#[cfg(target_arch = "aarch64")]
pub use self::aarch64 as native;
#[cfg(target_arch = "x86_64")]
pub use self::x86_64 as native;

use lucent_unwind::Arch;
use lucent_vm::code::CmpOp;

use crate::ir::{Ref, TraceIr, Uop};
use crate::regalloc::{Allocation, Loc};

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
    /// Bytes of instructions: any data after them (AArch64's literal pool) is not code.
    pub insn_len: u32,
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
    compile_for(native::ARCH, ir, link)
}

/// Compiles a trace for `arch` (code for another ISA is for encoder tests and dumps: it refers
/// to this process's helpers and cannot run anywhere).
pub fn compile_for(
    arch: Arch,
    ir: &TraceIr,
    link: Linkage,
) -> Result<Compiled, crate::abort::Abort> {
    match arch {
        Arch::X86_64 => {
            let alloc = crate::regalloc::allocate(ir, &x86_64::REGS);
            x86_64::assemble(ir, &alloc, link)
        }
        Arch::Aarch64 => {
            let alloc = crate::regalloc::allocate(ir, &aarch64::REGS);
            aarch64::assemble(ir, &alloc, link)
        }
    }
}

/// Disassembles `arch` code, one `offset: instruction` line per instruction; the bytes from
/// `insn_len` on are data (a literal pool), shown as 64-bit words.
pub fn disassemble_for(arch: Arch, code: &[u8], insn_len: usize) -> Vec<String> {
    match arch {
        Arch::X86_64 => x86_64::disassemble(code, insn_len),
        Arch::Aarch64 => aarch64::disassemble(code, insn_len),
    }
}

/// The data lines of a disassembly: `offset: .u64 0x...` per 8 bytes of `data`, which starts at
/// code offset `at`.
pub(crate) fn data_lines(data: &[u8], at: usize) -> impl Iterator<Item = String> + '_ {
    data.chunks(8).enumerate().map(move |(k, word)| {
        let mut w = [0; 8];
        w[..word.len()].copy_from_slice(word);
        format!("{:4x}: .u64 {:#x}", at + 8 * k, u64::from_le_bytes(w))
    })
}

/// When comparison `i` (of kind `op`) is used only by the guard right after it, the backends
/// fuse the two: they branch to the guard's exit on the returned condition (the comparison's
/// outcome that is not the recorded one) and skip the guard. Returns that condition and the
/// guard's snapshot. Not when the guard's own snapshot writes the comparison's value back (a
/// bool stored in a local, or passed to an inlined call, then tested): fused, that value never
/// exists in a register for the exit stub to box.
pub(crate) fn fused_exit(
    ir: &TraceIr,
    alloc: &Allocation,
    i: usize,
    op: CmpOp,
) -> Option<(CmpOp, u32)> {
    let guard = ir.insns.get(i + 1)?;
    let value = Ref(i as u32);
    let fusable = matches!(guard.op, Uop::GuardTrue | Uop::GuardFalse)
        && guard.a == value
        && alloc.ends[i] == i + 1
        && !ir.snaps[guard.snap as usize]
            .slots
            .iter()
            .any(|(_, r)| *r == value);
    if !fusable {
        return None;
    }
    let leave_if_true = guard.op == Uop::GuardFalse;
    Some((if leave_if_true { op } else { op.negate() }, guard.snap))
}

/// Values in the registers `clobbered` (general) or in any float register (no float register
/// survives a call on either ABI as the backends allocate them) that must survive the call at
/// instruction `i`: `(register, is float)`, sorted.
pub(crate) fn live_across(alloc: &Allocation, i: usize, clobbered: &[u8]) -> Vec<(u8, bool)> {
    let mut regs = Vec::new();
    for v in 0..i {
        if alloc.ends[v] < i {
            continue;
        }
        match alloc.locs[v] {
            Loc::Gpr(g) if clobbered.contains(&g) => regs.push((g, false)),
            Loc::Xmm(x) => regs.push((x, true)),
            _ => {}
        }
    }
    regs.sort_unstable();
    regs.dedup();
    regs
}

/// The moves into the loop's phis: from their entry values at `Loop` (instruction `i`), or
/// from their back-edge values at `Jump` (`back_edge`). `(from, to)`, to be made all at once.
pub(crate) fn phi_moves(ir: &TraceIr, i: usize, back_edge: bool) -> Vec<(Ref, Ref)> {
    if back_edge {
        (0..ir.insns.len())
            .filter(|&k| ir.insns[k].op == Uop::Phi)
            .map(|k| (ir.insns[k].b, Ref(k as u32)))
            .collect()
    } else {
        (i + 1..ir.insns.len())
            .take_while(|&k| ir.insns[k].op == Uop::Phi)
            .map(|k| (ir.insns[k].a, Ref(k as u32)))
            .collect()
    }
}

/// Drives a backend over the trace body: records where each attributed bytecode offset's code
/// starts in `pc_map` (`offset` reads the assembler's position) and calls `emit` per
/// instruction, skipping the next one when `emit` says it fused it.
pub(crate) fn emit_body<A>(
    asm: &mut A,
    ir: &TraceIr,
    offset: fn(&A) -> u32,
    pc_map: fn(&mut A) -> &mut Vec<(u32, u32)>,
    mut emit: impl FnMut(&mut A, usize) -> Result<bool, crate::abort::Abort>,
) -> Result<(), crate::abort::Abort> {
    let pcs = attributed_pcs(ir);
    pc_map(asm).push((0, pcs.first().copied().unwrap_or(0)));
    let mut skip = false;
    for (i, &pc) in pcs.iter().enumerate() {
        if skip {
            skip = false;
            continue;
        }
        if pc_map(asm).last().map(|p| p.1) != Some(pc) {
            let off = offset(asm);
            pc_map(asm).push((off, pc));
        }
        skip = emit(asm, i)?;
    }
    Ok(())
}

/// The label of snapshot `snap`'s exit stub, created on first use (`exits` has one entry per
/// snapshot; the stubs are emitted after the body for the labels that exist).
pub(crate) fn exit_label<R: dynasmrt::relocations::Relocation>(
    exits: &mut [Option<dynasmrt::DynamicLabel>],
    ops: &mut dynasmrt::VecAssembler<R>,
    snap: u32,
) -> dynasmrt::DynamicLabel {
    debug_assert!(snap != crate::ir::NO_SNAP);
    *exits[snap as usize].get_or_insert_with(|| ops.new_dynamic_label())
}
