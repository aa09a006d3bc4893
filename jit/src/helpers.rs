//! Runtime helpers called from traces for what is not worth inlining as machine code yet.
//!
//! One calling convention for all: `(vm, a, b, c, imm, imm2) -> value bits`. A helper either
//! completes its operation and returns a value (not `EMPTY`), or changes nothing and returns
//! `EMPTY`, and the trace leaves through the call's snapshot so the interpreter runs the
//! instruction instead (raising, de-specializing, whatever it does). Helpers never run Python
//! code or reach a safepoint, so no collection can happen while a trace holds values in
//! registers; what one allocates on its way to `EMPTY` (an exception it drops) is garbage for
//! the next collection. `seq_items` returns an address rather than a value (see `Ty::Ptr`).

use lucent_vm::iter::{enumerate_count, enumerate_list_step, exhausted, list_step, range_step};
use lucent_vm::object::{Native, Obj, Purity};
use lucent_vm::ops::{float_pow, norm_index};
use lucent_vm::value::Value;
use lucent_vm::vm::Vm;

use crate::ir::Helper;

/// `Value::EMPTY`'s bits: "leave the trace".
pub const EMPTY_BITS: u64 = Value::EMPTY.bits();

/// What `Helper::CallTrace` returns when the callee left its trace (an `EMPTY` with a payload:
/// no value a script sees).
pub const UNWIND_BITS: u64 = EMPTY_BITS | 1;

/// The helper calling convention.
pub type HelperFn = unsafe extern "C" fn(*mut Vm, u64, u64, u64, u64, u64) -> u64;

/// Every helper, with its name (as in `LUCENT_JIT_BACKTRACE`) and function.
const HELPERS: [(Helper, &str, HelperFn); 32] = [
    (Helper::SinkPush, "sink_push", sink_push),
    (Helper::TupleGet, "tuple_get", tuple_get),
    (Helper::LoadDeref, "load_deref", load_deref),
    (Helper::CallTrace, "call_trace", call_trace),
    (Helper::RangeNext, "range_next", range_next),
    (Helper::ListNext, "list_next", list_next),
    (Helper::ListGet, "list_get", list_get),
    (Helper::ListSet, "list_set", list_set),
    (Helper::LoadAttrSlot, "load_attr_slot", load_attr_slot),
    (Helper::StoreAttrSlot, "store_attr_slot", store_attr_slot),
    (Helper::GlobalIs, "global_is", global_is),
    (Helper::GlobalsVersion, "globals_version", globals_version),
    (Helper::SeqItems, "seq_items", seq_items),
    (Helper::PowFloat, "pow_float", pow_float),
    (Helper::EnumNext, "enum_next", enum_next),
    (Helper::EnumIndex, "enum_index", enum_index),
    (Helper::MethodGuard, "method_guard", method_guard),
    (Helper::CallNative, "call_native", call_native),
    (Helper::NewInstance, "new_instance", new_instance),
    (Helper::GcPoll, "gc_poll", gc_poll),
    (Helper::StoreAttrAdd, "store_attr_add", store_attr_add),
    (Helper::ListAppend, "list_append", list_append),
    (Helper::BuildSlice, "build_slice", build_slice),
    (Helper::BuildTuple, "build_tuple", build_tuple),
    (Helper::BuildList, "build_list", build_list),
    (Helper::GetSlice, "get_slice", get_slice),
    (Helper::GetIter, "get_iter", get_iter),
    (Helper::IterDone, "iter_done", iter_done),
    (Helper::NewRange, "new_range", new_range),
    (Helper::SetSlice, "set_slice", set_slice),
    (Helper::SliceList, "slice_list", slice_list),
    (Helper::StoreSliceList, "store_slice_list", store_slice_list),
];

/// `h`'s row of [`HELPERS`].
fn helper(h: Helper) -> (Helper, &'static str, HelperFn) {
    *HELPERS
        .iter()
        .find(|row| row.0 == h)
        .expect("every helper is in HELPERS")
}

/// The address a trace calls for `h`: the helper itself, or with `LUCENT_JIT_BACKTRACE` naming
/// it, [`backtrace_then_call`].
pub fn address(h: Helper) -> usize {
    match traced() {
        Some((t, ..)) if t == h => backtrace_then_call as HelperFn as usize,
        _ => helper(h).2 as usize,
    }
}

/// `LUCENT_JIT_BACKTRACE=NAME`: the helper whose first call from a trace prints a backtrace
/// (a diagnostic: where traces call the runtime from, and proof that the process's own unwinder
/// walks through JIT frames).
fn traced() -> Option<(Helper, &'static str, HelperFn)> {
    type Row = (Helper, &'static str, HelperFn);
    static TRACED: std::sync::OnceLock<Option<Row>> = std::sync::OnceLock::new();
    *TRACED.get_or_init(|| {
        let want = std::env::var("LUCENT_JIT_BACKTRACE").ok()?;
        let row = HELPERS.into_iter().find(|row| row.1 == want);
        if row.is_none() {
            let names: Vec<&str> = HELPERS.iter().map(|row| row.1).collect();
            eprintln!(
                "lucent: LUCENT_JIT_BACKTRACE={want:?} is not a helper ({})",
                names.join(", ")
            );
        }
        row
    })
}

/// Stands in for the traced helper: prints the stack the first time, then calls the helper.
///
/// # Safety
///
/// As the traced helper's.
unsafe extern "C" fn backtrace_then_call(
    vm: *mut Vm,
    a: u64,
    b: u64,
    c: u64,
    imm: u64,
    imm2: u64,
) -> u64 {
    static PRINTED: std::sync::Once = std::sync::Once::new();
    let (_, name, f) = traced().expect("installed only for a traced helper");
    PRINTED.call_once(|| {
        let mut text = format!(
            "lucent: backtrace from helper {name} (LUCENT_JIT_BACKTRACE), innermost first:\n"
        );
        for (k, frame) in crate::backtrace::capture().iter().enumerate() {
            text.push_str(&format!("  #{k} {frame}\n"));
        }
        eprint!("{text}");
    });
    // SAFETY: the caller (a trace) upholds the helper's contract.
    unsafe { f(vm, a, b, c, imm, imm2) }
}

/// # Safety
///
/// `bits` is a value the trace holds, alive (it is in the frame or derived from it).
unsafe fn value(bits: u64) -> Value {
    // SAFETY: forwarded from the caller.
    unsafe { Value::from_bits(bits) }
}

/// # Safety
///
/// `it` is a live value (any kind).
unsafe extern "C" fn range_next(_: *mut Vm, it: u64, _: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let it = unsafe { value(it) };
    // Only small ints: boxing a big one would allocate.
    match range_step(it, |n| Value::small_int(n).is_some()) {
        Some(Some(n)) => Value::int_unchecked(n).bits(),
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `it` is a live value.
unsafe extern "C" fn list_next(_: *mut Vm, it: u64, _: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let it = unsafe { value(it) };
    match list_step(it) {
        Some(Some(v)) => v.bits(),
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `it` is a live value.
unsafe extern "C" fn iter_done(_: *mut Vm, it: u64, _: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let it = unsafe { value(it) };
    match exhausted(it) {
        Some(true) => Value::TRUE.bits(),
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `it` is a live value.
unsafe extern "C" fn enum_next(_: *mut Vm, it: u64, _: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let it = unsafe { value(it) };
    match enumerate_list_step(it) {
        Some(Some(v)) => v.bits(),
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `it` is a live value.
unsafe extern "C" fn enum_index(_: *mut Vm, it: u64, _: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let it = unsafe { value(it) };
    match enumerate_count(it).and_then(|n| Value::small_int(n - 1)) {
        Some(v) => v.bits(),
        None => EMPTY_BITS,
    }
}

/// # Safety
///
/// `list` is a live value; `i` an unboxed int.
unsafe extern "C" fn list_get(_: *mut Vm, list: u64, i: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let list = unsafe { value(list) };
    if let Some(Obj::List(l)) = list.as_obj() {
        let l = l.borrow();
        if let Some(k) = norm_index(i as i64, l.len()) {
            return l[k].bits();
        }
    }
    EMPTY_BITS
}

/// # Safety
///
/// `tuple` is a live value.
unsafe extern "C" fn tuple_get(_: *mut Vm, tuple: u64, i: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    match unsafe { value(tuple) }.as_obj() {
        Some(Obj::Tuple(t)) => norm_index(i as i64, t.len()).map_or(EMPTY_BITS, |k| t[k].bits()),
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; `lo`, `hi` and `step` are live values.
unsafe extern "C" fn build_slice(vm: *mut Vm, lo: u64, hi: u64, step: u64, _: u64, _: u64) -> u64 {
    // SAFETY: the trace passes the VM it runs on; nothing else uses it during the call.
    let vm = unsafe { &mut *vm };
    // SAFETY: forwarded from the caller.
    let parts = unsafe { [value(lo), value(hi), value(step)] };
    // Allocating never collects; the trace polls once per iteration (`TraceIr::allocates`).
    vm.heap.alloc(Obj::Slice(parts)).bits()
}

/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; the first `n` of `a`, `b`, `c` are live values.
unsafe extern "C" fn build_tuple(vm: *mut Vm, a: u64, b: u64, c: u64, n: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { build(vm, [a, b, c], n, Vm::new_tuple) }
}

/// # Safety
///
/// As `build_tuple`.
unsafe extern "C" fn build_list(vm: *mut Vm, a: u64, b: u64, c: u64, n: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { build(vm, [a, b, c], n, Vm::new_list) }
}

/// A new sequence (by `make`) of the first `n` of `args`.
///
/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; the first `n` of `args` are live values.
unsafe fn build(
    vm: *mut Vm,
    args: [u64; 3],
    n: u64,
    make: fn(&mut Vm, Vec<Value>) -> Value,
) -> u64 {
    // SAFETY: the trace passes the VM it runs on; nothing else uses it during the call.
    let vm = unsafe { &mut *vm };
    let items = args[..n.min(3) as usize]
        .iter()
        // SAFETY: the first `n` are live values (the caller's contract).
        .map(|&bits| unsafe { value(bits) })
        .collect();
    // Allocating never collects; the trace polls once per iteration (`TraceIr::allocates`).
    make(vm, items).bits()
}

/// Whether slice `s` has only small ints and Nones (its indices then run no Python code).
fn plain_slice(s: Value) -> bool {
    match s.as_obj() {
        Some(Obj::Slice(parts)) => lucent_vm::ops::plain_slice(parts),
        _ => false,
    }
}

/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; the first `n` of `a`, `b`, `c` are live
/// values.
unsafe extern "C" fn new_range(vm: *mut Vm, a: u64, b: u64, c: u64, n: u64, _: u64) -> u64 {
    // SAFETY: the trace passes the VM it runs on; nothing else uses it during the call.
    let vm = unsafe { &mut *vm };
    // SAFETY: forwarded from the caller.
    let args = unsafe { [value(a), value(b), value(c)] };
    let mut nums = [0i128; 3];
    for (num, v) in nums.iter_mut().zip(&args[..n.min(3) as usize]) {
        match v.as_small_int() {
            Some(i) => *num = i128::from(i),
            None => return EMPTY_BITS,
        }
    }
    let (start, stop, step) = match n {
        1 => (0, nums[0], 1),
        2 => (nums[0], nums[1], 1),
        _ => (nums[0], nums[1], nums[2]),
    };
    if step == 0 {
        // ValueError: the interpreter raises it.
        return EMPTY_BITS;
    }
    // Allocating never collects; the trace polls once per iteration (`TraceIr::allocates`).
    vm.heap
        .alloc(Obj::Range(lucent_vm::object::PyRange::new(
            start, stop, step,
        )))
        .bits()
}

/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; `v` is a live value.
unsafe extern "C" fn get_iter(vm: *mut Vm, v: u64, _: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: the trace passes the VM it runs on; nothing else uses it during the call.
    let vm = unsafe { &mut *vm };
    // SAFETY: forwarded from the caller.
    let v = unsafe { value(v) };
    if !matches!(
        v.as_obj(),
        Some(Obj::List(_) | Obj::Tuple(_) | Obj::Range(_))
    ) {
        return EMPTY_BITS;
    }
    // Allocating never collects; the trace polls once per iteration (`TraceIr::allocates`).
    match vm.get_iter(v) {
        Ok(it) => it.bits(),
        Err(_) => EMPTY_BITS,
    }
}

/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; `c` and `s` are live values.
unsafe extern "C" fn get_slice(vm: *mut Vm, c: u64, s: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: the trace passes the VM it runs on; nothing else uses it during the call.
    let vm = unsafe { &mut *vm };
    // SAFETY: forwarded from the caller.
    let (c, s) = unsafe { (value(c), value(s)) };
    let sequence = matches!(c.as_obj(), Some(Obj::List(_) | Obj::Tuple(_) | Obj::Str(_)));
    if !sequence || !plain_slice(s) {
        return EMPTY_BITS;
    }
    match lucent_vm::ops::getitem(vm, c, s) {
        Ok(v) => v.bits(),
        Err(_) => EMPTY_BITS,
    }
}

/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; `c`, `s` and `v` are live values.
unsafe extern "C" fn set_slice(vm: *mut Vm, c: u64, s: u64, v: u64, _: u64, _: u64) -> u64 {
    // SAFETY: the trace passes the VM it runs on; nothing else uses it during the call.
    let vm = unsafe { &mut *vm };
    // SAFETY: forwarded from the caller.
    let (c, s, v) = unsafe { (value(c), value(s), value(v)) };
    match s.as_obj() {
        Some(Obj::Slice(parts)) => store_list_slice(vm, c, parts, v),
        _ => EMPTY_BITS,
    }
}

/// `c[parts] = v` for a list `c`, slice parts of small ints and Nones and a list or tuple `v`
/// (`TRUE`); `EMPTY` otherwise or when Python raises (`list_set_slice` checks the slice and the
/// sizes before it changes the list).
fn store_list_slice(vm: &mut Vm, c: Value, parts: &[Value; 3], v: Value) -> u64 {
    let source = matches!(v.as_obj(), Some(Obj::List(_) | Obj::Tuple(_)));
    match c.as_obj() {
        Some(Obj::List(l)) if source && lucent_vm::ops::plain_slice(parts) => {
            match lucent_vm::ops::list_set_slice(vm, l, parts, v) {
                Ok(()) => Value::TRUE.bits(),
                Err(_) => EMPTY_BITS,
            }
        }
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; `c`, `lo` and `hi` are live values, `step`
/// the bits of a small int or None.
unsafe extern "C" fn slice_list(vm: *mut Vm, c: u64, lo: u64, hi: u64, step: u64, _: u64) -> u64 {
    // SAFETY: the trace passes the VM it runs on; nothing else uses it during the call.
    let vm = unsafe { &mut *vm };
    // SAFETY: forwarded from the caller (`step` is no object).
    let (c, parts) = unsafe { (value(c), [value(lo), value(hi), value(step)]) };
    match c.as_obj() {
        Some(Obj::List(l)) if lucent_vm::ops::plain_slice(&parts) => {
            match lucent_vm::ops::list_slice(vm, l, &parts) {
                Ok(v) => v.bits(),
                Err(_) => EMPTY_BITS,
            }
        }
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; `c`, `v` and `bound` are live values,
/// `other` the bits of a small int or None.
unsafe extern "C" fn store_slice_list(
    vm: *mut Vm,
    c: u64,
    v: u64,
    bound: u64,
    other: u64,
    bound_is_lo: u64,
) -> u64 {
    // SAFETY: the trace passes the VM it runs on; nothing else uses it during the call.
    let vm = unsafe { &mut *vm };
    // SAFETY: forwarded from the caller (`other` is no object).
    let (c, v, bound, other) = unsafe { (value(c), value(v), value(bound), value(other)) };
    let parts = match bound_is_lo {
        0 => [other, bound, Value::NONE],
        _ => [bound, other, Value::NONE],
    };
    store_list_slice(vm, c, &parts, v)
}

/// # Safety
///
/// `list` and `v` are live values.
unsafe extern "C" fn list_append(_: *mut Vm, list: u64, v: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let (list, v) = unsafe { (value(list), value(v)) };
    match list.as_obj() {
        Some(Obj::List(l)) => {
            // The item vector is Rust memory, not the GC heap: growing it collects nothing.
            l.borrow_mut().push(v);
            Value::TRUE.bits()
        }
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `list` and `v` are live values; `i` an unboxed int.
unsafe extern "C" fn list_set(_: *mut Vm, list: u64, i: u64, v: u64, _: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let (list, v) = unsafe { (value(list), value(v)) };
    if let Some(Obj::List(l)) = list.as_obj() {
        let mut l = l.borrow_mut();
        if let Some(k) = norm_index(i as i64, l.len()) {
            l[k] = v;
            return Value::TRUE.bits();
        }
    }
    EMPTY_BITS
}

/// Whether `obj` is an instance with shape `imm >> 32` while the class epoch is `imm as u32`.
fn slot_guard<'a>(vm: &Vm, obj: Value, imm: u64) -> Option<&'a lucent_vm::object::Instance> {
    match obj.as_obj() {
        Some(Obj::Instance(inst))
            if inst.shape.get() == (imm >> 32) as u32 && vm.class_epoch == imm as u32 =>
        {
            Some(inst)
        }
        _ => None,
    }
}

/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; `cls` a live value.
unsafe extern "C" fn new_instance(
    vm: *mut Vm,
    cls: u64,
    _: u64,
    _: u64,
    epoch: u64,
    _: u64,
) -> u64 {
    // SAFETY: the trace passes the VM it runs on; nothing else uses it during the call.
    let vm = unsafe { &mut *vm };
    // SAFETY: forwarded from the caller.
    let cls = unsafe { value(cls) };
    if vm.class_epoch != epoch as u32 || !matches!(cls.as_obj(), Some(Obj::Class(_))) {
        return EMPTY_BITS;
    }
    // Allocating never collects (`gc.rs`); the trace polls `GcPoll` once per iteration.
    vm.new_instance_of(cls).bits()
}

/// # Safety
///
/// `vm` is the running VM.
unsafe extern "C" fn gc_poll(vm: *mut Vm, _: u64, _: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: the trace passes the VM it runs on, not otherwise borrowed during the call.
    let vm = unsafe { &*vm };
    if vm.heap.pending {
        EMPTY_BITS
    } else {
        Value::TRUE.bits()
    }
}

/// # Safety
///
/// `cell` is a live value (a frame slot's).
unsafe extern "C" fn load_deref(_: *mut Vm, cell: u64, _: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    match unsafe { value(cell) }.as_obj() {
        Some(Obj::Cell(c)) => c.get().bits(),
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `vm` is the running VM; `v` a live value.
unsafe extern "C" fn sink_push(vm: *mut Vm, v: u64, _: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: the trace passes the VM it runs on, not otherwise borrowed during the call.
    let vm = unsafe { &*vm };
    match vm.jit_sink.as_obj() {
        Some(Obj::List(l)) => {
            // SAFETY: forwarded from the caller.
            l.borrow_mut().push(unsafe { value(v) });
            Value::TRUE.bits()
        }
        _ => EMPTY_BITS,
    }
}

/// `Helper::CallTrace`: a function trace calling its own function natively, one real frame
/// record per call (see `jit_hook.rs`). The helper, not the trace, pushes and pops the record:
/// a Rust frame between two trace frames costs little next to the call it replaces (a frame
/// push, a dispatch per instruction), and every unwinder walks through it.
///
/// # Safety
///
/// `vm` is the running VM, whose top frame is the calling trace's, with its slots written back
/// (the call's snapshot); `func` is a live value; slot `base` of that frame is the first argument
/// (the callable below it), within the frame's stack.
unsafe extern "C" fn call_trace(
    vm: *mut Vm,
    func: u64,
    _: u64,
    _: u64,
    base: u64,
    ret_ip: u64,
) -> u64 {
    use lucent_vm::vm::{RECURSION_LIMIT, STACK_SLOTS};
    // SAFETY: the trace passes the VM it runs on, not otherwise borrowed during the call.
    let vm = unsafe { &mut *vm };
    // SAFETY: the function is a constant of the trace, which keeps it alive (`Vm::jit_roots`).
    let func = unsafe { value(func) };
    let Some(Obj::Function(f)) = func.as_obj() else {
        return EMPTY_BITS;
    };
    let (code, module) = (f.code.clone(), f.module);
    let Some(trace) = code.func_trace.get() else {
        return EMPTY_BITS;
    };
    let Some(caller) = vm.frames.last() else {
        return EMPTY_BITS;
    };
    let at = caller.base + base as usize;
    let [reach_slots, reach_frames] = vm.jit_reach.map(|r| r as usize);
    let room = (code.nlocals() + code.max_stack as usize).max(reach_slots);
    // What the interpreter's call fast path and trace entry check, for the frame it would push.
    if vm.frames.len() + 1 + reach_frames > RECURSION_LIMIT
        || at + room > STACK_SLOTS
        || vm.heap.pending
    {
        return EMPTY_BITS;
    }
    if let Some(caller) = vm.frames.last_mut() {
        caller.ip = ret_ip as usize;
    }
    let slots = vm.stack.as_mut_ptr();
    for i in code.argcount as usize..code.nlocals() {
        // SAFETY: below `STACK_SLOTS` (checked), inside the buffer reserved once for the stack.
        unsafe { slots.add(at + i).write(Value::EMPTY) };
    }
    vm.push_call_frame(code, func, module, at, at - 1);
    // SAFETY: `entry` is the function trace's code (`Code::func_trace` is set only to a compiled
    // trace, which lives as long as the engine), made for `TraceFn`; its frame was just pushed
    // with the room it needs, as `Engine::enter` would.
    let ret = unsafe {
        let entry = std::mem::transmute::<usize, crate::backend::TraceFn>(trace.entry);
        entry(slots.add(at).cast::<u64>(), vm as *mut Vm)
    };
    if ret == crate::ir::RETURNED {
        // Dropped in place: `pop` would move the record out first (measured: 14 % of
        // fib_recursive).
        vm.frames.truncate(vm.frames.len() - 1);
        // SAFETY: the trace wrote its value into the callable's slot, `at - 1`.
        return unsafe { slots.add(at - 1).read() }.bits();
    }
    vm.jit_unwind = ret;
    UNWIND_BITS
}

/// # Safety
///
/// `vm` is the running VM; `obj` and `v` live values.
unsafe extern "C" fn store_attr_add(
    vm: *mut Vm,
    obj: u64,
    v: u64,
    _: u64,
    imm: u64,
    to: u64,
) -> u64 {
    // SAFETY: as in `load_attr_slot`.
    let vm = unsafe { &*vm };
    // SAFETY: forwarded from the caller.
    let (obj, v) = unsafe { (value(obj), value(v)) };
    if let Some(inst) = slot_guard(vm, obj, imm) {
        let mut slots = inst.slots.borrow_mut();
        if slots.len() == (to & u64::from(u32::MAX)) as usize {
            // The slot vector is Rust memory, not the GC heap: growing it collects nothing.
            slots.push(v);
            inst.shape.set((to >> 32) as u32);
            return Value::TRUE.bits();
        }
    }
    EMPTY_BITS
}

/// Whether a native function as pure as `pure` may be called from a trace with `args`
/// (`Native::pure`): on an exception it has had no effect, so the interpreter can call it again.
pub fn callable_with(pure: Purity, args: &[Value]) -> bool {
    match pure {
        Purity::Impure => false,
        Purity::OnNumbers => args.iter().all(is_number),
        Purity::Always => true,
        Purity::Atomic => args
            .iter()
            .all(|v| !matches!(v.as_obj(), Some(Obj::Instance(_)))),
    }
}

fn is_number(v: &Value) -> bool {
    v.is_small_int() || v.is_float() || v.is_bool()
}

/// What calling `callee` runs: a native function and the receiver it gets first (`EMPTY` for
/// none), for a native function or a native method bound to its receiver (`lst.pop`).
pub fn native_of<'a>(callee: Value) -> Option<(&'a Native, Value)> {
    match callee.as_obj()? {
        Obj::Native(n) => Some((n, n.bound)),
        Obj::BoundMethod(receiver, f) => match f.as_obj()? {
            Obj::Native(n) if n.bound.is_empty() => Some((n, *receiver)),
            _ => None,
        },
        _ => None,
    }
}

/// # Safety
///
/// `vm` is the running VM, not otherwise borrowed; `x`, `y`, `z` and `f` are live values.
unsafe extern "C" fn call_native(vm: *mut Vm, x: u64, y: u64, z: u64, argc: u64, f: u64) -> u64 {
    // SAFETY: the trace passes the VM it runs on; nothing else uses it during the call.
    let vm = unsafe { &mut *vm };
    // SAFETY: forwarded from the caller.
    let (x, y, z, f) = unsafe { (value(x), value(y), value(z), value(f)) };
    let Some((native, receiver)) = native_of(f) else {
        return EMPTY_BITS;
    };
    if let (Some((f, can_overflow)), 1) = (native.unary, argc) {
        // A `math` function of one number: computed here; its errors are `native.func`'s to
        // raise (the interpreter calls it again).
        let x = match (x.as_float(), x.as_small_int()) {
            (Some(x), _) => Some(x),
            (_, Some(i)) => Some(i as f64),
            _ => None,
        };
        if let Some(x) = x {
            let r = f(x);
            let failed =
                (r.is_nan() && !x.is_nan()) || (can_overflow && r.is_infinite() && x.is_finite());
            return match failed {
                true => EMPTY_BITS,
                false => Value::float(r).bits(),
            };
        }
    }
    // The receiver of a bound native is its first argument.
    let all = [receiver, x, y, z];
    let n = argc.min(3) as usize;
    let args = lucent_vm::call::Args::new(match receiver.is_empty() {
        true => &all[1..=n],
        false => &all[..=n],
    });
    if !callable_with(native.pure, &args.pos) {
        return EMPTY_BITS;
    }
    match ((native.func)(vm, &args), native.pure) {
        // A function with effects has had them: its result stands, whatever it is.
        (Ok(v), Purity::Atomic) => v.bits(),
        // Numbers only (nothing allocated that the trace would hold); anything else is computed
        // again by the interpreter.
        (Ok(v), _) if is_number(&v) => v.bits(),
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `vm` is the running VM; `obj` a live value.
unsafe extern "C" fn method_guard(vm: *mut Vm, obj: u64, _: u64, _: u64, imm: u64, _: u64) -> u64 {
    // SAFETY: the trace passes the VM it runs on, not otherwise borrowed during the call.
    let vm = unsafe { &*vm };
    // SAFETY: forwarded from the caller.
    let obj = unsafe { value(obj) };
    // The interpreter's `LoadMethodCached` check, exactly.
    if vm.class_epoch == imm as u32 && vm.receiver_key(obj) == Some((imm >> 32) as u32) {
        Value::TRUE.bits()
    } else {
        EMPTY_BITS
    }
}

/// # Safety
///
/// `vm` is the running VM; `obj` a live value.
unsafe extern "C" fn load_attr_slot(
    vm: *mut Vm,
    obj: u64,
    _: u64,
    _: u64,
    imm: u64,
    slot: u64,
) -> u64 {
    // SAFETY: the trace passes the VM it runs on, not otherwise borrowed during the call.
    let vm = unsafe { &*vm };
    // SAFETY: forwarded from the caller.
    let obj = unsafe { value(obj) };
    if let Some(inst) = slot_guard(vm, obj, imm) {
        if let Some(v) = inst.slots.borrow().get(slot as usize) {
            return v.bits();
        }
    }
    EMPTY_BITS
}

/// # Safety
///
/// `vm` is the running VM; `obj` and `v` live values.
unsafe extern "C" fn store_attr_slot(
    vm: *mut Vm,
    obj: u64,
    v: u64,
    _: u64,
    imm: u64,
    slot: u64,
) -> u64 {
    // SAFETY: as in `load_attr_slot`.
    let vm = unsafe { &*vm };
    // SAFETY: forwarded from the caller.
    let (obj, v) = unsafe { (value(obj), value(v)) };
    if let Some(inst) = slot_guard(vm, obj, imm) {
        if let Some(s) = inst.slots.borrow_mut().get_mut(slot as usize) {
            *s = v;
            return Value::TRUE.bits();
        }
    }
    EMPTY_BITS
}

/// # Safety
///
/// `module` is a live value.
unsafe extern "C" fn global_is(
    _: *mut Vm,
    module: u64,
    _: u64,
    _: u64,
    bits: u64,
    slot: u64,
) -> u64 {
    // SAFETY: forwarded from the caller.
    let module = unsafe { value(module) };
    if let Some(Obj::Module(m)) = module.as_obj() {
        if m.globals
            .values
            .borrow()
            .get(slot as usize)
            .map(|v| v.bits())
            == Some(bits)
        {
            return Value::TRUE.bits();
        }
    }
    EMPTY_BITS
}

/// # Safety
///
/// `module` is a live value.
unsafe extern "C" fn globals_version(
    _: *mut Vm,
    module: u64,
    _: u64,
    _: u64,
    version: u64,
    _: u64,
) -> u64 {
    // SAFETY: forwarded from the caller.
    let module = unsafe { value(module) };
    match module.as_obj() {
        Some(Obj::Module(m)) if m.globals.version.get() == version as u32 => Value::TRUE.bits(),
        _ => EMPTY_BITS,
    }
}

/// # Safety
///
/// `seq` is a live value.
unsafe extern "C" fn seq_items(_: *mut Vm, seq: u64, _: u64, _: u64, n: u64, _: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let seq = unsafe { value(seq) };
    let (items, len) = match seq.as_obj() {
        Some(Obj::Tuple(t)) => (t.as_ptr(), t.len()),
        // The list's buffer stays where it is until the list is resized, and nothing runs between
        // this call and the loads of the same unpacking that use it.
        Some(Obj::List(l)) => {
            let l = l.borrow();
            (l.as_ptr(), l.len())
        }
        _ => return EMPTY_BITS,
    };
    if len as u64 != n {
        return EMPTY_BITS;
    }
    // An address is never `EMPTY`'s bits (a NaN-boxed tag in the top 16 bits).
    items as u64
}

/// # Safety
///
/// `vm` is the running VM; `x` and `y` are floats (boxed).
unsafe extern "C" fn pow_float(vm: *mut Vm, x: u64, y: u64, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: as in `load_attr_slot`; `float_pow` may build an exception, which is dropped (the
    // interpreter runs the instruction again and raises it for real).
    let vm = unsafe { &mut *vm };
    // SAFETY: forwarded from the caller.
    let (x, y) = unsafe { (value(x), value(y)) };
    match (x.as_float(), y.as_float()) {
        (Some(x), Some(y)) => match float_pow(vm, x, y) {
            Ok(v) if v.is_float() => v.bits(),
            _ => EMPTY_BITS,
        },
        _ => EMPTY_BITS,
    }
}
