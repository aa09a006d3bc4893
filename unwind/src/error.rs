//! The crate's error type: one variant per way a frame description, CFI or symfile is rejected.

use std::fmt;

use crate::arch::{Arch, Reg};

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Why unwind or debug information could not be built or registered.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A step's offset is smaller than the previous step's: steps must be in code order.
    StepOutOfOrder {
        /// The offending offset.
        offset: u32,
        /// The previous step's offset.
        prev: u32,
    },
    /// A step lies beyond the end of the code it describes.
    StepOutOfRange {
        /// The step's offset.
        offset: u32,
        /// The code size.
        code_len: u32,
    },
    /// A step's offset is not on an instruction boundary (AArch64 instructions are 4 bytes).
    Misaligned {
        /// The step's offset.
        offset: u32,
        /// The ISA's instruction alignment.
        align: u32,
    },
    /// A register the architecture does not have (e.g. `Gpr(16)` on x86-64).
    NoSuchRegister {
        /// The architecture.
        arch: Arch,
        /// The register.
        reg: Reg,
    },
    /// A save slot must be below the CFA (negative) and a multiple of 8.
    BadSaveSlot {
        /// The offending offset.
        cfa_offset: i32,
    },
    /// The code is more than ±2 GiB away from where its `.eh_frame` will be placed, which a
    /// `DW_EH_PE_pcrel | DW_EH_PE_sdata4` pointer cannot express. Place the section nearer
    /// the code, or use [`crate::PointerEncoding::Absolute`].
    TooFar {
        /// The code address.
        code: u64,
        /// The `.eh_frame` address.
        eh_frame: u64,
    },
    /// `gimli` refused to encode the CFI (a bug in this crate if the description validated).
    Dwarf(gimli::write::Error),
    /// `gimli` could not read back what was written (a bug in this crate).
    DwarfRead(gimli::read::Error),
    /// `object` could not write the ELF symfile.
    Elf(object::write::Error),
    /// This process runs on an architecture lucent does not generate code for, so there is
    /// no CFI to register for it.
    UnsupportedHost,
    /// A symbol name with a NUL byte, which ELF string tables cannot hold, or a script file
    /// name that is empty or has one.
    BadName {
        /// The offending name.
        name: String,
    },
    /// A symfile asked to describe no function.
    EmptySymfile,
    /// A symfile asked to describe functions of different architectures.
    MixedArch,
    /// A line-table row beyond the code, with line 0, or before the previous row.
    BadLineRow {
        /// The row's code offset.
        offset: u32,
        /// The row's line.
        line: u32,
        /// The code size.
        code_len: u32,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::StepOutOfOrder { offset, prev } => write!(
                f,
                "unwind step at offset {offset:#x} comes after one at {prev:#x}; emit steps in code order"
            ),
            Error::StepOutOfRange { offset, code_len } => write!(
                f,
                "unwind step at offset {offset:#x} is beyond the code's {code_len:#x} bytes"
            ),
            Error::Misaligned { offset, align } => write!(
                f,
                "unwind step at offset {offset:#x} is not on a {align}-byte instruction boundary"
            ),
            Error::NoSuchRegister { arch, reg } => write!(f, "{arch:?} has no register {reg:?}"),
            Error::BadSaveSlot { cfa_offset } => write!(
                f,
                "save slot CFA{cfa_offset:+} must be below the CFA and a multiple of 8"
            ),
            Error::TooFar { code, eh_frame } => write!(
                f,
                "code at {code:#x} is too far from .eh_frame at {eh_frame:#x} for a 32-bit pc-relative pointer; place them within 2 GiB or use absolute pointers"
            ),
            Error::Dwarf(e) => write!(f, "could not encode DWARF: {e}"),
            Error::DwarfRead(e) => write!(f, "could not read back DWARF: {e}"),
            Error::Elf(e) => write!(f, "could not write the ELF symfile: {e}"),
            Error::UnsupportedHost => write!(
                f,
                "this host architecture is not x86-64 or AArch64; in-process unwind registration is unavailable"
            ),
            Error::BadName { name } => {
                write!(f, "name {name:?} is empty or contains a NUL byte")
            }
            Error::EmptySymfile => write!(f, "a symfile must describe at least one function"),
            Error::MixedArch => write!(f, "a symfile's functions must share one architecture"),
            Error::BadLineRow {
                offset,
                line,
                code_len,
            } => write!(
                f,
                "line row (offset {offset:#x}, line {line}) must be inside the code's {code_len:#x} bytes, with line >= 1, in ascending offset order"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Dwarf(e) => Some(e),
            Error::DwarfRead(e) => Some(e),
            Error::Elf(e) => Some(e),
            _ => None,
        }
    }
}

impl From<gimli::write::Error> for Error {
    fn from(e: gimli::write::Error) -> Error {
        Error::Dwarf(e)
    }
}

impl From<gimli::read::Error> for Error {
    fn from(e: gimli::read::Error) -> Error {
        Error::DwarfRead(e)
    }
}

impl From<object::write::Error> for Error {
    fn from(e: object::write::Error) -> Error {
        Error::Elf(e)
    }
}
