//! The perf trampoline for interpreted frames (see `lucent_vm::trampoline`): a frame-pointer
//! frame around one indirect call, arguments passed through untouched.
//!
//! ```text
//!   push rbp          rsp is 16-byte aligned again after this push
//!   mov  rbp, rsp
//!   call rdx          run(vm = rdi); its two-word result stays in rax:rdx
//!   pop  rbp
//!   ret
//! ```

use dynasmrt::x64::X64Relocation;
use dynasmrt::{DynasmApi, VecAssembler};
use lucent_unwind::{FrameDesc, UnwindStep};

use super::asm;

/// The trampoline's code and its frame description.
pub fn trampoline() -> (Vec<u8>, FrameDesc) {
    let mut ops = VecAssembler::<X64Relocation>::new(0);
    let mut steps = Vec::new();
    asm!(ops ; push rbp);
    steps.push((ops.offset().0 as u32, UnwindStep::PushFramePointer));
    asm!(ops ; mov rbp, rsp);
    steps.push((ops.offset().0 as u32, UnwindStep::SetFramePointer));
    asm!(ops ; call rdx ; pop rbp);
    steps.push((ops.offset().0 as u32, UnwindStep::PopFramePointer));
    asm!(ops ; ret);
    let code = ops.finalize().expect("no labels");
    let frame = FrameDesc::from_steps(code.len() as u32, steps);
    (code, frame)
}
