//! Dead-code elimination and compaction (constants hoisted to the entry block).

use crate::ir::{Insn, Ref, TraceIr, Uop};
use crate::opt::reorder;

pub fn run(ir: &mut TraceIr) {
    let n = ir.insns.len();
    let mut live = vec![false; n];
    let mark = |live: &mut Vec<bool>, r: Ref| {
        if r != Ref::NONE {
            live[r.index()] = true;
        }
    };
    for insn in &ir.insns {
        if insn.op == Uop::Phi {
            mark(&mut live, insn.a);
            mark(&mut live, insn.b);
        }
    }
    for i in (0..n).rev() {
        let insn = ir.insns[i];
        let keep = live[i] || (!insn.op.is_pure() && insn.op != Uop::Nop);
        if !keep {
            continue;
        }
        live[i] = true;
        for r in insn.args() {
            mark(&mut live, r);
        }
        if insn.snap != crate::ir::NO_SNAP {
            for (_, r) in ir.snaps[insn.snap as usize].slots.clone() {
                mark(&mut live, r);
            }
        }
    }
    // New order: live constants first, then everything else live in order.
    let is_const = |i: &Insn| matches!(i.op, Uop::Const(_));
    let order: Vec<usize> = (0..n)
        .filter(|&i| live[i] && is_const(&ir.insns[i]))
        .chain((0..n).filter(|&i| live[i] && !is_const(&ir.insns[i])))
        .collect();
    reorder(ir, &order);
}
