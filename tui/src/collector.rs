//! The daemon side: attaches, samples, reads the table, attributes and aggregates, keeps
//! history, and hands out [`Snapshot`]s. It knows nothing about drawing: the TUI and the
//! headless recorder both drive it, one [`Collector::tick`] at a time.

use std::collections::VecDeque;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::profile::{Aggregate, Symbolizer};
use crate::sampler::Sampler;
use crate::symbols::{Native, PerfMap};
use crate::target::{JitState, Target, TraceInfo, VmFrame};

/// How the collector samples.
#[derive(Debug, Clone)]
pub struct Options {
    /// Samples per second per thread (of CPU time).
    pub hz: u64,
    /// Sample kernel code too (needs `kernel.perf_event_paranoid <= 1` or CAP_PERFMON).
    pub kernel: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            hz: 1000,
            kernel: false,
        }
    }
}

/// Ticks of history kept for the sparkline.
pub const HISTORY: usize = 240;

/// A trace as the views show it.
#[derive(Debug, Clone)]
pub struct TraceRow {
    pub info: TraceInfo,
    pub entries_per_s: f64,
    pub samples: u64,
    /// Script line → samples, ascending by line.
    pub lines: Vec<(u32, u64)>,
}

/// A script function as the views show it.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionRow {
    pub name: String,
    /// Samples by kind (JIT, interpreter, native).
    pub by_kind: [u64; 3],
}

/// What the detail pane shows for the selected trace.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    pub id: u32,
    /// The script's source lines (empty if the file cannot be read).
    pub source: Arc<[String]>,
    pub uops: Vec<String>,
    pub disasm: Vec<String>,
}

/// Everything the views need at one instant.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub pid: u32,
    pub comm: String,
    pub alive: bool,
    pub elapsed: Duration,
    pub state: JitState,
    pub current: Option<u32>,
    pub vm_frame: Option<VmFrame>,
    /// Threads sampled, or why sampling is off.
    pub sampling: Result<usize, String>,
    pub hz: u64,
    /// Other problems worth a line (a read that failed once, lost samples).
    pub notes: Vec<String>,
    pub total: u64,
    pub by_kind: [u64; 3],
    pub lost: u64,
    pub traces: Vec<TraceRow>,
    pub functions: Vec<FunctionRow>,
    /// Samples by kind per tick, oldest first.
    pub history: Vec<[u64; 3]>,
    pub detail: Option<Arc<Detail>>,
}

impl Default for Snapshot {
    fn default() -> Snapshot {
        Snapshot {
            pid: 0,
            comm: String::new(),
            alive: true,
            elapsed: Duration::ZERO,
            state: JitState::NoJit,
            current: None,
            vm_frame: None,
            sampling: Ok(0),
            hz: 0,
            notes: Vec::new(),
            total: 0,
            by_kind: [0; 3],
            lost: 0,
            traces: Vec::new(),
            functions: Vec::new(),
            history: Vec::new(),
            detail: None,
        }
    }
}

/// The collector.
pub struct Collector {
    target: Target,
    sampler: Result<Sampler, Error>,
    opts: Options,
    pub symbols: Symbolizer,
    pub agg: Aggregate,
    started: Instant,
    last_tick: Instant,
    last_threads: Instant,
    last_symfiles: Option<Instant>,
    prev_entries: HashMap<u32, u64>,
    rates: HashMap<u32, f64>,
    history: VecDeque<[u64; 3]>,
    table: crate::target::TableRead,
    alive: bool,
    notes: Vec<String>,
    selected: Option<u32>,
    vm_frame: Option<VmFrame>,
    detail: Option<Arc<Detail>>,
    sources: HashMap<String, Arc<[String]>>,
}

impl Collector {
    /// Attaches to `target` and starts sampling (a refusal is kept and shown: counters still
    /// work without samples).
    pub fn new(mut target: Target, opts: Options) -> Result<Collector, Error> {
        let table = target.read_table()?;
        let pid = target.process.pid;
        let sampler = Sampler::open(pid, &target.process.threads(), opts.hz, opts.kernel);
        // Through /proc/PID/exe: works even when the binary was replaced or deleted since.
        let native = Native::new(&target.process.exe(), target.bias, target.exe_range);
        let now = Instant::now();
        Ok(Collector {
            symbols: Symbolizer::new(PerfMap::new(pid), native),
            sampler,
            opts,
            agg: Aggregate::default(),
            started: now,
            last_tick: now,
            last_threads: now,
            last_symfiles: None,
            prev_entries: HashMap::default(),
            rates: HashMap::default(),
            history: VecDeque::new(),
            table,
            alive: true,
            notes: Vec::new(),
            selected: None,
            vm_frame: None,
            detail: None,
            sources: HashMap::default(),
            target,
        })
    }

    pub fn pid(&self) -> u32 {
        self.target.process.pid
    }

    pub fn alive(&self) -> bool {
        self.alive
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The traces last read.
    pub fn traces(&self) -> &[TraceInfo] {
        self.target.traces()
    }

    /// Why sampling is off, if it is.
    pub fn sampling_error(&self) -> Option<String> {
        self.sampler.as_ref().err().map(ToString::to_string)
    }

    /// Asks for the detail of trace `id` in the next snapshots.
    pub fn select(&mut self, id: Option<u32>) {
        if self.selected != id {
            self.selected = id;
            self.detail = None;
        }
    }

    /// One round: drain samples, re-read the table, refresh names (then [`Collector::snapshot`]
    /// gives the views their copy).
    pub fn tick(&mut self) {
        let now = Instant::now();
        let dt = now.duration_since(self.last_tick).as_secs_f64().max(1e-3);
        self.last_tick = now;
        if self.alive && !self.target.process.alive() {
            self.alive = false;
        }
        if self.alive {
            self.refresh(now, dt);
        }
        let mut tick = [0u64; 3];
        // The VM's innermost frame, read once per tick: the header shows it, and samples in the
        // interpreter with no trampoline on their chain (no --perf=map) are attributed to it.
        self.vm_frame = if self.alive {
            self.target.vm_frame().ok().flatten()
        } else {
            None
        };
        if let Ok(sampler) = &mut self.sampler {
            let samples = sampler.drain();
            for s in &samples {
                let a = self.symbols.attribute(s, self.vm_frame.as_ref());
                tick[a.kind as usize] += 1;
                self.agg.add(&a, s.time, s.tid);
            }
            self.agg.lost = sampler.lost;
        }
        self.history.push_back(tick);
        if self.history.len() > HISTORY {
            self.history.pop_front();
        }
    }

    fn refresh(&mut self, now: Instant, dt: f64) {
        match self.target.read_table() {
            Ok(t) => self.table = t,
            Err(Error::Exited { .. }) => {
                self.alive = false;
                return;
            }
            Err(e) => self.note(e.to_string()),
        }
        for t in self.target.traces().iter().skip(self.symbols.names.len()) {
            self.symbols
                .add_trace(t.id, &t.name, t.line, t.code, t.code_len);
        }
        for t in self.target.traces() {
            let prev = self
                .prev_entries
                .insert(t.id, t.entries)
                .unwrap_or(t.entries);
            let rate = t.entries.saturating_sub(prev) as f64 / dt;
            // Smoothed over about a second.
            let r = self.rates.entry(t.id).or_insert(rate);
            *r = 0.7 * *r + 0.3 * rate;
        }
        self.symbols.perf_map.refresh();
        if self
            .last_symfiles
            .is_none_or(|t| now.duration_since(t) >= Duration::from_secs(1))
        {
            self.last_symfiles = Some(now);
            self.read_symfiles();
        }
        if now.duration_since(self.last_threads) >= Duration::from_secs(1) {
            self.last_threads = now;
            if let Ok(s) = &mut self.sampler {
                let _ = s.add_threads(&self.target.process.threads());
            }
        }
        if let Some(id) = self.selected {
            if self.detail.as_ref().is_none_or(|d| d.id != id) {
                self.detail = self.make_detail(id);
            }
        }
    }

    fn read_symfiles(&mut self) {
        match self.target.symfiles(1 << 20) {
            Ok(list) => {
                for key in list {
                    if self.symbols.lines.wants(key) {
                        match self.target.process.read(key.0, key.1 as usize) {
                            Ok(bytes) => self.symbols.lines.add(key, &bytes),
                            Err(e) => self.note(format!("GDB JIT symfile unreadable: {e}")),
                        }
                    }
                }
            }
            Err(e) => self.note(e.to_string()),
        }
    }

    fn make_detail(&mut self, id: u32) -> Option<Arc<Detail>> {
        let t = self.target.traces().iter().find(|t| t.id == id)?.clone();
        let uops = self
            .target
            .uops(id)
            .map(|s| s.lines().map(str::to_string).collect())
            .unwrap_or_default();
        let disasm = self
            .target
            .code(t.code, t.code_len)
            // The table gives the whole code range; on AArch64 its literal pool (after the
            // instructions) then shows as instructions too.
            .map(|code| lucent_jit::backend::native::disassemble(&code, code.len()))
            .unwrap_or_default();
        let source = self.source(&t.file);
        Some(Arc::new(Detail {
            id,
            source,
            uops,
            disasm,
        }))
    }

    /// The script's lines, read once (a relative path is relative to the target's cwd).
    fn source(&mut self, file: &str) -> Arc<[String]> {
        if let Some(s) = self.sources.get(file) {
            return s.clone();
        }
        let mut path = std::path::PathBuf::from(file);
        if path.is_relative() {
            if let Some(cwd) = self.target.process.cwd() {
                path = cwd.join(path);
            }
        }
        let lines: Arc<[String]> = std::fs::read_to_string(&path)
            .map(|s| s.lines().map(str::to_string).collect())
            .unwrap_or_else(|_| Arc::from(Vec::new()));
        self.sources.insert(file.to_string(), lines.clone());
        lines
    }

    fn note(&mut self, msg: String) {
        if !self.notes.contains(&msg) {
            self.notes.push(msg);
            if self.notes.len() > 8 {
                self.notes.remove(0);
            }
        }
    }

    /// The current state, for the views.
    pub fn snapshot(&self) -> Snapshot {
        let traces = self
            .target
            .traces()
            .iter()
            .map(|t| {
                let s = self.agg.traces.get(&t.id);
                TraceRow {
                    info: t.clone(),
                    entries_per_s: self.rates.get(&t.id).copied().unwrap_or(0.0),
                    samples: s.map_or(0, |s| s.samples),
                    lines: s.map_or_else(Vec::new, |s| {
                        s.lines.iter().map(|(&l, &n)| (l, n)).collect()
                    }),
                }
            })
            .collect();
        let mut functions: Vec<FunctionRow> = self
            .agg
            .functions
            .iter()
            .map(|(name, by_kind)| FunctionRow {
                name: name.clone(),
                by_kind: *by_kind,
            })
            .collect();
        functions.sort_by(|a, b| {
            let total = |f: &FunctionRow| f.by_kind.iter().sum::<u64>();
            total(b).cmp(&total(a)).then_with(|| a.name.cmp(&b.name))
        });
        let mut notes = self.notes.clone();
        if self.agg.lost > 0 {
            notes.push(format!(
                "{} samples lost (ring buffer full): lower the rate with --hz",
                self.agg.lost
            ));
        }
        Snapshot {
            pid: self.pid(),
            comm: self.target.comm.clone(),
            alive: self.alive,
            elapsed: self.started.elapsed(),
            state: self.table.state,
            current: self.table.current,
            vm_frame: self.vm_frame.clone(),
            sampling: match &self.sampler {
                Ok(s) => Ok(s.threads()),
                Err(e) => Err(e.to_string()),
            },
            hz: self.opts.hz,
            notes,
            total: self.agg.total,
            by_kind: self.agg.by_kind,
            lost: self.agg.lost,
            traces,
            functions,
            history: self.history.iter().copied().collect(),
            detail: self.detail.clone(),
        }
    }
}

/// Share of `n` in `total`, in percent.
pub fn percent(n: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        100.0 * n as f64 / total as f64
    }
}
