//! The GDB symfile read back with `object`'s ELF reader, and the JIT list kept consistent.

use gimli::read::{BaseAddresses, CfaRule, EhFrame as ReadEhFrame, UnwindContext, UnwindSection};
use gimli::{LittleEndian, Register};
use lucent_unwind::{gdb_entry_count, Arch, Error, FrameDesc, GdbRegistration, Symfile};
use object::read::elf::{ElfFile64, SectionHeader as _};
use object::{Object, ObjectSection, ObjectSymbol, SymbolKind};

const CODE: u64 = 0x7f12_3456_0000;

fn symfile(arch: Arch, frame: &FrameDesc) -> Vec<u8> {
    Symfile {
        arch,
        name: "py::loop:script.py:12",
        code_address: CODE,
        frame,
        eh_frame_address: CODE + 0x1000,
    }
    .build()
    .unwrap()
}

#[test]
fn symfile_round_trips_through_object() {
    let frame = FrameDesc::with_frame_pointer(64, 1, 4, 63);
    for (arch, machine) in [
        (Arch::X86_64, object::elf::EM_X86_64),
        (Arch::Aarch64, object::elf::EM_AARCH64),
    ] {
        let frame = match arch {
            Arch::X86_64 => frame.clone(),
            Arch::Aarch64 => FrameDesc::with_frame_pointer(64, 4, 8, 60),
        };
        let bytes = symfile(arch, &frame);
        let elf = ElfFile64::<object::Endianness>::parse(&*bytes).unwrap();
        assert_eq!(elf.elf_header().e_machine.get(elf.endian()), machine);

        let text = elf.section_by_name(".text").unwrap();
        assert_eq!((text.address(), text.size()), (CODE, 64));
        let header = text.elf_section_header();
        assert_eq!(header.sh_type(elf.endian()), object::elf::SHT_NOBITS);
        let flags = header.sh_flags(elf.endian());
        assert_eq!(
            flags,
            u64::from(object::elf::SHF_ALLOC | object::elf::SHF_EXECINSTR)
        );

        let sym = elf
            .symbols()
            .find(|s| s.name() == Ok("py::loop:script.py:12"))
            .unwrap();
        assert_eq!(sym.kind(), SymbolKind::Text);
        assert_eq!((sym.address(), sym.size()), (CODE, 64));
        assert!(sym.is_global());
        assert_eq!(sym.section_index(), Some(text.index()));

        let eh = elf.section_by_name(".eh_frame").unwrap();
        assert_eq!(eh.address(), CODE + 0x1000);
        let data = eh.data().unwrap();
        let section = ReadEhFrame::new(data, LittleEndian);
        let bases = BaseAddresses::default().set_eh_frame(eh.address());
        let mut ctx = UnwindContext::new();
        let row = section
            .unwind_info_for_address(&bases, &mut ctx, CODE + 16, ReadEhFrame::cie_from_offset)
            .unwrap();
        assert_eq!(
            *row.cfa(),
            CfaRule::RegisterAndOffset {
                register: Register(arch.fp().0),
                offset: 16
            },
            "{arch:?} body CFA"
        );
    }
}

#[test]
fn names_with_nul_are_refused() {
    let frame = FrameDesc::new(4);
    let err = Symfile {
        arch: Arch::X86_64,
        name: "bad\0name",
        code_address: CODE,
        frame: &frame,
        eh_frame_address: CODE + 8,
    }
    .build()
    .unwrap_err();
    assert!(matches!(err, Error::BadName { .. }));
}

#[test]
fn gdb_list_links_and_unlinks() {
    let frame = FrameDesc::with_frame_pointer(64, 1, 4, 63);
    let before = gdb_entry_count();
    let a = GdbRegistration::register(symfile(Arch::X86_64, &frame));
    let b = GdbRegistration::register(symfile(Arch::X86_64, &frame));
    let c = GdbRegistration::register(symfile(Arch::X86_64, &frame));
    assert_eq!(gdb_entry_count(), before + 3);
    assert!(a.symfile().starts_with(b"\x7fELF"));
    drop(b); // middle
    assert_eq!(gdb_entry_count(), before + 2);
    drop(c); // head
    drop(a); // tail
    assert_eq!(gdb_entry_count(), before);
}
