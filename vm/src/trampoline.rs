//! Named native frames for interpreted code (perf's view of the interpreter).
//!
//! A native profiler sees the interpreter as one big dispatch loop: every script function's time
//! lands in `Vm::run_mode`. When perf support is on, the VM runs every Python frame it enters
//! (function calls, generator resumptions, class bodies, the module) through its own *nested*
//! `Vm::run`, called via a tiny piece of generated code owned by the callee's code object: its
//! trampoline. Each trampoline is published under the function's name (`py::f:file.py:12`), keeps
//! the frame-pointer chain and has CFI, so perf attributes interpreter time to script functions
//! and shows script-level call stacks, and every unwinder can walk through it (CPython's
//! `-X perf`).
//!
//! The VM does not know how trampolines are made (that is per-ISA machine code, in `lucent-jit`);
//! it asks a [`Trampolines`] provider once per code object and caches the answer in
//! `Code::trampoline`. Without a provider nothing changes: calls stay inline in one dispatch loop.

use std::rc::Rc;

use crate::code::Code;
use crate::value::Value;
use crate::vm::Vm;
use crate::{PyErr, PyResult};

/// A frame's result in two machine words, returned in registers (`rax:rdx` / `x0:x1`): `err`
/// is 0 for a value, 1 for an exception; `bits` is the value's or the exception's bits.
#[repr(C)]
pub struct RunResult {
    err: u64,
    bits: u64,
}

/// What a trampoline calls: runs the VM's innermost frame to completion.
pub type RunFn = unsafe extern "C-unwind" fn(vm: *mut Vm) -> RunResult;

/// A trampoline: calls `run(vm)` from its own native frame and returns its result untouched.
/// Every trampoline is the same code at its own address. (The second argument is unused: it
/// keeps `run` in the third argument register, where the trampoline expects it.)
pub type TrampolineFn =
    unsafe extern "C-unwind" fn(vm: *mut Vm, unused: u64, run: RunFn) -> RunResult;

/// Makes (and publishes) trampolines.
pub trait Trampolines {
    /// The trampoline for `code`, or `None` if none can be made (the frame then runs without
    /// one). Called once per code object; the VM keeps the answer.
    fn make(&mut self, vm: &Vm, code: &Rc<Code>) -> Option<TrampolineFn>;
}

/// The native function every trampoline calls.
///
/// # Safety
///
/// `vm` is the live VM with a pushed entry frame (nothing else borrows it during the call).
unsafe extern "C-unwind" fn run_innermost(vm: *mut Vm) -> RunResult {
    // SAFETY: guaranteed by the caller (`Vm::run_entry`, through the trampoline).
    match unsafe { (*vm).run() } {
        Ok(v) => RunResult {
            err: 0,
            bits: v.bits(),
        },
        Err(PyErr(e)) => RunResult {
            err: 1,
            bits: e.bits(),
        },
    }
}

impl Vm {
    /// Whether Python frames run nested through trampolines (perf support on).
    #[inline(always)]
    pub fn trampolined(&self) -> bool {
        self.trampolines.is_some()
    }

    /// Runs the innermost frame, which must have been pushed as an entry frame, to completion:
    /// through its code's trampoline when perf support is on, directly otherwise.
    #[inline]
    pub fn run_entry(&mut self) -> PyResult<Value> {
        if self.trampolines.is_none() {
            return self.run();
        }
        let cached = self.frames.last().and_then(|f| f.code.trampoline.get());
        let Some(tramp) = cached.or_else(|| self.make_trampoline()) else {
            return self.run();
        };
        // SAFETY: the trampoline calls `run_innermost(self)` exactly once and returns its result
        // (its provider's contract); `self` is exclusively ours for the call. Panics unwind
        // through the trampoline, which has registered CFI.
        let r = unsafe { tramp(self, 0, run_innermost) };
        // SAFETY: `bits` are those of a value or exception `run_innermost` just produced from a
        // live result; nothing ran since that could have collected it.
        let v = unsafe { Value::from_bits(r.bits) };
        if r.err == 0 {
            Ok(v)
        } else {
            Err(PyErr(v))
        }
    }

    /// Asks the provider for the innermost frame's trampoline and caches it in its code.
    #[cold]
    fn make_trampoline(&mut self) -> Option<TrampolineFn> {
        let code = self.frames.last()?.code.clone();
        let mut provider = self.trampolines.take()?;
        let t = provider.make(self, &code);
        self.trampolines = Some(provider);
        code.trampoline.set(t);
        t
    }
}
