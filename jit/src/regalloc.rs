//! Linear-scan register allocation over the trace.
//!
//! Live intervals are instruction index ranges `[def, last use]`, where uses include snapshot
//! entries (an exit must be able to box the value) and phi back-edge operands. Values defined
//! before `Loop` and used after it, phis, and phi back-edge operands live until the back-edge:
//! the loop runs them again. Intervals are visited in order of definition; when a class runs out
//! of registers, the interval ending last is spilled to a frame slot (Poletto & Sarkar).
//!
//! Calls clobber caller-saved registers; the backend saves the live ones around each call, so
//! the allocator need not know (it prefers callee-saved registers for intervals spanning calls).

use crate::ir::{TraceIr, Ty, Uop, NO_SNAP};

/// Where a value lives.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Loc {
    None,
    Gpr(u8),
    Xmm(u8),
    /// Frame spill slot index.
    Spill(u32),
}

/// Registers the backend offers, in order of preference.
#[derive(Debug, Clone, Copy)]
pub struct RegSet {
    /// General registers preserved across calls, then the others.
    pub callee_saved: &'static [u8],
    pub caller_saved: &'static [u8],
    pub floats: &'static [u8],
}

/// The result: a location per instruction, and how many spill slots were used.
#[derive(Debug, Clone)]
pub struct Allocation {
    pub locs: Vec<Loc>,
    pub spill_slots: u32,
    /// Live interval end of each value (the backend saves registers live across calls).
    pub ends: Vec<usize>,
}

/// Computes live interval ends.
pub fn interval_ends(ir: &TraceIr) -> Vec<usize> {
    let n = ir.insns.len();
    let last = n.saturating_sub(1);
    let mut end: Vec<usize> = (0..n).collect();
    let loop_start = ir.loop_start().unwrap_or(0);
    let use_at = |end: &mut Vec<usize>, r: crate::ir::Ref, at: usize| {
        if r != crate::ir::Ref::NONE {
            let d = r.index();
            let at = if d < loop_start && at >= loop_start {
                last
            } else {
                at
            };
            end[d] = end[d].max(at);
        }
    };
    for (i, insn) in ir.insns.iter().enumerate() {
        if insn.op == Uop::Phi {
            // The entry value moves into the phi's location just before `Loop`.
            end[insn.a.index()] = end[insn.a.index()].max(loop_start);
            if insn.b != crate::ir::Ref::NONE {
                end[insn.b.index()] = last;
            }
            end[i] = last;
            continue;
        }
        for r in insn.args() {
            use_at(&mut end, r, i);
        }
        if insn.snap != NO_SNAP {
            for (_, r) in &ir.snaps[insn.snap as usize].slots {
                use_at(&mut end, *r, i);
            }
        }
    }
    end
}

pub fn allocate(ir: &TraceIr, regs: &RegSet) -> Allocation {
    let n = ir.insns.len();
    let ends = interval_ends(ir);
    let calls: Vec<usize> = (0..n).filter(|&i| ir.insns[i].op.is_call()).collect();
    let spans_call = |i: usize| calls.iter().any(|&c| c > i && c < ends[i]);
    let mut locs = vec![Loc::None; n];
    let mut spill_slots = 0u32;
    // Active intervals per class: (end, value index, register).
    let mut active_g: Vec<(usize, usize, u8)> = Vec::new();
    let mut active_x: Vec<(usize, usize, u8)> = Vec::new();
    for i in 0..n {
        let ty = ir.insns[i].ty;
        if ty == Ty::Void {
            continue;
        }
        active_g.retain(|&(e, _, _)| e >= i);
        active_x.retain(|&(e, _, _)| e >= i);
        let (active, pool): (&mut Vec<(usize, usize, u8)>, Vec<u8>) = if ty.is_float() {
            (&mut active_x, regs.floats.to_vec())
        } else if spans_call(i) {
            let mut p = regs.callee_saved.to_vec();
            p.extend_from_slice(regs.caller_saved);
            (&mut active_g, p)
        } else {
            let mut p = regs.caller_saved.to_vec();
            p.extend_from_slice(regs.callee_saved);
            (&mut active_g, p)
        };
        let free = pool
            .iter()
            .copied()
            .find(|r| !active.iter().any(|a| a.2 == *r));
        let make = |r: u8| {
            if ty.is_float() {
                Loc::Xmm(r)
            } else {
                Loc::Gpr(r)
            }
        };
        match free {
            Some(r) => {
                locs[i] = make(r);
                active.push((ends[i], i, r));
            }
            None => {
                // Spill whichever of the active intervals and this one ends last.
                let (k, &(e, v, r)) = active
                    .iter()
                    .enumerate()
                    .max_by_key(|(_, a)| a.0)
                    .expect("a full pool has active intervals");
                if e > ends[i] {
                    locs[v] = Loc::Spill(spill_slots);
                    spill_slots += 1;
                    locs[i] = make(r);
                    active[k] = (ends[i], i, r);
                } else {
                    locs[i] = Loc::Spill(spill_slots);
                    spill_slots += 1;
                }
            }
        }
    }
    Allocation {
        locs,
        spill_slots,
        ends,
    }
}
