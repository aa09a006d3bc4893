//! The perf trampoline for interpreted frames (see `lucent_vm::trampoline`): a frame record
//! around one indirect call, arguments passed through untouched.
//!
//! ```text
//!   stp x29, x30, [sp, #-16]!    sp stays 16-byte aligned
//!   mov x29, sp
//!   blr x2                       run(vm = x0); its two-word result stays in x0:x1
//!   ldp x29, x30, [sp], #16
//!   ret
//! ```

use dynasmrt::aarch64::Aarch64Relocation;
use dynasmrt::{DynasmApi, VecAssembler};
use lucent_unwind::{FrameDesc, UnwindStep};

use super::asm;

/// The trampoline's code and its frame description.
pub fn trampoline() -> (Vec<u8>, FrameDesc) {
    let mut ops = VecAssembler::<Aarch64Relocation>::new(0);
    let mut steps = Vec::new();
    asm!(ops ; stp x29, x30, [sp, -16]!);
    steps.push((ops.offset().0 as u32, UnwindStep::PushFramePointer));
    asm!(ops ; mov x29, sp);
    steps.push((ops.offset().0 as u32, UnwindStep::SetFramePointer));
    asm!(ops ; blr x2 ; ldp x29, x30, [sp], 16);
    steps.push((ops.offset().0 as u32, UnwindStep::PopFramePointer));
    asm!(ops ; ret);
    let code = ops.finalize().expect("no labels");
    let frame = FrameDesc::from_steps(code.len() as u32, steps);
    (code, frame)
}
