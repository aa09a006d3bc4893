//! In-memory ELF symfiles for GDB's JIT interface, written with `object::write::elf`.
//!
//! One file describes one or more functions (a batch of traces, see `crate::batch`), after
//! LuaJIT's `lj_gdbjit.c` design: an `ET_EXEC` ELF64 with one `.text` section of type
//! `SHT_NOBITS` spanning the functions' code at its real addresses (GDB reads the instructions
//! from the live process; one section, because GDB's cost per registered file grows with the
//! number of sections it already knows), a global `STT_FUNC` symbol per function; one
//! `.debug_frame` with every
//! function's CFI (absolute addresses, not allocated: the file claims no address besides the
//! code's); and, for functions with a [`LineInfo`], DWARF 4 line info (non-`ALLOC` `.debug_*`
//! sections, absolute addresses, no relocations): per function a compile unit named after the
//! script with one `DW_TAG_subprogram` named after the symbol, both covering the code, and a line
//! program mapping code offsets to script lines. Calls inlined into the code are
//! `DW_TAG_inlined_subroutine`s (nested as the calls are) of abstract subprograms named after the
//! callees, with the call's line and the code ranges the callee's code occupies: debuggers show
//! them as frames of their own.
//!
//! ```text
//!  ELF header | .debug_frame | .debug_* | .symtab | .strtab | .shstrtab | section headers
//!  sections: [0] null  [1] .text NOBITS @lowest code address, to the highest code end
//!            [2] .debug_frame
//!            then .debug_abbrev .debug_info .debug_line .debug_str (with line info only)
//!            then .symtab  .strtab  .shstrtab
//! ```

use gimli::write::{
    Address, AttributeValue, Dwarf, EndianVec, LineProgram, LineString, Sections, Unit,
};
use gimli::{Encoding, Format, LineEncoding, LittleEndian};
use object::elf;
use object::write::elf::{FileHeader, SectionHeader, Sym, Writer};
use object::Endianness;

use crate::arch::Arch;
use crate::eh_frame::{debug_frame, CodeRegion};
use crate::error::{Error, Result};
use crate::frame::FrameDesc;

/// One function a symfile describes: one code region of one trace.
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
    /// Source lines for the code, if any (adds `.debug_*` sections).
    pub lines: Option<LineInfo<'a>>,
}

/// Which script line each part of the code came from.
#[derive(Clone, Copy, Debug)]
pub struct LineInfo<'a> {
    /// The script's path as the user named it, e.g. `script.py` (the compile unit's name and
    /// the line table's only file). No NUL bytes, not empty.
    pub file: &'a str,
    /// `(code_offset, line)` rows in ascending offset order: each row's line holds from its
    /// offset up to the next row's (the last up to the code end). Offsets must be below the
    /// code size; lines start at 1.
    pub rows: &'a [(u32, u32)],
    /// The code offset where the function's prologue ends, if known: the row there gets
    /// DWARF's `prologue_end` flag (a row repeating the line in effect is added if none starts
    /// there). GDB 13 puts a breakpoint on the function, or on a line whose first address is the
    /// function's entry, at this offset instead of guessing from the line table (which, for JIT
    /// code whose first line continues past the prologue, guesses wrong).
    pub prologue_end: Option<u32>,
    /// The calls inlined into the code, callers before their callees.
    pub inlined: &'a [InlinedCall],
}

/// A call inlined into a function's code: debuggers show a frame for it wherever its code runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlinedCall {
    /// The callee's name, e.g. `py::step:script.py:3`. No NUL bytes.
    pub name: String,
    /// The inlined call this one is made from (an index into the same list, below this one's),
    /// `None` for a call the function itself makes.
    pub parent: Option<usize>,
    /// The script line of the call.
    pub call_line: u32,
    /// `[start, end)` code offset ranges where the callee's code runs (the calls it makes
    /// included): ascending, not empty, not touching (adjacent ranges are one), inside the code
    /// and inside its parent's ranges.
    pub ranges: Vec<(u32, u32)>,
}

/// One `.debug_*` section ready for the ELF writer.
struct DebugSection {
    name: &'static str,
    data: Vec<u8>,
}

/// Adds a DWARF 4 compile unit describing `lines` for `name` at `code_address..+code_len`.
fn add_unit(
    dwarf: &mut Dwarf,
    name: &str,
    code_address: u64,
    code_len: u32,
    lines: &LineInfo<'_>,
) -> Result<()> {
    if lines.file.is_empty() || lines.file.contains('\0') {
        return Err(Error::BadName {
            name: lines.file.to_owned(),
        });
    }
    let mut prev = None;
    for &(offset, line) in lines.rows {
        if offset >= code_len || line == 0 || prev.is_some_and(|p| offset < p) {
            return Err(Error::BadLineRow {
                offset,
                line,
                code_len,
            });
        }
        prev = Some(offset);
    }
    let encoding = Encoding {
        format: Format::Dwarf32,
        version: 4,
        address_size: 8,
    };
    let file_name = || LineString::String(lines.file.as_bytes().to_vec());
    let mut program = LineProgram::new(
        encoding,
        LineEncoding::default(),
        LineString::String(b".".to_vec()),
        None,
        file_name(),
        None,
    );
    let dir = program.default_directory();
    let file = program.add_file(file_name(), dir, None);
    if let Some(end) = lines.prologue_end {
        if end >= code_len {
            return Err(Error::BadLineRow {
                offset: end,
                line: 0,
                code_len,
            });
        }
    }
    let mut rows: Vec<(u32, u32, bool)> = Vec::with_capacity(lines.rows.len() + 1);
    for &(offset, line) in lines.rows {
        if let Some(end) = lines.prologue_end {
            let prev = rows.last().map(|r| r.0);
            if offset > end && prev.is_some_and(|p| p < end) {
                let held = rows.last().map_or(line, |r| r.1);
                rows.push((end, held, true));
            }
        }
        rows.push((offset, line, Some(offset) == lines.prologue_end));
    }
    program.begin_sequence(Some(Address::Constant(code_address)));
    for (offset, line, prologue_end) in rows {
        let row = program.row();
        row.address_offset = u64::from(offset);
        row.file = file;
        row.line = u64::from(line);
        row.prologue_end = prologue_end;
        program.generate_row();
    }
    program.end_sequence(u64::from(code_len));

    let name_id = dwarf.strings.add(name);
    let file_id = dwarf.strings.add(lines.file);
    let unit_id = dwarf.units.add(Unit::new(encoding, program));
    let unit = dwarf.units.get_mut(unit_id);
    let root = unit.root();
    let cu = unit.get_mut(root);
    cu.set(gimli::DW_AT_name, AttributeValue::StringRef(file_id));
    cu.set(
        gimli::DW_AT_producer,
        AttributeValue::String(b"lucent".to_vec()),
    );
    // The compile unit and the subprogram both cover the code.
    let set_range = |die: &mut gimli::write::DebuggingInformationEntry| {
        die.set(
            gimli::DW_AT_low_pc,
            AttributeValue::Address(Address::Constant(code_address)),
        );
        die.set(
            gimli::DW_AT_high_pc,
            AttributeValue::Udata(u64::from(code_len)),
        );
    };
    set_range(cu);
    let sub_id = unit.add(root, gimli::DW_TAG_subprogram);
    let sub = unit.get_mut(sub_id);
    sub.set(gimli::DW_AT_name, AttributeValue::StringRef(name_id));
    sub.set(gimli::DW_AT_external, AttributeValue::Flag(true));
    set_range(sub);
    if let Some(&(_, line)) = lines.rows.first() {
        sub.set(
            gimli::DW_AT_decl_file,
            AttributeValue::FileIndex(Some(file)),
        );
        sub.set(
            gimli::DW_AT_decl_line,
            AttributeValue::Udata(u64::from(line)),
        );
    }
    add_inlined(
        unit,
        root,
        sub_id,
        file,
        code_address,
        code_len,
        lines.inlined,
    )
}

/// Adds `calls` under subprogram `sub` of `unit` (whose root is `root`): one abstract
/// subprogram per callee name, one `DW_TAG_inlined_subroutine` per call.
fn add_inlined(
    unit: &mut Unit,
    root: gimli::write::UnitEntryId,
    sub: gimli::write::UnitEntryId,
    file: gimli::write::FileId,
    code_address: u64,
    code_len: u32,
    calls: &[InlinedCall],
) -> Result<()> {
    use gimli::write::{Range, RangeList};
    let mut origins: Vec<(&str, gimli::write::UnitEntryId)> = Vec::new();
    let mut dies: Vec<gimli::write::UnitEntryId> = Vec::with_capacity(calls.len());
    for (k, call) in calls.iter().enumerate() {
        let bad = |offset| Error::BadLineRow {
            offset,
            line: call.call_line,
            code_len,
        };
        let mut prev_end = None;
        for &(start, end) in &call.ranges {
            let inside_parent = call.parent.is_none_or(|p| {
                calls
                    .get(p)
                    .is_some_and(|p| p.ranges.iter().any(|&(ps, pe)| ps <= start && end <= pe))
            });
            if start >= end
                || end > code_len
                || prev_end.is_some_and(|p| start <= p)
                || !inside_parent
            {
                return Err(bad(start));
            }
            prev_end = Some(end);
        }
        let (Some(first), Some(last)) = (call.ranges.first(), call.ranges.last()) else {
            return Err(bad(0));
        };
        if call.name.contains('\0') || call.parent.is_some_and(|p| p >= k) {
            return Err(Error::BadName {
                name: call.name.clone(),
            });
        }
        let origin = match origins.iter().find(|(n, _)| *n == call.name) {
            Some(&(_, id)) => id,
            None => {
                let id = unit.add(root, gimli::DW_TAG_subprogram);
                let die = unit.get_mut(id);
                die.set(
                    gimli::DW_AT_name,
                    AttributeValue::String(call.name.as_bytes().to_vec()),
                );
                die.set(
                    gimli::DW_AT_inline,
                    AttributeValue::Inline(gimli::DW_INL_inlined),
                );
                origins.push((&call.name, id));
                id
            }
        };
        let parent = call.parent.map_or(sub, |p| dies[p]);
        let id = unit.add(parent, gimli::DW_TAG_inlined_subroutine);
        let ranges = match call.ranges.len() {
            1 => None,
            _ => Some(
                unit.ranges.add(RangeList(
                    call.ranges
                        .iter()
                        // Relative to the compile unit's base address, its low pc: the code.
                        .map(|&(start, end)| Range::OffsetPair {
                            begin: u64::from(start),
                            end: u64::from(end),
                        })
                        .collect(),
                )),
            ),
        };
        let die = unit.get_mut(id);
        die.set(
            gimli::DW_AT_abstract_origin,
            AttributeValue::UnitRef(origin),
        );
        match ranges {
            Some(list) => die.set(gimli::DW_AT_ranges, AttributeValue::RangeListRef(list)),
            None => {
                die.set(
                    gimli::DW_AT_low_pc,
                    AttributeValue::Address(Address::Constant(code_address + u64::from(first.0))),
                );
                die.set(
                    gimli::DW_AT_high_pc,
                    AttributeValue::Udata(u64::from(last.1 - first.0)),
                );
            }
        }
        die.set(
            gimli::DW_AT_call_file,
            AttributeValue::FileIndex(Some(file)),
        );
        die.set(
            gimli::DW_AT_call_line,
            AttributeValue::Udata(u64::from(call.call_line)),
        );
        dies.push(id);
    }
    Ok(())
}

/// The `.debug_*` sections of `dwarf`, without empty ones.
fn debug_sections(dwarf: &mut Dwarf) -> Result<Vec<DebugSection>> {
    let mut sections = Sections::new(EndianVec::new(LittleEndian));
    dwarf.write(&mut sections)?;
    let mut out = Vec::new();
    sections.for_each(|id, data| -> Result<()> {
        if !data.slice().is_empty() {
            out.push(DebugSection {
                name: id.name(),
                data: data.slice().to_vec(),
            });
        }
        Ok(())
    })?;
    Ok(out)
}

impl Symfile<'_> {
    /// Serializes an ELF image describing this one function.
    pub fn build(&self) -> Result<Vec<u8>> {
        build_symfile(std::slice::from_ref(self))
    }
}

/// Serializes one ELF image describing every function of `functions` (at least one, all of one
/// architecture, code ranges not overlapping). Its `.text` spans from the lowest code address to
/// the highest code end: the caller guarantees that everything in between is JIT memory of its
/// own (GDB attributes addresses in the span to this file).
pub fn build_symfile(functions: &[Symfile<'_>]) -> Result<Vec<u8>> {
    let arch = functions.first().ok_or(Error::EmptySymfile)?.arch;
    let mut dwarf = Dwarf::new();
    for f in functions {
        if f.name.contains('\0') {
            return Err(Error::BadName {
                name: f.name.to_owned(),
            });
        }
        if f.arch != arch {
            return Err(Error::MixedArch);
        }
        if let Some(lines) = &f.lines {
            add_unit(
                &mut dwarf,
                f.name,
                f.code_address,
                f.frame.code_len(),
                lines,
            )?;
        }
    }
    let regions: Vec<CodeRegion> = functions
        .iter()
        .map(|f| CodeRegion {
            address: f.code_address,
            frame: f.frame,
        })
        .collect();
    let frames = debug_frame(arch, &regions)?;
    let debug = debug_sections(&mut dwarf)?;

    let mut buffer = Vec::new();
    let mut w = Writer::new(Endianness::Little, true, &mut buffer);
    w.reserve_file_header();
    w.reserve_null_section_index();
    let text_name = w.add_section_name(b".text");
    let text = w.reserve_section_index();
    let frame_name = w.add_section_name(b".debug_frame");
    w.reserve_section_index();
    let debug_names: Vec<_> = debug
        .iter()
        .map(|d| {
            let name = w.add_section_name(d.name.as_bytes());
            w.reserve_section_index();
            name
        })
        .collect();
    let frame_offset = w.reserve(frames.len(), 8);
    let debug_offsets: Vec<_> = debug.iter().map(|d| w.reserve(d.data.len(), 1)).collect();
    let sym_names: Vec<_> = functions
        .iter()
        .map(|f| w.add_string(f.name.as_bytes()))
        .collect();
    w.reserve_null_symbol_index();
    for _ in functions {
        w.reserve_symbol_index(Some(text));
    }
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
        e_machine: arch.elf_machine(),
        e_entry: 0,
        e_flags: 0,
    })?;
    w.write_align(8);
    w.write(&frames);
    for d in &debug {
        w.write(&d.data);
    }
    w.write_null_symbol();
    for (f, &name) in functions.iter().zip(&sym_names) {
        w.write_symbol(&Sym {
            name: Some(name),
            section: Some(text),
            st_info: (elf::STB_GLOBAL << 4) | elf::STT_FUNC,
            st_other: elf::STV_DEFAULT,
            st_shndx: 0,
            st_value: f.code_address,
            st_size: u64::from(f.frame.code_len()),
        });
    }
    w.write_strtab();
    w.write_shstrtab();
    w.write_null_section_header();
    let start = functions.iter().map(|f| f.code_address).min();
    let end = functions
        .iter()
        .map(|f| f.code_address + u64::from(f.frame.code_len()))
        .max();
    let (start, end) = (start.unwrap_or(0), end.unwrap_or(0));
    w.write_section_header(&SectionHeader {
        name: Some(text_name),
        sh_type: elf::SHT_NOBITS,
        sh_flags: u64::from(elf::SHF_ALLOC | elf::SHF_EXECINSTR),
        sh_addr: start,
        sh_offset: 0,
        sh_size: end - start,
        sh_link: 0,
        sh_info: 0,
        sh_addralign: 1,
        sh_entsize: 0,
    });
    w.write_section_header(&SectionHeader {
        name: Some(frame_name),
        sh_type: elf::SHT_PROGBITS,
        sh_flags: 0,
        sh_addr: 0,
        sh_offset: frame_offset as u64,
        sh_size: frames.len() as u64,
        sh_link: 0,
        sh_info: 0,
        sh_addralign: 8,
        sh_entsize: 0,
    });
    for ((d, &name), &offset) in debug.iter().zip(&debug_names).zip(&debug_offsets) {
        w.write_section_header(&SectionHeader {
            name: Some(name),
            sh_type: elf::SHT_PROGBITS,
            sh_flags: 0,
            sh_addr: 0,
            sh_offset: offset as u64,
            sh_size: d.data.len() as u64,
            sh_link: 0,
            sh_info: 0,
            sh_addralign: 1,
            sh_entsize: 0,
        });
    }
    // One local symbol: the null symbol.
    w.write_symtab_section_header(1);
    w.write_strtab_section_header();
    w.write_shstrtab_section_header();
    debug_assert_eq!(w.reserved_len(), w.len());
    Ok(buffer)
}
