//! `/tmp/jit-PID.dump`: perf's binary jitdump, code bytes and line tables for `perf inject --jit`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use crate::create::create_private;
use crate::error::{Error, Result};
use crate::sys::{current_tid, monotonic_ns, ExecMapping};

/// `"JiTD"` read as a native-endian u32; perf detects a byte-swapped file by this.
pub const MAGIC: u32 = 0x4A69_5444;
/// The only jitdump version perf knows.
pub const VERSION: u32 = 1;
/// Size of the file header in bytes.
pub const HEADER_SIZE: u32 = 40;
/// Size of every record's prefix (`id`, `total_size`, `timestamp`).
pub const PREFIX_SIZE: usize = 16;

/// Set in the header when timestamps come from the CPU counter; we use `CLOCK_MONOTONIC`, so
/// it is always clear and `perf record` must run with `-k mono`.
pub const JITDUMP_FLAGS_ARCH_TIMESTAMP: u64 = 1;

/// Record ids, from the spec's `enum jit_record_type`.
pub const JIT_CODE_LOAD: u32 = 0;
/// See [`JIT_CODE_LOAD`].
pub const JIT_CODE_MOVE: u32 = 1;
/// See [`JIT_CODE_LOAD`].
pub const JIT_CODE_DEBUG_INFO: u32 = 2;
/// See [`JIT_CODE_LOAD`].
pub const JIT_CODE_CLOSE: u32 = 3;
/// See [`JIT_CODE_LOAD`].
pub const JIT_CODE_UNWINDING_INFO: u32 = 4;

/// The ELF `e_machine` of the code in the dump, written to the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElfMachine {
    /// `EM_X86_64`.
    X86_64,
    /// `EM_AARCH64`.
    Aarch64,
}

impl ElfMachine {
    /// The `e_machine` number.
    pub const fn code(self) -> u32 {
        match self {
            ElfMachine::X86_64 => 62,
            ElfMachine::Aarch64 => 183,
        }
    }
}

/// One row of a line table: the code from `offset` up to the next row's offset came from
/// `file:line`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineEntry<'a> {
    /// Offset from the start of the code, `0..=code.len()`.
    pub offset: u64,
    /// Source file path, as perf should print it.
    pub file: &'a str,
    /// 1-based source line.
    pub line: u32,
}

/// Unwind tables for one piece of code, as a linker would lay them out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnwindInfo<'a> {
    /// The `.eh_frame` section (CIE + FDE) for the code.
    pub eh_frame: &'a [u8],
    /// The `.eh_frame_hdr` section indexing `eh_frame`.
    pub eh_frame_hdr: &'a [u8],
    /// How many of these bytes are also mapped in memory right after the code (0 if the
    /// tables live only in this file). perf extends the code's mmap event by this much, and its
    /// DWARF unwinder (`--call-graph dwarf`, libunwind) reads `.eh_frame_hdr` through that
    /// mmap: with 0 it finds no tables and stops at the JIT frame. So map both tables right
    /// after the code, as `genelf` lays them out, and say so here (lucent's JIT does).
    pub mapped_size: u64,
}

impl<'a> UnwindInfo<'a> {
    /// Tables that live only in the dump (`mapped_size` 0): enough for `perf report` with
    /// frame-pointer call graphs, not for `--call-graph dwarf` (see `mapped_size`). Build
    /// `eh_frame` for `lucent_unwind::perf_eh_frame_address(code_addr, code.len())` and
    /// `eh_frame_hdr` for the address right after it; that is where `perf inject --jit` lays
    /// them out in the `jitted-PID-INDEX.so`.
    pub const fn from_parts(eh_frame: &'a [u8], eh_frame_hdr: &'a [u8]) -> UnwindInfo<'a> {
        UnwindInfo {
            eh_frame,
            eh_frame_hdr,
            mapped_size: 0,
        }
    }
}

/// Everything perf needs to know about one piece of freshly compiled code.
#[derive(Clone, Copy, Debug)]
pub struct CodeLoad<'a> {
    /// Symbol name shown by `perf report`.
    pub name: &'a str,
    /// Address of the first code byte in this process.
    pub code_addr: u64,
    /// The machine code, exactly as it sits at `code_addr`.
    pub code: &'a [u8],
    /// Line table, any order (it is sorted by offset); may be empty.
    pub lines: &'a [LineEntry<'a>],
    /// Unwind tables, if the code has them.
    pub unwind: Option<UnwindInfo<'a>>,
}

/// A jitdump being written. Dropping it writes `JIT_CODE_CLOSE`, flushes, and unmaps the
/// marker mapping; [`JitDump::close`] does the same but reports errors.
pub struct JitDump {
    out: BufWriter<File>,
    path: PathBuf,
    pid: u32,
    next_code_index: u64,
    closed: bool,
    // Declared last so it is unmapped after the close record is written.
    _marker: ExecMapping,
}

impl JitDump {
    /// Creates `/tmp/jit-PID.dump` for the current process.
    pub fn create(machine: ElfMachine) -> Result<JitDump> {
        JitDump::create_in(Path::new("/tmp"), std::process::id(), machine)
    }

    /// Creates `DIR/jit-PID.dump` (mode 0600, same rules as the perf map for an existing
    /// file), writes the header, and maps the file `PROT_READ | PROT_EXEC` so that
    /// `perf record` sees an mmap event naming it.
    pub fn create_in(dir: &Path, pid: u32, machine: ElfMachine) -> Result<JitDump> {
        let path = dir.join(format!("jit-{pid}.dump"));
        let file = create_private(&path)?;
        let mut header = Vec::with_capacity(HEADER_SIZE as usize);
        put_u32(&mut header, MAGIC);
        put_u32(&mut header, VERSION);
        put_u32(&mut header, HEADER_SIZE);
        put_u32(&mut header, machine.code());
        put_u32(&mut header, 0); // pad1
        put_u32(&mut header, pid);
        put_u64(&mut header, monotonic_ns());
        put_u64(&mut header, 0); // flags: JITDUMP_FLAGS_ARCH_TIMESTAMP clear
        debug_assert_eq!(header.len(), HEADER_SIZE as usize);

        let marker = ExecMapping::new(file.as_raw_fd()).map_err(|source| Error::Mmap {
            path: path.clone(),
            source,
        })?;
        let mut dump = JitDump {
            out: BufWriter::new(file),
            path,
            pid,
            next_code_index: 0,
            closed: false,
            _marker: marker,
        };
        dump.write_all(&header)?;
        dump.flush()?;
        Ok(dump)
    }

    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Publishes one piece of code and returns its `code_index`.
    ///
    /// Writes, in this order: `JIT_CODE_DEBUG_INFO` (if there are lines),
    /// `JIT_CODE_UNWINDING_INFO` (if there are tables), then `JIT_CODE_LOAD` — perf attaches
    /// debug and unwind records to the *next* load. Then flushes, so a crash leaves whole
    /// records.
    ///
    /// The line table gets one extra row at `code.len()` repeating the last row, because perf
    /// ends the line sequence at the last entry and would otherwise drop the last range.
    ///
    /// `code_index` values are unique and increasing within a dump. `perf inject --jit` writes
    /// one `jitted-PID-INDEX.so` per load and derives its build-id from the contents, so
    /// republishing code at a reused address is fine as long as each load is its own call.
    pub fn write_code_load(&mut self, load: &CodeLoad<'_>) -> Result<u64> {
        check_name(load.name)?;
        let code_size = load.code.len() as u64;
        if !load.lines.is_empty() {
            let record = debug_info_record(load.code_addr, code_size, load.lines)?;
            self.write_all(&record)?;
        }
        if let Some(unwind) = &load.unwind {
            self.write_all(&unwinding_record(unwind)?)?;
        }
        let code_index = self.next_code_index;
        let mut record = Vec::new();
        prefix(&mut record, JIT_CODE_LOAD);
        put_u32(&mut record, self.pid);
        put_u32(&mut record, current_tid());
        put_u64(&mut record, load.code_addr); // vma
        put_u64(&mut record, load.code_addr);
        put_u64(&mut record, code_size);
        put_u64(&mut record, code_index);
        put_str(&mut record, load.name);
        record.extend_from_slice(load.code);
        finish(&mut record)?;
        self.write_all(&record)?;
        self.flush()?;
        self.next_code_index += 1;
        Ok(code_index)
    }

    /// Writes `JIT_CODE_CLOSE` and flushes, reporting any error (Drop would swallow it).
    pub fn close(mut self) -> Result<()> {
        self.write_close()
    }

    fn write_close(&mut self) -> Result<()> {
        self.closed = true;
        let mut record = Vec::with_capacity(PREFIX_SIZE);
        prefix(&mut record, JIT_CODE_CLOSE);
        finish(&mut record)?;
        self.write_all(&record)?;
        self.flush()
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }
}

impl Drop for JitDump {
    fn drop(&mut self) {
        if !self.closed {
            // Nothing to report to from Drop; `close` is the checked path.
            let _ = self.write_close();
        }
    }
}

fn debug_info_record(code_addr: u64, code_size: u64, lines: &[LineEntry<'_>]) -> Result<Vec<u8>> {
    let mut rows = lines.to_vec();
    rows.sort_by_key(|row| row.offset);
    for row in &rows {
        check_name(row.file)?;
        if row.offset > code_size {
            return Err(Error::LineOutOfRange {
                offset: row.offset,
                code_size,
            });
        }
    }
    if let Some(&last) = rows.last() {
        if last.offset < code_size {
            rows.push(LineEntry {
                offset: code_size,
                ..last
            });
        }
    }
    let mut record = Vec::new();
    prefix(&mut record, JIT_CODE_DEBUG_INFO);
    put_u64(&mut record, code_addr);
    put_u64(&mut record, rows.len() as u64);
    for row in &rows {
        put_u64(&mut record, code_addr + row.offset);
        put_u32(&mut record, row.line);
        put_u32(&mut record, 0); // discriminator
        put_str(&mut record, row.file);
    }
    finish(&mut record)?;
    Ok(record)
}

fn unwinding_record(unwind: &UnwindInfo<'_>) -> Result<Vec<u8>> {
    let data_size = (unwind.eh_frame.len() + unwind.eh_frame_hdr.len()) as u64;
    let mut record = Vec::new();
    prefix(&mut record, JIT_CODE_UNWINDING_INFO);
    put_u64(&mut record, data_size);
    put_u64(&mut record, unwind.eh_frame_hdr.len() as u64);
    put_u64(&mut record, unwind.mapped_size);
    // perf's genelf takes `.eh_frame` first and `.eh_frame_hdr` as the last
    // `eh_frame_hdr_size` bytes.
    record.extend_from_slice(unwind.eh_frame);
    record.extend_from_slice(unwind.eh_frame_hdr);
    record.resize(record.len().next_multiple_of(8), 0);
    finish(&mut record)?;
    Ok(record)
}

/// Starts a record: id, a total_size placeholder patched by [`finish`], timestamp.
fn prefix(record: &mut Vec<u8>, id: u32) {
    put_u32(record, id);
    put_u32(record, 0);
    put_u64(record, monotonic_ns());
}

/// Patches the record's `total_size`.
fn finish(record: &mut [u8]) -> Result<()> {
    let size = u32::try_from(record.len()).map_err(|_| Error::RecordTooLarge {
        size: record.len() as u64,
    })?;
    record[4..8].copy_from_slice(&size.to_ne_bytes());
    Ok(())
}

fn check_name(name: &str) -> Result<()> {
    if name.contains('\0') {
        return Err(Error::BadName {
            name: name.to_string(),
            forbidden: '\0',
        });
    }
    Ok(())
}

fn put_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_ne_bytes());
}

fn put_u64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(&value.to_ne_bytes());
}

fn put_str(out: &mut Vec<u8>, value: &str) {
    out.extend_from_slice(value.as_bytes());
    out.push(0);
}
