//! Type propagation: removes guards whose outcome is already proven and box/unbox round trips.

use std::collections::HashSet;

use crate::ir::{Ref, TraceIr, Ty, Uop, NO_SNAP};
use crate::opt::{identity, reorder, substitute};

/// The guard that `op`'s result always passes, for boxing instructions.
fn proves(op: Uop) -> Option<Uop> {
    match op {
        Uop::BoxInt => Some(Uop::GuardInt),
        Uop::BoxFloat => Some(Uop::GuardFloat),
        Uop::BoxBool => Some(Uop::GuardBool),
        _ => None,
    }
}

/// Turns guard `i`, proven to hold, into a `Nop` (removed by DCE).
fn drop_guard(ir: &mut TraceIr, i: usize) {
    let g = &mut ir.insns[i];
    g.op = Uop::Nop;
    g.a = Ref::NONE;
    g.snap = NO_SNAP;
}

/// The trace is linear, so an instruction dominates every later one: a fact established at
/// index `i` holds for all `j > i` (the back-edge re-enters at `Loop`, after the entry block,
/// and body facts are re-established each iteration before they are used again).
pub fn run(ir: &mut TraceIr) {
    let mut seen: HashSet<(u8, Ref)> = HashSet::new();
    let mut subst = identity(ir);
    let mut changed = false;
    let key = |op: Uop| -> Option<u8> {
        match op {
            Uop::GuardInt => Some(0),
            Uop::GuardFloat => Some(1),
            Uop::GuardBool => Some(2),
            Uop::GuardObj => Some(3),
            _ => None,
        }
    };
    for (i, slot) in subst.iter_mut().enumerate() {
        let insn = ir.insns[i];
        let operand = |r: Ref| {
            if r == Ref::NONE {
                None
            } else {
                Some(ir.insns[r.index()])
            }
        };
        // Guard already proven by construction or by an earlier guard on the same value.
        if let Some(k) = key(insn.op) {
            let def = operand(insn.a).expect("guard operand");
            if proves(def.op) == Some(insn.op) || !seen.insert((k, insn.a)) {
                drop_guard(ir, i);
                changed = true;
            }
            continue;
        }
        // unbox(box(x)) = x
        let round_trip = match insn.op {
            Uop::UnboxInt => Some(Uop::BoxInt),
            Uop::UnboxFloat => Some(Uop::BoxFloat),
            Uop::UnboxBool => Some(Uop::BoxBool),
            _ => None,
        };
        if let (Some(boxer), Some(def)) = (round_trip, operand(insn.a)) {
            if def.op == boxer && ir.insns[def.a.index()].ty != Ty::Void {
                *slot = def.a;
                changed = true;
            }
        }
    }
    if changed {
        substitute(ir, &subst);
    }
    hoist_invariant_guards(ir);
}

/// Type guards in the loop body on values defined before the loop test the same value every
/// iteration: they move to the end of the entry block and leave through the entry snapshot
/// (nothing has happened yet when they fail there).
fn hoist_invariant_guards(ir: &mut TraceIr) {
    let (Some(loop_start), true) = (ir.loop_start(), ir.entry_snap != NO_SNAP) else {
        return;
    };
    let hoist: Vec<usize> = (loop_start..ir.insns.len())
        .filter(|&i| {
            let insn = ir.insns[i];
            matches!(
                insn.op,
                Uop::GuardInt | Uop::GuardFloat | Uop::GuardBool | Uop::GuardObj | Uop::GuardIs(_)
            ) && insn.a.index() < loop_start
        })
        .collect();
    if hoist.is_empty() {
        return;
    }
    for &i in &hoist {
        ir.insns[i].snap = ir.entry_snap;
    }
    let order: Vec<usize> = (0..loop_start)
        .chain(hoist.iter().copied())
        .chain((loop_start..ir.insns.len()).filter(|i| !hoist.contains(i)))
        .collect();
    reorder(ir, &order);
}
