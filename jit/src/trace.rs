//! A compiled trace and everything tools need to know about it, in one place: identity, name,
//! code range, code offset → (bytecode offset, script line) map, frame layout, exits and counters.
//! The perf, gdb and monitor publishers read this struct and nothing else.

use std::rc::Rc;
use std::time::Duration;

use lucent_vm::code::Code;

use crate::backend::TraceFn;
use crate::code_memory::CodeBlock;
use crate::ir::{loc, loc_parts, InlineFrame, TraceIr};
use crate::publish::Published;
use lucent_unwind::InlinedCall;

/// One row of a trace's line map: code from `offset` on implements the bytecode at location `pc`
/// (`ir::loc`: inlined calls' code has its frame in the high bits), script line `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineEntry {
    pub offset: u32,
    pub pc: u32,
    pub line: u32,
}

/// A way out of a trace: where the interpreter resumes (how often it was taken is counted by the
/// code, in the trace's exit cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exit {
    /// Instruction index in the innermost frame's code (the trace's own code unless `frames`).
    pub pc: u32,
    pub depth: u32,
    /// The inlined calls in progress there: leaving pushes their frames (see `Engine::enter`).
    pub frames: Vec<InlineFrame>,
    /// A `GcPoll`'s exit: it must reach the interpreter (never a side trace or a chained jump).
    pub poll: bool,
    /// The end of a generator trace, at its `yield` (run by the interpreter): never a side
    /// trace either.
    pub yields: bool,
    pub line: u32,
    /// A guard of the entry block: the frame does not fit the trace's assumptions at all.
    pub at_entry: bool,
    /// The trace this exit continues in: its side trace once recorded, or for the exit that
    /// ends a linear trace (`Trace::end`), the trace it enters.
    pub side: Option<u32>,
    /// Failed recordings of a side trace from here.
    pub side_failures: u32,
    /// Recordings from here that stopped at a loop without a trace yet (`Abort::InnerLoop`):
    /// each doubles the exits before the next try.
    pub waits: u32,
}

pub struct Trace {
    /// Stable id: traces are numbered from 0 in compilation order.
    pub id: u32,
    /// `py::<function>:<file>:<line>` of the loop header (`<file>` is the script's base name).
    pub name: String,
    pub function: String,
    /// The script path as the VM knows it (absolute for the main script).
    pub file: Rc<str>,
    pub line: u32,
    /// Perf/unwinder/GDB registrations; declared before `block` so they are undone before the
    /// code is unmapped.
    pub published: Published,
    pub block: CodeBlock,
    pub entry: TraceFn,
    pub lines: Vec<LineEntry>,
    /// The frame description the CFI is built from.
    pub frame: lucent_unwind::FrameDesc,
    /// Code offset where the prologue ends and the entry block begins.
    pub prologue_end: u32,
    /// Indexed by snapshot; exits the code never takes (folded guards) stay at zero.
    pub exits: Vec<Exit>,
    /// Entries from the interpreter (entries chained from other traces' exits are not counted).
    pub entries: u64,
    /// One per snapshot: exit counters and chain targets, read and written by the code
    /// (`backend::ExitCell`). Lives as long as the code.
    pub cells: Box<[crate::backend::ExitCell]>,
    /// The loop's back-edge (the instruction that enters the trace), while installed;
    /// `u32::MAX` for a function trace.
    pub jump_ip: u32,
    /// A function trace, or a side trace of one (entered by the call fast path through
    /// `Code::func_trace`; ends in `Uop::Return`).
    pub is_function: bool,
    /// A generator's drain trace (`Code::drain_trace`, entered by `Vm::gen_drain`).
    pub drain: bool,
    /// For a side trace: the trace and exit it continues. Side traces end at the back-edge.
    pub parent: Option<(u32, u32)>,
    /// The exit ending a linear trace (a side trace, or a trace ending in another loop's: no
    /// loop of its own), at a back-edge: it continues in `link`'s entry, else in `root`'s.
    pub end: Option<u32>,
    /// The trace of another loop this one ends in (`Recording::link`).
    pub link: Option<u32>,
    /// Other traces end in this one's entry: entries counted by `entries` are not all of them,
    /// and uninstalling it would not stop those.
    pub linked_into: bool,
    /// The loop's trace (this one for a loop trace): where side traces return to.
    pub root: u32,
    /// Side traces between this one and its root (0 for a loop's trace).
    pub depth: u32,
    /// For a loop's trace: the side traces in its tree.
    pub sides: u32,
    pub installed: bool,
    /// The optimized IR the code was generated from (the monitor shows it).
    pub ir: TraceIr,
    pub compile_time: Duration,
    /// The loop's code (kept alive for as long as the trace).
    pub code: Rc<Code>,
    /// What the monitor table's record for this trace points into (`monitor_table.rs`).
    pub monitor: crate::monitor_table::Slot,
}

impl Trace {
    /// Code address range `[start, end)`.
    pub fn range(&self) -> (usize, usize) {
        (self.block.addr(), self.block.addr() + self.block.len())
    }

    /// Times exit `k` was taken (chained exits included).
    pub fn taken(&self, k: usize) -> u64 {
        self.cells[k].taken.get()
    }

    /// Total exits taken.
    pub fn exits_taken(&self) -> u64 {
        self.cells.iter().map(|c| c.taken.get()).sum()
    }
}

/// `py::<function>:<file>:<line>`.
pub fn trace_name(function: &str, file: &str, line: u32) -> String {
    let base = file.rsplit('/').next().unwrap_or(file);
    format!("py::{function}:{base}:{line}")
}

/// Builds the line map from the backend's `(offset, location)` map (merging consecutive
/// locations of one line in one frame); `code` is the trace's own code, `ir` names the inlined
/// calls'.
pub fn line_map(ir: &TraceIr, code: &Code, pc_map: &[(u32, u32)]) -> Vec<LineEntry> {
    let mut lines: Vec<LineEntry> = Vec::new();
    for &(offset, pc) in pc_map {
        let (c, ip) = ir.code_of(code, pc);
        let line = c.pos(ip).line;
        match lines.last_mut() {
            Some(last) if last.offset == offset => {
                last.pc = pc;
                last.line = line;
            }
            Some(last) if last.line == line && loc_parts(last.pc).0 == loc_parts(pc).0 => {}
            _ => lines.push(LineEntry { offset, pc, line }),
        }
    }
    lines
}

/// The calls inlined into a trace as debuggers see them (`lucent_unwind::InlinedCall`): each
/// with its callee's name (as its trampoline is named), its call line, and the code ranges of
/// the line map (`lines`, for `code_len` bytes of code) that run its code or its callees'.
/// Callers come before callees, as in `ir.inlined`.
pub fn inlined_calls(
    ir: &TraceIr,
    code: &Code,
    lines: &[LineEntry],
    code_len: u32,
    name_of: impl Fn(&Code) -> String,
) -> Vec<InlinedCall> {
    let mut calls: Vec<InlinedCall> = ir
        .inlined
        .iter()
        .map(|inl| InlinedCall {
            name: name_of(&inl.code),
            parent: (inl.caller > 0).then(|| inl.caller as usize - 1),
            call_line: ir
                .code_of(code, loc(inl.caller, inl.call_ip))
                .0
                .pos(inl.call_ip)
                .line,
            ranges: Vec::new(),
        })
        .collect();
    for (k, row) in lines.iter().enumerate() {
        let end = lines.get(k + 1).map_or(code_len, |next| next.offset);
        if end <= row.offset {
            continue;
        }
        // This row's frame and every frame it was called from.
        let mut frame = loc_parts(row.pc).0;
        while frame > 0 {
            let call = &mut calls[frame as usize - 1];
            match call.ranges.last_mut() {
                Some(last) if last.1 == row.offset => last.1 = end,
                _ => call.ranges.push((row.offset, end)),
            }
            frame = ir.inlined[frame as usize - 1].caller;
        }
    }
    // A call whose code the optimizer removed entirely shows no frame (nor do its callees:
    // their code would be inside its ranges).
    let mut index = Vec::with_capacity(calls.len());
    let mut kept = Vec::with_capacity(calls.len());
    for mut call in calls {
        index.push(kept.len());
        if !call.ranges.is_empty() {
            call.parent = call.parent.map(|p| index[p]);
            kept.push(call);
        }
    }
    kept
}
