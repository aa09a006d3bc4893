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

use std::mem::MaybeUninit;
use std::rc::Rc;

use crate::code::Code;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

/// What a trampoline calls: runs the VM's innermost frame to completion and writes the result.
pub type RunFn = unsafe extern "C-unwind" fn(vm: *mut Vm, out: *mut PyResult<Value>);

/// A trampoline: calls `run(vm, out)` from its own native frame and returns. Every trampoline is
/// the same code at its own address.
pub type TrampolineFn =
    unsafe extern "C-unwind" fn(vm: *mut Vm, out: *mut PyResult<Value>, run: RunFn);

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
/// `vm` is the live VM with a pushed entry frame (nothing else borrows it during the call) and
/// `out` points to writable, uninitialized space for the result.
unsafe extern "C-unwind" fn run_innermost(vm: *mut Vm, out: *mut PyResult<Value>) {
    // SAFETY: guaranteed by the caller (`Vm::run_entry`, through the trampoline).
    unsafe { out.write((*vm).run()) }
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
        let mut out = MaybeUninit::<PyResult<Value>>::uninit();
        // SAFETY: the trampoline calls `run_innermost(self, out)` exactly once and returns (its
        // provider's contract); `self` is exclusively ours for the call and `out` is writable.
        // Panics unwind through the trampoline, which has registered CFI.
        unsafe {
            tramp(self, out.as_mut_ptr(), run_innermost);
            out.assume_init()
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
