//! ISA-neutral description of how a piece of JIT code changes its frame, instruction by instruction.
//!
//! A backend emits one [`UnwindStep`] at the code offset where its effect becomes visible: the
//! offset just *after* the instruction that pushed, moved or saved. Frames always keep the
//! frame-pointer chain:
//!
//! ```text
//!  x86-64                                  AArch64
//!  push rbp          -> PushFramePointer   stp x29, x30, [sp, #-16]! -> PushFramePointer
//!  mov  rbp, rsp     -> SetFramePointer    mov x29, sp               -> SetFramePointer
//!  ... body, calls ...                     ... body, calls ...
//!  pop  rbp          -> PopFramePointer    ldp x29, x30, [sp], #16   -> PopFramePointer
//!  ret                                     ret
//! ```

use crate::arch::{Arch, Reg};
use crate::error::{Error, Result};

/// One change to the frame, taking effect at a code offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnwindStep {
    /// The caller's frame pointer was pushed: on x86-64 `push rbp` (8 bytes below the return
    /// address), on AArch64 `stp x29, x30, [sp, #-16]!` (the frame record: x29 at CFA-16,
    /// x30 at CFA-8). The CFA is still computed from the stack pointer.
    PushFramePointer,
    /// The frame pointer now points at the saved frame pointer (`mov rbp, rsp` /
    /// `mov x29, sp`): from here the CFA is `fp + 16`, whatever the stack pointer does.
    SetFramePointer,
    /// The stack pointer moved down by this many bytes (`sub rsp, N`). Only changes the CFA
    /// while it is still computed from the stack pointer.
    StackAlloc(u32),
    /// The stack pointer moved up by this many bytes (`add rsp, N`).
    StackFree(u32),
    /// A callee-saved register's caller value is now stored at `CFA + cfa_offset`
    /// (`cfa_offset` is negative and a multiple of 8).
    SaveReg {
        /// The saved register.
        reg: Reg,
        /// Where it is, relative to the CFA.
        cfa_offset: i32,
    },
    /// A saved register holds its caller's value again.
    RestoreReg(Reg),
    /// The frame pointer was popped (`pop rbp` / `ldp x29, x30, [sp], #16`): the CFA is
    /// computed from the stack pointer again and the frame pointer (and on AArch64 x30) hold
    /// the caller's values. What follows is the `ret`.
    PopFramePointer,
    /// Remember every rule; pair with [`UnwindStep::RestoreState`] around an epilogue in the
    /// middle of the code (a trace exit), so the code after it unwinds as the body did.
    RememberState,
    /// Restore the rules saved by the matching [`UnwindStep::RememberState`].
    RestoreState,
}

/// How one contiguous code region's frame evolves: `(code offset, step)` pairs in offset
/// order, over `code_len` bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameDesc {
    code_len: u32,
    steps: Vec<(u32, UnwindStep)>,
}

impl FrameDesc {
    /// An empty description of `code_len` bytes of code: with no steps the whole region
    /// unwinds as a function's first instruction does (CFA from the stack pointer).
    pub fn new(code_len: u32) -> FrameDesc {
        FrameDesc {
            code_len,
            steps: Vec::new(),
        }
    }

    /// The standard frame-pointer function: the frame pointer is pushed by the instruction
    /// ending at `pushed`, set by the one ending at `set`, and popped by the one ending at
    /// `popped` (just before `ret`). Anything else is built with [`FrameDesc::push`].
    pub fn with_frame_pointer(code_len: u32, pushed: u32, set: u32, popped: u32) -> FrameDesc {
        let mut desc = FrameDesc::new(code_len);
        desc.push(pushed, UnwindStep::PushFramePointer);
        desc.push(set, UnwindStep::SetFramePointer);
        desc.push(popped, UnwindStep::PopFramePointer);
        desc
    }

    /// A description of `code_len` bytes from `(offset, step)` pairs in offset order (what a
    /// backend collects while it assembles).
    pub fn from_steps(
        code_len: u32,
        steps: impl IntoIterator<Item = (u32, UnwindStep)>,
    ) -> FrameDesc {
        FrameDesc {
            code_len,
            steps: steps.into_iter().collect(),
        }
    }

    /// Appends a step taking effect at `offset`. Offsets must be non-decreasing and at most
    /// the code length; [`FrameDesc::validate`] checks that, and the builders call it.
    pub fn push(&mut self, offset: u32, step: UnwindStep) -> &mut FrameDesc {
        self.steps.push((offset, step));
        self
    }

    /// The code size in bytes.
    pub fn code_len(&self) -> u32 {
        self.code_len
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[(u32, UnwindStep)] {
        &self.steps
    }

    /// Checks the description against `arch`: offsets in order, within the code, aligned to
    /// the instruction size, and registers the ISA has.
    pub fn validate(&self, arch: Arch) -> Result<()> {
        let align = u32::from(arch.code_align());
        let mut prev = 0;
        for &(offset, step) in &self.steps {
            if offset < prev {
                return Err(Error::StepOutOfOrder { offset, prev });
            }
            if offset > self.code_len {
                return Err(Error::StepOutOfRange {
                    offset,
                    code_len: self.code_len,
                });
            }
            if offset % align != 0 {
                return Err(Error::Misaligned { offset, align });
            }
            match step {
                UnwindStep::SaveReg { reg, cfa_offset } => {
                    arch.dwarf(reg).ok_or(Error::NoSuchRegister { arch, reg })?;
                    if cfa_offset >= 0 || cfa_offset % i32::from(arch.slot_size()) != 0 {
                        return Err(Error::BadSaveSlot { cfa_offset });
                    }
                }
                UnwindStep::RestoreReg(reg) => {
                    arch.dwarf(reg).ok_or(Error::NoSuchRegister { arch, reg })?;
                }
                _ => {}
            }
            prev = offset;
        }
        Ok(())
    }
}
