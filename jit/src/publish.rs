//! Publishing compiled code to the tools that must see it: Linux perf (perf map, jitdump), the
//! process's own unwinder (`__register_frame`) and GDB (JIT interface symfiles).
//!
//! Every piece of code lucent generates — a trace, an interpreted function's trampoline — goes
//! through [`Publisher::publish`] once, after its bytes are in place and before it first runs.
//! There is one CFI source per piece of code (its [`FrameDesc`]) and one builder
//! ([`EhFrame::build`]): the `.eh_frame` + `.eh_frame_hdr` mapped right after the code
//! ([`UnwindTables`]) are byte for byte what the jitdump unwinding record carries, and the GDB
//! symfile's `.eh_frame` is built for that same address.
//!
//! perf has no "unload" record, so perf entries outlive the code; everything else is undone by
//! dropping the [`Published`] value, which its owner must do before unmapping the code.

use std::path::PathBuf;

use lucent_perfmap::{CodeLoad, ElfMachine, JitDump, PerfMap, UnwindInfo};
use std::cell::RefCell;
use std::rc::Rc;

use lucent_unwind::{
    perf_eh_frame_address, Arch, CodeRegion, EhFrame, FrameDesc, InlinedCall, PointerEncoding,
    RegisteredFrames, SymbolBatches, SymbolHandle, SymbolInfo,
};

/// Traces per GDB symfile (see `SymbolBatches`; 64 measured best at 10,000 traces).
const SYMFILE_BATCH: usize = 64;

/// Which perf files lucent writes (`--perf=`, `LUCENT_PERF`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PerfMode {
    /// Nothing (the default).
    #[default]
    Off,
    /// `/tmp/perf-PID.map`: names only.
    Map,
    /// `/tmp/jit-PID.dump`: code, names, script lines and unwinding tables (`perf inject --jit`).
    Jitdump,
    /// Both files.
    All,
}

impl PerfMode {
    /// Parses `off`, `map`, `jitdump` or `all` (an empty string or `0` is `off`).
    pub fn parse(s: &str) -> Option<PerfMode> {
        Some(match s {
            "" | "0" | "off" => PerfMode::Off,
            "map" => PerfMode::Map,
            "jitdump" => PerfMode::Jitdump,
            "all" | "1" => PerfMode::All,
            _ => return None,
        })
    }

    fn map(self) -> bool {
        matches!(self, PerfMode::Map | PerfMode::All)
    }

    fn jitdump(self) -> bool {
        matches!(self, PerfMode::Jitdump | PerfMode::All)
    }
}

/// What the tools get, decided once per run.
#[derive(Debug, Clone, Default)]
pub struct ToolsConfig {
    pub perf: PerfMode,
    /// GDB symfiles and in-process CFI registration for traces (`--debug-info`, on by default).
    pub debug_info: bool,
    /// Where the perf files go: `/tmp` (where perf looks) unless `LUCENT_PERF_DIR` says otherwise.
    pub perf_dir: Option<PathBuf>,
}

/// `.eh_frame` then `.eh_frame_hdr` for one piece of code, built for the addresses right after
/// it where perf's `genelf` puts them (`perf_eh_frame_address`). The code's owner maps these
/// bytes there (`CodeBlock::with_tail`), so the jitdump record can say they are mapped: perf's
/// DWARF unwinder reads the header through the code's mmap, which must therefore cover them.
/// The symfile's `.eh_frame` claims the same addresses, which then belong to no other code.
#[derive(Debug, Clone)]
pub struct UnwindTables {
    bytes: Vec<u8>,
    eh_len: usize,
}

impl UnwindTables {
    /// Both tables, as they are mapped.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn eh_frame(&self) -> &[u8] {
        &self.bytes[..self.eh_len]
    }

    pub fn eh_frame_hdr(&self) -> &[u8] {
        &self.bytes[self.eh_len..]
    }
}

/// One piece of generated code, as the tools see it.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo<'a> {
    /// `py::<function>:<file>:<line>`.
    pub name: &'a str,
    /// The code, as it sits at `addr`.
    pub code: &'a [u8],
    pub addr: u64,
    pub frame: &'a FrameDesc,
    /// The script path for line tables.
    pub file: &'a str,
    /// `(code offset, script line)` rows, ascending by offset; empty for code without lines.
    pub lines: &'a [(u32, u32)],
    /// The calls inlined into the code (GDB shows them as frames).
    pub inlined: &'a [InlinedCall],
    /// The tables mapped right after the code, if it has them.
    pub tables: Option<&'a UnwindTables>,
    /// Where the prologue ends (for debuggers' function and line breakpoints).
    pub prologue_end: Option<u32>,
    /// The JIT-only address range the code lies in (`CodeBlock::span_key`): code in one range
    /// may share a GDB symfile.
    pub span_key: u64,
}

/// Registrations made for one piece of code; dropping this undoes them (GDB first, so a
/// debugger never sees a symfile whose CFI the process has forgotten).
#[derive(Default)]
pub struct Published {
    gdb: Option<(Rc<RefCell<SymbolBatches>>, SymbolHandle)>,
    frames: Option<RegisteredFrames>,
    /// The code's start in the in-process name table (`backtrace.rs`).
    named: Option<u64>,
}

impl Drop for Published {
    fn drop(&mut self) {
        if let Some((batches, handle)) = self.gdb.take() {
            batches.borrow_mut().remove(handle);
        }
        if let Some(start) = self.named.take() {
            crate::backtrace::unregister(start);
        }
    }
}

impl Published {
    /// Whether the code is registered with GDB.
    pub fn has_symfile(&self) -> bool {
        self.gdb.is_some()
    }

    /// Whether the process's unwinder knows the code's CFI.
    pub fn has_frames(&self) -> bool {
        self.frames.is_some()
    }
}

/// The process's perf files and debug-info switch. Failures to create a file are reported once
/// on stderr; the script runs on without that output.
pub struct Publisher {
    arch: Option<Arch>,
    map: Option<PerfMap>,
    dump: Option<JitDump>,
    debug_info: bool,
    /// Every trace's GDB symbols, in batches.
    symbols: Rc<RefCell<SymbolBatches>>,
    /// Set after the first write error, so a full disk is reported once.
    write_failed: bool,
}

impl Publisher {
    pub fn new(config: &ToolsConfig) -> Publisher {
        let dir = config
            .perf_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("/tmp"));
        let pid = std::process::id();
        let map = if config.perf.map() {
            PerfMap::create_in(&dir, pid)
                .map_err(|e| eprintln!("lucent: perf map disabled: {e}"))
                .ok()
        } else {
            None
        };
        let arch = Arch::host();
        // The one place the ISA becomes the jitdump's machine field.
        let machine = arch.map(|a| match a {
            Arch::X86_64 => ElfMachine::X86_64,
            Arch::Aarch64 => ElfMachine::Aarch64,
        });
        let dump = match (config.perf.jitdump(), machine) {
            (false, _) => None,
            (true, None) => {
                eprintln!("lucent: jitdump disabled: this architecture has no JIT");
                None
            }
            (true, Some(m)) => JitDump::create_in(&dir, pid, m)
                .map_err(|e| eprintln!("lucent: jitdump disabled: {e}"))
                .ok(),
        };
        Publisher {
            arch,
            map,
            dump,
            debug_info: config.debug_info,
            symbols: Rc::new(RefCell::new(SymbolBatches::new(SYMFILE_BATCH))),
            write_failed: false,
        }
    }

    /// Whether perf output is on (then interpreted functions get trampolines).
    pub fn perf(&self) -> bool {
        self.map.is_some() || self.dump.is_some()
    }

    /// Whether traces get GDB symfiles and registered CFI.
    pub fn debug_info(&self) -> bool {
        self.debug_info
    }

    /// Whether code needs unwinding tables next to it ([`UnwindTables`]).
    pub fn wants_tables(&self) -> bool {
        self.dump.is_some() || self.debug_info
    }

    /// The unwinding tables for code at `addr` described by `frame`, laid out as perf's `genelf`
    /// lays them out after the code.
    pub fn tables(&self, addr: u64, frame: &FrameDesc) -> Option<UnwindTables> {
        let arch = self.arch?;
        let at = perf_eh_frame_address(addr, u64::from(frame.code_len()));
        let region = CodeRegion {
            address: addr,
            frame,
        };
        let built = EhFrame::build(arch, at, PointerEncoding::PcRel, &[region]).and_then(|eh| {
            let hdr = eh.build_hdr(at + eh.bytes().len() as u64)?;
            let eh_len = eh.bytes().len();
            let mut bytes = eh.into_bytes();
            bytes.extend_from_slice(&hdr);
            Ok(UnwindTables { bytes, eh_len })
        });
        built
            .map_err(|e| eprintln!("lucent: no unwinding info for code at {addr:#x}: {e}"))
            .ok()
    }

    /// Publishes `info`: perf map line, jitdump records (lines and unwinding tables), and if
    /// `debug` and debug info is on, CFI registration with the process's unwinder and a GDB
    /// symfile.
    ///
    /// # Safety
    ///
    /// `info.frame` must describe `info.code` exactly, and the code (and its tables, if any)
    /// must stay mapped, unchanged, at `info.addr` until the returned value is dropped (the
    /// unwinder and GDB trust both).
    pub unsafe fn publish(&mut self, info: &CodeInfo<'_>, debug: bool) -> Published {
        let debug = debug && self.debug_info;
        let size = info.code.len() as u64;
        if let Some(map) = &mut self.map {
            if let Err(e) = map.add(info.addr, size, info.name) {
                report(&mut self.write_failed, &e);
            }
        }
        if let Some(dump) = &mut self.dump {
            let lines: Vec<lucent_perfmap::LineEntry> = info
                .lines
                .iter()
                .map(|&(offset, line)| lucent_perfmap::LineEntry {
                    offset: u64::from(offset),
                    file: info.file,
                    line,
                })
                .collect();
            let written = dump.write_code_load(&CodeLoad {
                name: info.name,
                code_addr: info.addr,
                code: info.code,
                lines: &lines,
                unwind: info.tables.map(|t| UnwindInfo {
                    eh_frame: t.eh_frame(),
                    eh_frame_hdr: t.eh_frame_hdr(),
                    mapped_size: t.bytes.len() as u64,
                }),
            });
            if let Err(e) = written {
                report(&mut self.write_failed, &e);
            }
        }
        crate::backtrace::register(info.addr, size, info.name);
        let mut published = Published::default();
        published.named = Some(info.addr);
        let (Some(arch), true) = (self.arch, debug) else {
            return published;
        };
        let span = info.span_key;
        let region = CodeRegion {
            address: info.addr,
            frame: info.frame,
        };
        // SAFETY: the caller guarantees the frame description is exact and the code stays
        // mapped until `published` (which owns the registration) is dropped.
        match unsafe { RegisteredFrames::register(&[region]) } {
            Ok(frames) => published.frames = Some(frames),
            Err(e) => eprintln!("lucent: cannot register unwinding info: {e}"),
        }
        let info = SymbolInfo {
            arch,
            name: info.name.to_owned(),
            code_address: info.addr,
            frame: info.frame.clone(),
            file: info.file.to_owned(),
            rows: info.lines.to_vec(),
            inlined: info.inlined.to_vec(),
            prologue_end: info.prologue_end,
        };
        let name = info.name.clone();
        match self.symbols.borrow_mut().add(info, span) {
            Ok(handle) => published.gdb = Some((self.symbols.clone(), handle)),
            Err(e) => eprintln!("lucent: no debugger symbols for {name}: {e}"),
        }
        published
    }
}

/// Reports the first failed perf write; later ones are dropped silently (a full /tmp would
/// otherwise print once per trace).
fn report(failed: &mut bool, e: &dyn std::fmt::Display) {
    if !*failed {
        eprintln!("lucent: perf output incomplete: {e}");
        *failed = true;
    }
}
