//! Optimizer passes over the trace IR, run in this order by [`optimize`]:
//!
//! 1. [`fold`]: constant folding (arithmetic, comparisons, conversions on constants) and guards
//!    proven by constants.
//! 2. [`guards`]: type propagation — guards on values whose type is already proven (by an earlier
//!    guard, or by construction like a `BoxInt`'s result) are removed, as are unbox-of-box pairs.
//! 3. [`dce`]: dead-code elimination, and compaction: unused pure instructions disappear and
//!    constants move to the entry block (trace-level constants are materialized once, not per
//!    iteration).
//!
//! Unboxing itself happens in translation (values are typed from the start); these passes clean
//! up after it. Each pass has golden tests (`tests/opt_golden.rs`).

pub mod dce;
pub mod fold;
pub mod guards;

use crate::ir::{Ref, TraceIr};

/// A pass rewrites the IR in place.
pub type Pass = fn(&mut TraceIr);

/// The passes in order, with their names.
pub const PASSES: [(&str, Pass); 3] = [
    ("fold", fold::run),
    ("guards", guards::run),
    ("dce", dce::run),
];

/// Runs every pass.
pub fn optimize(ir: &mut TraceIr) {
    for (_, pass) in PASSES {
        pass(ir);
    }
}

/// Replaces every use of a value by another, following chains (`subst[i]` is the replacement of
/// `Ref(i)`, or itself).
pub(crate) fn substitute(ir: &mut TraceIr, subst: &[Ref]) {
    let find = |mut r: Ref| {
        while r != Ref::NONE && subst[r.index()] != r {
            r = subst[r.index()];
        }
        r
    };
    for insn in &mut ir.insns {
        insn.a = find(insn.a);
        insn.b = find(insn.b);
        insn.c = find(insn.c);
    }
    for snap in &mut ir.snaps {
        for (_, r) in &mut snap.slots {
            *r = find(*r);
        }
    }
}

/// Rebuilds `ir` with the instructions at `order` (indices into the current list, each at most
/// once; instructions left out must be unused), renumbering every reference.
pub(crate) fn reorder(ir: &mut TraceIr, order: &[usize]) {
    let mut new_index = vec![Ref::NONE; ir.insns.len()];
    for (k, &i) in order.iter().enumerate() {
        new_index[i] = Ref(k as u32);
    }
    let remap = |r: Ref| {
        if r == Ref::NONE {
            r
        } else {
            new_index[r.index()]
        }
    };
    let insns = order
        .iter()
        .map(|&i| {
            let mut insn = ir.insns[i];
            insn.a = remap(insn.a);
            insn.b = remap(insn.b);
            insn.c = remap(insn.c);
            insn
        })
        .collect();
    for snap in &mut ir.snaps {
        for (_, r) in &mut snap.slots {
            *r = remap(*r);
        }
    }
    ir.insns = insns;
}

/// The identity substitution for `ir`.
pub(crate) fn identity(ir: &TraceIr) -> Vec<Ref> {
    (0..ir.insns.len() as u32).map(Ref).collect()
}
