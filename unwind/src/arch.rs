//! The two ISAs lucent targets, and the small mapper from their registers to DWARF numbers.

use gimli::Register;

/// An instruction set whose frames this crate can describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arch {
    /// x86-64 (System V psABI DWARF numbering: rbp = 6, rsp = 7, return address = 16).
    X86_64,
    /// AArch64 (AAPCS64 DWARF numbering: x29 = 29, x30 = 30, sp = 31).
    Aarch64,
}

/// A machine register, named the way a backend names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reg {
    /// The frame pointer: `rbp` / `x29`.
    FramePointer,
    /// The stack pointer: `rsp` / `sp`.
    StackPointer,
    /// Where the caller's return address is found on entry: the return-address column on
    /// x86-64 (the slot at `rsp`), the link register `x30` on AArch64.
    ReturnAddress,
    /// A general-purpose register by its encoding number in instructions: on x86-64
    /// `rax = 0, rcx = 1, rdx = 2, rbx = 3, ..., r15 = 15`; on AArch64 `xN = N`.
    Gpr(u8),
}

impl Arch {
    /// The architecture this process runs on, if it is one we support.
    pub fn host() -> Option<Arch> {
        if cfg!(target_arch = "x86_64") {
            Some(Arch::X86_64)
        } else if cfg!(target_arch = "aarch64") {
            Some(Arch::Aarch64)
        } else {
            None
        }
    }

    /// The DWARF register number of `reg`, or `None` if this ISA has no such register.
    pub fn dwarf(self, reg: Reg) -> Option<Register> {
        let n = match (self, reg) {
            (Arch::X86_64, Reg::FramePointer) => 6,
            (Arch::X86_64, Reg::StackPointer) => 7,
            (Arch::X86_64, Reg::ReturnAddress) => 16,
            // Encoding order rax rcx rdx rbx rsp rbp rsi rdi; DWARF order rax rdx rcx rbx rsi rdi
            // rbp rsp; r8..r15 agree.
            (Arch::X86_64, Reg::Gpr(n)) => match n {
                0 => 0,
                1 => 2,
                2 => 1,
                3 => 3,
                4 => 7,
                5 => 6,
                6 => 4,
                7 => 5,
                8..=15 => u16::from(n),
                _ => return None,
            },
            (Arch::Aarch64, Reg::FramePointer) => 29,
            (Arch::Aarch64, Reg::StackPointer) => 31,
            (Arch::Aarch64, Reg::ReturnAddress) => 30,
            (Arch::Aarch64, Reg::Gpr(n)) if n <= 30 => u16::from(n),
            (Arch::Aarch64, Reg::Gpr(_)) => return None,
        };
        Some(Register(n))
    }

    /// DWARF number of the frame pointer.
    pub fn fp(self) -> Register {
        self.dwarf(Reg::FramePointer)
            .expect("every arch has a frame pointer")
    }

    /// DWARF number of the stack pointer.
    pub fn sp(self) -> Register {
        self.dwarf(Reg::StackPointer)
            .expect("every arch has a stack pointer")
    }

    /// DWARF number of the return-address column.
    pub fn ra(self) -> Register {
        self.dwarf(Reg::ReturnAddress)
            .expect("every arch has a return address")
    }

    /// Every code offset is a multiple of this (the CIE's code alignment factor).
    pub fn code_align(self) -> u8 {
        match self {
            Arch::X86_64 => 1,
            Arch::Aarch64 => 4,
        }
    }

    /// Stack slots are multiples of this (the CIE's data alignment factor, negated).
    pub fn slot_size(self) -> i8 {
        8
    }

    /// The ELF `e_machine` of this architecture.
    pub fn elf_machine(self) -> u16 {
        match self {
            Arch::X86_64 => object::elf::EM_X86_64,
            Arch::Aarch64 => object::elf::EM_AARCH64,
        }
    }
}
