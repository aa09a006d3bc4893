//! The GDB symfile read back with `object`'s ELF reader, and the JIT list kept consistent.

use gimli::read::{BaseAddresses, CfaRule, EhFrame as ReadEhFrame, UnwindContext, UnwindSection};
use gimli::{LittleEndian, Register};
use lucent_unwind::{gdb_entry_count, Arch, Error, FrameDesc, GdbRegistration, LineInfo, Symfile};
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
        lines: None,
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

/// A line-table row: address, file, line, prologue_end.
type Row = (u64, String, u64, bool);
/// A DIE's name and `[low_pc, high_pc)`.
type Die = (String, u64, u64);

/// Every code address's `(file, line)` according to the symfile's `.debug_line`, read with
/// `gimli::read`, plus the compile unit's and subprogram's names and ranges.
fn read_lines(bytes: &[u8]) -> (Vec<Row>, Vec<Die>) {
    let elf = ElfFile64::<object::Endianness>::parse(bytes).unwrap();
    for name in [".debug_info", ".debug_abbrev", ".debug_line", ".debug_str"] {
        let section = elf.section_by_name(name).unwrap();
        let flags = section.elf_section_header().sh_flags(elf.endian());
        assert_eq!(
            flags & u64::from(object::elf::SHF_ALLOC),
            0,
            "{name} is ALLOC"
        );
    }
    let dwarf = gimli::read::Dwarf::load(|id| -> gimli::Result<_> {
        let data = elf
            .section_by_name(id.name())
            .and_then(|s| s.data().ok())
            .unwrap_or(&[]);
        Ok(gimli::EndianSlice::new(data, LittleEndian))
    })
    .unwrap();
    let mut rows = Vec::new();
    let mut entries = Vec::new();
    let mut units = dwarf.units();
    while let Some(header) = units.next().unwrap() {
        let unit = dwarf.unit(header).unwrap();
        let mut cursor = unit.entries();
        while let Some(entry) = cursor.next_dfs().unwrap() {
            let name = entry.attr_value(gimli::DW_AT_name).unwrap();
            let name = dwarf.attr_string(&unit, name).unwrap().to_string_lossy();
            let low = match entry.attr_value(gimli::DW_AT_low_pc) {
                Some(gimli::AttributeValue::Addr(a)) => a,
                other => panic!("low_pc {other:?}"),
            };
            let high = entry.attr_value(gimli::DW_AT_high_pc).unwrap();
            let high = low + high.udata_value().unwrap();
            entries.push((name.into_owned(), low, high));
        }
        let program = unit.line_program.clone().unwrap();
        let mut program_rows = program.rows();
        while let Some((header, row)) = program_rows.next_row().unwrap() {
            let file = row.file(header).unwrap();
            let file = dwarf.attr_string(&unit, file.path_name()).unwrap();
            let line = row.line().map_or(0, |l| l.get());
            rows.push((
                row.address(),
                file.to_string_lossy().into_owned(),
                line,
                row.prologue_end(),
            ));
        }
    }
    (rows, entries)
}

#[test]
fn line_info_round_trips_through_gimli() {
    let frame = FrameDesc::with_frame_pointer(64, 1, 4, 63);
    let table = [(0, 12), (4, 13), (20, 13), (21, 15), (40, 12)];
    let bytes = Symfile {
        arch: Arch::X86_64,
        name: "py::loop:script.py:12",
        code_address: CODE,
        frame: &frame,
        eh_frame_address: CODE + 0x1000,
        lines: Some(LineInfo {
            file: "script.py",
            rows: &table,
            prologue_end: None,
        }),
    }
    .build()
    .unwrap();
    let (rows, entries) = read_lines(&bytes);
    assert_eq!(
        entries,
        [
            ("script.py".to_owned(), CODE, CODE + 64),
            ("py::loop:script.py:12".to_owned(), CODE, CODE + 64),
        ]
    );
    // The sequence ends exactly at the code end.
    let end = rows.last().unwrap();
    assert_eq!(end.0, CODE + 64, "end_sequence address");
    for offset in 0..64u32 {
        let addr = CODE + u64::from(offset);
        let expected = table.iter().rev().find(|&&(o, _)| o <= offset).unwrap().1;
        let row = rows[..rows.len() - 1]
            .iter()
            .rev()
            .find(|r| r.0 <= addr)
            .unwrap();
        assert_eq!(
            (row.1.as_str(), row.2),
            ("script.py", u64::from(expected)),
            "offset {offset}"
        );
    }
}

#[test]
fn bad_line_tables_are_refused() {
    let frame = FrameDesc::new(16);
    let build = |file: &str, rows: &[(u32, u32)]| {
        Symfile {
            arch: Arch::X86_64,
            name: "f",
            code_address: CODE,
            frame: &frame,
            eh_frame_address: CODE + 0x1000,
            lines: Some(LineInfo {
                file,
                rows,
                prologue_end: None,
            }),
        }
        .build()
    };
    assert!(build("s.py", &[(0, 1), (15, 2)]).is_ok());
    for rows in [&[(16, 1)][..], &[(0, 0)], &[(8, 1), (4, 2)]] {
        let err = build("s.py", rows).unwrap_err();
        assert!(matches!(err, Error::BadLineRow { .. }), "{rows:?}: {err}");
    }
    assert!(matches!(build("", &[]), Err(Error::BadName { .. })));
    assert!(matches!(build("a\0b", &[]), Err(Error::BadName { .. })));
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
        lines: None,
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

#[test]
fn prologue_end_is_flagged_where_the_body_starts() {
    let frame = FrameDesc::with_frame_pointer(64, 1, 4, 63);
    let build = |rows: &[(u32, u32)], prologue_end| {
        let bytes = Symfile {
            arch: Arch::X86_64,
            name: "py::loop:script.py:12",
            code_address: CODE,
            frame: &frame,
            eh_frame_address: CODE + 0x1000,
            lines: Some(LineInfo {
                file: "script.py",
                rows,
                prologue_end: Some(prologue_end),
            }),
        }
        .build()
        .unwrap();
        let (rows, _) = read_lines(&bytes);
        rows.iter()
            .map(|r| (r.0 - CODE, r.2, r.3))
            .collect::<Vec<_>>()
    };
    // A row starts there: it is flagged.
    assert_eq!(
        build(&[(0, 12), (26, 12), (40, 13)], 26),
        [
            (0, 12, false),
            (26, 12, true),
            (40, 13, false),
            (64, 13, false)
        ]
    );
    // None does: one repeating line 12 is added.
    assert_eq!(
        build(&[(0, 12), (40, 13)], 26),
        [
            (0, 12, false),
            (26, 12, true),
            (40, 13, false),
            (64, 13, false)
        ]
    );
}
