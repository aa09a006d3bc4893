//! Heap object kinds: every `Value` that is not a float, small int or singleton points at an `Obj`.
//!
//! `Obj` is `#[repr(u8)]`, so its discriminant is the first byte of the object: machine code tests an
//! object's kind with one byte compare (`ObjKind` gives the numbers). Large payloads are boxed so that
//! the common objects (strings, tuples, lists, instances) stay small. Mutable payloads use `RefCell`
//! so that a misuse is caught rather than undefined; VM code never holds a borrow across a call into
//! Python code (which could re-enter and borrow again).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_bigint::BigInt;

use crate::code::Code;
use crate::table::{DictTable, SetTable};
use crate::value::Value;

/// A native (Rust) function: receives the VM and the call's arguments (self first for methods).
pub type NativeFn = fn(&mut crate::vm::Vm, &crate::call::Args) -> crate::PyResult<Value>;

/// Kind numbers, equal to `Obj`'s discriminants (asserted in tests), for machine code and caches.
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ObjKind {
    Str = 0,
    Int,
    Tuple,
    List,
    Dict,
    Set,
    Range,
    Slice,
    Function,
    Native,
    BoundMethod,
    Class,
    Instance,
    Module,
    Iter,
    Generator,
    Cell,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    DictView,
}

/// A heap object. See the module docs for the layout contract.
#[repr(u8)]
pub enum Obj {
    Str(PyStr) = ObjKind::Str as u8,
    /// An int outside the small-int range (never one that fits in 48 bits).
    Int(BigInt) = ObjKind::Int as u8,
    Tuple(Box<[Value]>) = ObjKind::Tuple as u8,
    List(RefCell<Vec<Value>>) = ObjKind::List as u8,
    Dict(Box<RefCell<DictTable<Value, Value>>>) = ObjKind::Dict as u8,
    Set(Box<PySet>) = ObjKind::Set as u8,
    Range(PyRange) = ObjKind::Range as u8,
    Slice([Value; 3]) = ObjKind::Slice as u8,
    Function(Box<Function>) = ObjKind::Function as u8,
    Native(Native) = ObjKind::Native as u8,
    /// A method bound to its receiver: `(self, function)`.
    BoundMethod(Value, Value) = ObjKind::BoundMethod as u8,
    Class(Box<Class>) = ObjKind::Class as u8,
    Instance(Instance) = ObjKind::Instance as u8,
    Module(Box<Module>) = ObjKind::Module as u8,
    Iter(RefCell<IterState>) = ObjKind::Iter as u8,
    Generator(Box<RefCell<Generator>>) = ObjKind::Generator as u8,
    /// A closure cell.
    Cell(Cell<Value>) = ObjKind::Cell as u8,
    /// `property(fget, fset)`.
    Property(Value, Value) = ObjKind::Property as u8,
    StaticMethod(Value) = ObjKind::StaticMethod as u8,
    ClassMethod(Value) = ObjKind::ClassMethod as u8,
    /// `super(class, obj)`: attribute lookup starts after `class` in `type(obj).__mro__`.
    Super(Value, Value) = ObjKind::Super as u8,
    /// `dict.keys()`, `.values()` or `.items()`: a live view of `dict`.
    DictView {
        dict: Value,
        what: ViewKind,
    } = ObjKind::DictView as u8,
}

/// Which dict view: also the `what` of `IterState::Dict` (`as u8`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ViewKind {
    Keys = 0,
    Values = 1,
    Items = 2,
}

impl Obj {
    /// This object's kind number (its first byte).
    pub fn kind(&self) -> ObjKind {
        match self {
            Obj::Str(_) => ObjKind::Str,
            Obj::Int(_) => ObjKind::Int,
            Obj::Tuple(_) => ObjKind::Tuple,
            Obj::List(_) => ObjKind::List,
            Obj::Dict(_) => ObjKind::Dict,
            Obj::Set(_) => ObjKind::Set,
            Obj::Range(_) => ObjKind::Range,
            Obj::Slice(_) => ObjKind::Slice,
            Obj::Function(_) => ObjKind::Function,
            Obj::Native(_) => ObjKind::Native,
            Obj::BoundMethod(..) => ObjKind::BoundMethod,
            Obj::Class(_) => ObjKind::Class,
            Obj::Instance(_) => ObjKind::Instance,
            Obj::Module(_) => ObjKind::Module,
            Obj::Iter(_) => ObjKind::Iter,
            Obj::Generator(_) => ObjKind::Generator,
            Obj::Cell(_) => ObjKind::Cell,
            Obj::Property(..) => ObjKind::Property,
            Obj::StaticMethod(_) => ObjKind::StaticMethod,
            Obj::ClassMethod(_) => ObjKind::ClassMethod,
            Obj::Super(..) => ObjKind::Super,
            Obj::DictView { .. } => ObjKind::DictView,
        }
    }

    /// Calls `f` on every value this object refers to (the GC's tracing function).
    pub fn trace(&self, f: &mut dyn FnMut(Value)) {
        match self {
            Obj::Str(_) | Obj::Int(_) | Obj::Range(_) => {}
            Obj::Tuple(items) => items.iter().for_each(|v| f(*v)),
            Obj::List(items) => items.borrow().iter().for_each(|v| f(*v)),
            Obj::Dict(d) => d.borrow().iter().for_each(|(k, v)| {
                f(*k);
                f(*v)
            }),
            Obj::Set(s) => s.table.borrow().iter().for_each(|k| f(*k)),
            Obj::Slice(parts) => parts.iter().for_each(|v| f(*v)),
            Obj::Function(func) => func.trace(f),
            Obj::Native(n) => f(n.bound),
            Obj::BoundMethod(a, b) | Obj::Property(a, b) | Obj::Super(a, b) => {
                f(*a);
                f(*b)
            }
            Obj::StaticMethod(v) | Obj::ClassMethod(v) => f(*v),
            Obj::Class(c) => c.trace(f),
            Obj::Instance(i) => i.trace(f),
            Obj::Module(m) => m.globals.trace(f),
            Obj::Iter(it) => it.borrow().trace(f),
            Obj::Generator(g) => g.borrow().trace(f),
            Obj::Cell(c) => f(c.get()),
            Obj::DictView { dict, .. } => f(*dict),
        }
    }
}

/// An immutable str. Indexing by code point is O(1) when the string is ASCII.
pub struct PyStr {
    pub s: Box<str>,
    /// Number of code points (Python's `len`).
    pub chars: usize,
    /// Cached hash; `-1` until computed.
    pub hash: Cell<i64>,
}

impl PyStr {
    pub fn new(s: Box<str>) -> PyStr {
        let chars = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        PyStr {
            s,
            chars,
            hash: Cell::new(-1),
        }
    }
    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }
}

/// A set (or frozenset: `frozen`).
pub struct PySet {
    pub table: RefCell<SetTable<Value>>,
    pub frozen: bool,
}

/// An `i128` stored as two words, so that `Obj` keeps 8-byte alignment (and its size).
#[derive(Copy, Clone)]
pub struct Wide([u64; 2]);

impl Wide {
    fn new(i: i128) -> Wide {
        Wide([i as u64, (i >> 64) as u64])
    }
    fn get(self) -> i128 {
        (i128::from(self.0[1] as i64) << 64) | i128::from(self.0[0])
    }
}

/// `range(start, stop, step)`. Bounds are 128-bit so that ranges past the machine word (such as
/// `range(2 ** 64)`) index and print correctly; `step` is never zero.
#[derive(Copy, Clone)]
pub struct PyRange {
    start: Wide,
    stop: Wide,
    step: Wide,
}

impl PyRange {
    pub fn new(start: i128, stop: i128, step: i128) -> PyRange {
        debug_assert!(step != 0);
        PyRange {
            start: Wide::new(start),
            stop: Wide::new(stop),
            step: Wide::new(step),
        }
    }
    pub fn start(&self) -> i128 {
        self.start.get()
    }
    pub fn stop(&self) -> i128 {
        self.stop.get()
    }
    pub fn step(&self) -> i128 {
        self.step.get()
    }
    /// `(start, stop, step)` when all three fit in an i64 (the fast iteration state).
    pub fn small(&self) -> Option<(i64, i64, i64)> {
        Some((
            i64::try_from(self.start()).ok()?,
            i64::try_from(self.stop()).ok()?,
            i64::try_from(self.step()).ok()?,
        ))
    }
    /// Number of elements, as CPython computes it (exact: the span of two i128s fits a u128).
    pub fn len(&self) -> u128 {
        let (start, stop, step) = (self.start(), self.stop(), self.step());
        let (lo, hi) = if step > 0 {
            (start, stop)
        } else {
            (stop, start)
        };
        if lo >= hi {
            0
        } else {
            (hi.wrapping_sub(lo) as u128 - 1) / step.unsigned_abs() + 1
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The `i`-th element for `0 <= i < len` (which always fits; wrapping covers the intermediate
    /// product of spans wider than i128).
    pub fn get(&self, i: u128) -> i128 {
        self.start()
            .wrapping_add((i as i128).wrapping_mul(self.step()))
    }
    /// Whether `x` is an element.
    pub fn contains(&self, x: i128) -> bool {
        let (start, stop, step) = (self.start(), self.stop(), self.step());
        let (inside, offset) = if step > 0 {
            (x >= start && x < stop, x.wrapping_sub(start))
        } else {
            (x <= start && x > stop, start.wrapping_sub(x))
        };
        inside && (offset as u128).is_multiple_of(step.unsigned_abs())
    }
}

/// A Python function: code plus the environment it closes over.
pub struct Function {
    pub code: Rc<Code>,
    /// The module whose globals the code reads.
    pub module: Value,
    /// Defaults of the trailing positional parameters.
    pub defaults: Box<[Value]>,
    /// Defaults of keyword-only parameters: `(name, value)`.
    pub kwdefaults: Box<[(Value, Value)]>,
    /// Cells of the free variables, in `code.freevars` order.
    pub closure: Box<[Value]>,
    /// `__dict__` entries set on the function object (rare; decorators use them).
    pub attrs: RefCell<Vec<(Value, Value)>>,
}

impl Function {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.module);
        self.defaults.iter().for_each(|v| f(*v));
        self.kwdefaults.iter().for_each(|(k, v)| {
            f(*k);
            f(*v)
        });
        self.closure.iter().for_each(|v| f(*v));
        self.attrs.borrow().iter().for_each(|(k, v)| {
            f(*k);
            f(*v)
        });
    }
}

/// A function or method implemented in Rust.
pub struct Native {
    pub name: &'static str,
    pub func: NativeFn,
    /// The receiver of a bound built-in method (`[].append`), or `EMPTY`.
    pub bound: Value,
    /// For which arguments the function has no effect but its result or exception.
    pub pure: Purity,
    /// For a `math` function of one float (`math.sin`): that function on `f64`, and whether it
    /// can overflow. `func` computes it and raises as CPython's `math_1` does (`ValueError` for
    /// a NaN from a non-NaN, `OverflowError` for an infinity from a finite when it can
    /// overflow): a JIT may call the function directly and leave the errors to `func`.
    pub unary: Option<UnaryFloat>,
}

/// A `math` function of one float on `f64`, and whether it can overflow (`Native::unary`).
pub type UnaryFloat = (fn(f64) -> f64, bool);

/// For which arguments a native function has no effect but its result or exception: it runs no
/// Python code and changes nothing, so a JIT may call it and, if it raises, forget that and let
/// the interpreter call it again.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Purity {
    Impure,
    /// Int, float and bool arguments (`abs`, `min`, `math.sqrt`, ...).
    OnNumbers,
    /// Any arguments (`isinstance`).
    Always,
    /// For arguments that are not instances, runs no Python code and raises only before any
    /// effect it has (`len`; `list.append`, `pop`, `insert`, which change the list).
    Atomic,
}

/// Which built-in layout instances of a class have.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Ordinary instances with shaped attributes.
    Object,
    /// Exceptions: ordinary instances plus traceback/cause/context.
    Exception,
    /// A built-in type whose instances are not `Instance`s (int, str, list, ...): cannot be subclassed yet.
    Builtin,
}

/// A class (built-in types are classes too).
pub struct Class {
    pub name: Value,
    pub base: Value,
    /// Method resolution order after the class itself (single inheritance: the base chain).
    pub mro: Box<[Value]>,
    /// The class namespace, keyed by interned names.
    pub dict: RefCell<rustc_hash::FxHashMap<Value, Value>>,
    pub layout: Layout,
    /// Root shape of instances (`shape.rs`).
    pub root_shape: u32,
    /// The module the class was defined in (`__module__`).
    pub module: Value,
}

impl Class {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.name);
        f(self.base);
        f(self.module);
        self.mro.iter().for_each(|v| f(*v));
        self.dict.borrow().iter().for_each(|(k, v)| {
            f(*k);
            f(*v)
        });
    }
}

/// An instance of a user class: attribute values in slots laid out by a shape.
pub struct Instance {
    pub class: Value,
    /// Shape id: which attribute lives in which slot (`shape.rs`).
    pub shape: Cell<u32>,
    pub slots: RefCell<Vec<Value>>,
    /// Present for exception instances.
    pub exc: Option<Box<ExcInfo>>,
}

impl Instance {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.class);
        self.slots.borrow().iter().for_each(|v| f(*v));
        if let Some(e) = &self.exc {
            f(e.cause.get());
            f(e.context.get());
        }
    }
}

/// The exception-only part of an exception instance.
#[derive(Default)]
pub struct ExcInfo {
    /// Frames the exception passed through, innermost last: `(code, instruction index)`.
    pub traceback: RefCell<Vec<(Rc<Code>, u32)>>,
    pub cause: Cell<Value>,
    pub context: Cell<Value>,
    pub suppress_context: Cell<bool>,
}

impl ExcInfo {
    pub fn new() -> ExcInfo {
        ExcInfo {
            traceback: RefCell::new(Vec::new()),
            cause: Cell::new(Value::NONE),
            context: Cell::new(Value::NONE),
            suppress_context: Cell::new(false),
        }
    }
}

/// A module: a name and its globals.
pub struct Module {
    pub name: Value,
    pub globals: Globals,
}

/// Module globals: a name → slot map plus a slot vector. Slots never move, so `LOAD_GLOBAL` caches a
/// slot index; `version` changes only when a name is added or deleted (builtins caches guard on it).
pub struct Globals {
    pub index: RefCell<rustc_hash::FxHashMap<Value, u32>>,
    pub names: RefCell<Vec<Value>>,
    pub values: RefCell<Vec<Value>>,
    /// Bumped when a name is defined or deleted (the builtin-lookup caches guard on it).
    pub version: Cell<u32>,
}

impl Globals {
    pub fn new() -> Globals {
        Globals {
            index: RefCell::new(Default::default()),
            names: RefCell::new(Vec::new()),
            values: RefCell::new(Vec::new()),
            version: Cell::new(0),
        }
    }
    /// The slot of `name` (an interned str), if it was ever defined.
    pub fn slot(&self, name: Value) -> Option<u32> {
        self.index.borrow().get(&name).copied()
    }
    pub fn get(&self, name: Value) -> Option<Value> {
        let slot = self.slot(name)?;
        let v = self.values.borrow()[slot as usize];
        (!v.is_empty()).then_some(v)
    }
    pub fn set(&self, name: Value, v: Value) {
        if let Some(slot) = self.slot(name) {
            let mut values = self.values.borrow_mut();
            if values[slot as usize].is_empty() {
                self.version.set(self.version.get().wrapping_add(1));
            }
            values[slot as usize] = v;
            return;
        }
        let mut values = self.values.borrow_mut();
        self.index.borrow_mut().insert(name, values.len() as u32);
        self.names.borrow_mut().push(name);
        values.push(v);
        self.version.set(self.version.get().wrapping_add(1));
    }
    /// Removes `name`; false if it was not bound.
    pub fn delete(&self, name: Value) -> bool {
        let Some(slot) = self.slot(name) else {
            return false;
        };
        let mut values = self.values.borrow_mut();
        if values[slot as usize].is_empty() {
            return false;
        }
        values[slot as usize] = Value::EMPTY;
        self.version.set(self.version.get().wrapping_add(1));
        true
    }
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        self.names.borrow().iter().for_each(|v| f(*v));
        self.values.borrow().iter().for_each(|v| f(*v));
    }
}

impl Default for Globals {
    fn default() -> Self {
        Globals::new()
    }
}

/// The state of a built-in iterator.
pub enum IterState {
    /// Over a list, tuple or str (by index, re-reading the length each step as CPython does).
    Seq {
        seq: Value,
        index: usize,
    },
    /// Over a str by byte offset (non-ASCII strs).
    StrChars {
        s: Value,
        byte: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Over a dict's dense entries: `what` 0 = keys, 1 = values, 2 = items.
    Dict {
        dict: Value,
        pos: usize,
        len: usize,
        what: u8,
    },
    /// Over a snapshot (sets).
    Snapshot {
        items: Vec<Value>,
        index: usize,
    },
    Reversed {
        seq: Value,
        index: usize,
    },
    Enumerate {
        it: Value,
        count: i64,
    },
    Zip {
        its: Vec<Value>,
    },
    Map {
        func: Value,
        its: Vec<Value>,
    },
    Filter {
        func: Value,
        it: Value,
    },
    /// Calls `__getitem__(0), (1), ...` until IndexError (the old sequence protocol).
    GetItem {
        obj: Value,
        index: i64,
    },
    /// `iter(func, sentinel)`: calls `func()` until it returns `sentinel`.
    Callable {
        func: Value,
        sentinel: Value,
    },
    Exhausted,
}

impl IterState {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        match self {
            IterState::Seq { seq: v, .. }
            | IterState::StrChars { s: v, .. }
            | IterState::Dict { dict: v, .. }
            | IterState::Reversed { seq: v, .. }
            | IterState::Enumerate { it: v, .. }
            | IterState::GetItem { obj: v, .. } => f(*v),
            IterState::Snapshot { items, .. } | IterState::Zip { its: items } => {
                items.iter().for_each(|v| f(*v))
            }
            IterState::Map { func, its } => {
                f(*func);
                its.iter().for_each(|v| f(*v))
            }
            IterState::Filter { func, it: v } | IterState::Callable { func, sentinel: v } => {
                f(*func);
                f(*v)
            }
            IterState::Range { .. } | IterState::Exhausted => {}
        }
    }
}

/// Where a generator is in its life.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum GenStatus {
    Created,
    Suspended,
    Running,
    Done,
}

/// A generator: its suspended frame lives here between resumptions.
pub struct Generator {
    pub func: Value,
    pub code: Rc<Code>,
    /// Locals followed by the evaluation stack, copied out of the VM stack at each yield.
    pub saved: Vec<Value>,
    pub ip: u32,
    pub status: GenStatus,
    /// The exception being handled when the generator yielded inside an `except` block.
    pub handling: Value,
}

impl Generator {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.func);
        f(self.handling);
        self.saved.iter().for_each(|v| f(*v));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_byte_is_first_byte_of_object() {
        let o = Obj::List(RefCell::new(vec![]));
        // SAFETY: `Obj` is `repr(u8)`: its first byte is the discriminant, readable as a u8.
        let first = unsafe { *(&o as *const Obj as *const u8) };
        assert_eq!(first, ObjKind::List as u8);
        assert_eq!(o.kind(), ObjKind::List);
        let o = Obj::Super(Value::NONE, Value::NONE);
        // SAFETY: as above.
        let first = unsafe { *(&o as *const Obj as *const u8) };
        assert_eq!(first, ObjKind::Super as u8);
    }

    #[test]
    fn common_objects_stay_small() {
        assert!(
            std::mem::size_of::<Obj>() <= 64,
            "Obj is {} bytes",
            std::mem::size_of::<Obj>()
        );
    }

    #[test]
    fn range_len_matches_python() {
        let r = |start: i64, stop: i64, step: i64| {
            PyRange::new(start.into(), stop.into(), step.into()).len()
        };
        assert_eq!(r(0, 10, 1), 10);
        assert_eq!(r(0, 10, 3), 4);
        assert_eq!(r(10, 0, -3), 4);
        assert_eq!(r(5, 5, 1), 0);
        assert_eq!(r(5, 0, 1), 0);
        assert_eq!(r(i64::MIN, i64::MAX, i64::MAX), 3);
        let wide = PyRange::new(i128::MIN, i128::MAX, 1);
        assert_eq!(wide.len(), u128::MAX);
        assert_eq!(wide.get(u128::MAX - 1), i128::MAX - 1);
        let down = PyRange::new(10, -3, -4);
        assert_eq!(
            (0..down.len()).map(|i| down.get(i)).collect::<Vec<_>>(),
            [10, 6, 2, -2]
        );
        assert!(down.contains(6) && down.contains(-2) && !down.contains(-6) && !down.contains(4));
    }
}
