//! What the monitor reads from a lucent process: the exported monitor table
//! (`lucent_jit::monitor_table`, symbol `lucent_monitor`), the VM's debugger descriptor
//! (`lucent_vm::debugger`, symbol `lucent_debug`) for the innermost script frame, and GDB's JIT
//! list (`__jit_debug_descriptor`) whose in-memory ELF symfiles give each trace's line table.
//! All symbols are found in `/proc/PID/exe` with `object` and relocated by the PIE load bias.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use object::{Object, ObjectSegment, ObjectSymbol};

use crate::error::{Error, Result};
use crate::remote::{u32_at, u64_at, Process};

/// The monitor table layout this monitor reads (see `lucent_jit::monitor_table`).
pub mod layout {
    pub const MAGIC: u32 = 0x4e4f_4d4c;
    pub const VERSION: u32 = 1;
    pub const HEADER: usize = 560;
    pub const CHUNKS: usize = 48;
    pub const RECORD: usize = 112;
    /// Field offsets in a record, in `lucent_jit::monitor_table::LAYOUT` order.
    pub const ID: usize = 0;
    pub const FLAGS: usize = 4;
    pub const CODE: usize = 8;
    pub const CODE_LEN: usize = 16;
    pub const PARENT: usize = 20;
    pub const ENTRIES: usize = 24;
    pub const DEOPTS: usize = 32;
    pub const CELLS: usize = 40;
    pub const NCELLS: usize = 48;
    pub const PARENT_EXIT: usize = 52;
    pub const EXITS: usize = 56;
    pub const NAME: usize = 64;
    pub const NAME_LEN: usize = 72;
    pub const LINE: usize = 76;
    pub const UOPS: usize = 80;
    pub const UOPS_LEN: usize = 88;
    pub const FILE: usize = 96;
    pub const FILE_LEN: usize = 104;
    /// Every field, in record order.
    pub const FIELDS: [usize; 18] = [
        ID,
        FLAGS,
        CODE,
        CODE_LEN,
        PARENT,
        ENTRIES,
        DEOPTS,
        CELLS,
        NCELLS,
        PARENT_EXIT,
        EXITS,
        NAME,
        NAME_LEN,
        LINE,
        UOPS,
        UOPS_LEN,
        FILE,
        FILE_LEN,
    ];
}

/// Most traces read (the table's own capacity).
const MAX_TRACES: u64 = 64 * 1024;
/// Most exits one trace may claim.
const MAX_EXITS: u32 = 1 << 16;
/// Traces whose exit counters one table read refreshes (besides new traces).
const EXIT_WINDOW: usize = 2048;

/// The JIT's state (`state` in the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JitState {
    #[default]
    NoJit,
    Interpreting,
    Recording,
    InTrace,
}

impl JitState {
    fn from_raw(v: u32) -> JitState {
        match v {
            1 => JitState::Interpreting,
            2 => JitState::Recording,
            3 => JitState::InTrace,
            _ => JitState::NoJit,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            JitState::NoJit => "no JIT",
            JitState::Interpreting => "interpreting",
            JitState::Recording => "recording a trace",
            JitState::InTrace => "running a trace",
        }
    }
}

/// One exit of a trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitInfo {
    pub line: u32,
    pub taken: u64,
    /// The side trace it continues in.
    pub side: Option<u32>,
}

/// One trace's record, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceInfo {
    pub id: u32,
    pub name: Arc<str>,
    pub file: Arc<str>,
    pub line: u32,
    pub installed: bool,
    pub parent: Option<(u32, u32)>,
    pub code: u64,
    pub code_len: u32,
    pub entries: u64,
    pub deopts: u64,
    /// Shared: re-read (and replaced) only every few table reads at 10,000 traces.
    pub exits: Arc<[ExitInfo]>,
    pub uops_addr: (u64, u64),
}

impl TraceInfo {
    /// Side exits taken in total.
    pub fn exits_taken(&self) -> u64 {
        self.exits.iter().map(|e| e.taken).sum()
    }

    /// The script function (`fn` of `py::fn:file:line`).
    pub fn function(&self) -> &str {
        function_of(&self.name)
    }
}

/// `fn` of a `py::fn:file:line` name (the whole name if it is not one).
pub fn function_of(name: &str) -> &str {
    let rest = name.strip_prefix("py::").unwrap_or(name);
    let mut parts = rest.rsplitn(3, ':');
    let (_line, _file, f) = (parts.next(), parts.next(), parts.next());
    f.unwrap_or(rest)
}

/// What one read of the table returns besides the traces ([`Target::traces`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct TableRead {
    pub state: JitState,
    pub current: Option<u32>,
}

/// The innermost script frame the VM is running (from `lucent_debug`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VmFrame {
    /// `py::qualname:file:firstline`, as trampolines are named.
    pub name: String,
    pub line: u32,
}

/// The header fields a table read needs, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub chunk_records: u64,
    pub count: u64,
    pub cell_size: u64,
    pub cell_taken: u64,
}

/// Validates a table header read from process `pid` at `addr`: magic, version, record size,
/// trace count and exit-cell layout. All zero is an empty table (the JIT has not started, or
/// runs with `--jit=off`).
pub fn check_header(pid: u32, addr: u64, h: &[u8]) -> Result<Header> {
    let garbage = |what: String| Error::Garbage { pid, addr, what };
    if h.len() < layout::HEADER {
        return Err(garbage(format!("a header of {} bytes", h.len())));
    }
    let (magic, version) = (u32_at(h, 0), u32_at(h, 4));
    if magic == 0 && version == 0 {
        return Ok(Header {
            chunk_records: 1,
            count: 0,
            cell_size: 16,
            cell_taken: 8,
        });
    }
    if magic != layout::MAGIC {
        return Err(garbage(format!("magic {magic:#x}")));
    }
    if version != layout::VERSION {
        return Err(Error::Version {
            pid,
            found: version,
            expected: layout::VERSION,
        });
    }
    if u32_at(h, 8) as usize != layout::RECORD {
        return Err(garbage(format!("record size {}", u32_at(h, 8))));
    }
    let chunk_records = u64::from(u32_at(h, 12)).max(1);
    let max_chunks = u64::from(u32_at(h, 16)).min(64);
    let count = u64_at(h, 24);
    if count > MAX_TRACES || count > chunk_records * max_chunks {
        return Err(garbage(format!("{count} traces")));
    }
    let (cell_size, cell_taken) = (u64::from(u32_at(h, 40)), u64::from(u32_at(h, 44)));
    if cell_size == 0 || cell_size > 256 || cell_taken + 8 > cell_size {
        return Err(garbage(format!("exit cells of {cell_size} bytes")));
    }
    Ok(Header {
        chunk_records,
        count,
        cell_size,
        cell_taken,
    })
}

/// A lucent process, attached: symbol addresses found, table checked.
pub struct Target {
    pub process: Process,
    pub comm: String,
    pub exe_path: PathBuf,
    /// Load bias of the executable, and the address range its mappings cover.
    pub bias: u64,
    pub exe_range: (u64, u64),
    table: u64,
    debug: Option<u64>,
    jit_list: Option<u64>,
    /// Trace records read so far (records only grow; counters are re-read each time).
    known: Vec<TraceInfo>,
    /// Where the next read's window of exit counters starts.
    exit_cursor: usize,
    /// CodeDebug address → (name, line table) for VM frames.
    code_cache: HashMap<u64, (String, Vec<(u32, u32)>)>,
}

impl Target {
    /// Attaches to `pid`: finds the symbols and checks the table's magic and version.
    pub fn attach(pid: u32) -> Result<Target> {
        let process = Process::new(pid)?;
        let comm = process.comm();
        let exe_path = std::fs::read_link(process.exe()).unwrap_or_else(|_| process.exe());
        let bytes = std::fs::read(process.exe()).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => Error::Exited { pid },
            std::io::ErrorKind::PermissionDenied => Error::Ptrace { pid, source },
            _ => Error::File {
                path: exe_path.clone(),
                source,
            },
        })?;
        let file = object::File::parse(&*bytes).map_err(|e| Error::Elf {
            path: exe_path.clone(),
            message: e.to_string(),
        })?;
        let find = |name: &str| {
            file.symbols()
                .find(|s| s.name() == Ok(name))
                .map(|s| s.address())
        };
        let Some(table) = find("lucent_monitor") else {
            return Err(Error::NotLucent {
                pid,
                comm,
                exe: exe_path,
                symbol: "lucent_monitor",
            });
        };
        // The load bias: where the file's first byte is mapped minus the first segment's address.
        let first = file
            .segments()
            .filter(|s| s.file_range().0 == 0)
            .map(|s| s.address())
            .min()
            .unwrap_or(0);
        let (base, lo, hi) = process.exe_base()?;
        let bias = base.wrapping_sub(first);
        let at = |a: u64| a.wrapping_add(bias);
        let target = Target {
            bias,
            exe_range: (lo, hi),
            comm,
            exe_path,
            table: at(table),
            debug: find("lucent_debug").map(at),
            jit_list: find("__jit_debug_descriptor").map(at),
            known: Vec::new(),
            exit_cursor: 0,
            code_cache: HashMap::new(),
            process,
        };
        target.header()?;
        Ok(target)
    }

    fn pid(&self) -> u32 {
        self.process.pid
    }

    fn garbage(&self, addr: u64, what: impl Into<String>) -> Error {
        Error::Garbage {
            pid: self.pid(),
            addr,
            what: what.into(),
        }
    }

    /// Reads and checks the header.
    fn header(&self) -> Result<Vec<u8>> {
        let h = self.process.read(self.table, layout::HEADER)?;
        check_header(self.pid(), self.table, &h)?;
        Ok(h)
    }

    /// Reads the table: state, current trace, and every trace's record and counters.
    pub fn read_table(&mut self) -> Result<TableRead> {
        let h = self.header()?;
        let Header {
            chunk_records,
            count,
            cell_size,
            cell_taken,
        } = check_header(self.pid(), self.table, &h)?;
        if (count as usize) < self.known.len() {
            // The engine was dropped and a new one started: start over.
            self.known.clear();
        }
        // Records, chunk by chunk (one read each), then every trace's exit cells and exit rows
        // in batched reads.
        let mut bytes = Vec::with_capacity(count as usize * layout::RECORD);
        let mut i = 0u64;
        while i < count {
            let chunk = i / chunk_records;
            let base = u64_at(&h, layout::CHUNKS + 8 * chunk as usize);
            let in_chunk = (count - i).min(chunk_records - i % chunk_records);
            bytes.extend(self.process.read(
                base + (i % chunk_records) * layout::RECORD as u64,
                in_chunk as usize * layout::RECORD,
            )?);
            i += in_chunk;
        }
        let records: Vec<&[u8]> = bytes.chunks(layout::RECORD).collect();
        // Exit cells and rows: for new traces, and for a window of at most EXIT_WINDOW others
        // that moves on at every read (at 10,000 traces each trace's exits are fresh within a
        // second; entries and deopts, in the records, are fresh at every read).
        let n = records.len();
        let (start, window) = if n <= EXIT_WINDOW {
            (0, n)
        } else {
            (self.exit_cursor % n, EXIT_WINDOW)
        };
        self.exit_cursor = (start + window) % n.max(1);
        let mut wanted = vec![false; n];
        for k in 0..window {
            wanted[(start + k) % n] = true;
        }
        for w in wanted.iter_mut().skip(self.known.len()) {
            *w = true;
        }
        let mut ranges = Vec::new();
        for (r, _) in records.iter().zip(&wanted).filter(|(_, w)| **w) {
            let ncells = u32_at(r, layout::NCELLS);
            if ncells > MAX_EXITS {
                return Err(self.garbage(u64_at(r, layout::CELLS), format!("{ncells} exits")));
            }
            ranges.push((
                u64_at(r, layout::CELLS),
                ncells as usize * cell_size as usize,
            ));
            ranges.push((u64_at(r, layout::EXITS), ncells as usize * 8));
        }
        let data = self.process.read_many(&ranges)?;
        let mut next = data.chunks(2);
        for (index, &r) in records.iter().enumerate() {
            let exits = if wanted[index] {
                next.next().map(|pair| (&pair[0][..], &pair[1][..]))
            } else {
                None
            };
            self.update(index, r, exits, cell_size, cell_taken)?;
        }
        let current = u64_at(&h, 32);
        Ok(TableRead {
            state: JitState::from_raw(u32_at(&h, 20)),
            current: (current != 0).then(|| (current - 1) as u32),
        })
    }

    /// Refreshes record `index` from its bytes `r`, exit cells and exit rows (strings are read
    /// once).
    fn update(
        &mut self,
        index: usize,
        r: &[u8],
        exits: Option<(&[u8], &[u8])>,
        cell_size: u64,
        cell_taken: u64,
    ) -> Result<()> {
        use layout::*;
        let ncells = u32_at(r, NCELLS);
        if index >= self.known.len() {
            let name =
                self.process
                    .read_str(u64_at(r, NAME), u64::from(u32_at(r, NAME_LEN)), 4096)?;
            let file = self
                .process
                .read_str(u64_at(r, FILE), u64_at(r, FILE_LEN), 4096)?;
            let parent = u32_at(r, PARENT);
            self.known.push(TraceInfo {
                id: u32_at(r, ID),
                name: name.into(),
                file: file.into(),
                line: u32_at(r, LINE),
                installed: false,
                parent: (parent != u32::MAX).then(|| (parent, u32_at(r, PARENT_EXIT))),
                code: u64_at(r, CODE),
                code_len: u32_at(r, CODE_LEN),
                entries: 0,
                deopts: 0,
                exits: Arc::from(Vec::new()),
                uops_addr: (u64_at(r, UOPS), u64_at(r, UOPS_LEN)),
            });
        }
        let t = &mut self.known[index];
        t.installed = u32_at(r, FLAGS) & 1 != 0;
        t.entries = u64_at(r, ENTRIES);
        t.deopts = u64_at(r, DEOPTS);
        if let Some((cells, rows)) = exits {
            t.exits = (0..ncells as usize)
                .map(|k| {
                    let side = u32_at(rows, k * 8 + 4);
                    ExitInfo {
                        line: u32_at(rows, k * 8),
                        taken: u64_at(cells, k * cell_size as usize + cell_taken as usize),
                        side: (side != 0).then(|| side - 1),
                    }
                })
                .collect();
        }
        Ok(())
    }

    /// Every trace read so far, with the counters of the last [`Target::read_table`].
    pub fn traces(&self) -> &[TraceInfo] {
        &self.known
    }

    /// The optimized IR of trace `id` (read on demand: it is only shown in the detail pane).
    pub fn uops(&self, id: u32) -> Result<String> {
        let t = self
            .known
            .iter()
            .find(|t| t.id == id)
            .ok_or_else(|| self.garbage(0, format!("no trace {id}")))?;
        self.process
            .read_str(t.uops_addr.0, t.uops_addr.1, 16 << 20)
    }

    /// The machine code of a trace, read from the target.
    pub fn code(&self, addr: u64, len: u32) -> Result<Vec<u8>> {
        self.process.read(addr, (len as usize).min(1 << 20))
    }

    /// The innermost script frame, from the VM's debugger descriptor (`None` when no script
    /// runs or the descriptor is missing). The line may lag while the frame runs (see
    /// `lucent_vm::debugger`).
    pub fn vm_frame(&mut self) -> Result<Option<VmFrame>> {
        let Some(at) = self.debug else {
            return Ok(None);
        };
        let d = self.process.read(at, 56)?;
        let w = |i: usize| u64::from(u32_at(&d, 4 * i));
        let (version, vm) = (u32_at(&d, 0), u64_at(&d, 48));
        if version != 1 || vm == 0 {
            return Ok(None);
        }
        let (frames_off, ptr_word, len_word) = (w(1), w(2), w(3));
        let (frame_size, frame_code, frame_ip, rc_value) = (w(4), w(5), w(6), w(7));
        let (code_debug, line_size, line_start, line_line) = (w(8), w(9), w(10), w(11));
        if ptr_word > 2 || len_word > 2 || frame_size == 0 || frame_size > 4096 {
            return Err(self.garbage(at, "a debugger descriptor with an odd layout"));
        }
        let vec = self.process.read(vm + frames_off, 24)?;
        let (ptr, len) = (
            u64_at(&vec, 8 * ptr_word as usize),
            u64_at(&vec, 8 * len_word as usize),
        );
        if len == 0 || len > 1 << 20 {
            return Ok(None);
        }
        let frame = self
            .process
            .read(ptr + (len - 1) * frame_size, frame_size as usize)?;
        let code = u64_at(&frame, frame_code as usize) + rc_value;
        let ip = u64_at(&frame, frame_ip as usize);
        let dbg = u64_at(&self.process.read(code + code_debug, 8)?, 0);
        if !self.code_cache.contains_key(&dbg) {
            let c = self.process.read(dbg, 56)?;
            let name = self.process.read_str(u64_at(&c, 0), u64_at(&c, 8), 4096)?;
            let file = self
                .process
                .read_str(u64_at(&c, 16), u64_at(&c, 24), 4096)?;
            let nlines = u64_at(&c, 40).min(1 << 16);
            let rows = self
                .process
                .read(u64_at(&c, 32), (nlines * line_size) as usize)?;
            let lines = (0..nlines as usize)
                .map(|k| {
                    let row = k * line_size as usize;
                    (
                        u32_at(&rows, row + line_start as usize),
                        u32_at(&rows, row + line_line as usize),
                    )
                })
                .collect();
            let base = file.rsplit('/').next().unwrap_or(&file);
            let full = format!("py::{name}:{base}:{}", u32_at(&c, 48));
            if self.code_cache.len() > 100_000 {
                self.code_cache.clear();
            }
            self.code_cache.insert(dbg, (full, lines));
        }
        let (name, lines) = &self.code_cache[&dbg];
        let pc = ip.saturating_sub(1) as u32;
        let line = lines
            .iter()
            .take_while(|(start, _)| *start <= pc)
            .last()
            .map_or(0, |r| r.1);
        Ok(Some(VmFrame {
            name: name.clone(),
            line,
        }))
    }

    /// The symfiles on GDB's JIT list: `(address, size)` of each, at most `max` of them.
    pub fn symfiles(&self, max: usize) -> Result<Vec<(u64, u64)>> {
        let Some(desc) = self.jit_list else {
            return Ok(Vec::new());
        };
        let d = self.process.read(desc, 24)?;
        let mut entry = u64_at(&d, 16);
        let mut out = Vec::new();
        while entry != 0 {
            if out.len() >= max {
                return Err(self.garbage(desc, "a GDB JIT list that does not end (a cycle?)"));
            }
            let e = self.process.read(entry, 32)?;
            out.push((u64_at(&e, 16), u64_at(&e, 24)));
            entry = u64_at(&e, 0);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_matches_the_jit() {
        let (header, chunks, record, fields) = lucent_jit::monitor_table::LAYOUT;
        assert_eq!(header, layout::HEADER);
        assert_eq!(chunks, layout::CHUNKS);
        assert_eq!(record, layout::RECORD);
        assert_eq!(fields, layout::FIELDS);
        assert_eq!(lucent_jit::monitor_table::MAGIC, layout::MAGIC);
        assert_eq!(lucent_jit::monitor_table::VERSION, layout::VERSION);
    }

    /// A well-formed header with `count` traces.
    fn header(count: u64) -> Vec<u8> {
        let mut h = vec![0u8; layout::HEADER];
        let mut put32 = |at: usize, v: u32| h[at..at + 4].copy_from_slice(&v.to_le_bytes());
        put32(0, layout::MAGIC);
        put32(4, layout::VERSION);
        put32(8, layout::RECORD as u32);
        put32(12, 1024);
        put32(16, 64);
        put32(40, 16);
        put32(44, 8);
        h[24..32].copy_from_slice(&count.to_le_bytes());
        h
    }

    #[test]
    fn headers_are_validated_field_by_field() {
        let ok = check_header(7, 0x1000, &header(3)).expect("valid");
        assert_eq!(ok.count, 3);
        assert_eq!(
            check_header(7, 0x1000, &[0; layout::HEADER])
                .expect("empty")
                .count,
            0
        );
        let msg = |h: &[u8]| check_header(7, 0x1000, h).expect_err("invalid").to_string();
        let mut bad = header(3);
        bad[0] = 0x99;
        assert!(msg(&bad).contains("holds garbage (magic"), "{}", msg(&bad));
        let mut bad = header(3);
        bad[4] = 9;
        assert!(msg(&bad).contains("table version 9"), "{}", msg(&bad));
        assert!(msg(&bad).contains("use the `lucent` binary the target was started with"));
        let mut bad = header(3);
        bad[8] = 7;
        assert!(msg(&bad).contains("record size 7"), "{}", msg(&bad));
        assert!(msg(&header(1 << 40)).contains("1099511627776 traces"));
        let mut bad = header(3);
        bad[40] = 4;
        assert!(msg(&bad).contains("exit cells of 4 bytes"), "{}", msg(&bad));
        // Short reads of garbage never panic.
        assert!(check_header(7, 0, &[0xff; 3]).is_err());
    }

    #[test]
    fn function_names() {
        assert_eq!(function_of("py::work:hot.py:7"), "work");
        assert_eq!(function_of("py::C.m:a.py:1"), "C.m");
        assert_eq!(function_of("memcpy"), "memcpy");
    }

    #[test]
    fn attaching_to_a_non_lucent_process_says_so() {
        // This test binary has no `lucent_monitor`... unless lucent-jit's static is linked in,
        // which it is (the layout test uses it): so use `sleep`, a real foreign process.
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("sleep");
        let err = Target::attach(child.id()).err().expect("not lucent");
        let _ = child.kill();
        let _ = child.wait();
        let msg = err.to_string();
        assert!(matches!(err, Error::NotLucent { .. }), "{msg}");
        assert!(msg.contains("not a lucent process"), "{msg}");
    }
}
