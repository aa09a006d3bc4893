//! The VM: heap, value stack, frames, interned names, built-in types and modules.
//!
//! Frame layout on the contiguous value stack (`Vm::stack`), one region per active frame:
//!
//! ```text
//!   ... caller's evaluation stack ... | callable | local 0 .. local n-1 | evaluation stack ...
//!                                                 ^ Frame::base
//! ```
//!
//! Arguments are pushed by the caller exactly where the callee's first locals live, so a call with
//! matching positional arguments copies nothing. Locals are parameters, then other locals, then cells,
//! then free variables (`Code::varnames`). On return the region is cut back to `Frame::ret_sp`.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;
use rustc_hash::FxHashMap;

use crate::code::Code;
use crate::gc::Heap;
use crate::object::{Globals, Module, Obj, PyStr};
use crate::shape::Shapes;
use crate::stdlib::mt19937::Mt19937;
use crate::table::DictTable;
use crate::types::Types;
use crate::value::Value;
use crate::PyErr;

/// One activation record. The running frame's `ip` is kept in the interpreter loop and written back
/// here before anything that may inspect it (calls, errors).
pub struct Frame {
    pub code: Rc<Code>,
    /// The function being run, or `EMPTY` for module code and class bodies.
    pub func: Value,
    /// The module whose globals this code uses.
    pub module: Value,
    /// Stack index of local 0.
    pub base: usize,
    /// Stack height to cut back to on return (removes the callable and arguments).
    pub ret_sp: usize,
    /// Index of the next instruction (a full word: narrow fields next to wide ones make the
    /// frame record's copy stall on store forwarding, measurably on every call).
    pub ip: usize,
    /// Class-body namespace dict, or `EMPTY`.
    pub namespace: Value,
    /// The generator this frame runs, or `EMPTY`.
    pub generator: Value,
    /// The instance being initialized when this frame runs `__init__` for `Class(...)`, or `EMPTY`.
    pub init_instance: Value,
    /// Returning from this frame returns from the Rust call to `Vm::run` (`u64` for the reason
    /// given at `ip`).
    pub entry: u64,
    /// For a generator frame resumed inline by the caller's `ForIter`: the loop's exit, where the
    /// caller continues when the generator finishes; `NO_EXIT` otherwise.
    pub for_iter_exit: usize,
}

/// `Frame::for_iter_exit` of frames not resumed inline by `ForIter`.
pub const NO_EXIT: usize = usize::MAX;

/// Interned names the VM looks up often.
#[derive(Default)]
pub struct Names {
    pub init: Value,
    pub new: Value,
    pub repr: Value,
    pub str_: Value,
    pub call: Value,
    pub iter: Value,
    pub next: Value,
    pub len: Value,
    pub getitem: Value,
    pub setitem: Value,
    pub delitem: Value,
    pub contains: Value,
    pub eq: Value,
    pub ne: Value,
    pub hash: Value,
    pub bool_: Value,
    pub args: Value,
    pub name: Value,
    pub module: Value,
    pub qualname: Value,
    pub class: Value,
    pub dict: Value,
    pub doc: Value,
    pub main: Value,
    pub slots: Value,
    pub getattr: Value,
    pub neg: Value,
    pub pos: Value,
    pub invert: Value,
    pub abs: Value,
    pub index: Value,
    pub int: Value,
    pub float: Value,
    pub format: Value,
    pub value: Value,
}

/// Maximum Python call depth, as CPython's default `sys.getrecursionlimit()`.
pub const RECURSION_LIMIT: usize = 1000;

/// Value-stack slots available to frames. The buffer is reserved once (`STACK_SLOTS +
/// STACK_GUARD`) and never reallocates, so the interpreter can keep raw pointers into it; every
/// growth beyond a frame's reservation is checked against `STACK_SLOTS`. Untouched pages of the
/// reservation are never committed, so this costs address space, not memory.
pub const STACK_SLOTS: usize = 1 << 22;
/// Headroom above `STACK_SLOTS` for the small, bounded pushes native code does between checks.
pub const STACK_GUARD: usize = 1 << 16;

pub struct Vm {
    pub heap: Heap,
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    interned: FxHashMap<Box<str>, Value>,
    pub names: Names,
    pub types: Types,
    pub shapes: Shapes,
    /// Bumped on every class-namespace mutation after creation; attribute caches guard on it.
    pub class_epoch: u32,
    /// The type-attribute cache behind `class_lookup` (`types.rs`); entries are GC roots.
    pub attr_cache: Box<[std::cell::Cell<crate::types::AttrCacheEntry>]>,
    pub builtins: Value,
    pub modules: FxHashMap<Value, Value>,
    codes: Vec<Rc<Code>>,
    /// Values native code keeps alive across calls back into Python (see `gc.rs`).
    pub temp_roots: Vec<Value>,
    /// Values compiled JIT code embeds and guards on (functions whose calls a trace inlines):
    /// kept alive so that no other object can take their address while the code exists.
    pub jit_roots: Vec<Value>,
    /// The exception currently being handled (`sys.exc_info()`), or `NONE`.
    pub handling: Value,
    pub argv: Vec<String>,
    pub rng: Mt19937,
    /// Depth of native recursion through nested containers (`repr`, comparisons), for the
    /// RecursionError that stands in for CPython's `Py_EnterRecursiveCall`.
    pub native_depth: usize,
    /// Containers whose repr is in progress (`[...]` for self-references).
    pub repr_stack: Vec<Value>,
    pub start_time: std::time::Instant,
    ellipsis: Value,
    /// The `NotImplemented` singleton.
    pub not_implemented: Value,
    /// Buffered stdout (flushed at exit and before anything is written to stderr).
    pub out: std::io::BufWriter<std::io::Stdout>,
    /// Source text by file name, for the source lines of tracebacks.
    pub sources: FxHashMap<String, String>,
    /// The JIT, when running with one (see `jit_hook.rs`).
    pub jit: Option<Box<dyn crate::jit_hook::JitHook>>,
    /// `JitHook::hot_threshold` of the installed JIT.
    pub jit_hot_threshold: u32,
    /// The recording loop's log and fast path (`trace_log.rs`).
    pub trace_log: crate::trace_log::TraceLog,
    /// Perf trampolines for interpreted frames, when perf support is on (`trampoline.rs`).
    pub trampolines: Option<Box<dyn crate::trampoline::Trampolines>>,
    /// The most stack slots and inlined frames above a frame that any trace uses (the JIT keeps
    /// it): a trace is entered, or a function trace called from another, only with that room.
    pub jit_reach: [u32; 2],
    /// The exit a function trace called natively from another trace took (`trace id << 32 |
    /// snapshot`), for its caller to return in turn (see `jit_hook.rs`).
    pub jit_unwind: u64,
    /// The next `run` starts in the recording loop (the JIT started recording in a frame that
    /// native code is about to run: a generator resumed by `gen_resume`).
    pub record_next: bool,
    /// The list a drain trace appends the values its generator yields to (`Vm::gen_drain`),
    /// while one runs; `EMPTY` otherwise.
    pub jit_sink: Value,
    /// Keyword names set by `KwNames` and not yet consumed by the call, carried across a switch
    /// between the normal and the recording interpreter loop.
    pub(crate) switch_kwnames: Option<Value>,
}

impl Vm {
    /// A VM with built-in types and modules; `gc_stress` as in `gc::Heap::new`.
    pub fn new(gc_stress: usize) -> Box<Vm> {
        let heap = Heap::new(gc_stress);
        let interned: FxHashMap<Box<str>, Value> = FxHashMap::default();
        let names = Names::default();
        let mut vm = Box::new(Vm {
            heap,
            stack: Vec::with_capacity(STACK_SLOTS + STACK_GUARD),
            frames: Vec::with_capacity(256),
            interned,
            names,
            types: Types::placeholder(),
            shapes: Shapes::new(),
            class_epoch: 0,
            attr_cache: (0..crate::types::ATTR_CACHE_SIZE)
                .map(|_| Default::default())
                .collect(),
            builtins: Value::NONE,
            modules: FxHashMap::default(),
            codes: Vec::new(),
            temp_roots: Vec::new(),
            jit_roots: Vec::new(),
            handling: Value::NONE,
            argv: Vec::new(),
            rng: Mt19937::new_unseeded(),
            native_depth: 0,
            repr_stack: Vec::new(),
            start_time: std::time::Instant::now(),
            ellipsis: Value::NONE,
            not_implemented: Value::NONE,
            out: std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout()),
            sources: FxHashMap::default(),
            jit: None,
            jit_hot_threshold: crate::jit_hook::HOT_LOOP,
            trace_log: Default::default(),
            trampolines: None,
            jit_reach: [0; 2],
            jit_unwind: 0,
            record_next: false,
            jit_sink: Value::EMPTY,
            switch_kwnames: None,
        });
        let names = Names {
            init: vm.intern("__init__"),
            new: vm.intern("__new__"),
            repr: vm.intern("__repr__"),
            str_: vm.intern("__str__"),
            call: vm.intern("__call__"),
            iter: vm.intern("__iter__"),
            next: vm.intern("__next__"),
            len: vm.intern("__len__"),
            getitem: vm.intern("__getitem__"),
            setitem: vm.intern("__setitem__"),
            delitem: vm.intern("__delitem__"),
            contains: vm.intern("__contains__"),
            eq: vm.intern("__eq__"),
            ne: vm.intern("__ne__"),
            hash: vm.intern("__hash__"),
            bool_: vm.intern("__bool__"),
            args: vm.intern("args"),
            name: vm.intern("__name__"),
            module: vm.intern("__module__"),
            qualname: vm.intern("__qualname__"),
            class: vm.intern("__class__"),
            dict: vm.intern("__dict__"),
            doc: vm.intern("__doc__"),
            main: vm.intern("__main__"),
            slots: vm.intern("__slots__"),
            getattr: vm.intern("__getattr__"),
            neg: vm.intern("__neg__"),
            pos: vm.intern("__pos__"),
            invert: vm.intern("__invert__"),
            abs: vm.intern("__abs__"),
            index: vm.intern("__index__"),
            int: vm.intern("__int__"),
            float: vm.intern("__float__"),
            format: vm.intern("__format__"),
            value: vm.intern("value"),
        };
        vm.names = names;
        vm.types = Types::create(&mut vm);
        vm.ellipsis = vm.new_instance_of(vm.types.ellipsis);
        crate::builtins::install(&mut vm);
        vm.rng.seed_from_time();
        vm
    }

    /// The interned str for `s` (identical strings share one object; interned strings live forever).
    pub fn intern(&mut self, s: &str) -> Value {
        if let Some(v) = self.interned.get(s) {
            return *v;
        }
        let v = self.heap.alloc(Obj::Str(PyStr::new(s.into())));
        self.interned.insert(s.into(), v);
        v
    }

    /// The interned version of a str value (for attribute names computed at run time).
    pub fn intern_value(&mut self, v: Value) -> Value {
        match v.as_obj() {
            Some(Obj::Str(s)) => {
                if let Some(i) = self.interned.get(&*s.s) {
                    return *i;
                }
                let key: Box<str> = s.s.clone();
                self.interned.insert(key, v);
                v
            }
            _ => v,
        }
    }

    /// Registers a code object so the GC treats its constants and names as roots.
    pub fn register_code(&mut self, code: Rc<Code>) {
        self.codes.push(code);
    }

    pub fn ellipsis(&self) -> Value {
        self.ellipsis
    }

    pub fn new_str(&mut self, s: impl Into<Box<str>>) -> Value {
        self.heap.alloc(Obj::Str(PyStr::new(s.into())))
    }

    pub fn new_tuple(&mut self, items: Vec<Value>) -> Value {
        if items.is_empty() {
            return self.types.empty_tuple;
        }
        self.heap.alloc(Obj::Tuple(items.into_boxed_slice()))
    }

    pub fn new_list(&mut self, items: Vec<Value>) -> Value {
        self.heap.alloc(Obj::List(RefCell::new(items)))
    }

    pub fn new_dict(&mut self) -> Value {
        self.heap
            .alloc(Obj::Dict(Box::new(RefCell::new(DictTable::new()))))
    }

    /// An int value: small when it fits, a heap BigInt otherwise.
    pub fn new_bigint(&mut self, b: BigInt) -> Value {
        if let Some(v) = b.to_i64().and_then(Value::small_int) {
            return v;
        }
        self.heap.alloc(Obj::Int(b))
    }

    /// An int value from an i64.
    pub fn new_int(&mut self, i: i64) -> Value {
        match Value::small_int(i) {
            Some(v) => v,
            None => self.heap.alloc(Obj::Int(BigInt::from(i))),
        }
    }

    /// A new module named `name` with empty globals.
    pub fn new_module(&mut self, name: &str) -> Value {
        let n = self.intern(name);
        let m = self.heap.alloc(Obj::Module(Box::new(Module {
            name: n,
            globals: Globals::new(),
        })));
        let name_key = self.names.name;
        if let Some(Obj::Module(md)) = m.as_obj() {
            md.globals.set(name_key, n);
        }
        m
    }

    /// Collects garbage now. Only call at a safepoint (see `gc.rs`).
    pub fn collect(&mut self) {
        let Vm {
            heap,
            stack,
            frames,
            interned,
            types,
            modules,
            codes,
            temp_roots,
            jit_roots,
            switch_kwnames,
            handling,
            builtins,
            repr_stack,
            ellipsis,
            not_implemented,
            attr_cache,
            ..
        } = self;
        heap.collect(|mark| {
            stack.iter().for_each(|v| mark(*v));
            for f in frames.iter() {
                mark(f.func);
                mark(f.module);
                mark(f.namespace);
                mark(f.generator);
                mark(f.init_instance);
            }
            interned.values().for_each(|v| mark(*v));
            types.trace(mark);
            for (k, v) in modules.iter() {
                mark(*k);
                mark(*v);
            }
            for c in codes.iter() {
                c.consts.iter().for_each(|v| mark(*v));
                c.names.iter().for_each(|v| mark(*v));
                c.varnames.iter().for_each(|v| mark(*v));
                mark(c.name);
                mark(c.qualname);
                for cache in c.caches.iter() {
                    mark(cache.get().c);
                }
            }
            temp_roots.iter().for_each(|v| mark(*v));
            jit_roots.iter().for_each(|v| mark(*v));
            if let Some(k) = switch_kwnames {
                mark(*k);
            }
            for e in attr_cache.iter() {
                e.get().trace(mark);
            }
            repr_stack.iter().for_each(|v| mark(*v));
            mark(*handling);
            mark(*builtins);
            mark(*ellipsis);
            mark(*not_implemented);
        });
    }

    /// Pushes an ordinary function frame (no namespace, generator or `__init__` instance).
    #[inline(always)]
    pub fn push_call_frame(
        &mut self,
        code: Rc<Code>,
        func: Value,
        module: Value,
        base: usize,
        ret_sp: usize,
    ) {
        self.push_frame(Frame {
            code,
            func,
            module,
            base,
            ret_sp,
            ip: 0,
            namespace: Value::EMPTY,
            generator: Value::EMPTY,
            init_instance: Value::EMPTY,
            entry: 0,
            for_iter_exit: NO_EXIT,
        });
    }

    /// Pushes a frame record, writing it field by field into the frame vector: moving a built
    /// `Frame` in makes the copy stall on store forwarding, measurably on every call and every
    /// generator resumption. Inlined, the fields of `f` are written straight to their places.
    #[inline(always)]
    pub fn push_frame(&mut self, f: Frame) {
        let Frame {
            code,
            func,
            module,
            base,
            ret_sp,
            ip,
            namespace,
            generator,
            init_instance,
            entry,
            for_iter_exit,
        } = f;
        self.frames.reserve(1);
        let len = self.frames.len();
        // SAFETY: `reserve(1)` made room for one more element at index `len`; the destructuring
        // above names every field of `Frame` (adding a field breaks it), and each is written below
        // before `set_len` makes the element visible, so the element is fully initialized.
        unsafe {
            let p = self.frames.as_mut_ptr().add(len);
            std::ptr::addr_of_mut!((*p).code).write(code);
            std::ptr::addr_of_mut!((*p).func).write(func);
            std::ptr::addr_of_mut!((*p).module).write(module);
            std::ptr::addr_of_mut!((*p).base).write(base);
            std::ptr::addr_of_mut!((*p).ret_sp).write(ret_sp);
            std::ptr::addr_of_mut!((*p).ip).write(ip);
            std::ptr::addr_of_mut!((*p).namespace).write(namespace);
            std::ptr::addr_of_mut!((*p).generator).write(generator);
            std::ptr::addr_of_mut!((*p).init_instance).write(init_instance);
            std::ptr::addr_of_mut!((*p).entry).write(entry);
            std::ptr::addr_of_mut!((*p).for_iter_exit).write(for_iter_exit);
            self.frames.set_len(len + 1);
        }
    }

    /// Runs `f` one level deeper in native recursion (comparing nested containers): past the
    /// recursion limit it raises RecursionError ("maximum recursion depth exceeded" + `context`)
    /// instead of overflowing the Rust stack, as CPython's `Py_EnterRecursiveCall` does.
    pub fn nested<T>(
        &mut self,
        context: &str,
        f: impl FnOnce(&mut Vm) -> crate::PyResult<T>,
    ) -> crate::PyResult<T> {
        if self.native_depth + self.frames.len() >= RECURSION_LIMIT {
            return Err(self.exc(
                self.types.recursion_error,
                format!("maximum recursion depth exceeded{context}"),
            ));
        }
        self.native_depth += 1;
        let r = f(self);
        self.native_depth -= 1;
        r
    }

    /// Checks that `n` more stack slots fit in the reserved stack (which must never reallocate).
    pub fn reserve_stack(&mut self, n: usize) -> crate::PyResult<()> {
        if self.stack.len() + n > STACK_SLOTS {
            return Err(self.exc(
                self.types.recursion_error,
                "maximum recursion depth exceeded",
            ));
        }
        Ok(())
    }

    /// Polls for a pending collection (a safepoint).
    #[inline(always)]
    pub fn safepoint(&mut self) {
        if self.heap.pending {
            self.collect();
        }
    }

    /// The str payload of `v` if it is a str.
    pub fn str_of<'a>(&self, v: Value) -> Option<&'a str> {
        match v.as_obj() {
            Some(Obj::Str(s)) => Some(&s.s),
            _ => None,
        }
    }

    /// Creates an exception of class `cls` with one message argument.
    pub fn exc(&mut self, cls: Value, msg: impl Into<String>) -> PyErr {
        let msg = self.new_str(msg.into());
        PyErr(self.new_exception(cls, vec![msg]))
    }

    /// Creates an exception with the given args tuple contents.
    pub fn new_exception(&mut self, cls: Value, args: Vec<Value>) -> Value {
        let inst = self.new_instance_of(cls);
        let t = self.new_tuple(args);
        let key = self.names.args;
        // Setting `args` on a fresh exception instance cannot fail.
        let _ = crate::attr::set_instance_attr(self, inst, key, t);
        inst
    }

    pub fn type_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.exc(self.types.type_error, msg)
    }
    pub fn value_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.exc(self.types.value_error, msg)
    }
    pub fn index_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.exc(self.types.index_error, msg)
    }
    pub fn attribute_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.exc(self.types.attribute_error, msg)
    }
    pub fn zero_division(&mut self, msg: impl Into<String>) -> PyErr {
        self.exc(self.types.zero_division_error, msg)
    }
    pub fn overflow_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.exc(self.types.overflow_error, msg)
    }
    pub fn runtime_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.exc(self.types.runtime_error, msg)
    }
    pub fn name_error(&mut self, name: Value) -> PyErr {
        let n = self.str_of(name).unwrap_or("?").to_string();
        self.exc(self.types.name_error, format!("name '{n}' is not defined"))
    }
    /// `KeyError(key)` (the key itself is the argument, so `str()` shows its repr).
    pub fn key_error(&mut self, key: Value) -> PyErr {
        PyErr(self.new_exception(self.types.key_error, vec![key]))
    }
    pub fn not_supported(&mut self, what: &str) -> PyErr {
        self.exc(
            self.types.not_implemented_error,
            format!("lucent: not supported yet: {what}"),
        )
    }
}
