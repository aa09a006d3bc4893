//! `.eh_frame` and `.eh_frame_hdr` for JIT code, built with `gimli::write` and checked by
//! reading them back with `gimli::read`.
//!
//! One CIE per section (the architecture's entry state), one FDE per code region. FDE code
//! pointers are either `DW_EH_PE_pcrel | DW_EH_PE_sdata4`, computed for the address the section
//! will live at (what ELF files and perf's jitdump want), or absolute 8-byte pointers (for bytes
//! on the heap, which may be further than 2 GiB from the code). The section ends with a zero
//! length word, as libgcc's `__register_frame` requires.

use gimli::constants;
use gimli::write::{
    Address, CallFrameInstruction as Cfi, CommonInformationEntry, EndianVec, FrameDescriptionEntry,
    FrameTable, Writer,
};
use gimli::{Encoding, Format, LittleEndian, UnwindSection};

use crate::arch::Arch;
use crate::error::{Error, Result};
use crate::frame::{FrameDesc, UnwindStep};

/// How FDEs point at their code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerEncoding {
    /// `DW_EH_PE_pcrel | DW_EH_PE_sdata4`: relative to the pointer's own address, so the
    /// section must be built for the address it will be placed at, within ±2 GiB of the code.
    PcRel,
    /// `DW_EH_PE_absptr`: the code's address, 8 bytes; the section can live anywhere.
    Absolute,
}

/// A region of code and the description of its frame.
#[derive(Clone, Copy, Debug)]
pub struct CodeRegion<'a> {
    /// The address of the region's first instruction.
    pub address: u64,
    /// How its frame evolves.
    pub frame: &'a FrameDesc,
}

/// A built `.eh_frame` section: bytes plus where each FDE starts.
#[derive(Clone, Debug)]
pub struct EhFrame {
    address: u64,
    bytes: Vec<u8>,
    /// `(code address, FDE offset in the section)`, sorted by code address.
    fdes: Vec<(u64, usize)>,
}

/// Where perf's `genelf` places `.eh_frame` for a jitdump `JIT_CODE_LOAD` of `code_size`
/// bytes at `code_start`: right after the code, 8-aligned. Its `.eh_frame_hdr` follows the
/// `.eh_frame` directly: build the header for `address + eh_frame.bytes().len()`.
pub fn perf_eh_frame_address(code_start: u64, code_size: u64) -> u64 {
    code_start + code_size.next_multiple_of(8)
}

impl EhFrame {
    /// Builds `.eh_frame` for `regions`, to be placed at `address`.
    pub fn build(
        arch: Arch,
        address: u64,
        encoding: PointerEncoding,
        regions: &[CodeRegion<'_>],
    ) -> Result<EhFrame> {
        let mut table = FrameTable::default();
        let cie = table.add_cie(cie(arch, encoding));
        for region in regions {
            region.frame.validate(arch)?;
            let fde_address = match encoding {
                // gimli subtracts the pointer's offset within the section from the constant.
                PointerEncoding::PcRel => {
                    let delta = i128::from(region.address) - i128::from(address);
                    if i32::try_from(delta).is_err() {
                        return Err(Error::TooFar {
                            code: region.address,
                            eh_frame: address,
                        });
                    }
                    region.address.wrapping_sub(address)
                }
                PointerEncoding::Absolute => region.address,
            };
            table.add_fde(cie, fde(arch, fde_address, region.frame));
        }
        let mut section = gimli::write::EhFrame(EndianVec::new(LittleEndian));
        table.write_eh_frame(&mut section)?;
        // The zero-length terminator (gimli does not write one).
        section.0.write_u32(0)?;
        let bytes = section.0.into_vec();
        let fdes = read_fde_addresses(&bytes, address)?;
        Ok(EhFrame {
            address,
            bytes,
            fdes,
        })
    }

    /// The address the section was built for.
    pub fn address(&self) -> u64 {
        self.address
    }

    /// The section's bytes, zero terminator included.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The section's bytes, zero terminator included.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// `(code address, offset of its FDE in the section)`, sorted by code address.
    pub fn fdes(&self) -> &[(u64, usize)] {
        &self.fdes
    }

    /// Builds the matching `.eh_frame_hdr`, to be placed at `hdr_address`: version 1, a
    /// pc-relative pointer to `.eh_frame`, and the binary-search table of
    /// `(code address, FDE address)` pairs, both `DW_EH_PE_datarel | DW_EH_PE_sdata4`
    /// (relative to the header's start), sorted by code address.
    pub fn build_hdr(&self, hdr_address: u64) -> Result<Vec<u8>> {
        let rel = |to: u64, from: u64| -> Result<i64> {
            let delta = i128::from(to) - i128::from(from);
            i32::try_from(delta)
                .map(i64::from)
                .map_err(|_| Error::TooFar {
                    code: to,
                    eh_frame: from,
                })
        };
        let mut w = EndianVec::new(LittleEndian);
        w.write_u8(1)?;
        w.write_u8((constants::DW_EH_PE_pcrel.0) | constants::DW_EH_PE_sdata4.0)?;
        w.write_u8(constants::DW_EH_PE_udata4.0)?;
        w.write_u8(constants::DW_EH_PE_datarel.0 | constants::DW_EH_PE_sdata4.0)?;
        w.write_sdata(rel(self.address, hdr_address + 4)?, 4)?;
        let count =
            u32::try_from(self.fdes.len()).map_err(|_| gimli::write::Error::ValueTooLarge)?;
        w.write_u32(count)?;
        for &(code, offset) in &self.fdes {
            w.write_sdata(rel(code, hdr_address)?, 4)?;
            w.write_sdata(rel(self.address + offset as u64, hdr_address)?, 4)?;
        }
        Ok(w.into_vec())
    }
}

/// `.debug_frame` for `regions`: the same CIE and rules as [`EhFrame::build`], with absolute
/// FDE addresses. For non-allocated sections (debugger symfiles), which claim no address.
pub fn debug_frame(arch: Arch, regions: &[CodeRegion<'_>]) -> Result<Vec<u8>> {
    let mut table = FrameTable::default();
    let cie = table.add_cie(cie(arch, PointerEncoding::Absolute));
    for region in regions {
        region.frame.validate(arch)?;
        table.add_fde(cie, fde(arch, region.address, region.frame));
    }
    let mut section = gimli::write::DebugFrame(EndianVec::new(LittleEndian));
    table.write_debug_frame(&mut section)?;
    Ok(section.0.into_vec())
}

/// One FDE: `frame`'s rules for code at `address` (as the section's pointer encoding wants it).
fn fde(arch: Arch, address: u64, frame: &FrameDesc) -> FrameDescriptionEntry {
    let mut fde = FrameDescriptionEntry::new(Address::Constant(address), frame.code_len());
    for (offset, cfi) in instructions(arch, frame) {
        fde.add_instruction(offset, cfi);
    }
    fde
}

/// The architecture's entry state: the CFA and where the return address is on the first
/// instruction of a function.
fn cie(arch: Arch, encoding: PointerEncoding) -> CommonInformationEntry {
    let dwarf = Encoding {
        format: Format::Dwarf32,
        version: 1,
        address_size: 8,
    };
    let mut cie =
        CommonInformationEntry::new(dwarf, arch.code_align(), -arch.slot_size(), arch.ra());
    cie.fde_address_encoding = match encoding {
        PointerEncoding::PcRel => constants::DW_EH_PE_pcrel | constants::DW_EH_PE_sdata4,
        PointerEncoding::Absolute => constants::DW_EH_PE_absptr,
    };
    match arch {
        // `call` pushed the return address: CFA = rsp + 8, RA at CFA - 8.
        Arch::X86_64 => {
            cie.add_instruction(Cfi::Cfa(arch.sp(), 8));
            cie.add_instruction(Cfi::Offset(arch.ra(), -8));
        }
        // `bl` left the return address in x30 and did not touch sp: CFA = sp.
        Arch::Aarch64 => cie.add_instruction(Cfi::Cfa(arch.sp(), 0)),
    }
    cie
}

/// Where the CFA is computed from while walking the steps.
#[derive(Clone, Copy)]
struct CfaState {
    /// The CFA is `fp + offset` (after `SetFramePointer`) rather than `sp + offset`.
    on_fp: bool,
    /// The CFA's offset from its register.
    offset: i32,
}

/// Translates a frame description into CFA instructions, `(code offset, instruction)`.
fn instructions(arch: Arch, frame: &FrameDesc) -> Vec<(u32, Cfi)> {
    let (fp, sp, ra) = (arch.fp(), arch.sp(), arch.ra());
    // The frame record's size: x86-64 pushes rbp (8), AArch64 pushes x29 and x30 (16).
    let record = match arch {
        Arch::X86_64 => 8,
        Arch::Aarch64 => 16,
    };
    let mut state = CfaState {
        on_fp: false,
        offset: match arch {
            Arch::X86_64 => 8,
            Arch::Aarch64 => 0,
        },
    };
    let mut remembered = Vec::new();
    let mut out = Vec::new();
    for &(at, step) in frame.steps() {
        let mut emit = |cfi| out.push((at, cfi));
        match step {
            UnwindStep::PushFramePointer => {
                if !state.on_fp {
                    state.offset += record;
                    emit(Cfi::CfaOffset(state.offset));
                }
                emit(Cfi::Offset(fp, -state.offset));
                if arch == Arch::Aarch64 {
                    emit(Cfi::Offset(ra, -state.offset + 8));
                }
            }
            UnwindStep::SetFramePointer => {
                state.on_fp = true;
                emit(Cfi::CfaRegister(fp));
            }
            UnwindStep::StackAlloc(n) => {
                if !state.on_fp {
                    state.offset += n as i32;
                    emit(Cfi::CfaOffset(state.offset));
                }
            }
            UnwindStep::StackFree(n) => {
                if !state.on_fp {
                    state.offset -= n as i32;
                    emit(Cfi::CfaOffset(state.offset));
                }
            }
            UnwindStep::SaveReg { reg, cfa_offset } => {
                let reg = arch.dwarf(reg).expect("validated");
                emit(Cfi::Offset(reg, cfa_offset));
            }
            UnwindStep::RestoreReg(reg) => {
                let reg = arch.dwarf(reg).expect("validated");
                emit(Cfi::SameValue(reg));
            }
            UnwindStep::PopFramePointer => {
                // The stack pointer was at the frame record (sp == fp) when it was popped.
                state.offset -= record;
                state.on_fp = false;
                emit(Cfi::Cfa(sp, state.offset));
                emit(Cfi::SameValue(fp));
                if arch == Arch::Aarch64 {
                    emit(Cfi::SameValue(ra));
                }
            }
            UnwindStep::RememberState => {
                remembered.push(state);
                emit(Cfi::RememberState);
            }
            UnwindStep::RestoreState => {
                if let Some(saved) = remembered.pop() {
                    state = saved;
                }
                emit(Cfi::RestoreState);
            }
        }
    }
    out
}

/// Reads the section back: every FDE's code address and offset, sorted by address.
fn read_fde_addresses(bytes: &[u8], address: u64) -> Result<Vec<(u64, usize)>> {
    let section = gimli::read::EhFrame::new(bytes, LittleEndian);
    let bases = gimli::read::BaseAddresses::default().set_eh_frame(address);
    let mut entries = section.entries(&bases);
    let mut fdes = Vec::new();
    while let Some(entry) = entries.next()? {
        if let gimli::read::CieOrFde::Fde(partial) = entry {
            let fde = partial.parse(gimli::read::EhFrame::cie_from_offset)?;
            fdes.push((fde.initial_address(), fde.offset()));
        }
    }
    fdes.sort_unstable();
    Ok(fdes)
}
