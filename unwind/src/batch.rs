//! Symfiles for many functions, batched: GDB's cost for registering one symfile grows with the
//! number of symfiles (more exactly, of sections) it already holds (measured: 0.7 ms each at
//! 1,000 objects, 3.7 ms at 3,000, whether or not they carry DWARF), so one symfile per trace goes
//! quadratic. Functions are grouped instead: a new one joins the *open* batch with a symfile of
//! its own (cheap to build: no debugger may be attached at all); when the batch reaches
//! `capacity` functions, their symfiles are replaced by one for the whole batch, which is closed.
//! GDB then holds at most `n / capacity + capacity` objects. Removing a function drops its own
//! symfile while the batch is open; in a merged batch it only forgets it: its symbols stay in the
//! batch's symfile until the batch is emptied (then unregistered). That is sound because of the span-key
//! contract below: the addresses are never reused for anything else while the range is the
//! JIT's; and it keeps removing thousands of traces (at exit) from costing thousands of
//! rebuilds.
//!
//! A batch's symfile has one `.text` spanning its functions (see [`build_symfile`]), so only
//! functions from one address range that is wholly the JIT's own may share a batch: callers
//! name that range with a *span key* (e.g. the JIT's code arena; code mapped on its own gets a
//! key of its own).
//!
//! Measured with `examples/gdb_scale.rs` (10,000 functions, gdb 13 attached): one symfile per
//! function, 2.1 ms per registration on average at 3,000 and rising (quadratic); batches of 64
//! with one `.text` section each, 0.44 ms per function on average, flat from the first thousand
//! to the tenth (a `.text` per function instead: still rising, 2.7 ms on average). Without a
//! debugger: 10 µs per function.

use crate::arch::Arch;
use crate::error::Result;
use crate::frame::FrameDesc;
use crate::gdb::GdbRegistration;
use crate::symfile::{build_symfile, InlinedCall, LineInfo, Symfile};

/// One function, owned, as a batch keeps it (see [`Symfile`] for the fields).
#[derive(Clone, Debug)]
pub struct SymbolInfo {
    pub arch: Arch,
    pub name: String,
    pub code_address: u64,
    pub frame: FrameDesc,
    /// Script file and `(code offset, line)` rows, if the code has lines.
    pub file: String,
    pub rows: Vec<(u32, u32)>,
    pub prologue_end: Option<u32>,
    /// Calls inlined into the code (see [`LineInfo::inlined`]).
    pub inlined: Vec<InlinedCall>,
}

impl SymbolInfo {
    fn symfile(&self) -> Symfile<'_> {
        Symfile {
            arch: self.arch,
            name: &self.name,
            code_address: self.code_address,
            frame: &self.frame,
            lines: (!self.rows.is_empty()).then_some(LineInfo {
                file: &self.file,
                rows: &self.rows,
                prologue_end: self.prologue_end,
                inlined: &self.inlined,
            }),
        }
    }
}

/// Where a function is: which batch, which slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SymbolHandle {
    batch: usize,
    slot: usize,
}

#[derive(Default)]
struct Batch {
    /// Slots in insertion order; `None` once removed.
    slots: Vec<Option<SymbolInfo>>,
    /// While the batch fills: one symfile per live slot (same indices as `slots`).
    singles: Vec<Option<GdbRegistration>>,
    /// Once full: one symfile for every function of the batch.
    merged: Option<GdbRegistration>,
}

impl Batch {
    /// Replaces the per-function symfiles by one for the whole batch.
    fn merge(&mut self) -> Result<()> {
        let live: Vec<Symfile> = self.slots.iter().flatten().map(|s| s.symfile()).collect();
        if !live.is_empty() {
            self.merged = Some(GdbRegistration::register(build_symfile(&live)?));
        }
        self.singles.clear();
        Ok(())
    }

    fn registered(&self) -> usize {
        usize::from(self.merged.is_some()) + self.singles.iter().flatten().count()
    }
}

/// Every function registered with GDB by this JIT, in batches.
pub struct SymbolBatches {
    batches: Vec<Batch>,
    /// The open batch of each span key.
    open: std::collections::HashMap<u64, usize>,
    capacity: usize,
}

impl SymbolBatches {
    /// Batches of up to `capacity` functions (at least 1).
    pub fn new(capacity: usize) -> SymbolBatches {
        SymbolBatches {
            batches: Vec::new(),
            open: std::collections::HashMap::new(),
            capacity: capacity.max(1),
        }
    }

    /// Registers `info` with GDB (in the open batch of `span`, the key of the JIT-owned address
    /// range its code lies in) and returns its handle.
    pub fn add(&mut self, info: SymbolInfo, span: u64) -> Result<SymbolHandle> {
        let open = match self.open.get(&span) {
            Some(&b) if self.batches[b].slots.len() < self.capacity => b,
            _ => {
                self.batches.push(Batch::default());
                self.open.insert(span, self.batches.len() - 1);
                self.batches.len() - 1
            }
        };
        let single = GdbRegistration::register(info.symfile().build()?);
        let batch = &mut self.batches[open];
        batch.slots.push(Some(info));
        batch.singles.push(Some(single));
        let handle = SymbolHandle {
            batch: open,
            slot: batch.slots.len() - 1,
        };
        if batch.slots.len() == self.capacity {
            // A batch whose merged file cannot be built keeps its per-function files (`merge`
            // clears them only on success): GDB still sees every function, just less cheaply.
            let _ = batch.merge();
        }
        Ok(handle)
    }

    /// Forgets a function (its code is about to go away); unregisters its batch's symfile when
    /// no function of the batch is left (see the module docs for why not sooner).
    pub fn remove(&mut self, handle: SymbolHandle) {
        let Some(batch) = self.batches.get_mut(handle.batch) else {
            return;
        };
        if let Some(slot) = batch.slots.get_mut(handle.slot) {
            *slot = None;
        }
        if let Some(single) = batch.singles.get_mut(handle.slot) {
            *single = None;
        }
        if batch.slots.iter().all(Option::is_none) {
            batch.merged = None;
        }
    }

    /// How many symfiles GDB holds for these batches.
    pub fn symfile_count(&self) -> usize {
        self.batches.iter().map(Batch::registered).sum()
    }
}
