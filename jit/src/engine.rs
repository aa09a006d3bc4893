//! The JIT as the interpreter sees it: the `JitHook` implementation tying recording,
//! translation, optimization, code generation and the code cache together.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

use lucent_vm::code::{Cache, Code, Instr, Op};
use lucent_vm::jit_hook::{FuncTrace, JitHook, Resume, HOT_LOOP};
use lucent_vm::vm::{Vm, RECURSION_LIMIT, STACK_SLOTS};

use crate::abort::{Abort, AbortTable};
use crate::backend::{self, ExitCell, Linkage, TraceFn};
use crate::code_memory::{CodeArena, CodeBlock};
use crate::ir::RETURNED;
use crate::monitor_table::{
    ExitRow, Monitor, Slot, TraceDesc, STATE_INTERPRETING, STATE_RECORDING,
};
use crate::publish::{CodeInfo, Publisher};
use crate::recorder::{Recording, Step};
use crate::trace::{inlined_calls, line_map, trace_name, Exit, Trace};

/// Failed recordings of one loop before the JIT stops trying it.
const MAX_FAILURES: u32 = 3;

/// Failures of one entry guard (in most entries) after which a trace is uninstalled.
const UNINSTALL_AFTER: u64 = 64;

/// Longest chain of side traces from a loop's trace, and most side traces in one loop's tree:
/// an exit taken for ever-changing reasons (a call site cycling through more receiver types than
/// a chain can tell apart) would otherwise grow a trace per visit.
const MAX_SIDE_DEPTH: u32 = 12;
const MAX_SIDES: u32 = 200;

/// Times an exit is taken before a side trace is recorded from it (2 in stress mode).
const HOT_EXIT: u64 = 32;

/// Recordings of one loop that may stop at an inner loop without a trace (`Abort::InnerLoop`)
/// before the JIT stops trying it; an exit's tries back off exponentially instead.
const MAX_WAITS: u32 = 16;

/// A loop's recordings that came to nothing.
#[derive(Clone, Copy, Debug, Default)]
struct Attempts {
    /// Failed (or the loop's trace was uninstalled).
    failures: u32,
    /// Stopped at an inner loop without a trace yet, or at the end of the loop they started in.
    waits: u32,
}

/// Identifies a loop: its code object's address and its back-edge.
fn loop_key(code: &Rc<Code>, jump_ip: u32) -> (usize, u32) {
    (Rc::as_ptr(code) as usize, jump_ip)
}

/// Rewrites a loop's back-edge instruction to `op` (same target) and updates its inline cache:
/// `EnterTrace` installs a trace (id in the cache), `JumpBackward` uninstalls it.
fn set_back_edge(code: &Code, jump_ip: u32, op: Op, cache: impl FnOnce(&mut Cache)) {
    let jump = jump_ip as usize;
    let arg = code.instr(jump).arg;
    code.instrs[jump].set(Instr { op, arg });
    let mut c = code.caches[jump].get();
    cache(&mut c);
    code.caches[jump].set(c);
}

/// How the JIT behaves, from the environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct Config {
    /// `LUCENT_JIT_STRESS=1`: compile loops after two iterations and never give up on a loop, so
    /// tests exercise traces, exits and re-entry everywhere.
    pub stress: bool,
    /// `LUCENT_JIT_STATS=1`: print traces, exits and abort reasons to stderr at exit.
    pub stats: bool,
    /// `LUCENT_JIT_DUMP=1`: print each trace's IR to stderr when it is compiled.
    pub dump: bool,
    /// `LUCENT_JIT_RECORD_ONLY=1`: once a loop is hot, record forever and compile nothing (the
    /// whole run after that goes through the recording loop): measures what recording costs.
    pub record_only: bool,
    /// `LUCENT_JIT_RECORD_SLOW=1`: the recording handler sees every instruction (the recording
    /// loop's fast path stays off); what is recorded must not change (`tests/jit_golden.rs`).
    pub record_slow: bool,
}

impl Config {
    pub fn from_env() -> Config {
        let on = |k: &str| std::env::var(k).is_ok_and(|v| !v.is_empty() && v != "0");
        Config {
            stress: on("LUCENT_JIT_STRESS"),
            stats: on("LUCENT_JIT_STATS"),
            dump: on("LUCENT_JIT_DUMP"),
            record_only: on("LUCENT_JIT_RECORD_ONLY"),
            record_slow: on("LUCENT_JIT_RECORD_SLOW"),
        }
    }
}

/// The JIT.
pub struct Engine {
    config: Config,
    /// Shared with the interpreter's trampolines: one set of perf files per process.
    publisher: Rc<RefCell<Publisher>>,
    /// Where trace code goes (`None` if the reservation failed: blocks are then mapped alone).
    arena: Option<Rc<CodeArena>>,
    recording: Option<Recording>,
    traces: Vec<Trace>,
    aborts: AbortTable,
    /// Recordings per loop (code object address, back-edge index) that came to nothing.
    attempts: HashMap<(usize, u32), Attempts>,
    /// A hot exit `(trace, exit)` whose side trace starts recording at the next instruction.
    pending_side: Option<(u32, u32)>,
    /// The exported monitor table, if this engine owns it (released in `Drop for Engine`, before
    /// the traces whose strings its records point to).
    monitor: Option<Monitor>,
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.monitor = None;
    }
}

impl Engine {
    pub fn new(config: Config, publisher: Rc<RefCell<Publisher>>) -> Engine {
        Engine {
            config,
            publisher,
            arena: CodeArena::new(),
            recording: None,
            traces: Vec::new(),
            aborts: AbortTable::default(),
            attempts: HashMap::new(),
            pending_side: None,
            monitor: Monitor::claim(),
        }
    }

    pub fn traces(&self) -> &[Trace] {
        &self.traces
    }

    pub fn aborts(&self) -> &AbortTable {
        &self.aborts
    }

    fn fail(&mut self, vm: &Vm, rec: &Recording, reason: Abort) {
        if self.config.dump {
            let function = vm.str_of(rec.code.qualname).unwrap_or("?");
            let name = trace_name(function, &rec.code.filename, rec.line(rec.header));
            let last = match rec.log.last() {
                Some(r) => format!(", the last {:?} at line {}", r.op, rec.line(r.ip)),
                None => String::new(),
            };
            eprintln!(
                "--- recording {name} aborted after {} instructions{last}: {reason}",
                rec.log.len()
            );
        }
        // Stopped at a loop without a trace yet, or at the end of the loop it started in: no
        // fault of the loop's.
        let waits = reason == Abort::InnerLoop || (reason == Abort::LeftLoop && rec.log.len() <= 1);
        self.aborts.count(reason);
        match rec.side {
            Some((parent, exit)) => {
                let e = &mut self.traces[parent as usize].exits[exit as usize];
                match waits {
                    true => e.waits += 1,
                    false => e.side_failures += 1,
                }
            }
            None => {
                let a = self
                    .attempts
                    .entry(loop_key(&rec.code, rec.jump_ip))
                    .or_default();
                match waits {
                    true => a.waits += 1,
                    false => a.failures += 1,
                }
                // Try again at another point of the loop's iterations: a loop whose trip count
                // divides the threshold would otherwise start every recording on the same one
                // (its last, say).
                let tries = a.failures + a.waits;
                if rec.function {
                    // Calls or resumptions counted toward the next try start there too.
                    rec.code.jit_calls.set(tries);
                } else if rec.jump_ip != u32::MAX {
                    let c = &rec.code.caches[rec.jump_ip as usize];
                    let mut cache = c.get();
                    cache.counter = tries;
                    c.set(cache);
                }
            }
        }
    }

    /// Translates, optimizes and compiles a closed recording; returns the new trace's id.
    /// `drain`: the generator recording's drain trace (`translate::translate_drain`).
    fn compile(&mut self, vm: &mut Vm, rec: &Recording, drain: bool) -> Result<u32, Abort> {
        let start = Instant::now();
        let code = rec.code.clone();
        let function = vm.str_of(code.qualname).unwrap_or("?").to_string();
        let line = rec.line(rec.header);
        let name = trace_name(&function, &code.filename, line);
        if let Some(target) = rec.link {
            // The trace the recording ends in is the loop trace installed at that back-edge of
            // this code: the link resumes there with this frame's slots.
            let fits = self.traces.get(target as usize).is_some_and(|t| {
                t.installed
                    && t.parent.is_none()
                    && t.jump_ip == rec.closed_at
                    && Rc::ptr_eq(&t.code, &rec.code)
            });
            if !fits {
                return Err(Abort::InnerLoop);
            }
        }
        let mut ir = match drain {
            true => crate::translate::translate_drain(rec)?,
            false => crate::translate::translate(rec)?,
        };
        let id = self.traces.len();
        if self.config.dump {
            let bytecode = crate::dump::bytecode(rec);
            eprintln!("--- trace {id} {name}: bytecode\n{bytecode}");
            eprintln!("--- trace {id} recorded\n{}", crate::dump::ir(&ir, &code));
        }
        for (pass_name, pass) in crate::opt::PASSES {
            pass(&mut ir);
            if self.config.dump {
                eprintln!(
                    "--- trace {id} after {pass_name}\n{}",
                    crate::dump::ir(&ir, &code)
                );
            }
        }
        // The exit cells live as long as the trace (in `Trace::cells`); the code addresses them.
        let cells: Box<[ExitCell]> = ir.snaps.iter().map(|_| ExitCell::default()).collect();
        let link = Linkage {
            trace_id: id as u32,
            cells: cells.as_ptr() as u64,
        };
        let compiled = backend::compile(&ir, link)?;
        if self.config.dump {
            let text = backend::native::disassemble(&compiled.code, compiled.insn_len as usize);
            let lines = line_map(&ir, &code, &compiled.pc_map);
            eprintln!("--- trace {id} code\n{}", crate::dump::code(&text, &lines));
        }
        let publisher = self.publisher.borrow();
        let mut tables = None;
        let block = CodeBlock::with_tail(self.arena.as_ref(), &compiled.code, |addr| {
            tables = publisher
                .wants_tables()
                .then(|| publisher.tables(addr, &compiled.frame))
                .flatten();
            tables
                .as_ref()
                .map(|t| t.bytes().to_vec())
                .unwrap_or_default()
        })
        .map_err(|_| Abort::Backend("mmap failed"))?;
        drop(publisher);
        // SAFETY: the block holds code the backend generated for exactly this signature, and it
        // stays mapped for as long as the trace (which owns it) exists. Traces are only freed
        // with the engine, all at once: no exit cell ever points at freed code (a trace that can
        // be evicted alone must first clear every `ExitCell::target` naming it).
        let entry: TraceFn = unsafe { std::mem::transmute::<*const u8, TraceFn>(block.as_ptr()) };
        let id = id as u32;
        let loop_start = ir.loop_start().unwrap_or(0);
        let mut exits: Vec<Exit> = ir
            .snaps
            .iter()
            .map(|s| {
                let (c, ip) = ir.code_of(&code, s.pc);
                Exit {
                    pc: ip,
                    depth: s.depth,
                    frames: s.frames.clone(),
                    poll: false,
                    yields: false,
                    line: c.pos(ip).line,
                    at_entry: false,
                    side: None,
                    side_failures: 0,
                    waits: 0,
                }
            })
            .collect();
        for insn in &ir.insns[..loop_start] {
            if insn.snap != crate::ir::NO_SNAP {
                exits[insn.snap as usize].at_entry = true;
            }
        }
        if rec.side.is_none() && ir.entry_snap != crate::ir::NO_SNAP {
            // A linear loop trace has no `Loop` marker: its entry guards are those of the
            // entry snapshot.
            exits[ir.entry_snap as usize].at_entry = true;
        }
        let end = match ir.insns.last() {
            // A generator trace's end yields: it continues in no other trace.
            Some(insn) if insn.op == crate::ir::Uop::Exit && rec.function => {
                exits[insn.snap as usize].yields = true;
                None
            }
            Some(insn) if insn.op == crate::ir::Uop::Exit => Some(insn.snap),
            _ => None,
        };
        // The most stack slots and inlined frames any trace uses: a trace's exits and end may
        // continue in any other trace of the frame, so entering one checks room for all.
        vm.jit_reach[0] = vm.jit_reach[0].max(ir.extent);
        vm.jit_reach[1] = vm.jit_reach[1].max(ir.inline_depth);
        for insn in &ir.insns {
            if insn.op == crate::ir::Uop::Call(crate::ir::Helper::GcPoll, 0, 0) {
                exits[insn.snap as usize].poll = true;
            }
        }
        let lines = line_map(&ir, &code, &compiled.pc_map);
        let rows: Vec<(u32, u32)> = lines.iter().map(|l| (l.offset, l.line)).collect();
        let inlined = inlined_calls(&ir, &code, &lines, compiled.frame.code_len(), |c| {
            trace_name(
                vm.str_of(c.qualname).unwrap_or("?"),
                &c.filename,
                c.firstline,
            )
        });
        let info = CodeInfo {
            name: &name,
            code: block.code(),
            addr: block.addr() as u64,
            frame: &compiled.frame,
            file: &code.filename,
            lines: &rows,
            inlined: &inlined,
            tables: tables.as_ref(),
            prologue_end: Some(compiled.prologue_end),
            span_key: block.span_key(),
        };
        // SAFETY: the frame description comes from the backend that emitted this code, and the
        // trace owns both the block and the registration, declared so that the registration is
        // dropped first.
        let published = unsafe { self.publisher.borrow_mut().publish(&info, true) };
        // The code compares function addresses: those objects must outlive it.
        vm.jit_roots
            .extend(ir.inlined.iter().map(|inlined| inlined.func));
        vm.jit_roots.extend_from_slice(&ir.roots);
        let mut monitor = Slot::default();
        if let Some(m) = &self.monitor {
            monitor = Slot {
                name: name.as_str().into(),
                uops: ir.to_string().into(),
                file: (*code.filename).into(),
                exits: exits
                    .iter()
                    .map(|e| ExitRow {
                        line: e.line.into(),
                        side: 0.into(),
                    })
                    .collect(),
                record: None,
            };
            let desc = TraceDesc {
                id,
                code: (block.addr() as u64, block.len() as u32),
                parent: rec.side,
                line,
                cells: &cells,
            };
            monitor.record = m.publish(&desc, &monitor);
        }
        self.traces.push(Trace {
            id,
            name,
            function,
            file: code.filename.clone(),
            line,
            lines,
            frame: compiled.frame,
            prologue_end: compiled.prologue_end,
            published,
            exits,
            entries: 0,
            cells,
            jump_ip: rec.jump_ip,
            is_function: rec.function,
            drain,
            parent: rec.side,
            end,
            link: rec.link,
            linked_into: false,
            root: match rec.side {
                Some((parent, _)) => self.traces[parent as usize].root,
                None => id,
            },
            depth: match rec.side {
                Some((parent, _)) => self.traces[parent as usize].depth + 1,
                None => 0,
            },
            sides: 0,
            installed: true,
            ir,
            compile_time: start.elapsed(),
            entry,
            block,
            code,
            monitor,
        });
        Ok(id)
    }

    /// Patches side trace `side` into exit `exit` of trace `parent`, and its end into the trace
    /// it continues in: both continue in machine code from now on.
    fn link_side(&mut self, parent: u32, exit: u32, side: u32) {
        let root = self.traces[parent as usize].root;
        self.traces[root as usize].sides += 1;
        let side_entry = self.traces[side as usize].entry as usize as u64;
        let p = &mut self.traces[parent as usize];
        p.exits[exit as usize].side = Some(side);
        p.monitor.linked(exit as usize, side);
        p.cells[exit as usize].target.set(side_entry);
        self.link_end(side);
    }

    /// Patches the end of linear trace `id` (`Trace::end`) into the entry of the trace it
    /// continues in: the one it linked to (`Trace::link`), else its loop's.
    fn link_end(&mut self, id: u32) {
        let t = &self.traces[id as usize];
        let Some(end) = t.end else {
            return;
        };
        let target = t.link.unwrap_or(t.root);
        let linked = t.link.is_some();
        let to = &mut self.traces[target as usize];
        to.linked_into |= linked;
        let entry = to.entry as usize as u64;
        let t = &mut self.traces[id as usize];
        t.exits[end as usize].side = Some(target);
        t.monitor.linked(end as usize, target);
        t.cells[end as usize].target.set(entry);
    }

    /// How the VM names trace `id`, compiled from function (or generator) recording `rec`:
    /// entered where the recording started.
    fn func_trace(&self, id: u32, rec: &Recording) -> FuncTrace {
        FuncTrace {
            id,
            entry: self.traces[id as usize].entry as usize,
            ip: crate::ir::loc_parts(rec.header).1,
        }
    }

    /// Ends the recording in progress: the interpreter leaves the recording loop, whose fast
    /// path logs nothing more.
    fn stop_recording(&mut self, vm: &mut Vm) -> Recording {
        let mut rec = self.recording.take().expect("a recording in progress");
        rec.absorb(&mut vm.trace_log);
        self.set_state(STATE_INTERPRETING);
        rec
    }

    /// Sets the monitor table's state, if this engine owns the table.
    fn set_state(&self, state: u32) {
        if let Some(m) = &self.monitor {
            m.set_state(state);
        }
    }

    fn print_stats(&self) {
        let mut times: Vec<Duration> = self.traces.iter().map(|t| t.compile_time).collect();
        times.sort();
        let median = times.get(times.len() / 2).copied().unwrap_or_default();
        eprintln!(
            "lucent jit: {} traces, median compile time {} µs, {} aborted recordings",
            self.traces.len(),
            median.as_micros(),
            self.aborts.total()
        );
        for t in &self.traces {
            eprintln!(
                "  trace {} {} entries={} exits={} code={}B",
                t.id,
                t.name,
                t.entries,
                t.exits_taken(),
                t.block.len()
            );
            for (k, e) in t.exits.iter().enumerate() {
                let taken = t.taken(k);
                if taken > 0 {
                    let to = match e.side {
                        Some(s) if Some(k as u32) == t.end => format!(" -> trace {s}"),
                        Some(s) => format!(" -> side trace {s}"),
                        None => String::new(),
                    };
                    eprintln!("    exit {k} -> line {} (pc {}): {taken}{to}", e.line, e.pc);
                }
            }
        }
        for (reason, n) in self.aborts.rows() {
            eprintln!("  abort {n:>6}  {reason}");
        }
    }
}

impl JitHook for Engine {
    fn hot_threshold(&self) -> u32 {
        if self.config.stress {
            2
        } else {
            HOT_LOOP
        }
    }

    fn loop_hot(&mut self, vm: &mut Vm, jump_ip: usize) -> bool {
        if self.recording.is_some() {
            return false;
        }
        let Some(frame) = vm.frames.last() else {
            return false;
        };
        let key = loop_key(&frame.code, jump_ip as u32);
        let a = self.attempts.get(&key).copied().unwrap_or_default();
        if !self.config.stress && (a.failures >= MAX_FAILURES || a.waits >= MAX_WAITS) {
            return false;
        }
        vm.trace_log.reset();
        self.recording = Some(Recording::start(vm, jump_ip, None, &[]));
        self.set_state(STATE_RECORDING);
        true
    }

    fn function_hot(&mut self, vm: &mut Vm) -> bool {
        if self.recording.is_some() || self.config.record_only {
            return false;
        }
        let Some(frame) = vm.frames.last() else {
            return false;
        };
        let a = self
            .attempts
            .get(&loop_key(&frame.code, u32::MAX))
            .copied()
            .unwrap_or_default();
        if !self.config.stress && (a.failures >= MAX_FAILURES || a.waits >= MAX_WAITS) {
            return false;
        }
        vm.trace_log.reset();
        self.recording = Some(Recording::function(vm));
        self.set_state(STATE_RECORDING);
        true
    }

    fn record(&mut self, vm: &mut Vm, ip: usize, instr: Instr) -> bool {
        if let Some((parent, exit)) = self.pending_side {
            self.pending_side = None;
            // `enter` asked for this switch at a hot exit; the frame is in sync only now.
            let t = &self.traces[parent as usize];
            let calls: Vec<_> = t.exits[exit as usize]
                .frames
                .iter()
                .map(|f| (t.ir.inlined[f.inl as usize - 1].clone(), *f))
                .collect();
            let jump_ip = t.jump_ip as usize;
            let mut rec = Recording::start(vm, jump_ip, Some((parent, exit)), &calls);
            rec.function = t.is_function;
            rec.checked_globals = self.traces[t.root as usize].ir.checked_globals.clone();
            // An iteration may run only part of the tree's path: poll if any part allocates.
            let mut up = Some(parent);
            while let Some(k) = up {
                let t = &self.traces[k as usize];
                rec.poll |= t.ir.allocates;
                up = t.parent.map(|(p, _)| p);
            }
            vm.trace_log.reset();
            self.recording = Some(rec);
            self.set_state(STATE_RECORDING);
        }
        let Some(rec) = self.recording.as_mut() else {
            vm.trace_log.reset();
            return false;
        };
        rec.absorb(&mut vm.trace_log);
        let mut step = rec.step(vm, ip, instr);
        if self.config.record_only && !matches!(step, Step::Continue) {
            // Start over wherever execution is now.
            rec.restart(vm, ip, instr);
            step = Step::Continue;
        }
        match step {
            Step::Continue => {
                if !self.config.record_slow {
                    rec.arm(vm);
                }
                true
            }
            Step::Closed => {
                let rec = self.stop_recording(vm);
                match (self.compile(vm, &rec, false), rec.side) {
                    (Ok(id), None) if rec.function => {
                        rec.code.func_trace.set(Some(self.func_trace(id, &rec)));
                        if crate::translate::drainable(&rec) {
                            // The same recording as a loop, for consumers that drain it.
                            match self.compile(vm, &rec, true) {
                                Ok(id) => rec.code.drain_trace.set(Some(self.func_trace(id, &rec))),
                                Err(reason) => self.aborts.count(reason),
                            }
                        }
                    }
                    (Ok(id), None) => {
                        set_back_edge(&rec.code, rec.jump_ip, Op::EnterTrace, |c| c.a = id);
                        self.link_end(id);
                    }
                    (Ok(id), Some((parent, exit))) => self.link_side(parent, exit, id),
                    (Err(reason), _) => self.fail(vm, &rec, reason),
                }
                false
            }
            Step::Abort(reason) => {
                let rec = self.stop_recording(vm);
                self.fail(vm, &rec, reason);
                false
            }
        }
    }

    fn exception(&mut self, vm: &mut Vm) {
        self.pending_side = None;
        if self.recording.is_some() {
            let rec = self.stop_recording(vm);
            self.fail(vm, &rec, Abort::Exception);
        }
    }

    fn enter(&mut self, vm: &mut Vm, id: u32) -> Resume {
        let frame = vm.frames.last().expect("a running frame");
        let base = frame.base;
        let entered_frames = vm.frames.len();
        let hot_exit = if self.config.stress { 2 } else { HOT_EXIT };
        let [reach_slots, reach_frames] = vm.jit_reach.map(|r| r as usize);
        if base + reach_slots > STACK_SLOTS || vm.frames.len() + reach_frames > RECURSION_LIMIT {
            // The calls the trace inlines would not fit where the interpreter makes them: it
            // makes them itself (and raises RecursionError where it must).
            return Resume {
                ip: frame.ip,
                depth: vm.stack.len() - base - frame.code.nlocals(),
                record: false,
                frames: false,
            };
        }
        let t = &mut self.traces[id as usize];
        t.entries += 1;
        t.monitor.entered();
        let entry = t.entry;
        if let Some(m) = &self.monitor {
            m.set_current(Some(id));
        }
        // SAFETY: `base` is the running frame's first slot inside the stack buffer, whose capacity
        // covers the frame's locals and `max_stack` (reserved when it was pushed) and, checked
        // above, the slots of any trace's inlined frames (`Vm::jit_reach`); the trace, and every
        // trace its exits and end chain to (all of this frame's code), read and write only those
        // slots (function traces' native calls check room for their callees' frames in
        // `call_trace`), and the VM pointer is the live VM, which traces only hand to helpers. No
        // reference into `self.traces` is held across the call: the code writes the exit cells.
        let ret = unsafe {
            let slots = vm.stack.as_mut_ptr().add(base).cast::<u64>();
            entry(slots, vm as *mut Vm)
        };
        if let Some(m) = &self.monitor {
            m.set_current(None);
        }
        if ret == RETURNED {
            // A function trace returned from the frame it was entered on, its value in the
            // callable's slot: what the interpreter's return does is left to do.
            let callee = vm.frames.pop().expect("the function's frame");
            let caller = vm.frames.last().expect("its caller");
            return Resume {
                ip: caller.ip,
                depth: callee.ret_sp + 1 - caller.base - caller.code.nlocals(),
                record: false,
                frames: true,
            };
        }
        // The trace that finally returned, and its exit.
        let (id, exit) = ((ret >> 32) as usize, (ret & 0xffff_ffff) as u32);
        let t = &mut self.traces[id];
        t.monitor.deopted();
        let taken = t.taken(exit as usize);
        let e = &t.exits[exit as usize];
        let resume = Resume {
            ip: e.pc as usize,
            depth: e.depth as usize,
            record: false,
            // Left inside calls: function traces' native calls (their frames pushed already)
            // or inlined calls.
            frames: !e.frames.is_empty() || vm.frames.len() != entered_frames,
        };
        if resume.frames {
            // Left inside inlined calls: push their frames as the interpreter's calls would have
            // (the trace wrote their slots), each caller continuing after its call. Their
            // caller is the frame the exiting trace ran on: the innermost pushed.
            let base = vm.frames.last().expect("the trace's frame").base;
            for f in &e.frames {
                let inlined = &t.ir.inlined[f.inl as usize - 1];
                let module = inlined.module();
                let at = base + f.base as usize;
                vm.frames.last_mut().expect("the caller").ip = f.ret as usize;
                vm.push_call_frame(inlined.code.clone(), inlined.func, module, at, at - 1);
                if inlined.init {
                    // SAFETY: slot `at` (the callee's local 0) lies in the stack buffer's
                    // reservation (checked against `TraceIr::extent` on entry) and the exit stub
                    // just wrote it, as every inlined frame's slot; `__init__` never reassigns
                    // it, so it holds the instance.
                    let instance = unsafe { *vm.stack.as_ptr().add(at) };
                    vm.frames.last_mut().expect("the callee").init_instance = instance;
                }
            }
            vm.frames.last_mut().expect("the callee").ip = resume.ip;
        }
        let (depth, root) = (t.depth, t.root as usize);
        let tree_full = depth >= MAX_SIDE_DEPTH || self.traces[root].sides >= MAX_SIDES;
        let t = &mut self.traces[id];
        let e = &t.exits[exit as usize];
        // Exits that continue elsewhere already, or would lead nowhere new.
        let settled = e.side.is_some() || e.poll || e.yields || t.drain || tree_full || e.at_entry;
        if !settled
            && taken >= hot_exit << e.waits.min(MAX_WAITS)
            && self.recording.is_none()
            && (self.config.stress || e.side_failures < MAX_FAILURES)
            && !self.config.record_only
        {
            // A hot exit: record a side trace from where the interpreter resumes.
            self.pending_side = Some((id as u32, exit));
            return Resume {
                record: true,
                ..resume
            };
        }
        if t.parent.is_none()
            && !t.linked_into
            && e.at_entry
            && taken >= UNINSTALL_AFTER
            && 2 * taken > t.entries
        {
            // The loop's values no longer have the types the trace was compiled for: go back to
            // interpreting it (and maybe record it again with the new types).
            t.installed = false;
            t.monitor.uninstalled();
            match (t.drain, t.is_function) {
                (true, _) => t.code.drain_trace.set(None),
                (false, true) => t.code.func_trace.set(None),
                (false, false) => {
                    set_back_edge(&t.code, t.jump_ip, Op::JumpBackward, |c| c.counter = 0)
                }
            }
            self.attempts
                .entry(loop_key(&t.code, t.jump_ip))
                .or_default()
                .failures += 1;
        }
        resume
    }

    fn finish(&mut self, _vm: &mut Vm) {
        if self.config.stats {
            self.print_stats();
        }
    }
}
