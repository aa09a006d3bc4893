//! x86_64 backend: frame, exits and the assembly driver. The per-uop templates are in
//! `stencils.rs`.
//!
//! Frame (System V; every trace, entry to exit):
//!
//! ```text
//!   push rbp; mov rbp, rsp            frame-pointer chain valid from here on; rbp never changes
//!   push rbx, r12, r13, r14, r15      callee-saved registers the trace uses
//!   sub rsp, N                        spill slots, then the call save area (16 GPR + 16 XMM slots)
//!   r14 = frame slot 0 (arg 1), r15 = the VM (arg 2)
//! ```
//!
//! Scratch registers: rax, r11 (and rdx, which `idiv` clobbers) are never allocated; xmm0/xmm1 are
//! float scratch. Exit stubs live after the loop (the hot path falls through every guard): each
//! boxes the values its snapshot names into the frame's slots, counts itself in its `ExitCell`,
//! puts `id << 32 | snapshot` in rax and the cell's chain target in rdx, and jumps to the shared
//! epilogue, which returns — or, with a target, tail-jumps to it with the same arguments.

mod disasm;
mod stencils;
mod trampoline;

pub use disasm::disassemble;
pub use trampoline::trampoline;

/// The architecture this backend writes code for.
pub const ARCH: lucent_unwind::Arch = lucent_unwind::Arch::X86_64;

use dynasmrt::x64::X64Relocation;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi, VecAssembler};

use lucent_unwind::{FrameDesc, Reg, UnwindStep};

use super::layout::{CANONICAL_NAN, FALSE_BITS, TAG_INT};
use super::{Compiled, ExitCell, Linkage};
use crate::abort::Abort;
use crate::ir::{Ref, TraceIr, Ty};
use crate::regalloc::{Allocation, Loc, RegSet};

/// Allocatable registers (DWARF-independent x86 encodings: rcx=1, rbx=3, rsi=6, rdi=7, r8..).
pub const REGS: RegSet = RegSet {
    callee_saved: &[3, 12, 13],
    caller_saved: &[1, 6, 7, 8, 9, 10],
    floats: &[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
};

const RAX: u8 = 0;
const XMM0: u8 = 0;
/// Callee-saved registers pushed after rbp, in order.
const SAVED: [u8; 5] = [3, 12, 13, 14, 15];
/// Bytes from rbp down to the last pushed register.
const PUSHED: i32 = 8 * SAVED.len() as i32;
/// Offset of `ExitCell::taken`.
const TAKEN: i32 = 8;
const _: () = assert!(std::mem::offset_of!(ExitCell, taken) == TAKEN as usize);

macro_rules! asm {
    ($ops:expr; $($t:tt)*) => {
        dynasmrt::dynasm!($ops ; .arch x64 ; $($t)*)
    };
}
pub(crate) use asm;

/// Assembler state for one trace.
pub(crate) struct Asm<'a> {
    pub ops: VecAssembler<X64Relocation>,
    pub ir: &'a TraceIr,
    pub alloc: &'a Allocation,
    /// Exit stub label per snapshot (created on first use).
    exits: Vec<Option<DynamicLabel>>,
    pub epilogue: DynamicLabel,
    /// The trace's id and exit cells.
    pub link: Linkage,
    pub loop_label: DynamicLabel,
    nspill: i32,
    pc_map: Vec<(u32, u32)>,
    /// The unwind stub's label, once used.
    unwind: Option<DynamicLabel>,
}

impl<'a> Asm<'a> {
    pub fn offset(&self) -> u32 {
        self.ops.offset().0 as u32
    }

    pub fn loc(&self, r: Ref) -> Loc {
        self.alloc.locs[r.index()]
    }

    fn spill_off(&self, k: u32) -> i32 {
        -(PUSHED + 8 + 8 * k as i32)
    }

    fn save_off(&self, reg: u8, float: bool) -> i32 {
        let idx = self.nspill + reg as i32 + if float { 16 } else { 0 };
        -(PUSHED + 8 + 8 * idx)
    }

    /// The general register holding `r`, loading it into `scratch` if spilled.
    pub fn gin(&mut self, r: Ref, scratch: u8) -> u8 {
        match self.loc(r) {
            Loc::Gpr(g) => g,
            Loc::Spill(k) => {
                let off = self.spill_off(k);
                asm!(self.ops ; mov Rq(scratch), [rbp + off]);
                scratch
            }
            other => panic!("{r} is not in a general register: {other:?}"),
        }
    }

    /// The float register holding `r`, loading it into `scratch` if spilled.
    pub fn xin(&mut self, r: Ref, scratch: u8) -> u8 {
        match self.loc(r) {
            Loc::Xmm(x) => x,
            Loc::Spill(k) => {
                let off = self.spill_off(k);
                asm!(self.ops ; movsd Rx(scratch), [rbp + off]);
                scratch
            }
            other => panic!("{r} is not in a float register: {other:?}"),
        }
    }

    /// The register to compute `r` into (its own, or rax when spilled; finish with `gset`).
    pub fn gdst(&self, r: Ref) -> u8 {
        match self.loc(r) {
            Loc::Gpr(g) => g,
            _ => RAX,
        }
    }

    pub fn xdst(&self, r: Ref) -> u8 {
        match self.loc(r) {
            Loc::Xmm(x) => x,
            _ => XMM0,
        }
    }

    /// Moves a value computed in general register `from` to `r`'s location.
    pub fn gset(&mut self, r: Ref, from: u8) {
        match self.loc(r) {
            Loc::Gpr(g) if g == from => {}
            Loc::Gpr(g) => asm!(self.ops ; mov Rq(g), Rq(from)),
            Loc::Spill(k) => {
                let off = self.spill_off(k);
                asm!(self.ops ; mov [rbp + off], Rq(from));
            }
            other => panic!("{r} is not a general value: {other:?}"),
        }
    }

    pub fn xset(&mut self, r: Ref, from: u8) {
        match self.loc(r) {
            Loc::Xmm(x) if x == from => {}
            Loc::Xmm(x) => asm!(self.ops ; movaps Rx(x), Rx(from)),
            Loc::Spill(k) => {
                let off = self.spill_off(k);
                asm!(self.ops ; movsd [rbp + off], Rx(from));
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
            let off = self.save_off(r, float);
            if float {
                asm!(self.ops ; movsd [rbp + off], Rx(r));
            } else {
                asm!(self.ops ; mov [rbp + off], Rq(r));
            }
        }
        regs
    }

    pub fn restore_regs(&mut self, regs: &[(u8, bool)]) {
        for &(r, float) in regs {
            let off = self.save_off(r, float);
            if float {
                asm!(self.ops ; movsd Rx(r), [rbp + off]);
            } else {
                asm!(self.ops ; mov Rq(r), [rbp + off]);
            }
        }
    }

    /// Moves values into locations as if all at once (phi inputs): through the machine stack.
    pub fn parallel_move(&mut self, moves: &[(Ref, Ref)]) {
        let moves: Vec<(Loc, Loc)> = moves
            .iter()
            .map(|(from, to)| (self.loc(*from), self.loc(*to)))
            .filter(|(a, b)| a != b)
            .collect();
        for (from, _) in &moves {
            match *from {
                Loc::Gpr(g) => asm!(self.ops ; push Rq(g)),
                Loc::Xmm(x) => asm!(self.ops ; sub rsp, 8 ; movsd [rsp], Rx(x)),
                Loc::Spill(k) => {
                    let off = self.spill_off(k);
                    asm!(self.ops ; push QWORD [rbp + off]);
                }
                Loc::None => unreachable!("moving a void value"),
            }
        }
        for (_, to) in moves.iter().rev() {
            match *to {
                Loc::Gpr(g) => asm!(self.ops ; pop Rq(g)),
                Loc::Xmm(x) => asm!(self.ops ; movsd Rx(x), [rsp] ; add rsp, 8),
                Loc::Spill(k) => {
                    let off = self.spill_off(k);
                    asm!(self.ops ; pop QWORD [rbp + off]);
                }
                Loc::None => unreachable!("moving into a void value"),
            }
        }
    }

    /// Boxes `r` (of type `ty`) into rax (the `Box*` stencils and exit stubs).
    pub fn box_into_rax(&mut self, r: Ref, ty: Ty) {
        match ty {
            Ty::Float => {
                let x = self.xin(r, XMM0);
                asm!(self.ops
                    ; movq rax, Rx(x)
                    ; ucomisd Rx(x), Rx(x)
                    ; jnp >ok
                    ; mov rax, QWORD CANONICAL_NAN
                    ; ok:
                );
            }
            Ty::Int => {
                let g = self.gin(r, RAX);
                asm!(self.ops
                    ; mov rax, Rq(g)
                    ; shl rax, 16
                    ; shr rax, 16
                    ; mov r11, QWORD TAG_INT
                    ; or rax, r11
                );
            }
            Ty::Bool => {
                let g = self.gin(r, RAX);
                asm!(self.ops
                    ; mov rax, Rq(g)
                    ; mov r11, QWORD FALSE_BITS
                    ; or rax, r11
                );
            }
            Ty::Boxed => {
                let g = self.gin(r, RAX);
                if g != RAX {
                    asm!(self.ops ; mov rax, Rq(g));
                }
            }
            Ty::Void | Ty::Ptr => unreachable!("snapshot of a {ty:?} value"),
        }
    }

    /// Boxes the values snapshot `snap` names into the frame's slots (clobbers rax, r11).
    pub fn write_back(&mut self, snap: u32) {
        let slots = self.ir.snaps[snap as usize].slots.clone();
        for (slot, r) in slots {
            self.box_into_rax(r, self.ir.ty(r));
            let off = 8 * slot as i32;
            asm!(self.ops ; mov [r14 + off], rax);
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
        asm!(self.ops
            ; mov r11, QWORD cell as i64
            ; inc QWORD [r11 + TAKEN]
            ; mov rax, QWORD ret as i64
            ; mov rdx, [r11]
            ; jmp =>epilogue
        );
    }
}

/// Assembles an allocated trace.
pub fn assemble(ir: &TraceIr, alloc: &Allocation, link: Linkage) -> Result<Compiled, Abort> {
    let mut ops = VecAssembler::<X64Relocation>::new(0);
    let epilogue = ops.new_dynamic_label();
    let loop_label = ops.new_dynamic_label();
    let nspill = alloc.spill_slots as i32;
    // Spill slots + 32 save slots, padded so rsp stays 16-byte aligned at calls.
    let slots = nspill + 32 + if nspill % 2 == 0 { 1 } else { 0 };
    let locals_size = 8 * slots;
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
        unwind: None,
    };
    // The frame's CFI steps, each at the offset just after its instruction (exact everywhere).
    let mut steps: Vec<(u32, UnwindStep)> = Vec::new();
    asm!(a.ops ; push rbp);
    steps.push((a.offset(), UnwindStep::PushFramePointer));
    asm!(a.ops ; mov rbp, rsp);
    steps.push((a.offset(), UnwindStep::SetFramePointer));
    for (k, &r) in SAVED.iter().enumerate() {
        push_or_pop(&mut a.ops, r, true);
        steps.push((
            a.offset(),
            UnwindStep::SaveReg {
                reg: Reg::Gpr(r),
                cfa_offset: -(24 + 8 * k as i32),
            },
        ));
    }
    asm!(a.ops
        ; sub rsp, locals_size
        ; mov r14, rdi
        ; mov r15, rsi
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
        let off = std::mem::offset_of!(lucent_vm::vm::Vm, jit_unwind) as i32;
        asm!(a.ops
            ; =>l
            ; mov rax, [r15 + off]
            ; xor edx, edx
            ; jmp =>epilogue
        );
    }
    // The shared epilogue: rax = what to return, rdx = where to continue instead (0: return).
    // The arguments of a chained trace are ours (slots in r14, the VM in r15), moved to their
    // argument registers before the callee-saved registers are restored.
    asm!(a.ops
        ; =>epilogue
        ; mov rdi, r14
        ; mov rsi, r15
        ; lea rsp, [rbp - PUSHED]
    );
    for &r in SAVED.iter().rev() {
        push_or_pop(&mut a.ops, r, false);
        steps.push((a.offset(), UnwindStep::RestoreReg(Reg::Gpr(r))));
    }
    asm!(a.ops ; pop rbp);
    steps.push((a.offset(), UnwindStep::PopFramePointer));
    asm!(a.ops
        ; test rdx, rdx
        ; jnz >chain
        ; ret
        ; chain:
        ; jmp rdx
    );
    let pc_map = std::mem::take(&mut a.pc_map);
    let code = a
        .ops
        .finalize()
        .map_err(|_| Abort::Backend("unresolved label"))?;
    let frame = FrameDesc::from_steps(code.len() as u32, steps);
    Ok(Compiled {
        insn_len: code.len() as u32,
        code,
        pc_map,
        frame,
        prologue_end,
    })
}

/// `push`/`pop` of a saved register with static encodings: dynasm's dynamic-register form
/// always adds a REX prefix, a wasted byte for rbx.
fn push_or_pop(ops: &mut VecAssembler<X64Relocation>, r: u8, push: bool) {
    match (r, push) {
        (3, true) => asm!(ops ; push rbx),
        (3, false) => asm!(ops ; pop rbx),
        (r, true) => asm!(ops ; push Rq(r)),
        (r, false) => asm!(ops ; pop Rq(r)),
    }
}

/// x86 keeps instruction fetch coherent with stores: nothing to do after writing code.
pub fn flush_icache(_start: *const u8, _len: usize) {}
