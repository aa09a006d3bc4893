//! In-memory ELF symfiles for GDB's JIT interface, written with `object::write::elf`.
//!
//! One trace per file, after LuaJIT's `lj_gdbjit.c` design: an `ET_EXEC` ELF64 whose `.text`
//! is `SHT_NOBITS` at the code's real address and size (GDB reads the instructions from the
//! live process), one global `STT_FUNC` symbol covering the code, and `.eh_frame` at the
//! address the CFI was built for, so GDB can unwind through the trace.
//!
//! ```text
//!  ELF header | .eh_frame bytes | .symtab | .strtab | .shstrtab | section headers
//!  sections: [0] null  [1] .text NOBITS @code  [2] .eh_frame @eh_frame_address
//!            [3] .symtab  [4] .strtab  [5] .shstrtab
//! ```

use object::elf;
use object::write::elf::{FileHeader, SectionHeader, Sym, Writer};
use object::Endianness;

use crate::arch::Arch;
use crate::eh_frame::{CodeRegion, EhFrame, PointerEncoding};
use crate::error::{Error, Result};
use crate::frame::FrameDesc;

/// What one symfile describes: one code region of one trace.
#[derive(Clone, Copy, Debug)]
pub struct Symfile<'a> {
    /// The code's instruction set (`e_machine`).
    pub arch: Arch,
    /// The function symbol, e.g. `py::loop:script.py:12`. No NUL bytes.
    pub name: &'a str,
    /// Where the code is.
    pub code_address: u64,
    /// Its frame description (the code size is `frame.code_len()`).
    pub frame: &'a FrameDesc,
    /// The address `.eh_frame` claims: where the JIT keeps these CFI bytes, or any address
    /// within ±2 GiB of the code that no other code (JIT or not) occupies, since GDB maps
    /// addresses to symfiles by their allocated sections.
    pub eh_frame_address: u64,
}

impl Symfile<'_> {
    /// Serializes the ELF image.
    pub fn build(&self) -> Result<Vec<u8>> {
        if self.name.contains('\0') {
            return Err(Error::BadName {
                name: self.name.to_owned(),
            });
        }
        let region = CodeRegion {
            address: self.code_address,
            frame: self.frame,
        };
        let eh = EhFrame::build(
            self.arch,
            self.eh_frame_address,
            PointerEncoding::PcRel,
            &[region],
        )?;
        let code_len = u64::from(self.frame.code_len());

        let mut buffer = Vec::new();
        let mut w = Writer::new(Endianness::Little, true, &mut buffer);
        w.reserve_file_header();
        w.reserve_null_section_index();
        let text_name = w.add_section_name(b".text");
        let text = w.reserve_section_index();
        let eh_name = w.add_section_name(b".eh_frame");
        w.reserve_section_index();
        let eh_offset = w.reserve(eh.bytes().len(), 8);
        let sym_name = w.add_string(self.name.as_bytes());
        w.reserve_null_symbol_index();
        w.reserve_symbol_index(Some(text));
        w.reserve_symtab_section_index();
        w.reserve_symtab();
        w.reserve_strtab_section_index();
        w.reserve_strtab();
        w.reserve_shstrtab_section_index();
        w.reserve_shstrtab();
        w.reserve_section_headers();

        w.write_file_header(&FileHeader {
            os_abi: elf::ELFOSABI_NONE,
            abi_version: 0,
            e_type: elf::ET_EXEC,
            e_machine: self.arch.elf_machine(),
            e_entry: 0,
            e_flags: 0,
        })?;
        w.write_align(8);
        w.write(eh.bytes());
        w.write_null_symbol();
        w.write_symbol(&Sym {
            name: Some(sym_name),
            section: Some(text),
            st_info: (elf::STB_GLOBAL << 4) | elf::STT_FUNC,
            st_other: elf::STV_DEFAULT,
            st_shndx: 0,
            st_value: self.code_address,
            st_size: code_len,
        });
        w.write_strtab();
        w.write_shstrtab();
        w.write_null_section_header();
        w.write_section_header(&SectionHeader {
            name: Some(text_name),
            sh_type: elf::SHT_NOBITS,
            sh_flags: u64::from(elf::SHF_ALLOC | elf::SHF_EXECINSTR),
            sh_addr: self.code_address,
            sh_offset: 0,
            sh_size: code_len,
            sh_link: 0,
            sh_info: 0,
            sh_addralign: 16,
            sh_entsize: 0,
        });
        w.write_section_header(&SectionHeader {
            name: Some(eh_name),
            sh_type: elf::SHT_PROGBITS,
            sh_flags: u64::from(elf::SHF_ALLOC),
            sh_addr: self.eh_frame_address,
            sh_offset: eh_offset as u64,
            sh_size: eh.bytes().len() as u64,
            sh_link: 0,
            sh_info: 0,
            sh_addralign: 8,
            sh_entsize: 0,
        });
        // One local symbol: the null symbol.
        w.write_symtab_section_header(1);
        w.write_strtab_section_header();
        w.write_shstrtab_section_header();
        debug_assert_eq!(w.reserved_len(), w.len());
        Ok(buffer)
    }
}
