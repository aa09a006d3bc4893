//! Attribution and aggregation: each sample's call chain becomes frames (a trace and the script
//! line inside it, a script function's trampoline, a native symbol of the VM binary), a kind
//! (JIT, interpreter, native) and a script function; the aggregate counts them per trace, line,
//! function and whole stack, and keeps the timeline the exports need.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use crate::sampler::Sample;
use crate::symbols::{JitLines, Native, PerfMap, Ranges};
use crate::target::{function_of, VmFrame};

/// Where a sample's time goes, by the code it landed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Trace code.
    Jit = 0,
    /// The interpreter: VM code (`lucent_vm::…`) or a trampoline.
    Interp = 1,
    /// Everything else: runtime helpers, the allocator, libc, the kernel.
    Native = 2,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Jit, Kind::Interp, Kind::Native];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Jit => "JIT",
            Kind::Interp => "interpreter",
            Kind::Native => "native",
        }
    }
}

/// One frame of an attributed stack.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Frame {
    /// Trace code: trace id, its name, and the script line at this address (0 if unknown).
    Trace { id: u32, name: String, line: u32 },
    /// An interpreted script function (its trampoline, or the VM's innermost frame).
    Script(String),
    /// A symbol of the VM binary.
    Native(String),
    /// An address nothing names.
    Unknown,
}

impl Frame {
    /// The frame's label in exports.
    pub fn label(&self) -> String {
        match self {
            Frame::Trace { id, name, line } => format!("{name} [trace {id}] line {line}"),
            Frame::Script(s) | Frame::Native(s) => s.clone(),
            Frame::Unknown => "[unknown]".into(),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Frame::Trace { .. } => Kind::Jit,
            Frame::Script(_) => Kind::Interp,
            Frame::Native(s) if s.starts_with("lucent_vm::") => Kind::Interp,
            _ => Kind::Native,
        }
    }
}

/// `fn (file)` of a `py::fn:file:line` name: the key of the script-function view, shared by a
/// function's trampoline (named at its first line) and its traces (named at their loop line).
pub fn function_key(name: &str) -> String {
    let rest = name.strip_prefix("py::").unwrap_or(name);
    let f = function_of(name);
    let file = rest[f.len()..]
        .trim_start_matches(':')
        .rsplit_once(':')
        .map_or("", |(file, _)| file);
    format!("{f} ({file})")
}

/// One sample, attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attributed {
    pub kind: Kind,
    /// The script function the time belongs to (`function_key`), if any.
    pub function: Option<String>,
    /// Outermost first.
    pub stack: Vec<Frame>,
}

/// Everything needed to name an address in the target.
pub struct Symbolizer {
    /// Trace code ranges → trace id.
    pub traces: Ranges<u32>,
    /// Trace id → (name, header line).
    pub names: HashMap<u32, (String, u32)>,
    pub lines: JitLines,
    pub perf_map: PerfMap,
    pub native: Native,
}

impl Symbolizer {
    pub fn new(perf_map: PerfMap, native: Native) -> Symbolizer {
        Symbolizer {
            traces: Ranges::default(),
            names: HashMap::default(),
            lines: JitLines::default(),
            perf_map,
            native,
        }
    }

    /// Adds a trace's code range.
    pub fn add_trace(&mut self, id: u32, name: &str, line: u32, code: u64, len: u32) {
        if let std::collections::hash_map::Entry::Vacant(e) = self.names.entry(id) {
            e.insert((name.to_string(), line));
            self.traces.insert(code, code + u64::from(len), id);
        }
    }

    /// The frame at `addr` (for return addresses, pass the address minus one).
    pub fn frame(&mut self, addr: u64) -> Frame {
        if let Some(&id) = self.traces.get(addr) {
            let (name, header) = self.names.get(&id).cloned().unwrap_or_default();
            let line = self.lines.line(addr).unwrap_or(header);
            return Frame::Trace { id, name, line };
        }
        if let Some(name) = self.perf_map.entries.get(addr) {
            return Frame::Script(name.clone());
        }
        match self.native.symbol(addr) {
            Some(s) => Frame::Native(s),
            None => Frame::Unknown,
        }
    }

    /// Attributes a sample; `vm` is the VM's innermost script frame (read around the sample's
    /// time), used when no trampoline in the chain names the script function.
    pub fn attribute(&mut self, sample: &Sample, vm: Option<&VmFrame>) -> Attributed {
        let mut frames: Vec<Frame> = Vec::with_capacity(sample.ips.len());
        for (i, &a) in sample.ips.iter().enumerate() {
            let f = self.frame(if i == 0 { a } else { a.wrapping_sub(1) });
            if f == Frame::Unknown && frames.last() == Some(&Frame::Unknown) {
                continue;
            }
            frames.push(f);
        }
        attribute_frames(frames, vm)
    }
}

/// Attribution from named frames, innermost first (see [`Symbolizer::attribute`]).
pub fn attribute_frames(mut frames: Vec<Frame>, vm: Option<&VmFrame>) -> Attributed {
    let kind = frames.first().map_or(Kind::Native, Frame::kind);
    let function = frames
        .iter()
        .find_map(|f| match f {
            Frame::Trace { name, .. } | Frame::Script(name) => Some(function_key(name)),
            _ => None,
        })
        .or_else(|| match kind {
            Kind::Interp => vm.map(|v| function_key(&v.name)),
            _ => None,
        });
    if kind == Kind::Interp && !frames.iter().any(|f| matches!(f, Frame::Script(_))) {
        // No trampolines (the target runs without --perf=map): put the VM's frame under the
        // interpreter's native frames so stacks still show the script function.
        if let Some(v) = vm {
            frames.push(Frame::Script(v.name.clone()));
        }
    }
    frames.reverse();
    Attributed {
        kind,
        function,
        stack: frames,
    }
}

/// Samples of one trace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraceSamples {
    pub samples: u64,
    /// Script line → samples.
    pub lines: BTreeMap<u32, u64>,
}

/// The most timeline entries kept for the Firefox export (33 minutes of one thread at 1 kHz):
/// the oldest quarter is dropped when it is full.
const MAX_TIMELINE: usize = 2_000_000;

/// Counts over a session.
#[derive(Debug, Clone, Default)]
pub struct Aggregate {
    pub total: u64,
    pub by_kind: [u64; 3],
    pub traces: HashMap<u32, TraceSamples>,
    /// Function key → samples by kind.
    pub functions: HashMap<String, [u64; 3]>,
    /// Distinct stacks (outermost first) and their counts.
    pub stacks: Vec<(Vec<Frame>, u64)>,
    stack_ids: HashMap<Vec<Frame>, usize>,
    /// `(time ns, tid, stack index, kind)` per sample, in time order.
    pub timeline: Vec<(u64, u32, usize, Kind)>,
    /// Samples lost because a ring buffer was full.
    pub lost: u64,
}

impl Aggregate {
    /// Counts one attributed sample.
    pub fn add(&mut self, a: &Attributed, time: u64, tid: u32) {
        self.total += 1;
        self.by_kind[a.kind as usize] += 1;
        if let Some(Frame::Trace { id, line, .. }) = a.stack.last() {
            let t = self.traces.entry(*id).or_default();
            t.samples += 1;
            *t.lines.entry(*line).or_default() += 1;
        }
        if let Some(f) = &a.function {
            self.functions.entry(f.clone()).or_default()[a.kind as usize] += 1;
        }
        let index = match self.stack_ids.get(&a.stack) {
            Some(&i) => i,
            None => {
                self.stacks.push((a.stack.clone(), 0));
                self.stack_ids
                    .insert(a.stack.clone(), self.stacks.len() - 1);
                self.stacks.len() - 1
            }
        };
        self.stacks[index].1 += 1;
        if self.timeline.len() >= MAX_TIMELINE {
            self.timeline.drain(..MAX_TIMELINE / 4);
        }
        self.timeline.push((time, tid, index, a.kind));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbolizer() -> Symbolizer {
        let mut s = Symbolizer::new(
            PerfMap::at(std::path::Path::new("/nonexistent/perf.map")),
            Native::none(),
        );
        s.add_trace(0, "py::work:hot.py:7", 7, 0x1000, 0x100);
        s.add_trace(1, "py::work:hot.py:7", 8, 0x2000, 0x80);
        s.perf_map
            .entries
            .insert(0x9000, 0x9010, "py::work:hot.py:5".to_string());
        s.perf_map
            .entries
            .insert(0x9100, 0x9110, "py::main:hot.py:19".to_string());
        s
    }

    #[test]
    fn function_keys_drop_the_line() {
        assert_eq!(function_key("py::work:hot.py:7"), "work (hot.py)");
        assert_eq!(function_key("py::work:hot.py:5"), "work (hot.py)");
        assert_eq!(function_key("py::<module>:a b.py:1"), "<module> (a b.py)");
    }

    #[test]
    fn jit_samples_go_to_the_trace_and_its_function() {
        let mut s = symbolizer();
        let sample = Sample {
            tid: 1,
            time: 5,
            ips: vec![0x1010, 0x9005, 0x9105],
        };
        let a = s.attribute(&sample, None);
        assert_eq!(a.kind, Kind::Jit);
        assert_eq!(a.function.as_deref(), Some("work (hot.py)"));
        assert_eq!(
            a.stack,
            vec![
                Frame::Script("py::main:hot.py:19".into()),
                Frame::Script("py::work:hot.py:5".into()),
                Frame::Trace {
                    id: 0,
                    name: "py::work:hot.py:7".into(),
                    line: 7
                },
            ]
        );
    }

    #[test]
    fn interpreter_samples_use_trampolines_then_the_vm_frame() {
        let with_trampoline = attribute_frames(
            vec![
                Frame::Native("lucent_vm::interp::Vm::run_mode".into()),
                Frame::Script("py::tally:hot.py:12".into()),
            ],
            Some(&VmFrame {
                name: "py::other:x.py:1".into(),
                line: 3,
            }),
        );
        assert_eq!(with_trampoline.kind, Kind::Interp);
        assert_eq!(with_trampoline.function.as_deref(), Some("tally (hot.py)"));
        let without = attribute_frames(
            vec![Frame::Native("lucent_vm::ops::add".into())],
            Some(&VmFrame {
                name: "py::tally:hot.py:12".into(),
                line: 14,
            }),
        );
        assert_eq!(without.function.as_deref(), Some("tally (hot.py)"));
        assert_eq!(
            without.stack[0],
            Frame::Script("py::tally:hot.py:12".into())
        );
        let native = attribute_frames(vec![Frame::Native("memcpy".into())], None);
        assert_eq!(native.kind, Kind::Native);
        assert_eq!(native.function, None);
    }

    #[test]
    fn aggregation_counts_traces_lines_functions_and_stacks() {
        let mut s = symbolizer();
        s.lines.add((0, 0), b"not an elf file");
        let mut agg = Aggregate::default();
        for (t, ips) in [
            (1, vec![0x1010u64, 0x9005]),
            (2, vec![0x1010, 0x9005]),
            (3, vec![0x2004, 0x9005]),
            (4, vec![0x9105]),
        ] {
            let sample = Sample {
                tid: 9,
                time: t,
                ips,
            };
            let a = s.attribute(&sample, None);
            agg.add(&a, t, 9);
        }
        assert_eq!(agg.total, 4);
        assert_eq!(agg.by_kind, [3, 1, 0]);
        assert_eq!(agg.traces[&0].samples, 2);
        assert_eq!(agg.traces[&0].lines[&7], 2);
        assert_eq!(agg.traces[&1].lines[&8], 1);
        assert_eq!(agg.functions["work (hot.py)"], [3, 0, 0]);
        assert_eq!(agg.functions["main (hot.py)"], [0, 1, 0]);
        assert_eq!(agg.stacks.len(), 3);
        assert_eq!(agg.stacks[0].1, 2);
        assert_eq!(agg.timeline.len(), 4);
    }
}
