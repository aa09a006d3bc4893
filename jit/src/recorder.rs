//! The recording handler's state: the log of instructions one loop iteration executes, with the
//! operand types seen, from the loop header until the back-edge returns there.
//!
//! Recording only observes; translating the log into IR (`translate.rs`) happens when the loop
//! closes, so the translator can run again with different assumptions (see there).

use std::rc::Rc;

use lucent_vm::code::{Cache, Code, Instr, Op};
use lucent_vm::iter::enumerates_list;
use lucent_vm::object::{Layout, Obj};
use lucent_vm::trace_log::{kind_byte, Arm, TraceLog, INPUTS, KIND_EMPTY, SLOW, USES_CACHE};
use lucent_vm::value::Value;
use lucent_vm::vm::Vm;

use crate::abort::Abort;
use crate::ir::{loc, loc_parts, InlineFrame, Inlined, Kind, MAX_LOC_IP};

/// Longest loop body recorded, in bytecode instructions (inlined calls included).
pub const MAX_TRACE: usize = 2000;

/// Deepest nesting of Python calls inlined into one trace.
pub const MAX_INLINE_DEPTH: usize = 6;

/// Most inlined calls in one trace (each gets a frame number in its locations: `ir::loc`).
pub const MAX_INLINED: usize = 255;

/// One recorded instruction (its kinds as `ir::Kind::from_byte` reads them). Beyond the
/// instruction's own inline cache, `cache` holds: for a call of a native function (not inlined),
/// the callee (`c`); for a class instantiation, the class (`c`) and the class epoch (`b`); for a
/// global load, the value (`c`).
pub use lucent_vm::trace_log::Entry as Rec;

/// A recording in progress (or just closed).
pub struct Recording {
    pub code: Rc<Code>,
    /// `Vm::frames.len()` of the loop's frame.
    pub depth: usize,
    /// The loop header (the back-edge's target), or for a side trace the location (`ir::loc`)
    /// of the exit's instruction; and the back-edge.
    pub header: u32,
    pub jump_ip: u32,
    /// The back-edge's target in the loop's code (the header's instruction index, for a side
    /// trace too); `None` when recording for no loop (`restart`).
    pub loop_header: Option<u32>,
    /// Where the loop closed: the back-edge, or the header reached by another jump back (a
    /// `continue`, or an `if` branch ending the body early, compiles to one).
    pub closed_at: u32,
    pub nlocals: u32,
    /// Evaluation-stack depth at the header (everything above the loop frame's locals: for a
    /// side trace starting inside inlined calls, their frames too).
    pub entry_depth: u32,
    /// Kinds of every frame slot (locals, then stack) at the header.
    pub entry_kinds: Vec<Kind>,
    /// The frame's module (for globals).
    pub module: Value,
    pub log: Vec<Rec>,
    /// Entries of `log` whose specialization `specialized_after` has checked.
    checked: usize,
    /// The calls the log enters, in order (frame `k` of a location is `inlined[k - 1]`).
    pub inlined: Vec<Inlined>,
    /// The frames of the inlined calls in progress, outermost first.
    pub active: Vec<u32>,
    /// For a side trace starting inside inlined calls: their frames (frames `1..=k` of the log),
    /// outermost first, as the exit left them.
    pub entry_frames: Vec<InlineFrame>,
    /// For a side trace: the trace and exit it starts from. The recording then starts at that
    /// exit's instruction (`header`) and ends at the loop's back-edge like a loop's does.
    pub side: Option<(u32, u32)>,
    /// The trace of another loop of this frame whose back-edge (`EnterTrace`, at `closed_at`)
    /// the recording reached: it ends there and continues in that trace's entry, so an outer
    /// loop runs its inner loops' traces without going through the interpreter.
    pub link: Option<u32>,
    /// The builtins module (the module of `LoadGlobalBuiltin`'s values).
    pub builtins: Value,
    /// For a side trace: the globals its loop's trace checks on entry, `(module, slot, bits)`
    /// (`translate.rs`; slot `u32::MAX` is the module's globals version). A side trace runs
    /// only within a run of that trace, which nothing between its entry and here can change,
    /// so it uses those as constants without checking them again.
    pub checked_globals: Vec<(Value, u32, u64)>,
    /// End each iteration with a `GcPoll` even if this trace does not allocate: a side trace of
    /// a tree that does (an iteration may run only its part of the path).
    pub poll: bool,
    /// A function trace (or a side trace of one): recorded from the function's first
    /// instruction (or the exit's) to its return, with no loop; in a generator, from where it
    /// resumes to its next `yield`.
    pub function: bool,
    /// A call of the function itself is running (frames above the recording's): its
    /// instructions are not the trace's, which will call its own code natively for it.
    in_self_call: bool,
}

/// What the recording handler decided.
pub enum Step {
    Continue,
    /// The back-edge is next: the loop closed.
    Closed,
    Abort(Abort),
}

/// The kind of a value.
pub fn kind_of(v: Value) -> Kind {
    Kind::from_byte(kind_byte(v))
}

impl Recording {
    /// Starts recording the loop whose back-edge is `jump_ip` in the top frame, which is at the
    /// loop header; or, for a side trace, at the exit's instruction, inside the inlined `calls`
    /// (with their frames as the exit pushed them) if it left a trace inside calls.
    pub fn start(
        vm: &Vm,
        jump_ip: usize,
        side: Option<(u32, u32)>,
        calls: &[(Inlined, InlineFrame)],
    ) -> Recording {
        let k = calls.len();
        let top = vm.frames.last().expect("a running frame");
        let frame = &vm.frames[vm.frames.len() - 1 - k];
        let code = frame.code.clone();
        let nlocals = code.nlocals();
        let slots = &vm.stack[frame.base..];
        Recording {
            header: loc(k as u32, top.ip as u32),
            loop_header: code.instrs.get(jump_ip).map(|i| i.get().arg),
            jump_ip: jump_ip as u32,
            closed_at: jump_ip as u32,
            depth: vm.frames.len() - k,
            nlocals: nlocals as u32,
            entry_depth: (slots.len() - nlocals) as u32,
            entry_kinds: slots.iter().map(|v| kind_of(*v)).collect(),
            module: frame.module,
            code,
            log: Vec::new(),
            checked: 0,
            // Renumbered 1..=k, each called from the one before (its caller's instruction after
            // the call is `ret`).
            inlined: calls
                .iter()
                .zip(0..)
                .map(|((inlined, f), caller)| Inlined {
                    caller,
                    call_ip: f.ret - 1,
                    ..inlined.clone()
                })
                .collect(),
            active: (1..=k as u32).collect(),
            entry_frames: calls
                .iter()
                .zip(1..)
                .map(|((_, f), inl)| InlineFrame { inl, ..*f })
                .collect(),
            side,
            link: None,
            builtins: vm.builtins,
            checked_globals: Vec::new(),
            poll: false,
            function: false,
            in_self_call: false,
        }
    }

    /// Starts recording a function trace in the top frame, which is about to run its first
    /// instruction (a generator's: the one it resumes at).
    pub fn function(vm: &Vm) -> Recording {
        Recording {
            function: true,
            ..Recording::start(vm, u32::MAX as usize, None, &[])
        }
    }

    /// Whether the trace ends in another trace's entry rather than looping back to its own
    /// start: a side trace (into its loop's trace) or a recording that reached an inner loop's
    /// trace (`link`).
    pub fn linear(&self) -> bool {
        self.side.is_some() || self.link.is_some() || self.function
    }

    /// The code frame `frame` of the log runs (0: the loop's).
    pub fn code_of(&self, frame: u32) -> &Rc<Code> {
        code_in(&self.code, &self.inlined, frame)
    }

    /// The script line of location `pc` (`ir::loc`) of the log.
    pub fn line(&self, pc: u32) -> u32 {
        let (frame, ip) = loc_parts(pc);
        self.code_of(frame).pos(ip).line
    }

    /// Restarts an empty log at the top frame (`LUCENT_JIT_RECORD_ONLY`), which is about to run
    /// `instr`, at `ip`: at a loop's back-edge, as the recording of that loop's next iteration (as
    /// a hot loop's recording starts), elsewhere as a recording of no loop.
    pub fn restart(&mut self, vm: &Vm, ip: usize, instr: Instr) {
        if let Some(frame) = vm.frames.last() {
            self.log.clear();
            self.checked = 0;
            self.inlined.clear();
            self.active.clear();
            self.entry_frames.clear();
            self.link = None;
            self.function = false;
            self.in_self_call = false;
            self.depth = vm.frames.len();
            let back_edge = matches!(instr.op, Op::JumpBackward | Op::EnterTrace);
            self.jump_ip = if back_edge { ip as u32 } else { u32::MAX };
            self.loop_header = back_edge.then_some(instr.arg);
            self.header = loc(0, self.loop_header.unwrap_or(ip as u32));
            self.code = frame.code.clone();
            self.nlocals = frame.code.nlocals() as u32;
        }
    }

    /// Takes the log back from the recording loop, with the entries it logged itself since the
    /// last `step` (only what `arm` allowed, exactly as `step` would have).
    #[inline]
    pub fn absorb(&mut self, log: &mut TraceLog) {
        log.disarm(&mut self.log);
    }

    /// After a `step` that continues: lends the log to the recording loop, which appends the
    /// instructions that follow itself while nothing but logging is to be done for them
    /// (`trace_log.rs`): in the frame the next instruction runs in, no [`SLOW`] opcode, not where
    /// the loop closes, room left, and nothing to check about the last entry (`revisits`).
    #[inline]
    pub fn arm(&mut self, vm: &mut Vm) {
        if self.revisits() {
            return;
        }
        let current = self.active.last().copied().unwrap_or(0);
        // Not `code_of`: the log is lent below, so only these fields may be borrowed here.
        let code = code_in(&self.code, &self.inlined, current);
        vm.trace_log.arm(
            Arm {
                table: &OPERANDS,
                frame: self.depth + self.active.len() - 1,
                code,
                // Where the loop closes: in its own frame only (`step`).
                stop: match current {
                    0 => [self.jump_ip, self.loop_header.unwrap_or(u32::MAX)],
                    _ => [u32::MAX; 2],
                },
                loc: loc(current, 0),
                room: MAX_TRACE,
            },
            &mut self.log,
        );
    }

    /// Whether `step` must see the next instruction for what it checks about the last entry:
    /// a generic method load's specialization (`specialized_after`), or whether a loop's first
    /// step left it (`left_at_header`).
    fn revisits(&self) -> bool {
        let Some(last) = self.log.last() else {
            return false;
        };
        let first_step = self.log.len() == 1
            && self.side.is_none()
            && matches!(last.op, Op::ForIter | Op::ForIterList | Op::ForIterRange);
        first_step || last.op == Op::LoadMethod
    }

    /// The generic attribute and method instructions re-specialize themselves as they run (at
    /// sites that see several receiver types, every time): once one has, its cache holds what it
    /// found for this receiver, and the log takes it as the specialized instruction it now is.
    /// Checked for every entry logged since the last `step` (an instruction logged by the fast
    /// path ran once since: between two steps execution runs forward in one frame, so its cache
    /// and opcode are still what it left). `stack` is the frame's stack now, right after the last
    /// entry ran: a method load is checked only then (`revisits`), against the method it pushed.
    fn specialized_after(&mut self, stack: &[Value]) {
        let from = self.checked.min(self.log.len());
        self.checked = self.log.len();
        for k in from..self.log.len() {
            let r = self.log[k];
            let wants: &[Op] = match r.op {
                Op::LoadMethod if k + 1 == self.log.len() => &[Op::LoadMethodCached],
                Op::LoadAttr => &[Op::LoadAttrSlot],
                Op::StoreAttr => &[Op::StoreAttrSlot, Op::StoreAttrAdd],
                _ => continue,
            };
            let (frame, ip) = loc_parts(r.ip);
            let code = self.code_of(frame);
            let cache = code.caches[ip as usize].get();
            // Rewritten while it ran, so for this receiver (it was generic when recorded).
            let now = code.instr(ip as usize).op;
            let Some(&want) = wants.iter().find(|w| **w == now) else {
                continue;
            };
            let consistent = want != Op::LoadMethodCached
                || (stack.len() >= 2 && stack[stack.len() - 2] == cache.c);
            if consistent {
                self.log[k].op = want;
                self.log[k].cache = cache;
            }
        }
    }

    /// The function a `Call` with `argc` arguments calls if the interpreter pushes a frame for it
    /// exactly as the trace will (its fast path: plain positional call of a function without
    /// closure cells, generator or keyword-only parameters), in the loop's file.
    fn inlinable(&self, callee: Value, argc: u32) -> Option<Inlined> {
        let Some(Obj::Function(func)) = callee.as_obj() else {
            return None;
        };
        let c = &func.code;
        (plain_call(c, argc) && self.same_file(c)).then(|| Inlined {
            func: callee,
            code: c.clone(),
            init: false,
            caller: 0,
            call_ip: 0,
        })
    }

    /// Whether a `Call` of `callee` with `argc` arguments, in the function trace's own frame,
    /// calls the function itself through the interpreter's fast path.
    pub fn calls_itself(&self, callee: Value, argc: u32) -> bool {
        match callee.as_obj() {
            Some(Obj::Function(f)) => Rc::ptr_eq(&f.code, &self.code) && plain_call(&f.code, argc),
            _ => false,
        }
    }

    /// Whether `code` is in the loop's file: one file per trace, as its line tables name one
    /// (see `Trace::file`).
    fn same_file(&self, code: &Code) -> bool {
        // The compiler shares one name among a file's code objects: comparing pointers first
        // spares the recording of every call a string comparison.
        Rc::ptr_eq(&code.filename, &self.code.filename) || code.filename == self.code.filename
    }

    /// The recording handler: observes `instr`, the instruction at `ip` of the top frame, before
    /// it runs.
    pub fn step(&mut self, vm: &Vm, ip: usize, instr: Instr) -> Step {
        let Some(frame) = vm.frames.last() else {
            return Step::Abort(Abort::FrameChange);
        };
        let current = self.active.last().copied().unwrap_or(0);
        if self.in_self_call {
            if vm.frames.len() > self.depth {
                return Step::Continue;
            }
            // Back after the call, at the instruction following it.
            self.in_self_call = false;
        }
        if vm.frames.len() != self.depth + self.active.len()
            || !Rc::ptr_eq(&frame.code, self.code_of(current))
        {
            return Step::Abort(Abort::FrameChange);
        }
        // The frame's code (checked equal to the log's frame's above).
        let code: &Code = &frame.code;
        let stack = &vm.stack[frame.base + code.nlocals()..];
        self.specialized_after(stack);
        // The loop closes at its back-edge, or at its header reached through another jump back (a
        // `continue`, or an `if` ending the body early); a side trace, which ends at the
        // back-edge, takes such a jump as reaching the back-edge (both enter the loop's trace).
        let header = self.loop_header;
        let jumped_back = || {
            self.log
                .last()
                .is_some_and(|r| r.op == Op::JumpBackward && loc_parts(r.ip).0 == 0)
        };
        let closes = ip == self.jump_ip as usize
            || (Some(ip as u32) == header
                && !self.log.is_empty()
                && (self.side.is_none() || jumped_back()));
        if current == 0 && closes {
            self.closed_at = match self.side {
                Some(_) => self.jump_ip,
                None => ip as u32,
            };
            return Step::Closed;
        }
        if self.log.len() >= MAX_TRACE {
            return Step::Abort(Abort::TooLong);
        }
        if self.side.is_none() && self.log.len() == 1 && left_at_header(&self.log[0], ip) {
            // The loop ended on the iteration recording started with.
            return Step::Abort(Abort::LeftLoop);
        }
        let generator = self.function && current == 0 && self.code.flags.generator;
        if generator && instr.op == Op::YieldValue {
            // A generator trace ends where it yields; the interpreter runs the `yield`.
            self.closed_at = ip as u32;
            return Step::Closed;
        }
        let entry = OPERANDS[instr.op as usize];
        if entry == UNSUPPORTED {
            return Step::Abort(Abort::Unsupported(instr.op));
        }
        let inputs = (entry & INPUTS) as usize;
        let mut cache = match entry & USES_CACHE {
            0 => Cache::default(),
            _ => code.caches[ip].get(),
        };
        match instr.op {
            Op::Call | Op::CallMethod => {
                let Some((callee, argc)) = call_site(instr.op, instr.arg, stack) else {
                    return Step::Abort(Abort::Unsupported(instr.op));
                };
                if self.function && current == 0 && self.calls_itself(callee, argc) {
                    // The trace calls its own code natively (`Helper::CallTrace`); the callee's
                    // instructions, until it returns, are not this trace's.
                    self.push(0, ip, instr, [KIND_EMPTY; 3], Cache { c: callee, ..cache });
                    self.in_self_call = true;
                    return Step::Continue;
                }
                if native_call(callee, argc, stack) || range_call(vm, callee, argc, stack) {
                    // Called from the trace; the translator finds the callee in the cache.
                    let cache = Cache { c: callee, ..cache };
                    self.push(current, ip, instr, [KIND_EMPTY; 3], cache);
                    return Step::Continue;
                }
                let mut inlined = match self.inlinable(callee, argc) {
                    Some(inlined) => inlined,
                    None => match instantiation(vm, callee, argc) {
                        Some(init) if instr.op == Op::Call && self.same_file(&init.code) => {
                            // The translator guards the class and the epoch `__init__` was
                            // found in.
                            cache.c = callee;
                            cache.b = vm.class_epoch;
                            init
                        }
                        _ => return Step::Abort(Abort::Unsupported(instr.op)),
                    },
                };
                if self.active.len() >= MAX_INLINE_DEPTH || self.inlined.len() >= MAX_INLINED {
                    return Step::Abort(Abort::InlineDepth);
                }
                inlined.caller = current;
                inlined.call_ip = ip as u32;
                self.inlined.push(inlined);
                self.active.push(self.inlined.len() as u32);
            }
            // Only `for i, x in enumerate(a_list)`: the pair is unpacked right away, so the
            // trace never builds it (`translate.rs`).
            Op::ForIter => {
                let then = code.instr(ip + 1);
                let it = stack[stack.len() - 1];
                if then.op != Op::UnpackSequence || then.arg != 2 || !enumerates_list(it) {
                    return Step::Abort(Abort::Unsupported(Op::ForIter));
                }
            }
            // The value loaded (the trace guards it once, on entry, and uses it as a constant;
            // the builtin's cache keeps the module's globals version, the trace guards it too).
            Op::LoadGlobalModule | Op::LoadGlobalBuiltin => {
                let (from, shadow_free) = match (instr.op, frame.module.as_obj()) {
                    (Op::LoadGlobalModule, _) => (frame.module, true),
                    (_, Some(Obj::Module(m))) => (vm.builtins, m.globals.version.get() == cache.b),
                    _ => (vm.builtins, false),
                };
                let v = match from.as_obj() {
                    Some(Obj::Module(m)) => {
                        m.globals.values.borrow().get(cache.a as usize).copied()
                    }
                    _ => None,
                };
                match v {
                    Some(v) if shadow_free && !v.is_empty() => cache.c = v,
                    // The interpreter looks it up afresh (and may raise NameError).
                    _ => return Step::Abort(Abort::Unsupported(instr.op)),
                }
            }
            // A generator trace runs from one `yield` to the next: its loop's back-edge is a
            // plain jump on the way.
            Op::JumpBackward if generator => {}
            // Another loop's back-edge: with a trace, the recording ends in that trace; without
            // one, it waits for it (the inner loop is hot first, or in its turn). A loop inside
            // an inlined call has no frame of its own to run a trace in.
            Op::JumpBackward | Op::EnterTrace if current != 0 || self.log.is_empty() => {
                return Step::Abort(Abort::InnerLoop)
            }
            Op::EnterTrace => {
                self.link = Some(cache.a);
                self.closed_at = ip as u32;
                return Step::Closed;
            }
            // A jump back to the header (where the loop closes next) is a plain jump.
            Op::JumpBackward if Some(instr.arg) != header => return Step::Abort(Abort::InnerLoop),
            Op::ReturnValue if current == 0 && self.function && !self.code.flags.generator => {
                self.push(0, ip, instr, [KIND_EMPTY; 3], cache);
                return Step::Closed;
            }
            Op::ReturnValue if current == 0 => return Step::Abort(Abort::Returned),
            Op::ReturnValue => {
                self.active.pop();
            }
            _ => {}
        }
        // Only the operands the translator inspects are looked at (reading an object's kind
        // touches its memory).
        let mut kinds = [KIND_EMPTY; 3];
        for (n, k) in kinds.iter_mut().enumerate().take(inputs.min(stack.len())) {
            *k = kind_byte(stack[stack.len() - 1 - n]);
        }
        self.push(current, ip, instr, kinds, cache);
        Step::Continue
    }

    /// Logs `instr`, at `ip` of the log's frame `frame`.
    fn push(&mut self, frame: u32, ip: usize, instr: Instr, kinds: [u8; 3], cache: Cache) {
        self.log.push(Rec {
            ip: loc(frame, ip as u32),
            op: instr.op,
            arg: instr.arg,
            kinds,
            cache,
        });
    }
}

/// The code frame `frame` of a log runs, given the loop's code and the inlined calls.
fn code_in<'a>(code: &'a Rc<Code>, inlined: &'a [Inlined], frame: u32) -> &'a Rc<Code> {
    match frame {
        0 => code,
        k => &inlined[k as usize - 1].code,
    }
}

/// Whether `first`, a loop recording's first instruction, was its header's `for` step leaving
/// the loop (execution continued at `ip`, its target).
fn left_at_header(first: &Rec, ip: usize) -> bool {
    matches!(first.op, Op::ForIter | Op::ForIterList | Op::ForIterRange)
        && loc_parts(first.ip).0 == 0
        && ip == first.arg as usize
}

/// The callee and the positional arguments a `Call` or `CallMethod` with `arg` passes, given the
/// evaluation stack before it; `None` for the `CallMethod` of a plain attribute (`EMPTY` in the
/// self slot), whose arguments the interpreter moves.
pub fn call_site(op: Op, arg: u32, stack: &[Value]) -> Option<(Value, u32)> {
    let n = stack.len();
    match op {
        Op::CallMethod if stack[n - 1 - arg as usize].is_empty() => None,
        Op::CallMethod => Some((stack[n - 2 - arg as usize], arg + 1)),
        _ => Some((stack[n - 1 - arg as usize], arg)),
    }
}

/// Whether the interpreter calls `code` with `argc` positional arguments by pushing a frame the
/// trace can lay out the same way (its fast path: arguments matching, no closure cells, no
/// generator, no keyword-only parameters), and the trace can locate its instructions.
fn plain_call(code: &Code, argc: u32) -> bool {
    let fl = code.flags;
    argc == code.argcount
        && !fl.varargs
        && !fl.varkw
        && !fl.generator
        && code.kwonlycount == 0
        && code.nfree == 0
        && code.instrs.len() <= MAX_LOC_IP as usize
}

/// For `Class(args)` (`callee` with `argc` arguments): the class's `__init__`, if the
/// interpreter would allocate a plain instance and run that function on it in a frame of its own
/// (`Vm::instantiate`) that the trace can inline, and the function never reassigns `self` (its
/// local 0 then is the instance throughout, and the engine finds it there on an exit).
fn instantiation(vm: &Vm, callee: Value, argc: u32) -> Option<Inlined> {
    let Some(Obj::Class(c)) = callee.as_obj() else {
        return None;
    };
    if c.layout != Layout::Object {
        return None;
    }
    let init = vm.class_lookup(callee, vm.names.init)?;
    let Some(Obj::Function(func)) = init.as_obj() else {
        return None;
    };
    let code = &func.code;
    let keeps_self = (0..code.instrs.len()).all(|k| {
        let i = code.instr(k);
        !(matches!(i.op, Op::StoreFast | Op::DeleteFast | Op::MakeCell) && i.arg == 0)
    });
    (plain_call(code, argc + 1) && keeps_self).then(|| Inlined {
        func: init,
        code: code.clone(),
        init: true,
        caller: 0,
        call_ip: 0,
    })
}

/// Whether a call of `callee` with the top `argc` values of `stack` as arguments (at most three:
/// `Helper::CallNative`) runs a native function that a trace may call with them.
fn native_call(callee: Value, argc: u32, stack: &[Value]) -> bool {
    let Some((native, receiver)) = crate::helpers::native_of(callee) else {
        return false;
    };
    let args = &stack[stack.len() - argc as usize..];
    let receiver_ok =
        receiver.is_empty() || crate::helpers::callable_with(native.pure, &[receiver]);
    argc <= 3 && receiver_ok && crate::helpers::callable_with(native.pure, args)
}

/// Whether a call of `callee` with the top `argc` values of `stack` is `range(...)` of small
/// ints (`Helper::NewRange`).
fn range_call(vm: &Vm, callee: Value, argc: u32, stack: &[Value]) -> bool {
    let args = &stack[stack.len() - argc as usize..];
    callee == vm.types.range && (1..=3).contains(&argc) && args.iter().all(|a| a.is_small_int())
}

/// [`OPERANDS`] entry of instructions the translator does not know: the recording aborts.
const UNSUPPORTED: u8 = u8::MAX;

/// By opcode: how many stack operands the translator inspects (their kinds are logged:
/// `trace_log::INPUTS`), whether it reads the instruction's inline cache (`USES_CACHE`), and
/// whether [`Recording::step`] must see it (`SLOW`: it does more than log it); or
/// [`UNSUPPORTED`]. The recording loop logs the others itself (`Recording::arm`). A table
/// lookup: a `match` here compiled to an indirect jump that mispredicted on most instructions.
static OPERANDS: [u8; 256] = operand_table();

const fn operand_table() -> [u8; 256] {
    let groups: [(&[Op], u8); 4] = [
        (
            &[
                Op::Nop,
                Op::DupTop,
                Op::DupTop2,
                Op::RotTwo,
                Op::RotThree,
                Op::LoadConst,
                Op::LoadFast,
                Op::LoadFastLoadFast,
                Op::LoadFastLoadConst,
                Op::LoadDeref,
                Op::LoadGlobalModule,
                Op::LoadGlobalBuiltin,
                Op::BuildTuple,
                Op::BuildList,
                Op::Call,
                Op::CallMethod,
                Op::Jump,
                Op::JumpBackward,
                Op::EnterTrace,
            ],
            0,
        ),
        (
            &[
                Op::PopTop,
                Op::StoreFast,
                Op::LoadAttrSlot,
                Op::UnaryNeg,
                Op::UnaryNot,
                Op::PopJumpIfFalse,
                Op::PopJumpIfTrue,
                Op::JumpIfFalseOrPop,
                Op::JumpIfTrueOrPop,
                Op::ForIterRange,
                Op::ForIterList,
                Op::ForIter,
                Op::LoadMethodCached,
                Op::LoadMethod,
                Op::LoadAttr,
                Op::UnpackSequence,
                Op::ReturnValue,
                Op::GetIter,
            ],
            1,
        ),
        (
            &[
                Op::StoreAttrSlot,
                Op::StoreAttrAdd,
                Op::StoreAttr,
                Op::BinarySubscr,
                Op::BinarySubscrList,
                Op::BinaryOp,
                Op::BinaryAddInt,
                Op::BinarySubInt,
                Op::BinaryMulInt,
                Op::BinaryAddFloat,
                Op::BinarySubFloat,
                Op::BinaryMulFloat,
                Op::BinaryDivFloat,
                Op::CompareOp,
                Op::CompareInt,
                Op::CompareFloat,
                Op::IsOp,
            ],
            2,
        ),
        (
            &[
                Op::ListAppend,
                Op::StoreSubscrList,
                Op::StoreSubscr,
                Op::BuildSlice,
            ],
            3,
        ),
    ];
    // What `step` does more than log for these: calls, `for` over a generic iterator, global
    // loads, jumps back, returns; a generic method load is looked at again right after it ran
    // (`specialized_after`).
    let slow = [
        Op::Call,
        Op::CallMethod,
        Op::ForIter,
        Op::LoadGlobalModule,
        Op::LoadGlobalBuiltin,
        Op::JumpBackward,
        Op::EnterTrace,
        Op::ReturnValue,
        Op::LoadMethod,
    ];
    let cached = [
        Op::EnterTrace,
        Op::LoadGlobalModule,
        Op::LoadGlobalBuiltin,
        Op::LoadAttrSlot,
        Op::StoreAttrSlot,
        Op::StoreAttrAdd,
        Op::LoadMethodCached,
    ];
    let mut table = [UNSUPPORTED; 256];
    let mut g = 0;
    while g < groups.len() {
        let (ops, n) = groups[g];
        let mut k = 0;
        while k < ops.len() {
            table[ops[k] as usize] = n;
            k += 1;
        }
        g += 1;
    }
    let mut k = 0;
    while k < cached.len() {
        table[cached[k] as usize] |= USES_CACHE;
        k += 1;
    }
    let mut k = 0;
    while k < slow.len() {
        table[slow[k] as usize] |= SLOW;
        k += 1;
    }
    table
}
