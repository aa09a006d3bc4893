//! One machine-code template ("stencil") per uop, with holes for registers, frame offsets,
//! immediates and exit labels that `dynasm` patches at assembly time: copy-and-patch in spirit.
//! The same templates as `../x86_64/stencils.rs`, in AArch64.
//!
//! Conventions: arithmetic computes in x16 (or d0) and then moves to the result's location, so
//! a template never overwrites an operand it has yet to read (an exit's snapshot may still need
//! it); guards branch *to* the exit stub when the recorded assumption fails, so the recorded path
//! falls through.

use lucent_vm::code::CmpOp;

use super::{asm, sign_extend_int, Asm, D0, D1, S0, S1, S2};
use crate::abort::Abort;
use crate::backend::layout::{FIRST_BOXED, TAG_BOOL_HI, TAG_INT_HI, TAG_OBJ_HI};
use crate::helpers;
use crate::ir::{Helper, Ref, Uop, RETURNED};
use crate::objects;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi};

/// Leaves through `snap` unless `r`'s tag (bits 63..48) is `tag`.
fn tag_guard(a: &mut Asm, r: Ref, tag: u16, snap: u32) {
    let g = a.gin(r, S0);
    let exit = a.exit(snap);
    asm!(a.ops
        ; lsr X(S0), X(g), 48
        ; movz X(S1), u32::from(tag)
        ; cmp X(S0), X(S1)
        ; b.ne =>exit
    );
}

/// Leaves through `snap` unless `reg` holds a small int (sign-extended from bit 47).
fn check_i48(a: &mut Asm, reg: u32, snap: u32) {
    let exit = a.exit(snap);
    sign_extend_int(&mut a.ops, S2, reg);
    asm!(a.ops
        ; cmp X(S2), X(reg)
        ; b.ne =>exit
    );
}

/// x16 = the object `src` (an object word) refers to: its payload, the `Obj`'s address.
fn untag(a: &mut Asm, src: u32) {
    asm!(a.ops ; and XSP(S0), X(src), 0x0000_ffff_ffff_ffff);
}

/// Leaves through `exit` unless the object at x16 has kind byte `kind` (`objects`), read into
/// `scratch`.
fn kind_is(a: &mut Asm, scratch: u32, kind: u8, exit: DynamicLabel) {
    asm!(a.ops
        ; ldrb W(scratch), [X(S0)]
        ; cmp WSP(scratch), u32::from(kind)
        ; b.ne =>exit
    );
}

/// x16 = the items pointer of the vector whose items pointer and length are at offsets `items`
/// and `len` from x16, leaving through `exit` unless it has more items than x8 says.
fn items_past(a: &mut Asm, items: u32, len: u32, exit: DynamicLabel) {
    asm!(a.ops
        ; ldr X(S1), [X(S0), len]
        ; cmp X(S1), X(S2)
        ; b.ls =>exit
        ; ldr X(S0), [X(S0), items]
    );
}

/// `cset X(d), cond` for an int comparison's condition (signed).
fn cset_int(a: &mut Asm, d: u32, op: CmpOp) {
    match op {
        CmpOp::Lt => asm!(a.ops ; cset X(d), lt),
        CmpOp::Le => asm!(a.ops ; cset X(d), le),
        CmpOp::Eq => asm!(a.ops ; cset X(d), eq),
        CmpOp::Ne => asm!(a.ops ; cset X(d), ne),
        CmpOp::Gt => asm!(a.ops ; cset X(d), gt),
        CmpOp::Ge => asm!(a.ops ; cset X(d), ge),
    }
}

/// Emits instruction `i`. Returns true when it also implemented instruction `i + 1` (a
/// comparison fused with the guard on its result).
pub(super) fn emit(a: &mut Asm, i: usize) -> Result<bool, Abort> {
    let insn = a.ir.insns[i];
    let me = Ref(i as u32);
    match insn.op {
        Uop::Nop | Uop::Phi => {}
        Uop::LoadSlot(n) => {
            let d = a.gdst(me);
            a.slot_access(d, n, true);
            a.gset(me, d);
        }
        Uop::Const(bits) => {
            if insn.ty.is_float() {
                let d = a.xdst(me);
                a.mov_imm(S0, bits);
                asm!(a.ops ; fmov D(d), X(S0));
                a.xset(me, d);
            } else {
                let d = a.gdst(me);
                a.mov_imm(d, bits);
                a.gset(me, d);
            }
        }
        Uop::GuardInt => tag_guard(a, insn.a, TAG_INT_HI, insn.snap),
        Uop::GuardBool => tag_guard(a, insn.a, TAG_BOOL_HI, insn.snap),
        Uop::GuardObj => tag_guard(a, insn.a, TAG_OBJ_HI, insn.snap),
        Uop::GuardFloat => {
            let g = a.gin(insn.a, S0);
            let exit = a.exit(insn.snap);
            a.mov_imm(S1, FIRST_BOXED as u64);
            asm!(a.ops
                ; cmp X(g), X(S1)
                ; b.hs =>exit
            );
        }
        Uop::GuardIs(bits) => {
            let g = a.gin(insn.a, S0);
            let exit = a.exit(insn.snap);
            a.mov_imm(S1, bits);
            asm!(a.ops
                ; cmp X(g), X(S1)
                ; b.ne =>exit
            );
        }
        Uop::GuardTrue | Uop::GuardFalse => {
            let g = a.gin(insn.a, S0);
            let exit = a.exit(insn.snap);
            if insn.op == Uop::GuardTrue {
                asm!(a.ops ; cbz X(g), =>exit);
            } else {
                asm!(a.ops ; cbnz X(g), =>exit);
            }
        }
        Uop::UnboxInt => {
            let s = a.gin(insn.a, S0);
            let d = a.gdst(me);
            sign_extend_int(&mut a.ops, d, s);
            a.gset(me, d);
        }
        Uop::LoadItem(n) => {
            // The translator keeps `n` within the scaled immediate's reach (`MAX_UNPACK`).
            let s = a.gin(insn.a, S0);
            let d = a.gdst(me);
            let off = 8 * n;
            asm!(a.ops ; ldr X(d), [X(s), off]);
            a.gset(me, d);
        }
        Uop::ListGet(items, len) | Uop::ListSet(items, len) => {
            // `objects::list_layout` keeps the offsets word-aligned and below 4 KiB: within
            // `ldr`'s scaled immediate.
            let (items, len) = (u32::from(items), u32::from(len));
            let list = a.gin(insn.a, S0);
            let index = a.gin(insn.b, S1);
            let exit = a.exit(insn.snap);
            // x16 = the object, x17 = the index, x8 = the length; a negative index counts from
            // the end, and one still negative then fails the unsigned bounds check.
            untag(a, list);
            asm!(a.ops ; mov X(S1), X(index));
            kind_is(a, S2, objects::LIST_KIND, exit);
            asm!(a.ops
                ; ldr X(S2), [X(S0), len]
                ; cmp XSP(S1), 0
                ; b.ge >counted
                ; add X(S1), X(S1), X(S2)
                ; counted:
                ; cmp X(S1), X(S2)
                ; b.hs =>exit
                ; ldr X(S0), [X(S0), items]
            );
            if matches!(insn.op, Uop::ListGet(..)) {
                asm!(a.ops ; ldr X(S0), [X(S0), X(S1), lsl 3]);
                a.gset(me, S0);
            } else {
                let v = a.gin(insn.c, S2);
                asm!(a.ops ; str X(v), [X(S0), X(S1), lsl 3]);
            }
        }
        Uop::LoadAttr(s) | Uop::StoreAttr(s) | Uop::MethodCheck(s) => {
            // `objects::instance_layout` keeps the offsets within the scaled immediates.
            let [shape, items, len, epoch] = s.at.map(u32::from);
            let obj = a.gin(insn.a, S0);
            let exit = a.exit(insn.snap);
            // x16 = the object (an instance), w17 = its shape (a method's receiver key: the
            // shape's low 30 bits).
            untag(a, obj);
            kind_is(a, S1, objects::INSTANCE_KIND, exit);
            asm!(a.ops ; ldr W(S1), [X(super::VM), epoch]);
            a.mov_imm(S2, u64::from(s.epoch));
            asm!(a.ops
                ; cmp W(S1), W(S2)
                ; b.ne =>exit
                ; ldr W(S1), [X(S0), shape]
            );
            if matches!(insn.op, Uop::MethodCheck(_)) {
                asm!(a.ops ; and WSP(S1), W(S1), 0x3fff_ffff);
            }
            a.mov_imm(S2, u64::from(s.shape));
            asm!(a.ops ; cmp W(S1), W(S2) ; b.ne =>exit);
            if !matches!(insn.op, Uop::MethodCheck(_)) {
                let at = 8 * s.slot;
                a.mov_imm(S2, u64::from(s.slot));
                items_past(a, items, len, exit);
                if matches!(insn.op, Uop::LoadAttr(_)) {
                    asm!(a.ops ; ldr X(S0), [X(S0), at]);
                    a.mov_imm(S1, helpers::EMPTY_BITS);
                    asm!(a.ops
                        ; cmp X(S0), X(S1)
                        ; b.eq =>exit
                    );
                    a.gset(me, S0);
                } else {
                    let v = a.gin(insn.b, S1);
                    asm!(a.ops ; str X(v), [X(S0), at]);
                }
            }
        }
        Uop::GlobalIs(g) => {
            let exit = a.exit(insn.snap);
            let (items, len) = (u32::from(g.items), u32::from(g.len));
            a.mov_imm(S0, g.values);
            a.mov_imm(S2, u64::from(g.slot));
            items_past(a, items, len, exit);
            asm!(a.ops ; ldr X(S0), [X(S0), X(S2), lsl 3]);
            a.mov_imm(S1, g.bits);
            asm!(a.ops ; cmp X(S0), X(S1) ; b.ne =>exit);
        }
        Uop::SeqItems(s) => {
            let [ti, tl] = s.tuple.map(u32::from);
            let [li, ll] = s.list.map(u32::from);
            let seq = a.gin(insn.a, S0);
            let exit = a.exit(insn.snap);
            a.mov_imm(S2, u64::from(s.n));
            untag(a, seq);
            asm!(a.ops
                ; ldrb W(S1), [X(S0)]
                ; cmp WSP(S1), u32::from(objects::TUPLE_KIND)
                ; b.ne >list
                ; ldr X(S1), [X(S0), tl]
                ; cmp X(S1), X(S2)
                ; b.ne =>exit
                ; ldr X(S0), [X(S0), ti]
                ; b >done
                ; list:
                ; cmp WSP(S1), u32::from(objects::LIST_KIND)
                ; b.ne =>exit
                ; ldr X(S1), [X(S0), ll]
                ; cmp X(S1), X(S2)
                ; b.ne =>exit
                ; ldr X(S0), [X(S0), li]
                ; done:
            );
            a.gset(me, S0);
        }
        Uop::VersionIs(addr, version) => {
            let exit = a.exit(insn.snap);
            a.mov_imm(S0, addr);
            a.mov_imm(S2, u64::from(version));
            asm!(a.ops
                ; ldr W(S1), [X(S0)]
                ; cmp W(S1), W(S2)
                ; b.ne =>exit
            );
        }
        Uop::UnboxFloat => {
            let s = a.gin(insn.a, S0);
            let d = a.xdst(me);
            asm!(a.ops ; fmov D(d), X(s));
            a.xset(me, d);
        }
        Uop::UnboxBool => {
            let s = a.gin(insn.a, S0);
            let d = a.gdst(me);
            asm!(a.ops ; and XSP(d), X(s), 1);
            a.gset(me, d);
        }
        Uop::BoxInt | Uop::BoxFloat | Uop::BoxBool => {
            a.box_into_s0(insn.a, a.ir.ty(insn.a));
            a.gset(me, S0);
        }
        Uop::AddInt | Uop::SubInt | Uop::MulInt | Uop::AndInt | Uop::OrInt | Uop::XorInt => {
            let x = a.gin(insn.a, S0);
            let y = a.gin(insn.b, S1);
            match insn.op {
                Uop::AddInt => asm!(a.ops ; add X(S0), X(x), X(y)),
                Uop::SubInt => asm!(a.ops ; sub X(S0), X(x), X(y)),
                Uop::MulInt => {
                    // The full product's high half must be the low half's sign extension.
                    let exit = a.exit(insn.snap);
                    asm!(a.ops
                        ; smulh X(S2), X(x), X(y)
                        ; mul X(S0), X(x), X(y)
                        ; cmp X(S2), X(S0), asr 63
                        ; b.ne =>exit
                    );
                }
                Uop::AndInt => asm!(a.ops ; and X(S0), X(x), X(y)),
                Uop::OrInt => asm!(a.ops ; orr X(S0), X(x), X(y)),
                _ => asm!(a.ops ; eor X(S0), X(x), X(y)),
            }
            if matches!(insn.op, Uop::AddInt | Uop::SubInt | Uop::MulInt) {
                check_i48(a, S0, insn.snap);
            }
            a.gset(me, S0);
        }
        Uop::NegInt => {
            let x = a.gin(insn.a, S0);
            asm!(a.ops ; neg X(S0), X(x));
            check_i48(a, S0, insn.snap);
            a.gset(me, S0);
        }
        Uop::FloorDivInt | Uop::ModInt => {
            // Python's floor division and modulo: truncating `sdiv` (q in x17, r in x16), then
            // adjusted toward negative infinity when the remainder's sign differs from the
            // divisor's.
            let y = a.gin(insn.b, S2);
            let exit = a.exit(insn.snap);
            asm!(a.ops ; cbz X(y), =>exit);
            let x = a.gin(insn.a, S0);
            asm!(a.ops
                ; sdiv X(S1), X(x), X(y)
                ; msub X(S0), X(S1), X(y), X(x)
                ; cbz X(S0), >done
                ; tbnz X(y), 63, >negative
                ; tbz X(S0), 63, >done
                ; b >adjust
                ; negative:
                ; tbnz X(S0), 63, >done
                ; adjust:
                ; sub XSP(S1), XSP(S1), 1
                ; add X(S0), X(S0), X(y)
                ; done:
            );
            if insn.op == Uop::FloorDivInt {
                check_i48(a, S1, insn.snap);
                a.gset(me, S1);
            } else {
                a.gset(me, S0);
            }
        }
        Uop::IntToFloat => {
            let s = a.gin(insn.a, S0);
            let d = a.xdst(me);
            asm!(a.ops ; scvtf D(d), X(s));
            a.xset(me, d);
        }
        Uop::AddFloat | Uop::SubFloat | Uop::MulFloat | Uop::DivFloat => {
            let y = a.xin(insn.b, D1);
            if insn.op == Uop::DivFloat {
                // ±0.0 is the only divisor with all bits but the sign clear.
                let exit = a.exit(insn.snap);
                asm!(a.ops
                    ; fmov X(S1), D(y)
                    ; lsl X(S1), X(S1), 1
                    ; cbz X(S1), =>exit
                );
            }
            let x = a.xin(insn.a, D0);
            match insn.op {
                Uop::AddFloat => asm!(a.ops ; fadd D(D0), D(x), D(y)),
                Uop::SubFloat => asm!(a.ops ; fsub D(D0), D(x), D(y)),
                Uop::MulFloat => asm!(a.ops ; fmul D(D0), D(x), D(y)),
                _ => asm!(a.ops ; fdiv D(D0), D(x), D(y)),
            }
            a.xset(me, D0);
        }
        Uop::NegFloat => {
            let x = a.xin(insn.a, D0);
            asm!(a.ops ; fneg D(D0), D(x));
            a.xset(me, D0);
        }
        Uop::CmpInt(op) => {
            let x = a.gin(insn.a, S0);
            let y = a.gin(insn.b, S1);
            asm!(a.ops ; cmp X(x), X(y));
            if let Some((cond, snap)) = crate::backend::fused_exit(a.ir, a.alloc, i, op) {
                let exit = a.exit(snap);
                match cond {
                    CmpOp::Lt => asm!(a.ops ; b.lt =>exit),
                    CmpOp::Le => asm!(a.ops ; b.le =>exit),
                    CmpOp::Eq => asm!(a.ops ; b.eq =>exit),
                    CmpOp::Ne => asm!(a.ops ; b.ne =>exit),
                    CmpOp::Gt => asm!(a.ops ; b.gt =>exit),
                    CmpOp::Ge => asm!(a.ops ; b.ge =>exit),
                }
                return Ok(true);
            }
            cset_int(a, S0, op);
            a.gset(me, S0);
        }
        Uop::CmpFloat(op) => {
            let x = a.xin(insn.a, D0);
            let y = a.xin(insn.b, D1);
            // After `fcmp`, an unordered pair (NaN) sets C and V: `mi`, `ls`, `gt`, `ge` and
            // `eq` are then false and `ne` true, which is Python's answer for NaN.
            asm!(a.ops ; fcmp D(x), D(y));
            match op {
                CmpOp::Lt => asm!(a.ops ; cset X(S0), mi),
                CmpOp::Le => asm!(a.ops ; cset X(S0), ls),
                CmpOp::Gt => asm!(a.ops ; cset X(S0), gt),
                CmpOp::Ge => asm!(a.ops ; cset X(S0), ge),
                CmpOp::Eq => asm!(a.ops ; cset X(S0), eq),
                CmpOp::Ne => asm!(a.ops ; cset X(S0), ne),
            }
            a.gset(me, S0);
        }
        Uop::Is | Uop::IsNot => {
            let x = a.gin(insn.a, S0);
            let y = a.gin(insn.b, S1);
            asm!(a.ops ; cmp X(x), X(y));
            let op = if insn.op == Uop::Is {
                CmpOp::Eq
            } else {
                CmpOp::Ne
            };
            cset_int(a, S0, op);
            a.gset(me, S0);
        }
        Uop::NotBool => {
            let x = a.gin(insn.a, S0);
            asm!(a.ops ; eor XSP(S0), X(x), 1);
            a.gset(me, S0);
        }
        Uop::Call(helper, imm, imm2) => {
            if helper == Helper::CallTrace {
                // The callee's frame is made of this one's slots, and the interpreter may take
                // over at any level: the frame goes to memory first.
                a.write_back(insn.snap);
            }
            let saved = a.save_regs(i);
            // `helper(vm, a, b, c, imm, imm2)`: the operands live in allocatable registers or
            // spill slots, never in x0..x5, so each moves straight to its argument register.
            for (arg, r) in [(1u32, insn.a), (2, insn.b), (3, insn.c)] {
                if r == Ref::NONE {
                    asm!(a.ops ; movz X(arg), 0);
                } else {
                    let g = a.gin(r, arg);
                    if g != arg {
                        asm!(a.ops ; mov X(arg), X(g));
                    }
                }
            }
            asm!(a.ops ; mov x0, X(super::VM));
            a.mov_imm(4, imm);
            a.mov_imm(5, imm2);
            a.mov_imm(S0, helpers::address(helper) as u64);
            asm!(a.ops ; blr X(S0));
            a.restore_regs(&saved);
            let exit = a.exit(insn.snap);
            a.mov_imm(S1, helpers::EMPTY_BITS);
            asm!(a.ops
                ; cmp x0, X(S1)
                ; b.eq =>exit
            );
            if helper == Helper::CallTrace {
                let unwind = a.unwind();
                a.mov_imm(S1, helpers::UNWIND_BITS);
                asm!(a.ops
                    ; cmp x0, X(S1)
                    ; b.eq =>unwind
                );
            }
            a.gset(me, 0);
        }
        Uop::Return => {
            a.box_into_s0(insn.a, a.ir.ty(insn.a));
            a.mov_imm(2, RETURNED);
            let epilogue = a.epilogue;
            asm!(a.ops
                ; stur X(S0), [X(super::SLOTS), -8]
                ; movz X(S1), 0
                ; b =>epilogue
            );
        }
        Uop::Loop => {
            let moves = crate::backend::phi_moves(a.ir, i, false);
            a.parallel_move(&moves);
            let l = a.loop_label;
            asm!(a.ops ; =>l);
        }
        Uop::Jump => {
            let moves = crate::backend::phi_moves(a.ir, i, true);
            a.parallel_move(&moves);
            let l = a.loop_label;
            asm!(a.ops ; b =>l);
        }
        Uop::Exit => {
            let exit = a.exit(insn.snap);
            asm!(a.ops ; b =>exit);
        }
    }
    Ok(false)
}
