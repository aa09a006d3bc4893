//! One machine-code template ("stencil") per uop, with holes for registers, frame offsets,
//! immediates and exit labels that `dynasm` patches at assembly time: copy-and-patch in spirit.
//!
//! Conventions: arithmetic computes in rax (or xmm0) and then moves to the result's location, so
//! a template never overwrites an operand it has yet to read; guards branch *to* the exit stub
//! when the recorded assumption fails, so the recorded path falls through.

use lucent_vm::code::CmpOp;

use super::{asm, Asm};
use crate::abort::Abort;
use crate::backend::layout::{FIRST_BOXED, SIGN_BIT, TAG_BOOL_HI, TAG_INT_HI, TAG_OBJ_HI};
use crate::helpers;
use crate::ir::{Helper, Ref, Uop, RETURNED};
use crate::objects;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi};

const RAX: u8 = 0;
const R11: u8 = 11;
const XMM0: u8 = 0;
const XMM1: u8 = 1;

/// Leaves through `snap` unless rax's tag (bits 63..48) is `tag`.
fn tag_guard(a: &mut Asm, r: Ref, tag: u16, snap: u32) {
    let g = a.gin(r, RAX);
    let exit = a.exit(snap);
    asm!(a.ops
        ; mov rax, Rq(g)
        ; shr rax, 48
        ; cmp eax, i32::from(tag)
        ; jne =>exit
    );
}

/// Leaves through `snap` unless rax holds a small int (sign-extended from bit 47).
fn check_i48(a: &mut Asm, snap: u32) {
    let exit = a.exit(snap);
    asm!(a.ops
        ; mov r11, rax
        ; shl r11, 16
        ; sar r11, 16
        ; cmp r11, rax
        ; jne =>exit
    );
}

/// rax = the object `src` (an object word) refers to: its payload, the `Obj`'s address.
fn untag(a: &mut Asm, src: u8) {
    asm!(a.ops
        ; mov rax, Rq(src)
        ; shl rax, 16
        ; shr rax, 16
    );
}

/// Leaves through `exit` unless the object at rax has kind byte `kind` (`objects`).
fn kind_is(a: &mut Asm, kind: u8, exit: DynamicLabel) {
    asm!(a.ops
        ; cmp BYTE [rax], kind as i8
        ; jne =>exit
    );
}

/// rax = the items pointer of the vector whose items pointer and length are at offsets `items`
/// and `len` from rax, leaving through `exit` unless it has more than `slot` items.
fn items_past(a: &mut Asm, items: i32, len: i32, slot: u32, exit: DynamicLabel) {
    asm!(a.ops
        ; cmp QWORD [rax + len], slot as i32
        ; jbe =>exit
        ; mov rax, [rax + items]
    );
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
            let off = 8 * n as i32;
            asm!(a.ops ; mov Rq(d), [r14 + off]);
            a.gset(me, d);
        }
        Uop::Const(bits) => {
            if insn.ty.is_float() {
                let d = a.xdst(me);
                asm!(a.ops ; mov rax, QWORD bits as i64 ; movq Rx(d), rax);
                a.xset(me, d);
            } else {
                let d = a.gdst(me);
                asm!(a.ops ; mov Rq(d), QWORD bits as i64);
                a.gset(me, d);
            }
        }
        Uop::GuardInt => tag_guard(a, insn.a, TAG_INT_HI, insn.snap),
        Uop::GuardBool => tag_guard(a, insn.a, TAG_BOOL_HI, insn.snap),
        Uop::GuardObj => tag_guard(a, insn.a, TAG_OBJ_HI, insn.snap),
        Uop::GuardFloat => {
            let g = a.gin(insn.a, RAX);
            let exit = a.exit(insn.snap);
            asm!(a.ops
                ; mov r11, QWORD FIRST_BOXED
                ; cmp Rq(g), r11
                ; jae =>exit
            );
        }
        Uop::GuardIs(bits) => {
            let g = a.gin(insn.a, RAX);
            let exit = a.exit(insn.snap);
            asm!(a.ops
                ; mov r11, QWORD bits as i64
                ; cmp Rq(g), r11
                ; jne =>exit
            );
        }
        Uop::GuardTrue | Uop::GuardFalse => {
            let g = a.gin(insn.a, RAX);
            let exit = a.exit(insn.snap);
            asm!(a.ops ; test Rq(g), Rq(g));
            if insn.op == Uop::GuardTrue {
                asm!(a.ops ; jz =>exit);
            } else {
                asm!(a.ops ; jnz =>exit);
            }
        }
        Uop::UnboxInt => {
            let s = a.gin(insn.a, RAX);
            let d = a.gdst(me);
            asm!(a.ops ; mov Rq(d), Rq(s) ; shl Rq(d), 16 ; sar Rq(d), 16);
            a.gset(me, d);
        }
        Uop::LoadItem(n) => {
            let s = a.gin(insn.a, RAX);
            let d = a.gdst(me);
            let off = 8 * n as i32;
            asm!(a.ops ; mov Rq(d), [Rq(s) + off]);
            a.gset(me, d);
        }
        Uop::ListGet(items, len) | Uop::ListSet(items, len) => {
            let (items, len) = (i32::from(items), i32::from(len));
            let list = a.gin(insn.a, RAX);
            let index = a.gin(insn.b, R11);
            let exit = a.exit(insn.snap);
            // rdx = the index, rax = the object, r11 = its length; a negative index counts from
            // the end, and one still negative then fails the unsigned bounds check.
            asm!(a.ops ; mov rdx, Rq(index));
            untag(a, list);
            kind_is(a, objects::LIST_KIND, exit);
            asm!(a.ops
                ; mov r11, [rax + len]
                ; test rdx, rdx
                ; jns >counted
                ; add rdx, r11
                ; counted:
                ; cmp rdx, r11
                ; jae =>exit
                ; mov rax, [rax + items]
            );
            if matches!(insn.op, Uop::ListGet(..)) {
                asm!(a.ops ; mov rax, [rax + rdx * 8]);
                a.gset(me, RAX);
            } else {
                let v = a.gin(insn.c, R11);
                asm!(a.ops ; mov [rax + rdx * 8], Rq(v));
            }
        }
        Uop::LoadAttr(s) | Uop::StoreAttr(s) | Uop::MethodCheck(s) => {
            let [shape, items, len, epoch] = s.at.map(i32::from);
            let obj = a.gin(insn.a, RAX);
            let exit = a.exit(insn.snap);
            // rax = the object (an instance), r11d = its shape (a method's receiver key: the
            // shape's low 30 bits); r15 is the VM.
            untag(a, obj);
            kind_is(a, objects::INSTANCE_KIND, exit);
            asm!(a.ops
                ; cmp DWORD [r15 + epoch], s.epoch as i32
                ; jne =>exit
                ; mov r11d, DWORD [rax + shape]
            );
            if matches!(insn.op, Uop::MethodCheck(_)) {
                asm!(a.ops ; and r11d, 0x3fff_ffff);
            }
            asm!(a.ops ; cmp r11d, s.shape as i32 ; jne =>exit);
            if !matches!(insn.op, Uop::MethodCheck(_)) {
                let at = 8 * s.slot as i32;
                items_past(a, items, len, s.slot, exit);
                if matches!(insn.op, Uop::LoadAttr(_)) {
                    asm!(a.ops
                        ; mov rax, [rax + at]
                        ; mov r11, QWORD helpers::EMPTY_BITS as i64
                        ; cmp rax, r11
                        ; je =>exit
                    );
                    a.gset(me, RAX);
                } else {
                    let v = a.gin(insn.b, R11);
                    asm!(a.ops ; mov [rax + at], Rq(v));
                }
            }
        }
        Uop::GlobalIs(g) => {
            let exit = a.exit(insn.snap);
            let (items, len, at) = (i32::from(g.items), i32::from(g.len), 8 * g.slot as i32);
            asm!(a.ops ; mov rax, QWORD g.values as i64);
            items_past(a, items, len, g.slot, exit);
            asm!(a.ops
                ; mov r11, QWORD g.bits as i64
                ; cmp [rax + at], r11
                ; jne =>exit
            );
        }
        Uop::SeqItems(s) => {
            let [ti, tl] = s.tuple.map(i32::from);
            let [li, ll] = s.list.map(i32::from);
            let seq = a.gin(insn.a, RAX);
            let exit = a.exit(insn.snap);
            untag(a, seq);
            asm!(a.ops
                ; cmp BYTE [rax], objects::TUPLE_KIND as i8
                ; jne >list
                ; cmp QWORD [rax + tl], s.n as i32
                ; jne =>exit
                ; mov rax, [rax + ti]
                ; jmp >done
                ; list:
                ; cmp BYTE [rax], objects::LIST_KIND as i8
                ; jne =>exit
                ; cmp QWORD [rax + ll], s.n as i32
                ; jne =>exit
                ; mov rax, [rax + li]
                ; done:
            );
            a.gset(me, RAX);
        }
        Uop::VersionIs(addr, version) => {
            let exit = a.exit(insn.snap);
            asm!(a.ops
                ; mov rax, QWORD addr as i64
                ; cmp DWORD [rax], version as i32
                ; jne =>exit
            );
        }
        Uop::UnboxFloat => {
            let s = a.gin(insn.a, RAX);
            let d = a.xdst(me);
            asm!(a.ops ; movq Rx(d), Rq(s));
            a.xset(me, d);
        }
        Uop::UnboxBool => {
            let s = a.gin(insn.a, RAX);
            let d = a.gdst(me);
            asm!(a.ops ; mov Rq(d), Rq(s) ; and Rq(d), 1);
            a.gset(me, d);
        }
        Uop::BoxInt | Uop::BoxFloat | Uop::BoxBool => {
            a.box_into_rax(insn.a, a.ir.ty(insn.a));
            a.gset(me, RAX);
        }
        Uop::AddInt | Uop::SubInt | Uop::MulInt | Uop::AndInt | Uop::OrInt | Uop::XorInt => {
            let x = a.gin(insn.a, RAX);
            let y = a.gin(insn.b, R11);
            if x != RAX {
                asm!(a.ops ; mov rax, Rq(x));
            }
            match insn.op {
                Uop::AddInt => asm!(a.ops ; add rax, Rq(y)),
                Uop::SubInt => asm!(a.ops ; sub rax, Rq(y)),
                Uop::MulInt => {
                    let exit = a.exit(insn.snap);
                    asm!(a.ops ; imul rax, Rq(y) ; jo =>exit);
                }
                Uop::AndInt => asm!(a.ops ; and rax, Rq(y)),
                Uop::OrInt => asm!(a.ops ; or rax, Rq(y)),
                _ => asm!(a.ops ; xor rax, Rq(y)),
            }
            if matches!(insn.op, Uop::AddInt | Uop::SubInt | Uop::MulInt) {
                check_i48(a, insn.snap);
            }
            a.gset(me, RAX);
        }
        Uop::NegInt => {
            let x = a.gin(insn.a, RAX);
            asm!(a.ops ; mov rax, Rq(x) ; neg rax);
            check_i48(a, insn.snap);
            a.gset(me, RAX);
        }
        Uop::FloorDivInt | Uop::ModInt => {
            // Python's floor division and modulo: truncating `idiv`, then adjusted toward
            // negative infinity when the remainder's sign differs from the divisor's.
            let y = a.gin(insn.b, R11);
            let exit = a.exit(insn.snap);
            asm!(a.ops ; test Rq(y), Rq(y) ; jz =>exit);
            let x = a.gin(insn.a, RAX);
            if x != RAX {
                asm!(a.ops ; mov rax, Rq(x));
            }
            asm!(a.ops
                ; cqo
                ; idiv Rq(y)
                ; test rdx, rdx
                ; jz >done
                ; xor rdx, Rq(y)
                ; js >adjust
                ; xor rdx, Rq(y)
                ; jmp >done
                ; adjust:
                ; xor rdx, Rq(y)
                ; dec rax
                ; add rdx, Rq(y)
                ; done:
            );
            if insn.op == Uop::FloorDivInt {
                check_i48(a, insn.snap);
                a.gset(me, RAX);
            } else {
                a.gset(me, 2);
            }
        }
        Uop::IntToFloat => {
            let s = a.gin(insn.a, RAX);
            let d = a.xdst(me);
            asm!(a.ops ; cvtsi2sd Rx(d), Rq(s));
            a.xset(me, d);
        }
        Uop::AddFloat | Uop::SubFloat | Uop::MulFloat | Uop::DivFloat => {
            let y = a.xin(insn.b, XMM1);
            if insn.op == Uop::DivFloat {
                // ±0.0 is the only divisor with all bits but the sign clear.
                let exit = a.exit(insn.snap);
                asm!(a.ops ; movq r11, Rx(y) ; shl r11, 1 ; jz =>exit);
            }
            let x = a.xin(insn.a, XMM0);
            if x != XMM0 {
                asm!(a.ops ; movaps xmm0, Rx(x));
            }
            match insn.op {
                Uop::AddFloat => asm!(a.ops ; addsd xmm0, Rx(y)),
                Uop::SubFloat => asm!(a.ops ; subsd xmm0, Rx(y)),
                Uop::MulFloat => asm!(a.ops ; mulsd xmm0, Rx(y)),
                _ => asm!(a.ops ; divsd xmm0, Rx(y)),
            }
            a.xset(me, XMM0);
        }
        Uop::NegFloat => {
            let x = a.xin(insn.a, XMM0);
            if x != XMM0 {
                asm!(a.ops ; movaps xmm0, Rx(x));
            }
            asm!(a.ops ; mov r11, QWORD SIGN_BIT ; movq xmm1, r11 ; xorpd xmm0, xmm1);
            a.xset(me, XMM0);
        }
        Uop::CmpInt(op) => {
            let x = a.gin(insn.a, RAX);
            let y = a.gin(insn.b, R11);
            asm!(a.ops ; cmp Rq(x), Rq(y));
            if let Some((cond, snap)) = crate::backend::fused_exit(a.ir, a.alloc, i, op) {
                let exit = a.exit(snap);
                match cond {
                    CmpOp::Lt => asm!(a.ops ; jl =>exit),
                    CmpOp::Le => asm!(a.ops ; jle =>exit),
                    CmpOp::Eq => asm!(a.ops ; je =>exit),
                    CmpOp::Ne => asm!(a.ops ; jne =>exit),
                    CmpOp::Gt => asm!(a.ops ; jg =>exit),
                    CmpOp::Ge => asm!(a.ops ; jge =>exit),
                }
                return Ok(true);
            }
            match op {
                CmpOp::Lt => asm!(a.ops ; setl al),
                CmpOp::Le => asm!(a.ops ; setle al),
                CmpOp::Eq => asm!(a.ops ; sete al),
                CmpOp::Ne => asm!(a.ops ; setne al),
                CmpOp::Gt => asm!(a.ops ; setg al),
                CmpOp::Ge => asm!(a.ops ; setge al),
            }
            asm!(a.ops ; movzx eax, al);
            a.gset(me, RAX);
        }
        Uop::CmpFloat(op) => {
            let x = a.xin(insn.a, XMM0);
            let y = a.xin(insn.b, XMM1);
            // Ordered comparisons as "above" tests so that NaN (unordered: CF=ZF=PF=1) is false.
            match op {
                CmpOp::Lt => asm!(a.ops ; ucomisd Rx(y), Rx(x) ; seta al),
                CmpOp::Le => asm!(a.ops ; ucomisd Rx(y), Rx(x) ; setae al),
                CmpOp::Gt => asm!(a.ops ; ucomisd Rx(x), Rx(y) ; seta al),
                CmpOp::Ge => asm!(a.ops ; ucomisd Rx(x), Rx(y) ; setae al),
                CmpOp::Eq => {
                    asm!(a.ops ; ucomisd Rx(x), Rx(y) ; sete al ; setnp r11b ; and al, r11b)
                }
                CmpOp::Ne => {
                    asm!(a.ops ; ucomisd Rx(x), Rx(y) ; setne al ; setp r11b ; or al, r11b)
                }
            }
            asm!(a.ops ; movzx eax, al);
            a.gset(me, RAX);
        }
        Uop::Is | Uop::IsNot => {
            let x = a.gin(insn.a, RAX);
            let y = a.gin(insn.b, R11);
            asm!(a.ops ; cmp Rq(x), Rq(y));
            if insn.op == Uop::Is {
                asm!(a.ops ; sete al);
            } else {
                asm!(a.ops ; setne al);
            }
            asm!(a.ops ; movzx eax, al);
            a.gset(me, RAX);
        }
        Uop::NotBool => {
            let x = a.gin(insn.a, RAX);
            asm!(a.ops ; mov rax, Rq(x) ; xor rax, 1);
            a.gset(me, RAX);
        }
        Uop::Call(helper, imm, imm2) => {
            if helper == Helper::CallTrace {
                // The callee's frame is made of this one's slots, and the interpreter may take
                // over at any level: the frame goes to memory first.
                a.write_back(insn.snap);
            }
            let saved = a.save_regs(i);
            // Arguments through the stack, so any register assignment of them works.
            let args: Vec<Ref> = [insn.a, insn.b, insn.c].to_vec();
            for r in &args {
                if *r == Ref::NONE {
                    asm!(a.ops ; push 0);
                } else {
                    let g = a.gin(*r, RAX);
                    asm!(a.ops ; push Rq(g));
                }
            }
            let f = helpers::address(helper) as i64;
            asm!(a.ops
                ; pop rcx
                ; pop rdx
                ; pop rsi
                ; mov rdi, r15
                ; mov r8, QWORD imm as i64
                ; mov r9, QWORD imm2 as i64
                ; mov rax, QWORD f
                ; call rax
            );
            a.restore_regs(&saved);
            let exit = a.exit(insn.snap);
            asm!(a.ops
                ; mov r11, QWORD helpers::EMPTY_BITS as i64
                ; cmp rax, r11
                ; je =>exit
            );
            if helper == Helper::CallTrace {
                let unwind = a.unwind();
                asm!(a.ops
                    ; mov r11, QWORD helpers::UNWIND_BITS as i64
                    ; cmp rax, r11
                    ; je =>unwind
                );
            }
            a.gset(me, RAX);
        }
        Uop::Return => {
            a.box_into_rax(insn.a, a.ir.ty(insn.a));
            let epilogue = a.epilogue;
            asm!(a.ops
                ; mov [r14 - 8], rax
                ; mov rax, QWORD RETURNED as i64
                ; xor edx, edx
                ; jmp =>epilogue
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
            asm!(a.ops ; jmp =>l);
        }
        Uop::Exit => {
            let exit = a.exit(insn.snap);
            asm!(a.ops ; jmp =>exit);
        }
    }
    Ok(false)
}
