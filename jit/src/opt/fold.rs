//! Constant folding.

use lucent_vm::code::CmpOp;
use lucent_vm::value::{SMALL_INT_MAX, SMALL_INT_MIN, TAG_OBJ};

use crate::ir::{Ref, TraceIr, Ty, Uop, NO_SNAP};

/// `op` on two floats: IEEE semantics, so every comparison with a NaN is false but `!=`.
fn cmp_float(op: CmpOp, x: f64, y: f64) -> bool {
    x.partial_cmp(&y).map_or(op == CmpOp::Ne, |o| op.test(o))
}

/// Folds instructions whose operands are all constants, in place: a folded instruction becomes
/// a `Const` (or a `Nop` for a guard that always holds). Guards that would always fail are kept:
/// the trace then always leaves there, which is correct.
pub fn run(ir: &mut TraceIr) {
    for i in 0..ir.insns.len() {
        let insn = ir.insns[i];
        let konst = |r: Ref| -> Option<u64> {
            if r == Ref::NONE {
                return None;
            }
            match ir.insns[r.index()].op {
                Uop::Const(bits) => Some(bits),
                _ => None,
            }
        };
        let (a, b) = (konst(insn.a), konst(insn.b));
        let boxed_a = insn.a != Ref::NONE && ir.insns[insn.a.index()].ty == Ty::Boxed;
        let int = |v: i64| {
            (SMALL_INT_MIN..=SMALL_INT_MAX)
                .contains(&v)
                .then_some(v as u64)
        };
        let f = f64::from_bits;
        let folded: Option<(Uop, Ty)> = match (insn.op, a, b) {
            (Uop::AddInt, Some(x), Some(y)) => {
                int((x as i64) + (y as i64)).map(|v| (Uop::Const(v), Ty::Int))
            }
            (Uop::SubInt, Some(x), Some(y)) => {
                int((x as i64) - (y as i64)).map(|v| (Uop::Const(v), Ty::Int))
            }
            (Uop::MulInt, Some(x), Some(y)) => (x as i64)
                .checked_mul(y as i64)
                .and_then(int)
                .map(|v| (Uop::Const(v), Ty::Int)),
            (Uop::AndInt, Some(x), Some(y)) => Some((Uop::Const(x & y), Ty::Int)),
            (Uop::OrInt, Some(x), Some(y)) => Some((Uop::Const(x | y), Ty::Int)),
            (Uop::XorInt, Some(x), Some(y)) => Some((Uop::Const(x ^ y), Ty::Int)),
            (Uop::IntToFloat, Some(x), _) => {
                Some((Uop::Const((x as i64 as f64).to_bits()), Ty::Float))
            }
            (Uop::AddFloat, Some(x), Some(y)) => {
                Some((Uop::Const((f(x) + f(y)).to_bits()), Ty::Float))
            }
            (Uop::SubFloat, Some(x), Some(y)) => {
                Some((Uop::Const((f(x) - f(y)).to_bits()), Ty::Float))
            }
            (Uop::MulFloat, Some(x), Some(y)) => {
                Some((Uop::Const((f(x) * f(y)).to_bits()), Ty::Float))
            }
            (Uop::CmpInt(op), Some(x), Some(y)) => Some((
                Uop::Const(op.test((x as i64).cmp(&(y as i64))) as u64),
                Ty::Bool,
            )),
            (Uop::CmpFloat(op), Some(x), Some(y)) => {
                Some((Uop::Const(cmp_float(op, f(x), f(y)) as u64), Ty::Bool))
            }
            (Uop::NotBool, Some(x), _) => Some((Uop::Const(x ^ 1), Ty::Bool)),
            (Uop::GuardTrue, Some(1), _) | (Uop::GuardFalse, Some(0), _) => {
                Some((Uop::Nop, Ty::Void))
            }
            // A guard on a boxed constant (a global the trace embeds, a cached method) holds
            // when the recording saw that same value.
            (Uop::GuardIs(want), Some(x), _) if boxed_a && x == want => Some((Uop::Nop, Ty::Void)),
            (Uop::GuardObj, Some(x), _) if boxed_a && x >> 48 == TAG_OBJ => {
                Some((Uop::Nop, Ty::Void))
            }
            _ => None,
        };
        if let Some((op, ty)) = folded {
            let insn = &mut ir.insns[i];
            insn.op = op;
            insn.ty = ty;
            insn.a = Ref::NONE;
            insn.b = Ref::NONE;
            insn.c = Ref::NONE;
            insn.snap = NO_SNAP;
        }
    }
}
