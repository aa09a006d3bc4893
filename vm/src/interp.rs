//! The specializing interpreter: one dispatch loop over quickened bytecode.
//!
//! Dispatch is a `match` on the opcode; Rust compiles it to a jump table. Generic instructions
//! specialize themselves in place after observing their operands (`BinaryOp` → `BinaryAddInt`,
//! `LoadAttr` → `LoadAttrSlot`, `LoadGlobal` → `LoadGlobalModule`, `ForIter` → `ForIterRange`, ...) and
//! fall back (de-specialize, with a back-off counter) when a guard fails.
//!
//! Python-to-Python calls do not recurse in Rust: a call pushes a `Frame` and the loop continues in
//! it; `run` returns when the frame it was entered with (`Frame::entry`) returns. Native code that
//! calls back into Python (`Vm::call`) enters a nested `run`.
//!
//! Recording mode for the JIT ("dual dispatch") is planned as a second instantiation of this loop
//! with the recorder hook compiled in, selected when a back-edge counter trips, so the normal loop
//! carries no recording check at all.

use std::rc::Rc;

use crate::call::Called;
use crate::code::{BinOp, Cache, CmpOp, Code, Instr, Op, INPLACE};
use crate::object::{GenStatus, IterState, Obj};
use crate::ops;
use crate::value::Value;
use crate::vm::Vm;
use crate::{PyErr, PyResult};

/// Back-off before a de-specialized instruction tries to specialize again.
const BACKOFF: u32 = 64;

/// Outcome of resuming a generator.
pub enum GenStep {
    Yield(Value),
    Return(Value),
}

/// How one instance of the dispatch loop ended.
enum LoopExit {
    /// The entry frame returned this value.
    Done(Value),
    /// Continue in the other instance (normal ↔ recording) at the top frame's saved `ip`.
    Switch,
}

impl Vm {
    /// Runs frames until the entry frame (the innermost one with `entry` set when called) returns.
    ///
    /// Alternates between the normal dispatch loop and the recording one (see `jit_hook.rs`);
    /// both are the same code, monomorphized on `RECORD`.
    #[inline]
    pub fn run(&mut self) -> PyResult<Value> {
        let mut record = std::mem::take(&mut self.record_next);
        loop {
            if !record {
                if let LoopExit::Done(v) = self.run_mode::<false>()? {
                    return Ok(v);
                }
            }
            record = false;
            match self.run_mode::<true>() {
                Ok(LoopExit::Done(v)) => return Ok(v),
                Ok(LoopExit::Switch) => {}
                Err(e) => {
                    self.with_jit(|jit, vm| jit.exception(vm));
                    return Err(e);
                }
            }
        }
    }

    /// One instance of the dispatch loop: the normal one, or (`RECORD`) the recording one, which
    /// passes every instruction to `JitHook::record` before running it.
    fn run_mode<const RECORD: bool>(&mut self) -> PyResult<LoopExit> {
        let mut f = self.frames.len() - 1;
        let mut code: Rc<Code> = self.frames[f].code.clone();
        let mut instrs: *const std::cell::Cell<Instr> = code.instrs.as_ptr();
        let mut ip = self.frames[f].ip;
        let mut base = self.frames[f].base;
        let mut kwnames: Option<Value> = self.switch_kwnames.take();
        // The stack buffer never moves (see `Vm::stack`), so the loop keeps its address and the
        // stack height in registers and writes the height back (`sync!`) before anything else
        // looks at `self.stack`.
        let stk: *mut Value = self.stack.as_mut_ptr();
        let mut sp: usize = self.stack.len();

        macro_rules! load_frame {
            () => {{
                f = self.frames.len() - 1;
                code = self.frames[f].code.clone();
                instrs = code.instrs.as_ptr();
                ip = self.frames[f].ip;
                base = self.frames[f].base;
            }};
        }
        macro_rules! sync {
            () => {
                // SAFETY: every slot below `sp` was written by this loop or by VM code that kept
                // `self.stack` in sync, and `sp` never exceeds the reserved capacity (frames reserve
                // `nlocals + max_stack` on entry).
                unsafe { self.stack.set_len(sp) }
            };
        }
        macro_rules! reload {
            () => {
                sp = self.stack.len()
            };
        }
        macro_rules! push {
            ($v:expr) => {{
                let v = $v;
                debug_assert!(sp < self.stack.capacity());
                // SAFETY: `sp` is below the capacity reserved for this frame (its `max_stack`), and
                // the buffer never reallocates.
                unsafe { stk.add(sp).write(v) };
                sp += 1;
            }};
        }
        macro_rules! pop {
            () => {{
                sp -= 1;
                // SAFETY: the compiler's stack discipline guarantees a value below `sp` here.
                unsafe { *stk.add(sp) }
            }};
        }
        macro_rules! peek {
            ($n:expr) => {
                // SAFETY: as for `pop!`: the slot is initialized and inside the frame's region.
                unsafe { *stk.add(sp - 1 - $n) }
            };
        }
        macro_rules! set_top {
            ($v:expr) => {{
                let v = $v;
                // SAFETY: as for `pop!`.
                unsafe { *stk.add(sp - 1) = v }
            }};
        }
        macro_rules! local {
            ($i:expr) => {
                // SAFETY: local slots `base..base + nlocals` are initialized when the frame is pushed.
                unsafe { *stk.add(base + $i as usize) }
            };
        }
        macro_rules! set_local {
            ($i:expr, $v:expr) => {{
                let v = $v;
                // SAFETY: as for `local!`.
                unsafe { *stk.add(base + $i as usize) = v }
            }};
        }

        loop {
            let mut reraise = false;
            let err: PyErr = 'op: {
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => break 'op e,
                        }
                    };
                }
                // Runs VM code that uses `self.stack`, with the height synced around it.
                macro_rules! call {
                    ($e:expr) => {{
                        sync!();
                        let r = $e;
                        reload!();
                        tri!(r)
                    }};
                }
                macro_rules! fail {
                    ($e:expr) => {{
                        sync!();
                        let e = $e;
                        break 'op e;
                    }};
                }
                // A frame just pushed (a call's, or a generator's resumed inline) with its code
                // `$code`, `sp` its stack height: enters the function or generator trace that
                // starts at its instruction, if any (then continues where the trace says: `true`),
                // or, if `$count`, counts toward recording one (switching to the recording loop
                // when the JIT starts recording).
                macro_rules! frame_entry {
                    ($code:expr, $count:expr) => {{
                        let fcode: &Code = $code;
                        let at = self.frames.last().map_or(0, |fr| fr.ip);
                        match fcode.func_trace.get() {
                            Some(t) if t.ip as usize == at => {
                                sync!();
                                if self.heap.pending {
                                    self.collect();
                                }
                                let r = self.with_jit(|jit, vm| jit.enter(vm, t.id));
                                let r = r.expect("a JIT installed");
                                load_frame!();
                                if !r.frames {
                                    ip = r.ip;
                                }
                                sp = base + code.nlocals() + r.depth;
                                if r.record {
                                    save_ip!();
                                    sync!();
                                    return Ok(LoopExit::Switch);
                                }
                                true
                            }
                            // One trace per function or generator (a generator's other
                            // `yield`s resume in the interpreter).
                            None if $count => {
                                sync!();
                                if self.jit_count(fcode) {
                                    return Ok(LoopExit::Switch);
                                }
                                false
                            }
                            _ => false,
                        }
                    }};
                }
                // Perf support (`trampoline.rs`): the callee frame just pushed runs in its own
                // `run`, under its named trampoline, and its result is pushed here.
                macro_rules! run_nested {
                    () => {{
                        self.frames.last_mut().expect("the callee's frame").entry = 1;
                        sync!();
                        let r = self.run_entry();
                        reload!();
                        push!(tri!(r));
                    }};
                }
                macro_rules! save_ip {
                    () => {
                        self.frames[f].ip = ip
                    };
                }
                macro_rules! quicken {
                    ($op:expr) => {
                        code.instrs[ip - 1].set(Instr {
                            op: $op,
                            arg: code.instrs[ip - 1].get().arg,
                        })
                    };
                }
                macro_rules! deopt {
                    ($op:expr) => {{
                        quicken!($op);
                        let c = &code.caches[ip - 1];
                        c.set(Cache {
                            counter: BACKOFF,
                            ..c.get()
                        });
                    }};
                }
                // Fuses a comparison result with a following conditional jump.
                macro_rules! branch_on {
                    ($r:expr) => {{
                        let r: bool = $r;
                        // SAFETY: `ip` indexes the instruction after this one; every code object ends
                        // with a terminal instruction, so it is in bounds.
                        let next = unsafe { (*instrs.add(ip)).get() };
                        match next.op {
                            Op::PopJumpIfFalse => {
                                sp -= 1;
                                ip = if r { ip + 1 } else { next.arg as usize };
                            }
                            Op::PopJumpIfTrue => {
                                sp -= 1;
                                ip = if r { next.arg as usize } else { ip + 1 };
                            }
                            _ => set_top!(Value::bool(r)),
                        }
                    }};
                }
                // The generic (unspecialized) paths shared by an instruction and its specializations.
                macro_rules! generic_binary {
                    ($a:expr, $b:expr, $arg:expr) => {{
                        save_ip!();
                        let v = call!(ops::binary(
                            self,
                            BinOp::from_arg($arg),
                            $a,
                            $b,
                            $arg & INPLACE != 0
                        ));
                        sp -= 1;
                        set_top!(v);
                    }};
                }
                macro_rules! generic_compare {
                    ($a:expr, $b:expr, $arg:expr) => {{
                        save_ip!();
                        let v = call!(ops::compare(self, CmpOp::from_arg($arg), $a, $b));
                        sp -= 1;
                        set_top!(v);
                    }};
                }
                macro_rules! generic_store_attr {
                    ($obj:expr, $v:expr, $arg:expr) => {{
                        let name = code.names[$arg as usize];
                        save_ip!();
                        call!(crate::attr::set_attr(self, $obj, name, $v));
                        sp -= 2;
                    }};
                }
                macro_rules! generic_next {
                    ($it:expr, $exit:expr) => {{
                        save_ip!();
                        match call!(self.iter_next($it)) {
                            Some(v) => push!(v),
                            None => {
                                sp -= 1;
                                ip = $exit as usize;
                            }
                        }
                    }};
                }
                loop {
                    debug_assert!(ip < code.instrs.len());
                    // SAFETY: `ip` is always a valid instruction index: jumps target instructions of
                    // the same code object and every code object ends with a terminal instruction.
                    let Instr { op, arg } = unsafe { (*instrs.add(ip)).get() };
                    if RECORD {
                        let instr = Instr { op, arg };
                        // SAFETY: every slot below `sp` is initialized (see `sync!`); the slice
                        // lives only for this call, which writes nothing to the stack.
                        let stack = unsafe { std::slice::from_raw_parts(stk, sp) };
                        // Logged by the fast path (`trace_log.rs`) unless the hook must see it.
                        if !self.trace_log.log(f, &code, base, ip, instr, stack) {
                            save_ip!();
                            sync!();
                            if !self
                                .with_jit(|jit, vm| jit.record(vm, ip, instr))
                                .unwrap_or(false)
                            {
                                self.switch_kwnames = kwnames.take();
                                return Ok(LoopExit::Switch);
                            }
                        }
                    }
                    let ip_now = ip;
                    ip += 1;
                    match op {
                        Op::Nop => {}
                        Op::PopTop => sp -= 1,
                        Op::DupTop => {
                            let v = peek!(0);
                            push!(v);
                        }
                        Op::DupTop2 => {
                            let (a, b) = (peek!(1), peek!(0));
                            push!(a);
                            push!(b);
                        }
                        Op::RotTwo => {
                            let (a, b) = (peek!(1), peek!(0));
                            // SAFETY: both slots are initialized values of this frame.
                            unsafe {
                                *stk.add(sp - 2) = b;
                                *stk.add(sp - 1) = a;
                            }
                        }
                        Op::RotThree => {
                            let (a, b, c) = (peek!(2), peek!(1), peek!(0));
                            // SAFETY: as above.
                            unsafe {
                                *stk.add(sp - 3) = c;
                                *stk.add(sp - 2) = a;
                                *stk.add(sp - 1) = b;
                            }
                        }
                        Op::RotFour => {
                            let (a, b, c, d) = (peek!(3), peek!(2), peek!(1), peek!(0));
                            // SAFETY: as above.
                            unsafe {
                                *stk.add(sp - 4) = d;
                                *stk.add(sp - 3) = a;
                                *stk.add(sp - 2) = b;
                                *stk.add(sp - 1) = c;
                            }
                        }
                        Op::LoadConst => push!(code.consts[arg as usize]),
                        Op::LoadFast => {
                            let v = local!(arg);
                            if v.is_empty() {
                                fail!(self.unbound_local(&code, arg));
                            }
                            push!(v);
                        }
                        Op::StoreFast => {
                            let v = pop!();
                            set_local!(arg, v);
                        }
                        Op::LoadFastLoadFast => {
                            let (a, b) = (local!(arg & 0xffff), local!(arg >> 16));
                            if a.is_empty() {
                                fail!(self.unbound_local(&code, arg & 0xffff));
                            }
                            if b.is_empty() {
                                ip += 1;
                                fail!(self.unbound_local(&code, arg >> 16));
                            }
                            push!(a);
                            push!(b);
                            ip += 1;
                        }
                        Op::LoadFastLoadConst => {
                            let a = local!(arg & 0xffff);
                            if a.is_empty() {
                                fail!(self.unbound_local(&code, arg & 0xffff));
                            }
                            push!(a);
                            push!(code.consts[(arg >> 16) as usize]);
                            ip += 1;
                        }
                        Op::DeleteFast => {
                            if local!(arg).is_empty() {
                                fail!(self.unbound_local(&code, arg));
                            }
                            set_local!(arg, Value::EMPTY);
                        }
                        Op::MakeCell => {
                            let v = local!(arg);
                            let c = self.heap.alloc(Obj::Cell(std::cell::Cell::new(v)));
                            set_local!(arg, c);
                        }
                        Op::LoadClosure => push!(local!(arg)),
                        Op::LoadDeref => {
                            let v = match local!(arg).as_obj() {
                                Some(Obj::Cell(c)) => c.get(),
                                _ => Value::EMPTY,
                            };
                            if v.is_empty() {
                                let n = self
                                    .str_of(code.varnames[arg as usize])
                                    .unwrap_or("?")
                                    .to_string();
                                fail!(self.exc(self.types.name_error, format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope")));
                            }
                            push!(v);
                        }
                        Op::StoreDeref => {
                            let v = pop!();
                            if let Some(Obj::Cell(c)) = local!(arg).as_obj() {
                                c.set(v);
                            }
                        }
                        Op::LoadGlobal => {
                            let name = code.names[arg as usize];
                            let v = call!(self.load_global_and_cache(f, &code, ip - 1, name));
                            push!(v);
                        }
                        Op::LoadGlobalModule => {
                            let slot = code.caches[ip - 1].get().a as usize;
                            let v = match self.frames[f].module.as_obj() {
                                Some(Obj::Module(m)) => m
                                    .globals
                                    .values
                                    .borrow()
                                    .get(slot)
                                    .copied()
                                    .unwrap_or(Value::EMPTY),
                                _ => Value::EMPTY,
                            };
                            if v.is_empty() {
                                quicken!(Op::LoadGlobal);
                                let name = code.names[arg as usize];
                                let v = call!(self.load_global_and_cache(f, &code, ip - 1, name));
                                push!(v);
                            } else {
                                push!(v);
                            }
                        }
                        Op::LoadGlobalBuiltin => {
                            let c = code.caches[ip - 1].get();
                            let version_ok = match self.frames[f].module.as_obj() {
                                Some(Obj::Module(m)) => m.globals.version.get() == c.b,
                                _ => false,
                            };
                            let v = if version_ok {
                                match self.builtins.as_obj() {
                                    Some(Obj::Module(b)) => b
                                        .globals
                                        .values
                                        .borrow()
                                        .get(c.a as usize)
                                        .copied()
                                        .unwrap_or(Value::EMPTY),
                                    _ => Value::EMPTY,
                                }
                            } else {
                                Value::EMPTY
                            };
                            if v.is_empty() {
                                quicken!(Op::LoadGlobal);
                                let name = code.names[arg as usize];
                                let v = call!(self.load_global_and_cache(f, &code, ip - 1, name));
                                push!(v);
                            } else {
                                push!(v);
                            }
                        }
                        Op::StoreGlobal => {
                            let v = pop!();
                            let name = code.names[arg as usize];
                            if let Some(Obj::Module(m)) = self.frames[f].module.as_obj() {
                                m.globals.set(name, v);
                            }
                        }
                        Op::DeleteGlobal => {
                            let name = code.names[arg as usize];
                            let ok = match self.frames[f].module.as_obj() {
                                Some(Obj::Module(m)) => m.globals.delete(name),
                                _ => false,
                            };
                            if !ok {
                                fail!(self.name_error(name));
                            }
                        }
                        Op::LoadName => {
                            let name = code.names[arg as usize];
                            let ns = self.frames[f].namespace;
                            let found = call!(ops::dict_get(self, ns, name));
                            let v = match found {
                                Some(v) => v,
                                None => {
                                    call!(self.load_global_and_cache(f, &code, usize::MAX, name))
                                }
                            };
                            push!(v);
                        }
                        Op::StoreName => {
                            let v = pop!();
                            let name = code.names[arg as usize];
                            let ns = self.frames[f].namespace;
                            push!(v);
                            call!(ops::dict_set(self, ns, name, v));
                            sp -= 1;
                        }
                        Op::DeleteName => {
                            let name = code.names[arg as usize];
                            let ns = self.frames[f].namespace;
                            if call!(ops::dict_del(self, ns, name)).is_none() {
                                fail!(self.name_error(name));
                            }
                        }
                        Op::LoadAttr => {
                            let obj = peek!(0);
                            let name = code.names[arg as usize];
                            save_ip!();
                            let v = call!(crate::attr::get_attr(self, obj, name));
                            self.specialize_load_attr(&code, ip - 1, obj, name);
                            set_top!(v);
                        }
                        Op::LoadAttrSlot => {
                            let obj = peek!(0);
                            let c = code.caches[ip - 1].get();
                            if let Some(Obj::Instance(inst)) = obj.as_obj() {
                                if inst.shape.get() == c.a
                                    && c.c.as_small_int() == Some(self.class_epoch as i64)
                                {
                                    let v = inst.slots.borrow()[c.b as usize];
                                    set_top!(v);
                                    continue;
                                }
                            }
                            deopt!(Op::LoadAttr);
                            let name = code.names[arg as usize];
                            save_ip!();
                            let v = call!(crate::attr::get_attr(self, obj, name));
                            set_top!(v);
                        }
                        Op::LoadAttrModule => {
                            let obj = peek!(0);
                            let c = code.caches[ip - 1].get();
                            if obj == c.c {
                                if let Some(Obj::Module(m)) = obj.as_obj() {
                                    let v = m
                                        .globals
                                        .values
                                        .borrow()
                                        .get(c.a as usize)
                                        .copied()
                                        .unwrap_or(Value::EMPTY);
                                    if !v.is_empty() {
                                        set_top!(v);
                                        continue;
                                    }
                                }
                            }
                            deopt!(Op::LoadAttr);
                            let name = code.names[arg as usize];
                            let v = call!(crate::attr::get_attr(self, obj, name));
                            set_top!(v);
                        }
                        Op::LoadMethod => {
                            let obj = peek!(0);
                            let name = code.names[arg as usize];
                            save_ip!();
                            let (m, recv) = call!(crate::attr::load_method(self, obj, name));
                            if !recv.is_empty() {
                                if let Some(key) = self.receiver_key(obj) {
                                    code.caches[ip - 1].set(Cache {
                                        a: key,
                                        b: self.class_epoch,
                                        counter: 0,
                                        c: m,
                                    });
                                    quicken!(Op::LoadMethodCached);
                                }
                            }
                            set_top!(m);
                            push!(recv);
                        }
                        Op::LoadMethodCached => {
                            let obj = peek!(0);
                            let c = code.caches[ip - 1].get();
                            if c.b == self.class_epoch && self.receiver_key(obj) == Some(c.a) {
                                set_top!(c.c);
                                push!(obj);
                                continue;
                            }
                            quicken!(Op::LoadMethod);
                            let name = code.names[arg as usize];
                            save_ip!();
                            let (m, recv) = call!(crate::attr::load_method(self, obj, name));
                            set_top!(m);
                            push!(recv);
                        }
                        Op::StoreAttr => {
                            let (obj, v) = (peek!(0), peek!(1));
                            let name = code.names[arg as usize];
                            save_ip!();
                            let shape_before = match obj.as_obj() {
                                Some(Obj::Instance(inst)) => Some(inst.shape.get()),
                                _ => None,
                            };
                            call!(crate::attr::set_attr(self, obj, name, v));
                            sp -= 2;
                            self.specialize_store_attr(&code, ip - 1, obj, name, shape_before);
                        }
                        Op::StoreAttrAdd => {
                            let (obj, v) = (peek!(0), peek!(1));
                            let c = code.caches[ip - 1].get();
                            if let Some(Obj::Instance(inst)) = obj.as_obj() {
                                if inst.shape.get() == c.a
                                    && c.c.as_small_int() == Some(self.class_epoch as i64)
                                {
                                    let mut slots = inst.slots.borrow_mut();
                                    if slots.len() == c.counter as usize {
                                        slots.push(v);
                                        drop(slots);
                                        inst.shape.set(c.b);
                                        sp -= 2;
                                        continue;
                                    }
                                }
                            }
                            deopt!(Op::StoreAttr);
                            generic_store_attr!(obj, v, arg);
                        }
                        Op::StoreAttrSlot => {
                            let (obj, v) = (peek!(0), peek!(1));
                            let c = code.caches[ip - 1].get();
                            if let Some(Obj::Instance(inst)) = obj.as_obj() {
                                if inst.shape.get() == c.a
                                    && c.c.as_small_int() == Some(self.class_epoch as i64)
                                {
                                    inst.slots.borrow_mut()[c.b as usize] = v;
                                    sp -= 2;
                                    continue;
                                }
                            }
                            deopt!(Op::StoreAttr);
                            generic_store_attr!(obj, v, arg);
                        }
                        Op::DeleteAttr => {
                            let obj = peek!(0);
                            let name = code.names[arg as usize];
                            call!(crate::attr::del_attr(self, obj, name));
                            sp -= 1;
                        }
                        Op::BinarySubscr => {
                            let (c, k) = (peek!(1), peek!(0));
                            if k.is_small_int() && matches!(c.as_obj(), Some(Obj::List(_))) {
                                quicken!(Op::BinarySubscrList);
                            }
                            save_ip!();
                            let v = call!(ops::getitem(self, c, k));
                            sp -= 1;
                            set_top!(v);
                        }
                        Op::BinarySubscrList => {
                            let (c, k) = (peek!(1), peek!(0));
                            if let (Some(i), Some(Obj::List(l))) = (k.as_small_int(), c.as_obj()) {
                                let l = l.borrow();
                                let n = l.len() as i64;
                                let i = if i < 0 { i + n } else { i };
                                if (0..n).contains(&i) {
                                    let v = l[i as usize];
                                    drop(l);
                                    sp -= 1;
                                    set_top!(v);
                                    continue;
                                }
                            } else {
                                deopt!(Op::BinarySubscr);
                            }
                            save_ip!();
                            let v = call!(ops::getitem(self, c, k));
                            sp -= 1;
                            set_top!(v);
                        }
                        Op::StoreSubscr => {
                            let (v, c, k) = (peek!(2), peek!(1), peek!(0));
                            if k.is_small_int() && matches!(c.as_obj(), Some(Obj::List(_))) {
                                quicken!(Op::StoreSubscrList);
                            }
                            save_ip!();
                            call!(ops::setitem(self, c, k, v));
                            sp -= 3;
                        }
                        Op::StoreSubscrList => {
                            let (v, c, k) = (peek!(2), peek!(1), peek!(0));
                            if let (Some(i), Some(Obj::List(l))) = (k.as_small_int(), c.as_obj()) {
                                let mut l = l.borrow_mut();
                                let n = l.len() as i64;
                                let i = if i < 0 { i + n } else { i };
                                if (0..n).contains(&i) {
                                    l[i as usize] = v;
                                    sp -= 3;
                                    continue;
                                }
                            } else {
                                deopt!(Op::StoreSubscr);
                            }
                            save_ip!();
                            call!(ops::setitem(self, c, k, v));
                            sp -= 3;
                        }
                        Op::DeleteSubscr => {
                            let (c, k) = (peek!(1), peek!(0));
                            save_ip!();
                            call!(ops::delitem(self, c, k));
                            sp -= 2;
                        }
                        Op::BuildSlice => {
                            let step = if arg == 3 { pop!() } else { Value::NONE };
                            let hi = pop!();
                            let lo = pop!();
                            let s = self.heap.alloc(Obj::Slice([lo, hi, step]));
                            push!(s);
                        }
                        Op::BinaryOp => {
                            let (a, b) = (peek!(1), peek!(0));
                            self.specialize_binary(&code, ip - 1, arg, a, b);
                            generic_binary!(a, b, arg);
                        }
                        Op::BinaryAddInt | Op::BinarySubInt | Op::BinaryMulInt => {
                            let (a, b) = (peek!(1), peek!(0));
                            if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
                                let r = match op {
                                    Op::BinaryAddInt => x.checked_add(y),
                                    Op::BinarySubInt => x.checked_sub(y),
                                    _ => x.checked_mul(y),
                                };
                                if let Some(v) = r.and_then(Value::small_int) {
                                    sp -= 1;
                                    set_top!(v);
                                    continue;
                                }
                            } else {
                                deopt!(Op::BinaryOp);
                            }
                            generic_binary!(a, b, arg);
                        }
                        Op::BinaryAddFloat
                        | Op::BinarySubFloat
                        | Op::BinaryMulFloat
                        | Op::BinaryDivFloat => {
                            let (a, b) = (peek!(1), peek!(0));
                            if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
                                let r = match op {
                                    Op::BinaryAddFloat => x + y,
                                    Op::BinarySubFloat => x - y,
                                    Op::BinaryMulFloat => x * y,
                                    _ if y != 0.0 => x / y,
                                    _ => fail!(self.zero_division("float division by zero")),
                                };
                                sp -= 1;
                                set_top!(Value::float(r));
                                continue;
                            }
                            deopt!(Op::BinaryOp);
                            generic_binary!(a, b, arg);
                        }
                        Op::CompareOp => {
                            let (a, b) = (peek!(1), peek!(0));
                            let c = &code.caches[ip - 1];
                            let cache = c.get();
                            if cache.counter > 0 {
                                c.set(Cache {
                                    counter: cache.counter - 1,
                                    ..cache
                                });
                            } else if a.is_small_int() && b.is_small_int() {
                                quicken!(Op::CompareInt);
                            } else if a.is_float() && b.is_float() {
                                quicken!(Op::CompareFloat);
                            }
                            generic_compare!(a, b, arg);
                        }
                        Op::CompareInt => {
                            let (a, b) = (peek!(1), peek!(0));
                            if a.is_small_int() && b.is_small_int() {
                                let o = a.as_small_int_unchecked().cmp(&b.as_small_int_unchecked());
                                sp -= 1;
                                branch_on!(CmpOp::from_arg(arg).test(o));
                                continue;
                            }
                            deopt!(Op::CompareOp);
                            generic_compare!(a, b, arg);
                        }
                        Op::CompareFloat => {
                            let (a, b) = (peek!(1), peek!(0));
                            if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
                                let r = match CmpOp::from_arg(arg) {
                                    CmpOp::Lt => x < y,
                                    CmpOp::Le => x <= y,
                                    CmpOp::Eq => x == y,
                                    CmpOp::Ne => x != y,
                                    CmpOp::Gt => x > y,
                                    CmpOp::Ge => x >= y,
                                };
                                sp -= 1;
                                branch_on!(r);
                                continue;
                            }
                            deopt!(Op::CompareOp);
                            generic_compare!(a, b, arg);
                        }
                        Op::IsOp => {
                            let b = pop!();
                            let a = peek!(0);
                            branch_on!((a == b) != (arg == 1));
                        }
                        Op::ContainsOp => {
                            let (item, container) = (peek!(1), peek!(0));
                            save_ip!();
                            let r = call!(ops::contains(self, container, item));
                            sp -= 1;
                            set_top!(Value::bool(r != (arg == 1)));
                        }
                        Op::UnaryNeg | Op::UnaryPos | Op::UnaryInvert => {
                            let a = peek!(0);
                            if let (Op::UnaryNeg, Some(x)) = (op, a.as_float()) {
                                set_top!(Value::float(-x));
                                continue;
                            }
                            save_ip!();
                            let v = call!(ops::unary(self, op, a));
                            set_top!(v);
                        }
                        Op::UnaryNot => {
                            let a = peek!(0);
                            let t = match a.fast_truthy() {
                                Some(t) => t,
                                None => call!(ops::truthy(self, a)),
                            };
                            set_top!(Value::bool(!t));
                        }
                        Op::Jump => ip = arg as usize,
                        Op::JumpBackward => {
                            ip = arg as usize;
                            if self.heap.pending {
                                save_ip!();
                                sync!();
                                self.collect();
                            }
                            if !RECORD && self.jit.is_some() {
                                let c = &code.caches[ip_now];
                                let mut cache = c.get();
                                cache.counter += 1;
                                if cache.counter >= self.jit_hot_threshold {
                                    cache.counter = 0;
                                    c.set(cache);
                                    save_ip!();
                                    sync!();
                                    let hot = self.with_jit(|jit, vm| jit.loop_hot(vm, ip_now));
                                    reload!();
                                    if hot == Some(true) {
                                        self.switch_kwnames = kwnames.take();
                                        return Ok(LoopExit::Switch);
                                    }
                                } else {
                                    c.set(cache);
                                }
                            }
                        }
                        Op::EnterTrace => {
                            let id = code.caches[ip_now].get().a;
                            ip = arg as usize;
                            save_ip!();
                            sync!();
                            if self.heap.pending {
                                self.collect();
                            }
                            if let Some(r) = self.with_jit(|jit, vm| jit.enter(vm, id)) {
                                if r.frames {
                                    // The trace left inside calls it had inlined: continue in
                                    // the innermost callee, at the `ip` its frame record holds.
                                    load_frame!();
                                } else {
                                    ip = r.ip;
                                }
                                sp = base + code.nlocals() + r.depth;
                                if r.record && !RECORD {
                                    save_ip!();
                                    sync!();
                                    self.switch_kwnames = kwnames.take();
                                    return Ok(LoopExit::Switch);
                                }
                            }
                        }
                        Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                            let v = peek!(0);
                            let t = match v.fast_truthy() {
                                Some(t) => t,
                                None => {
                                    save_ip!();
                                    call!(ops::truthy(self, v))
                                }
                            };
                            sp -= 1;
                            if t == (op == Op::PopJumpIfTrue) {
                                ip = arg as usize;
                            }
                        }
                        Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                            let v = peek!(0);
                            let t = match v.fast_truthy() {
                                Some(t) => t,
                                None => {
                                    save_ip!();
                                    call!(ops::truthy(self, v))
                                }
                            };
                            if t == (op == Op::JumpIfTrueOrPop) {
                                ip = arg as usize;
                            } else {
                                sp -= 1;
                            }
                        }
                        Op::GetIter => {
                            let v = peek!(0);
                            save_ip!();
                            let it = call!(self.get_iter(v));
                            set_top!(it);
                        }
                        Op::ForIter => {
                            let it = peek!(0);
                            if let Some(Obj::Generator(g)) = it.as_obj() {
                                let mut gb = g.borrow_mut();
                                let fits = sp + gb.saved.len() + (gb.code.max_stack as usize)
                                    < crate::vm::STACK_SLOTS;
                                if matches!(gb.status, GenStatus::Created | GenStatus::Suspended)
                                    && fits
                                    && !self.trampolined()
                                    && self.frames.len() < crate::vm::RECURSION_LIMIT
                                {
                                    let gen_base = sp;
                                    for v in gb.saved.iter() {
                                        push!(*v);
                                    }
                                    let resumed = gb.status == GenStatus::Suspended;
                                    if resumed && gb.code.instr(gb.ip as usize).op != Op::YieldFrom
                                    {
                                        push!(Value::NONE);
                                    }
                                    gb.status = GenStatus::Running;
                                    let (gcode, gip, gfunc) =
                                        (gb.code.clone(), gb.ip as usize, gb.func);
                                    drop(gb);
                                    let module = match gfunc.as_obj() {
                                        Some(Obj::Function(func)) => func.module,
                                        _ => Value::NONE,
                                    };
                                    save_ip!();
                                    self.push_frame(crate::vm::Frame {
                                        code: gcode,
                                        func: gfunc,
                                        module,
                                        base: gen_base,
                                        ret_sp: gen_base,
                                        ip: gip,
                                        namespace: Value::EMPTY,
                                        generator: it,
                                        init_instance: Value::EMPTY,
                                        for_iter_exit: arg as usize,
                                        entry: 0,
                                    });
                                    load_frame!();
                                    if !RECORD && self.jit.is_some() {
                                        let gen_code = code.clone();
                                        frame_entry!(&gen_code, resumed);
                                    }
                                    continue;
                                }
                            }
                            if let Some(Obj::Iter(s)) = it.as_obj() {
                                match &*s.borrow() {
                                    IterState::Range { .. } => quicken!(Op::ForIterRange),
                                    IterState::Seq { seq, .. }
                                        if matches!(seq.as_obj(), Some(Obj::List(_))) =>
                                    {
                                        quicken!(Op::ForIterList)
                                    }
                                    _ => {}
                                }
                            }
                            generic_next!(it, arg);
                        }
                        Op::ForIterRange => {
                            let it = peek!(0);
                            match crate::iter::range_step(it, |_| true) {
                                Some(Some(n)) => {
                                    let v = self.new_int(n);
                                    push!(v);
                                    continue;
                                }
                                Some(None) => {
                                    sp -= 1;
                                    ip = arg as usize;
                                    continue;
                                }
                                None => {}
                            }
                            deopt!(Op::ForIter);
                            generic_next!(it, arg);
                        }
                        Op::ForIterList => {
                            let it = peek!(0);
                            match crate::iter::list_step(it) {
                                Some(Some(v)) => {
                                    push!(v);
                                    continue;
                                }
                                Some(None) => {
                                    sp -= 1;
                                    ip = arg as usize;
                                    continue;
                                }
                                None => {}
                            }
                            deopt!(Op::ForIter);
                            generic_next!(it, arg);
                        }
                        Op::KwNames => kwnames = Some(code.consts[arg as usize]),
                        Op::Call | Op::CallMethod => {
                            let mut argc = arg as usize;
                            let mut at = sp - argc - 1;
                            if op == Op::CallMethod {
                                if peek!(argc).is_empty() {
                                    // `attr EMPTY args`: close the gap left by the marker.
                                    // SAFETY: source and destination lie within the initialized part
                                    // of this frame's stack region; `copy` handles the overlap.
                                    unsafe { std::ptr::copy(stk.add(at + 1), stk.add(at), argc) };
                                    sp -= 1;
                                    at -= 1;
                                } else {
                                    at -= 1;
                                    argc += 1;
                                }
                            }
                            // SAFETY: `at` is below `sp`, an initialized slot of this frame.
                            let callee = unsafe { *stk.add(at) };
                            save_ip!();
                            if kwnames.is_none() {
                                if let Some(Obj::Function(func)) = callee.as_obj() {
                                    let c = &func.code;
                                    let nlocals = c.nlocals();
                                    let fl = c.flags;
                                    if argc == c.argcount as usize
                                        && !fl.varargs
                                        && !fl.varkw
                                        && !fl.generator
                                        && c.kwonlycount == 0
                                        && self.frames.len() < crate::vm::RECURSION_LIMIT
                                        && at + 1 + nlocals + c.max_stack as usize
                                            <= crate::vm::STACK_SLOTS
                                    {
                                        // Inline frame push: the arguments already are locals 0..argc.
                                        let args_at = at + 1;
                                        for i in argc..nlocals {
                                            // SAFETY: within the capacity just checked.
                                            unsafe { stk.add(args_at + i).write(Value::EMPTY) };
                                        }
                                        let nfree = c.nfree as usize;
                                        if nfree > 0 {
                                            for (k, cell) in func.closure.iter().enumerate() {
                                                // SAFETY: within the capacity just checked.
                                                unsafe {
                                                    stk.add(args_at + nlocals - nfree + k)
                                                        .write(*cell)
                                                };
                                            }
                                        }
                                        sp = args_at + nlocals;
                                        let new_code = c.clone();
                                        let module = func.module;
                                        let caller_code = Rc::as_ptr(&code);
                                        self.push_call_frame(new_code, callee, module, args_at, at);
                                        if !RECORD
                                            && self.jit.is_some()
                                            && frame_entry!(c, Rc::as_ptr(c) == caller_code)
                                        {
                                            continue;
                                        }
                                        // While recording, the callee runs in this loop, where
                                        // the recorder sees it (and the trace may inline it).
                                        if self.trampolined() && !RECORD {
                                            run_nested!();
                                            continue;
                                        }
                                        load_frame!();
                                        if self.heap.pending {
                                            sync!();
                                            self.collect();
                                        }
                                        continue;
                                    }
                                }
                            }
                            let kw = kwnames.take();
                            sync!();
                            self.safepoint();
                            let r = self.call_at(at, argc, kw);
                            reload!();
                            match tri!(r) {
                                Called::Value(v) => push!(v),
                                // While recording, in this loop, where the recorder sees it.
                                Called::Frame if self.trampolined() && !RECORD => run_nested!(),
                                Called::Frame => load_frame!(),
                            }
                        }
                        Op::CallEx => {
                            let kwargs = if arg & 1 != 0 { pop!() } else { Value::EMPTY };
                            let args = pop!();
                            let callee = pop!();
                            save_ip!();
                            let mut a = crate::call::Args::default();
                            if let Some(Obj::Tuple(t)) = args.as_obj() {
                                a.pos.extend_from_slice(t);
                            }
                            push!(callee);
                            push!(args);
                            push!(kwargs);
                            if !kwargs.is_empty() {
                                let items = ops::dict_items(kwargs);
                                for (k, v) in items {
                                    if self.str_of(k).is_none() {
                                        fail!(self.type_error("keywords must be strings"));
                                    }
                                    let k = self.intern_value(k);
                                    a.kw.push((k, v));
                                }
                            }
                            let v = call!(self.call_with_args(callee, &a));
                            sp -= 3;
                            push!(v);
                        }
                        Op::ReturnValue => {
                            let v = pop!();
                            let Some(frame) = self.frames.pop() else {
                                sync!();
                                return Ok(LoopExit::Done(v));
                            };
                            sp = frame.ret_sp;
                            let mut v = v;
                            let mut init_err = None;
                            if !frame.init_instance.is_empty() {
                                if !v.is_none() {
                                    init_err = Some(self.init_returned(v));
                                }
                                v = frame.init_instance;
                            }
                            if let Some(Obj::Generator(g)) = frame.generator.as_obj() {
                                let mut g = g.borrow_mut();
                                g.status = GenStatus::Done;
                                g.saved = Vec::new();
                            }
                            if frame.for_iter_exit != crate::vm::NO_EXIT {
                                // An inline generator finished: its `ForIter` is exhausted.
                                if let Some(caller) = self.frames.last_mut() {
                                    caller.ip = frame.for_iter_exit;
                                }
                                load_frame!();
                                sp -= 1;
                                continue;
                            }
                            if frame.entry != 0 {
                                sync!();
                                return match init_err {
                                    Some(e) => Err(e),
                                    None => Ok(LoopExit::Done(v)),
                                };
                            }
                            load_frame!();
                            if let Some(e) = init_err {
                                fail!(e);
                            }
                            push!(v);
                        }
                        Op::YieldValue => {
                            let v = pop!();
                            sync!();
                            let entry = self.suspend_generator(ip as u32);
                            if entry {
                                return Ok(LoopExit::Done(v));
                            }
                            // Resumed inline by the caller's `ForIter`: hand it the value.
                            reload!();
                            load_frame!();
                            push!(v);
                        }
                        Op::YieldFrom => {
                            let sub = peek!(0);
                            save_ip!();
                            let step = if matches!(sub.as_obj(), Some(Obj::Generator(_))) {
                                call!(self.gen_resume(sub, Value::NONE))
                            } else {
                                match call!(self.iter_next(sub)) {
                                    Some(v) => GenStep::Yield(v),
                                    None => GenStep::Return(Value::NONE),
                                }
                            };
                            match step {
                                GenStep::Yield(v) => {
                                    // Resume at this same instruction to pull the next value.
                                    sync!();
                                    let entry = self.suspend_generator(ip as u32 - 1);
                                    if entry {
                                        return Ok(LoopExit::Done(v));
                                    }
                                    reload!();
                                    load_frame!();
                                    push!(v);
                                }
                                GenStep::Return(v) => set_top!(v),
                            }
                        }
                        Op::MakeFunction => {
                            let child = code.children[(arg >> 8) as usize].clone();
                            let closure = if arg & 4 != 0 { pop!() } else { Value::EMPTY };
                            let kwdefaults = if arg & 2 != 0 { pop!() } else { Value::EMPTY };
                            let defaults = if arg & 1 != 0 { pop!() } else { Value::EMPTY };
                            let module = self.frames[f].module;
                            let func = crate::object::Function {
                                code: child,
                                module,
                                defaults: tuple_items(defaults).into(),
                                kwdefaults: tuple_items(kwdefaults)
                                    .chunks(2)
                                    .map(|p| (p[0], p[1]))
                                    .collect(),
                                closure: tuple_items(closure).into(),
                                attrs: Default::default(),
                            };
                            let fv = self.heap.alloc(Obj::Function(Box::new(func)));
                            push!(fv);
                        }
                        Op::BuildClass => {
                            let n = arg as usize;
                            let at = sp - n - 2;
                            save_ip!();
                            sync!();
                            let cls = tri!(self.build_class(at, n));
                            sp = at;
                            push!(cls);
                        }
                        Op::BuildTuple => {
                            let n = arg as usize;
                            sp -= n;
                            // SAFETY: the `n` values just popped are initialized slots of this frame.
                            let items =
                                unsafe { std::slice::from_raw_parts(stk.add(sp), n) }.to_vec();
                            let t = self.new_tuple(items);
                            push!(t);
                        }
                        Op::BuildList => {
                            let n = arg as usize;
                            sp -= n;
                            // SAFETY: as for `BuildTuple`.
                            let items =
                                unsafe { std::slice::from_raw_parts(stk.add(sp), n) }.to_vec();
                            let l = self.new_list(items);
                            push!(l);
                        }
                        Op::BuildSet => {
                            let n = arg as usize;
                            let s = ops::new_set(self, false);
                            let start = sp - n;
                            push!(s);
                            save_ip!();
                            for i in start..start + n {
                                // SAFETY: `i` is below `sp`.
                                let v = unsafe { *stk.add(i) };
                                call!(ops::set_add(self, s, v));
                            }
                            sp = start;
                            push!(s);
                        }
                        Op::BuildMap => {
                            let n = arg as usize;
                            let d = self.new_dict();
                            let start = sp - 2 * n;
                            push!(d);
                            save_ip!();
                            for i in 0..n {
                                // SAFETY: both slots are below `sp`.
                                let (k, v) = unsafe {
                                    (*stk.add(start + 2 * i), *stk.add(start + 2 * i + 1))
                                };
                                call!(ops::dict_set(self, d, k, v));
                            }
                            sp = start;
                            push!(d);
                        }
                        Op::BuildString => {
                            let n = arg as usize;
                            let start = sp - n;
                            let mut s = String::new();
                            for i in start..sp {
                                // SAFETY: `i` is below `sp`.
                                let v = unsafe { *stk.add(i) };
                                s.push_str(self.str_of(v).unwrap_or(""));
                            }
                            sp = start;
                            let v = self.new_str(s);
                            push!(v);
                        }
                        Op::FormatValue => {
                            let spec = if arg & 4 != 0 { pop!() } else { Value::EMPTY };
                            let v = peek!(0);
                            push!(spec);
                            save_ip!();
                            let v = match arg & 3 {
                                1 => call!(crate::repr::str_value(self, v)),
                                2 => call!(crate::repr::repr_value(self, v)),
                                3 => call!(crate::repr::ascii_value(self, v)),
                                _ => v,
                            };
                            sp -= 1;
                            set_top!(v);
                            push!(spec);
                            let s = call!(crate::builtins::format_value(self, v, spec));
                            sp -= 1;
                            set_top!(s);
                        }
                        Op::ListAppend => {
                            let v = pop!();
                            let l = peek!(arg as usize - 1);
                            if let Some(Obj::List(l)) = l.as_obj() {
                                l.borrow_mut().push(v);
                            }
                        }
                        Op::SetAdd => {
                            let v = peek!(0);
                            let s = peek!(arg as usize);
                            save_ip!();
                            call!(ops::set_add(self, s, v));
                            sp -= 1;
                        }
                        Op::MapAdd => {
                            let (k, v) = (peek!(1), peek!(0));
                            let d = peek!(arg as usize + 1);
                            save_ip!();
                            call!(ops::dict_set(self, d, k, v));
                            sp -= 2;
                        }
                        Op::ListExtend | Op::SetUpdate | Op::DictUpdate => {
                            let src = peek!(0);
                            let target = peek!(arg as usize);
                            save_ip!();
                            match op {
                                Op::ListExtend => call!(ops::list_extend(self, target, src)),
                                Op::SetUpdate => call!(ops::set_update(self, target, src)),
                                _ => call!(ops::dict_update(self, target, src)),
                            }
                            sp -= 1;
                        }
                        Op::ListToTuple => {
                            let l = peek!(0);
                            let items = match l.as_obj() {
                                Some(Obj::List(l)) => l.borrow().clone(),
                                _ => Vec::new(),
                            };
                            let t = self.new_tuple(items);
                            set_top!(t);
                        }
                        Op::UnpackSequence => {
                            let seq = peek!(0);
                            let n = arg as usize;
                            // When the unpacked items go straight to fast locals (`a, b = ...`), store
                            // them there and skip the `StoreFast`s (kept for jumps into them).
                            let direct = n <= 16
                                && (0..n).all(|k| {
                                    // SAFETY: `ip + k` stays below the code length: a full run of `n`
                                    // stores follows an unpacking in compiled code, or the check fails
                                    // on the terminal instruction that ends every code object first.
                                    let next = unsafe { (*instrs.add(ip + k)).get() };
                                    next.op == Op::StoreFast
                                });
                            let items: Option<&[Value]> = match seq.as_obj() {
                                Some(Obj::Tuple(t)) if t.len() == n && direct => Some(t),
                                _ => None,
                            };
                            if let Some(items) = items {
                                sp -= 1;
                                for (k, v) in items.iter().enumerate() {
                                    // SAFETY: as above.
                                    let slot = unsafe { (*instrs.add(ip + k)).get() }.arg;
                                    set_local!(slot, *v);
                                }
                                ip += n;
                                continue;
                            }
                            if let (true, Some(Obj::List(l))) = (direct, seq.as_obj()) {
                                let l = l.borrow();
                                if l.len() == n {
                                    sp -= 1;
                                    for (k, v) in l.iter().enumerate() {
                                        // SAFETY: as above.
                                        let slot = unsafe { (*instrs.add(ip + k)).get() }.arg;
                                        set_local!(slot, *v);
                                    }
                                    drop(l);
                                    ip += n;
                                    continue;
                                }
                            }
                            match seq.as_obj() {
                                Some(Obj::Tuple(t)) if t.len() == n => {
                                    sp -= 1;
                                    for v in t.iter().rev() {
                                        push!(*v);
                                    }
                                }
                                Some(Obj::List(l)) if l.borrow().len() == n => {
                                    sp -= 1;
                                    for v in l.borrow().iter().rev() {
                                        push!(*v);
                                    }
                                }
                                _ => {
                                    save_ip!();
                                    sp -= 1;
                                    push!(seq);
                                    sync!();
                                    self.stack.pop();
                                    let r = self.unpack(seq, n, None);
                                    reload!();
                                    tri!(r);
                                }
                            }
                        }
                        Op::UnpackEx => {
                            let seq = peek!(0);
                            save_ip!();
                            sync!();
                            self.stack.pop();
                            let r =
                                self.unpack(seq, (arg & 0xff) as usize, Some((arg >> 8) as usize));
                            reload!();
                            tri!(r);
                        }
                        Op::Raise => {
                            save_ip!();
                            match arg {
                                0 => {
                                    if self.handling.is_none() {
                                        fail!(self.runtime_error("No active exception to reraise"));
                                    }
                                    reraise = true;
                                    fail!(PyErr(self.handling));
                                }
                                1 => {
                                    let e = peek!(0);
                                    let e = call!(self.make_raisable(e));
                                    sp -= 1;
                                    fail!(e);
                                }
                                _ => {
                                    let (e, cause) = (peek!(1), peek!(0));
                                    let e = call!(self.make_raisable(e));
                                    call!(self.set_cause(e.0, cause));
                                    sp -= 2;
                                    fail!(e);
                                }
                            }
                        }
                        Op::Reraise => {
                            let e = pop!();
                            save_ip!();
                            reraise = true;
                            fail!(PyErr(e));
                        }
                        Op::PushExcInfo => {
                            let e = pop!();
                            let prev = self.handling;
                            push!(prev);
                            push!(e);
                            self.handling = e;
                        }
                        Op::PopExcept => {
                            self.handling = pop!();
                        }
                        Op::CheckExcMatch => {
                            let (e, ty) = (peek!(1), peek!(0));
                            save_ip!();
                            let m = call!(ops::exception_matches(self, e, ty));
                            set_top!(Value::bool(m));
                        }
                        Op::LoadAssertionError => push!(self.types.assertion_error),
                        Op::ImportName => {
                            let name = code.names[arg as usize];
                            save_ip!();
                            let m = call!(crate::stdlib::import(self, name));
                            push!(m);
                        }
                        Op::ImportFrom => {
                            let m = peek!(0);
                            let name = code.names[arg as usize];
                            save_ip!();
                            sync!();
                            let r = crate::attr::get_attr(self, m, name);
                            reload!();
                            let v = match r {
                                Ok(v) => v,
                                Err(_) => {
                                    let mn = crate::attr::module_name(self, m);
                                    let n = self.str_of(name).unwrap_or("?").to_string();
                                    fail!(self.exc(self.types.import_error, format!("cannot import name '{n}' from '{mn}' (unknown location)")));
                                }
                            };
                            push!(v);
                        }
                        Op::ImportStar => {
                            let m = peek!(0);
                            save_ip!();
                            call!(self.import_star(f, m));
                            sp -= 1;
                        }
                        Op::LoadLocals => {
                            let ns = self.frames[f].namespace;
                            push!(if ns.is_empty() { Value::NONE } else { ns });
                        }
                    }
                }
            };
            // An exception: find a handler in this run's frames, or propagate out of `run`.
            // `self.stack` is authoritative here (`fail!`, `call!` and `tri!` after `call!` keep it so).
            self.frames[f].ip = ip;
            if RECORD {
                // Traces do not record exceptional control flow.
                self.with_jit(|jit, vm| jit.exception(vm));
            }
            if !self.unwind(err, reraise)? {
                unreachable!("unwind returns Err when no handler is found")
            }
            reload!();
            load_frame!();
        }
    }

    /// Unwinds frames of the current `run` looking for a handler for `err`. Returns `Ok(true)` with
    /// the handler's frame on top (handler ip set), or `Err(err)` when the entry frame is left.
    fn unwind(&mut self, err: PyErr, mut reraise: bool) -> PyResult<bool> {
        let e = err.0;
        self.chain_context(e);
        loop {
            let Some(frame) = self.frames.last_mut() else {
                return Err(PyErr(e));
            };
            let at = frame.ip.saturating_sub(1) as u32;
            if !reraise {
                if let Some(Obj::Instance(inst)) = e.as_obj() {
                    if let Some(x) = &inst.exc {
                        x.traceback.borrow_mut().push((frame.code.clone(), at));
                    }
                }
            }
            reraise = false;
            if let Some(h) = frame.code.handler(at) {
                let depth = frame.base + frame.code.nlocals() + h.depth as usize;
                frame.ip = h.target as usize;
                self.stack.truncate(depth);
                self.stack.push(e);
                return Ok(true);
            }
            let Some(frame) = self.frames.pop() else {
                return Err(PyErr(e));
            };
            self.stack.truncate(frame.ret_sp);
            if let Some(Obj::Generator(g)) = frame.generator.as_obj() {
                let mut g = g.borrow_mut();
                g.status = GenStatus::Done;
                g.saved = Vec::new();
            }
            if frame.entry != 0 {
                return Err(PyErr(e));
            }
        }
    }

    /// Sets `__context__` of a newly raised exception to the exception being handled.
    fn chain_context(&mut self, e: Value) {
        let handling = self.handling;
        if handling.is_none() || handling == e {
            return;
        }
        if let Some(Obj::Instance(inst)) = e.as_obj() {
            if let Some(x) = &inst.exc {
                if x.context.get().is_none() {
                    // Avoid cycles: do not link if `e` already is in handling's context chain.
                    let mut c = handling;
                    for _ in 0..100 {
                        if c == e {
                            return;
                        }
                        match c.as_obj() {
                            Some(Obj::Instance(ci)) => match &ci.exc {
                                Some(cx) => c = cx.context.get(),
                                None => break,
                            },
                            _ => break,
                        }
                        if c.is_none() {
                            break;
                        }
                    }
                    x.context.set(handling);
                }
            }
        }
    }

    fn unbound_local(&mut self, code: &Code, slot: u32) -> PyErr {
        let n = self
            .str_of(code.varnames[slot as usize])
            .unwrap_or("?")
            .to_string();
        self.exc(
            self.types.unbound_local_error,
            format!("cannot access local variable '{n}' where it is not associated with a value"),
        )
    }

    /// Looks a global up (module, then builtins) and specializes the instruction at `at`.
    fn load_global_and_cache(
        &mut self,
        f: usize,
        code: &Code,
        at: usize,
        name: Value,
    ) -> PyResult<Value> {
        let module = self.frames[f].module;
        if let Some(Obj::Module(m)) = module.as_obj() {
            if let Some(slot) = m.globals.slot(name) {
                let v = m.globals.values.borrow()[slot as usize];
                if !v.is_empty() {
                    if at != usize::MAX {
                        rewrite(
                            code,
                            at,
                            Op::LoadGlobalModule,
                            Cache {
                                a: slot,
                                ..Cache::default()
                            },
                        );
                    }
                    return Ok(v);
                }
            }
            if let Some(Obj::Module(b)) = self.builtins.as_obj() {
                if let Some(slot) = b.globals.slot(name) {
                    let v = b.globals.values.borrow()[slot as usize];
                    if !v.is_empty() {
                        if at != usize::MAX {
                            rewrite(
                                code,
                                at,
                                Op::LoadGlobalBuiltin,
                                Cache {
                                    a: slot,
                                    b: m.globals.version.get(),
                                    ..Cache::default()
                                },
                            );
                        }
                        return Ok(v);
                    }
                }
            }
        }
        Err(self.name_error(name))
    }

    fn specialize_binary(&mut self, code: &Code, at: usize, arg: u32, a: Value, b: Value) {
        let c = &code.caches[at];
        let cache = c.get();
        if cache.counter > 0 {
            c.set(Cache {
                counter: cache.counter - 1,
                ..cache
            });
            return;
        }
        let op = BinOp::from_arg(arg);
        let new = if a.is_small_int() && b.is_small_int() {
            match op {
                BinOp::Add => Some(Op::BinaryAddInt),
                BinOp::Sub => Some(Op::BinarySubInt),
                BinOp::Mul => Some(Op::BinaryMulInt),
                _ => None,
            }
        } else if a.is_float() && b.is_float() {
            match op {
                BinOp::Add => Some(Op::BinaryAddFloat),
                BinOp::Sub => Some(Op::BinarySubFloat),
                BinOp::Mul => Some(Op::BinaryMulFloat),
                BinOp::TrueDiv => Some(Op::BinaryDivFloat),
                _ => None,
            }
        } else {
            None
        };
        match new {
            Some(o) => code.instrs[at].set(Instr { op: o, arg }),
            None => c.set(Cache {
                counter: BACKOFF,
                ..cache
            }),
        }
    }

    fn specialize_load_attr(&mut self, code: &Code, at: usize, obj: Value, name: Value) {
        match obj.as_obj() {
            Some(Obj::Instance(inst)) => {
                if let Some(slot) = self.shapes.lookup(inst.shape.get(), name) {
                    if crate::attr::class_has_descriptor(self, inst.class, name) {
                        return;
                    }
                    rewrite(
                        code,
                        at,
                        Op::LoadAttrSlot,
                        Cache {
                            a: inst.shape.get(),
                            b: slot,
                            counter: 0,
                            c: Value::int_unchecked(self.class_epoch as i64),
                        },
                    );
                }
            }
            Some(Obj::Module(m)) => {
                if let Some(slot) = m.globals.slot(name) {
                    rewrite(
                        code,
                        at,
                        Op::LoadAttrModule,
                        Cache {
                            a: slot,
                            b: 0,
                            counter: 0,
                            c: obj,
                        },
                    );
                }
            }
            _ => {}
        }
    }

    fn specialize_store_attr(
        &mut self,
        code: &Code,
        at: usize,
        obj: Value,
        name: Value,
        shape_before: Option<u32>,
    ) {
        if let Some(Obj::Instance(inst)) = obj.as_obj() {
            if let Some(slot) = self.shapes.lookup(inst.shape.get(), name) {
                if crate::attr::class_has_descriptor(self, inst.class, name) {
                    return;
                }
                if let Some(before) = shape_before.filter(|b| *b != inst.shape.get()) {
                    let epoch = Value::int_unchecked(self.class_epoch as i64);
                    rewrite(
                        code,
                        at,
                        Op::StoreAttrAdd,
                        Cache {
                            a: before,
                            b: inst.shape.get(),
                            counter: slot,
                            c: epoch,
                        },
                    );
                    return;
                }
                rewrite(
                    code,
                    at,
                    Op::StoreAttrSlot,
                    Cache {
                        a: inst.shape.get(),
                        b: slot,
                        counter: 0,
                        c: Value::int_unchecked(self.class_epoch as i64),
                    },
                );
            }
        }
    }

    /// A small integer naming "what kind of receiver" `v` is, for method caches: the shape id for
    /// instances (a shape implies its class), a per-kind constant for built-in objects.
    #[inline]
    pub fn receiver_key(&self, v: Value) -> Option<u32> {
        match v.as_obj() {
            Some(Obj::Instance(i)) => Some(i.shape.get() & 0x3fff_ffff),
            Some(Obj::Class(_)) | Some(Obj::Module(_)) | Some(Obj::Super(..)) => None,
            Some(Obj::Set(s)) => {
                Some(0x8000_0000 | (crate::object::ObjKind::Set as u32) << 1 | u32::from(s.frozen))
            }
            Some(o) => Some(0x8000_0000 | (o.kind() as u32) << 1),
            None if v.is_small_int() => Some(0xC000_0001),
            None if v.is_float() => Some(0xC000_0002),
            None if v.is_bool() => Some(0xC000_0003),
            None => Some(0xC000_0004),
        }
    }

    /// Copies the running generator frame out of the stack into its generator object and pops it.
    /// Returns whether the frame was an entry frame (then `run` must return the value).
    fn suspend_generator(&mut self, resume_ip: u32) -> bool {
        let Some(frame) = self.frames.pop() else {
            return true;
        };
        if let Some(Obj::Generator(g)) = frame.generator.as_obj() {
            let mut g = g.borrow_mut();
            // Reuse the generator's buffer: suspending allocates nothing after the first time.
            g.saved.clear();
            g.saved.extend_from_slice(&self.stack[frame.base..]);
            self.stack.truncate(frame.ret_sp);
            g.ip = resume_ip;
            g.status = GenStatus::Suspended;
            g.handling = self.handling;
        }
        frame.entry != 0
    }

    /// Where native code that entered a trace on the top frame (and runs it on with
    /// `run_entry`) continues: the `Resume` applied to the frame records and the stack.
    fn resume_at(&mut self, r: crate::jit_hook::Resume) {
        let Some(top) = self.frames.last_mut() else {
            return;
        };
        if !r.frames {
            top.ip = r.ip;
        }
        let height = top.base + top.code.nlocals() + r.depth;
        // SAFETY: the trace wrote back every slot of the frame below `depth` (the `Resume`
        // contract), inside the stack buffer's reservation.
        unsafe { self.stack.set_len(height) };
        self.record_next = r.record;
    }

    /// For `gen_resume`, the generator's frame just pushed at a resume instruction (the entry
    /// frame, stack in sync): enters the generator trace starting there, if any, or counts
    /// toward recording one (the next `run` then starts in the recording loop). When the trace
    /// ran to its `yield`, suspends the frame as that instruction would and returns the value
    /// yielded; otherwise the frame is left for `run_entry` where the trace left it.
    fn resume_traced(&mut self) -> Option<Value> {
        let frame = self.frames.last()?;
        match frame.code.func_trace.get() {
            Some(t) if t.ip as usize == frame.ip => {
                let r = self.with_jit(|jit, vm| jit.enter(vm, t.id))?;
                self.resume_at(r);
                let yields = self.frames.last()?.code.instr(r.ip).op == Op::YieldValue;
                if r.frames || r.record || !yields {
                    return None;
                }
                let v = self.stack.pop()?;
                self.suspend_generator(r.ip as u32 + 1);
                Some(v)
            }
            Some(_) => None,
            None => {
                let code = frame.code.clone();
                self.record_next = self.jit_count(&code);
                None
            }
        }
    }

    /// Counts a call (or resumption) of `code`, whose frame is the top one, in sync, toward a
    /// function (or generator) trace; returns whether the JIT started recording there.
    fn jit_count(&mut self, code: &Code) -> bool {
        let n = code.jit_calls.get() + 1;
        if n < self.jit_hot_threshold {
            code.jit_calls.set(n);
            return false;
        }
        code.jit_calls.set(0);
        self.with_jit(|jit, vm| jit.function_hot(vm)) == Some(true)
    }

    /// Resumes `gen`, sending `sent` (ignored on the first resumption and by `yield from`).
    pub fn gen_resume(&mut self, gen: Value, sent: Value) -> PyResult<GenStep> {
        let Some(status) = self.gen_push(gen, sent)? else {
            return Ok(GenStep::Return(Value::NONE));
        };
        if self.jit.is_some() && status == GenStatus::Suspended {
            if let Some(v) = self.resume_traced() {
                return Ok(GenStep::Yield(v));
            }
        }
        self.gen_run(gen)
    }

    /// `collect_iterable`'s way through a generator suspended where its drain trace starts
    /// (`Code::drain_trace`): resumes it in that trace, which appends every value the generator
    /// yields to list `acc` until it leaves, then runs the frame on in the interpreter to its
    /// next `yield` or its end (that step is returned). `None` when no drain trace applies (the
    /// caller steps the generator itself).
    pub fn gen_drain(&mut self, gen: Value, acc: Value) -> PyResult<Option<GenStep>> {
        let Some(Obj::Generator(g)) = gen.as_obj() else {
            return Ok(None);
        };
        let t = {
            let gb = g.borrow();
            match (gb.status, gb.code.drain_trace.get()) {
                (GenStatus::Suspended, Some(t)) if t.ip == gb.ip => t,
                _ => return Ok(None),
            }
        };
        if self.gen_push(gen, Value::NONE)?.is_none() {
            return Ok(Some(GenStep::Return(Value::NONE)));
        }
        self.jit_sink = acc;
        let r = self.with_jit(|jit, vm| jit.enter(vm, t.id));
        self.jit_sink = Value::EMPTY;
        if let Some(r) = r {
            self.resume_at(r);
        }
        self.gen_run(gen).map(Some)
    }

    /// Pushes `gen`'s frame to resume it, sending `sent` as `gen_resume` does; returns the
    /// status it had, or `None` (nothing pushed) if it is finished.
    fn gen_push(&mut self, gen: Value, sent: Value) -> PyResult<Option<GenStatus>> {
        let Some(Obj::Generator(g)) = gen.as_obj() else {
            return Err(self.type_error("not a generator"));
        };
        let (code, ret_sp, ip, status, func) = {
            let mut gb = g.borrow_mut();
            match gb.status {
                GenStatus::Running => return Err(self.value_error("generator already executing")),
                GenStatus::Done => return Ok(None),
                _ => {}
            }
            let st = gb.status;
            if self.stack.len() + gb.saved.len() + gb.code.max_stack as usize + 1
                > crate::vm::STACK_SLOTS
            {
                drop(gb);
                return Err(self.exc(
                    self.types.recursion_error,
                    "maximum recursion depth exceeded",
                ));
            }
            gb.status = GenStatus::Running;
            let ret_sp = self.stack.len();
            self.stack.extend_from_slice(&gb.saved);
            (gb.code.clone(), ret_sp, gb.ip, st, gb.func)
        };
        if self.frames.len() >= crate::vm::RECURSION_LIMIT {
            self.stack.truncate(ret_sp);
            if let Some(Obj::Generator(g)) = gen.as_obj() {
                g.borrow_mut().status = status;
            }
            return Err(self.exc(
                self.types.recursion_error,
                "maximum recursion depth exceeded",
            ));
        }
        let module = match func.as_obj() {
            Some(Obj::Function(f)) => f.module,
            _ => Value::NONE,
        };
        if status == GenStatus::Suspended && code.instr(ip as usize).op != Op::YieldFrom {
            self.stack.push(sent);
        }
        self.push_frame(crate::vm::Frame {
            code,
            func,
            module,
            base: ret_sp,
            ret_sp,
            ip: ip as usize,
            namespace: Value::EMPTY,
            generator: gen,
            init_instance: Value::EMPTY,
            for_iter_exit: crate::vm::NO_EXIT,
            entry: 1,
        });
        Ok(Some(status))
    }

    /// Runs `gen`'s frame, pushed by `gen_push`, to its next `yield` or its end.
    fn gen_run(&mut self, gen: Value) -> PyResult<GenStep> {
        let r = self.run_entry()?;
        let done = match gen.as_obj() {
            Some(Obj::Generator(g)) => g.borrow().status == GenStatus::Done,
            _ => true,
        };
        Ok(if done {
            GenStep::Return(r)
        } else {
            GenStep::Yield(r)
        })
    }

    /// Runs a class body and creates the class: stack `at`: body function, name, bases...
    fn build_class(&mut self, at: usize, nbases: usize) -> PyResult<Value> {
        let body = self.stack[at];
        let name = self.stack[at + 1];
        let bases: Vec<Value> = self.stack[at + 2..at + 2 + nbases].to_vec();
        if bases.len() > 1 {
            return Err(self.not_supported("multiple inheritance"));
        }
        let base = bases.first().copied().unwrap_or(self.types.object);
        let layout = match base.as_obj() {
            Some(Obj::Class(c)) => c.layout,
            _ => {
                let t = self.type_name(base);
                return Err(self.type_error(format!("bases must be types, not {t}")));
            }
        };
        if layout == crate::object::Layout::Builtin && base != self.types.object {
            let n = self.class_name(base).to_string();
            return Err(self.not_supported(&format!("subclassing built-in type '{n}'")));
        }
        let layout = if layout == crate::object::Layout::Builtin {
            crate::object::Layout::Object
        } else {
            layout
        };
        let ns = self.new_dict();
        self.stack.push(ns);
        let Some(Obj::Function(func)) = body.as_obj() else {
            return Err(self.type_error("internal: class body"));
        };
        let (bcode, module, closure) = (func.code.clone(), func.module, func.closure.clone());
        let modname = match module.as_obj() {
            Some(Obj::Module(m)) => m.name,
            _ => Value::NONE,
        };
        let mkey = self.names.module;
        ops::dict_set(self, ns, mkey, modname)?;
        let qkey = self.names.qualname;
        let qn = bcode.qualname;
        ops::dict_set(self, ns, qkey, qn)?;
        // Run the body as a frame with the namespace.
        self.reserve_stack(bcode.nlocals() + bcode.max_stack as usize + 1)?;
        let base_sp = self.stack.len();
        self.stack.resize(base_sp + bcode.nlocals(), Value::EMPTY);
        let nfree = bcode.nfree as usize;
        if nfree > 0 {
            let first = base_sp + bcode.nlocals() - nfree;
            self.stack[first..first + nfree].copy_from_slice(&closure);
        }
        self.push_frame(crate::vm::Frame {
            code: bcode,
            func: body,
            module,
            base: base_sp,
            ret_sp: base_sp,
            ip: 0,
            namespace: ns,
            generator: Value::EMPTY,
            init_instance: Value::EMPTY,
            for_iter_exit: crate::vm::NO_EXIT,
            entry: 1,
        });
        let cell = self.run_entry()?;
        let cls = crate::types::new_class(self, name, base, layout, modname);
        self.stack.push(cls);
        for (k, v) in ops::dict_items(ns) {
            let k = self.intern_value(k);
            if let Some(Obj::Class(c)) = cls.as_obj() {
                c.dict.borrow_mut().insert(k, v);
            }
        }
        // The new class's namespace was filled after creation: invalidate attribute caches.
        self.class_epoch = self.class_epoch.wrapping_add(1);
        if let Some(Obj::Cell(c)) = cell.as_obj() {
            c.set(cls);
        }
        self.stack.pop();
        self.stack.pop();
        Ok(cls)
    }

    /// Unpacks `seq` onto the stack (first item on top). With `after = Some(n)`, `before` items,
    /// a list of the middle, then `n` items.
    fn unpack(&mut self, seq: Value, before: usize, after: Option<usize>) -> PyResult<()> {
        // Fast path: exact-length tuples and lists go straight onto the stack, no temporary.
        if after.is_none() {
            match seq.as_obj() {
                Some(Obj::Tuple(t)) if t.len() == before => {
                    self.stack.extend(t.iter().rev());
                    return Ok(());
                }
                Some(Obj::List(l)) if l.borrow().len() == before => {
                    self.stack.extend(l.borrow().iter().rev());
                    return Ok(());
                }
                _ => {}
            }
        }
        let items: Vec<Value> = match seq.as_obj() {
            Some(Obj::Tuple(t)) => t.to_vec(),
            Some(Obj::List(l)) => l.borrow().clone(),
            _ => {
                self.temp_roots.push(seq);
                let r = self.collect_iterable(seq);
                self.temp_roots.pop();
                r.map_err(|e| {
                    if ops::is_type_error_not_iterable(self, &e) {
                        let t = self.type_name(seq);
                        self.type_error(format!("cannot unpack non-iterable {t} object"))
                    } else {
                        e
                    }
                })?
            }
        };
        match after {
            None => {
                if items.len() != before {
                    return Err(if items.len() > before {
                        self.value_error(format!("too many values to unpack (expected {before})"))
                    } else {
                        self.value_error(format!(
                            "not enough values to unpack (expected {before}, got {})",
                            items.len()
                        ))
                    });
                }
                self.stack.extend(items.iter().rev());
            }
            Some(n) => {
                if items.len() < before + n {
                    return Err(self.value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + n,
                        items.len()
                    )));
                }
                let mid = items[before..items.len() - n].to_vec();
                self.stack.extend(items[items.len() - n..].iter().rev());
                let l = self.new_list(mid);
                self.stack.push(l);
                self.stack.extend(items[..before].iter().rev());
            }
        }
        Ok(())
    }

    /// Turns the operand of `raise` into an exception instance (instantiating classes).
    fn make_raisable(&mut self, e: Value) -> PyResult<PyErr> {
        if let Some(Obj::Class(c)) = e.as_obj() {
            if c.layout == crate::object::Layout::Exception {
                let inst = self.call(e, &[])?;
                return Ok(PyErr(inst));
            }
        }
        if let Some(Obj::Instance(i)) = e.as_obj() {
            if i.exc.is_some() {
                return Ok(PyErr(e));
            }
        }
        Err(self.type_error("exceptions must derive from BaseException"))
    }

    fn set_cause(&mut self, e: Value, cause: Value) -> PyResult<()> {
        let cause = if cause.is_none() {
            Value::NONE
        } else {
            match self.make_raisable(cause) {
                Ok(c) => c.0,
                Err(_) => {
                    return Err(self.type_error("exception causes must derive from BaseException"))
                }
            }
        };
        if let Some(Obj::Instance(i)) = e.as_obj() {
            if let Some(x) = &i.exc {
                x.cause.set(cause);
                x.suppress_context.set(true);
            }
        }
        Ok(())
    }

    fn import_star(&mut self, f: usize, m: Value) -> PyResult<()> {
        let Some(Obj::Module(md)) = m.as_obj() else {
            return Ok(());
        };
        let names = md.globals.names.borrow().clone();
        let values = md.globals.values.borrow().clone();
        let target = self.frames[f].module;
        for (n, v) in names.iter().zip(values) {
            if v.is_empty() || self.str_of(*n).is_some_and(|s| s.starts_with('_')) {
                continue;
            }
            if let Some(Obj::Module(t)) = target.as_obj() {
                t.globals.set(*n, v);
            }
        }
        Ok(())
    }
}

/// Quickens the instruction at `at` into `op` with its inline cache set to `cache`.
fn rewrite(code: &Code, at: usize, op: Op, cache: Cache) {
    code.caches[at].set(cache);
    code.instrs[at].set(Instr {
        op,
        arg: code.instrs[at].get().arg,
    });
}

fn tuple_items(v: Value) -> Vec<Value> {
    match v.as_obj() {
        Some(Obj::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}
