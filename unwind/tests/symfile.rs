//! The GDB symfile read back with `object`'s ELF reader, and the JIT list kept consistent.

use gimli::read::{BaseAddresses, CfaRule, DebugFrame, UnwindContext, UnwindSection};
use gimli::{LittleEndian, Register};
use lucent_unwind::{
    build_symfile, gdb_entry_count, Arch, Error, FrameDesc, GdbRegistration, InlinedCall, LineInfo,
    SymbolBatches, SymbolInfo, Symfile,
};
use object::read::elf::{ElfFile64, SectionHeader as _};
use object::{Object, ObjectSection, ObjectSymbol, SymbolKind};

const CODE: u64 = 0x7f12_3456_0000;

/// Tests that count GDB's list entries take this, so they do not see each other's entries.
static GDB_LIST: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn symfile(arch: Arch, frame: &FrameDesc) -> Vec<u8> {
    Symfile {
        arch,
        name: "py::loop:script.py:12",
        code_address: CODE,
        frame,
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

        // CFI in a non-allocated .debug_frame: the file claims no address but the code's.
        let frames = elf.section_by_name(".debug_frame").unwrap();
        let header = frames.elf_section_header();
        assert_eq!(
            header.sh_flags(elf.endian()) & u64::from(object::elf::SHF_ALLOC),
            0
        );
        let section = DebugFrame::new(frames.data().unwrap(), LittleEndian);
        let bases = BaseAddresses::default();
        let mut ctx = UnwindContext::new();
        let row = section
            .unwind_info_for_address(&bases, &mut ctx, CODE + 16, DebugFrame::cie_from_offset)
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

/// The symfile's DWARF sections, for `gimli::read` (absent ones empty).
fn load_dwarf<'a>(
    elf: &ElfFile64<'a, object::Endianness>,
) -> gimli::read::Dwarf<gimli::EndianSlice<'a, LittleEndian>> {
    gimli::read::Dwarf::load(|id| -> gimli::Result<_> {
        let data = elf
            .section_by_name(id.name())
            .and_then(|s| s.data().ok())
            .unwrap_or(&[]);
        Ok(gimli::EndianSlice::new(data, LittleEndian))
    })
    .unwrap()
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
    let dwarf = load_dwarf(&elf);
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
        lines: Some(LineInfo {
            file: "script.py",
            rows: &table,
            prologue_end: None,
            inlined: &[],
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
            lines: Some(LineInfo {
                file,
                rows,
                prologue_end: None,
                inlined: &[],
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
        lines: None,
    }
    .build()
    .unwrap_err();
    assert!(matches!(err, Error::BadName { .. }));
}

#[test]
fn gdb_list_links_and_unlinks() {
    let _list = GDB_LIST.lock().unwrap_or_else(|e| e.into_inner());
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
            lines: Some(LineInfo {
                file: "script.py",
                rows,
                prologue_end: Some(prologue_end),
                inlined: &[],
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

/// Several functions in one file: one `.text` spanning them, a symbol each, the CFI of each, a
/// compile unit each.
#[test]
fn one_symfile_describes_a_batch_of_functions() {
    let frame = FrameDesc::with_frame_pointer(64, 1, 4, 63);
    let names = ["py::a:s.py:1", "py::b:s.py:5", "py::c:s.py:9"];
    let rows = [[(0, 1)], [(0, 5)], [(0, 9)]];
    let functions: Vec<Symfile> = (0..3)
        .map(|k| Symfile {
            arch: Arch::X86_64,
            name: names[k],
            code_address: CODE + 0x1000 * k as u64,
            frame: &frame,
            lines: Some(LineInfo {
                file: "s.py",
                rows: &rows[k],
                prologue_end: None,
                inlined: &[],
            }),
        })
        .collect();
    let bytes = build_symfile(&functions).unwrap();
    let elf = ElfFile64::<object::Endianness>::parse(&*bytes).unwrap();
    let texts: Vec<_> = elf.sections().filter(|s| s.name() == Ok(".text")).collect();
    assert_eq!(texts.len(), 1);
    assert_eq!((texts[0].address(), texts[0].size()), (CODE, 0x2000 + 64));
    for (k, name) in names.iter().enumerate() {
        let sym = elf.symbols().find(|s| s.name() == Ok(*name)).unwrap();
        assert_eq!(sym.address(), CODE + 0x1000 * k as u64);
    }
    let frames = elf.section_by_name(".debug_frame").unwrap();
    let section = DebugFrame::new(frames.data().unwrap(), LittleEndian);
    for k in 0..3u64 {
        let mut ctx = UnwindContext::new();
        let row = section
            .unwind_info_for_address(
                &BaseAddresses::default(),
                &mut ctx,
                CODE + 0x1000 * k + 16,
                DebugFrame::cie_from_offset,
            )
            .unwrap();
        assert!(matches!(
            row.cfa(),
            CfaRule::RegisterAndOffset { offset: 16, .. }
        ));
    }
    let (lines, units) = read_lines(&bytes);
    assert_eq!(
        units.len(),
        6,
        "a compile unit and a subprogram per function: {units:?}"
    );
    for (k, line) in [1u64, 5, 9].into_iter().enumerate() {
        let addr = CODE + 0x1000 * k as u64;
        assert!(
            lines.iter().any(|r| r.0 == addr && r.2 == line),
            "{lines:?}"
        );
    }
    assert!(matches!(build_symfile(&[]), Err(Error::EmptySymfile)));
}

/// Batches: functions share a symfile per span key up to the capacity; forgetting every
/// function of a batch unregisters it.
#[test]
fn symbol_batches_group_and_release() {
    let frame = FrameDesc::with_frame_pointer(64, 1, 4, 63);
    let info = |k: u64| SymbolInfo {
        arch: Arch::X86_64,
        name: format!("py::f{k}:s.py:1"),
        code_address: CODE + 0x100 * k,
        frame: frame.clone(),
        file: "s.py".into(),
        rows: vec![(0, 1)],
        prologue_end: None,
        inlined: Vec::new(),
    };
    let _list = GDB_LIST.lock().unwrap_or_else(|e| e.into_inner());
    let before = gdb_entry_count();
    let mut batches = SymbolBatches::new(2);
    let h: Vec<_> = (0..3)
        .map(|k| batches.add(info(k), CODE).unwrap())
        .collect();
    // Another range never shares a batch with the first.
    let other = batches.add(info(9), 1).unwrap();
    assert_eq!(batches.symfile_count(), 3);
    assert_eq!(gdb_entry_count(), before + 3);
    batches.remove(h[0]);
    assert_eq!(
        gdb_entry_count(),
        before + 3,
        "a batch with a live function stays"
    );
    batches.remove(h[1]);
    assert_eq!(
        gdb_entry_count(),
        before + 2,
        "an emptied batch is unregistered"
    );
    batches.remove(h[2]);
    batches.remove(other);
    assert_eq!(gdb_entry_count(), before);
}

/// An independent reader: `addr2line` maps every code address of every function in a batch
/// symfile to its script file and line.
#[test]
fn addr2line_resolves_every_address() {
    let frame = FrameDesc::with_frame_pointer(64, 1, 4, 63);
    let rows = [[(0, 3), (20, 4), (40, 3)], [(0, 10), (8, 11), (50, 12)]];
    let functions: Vec<Symfile> = (0..2)
        .map(|k| Symfile {
            arch: Arch::X86_64,
            name: ["py::a:s.py:3", "py::b:s.py:10"][k],
            code_address: CODE + 0x1000 * k as u64,
            frame: &frame,
            lines: Some(LineInfo {
                file: "s.py",
                rows: &rows[k],
                prologue_end: Some(8),
                inlined: &[],
            }),
        })
        .collect();
    let bytes = build_symfile(&functions).unwrap();
    let elf = ElfFile64::<object::Endianness>::parse(&*bytes).unwrap();
    let dwarf = load_dwarf(&elf);
    let ctx = addr2line::Context::from_dwarf(dwarf).unwrap();
    for (k, table) in rows.iter().enumerate() {
        let base = CODE + 0x1000 * k as u64;
        for offset in 0..64u32 {
            let want = table.iter().rev().find(|&&(o, _)| o <= offset).unwrap().1;
            let loc = ctx
                .find_location(base + u64::from(offset))
                .unwrap()
                .unwrap_or_else(|| panic!("no location for function {k} +{offset}"));
            assert_eq!(
                (loc.file, loc.line),
                (Some("s.py"), Some(want)),
                "function {k} +{offset}"
            );
        }
        let mut frames = ctx.find_frames(base + 30).skip_all_loads().unwrap();
        let mut names = Vec::new();
        while let Some(f) = frames.next().unwrap() {
            names.push(f.function.unwrap().raw_name().unwrap().into_owned());
        }
        assert_eq!(names, [functions[k].name]);
    }
}

/// The symfile of `py::run:s.py:2`, 64 bytes at `CODE` with lines `rows` and calls `inlined`.
fn with_inlined(rows: &[(u32, u32)], inlined: &[InlinedCall]) -> lucent_unwind::Result<Vec<u8>> {
    let frame = FrameDesc::with_frame_pointer(64, 1, 4, 63);
    Symfile {
        arch: Arch::X86_64,
        name: "py::run:s.py:2",
        code_address: CODE,
        frame: &frame,
        lines: Some(LineInfo {
            file: "s.py",
            rows,
            prologue_end: None,
            inlined,
        }),
    }
    .build()
}

/// Inlined calls read back through `addr2line`: inside a callee's code the frames are the
/// callee's (at its line), then its callers' at their call lines, then the function's.
#[test]
fn addr2line_shows_inlined_calls_as_frames() {
    let rows = [(0, 3), (10, 20), (15, 30), (20, 21), (30, 4)];
    let inlined = [
        InlinedCall {
            name: "py::outer:s.py:19".into(),
            parent: None,
            call_line: 3,
            ranges: vec![(10, 30), (40, 44)],
        },
        InlinedCall {
            name: "py::inner:s.py:29".into(),
            parent: Some(0),
            call_line: 20,
            ranges: vec![(15, 20), (40, 44)],
        },
    ];
    let bytes = with_inlined(&rows, &inlined).unwrap();
    let elf = ElfFile64::<object::Endianness>::parse(&*bytes).unwrap();
    let ctx = addr2line::Context::from_dwarf(load_dwarf(&elf)).unwrap();
    let frames_at = |offset: u64| {
        let mut frames = ctx.find_frames(CODE + offset).skip_all_loads().unwrap();
        let mut out = Vec::new();
        while let Some(f) = frames.next().unwrap() {
            let name = f.function.unwrap().raw_name().unwrap().into_owned();
            out.push((name, f.location.and_then(|l| l.line)));
        }
        out
    };
    let named = |v: &[(&str, u32)]| -> Vec<(String, Option<u32>)> {
        v.iter().map(|&(n, l)| (n.to_string(), Some(l))).collect()
    };
    assert_eq!(frames_at(5), named(&[("py::run:s.py:2", 3)]));
    assert_eq!(
        frames_at(12),
        named(&[("py::outer:s.py:19", 20), ("py::run:s.py:2", 3)])
    );
    assert_eq!(
        frames_at(17),
        named(&[
            ("py::inner:s.py:29", 30),
            ("py::outer:s.py:19", 20),
            ("py::run:s.py:2", 3)
        ])
    );
    // The second range of `inner` (its exit path, say).
    assert_eq!(frames_at(41)[0].0, "py::inner:s.py:29");
    assert_eq!(frames_at(35), named(&[("py::run:s.py:2", 4)]));
}

/// Malformed inlined calls are refused, not written.
#[test]
fn bad_inlined_calls_are_refused() {
    let rows = [(0, 3)];
    let bad = [
        vec![(10, 10)],
        vec![(10, 70)],
        vec![(20, 30), (10, 15)],
        vec![(10, 15), (15, 20)],
        vec![(5, 12)],
        vec![],
    ];
    for ranges in bad {
        // The second call is made from the first, whose code is at 10..20.
        let inlined = [
            InlinedCall {
                name: "py::f:s.py:1".into(),
                parent: None,
                call_line: 3,
                ranges: vec![(10, 20)],
            },
            InlinedCall {
                name: "py::g:s.py:5".into(),
                parent: Some(0),
                call_line: 2,
                ranges: ranges.clone(),
            },
        ];
        assert!(
            with_inlined(&rows, &inlined).is_err(),
            "{ranges:?} accepted"
        );
    }
}
