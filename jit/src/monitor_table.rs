//! The monitor table: per-trace counters and the JIT's state, exported at the symbol
//! `lucent_monitor` so an outside process (`lucent top`) can read them with `process_vm_readv`
//! alone, without the target's cooperation and without stopping it.
//!
//! The monitor finds the symbol in `/proc/PID/exe` (lucent is a PIE: add the load bias from
//! `/proc/PID/maps`), reads the header, checks `magic` and `version`, then reads `count` records
//! through the chunk pointers. Every field is written by the JIT's thread with plain stores
//! (relaxed atomics: an ordinary `mov`), so the counters cost the script nothing measurable; a
//! reader may see a record half updated, which only ever makes a counter one step stale.
//!
//! The layout (version 1; native-endian, little-endian on both our ISAs; addresses are the
//! target's):
//!
//! ```text
//! lucent_monitor (header, 560 bytes):
//!   0  u32 magic (0x4e4f4d4c, "LMON")   4  u32 version (1)
//!   8  u32 record_size (112)             12 u32 chunk_records (1024)
//!  16  u32 max_chunks (64)              20 u32 state      0 no JIT, 1 interpreting,
//!                                                         2 recording a trace, 3 running a trace
//!  24  u64 count     records published (monotonic; a record is complete before it is counted)
//!  32  u64 current   id + 1 of the trace entered from the interpreter (0: none) — chained side
//!                    traces do not change it; samples say exactly which code runs
//!  40  u32 cell_size (16)               44 u32 cell_taken (8)   offset of `taken` in an exit cell
//!  48  u64 chunks[64]  pointers to arrays of `chunk_records` records (0 until allocated)
//! record (112 bytes), record i at chunks[i / chunk_records][i % chunk_records]:
//!   0  u32 id        4  u32 flags (1 installed, 2 side trace)
//!   8  u64 code      start address of the trace's machine code
//!  16  u32 code_len 20  u32 parent   parent trace id for a side trace, else u32::MAX
//!  24  u64 entries   entries from the interpreter
//!  32  u64 deopts    returns to the interpreter through an exit (chained exits excluded)
//!  40  u64 cells     the trace's exit cells (`backend::ExitCell`, `taken` counts every exit)
//!  48  u32 ncells   52  u32 parent_exit
//!  56  u64 exits     `ncells` exit rows: u32 line, u32 side (side trace id + 1, 0 none)
//!  64  u64 name     72  u32 name_len   76 u32 line   `py::fn:file:line`, UTF-8; header line
//!  80  u64 uops     88  u64 uops_len   the optimized IR as text (`LUCENT_JIT_DUMP`'s format)
//!  96  u64 file    104  u64 file_len   the script's path as the VM knows it (UTF-8)
//! ```
//!
//! Strings and exit rows are owned by the trace ([`Slot`]); the records themselves are never
//! freed (chunks live as long as the process), so a pointer read from the header always points
//! at a record. When the engine is dropped, `count` goes back to 0 before the strings are freed.
//! One engine per process publishes (the first one made: `lucent run` has exactly one); others
//! (unit tests running engines in parallel) publish nothing.

use std::mem::{offset_of, size_of};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64, Ordering::*};

use crate::backend::ExitCell;

pub const MAGIC: u32 = 0x4e4f_4d4c;
pub const VERSION: u32 = 1;
pub const CHUNK_RECORDS: usize = 1024;
pub const MAX_CHUNKS: usize = 64;

/// Record flags.
pub const INSTALLED: u32 = 1;
pub const SIDE: u32 = 2;

/// `state` values.
pub const STATE_NONE: u32 = 0;
pub const STATE_INTERPRETING: u32 = 1;
pub const STATE_RECORDING: u32 = 2;
pub const STATE_TRACE: u32 = 3;

/// The header at `lucent_monitor` (see the module docs).
#[repr(C)]
pub struct Table {
    magic: AtomicU32,
    version: AtomicU32,
    record_size: AtomicU32,
    chunk_records: AtomicU32,
    max_chunks: AtomicU32,
    state: AtomicU32,
    count: AtomicU64,
    current: AtomicU64,
    cell_size: AtomicU32,
    cell_taken: AtomicU32,
    chunks: [AtomicPtr<Record>; MAX_CHUNKS],
}

/// One trace's record (see the module docs).
#[repr(C)]
#[derive(Default)]
pub struct Record {
    id: AtomicU32,
    flags: AtomicU32,
    code: AtomicU64,
    code_len: AtomicU32,
    parent: AtomicU32,
    entries: AtomicU64,
    deopts: AtomicU64,
    cells: AtomicU64,
    ncells: AtomicU32,
    parent_exit: AtomicU32,
    exits: AtomicU64,
    name: AtomicU64,
    name_len: AtomicU32,
    line: AtomicU32,
    uops: AtomicU64,
    uops_len: AtomicU64,
    file: AtomicU64,
    file_len: AtomicU64,
}

/// One exit's row: its script line and the side trace it continues in (id + 1, 0 for none).
#[repr(C)]
#[derive(Default)]
pub struct ExitRow {
    pub line: AtomicU32,
    pub side: AtomicU32,
}

/// The layout numbers a reader must agree with (the monitor's tests compare its own against
/// these): `(header size, chunks offset, record size, [field offsets in record order])`.
pub const LAYOUT: (usize, usize, usize, [usize; 18]) = (
    size_of::<Table>(),
    offset_of!(Table, chunks),
    size_of::<Record>(),
    [
        offset_of!(Record, id),
        offset_of!(Record, flags),
        offset_of!(Record, code),
        offset_of!(Record, code_len),
        offset_of!(Record, parent),
        offset_of!(Record, entries),
        offset_of!(Record, deopts),
        offset_of!(Record, cells),
        offset_of!(Record, ncells),
        offset_of!(Record, parent_exit),
        offset_of!(Record, exits),
        offset_of!(Record, name),
        offset_of!(Record, name_len),
        offset_of!(Record, line),
        offset_of!(Record, uops),
        offset_of!(Record, uops_len),
        offset_of!(Record, file),
        offset_of!(Record, file_len),
    ],
);

const _: () = assert!(size_of::<Table>() == 560);
const _: () = assert!(offset_of!(Table, count) == 24);
const _: () = assert!(offset_of!(Table, chunks) == 48);
const _: () = assert!(size_of::<Record>() == 112);
const _: () = assert!(size_of::<ExitRow>() == 8);
const _: () = assert!(size_of::<ExitCell>() == 16);
const _: () = assert!(offset_of!(ExitCell, taken) == 8);

#[allow(clippy::declare_interior_mutable_const)]
const NO_CHUNK: AtomicPtr<Record> = AtomicPtr::new(std::ptr::null_mut());

/// Read by `lucent top` by name; written through [`Monitor`].
#[unsafe(no_mangle)]
#[used]
pub static lucent_monitor: Table = Table {
    magic: AtomicU32::new(0),
    version: AtomicU32::new(0),
    record_size: AtomicU32::new(size_of::<Record>() as u32),
    chunk_records: AtomicU32::new(CHUNK_RECORDS as u32),
    max_chunks: AtomicU32::new(MAX_CHUNKS as u32),
    state: AtomicU32::new(STATE_NONE),
    count: AtomicU64::new(0),
    current: AtomicU64::new(0),
    cell_size: AtomicU32::new(size_of::<ExitCell>() as u32),
    cell_taken: AtomicU32::new(offset_of!(ExitCell, taken) as u32),
    chunks: [NO_CHUNK; MAX_CHUNKS],
};

/// Set while an engine owns the table.
static CLAIMED: AtomicBool = AtomicBool::new(false);

/// The engine's handle on the table: present only in the engine that claimed it.
pub struct Monitor(());

impl Monitor {
    /// Claims the table for this engine, or `None` if another engine in the process has it.
    pub fn claim() -> Option<Monitor> {
        CLAIMED
            .compare_exchange(false, true, AcqRel, Relaxed)
            .ok()?;
        let t = &lucent_monitor;
        t.count.store(0, Relaxed);
        t.current.store(0, Relaxed);
        t.state.store(STATE_INTERPRETING, Relaxed);
        t.version.store(VERSION, Release);
        t.magic.store(MAGIC, Release);
        Some(Monitor(()))
    }

    /// Sets the JIT's state (`STATE_*`).
    #[inline]
    pub fn set_state(&self, state: u32) {
        lucent_monitor.state.store(state, Relaxed);
    }

    /// Marks `id` as the trace entered (`None`: back in the interpreter).
    #[inline]
    pub fn set_current(&self, id: Option<u32>) {
        let v = id.map_or(0, |i| u64::from(i) + 1);
        lucent_monitor.current.store(v, Relaxed);
        let state = if id.is_some() {
            STATE_TRACE
        } else {
            STATE_INTERPRETING
        };
        lucent_monitor.state.store(state, Relaxed);
    }

    /// Publishes a record for a new trace; `None` when the table is full (then the trace is
    /// simply not shown). The strings and rows in `slot` must live as long as the trace.
    pub fn publish(&self, desc: &TraceDesc<'_>, slot: &Slot) -> Option<&'static Record> {
        let t = &lucent_monitor;
        let index = t.count.load(Relaxed) as usize;
        let (chunk, at) = (index / CHUNK_RECORDS, index % CHUNK_RECORDS);
        if chunk >= MAX_CHUNKS {
            return None;
        }
        let mut base = t.chunks[chunk].load(Acquire);
        if base.is_null() {
            // Never freed: a reader may hold this pointer at any time (see the module docs).
            let records: &'static mut [Record] = Box::leak(
                (0..CHUNK_RECORDS)
                    .map(|_| Record::default())
                    .collect::<Box<[Record]>>(),
            );
            base = records.as_mut_ptr();
            t.chunks[chunk].store(base, Release);
        }
        // SAFETY: `base` points at a leaked (never freed) array of CHUNK_RECORDS records and
        // `at < CHUNK_RECORDS`; records are only shared through `&` (atomics), so handing out a
        // `&'static` is sound.
        let r: &'static Record = unsafe { &*base.add(at) };
        let set32 = |f: &AtomicU32, v: u32| f.store(v, Relaxed);
        let set64 = |f: &AtomicU64, v: u64| f.store(v, Relaxed);
        set32(&r.id, desc.id);
        set32(
            &r.flags,
            INSTALLED | if desc.parent.is_some() { SIDE } else { 0 },
        );
        set64(&r.code, desc.code.0);
        set32(&r.code_len, desc.code.1);
        let (parent, parent_exit) = desc.parent.unwrap_or((u32::MAX, 0));
        set32(&r.parent, parent);
        set32(&r.parent_exit, parent_exit);
        set64(&r.entries, 0);
        set64(&r.deopts, 0);
        set64(&r.cells, desc.cells.as_ptr() as u64);
        set32(&r.ncells, desc.cells.len() as u32);
        set64(&r.exits, slot.exits.as_ptr() as u64);
        set64(&r.name, slot.name.as_ptr() as u64);
        set32(&r.name_len, slot.name.len() as u32);
        set32(&r.line, desc.line);
        set64(&r.uops, slot.uops.as_ptr() as u64);
        set64(&r.uops_len, slot.uops.len() as u64);
        set64(&r.file, slot.file.as_ptr() as u64);
        set64(&r.file_len, slot.file.len() as u64);
        t.count.store(index as u64 + 1, Release);
        Some(r)
    }
}

impl Drop for Monitor {
    fn drop(&mut self) {
        let t = &lucent_monitor;
        t.count.store(0, Release);
        t.current.store(0, Relaxed);
        t.state.store(STATE_NONE, Relaxed);
        CLAIMED.store(false, Release);
    }
}

/// What a record describes, borrowed from the trace being made.
pub struct TraceDesc<'a> {
    pub id: u32,
    /// Code start and length.
    pub code: (u64, u32),
    pub parent: Option<(u32, u32)>,
    pub line: u32,
    pub cells: &'a [ExitCell],
}

/// The memory a record points into, owned by its trace (heap data that never moves).
#[derive(Default)]
pub struct Slot {
    pub name: Box<str>,
    pub uops: Box<str>,
    pub file: Box<str>,
    pub exits: Box<[ExitRow]>,
    /// The published record, if any.
    pub record: Option<&'static Record>,
}

impl Slot {
    /// Counts an entry from the interpreter.
    #[inline]
    pub fn entered(&self) {
        if let Some(r) = self.record {
            r.entries.store(r.entries.load(Relaxed) + 1, Relaxed);
        }
    }

    /// Counts a return to the interpreter through an exit.
    #[inline]
    pub fn deopted(&self) {
        if let Some(r) = self.record {
            r.deopts.store(r.deopts.load(Relaxed) + 1, Relaxed);
        }
    }

    /// Records that exit `k` now continues in side trace `side`.
    pub fn linked(&self, k: usize, side: u32) {
        if let Some(row) = self.exits.get(k) {
            row.side.store(side + 1, Relaxed);
        }
    }

    /// Clears the installed flag (the loop is interpreted again).
    pub fn uninstalled(&self) {
        if let Some(r) = self.record {
            r.flags.fetch_and(!INSTALLED, Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_published_in_order_and_count() {
        // Another test's engine may hold the table for a moment: wait for it.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let m = loop {
            if let Some(m) = Monitor::claim() {
                break m;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the table was never released"
            );
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        let cells: Box<[ExitCell]> = (0..3).map(|_| ExitCell::default()).collect();
        let mut slot = Slot {
            name: "py::f:x.py:3".into(),
            uops: "v0 = Nop".into(),
            file: "/x.py".into(),
            exits: (0..3).map(|_| ExitRow::default()).collect(),
            record: None,
        };
        let desc = TraceDesc {
            id: 0,
            code: (0x1000, 64),
            parent: None,
            line: 3,
            cells: &cells,
        };
        slot.record = m.publish(&desc, &slot);
        slot.entered();
        slot.entered();
        slot.deopted();
        slot.linked(1, 7);
        let r = slot.record.expect("published");
        assert_eq!(lucent_monitor.count.load(Relaxed), 1);
        assert_eq!(r.entries.load(Relaxed), 2);
        assert_eq!(r.deopts.load(Relaxed), 1);
        assert_eq!(slot.exits[1].side.load(Relaxed), 8);
        assert_eq!(r.name_len.load(Relaxed), 12);
        assert_eq!(lucent_monitor.magic.load(Relaxed), MAGIC);
        drop(m);
        assert_eq!(lucent_monitor.count.load(Relaxed), 0);
    }
}
