//! The interpreter's side of the JIT contract: hot-loop detection, the recording hook (dual
//! dispatch) and the deopt entry.
//!
//! The VM does not know how traces are recorded or compiled; `lucent-jit` implements [`JitHook`]
//! and the interpreter calls it at three points:
//!
//! - **Hot loops**: a `JumpBackward` counts in its inline cache; at [`HOT_LOOP`] trips it calls
//!   [`JitHook::loop_hot`]. If the JIT wants the loop, the interpreter leaves its normal loop and
//!   continues in the *recording* instance of the same loop (`Vm::run_mode::<true>`), a second
//!   monomorphization of the dispatch loop in which every instruction first goes through one
//!   recording handler ([`JitHook::record`]) and then dispatches exactly as normal. The normal loop
//!   carries no recording check at all: switching modes is switching loops ("dual dispatch").
//! - **Recording**: `record` sees every instruction before it runs, with the frame's stack in sync
//!   (`Vm::stack`), and returns `false` to stop recording (the loop closed, or the trace aborted);
//!   the interpreter then switches back to the normal loop at that same instruction. "Sees" up to
//!   the fast path the hook arms (`trace_log.rs`): the recording loop logs the instructions for
//!   which logging is all the hook would do itself, into the log the hook lent it.
//! - **Trace entry and deopt**: when a trace is compiled, the JIT rewrites the loop's
//!   `JumpBackward` into `EnterTrace` (trace id in `caches[ip].a`). `EnterTrace` calls
//!   [`JitHook::enter`], which runs the trace on the frame's slots. Every way out of a trace (a
//!   failing guard, the loop's exit) writes the frame's locals and stack back to `Vm::stack` and
//!   returns the instruction to resume at; the interpreter re-executes that instruction. Since a
//!   guard sits before any effect of its instruction, whatever the instruction does (including
//!   raising, with the same traceback) happens in the interpreter, exactly as without the JIT.
//!   An exit inside a Python call the trace inlined first pushes the frames of the calls in
//!   progress (`Resume::frames`), so the interpreter continues in the callee, and returns from it
//!   into the caller, as if it had made the calls itself.
//!   When an exit has become hot, `enter` asks (`Resume::record`) for the interpreter to continue
//!   in the recording loop: the JIT records a side trace from there.
//! - **Function traces** (recursion): a plain Python function that calls itself as many times
//!   as a loop trips to be hot ([`JitHook::hot_threshold`]) through the call fast path is
//!   recorded from its first instruction to its return ([`JitHook::function_hot`]); once
//!   compiled, `Code::func_trace` names the trace and the call fast path enters it
//!   ([`JitHook::enter`]) right after pushing the callee's frame. Such a trace calls itself
//!   natively: the JIT pushes a real frame record per call, so tracebacks, `bt` and the monitor
//!   see every level. A trace returning from its frame pops it, writes the value where the
//!   interpreter's return would (the callable's slot, `ret_sp`) and resumes the caller
//!   (`Resume::frames`). An exit deep in native calls leaves every frame above the entered one
//!   pushed, each caller's `ip` after its call: the interpreter continues in the innermost one
//!   and returns through the others as if it had made the calls itself.
//! - **Generator traces**: a generator resumed as often (by a native consumer, `gen_resume`, or
//!   by a `for` loop, inline) is recorded from where it resumes to its next `yield`
//!   ([`JitHook::function_hot`] again, the generator's frame on top at its resume instruction);
//!   `Code::func_trace` then names the trace and the instruction it starts at, and resuming
//!   there enters it. It ends by leaving at the `yield`, which the interpreter runs (for a native
//!   consumer `gen_resume` suspends the frame itself, no dispatch loop started).

use crate::code::Instr;
use crate::vm::Vm;

/// `JumpBackward` executions of one loop before the JIT is asked to record it.
pub const HOT_LOOP: u32 = 64;

/// A compiled function trace (`Code::func_trace`): its id, for [`JitHook::enter`], its entry
/// point, which function traces call natively (the JIT's `TraceFn`), and the instruction it
/// starts at: 0 for a function, for a generator the one a resumption continues at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FuncTrace {
    pub id: u32,
    pub entry: usize,
    pub ip: u32,
}

/// Where to continue after a trace returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resume {
    /// Instruction index in the frame's code.
    pub ip: usize,
    /// Evaluation-stack depth (above the locals) at `ip`; the trace wrote every slot below it.
    pub depth: usize,
    /// Continue in the recording loop (the JIT started recording a side trace at `ip`).
    pub record: bool,
    /// The trace left inside calls it had inlined and pushed their frames: `ip` (also in its
    /// frame record) and `depth` are the new top frame's; the frames below continue where their
    /// calls return.
    pub frames: bool,
}

/// The JIT as the interpreter sees it. Implementations get the VM mutably; the VM has taken
/// the hook out of `Vm::jit` for the duration of the call, so a hook never sees itself there.
pub trait JitHook {
    /// Back-edge executions before a loop counts as hot (at least 1).
    fn hot_threshold(&self) -> u32 {
        HOT_LOOP
    }

    /// A loop became hot: the `JumpBackward` at `jump_ip` in the top frame's code has tripped
    /// [`HOT_LOOP`] times. Returns whether to start recording at the loop header (its target).
    fn loop_hot(&mut self, vm: &mut Vm, jump_ip: usize) -> bool;

    /// A function became hot (it called itself `hot_threshold` times): its frame, just pushed by a call of it from
    /// itself, is the top frame, about to run its first instruction. Returns whether to start
    /// recording there (a function trace).
    fn function_hot(&mut self, _vm: &mut Vm) -> bool {
        false
    }

    /// The recording handler: called before the instruction at `ip` of the top frame runs while
    /// recording, with that instruction (as the dispatch loop decoded it). Returns `false` to
    /// leave recording mode before that instruction.
    fn record(&mut self, vm: &mut Vm, ip: usize, instr: Instr) -> bool;

    /// An exception was raised while recording: the recording is abandoned.
    fn exception(&mut self, vm: &mut Vm);

    /// Runs trace `id` on the top frame (its slots are in sync in `Vm::stack`) and returns where
    /// the interpreter resumes.
    fn enter(&mut self, vm: &mut Vm, id: u32) -> Resume;

    /// Called once when the script finishes (statistics, `LUCENT_JIT_STATS`).
    fn finish(&mut self, vm: &mut Vm);
}

impl Vm {
    /// Calls `f` with the JIT hook taken out of the VM (so the hook can borrow the VM mutably).
    /// Returns `None` when the VM runs without a JIT.
    #[inline]
    pub fn with_jit<R>(&mut self, f: impl FnOnce(&mut dyn JitHook, &mut Vm) -> R) -> Option<R> {
        let mut jit = self.jit.take()?;
        let r = f(jit.as_mut(), self);
        self.jit = Some(jit);
        Some(r)
    }
}
