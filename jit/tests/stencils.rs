//! Encoder tests: every uop's stencil, assembled alone with its operands in registers, decoded
//! back by an independent disassembler (iced-x86). The decoded text must equal the golden file
//! `tests/golden/stencils.x86_64.txt` and contain no undecodable bytes.
//!
//! Bless: `LUCENT_BLESS=1 cargo test -p lucent-jit --test stencils`.

#![cfg(target_arch = "x86_64")]

use lucent_jit::backend::native::disassemble;
use lucent_jit::ir::{Helper, Insn, Ref, Snapshot, TraceIr, Ty, Uop, NO_SNAP};
use lucent_vm::code::CmpOp;

fn insn(op: Uop, args: &[Ref], ty: Ty, snap: u32) -> Insn {
    let arg = |i: usize| args.get(i).copied().unwrap_or(Ref::NONE);
    Insn {
        op,
        a: arg(0),
        b: arg(1),
        c: arg(2),
        ty,
        pc: 1,
        snap,
    }
}

/// A trace computing `op` on fresh operands of types `inputs`, keeping the result live through
/// an exit that boxes it (so the result's register is observable).
fn single(op: Uop, inputs: &[Ty], ty: Ty) -> TraceIr {
    let mut ir = TraceIr::default();
    let mut args = Vec::new();
    for (k, t) in inputs.iter().enumerate() {
        let r = match t {
            Ty::Float => ir.push(insn(Uop::Const(1.5f64.to_bits()), &[], Ty::Float, NO_SNAP)),
            _ => ir.push(insn(Uop::LoadSlot(k as u32), &[], *t, NO_SNAP)),
        };
        args.push(r);
    }
    ir.snaps.push(Snapshot {
        pc: 1,
        depth: 0,
        slots: args
            .iter()
            .enumerate()
            .map(|(k, r)| (k as u32, *r))
            .collect(),
    });
    let snap = if op.is_guard() { 0 } else { NO_SNAP };
    let r = ir.push(insn(op, &args, ty, snap));
    if ty != Ty::Void {
        ir.snaps.push(Snapshot {
            pc: 2,
            depth: 1,
            slots: vec![(9, r)],
        });
        let t = ir.push(insn(Uop::LoadSlot(8), &[], Ty::Bool, NO_SNAP));
        ir.push(insn(Uop::GuardTrue, &[t], Ty::Void, 1));
    }
    ir
}

fn cases() -> Vec<(&'static str, TraceIr)> {
    use Ty::*;
    let mut v: Vec<(&'static str, TraceIr)> = vec![
        ("LoadSlot", single(Uop::LoadSlot(3), &[], Boxed)),
        ("Const int", single(Uop::Const(42), &[], Int)),
        (
            "Const float",
            single(Uop::Const(2.5f64.to_bits()), &[], Float),
        ),
        ("GuardInt", single(Uop::GuardInt, &[Boxed], Void)),
        ("GuardFloat", single(Uop::GuardFloat, &[Boxed], Void)),
        ("GuardBool", single(Uop::GuardBool, &[Boxed], Void)),
        ("GuardObj", single(Uop::GuardObj, &[Boxed], Void)),
        (
            "GuardIs",
            single(Uop::GuardIs(0xFFFB_0000_0000_0000), &[Boxed], Void),
        ),
        ("GuardTrue", single(Uop::GuardTrue, &[Bool], Void)),
        ("GuardFalse", single(Uop::GuardFalse, &[Bool], Void)),
        ("UnboxInt", single(Uop::UnboxInt, &[Boxed], Int)),
        ("UnboxFloat", single(Uop::UnboxFloat, &[Boxed], Float)),
        ("UnboxBool", single(Uop::UnboxBool, &[Boxed], Bool)),
        ("BoxInt", single(Uop::BoxInt, &[Int], Boxed)),
        ("BoxFloat", single(Uop::BoxFloat, &[Float], Boxed)),
        ("BoxBool", single(Uop::BoxBool, &[Bool], Boxed)),
        ("AddInt", single(Uop::AddInt, &[Int, Int], Int)),
        ("SubInt", single(Uop::SubInt, &[Int, Int], Int)),
        ("MulInt", single(Uop::MulInt, &[Int, Int], Int)),
        ("FloorDivInt", single(Uop::FloorDivInt, &[Int, Int], Int)),
        ("ModInt", single(Uop::ModInt, &[Int, Int], Int)),
        ("NegInt", single(Uop::NegInt, &[Int], Int)),
        ("AndInt", single(Uop::AndInt, &[Int, Int], Int)),
        ("OrInt", single(Uop::OrInt, &[Int, Int], Int)),
        ("XorInt", single(Uop::XorInt, &[Int, Int], Int)),
        ("IntToFloat", single(Uop::IntToFloat, &[Int], Float)),
        ("AddFloat", single(Uop::AddFloat, &[Float, Float], Float)),
        ("SubFloat", single(Uop::SubFloat, &[Float, Float], Float)),
        ("MulFloat", single(Uop::MulFloat, &[Float, Float], Float)),
        ("DivFloat", single(Uop::DivFloat, &[Float, Float], Float)),
        ("NegFloat", single(Uop::NegFloat, &[Float], Float)),
        ("Is", single(Uop::Is, &[Boxed, Boxed], Bool)),
        ("IsNot", single(Uop::IsNot, &[Boxed, Boxed], Bool)),
        ("NotBool", single(Uop::NotBool, &[Bool], Bool)),
        (
            "Call",
            single(Uop::Call(Helper::ListGet, 7, 9), &[Boxed, Int], Boxed),
        ),
    ];
    for op in CmpOp::ALL {
        v.push(("CmpInt", single(Uop::CmpInt(op), &[Int, Int], Bool)));
        v.push(("CmpFloat", single(Uop::CmpFloat(op), &[Float, Float], Bool)));
    }
    // A comparison fused with the guard on its result, and a loop with a phi.
    let mut fused = TraceIr::default();
    let a = fused.push(insn(Uop::LoadSlot(0), &[], Ty::Int, NO_SNAP));
    let b = fused.push(insn(Uop::LoadSlot(1), &[], Ty::Int, NO_SNAP));
    fused.snaps.push(Snapshot {
        pc: 1,
        depth: 0,
        slots: vec![],
    });
    let c = fused.push(insn(Uop::CmpInt(CmpOp::Lt), &[a, b], Ty::Bool, NO_SNAP));
    fused.push(insn(Uop::GuardTrue, &[c], Ty::Void, 0));
    v.push(("CmpInt+GuardTrue (fused)", fused));
    let mut looped = TraceIr::default();
    let e = looped.push(insn(Uop::LoadSlot(0), &[], Ty::Int, NO_SNAP));
    let one = looped.push(insn(Uop::Const(1), &[], Ty::Int, NO_SNAP));
    looped.push(insn(Uop::Loop, &[], Ty::Void, NO_SNAP));
    let phi = looped.push(insn(Uop::Phi, &[e], Ty::Int, NO_SNAP));
    looped.snaps.push(Snapshot {
        pc: 1,
        depth: 0,
        slots: vec![(0, phi)],
    });
    let next = looped.push(insn(Uop::AddInt, &[phi, one], Ty::Int, 0));
    looped.insns[phi.index()].b = next;
    looped.push(insn(Uop::Jump, &[], Ty::Void, NO_SNAP));
    v.push(("Loop/Phi/Jump", looped));
    v
}

#[test]
fn every_stencil_decodes_as_golden() {
    let mut out = String::new();
    for (name, ir) in cases() {
        // A fixed cell address, so the golden text does not depend on where memory is.
        let link = lucent_jit::backend::Linkage {
            trace_id: 7,
            cells: 0x1000,
        };
        let code = lucent_jit::backend::compile(&ir, link)
            .expect("assembles")
            .code;
        let lines = disassemble(&code);
        assert!(
            lines.iter().all(|l| !l.contains("(bad)")),
            "{name}: undecodable bytes:\n{}",
            lines.join("\n")
        );
        out.push_str(&format!("== {name}\n{ir}"));
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    let out = lucent_jit::dump::mask_addresses(&out);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/stencils.x86_64.txt"
    );
    if std::env::var_os("LUCENT_BLESS").is_some() {
        std::fs::write(path, &out).expect("write golden");
        return;
    }
    let golden = std::fs::read_to_string(path).unwrap_or_default();
    if golden != out {
        let line = golden
            .lines()
            .zip(out.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "stencil encodings differ from {path} at line {} (expected {:?}, got {:?}); \
             LUCENT_BLESS=1 to accept",
            line + 1,
            golden.lines().nth(line),
            out.lines().nth(line)
        );
    }
}
