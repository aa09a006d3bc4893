//! AArch64 backend: frame, exits and the assembly driver. The per-uop templates are in
//! `stencils.rs`; the file layout mirrors `../x86_64/`.
//!
//! Frame (AAPCS64; every trace, leaf or not, entry to exit):
//!
//! ```text
//!   stp x29, x30, [sp, #-16]!         the frame record
//!   mov x29, sp                       frame-pointer chain valid from here on; x29 never changes
//!   stp x19, x20, [sp, #-16]!         the callee-saved registers, five pairs: x19..x28
//!   ...                               (pair k at x29 - 16 (k + 1))
//!   sub sp, sp, #N                    locals, addressed from sp (which the body never moves):
//!                                     spill slots, the call save area (32 GPR + 32 FP slots),
//!                                     the parallel-move area (one slot per loop-carried value)
//!   x19 = frame slot 0 (arg 1), x20 = the VM (arg 2)
//! ```
//!
//! Scratch registers: x16, x17 (the intra-procedure-call registers) and x8 are never allocated;
//! d0/d1 are float scratch; x18 (the platform register) is never touched. Exit stubs live after
//! the loop (the hot path falls through every guard): each boxes the values its snapshot names
//! into the frame's slots, counts itself in its `ExitCell`, puts `id << 32 | snapshot` in x2 and
//! the cell's chain target in x17, and branches to the shared epilogue, which returns x2 — or,
//! with a target, restores the frame and branches to it with the same arguments (a tail call:
//! x30 is the caller's again by then).

mod disasm;
mod stencils;
mod trampoline;

pub use disasm::disassemble;
pub use trampoline::trampoline;

/// The architecture this backend writes code for.
pub const ARCH: lucent_unwind::Arch = lucent_unwind::Arch::Aarch64;

use dynasmrt::aarch64::Aarch64Relocation;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi, VecAssembler};

use lucent_unwind::{FrameDesc, Reg, UnwindStep};

use super::layout::{CANONICAL_NAN, FALSE_BITS, INT_BITS, TAG_INT};
use super::{Compiled, ExitCell, Linkage};
use crate::abort::Abort;
use crate::ir::{Ref, TraceIr, Ty, Uop};
use crate::regalloc::{Allocation, Loc, RegSet};

/// Allocatable registers: x21..x28 survive calls; x9..x15 are the caller's temporaries. Floats:
/// d2..d7 and d16..d29 (all caller-saved; d8..d15 would need saving in the prologue).
pub const REGS: RegSet = RegSet {
    callee_saved: &[21, 22, 23, 24, 25, 26, 27, 28],
    caller_saved: &[9, 10, 11, 12, 13, 14, 15],
    floats: &[
        2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
    ],
};

/// Scratch registers (see the module docs).
/// Register numbers are `u32` here: dynasm's AArch64 operands are.
pub(crate) const S0: u32 = 16;
pub(crate) const S1: u32 = 17;
pub(crate) const S2: u32 = 8;
pub(crate) const D0: u32 = 0;
pub(crate) const D1: u32 = 1;
/// Frame slot 0 and the VM, for the whole trace.
pub(crate) const SLOTS: u32 = 19;
pub(crate) const VM: u32 = 20;
/// Callee-saved pairs pushed after the frame record, in order.
const SAVED: [(u32, u32); 5] = [(19, 20), (21, 22), (23, 24), (25, 26), (27, 28)];
/// Call save area: a slot per GPR number, then one per FP register number.
const SAVE_SLOTS: u32 = 64;
/// Offset of `ExitCell::taken`.
const TAKEN: u32 = 8;
const _: () = assert!(std::mem::offset_of!(ExitCell, taken) == TAKEN as usize);
/// `ldr`/`str` reach `[base, #8 * k]` for `k < 4096`: the locals' size limit.
const MAX_SCALED: u32 = 8 * 4095;

macro_rules! asm {
    ($ops:expr; $($t:tt)*) => {
        dynasmrt::dynasm!($ops ; .arch aarch64 ; $($t)*)
    };
}
pub(crate) use asm;

/// Loads a 64-bit constant with move-wide instructions: `movz` for the lowest non-zero
/// halfword, `movk` for the others.
fn move_wide(ops: &mut VecAssembler<Aarch64Relocation>, reg: u32, value: u64) {
    let halves: Vec<(u32, u32)> = (0..4)
        .map(|k| (16 * k, ((value >> (16 * k)) & 0xFFFF) as u32))
        .filter(|&(_, h)| h != 0)
        .collect();
    match halves.split_first() {
        None => asm!(ops ; movz X(reg), 0),
        Some((&(shift, half), rest)) => {
            asm!(ops ; movz X(reg), half, lsl shift);
            for &(shift, half) in rest {
                asm!(ops ; movk X(reg), half, lsl shift);
            }
        }
    }
}

/// `d = s` sign-extended from bit 47 (a small int's payload → i64).
// dynasm expands the bitfield's position as `lsb + width`; with lsb 0 clippy sees `0 + ...`.
#[allow(clippy::identity_op)]
pub(crate) fn sign_extend_int(ops: &mut VecAssembler<Aarch64Relocation>, d: u32, s: u32) {
    asm!(ops ; sbfx X(d), X(s), 0, INT_BITS);
}

/// `d = s` with bits 63..48 cleared (an int's payload, before tagging).
#[allow(clippy::identity_op)] // As for `sign_extend_int`.
fn zero_extend_int(ops: &mut VecAssembler<Aarch64Relocation>, d: u32, s: u32) {
    asm!(ops ; ubfx X(d), X(s), 0, INT_BITS);
}

/// Assembler state for one trace.
pub(crate) struct Asm<'a> {
    pub ops: VecAssembler<Aarch64Relocation>,
    pub ir: &'a TraceIr,
    pub alloc: &'a Allocation,
    /// Exit stub label per snapshot (created on first use).
    exits: Vec<Option<DynamicLabel>>,
    pub epilogue: DynamicLabel,
    /// The trace's id and exit cells.
    pub link: Linkage,
    pub loop_label: DynamicLabel,
    nspill: u32,
    pc_map: Vec<(u32, u32)>,
    /// The literal pool: 64-bit words placed after the code, each loaded by a PC-relative `ldr`.
    pool: Vec<(DynamicLabel, u64)>,
    /// The unwind stub's label, once used.
    unwind: Option<DynamicLabel>,
}

impl<'a> Asm<'a> {
    /// Loads a 64-bit constant into `reg`. Addresses (helpers, exit cells, objects) come from
    /// the literal pool in one `ldr`, so that a dump shows (and masks) the whole value rather
    /// than four run-dependent halfwords; other constants are built with `movz`/`movk`.
    pub fn mov_imm(&mut self, reg: u32, value: u64) {
        if !crate::dump::run_dependent(value) {
            move_wide(&mut self.ops, reg, value);
            return;
        }
        let label = match self.pool.iter().find(|(_, v)| *v == value) {
            Some(&(l, _)) => l,
            None => {
                let l = self.ops.new_dynamic_label();
                self.pool.push((l, value));
                l
            }
        };
        asm!(self.ops ; ldr X(reg), =>label);
    }

    pub fn offset(&self) -> u32 {
        self.ops.offset().0 as u32
    }

    pub fn loc(&self, r: Ref) -> Loc {
        self.alloc.locs[r.index()]
    }

    fn spill_off(&self, k: u32) -> u32 {
        8 * k
    }

    fn save_off(&self, reg: u32, float: bool) -> u32 {
        8 * (self.nspill + reg + if float { 32 } else { 0 })
    }

    fn move_off(&self, k: u32) -> u32 {
        8 * (self.nspill + SAVE_SLOTS + k)
    }

    /// The general register holding `r`, loading it into `scratch` if spilled.
    pub fn gin(&mut self, r: Ref, scratch: u32) -> u32 {
        match self.loc(r) {
            Loc::Gpr(g) => u32::from(g),
            Loc::Spill(k) => {
                let off = self.spill_off(k);
                asm!(self.ops ; ldr X(scratch), [sp, off]);
                scratch
            }
            other => panic!("{r} is not in a general register: {other:?}"),
        }
    }

    /// The float register holding `r`, loading it into `scratch` if spilled.
    pub fn xin(&mut self, r: Ref, scratch: u32) -> u32 {
        match self.loc(r) {
            Loc::Xmm(x) => u32::from(x),
            Loc::Spill(k) => {
                let off = self.spill_off(k);
                asm!(self.ops ; ldr D(scratch), [sp, off]);
                scratch
            }
            other => panic!("{r} is not in a float register: {other:?}"),
        }
    }

    /// The register to compute `r` into (its own, or x16 when spilled; finish with `gset`).
    pub fn gdst(&self, r: Ref) -> u32 {
        match self.loc(r) {
            Loc::Gpr(g) => u32::from(g),
            _ => S0,
        }
    }

    pub fn xdst(&self, r: Ref) -> u32 {
        match self.loc(r) {
            Loc::Xmm(x) => u32::from(x),
            _ => D0,
        }
    }

    /// Moves a value computed in general register `from` to `r`'s location.
    pub fn gset(&mut self, r: Ref, from: u32) {
        match self.loc(r) {
            Loc::Gpr(g) if u32::from(g) == from => {}
            Loc::Gpr(g) => asm!(self.ops ; mov X(u32::from(g)), X(from)),
            Loc::Spill(k) => {
                let off = self.spill_off(k);
                asm!(self.ops ; str X(from), [sp, off]);
            }
            other => panic!("{r} is not a general value: {other:?}"),
        }
    }

    pub fn xset(&mut self, r: Ref, from: u32) {
        match self.loc(r) {
            Loc::Xmm(x) if u32::from(x) == from => {}
            Loc::Xmm(x) => asm!(self.ops ; fmov D(u32::from(x)), D(from)),
            Loc::Spill(k) => {
                let off = self.spill_off(k);
                asm!(self.ops ; str D(from), [sp, off]);
            }
            other => panic!("{r} is not a float value: {other:?}"),
        }
    }

    /// The exit stub of snapshot `snap`.
    pub fn exit(&mut self, snap: u32) -> DynamicLabel {
        super::exit_label(&mut self.exits, &mut self.ops, snap)
    }

    pub fn save_regs(&mut self, i: usize) -> Vec<(u8, bool)> {
        let regs = super::live_across(self.alloc, i, REGS.caller_saved);
        for &(r, float) in &regs {
            let (r, off) = (u32::from(r), self.save_off(u32::from(r), float));
            if float {
                asm!(self.ops ; str D(r), [sp, off]);
            } else {
                asm!(self.ops ; str X(r), [sp, off]);
            }
        }
        regs
    }

    pub fn restore_regs(&mut self, regs: &[(u8, bool)]) {
        for &(r, float) in regs {
            let (r, off) = (u32::from(r), self.save_off(u32::from(r), float));
            if float {
                asm!(self.ops ; ldr D(r), [sp, off]);
            } else {
                asm!(self.ops ; ldr X(r), [sp, off]);
            }
        }
    }

    /// Moves values into locations as if all at once (phi inputs): every source is stored to
    /// the move area first, then every destination loaded from it.
    pub fn parallel_move(&mut self, moves: &[(Ref, Ref)]) {
        let moves: Vec<(Loc, Loc)> = moves
            .iter()
            .map(|(from, to)| (self.loc(*from), self.loc(*to)))
            .filter(|(a, b)| a != b)
            .collect();
        for (k, (from, _)) in moves.iter().enumerate() {
            let off = self.move_off(k as u32);
            match *from {
                Loc::Gpr(g) => asm!(self.ops ; str X(u32::from(g)), [sp, off]),
                Loc::Xmm(x) => asm!(self.ops ; str D(u32::from(x)), [sp, off]),
                Loc::Spill(s) => {
                    let from_off = self.spill_off(s);
                    asm!(self.ops ; ldr X(S0), [sp, from_off] ; str X(S0), [sp, off]);
                }
                Loc::None => unreachable!("moving a void value"),
            }
        }
        for (k, (_, to)) in moves.iter().enumerate() {
            let off = self.move_off(k as u32);
            match *to {
                Loc::Gpr(g) => asm!(self.ops ; ldr X(u32::from(g)), [sp, off]),
                Loc::Xmm(x) => asm!(self.ops ; ldr D(u32::from(x)), [sp, off]),
                Loc::Spill(s) => {
                    let to_off = self.spill_off(s);
                    asm!(self.ops ; ldr X(S0), [sp, off] ; str X(S0), [sp, to_off]);
                }
                Loc::None => unreachable!("moving into a void value"),
            }
        }
    }

    /// Boxes `r` (of type `ty`) into x16 (the `Box*` stencils and exit stubs).
    pub fn box_into_s0(&mut self, r: Ref, ty: Ty) {
        match ty {
            Ty::Float => {
                let x = self.xin(r, D0);
                asm!(self.ops
                    ; fmov X(S0), D(x)
                    ; fcmp D(x), D(x)
                    ; b.vc >ok
                );
                self.mov_imm(S0, CANONICAL_NAN as u64);
                asm!(self.ops ; ok:);
            }
            Ty::Int => {
                let g = self.gin(r, S0);
                zero_extend_int(&mut self.ops, S0, g);
                self.mov_imm(S1, TAG_INT as u64);
                asm!(self.ops ; orr X(S0), X(S0), X(S1));
            }
            Ty::Bool => {
                let g = self.gin(r, S0);
                self.mov_imm(S1, FALSE_BITS as u64);
                asm!(self.ops ; orr X(S0), X(g), X(S1));
            }
            Ty::Boxed => {
                let g = self.gin(r, S0);
                if g != S0 {
                    asm!(self.ops ; mov X(S0), X(g));
                }
            }
            Ty::Void | Ty::Ptr => unreachable!("snapshot of a {ty:?} value"),
        }
    }

    /// `ldr`/`str` of frame slot `slot` (8-byte words from x19), through x8 past the scaled
    /// immediate's reach.
    pub fn slot_access(&mut self, reg: u32, slot: u32, load: bool) {
        let off = 8 * slot;
        match (off <= MAX_SCALED, load) {
            (true, true) => asm!(self.ops ; ldr X(reg), [X(SLOTS), off]),
            (true, false) => asm!(self.ops ; str X(reg), [X(SLOTS), off]),
            (false, load) => {
                self.mov_imm(S2, u64::from(off));
                if load {
                    asm!(self.ops ; ldr X(reg), [X(SLOTS), X(S2)]);
                } else {
                    asm!(self.ops ; str X(reg), [X(SLOTS), X(S2)]);
                }
            }
        }
    }

    /// Boxes the values snapshot `snap` names into the frame's slots (clobbers x16, x8).
    pub fn write_back(&mut self, snap: u32) {
        let slots = self.ir.snaps[snap as usize].slots.clone();
        for (slot, r) in slots {
            self.box_into_s0(r, self.ir.ty(r));
            self.slot_access(S0, slot, false);
        }
    }

    /// The stub returning the exit a function trace called natively took
    /// (`Helper::CallTrace`, `Vm::jit_unwind`): the frames are written back already.
    pub fn unwind(&mut self) -> DynamicLabel {
        *self
            .unwind
            .get_or_insert_with(|| self.ops.new_dynamic_label())
    }

    fn exit_stub(&mut self, snap: u32) {
        let pc = self.ir.snaps[snap as usize].pc;
        self.pc_map.push((self.offset(), pc));
        self.write_back(snap);
        let epilogue = self.epilogue;
        let cell = self.link.cells + (snap as usize * size_of::<ExitCell>()) as u64;
        let ret = (u64::from(self.link.trace_id) << 32) | u64::from(snap);
        self.mov_imm(S1, cell);
        asm!(self.ops
            ; ldr X(S0), [X(S1), TAKEN]
            ; add XSP(S0), XSP(S0), 1
            ; str X(S0), [X(S1), TAKEN]
        );
        self.mov_imm(2, ret);
        asm!(self.ops
            ; ldr X(S1), [X(S1)]
            ; b =>epilogue
        );
    }
}

/// Assembles an allocated trace.
pub fn assemble(ir: &TraceIr, alloc: &Allocation, link: Linkage) -> Result<Compiled, Abort> {
    let mut ops = VecAssembler::<Aarch64Relocation>::new(0);
    let epilogue = ops.new_dynamic_label();
    let loop_label = ops.new_dynamic_label();
    let nspill = alloc.spill_slots;
    let nmoves = ir.insns.iter().filter(|i| i.op == Uop::Phi).count() as u32;
    // Locals, rounded up so sp stays 16-byte aligned.
    let locals_size = (8 * (nspill + SAVE_SLOTS + nmoves)).next_multiple_of(16);
    if locals_size > MAX_SCALED {
        return Err(Abort::Backend("frame too large for scaled offsets"));
    }
    let mut a = Asm {
        ops,
        ir,
        alloc,
        exits: vec![None; ir.snaps.len()],
        epilogue,
        link,
        loop_label,
        nspill,
        pc_map: Vec::new(),
        pool: Vec::new(),
        unwind: None,
    };
    // The frame's CFI steps, each at the offset just after its instruction (exact everywhere).
    let mut steps: Vec<(u32, UnwindStep)> = Vec::new();
    asm!(a.ops ; stp x29, x30, [sp, -16]!);
    steps.push((a.offset(), UnwindStep::PushFramePointer));
    asm!(a.ops ; mov x29, sp);
    steps.push((a.offset(), UnwindStep::SetFramePointer));
    for (k, &(r1, r2)) in SAVED.iter().enumerate() {
        asm!(a.ops ; stp X(r1), X(r2), [sp, -16]!);
        let at = a.offset();
        let base = -(32 + 16 * k as i32);
        for (reg, cfa_offset) in [(r1, base), (r2, base + 8)] {
            let reg = Reg::Gpr(reg as u8);
            steps.push((at, UnwindStep::SaveReg { reg, cfa_offset }));
        }
    }
    asm!(a.ops
        ; sub sp, sp, locals_size
        ; mov X(SLOTS), x0
        ; mov X(VM), x1
    );
    let prologue_end = a.offset();
    super::emit_body(&mut a, ir, Asm::offset, |a| &mut a.pc_map, stencils::emit)?;
    let used: Vec<u32> = (0..ir.snaps.len() as u32)
        .filter(|s| a.exits[*s as usize].is_some())
        .collect();
    for s in used {
        let l = a.exits[s as usize].expect("used exit");
        asm!(a.ops ; =>l);
        a.exit_stub(s);
    }
    if let Some(l) = a.unwind {
        let off = std::mem::offset_of!(lucent_vm::vm::Vm, jit_unwind) as u64;
        asm!(a.ops ; =>l);
        a.mov_imm(S0, off);
        asm!(a.ops
            ; ldr x2, [X(VM), X(S0)]
            ; movz X(S1), 0
            ; b =>epilogue
        );
    }
    // The shared epilogue: x2 = what to return, x17 = where to continue instead (0: return).
    // The arguments of a chained trace are ours (slots in x19, the VM in x20), moved to their
    // argument registers before the callee-saved registers are restored.
    asm!(a.ops
        ; =>epilogue
        ; mov x0, X(SLOTS)
        ; mov x1, X(VM)
    );
    for (k, &(r1, r2)) in SAVED.iter().enumerate().rev() {
        let off = -16 * (k as i32 + 1);
        asm!(a.ops ; ldp X(r1), X(r2), [x29, off]);
        let at = a.offset();
        steps.push((at, UnwindStep::RestoreReg(Reg::Gpr(r1 as u8))));
        steps.push((at, UnwindStep::RestoreReg(Reg::Gpr(r2 as u8))));
    }
    asm!(a.ops
        ; mov sp, x29
        ; ldp x29, x30, [sp], 16
    );
    steps.push((a.offset(), UnwindStep::PopFramePointer));
    asm!(a.ops
        ; cbnz X(S1), >chain
        ; mov x0, x2
        ; ret
        ; chain:
        ; br X(S1)
    );
    // The literal pool, 8-byte aligned (a `nop` pads: never executed, but decodable).
    if !a.offset().is_multiple_of(8) {
        asm!(a.ops ; nop);
    }
    let insn_len = a.offset();
    for (label, value) in std::mem::take(&mut a.pool) {
        asm!(a.ops ; =>label ; .u64 value);
    }
    let pc_map = std::mem::take(&mut a.pc_map);
    let code = a
        .ops
        .finalize()
        .map_err(|_| Abort::Backend("unresolved label"))?;
    let frame = FrameDesc::from_steps(code.len() as u32, steps);
    Ok(Compiled {
        code,
        pc_map,
        frame,
        prologue_end,
        insn_len,
    })
}

/// Makes `len` freshly written bytes at `start` visible to instruction fetch: clean the data
/// cache to the point of unification, invalidate the instruction cache, and synchronize (the
/// ARM ARM's sequence for self-modifying code; line sizes from `CTR_EL0`). Only the thread that
/// wrote the code runs it, so the closing `isb` on this core suffices.
pub fn flush_icache(start: *const u8, len: usize) {
    #[cfg(target_arch = "aarch64")]
    {
        let ctr: u64;
        // SAFETY: CTR_EL0 is readable at EL0 on Linux (the kernel enables or emulates it).
        unsafe { core::arch::asm!("mrs {}, ctr_el0", out(reg) ctr, options(nomem, nostack)) };
        let dline = 4usize << ((ctr >> 16) & 0xF);
        let iline = 4usize << (ctr & 0xF);
        let (start, end) = (start as usize, start as usize + len);
        let mut addr = start & !(dline - 1);
        while addr < end {
            // SAFETY: cache maintenance by address on our own readable mapping; it changes no
            // memory contents.
            unsafe { core::arch::asm!("dc cvau, {}", in(reg) addr, options(nostack)) };
            addr += dline;
        }
        // SAFETY: barriers only order this core's memory accesses.
        unsafe { core::arch::asm!("dsb ish", options(nostack)) };
        let mut addr = start & !(iline - 1);
        while addr < end {
            // SAFETY: as above, for the instruction cache.
            unsafe { core::arch::asm!("ic ivau, {}", in(reg) addr, options(nostack)) };
            addr += iline;
        }
        // SAFETY: barriers only; `isb` makes this core fetch the new instructions.
        unsafe { core::arch::asm!("dsb ish", "isb", options(nostack)) };
    }
    #[cfg(not(target_arch = "aarch64"))]
    let _ = (start, len);
}
