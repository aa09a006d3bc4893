//! The trace IR: a linear SSA list of typed micro-ops ("uops") with guards.
//!
//! A trace is an entry block followed by a loop:
//!
//! ```text
//!   entry:  LoadSlot / guards / unboxing of the frame slots the loop uses
//!   Loop
//!   Phi ... (one per frame slot the loop writes: its value at the top of each iteration)
//!   body:   uops of one iteration, guards carrying snapshots
//!   Jump    (back to Loop; each Phi takes its `b` operand)
//! ```
//!
//! Values live in machine registers in one of four representations ([`Ty`]). A guard that fails
//! leaves the trace through its [`Snapshot`]: the snapshot names the bytecode instruction to
//! resume at and which frame slots (locals, then evaluation stack) must be written back with
//! which values; the interpreter then re-executes that instruction. Every uop carries the bytecode
//! offset it came from, so code offsets map to script lines.

use std::fmt;
use std::rc::Rc;

use lucent_vm::code::{CmpOp, Code};
use lucent_vm::value::Value;

/// Bits of a bytecode location (`Insn::pc`, `Snapshot::pc`) that hold the instruction index;
/// the bits above hold the frame: 0 for the trace's own code, `k` for `TraceIr::inlined[k - 1]`.
const LOC_IP_BITS: u32 = 24;

/// Longest code object whose instructions a trace can locate (longer ones are not inlined).
pub const MAX_LOC_IP: u32 = (1 << LOC_IP_BITS) - 1;

/// The location of instruction `ip` of frame `frame` (0: the trace's own code). For the trace's
/// own code the location is the instruction index itself.
pub fn loc(frame: u32, ip: u32) -> u32 {
    debug_assert!(ip <= MAX_LOC_IP);
    (frame << LOC_IP_BITS) | ip
}

/// `(frame, instruction index)` of a location.
pub fn loc_parts(pc: u32) -> (u32, u32) {
    (pc >> LOC_IP_BITS, pc & MAX_LOC_IP)
}

/// An SSA value: the index of the instruction that defines it.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Ref(pub u32);

impl Ref {
    /// "No operand".
    pub const NONE: Ref = Ref(u32::MAX);

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.0)
    }
}

/// How a value is represented in the trace.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Hash)]
pub enum Ty {
    /// Nothing (guards, stores, markers).
    Void,
    /// An unboxed int in a general register, always within the small-int (i48) range.
    Int,
    /// An unboxed f64 in a float register.
    Float,
    /// 0 or 1 in a general register.
    Bool,
    /// A boxed `Value` (its bits) in a general register.
    Boxed,
    /// A raw address into an object's storage (from a helper, for the loads of the same bytecode
    /// instruction); never boxed, never in a snapshot.
    Ptr,
}

impl Ty {
    /// Whether values of this type live in float registers.
    pub fn is_float(self) -> bool {
        self == Ty::Float
    }
}

/// What a boxed value was seen to be while recording (decides the guard a use gets).
#[derive(Copy, Clone, PartialEq, Eq, Debug, Hash)]
pub enum Kind {
    Int,
    Float,
    Bool,
    None,
    Empty,
    /// A heap object of this `ObjKind` (as its byte).
    Obj(u8),
}

impl Kind {
    /// The kind a `trace_log::kind_byte` stands for.
    pub fn from_byte(b: u8) -> Kind {
        use lucent_vm::trace_log::{KIND_BOOL, KIND_EMPTY, KIND_FLOAT, KIND_INT, KIND_NONE};
        match b {
            KIND_INT => Kind::Int,
            KIND_FLOAT => Kind::Float,
            KIND_BOOL => Kind::Bool,
            KIND_NONE => Kind::None,
            KIND_EMPTY => Kind::Empty,
            k => Kind::Obj(k),
        }
    }
}

/// Runtime helpers a trace calls (see `helpers.rs`); all return a boxed value, or `EMPTY` to
/// leave the trace through the call's snapshot (nothing has changed when they do).
#[derive(Copy, Clone, PartialEq, Eq, Debug, Hash)]
pub enum Helper {
    /// The contents of cell `a` (`EMPTY` when unbound: the interpreter raises NameError).
    LoadDeref,
    /// Appends `a` to the list a drain trace fills (`Vm::jit_sink`): a generator's `yield` in
    /// its drain trace (`TRUE`; `EMPTY` if there is no such list).
    SinkPush,
    /// Calls function `a` — the function trace's own, a constant — with the arguments in frame
    /// slots `imm..` (its callable in slot `imm - 1`) through its function trace, natively: the
    /// caller's frame is written back first (the call's snapshot: the interpreter can take over
    /// at any level), its `ip` set to `imm2` (after the call), a frame record pushed for the
    /// callee. Returns the callee's value; `EMPTY` if the call cannot be made so (recursion
    /// limit, stack room, a collection due, the trace gone: the interpreter makes it instead);
    /// [`helpers::UNWIND_BITS`](crate::helpers::UNWIND_BITS) if the callee left its trace, its
    /// frame (and any above it) still pushed: the caller then returns the callee's exit
    /// (`Vm::jit_unwind`) in turn.
    CallTrace,
    /// `next()` of a range iterator `a` (only small ints).
    RangeNext,
    /// `next()` of a list iterator `a`.
    ListNext,
    /// `a[b]` for list `a`, unboxed int `b`.
    ListGet,
    /// `a[b]` for tuple `a`, unboxed int `b`.
    TupleGet,
    /// `a[b] = c` for list `a`, unboxed int `b`, boxed `c`.
    ListSet,
    /// Slot `imm2` of instance `a` when its shape is `imm >> 32` and the class epoch `imm & u32::MAX`.
    LoadAttrSlot,
    /// Stores `b` into slot `imm2` of instance `a`, guarded as `LoadAttrSlot`.
    StoreAttrSlot,
    /// A new instance of class `a` while the class epoch is `imm` (`EMPTY` otherwise): the
    /// allocation of `Class(args)` before its `__init__` runs inlined.
    NewInstance,
    /// `TRUE` unless a collection is due (`EMPTY`): at the end of an iteration of a trace that
    /// allocates, so that the interpreter collects (at the back-edge) before memory runs away.
    GcPoll,
    /// Whether `a`'s receiver key (`Vm::receiver_key`: its shape, for instances) is `imm >> 32`
    /// while the class epoch is `imm & u32::MAX`: then the method a `LoadMethodCached` cached is
    /// still the one `a.name` finds (`TRUE`, else `EMPTY`).
    MethodGuard,
    /// Native function (or bound native method) `imm2` called with the first `imm` of `a`, `b`,
    /// `c`, where `Native::pure` allows it for them; `EMPTY` if it raises, or if a function
    /// without effects returns anything but a number or bool (the interpreter then calls it
    /// again).
    CallNative,
    /// Adds attribute `b` to instance `a` as slot `imm2 & u32::MAX`, moving it to shape
    /// `imm2 >> 32`, when its shape is `imm >> 32` with that many slots and the class epoch is
    /// `imm & u32::MAX` (what `StoreAttrAdd` caches).
    StoreAttrAdd,
    /// The tuple / a new list of the first `imm` of `a`, `b`, `c`.
    BuildTuple,
    BuildList,
    /// `slice(a, b, c)` (a new slice object; its parts as given).
    BuildSlice,
    /// `a[b]` for a list, tuple or str `a` and a slice `b` of small ints and Nones (a new
    /// sequence); `EMPTY` otherwise or when Python raises.
    GetSlice,
    /// `a[b] = c` for a list `a`, a slice `b` of small ints and Nones, a list or tuple `c`;
    /// `EMPTY` otherwise or when Python raises (nothing has changed then).
    SetSlice,
    /// `a[b:c:imm]` for a list `a`, small ints or Nones `b`, `c` and the step's value `imm`
    /// (a new list), without building the slice; `EMPTY` otherwise or when Python raises. A
    /// `BuildSlice` fused with the subscript that uses it (`translate.rs`).
    SliceList,
    /// `a[lo:hi] = b` for a list `a`, a list or tuple `b`, bounds small ints or Nones: `c` is the
    /// upper bound and `imm` the lower one's value if `imm2` is 0, the other way round if 1;
    /// `EMPTY` otherwise or when Python raises (nothing has changed then). A `BuildSlice` fused
    /// with the store that uses it.
    StoreSliceList,
    /// `a.append(b)` for list `a` (`TRUE`; `EMPTY` if `a` is not a list).
    ListAppend,
    /// `TRUE` while global slot `imm2` of module `a` holds the value with bits `imm`, else
    /// `EMPTY`: in a trace's entry block, it makes that global a constant of the trace (nothing
    /// a trace runs stores a global).
    GlobalIs,
    /// `TRUE` while module `a`'s globals have version `imm` (no name defined or deleted since:
    /// no global shadows the builtins the trace uses), else `EMPTY`.
    GlobalsVersion,
    /// The address of the items of tuple or list `a` if it has exactly `imm` items (a `Ptr`,
    /// valid until the list is next resized: only the loads of the same instruction use it).
    SeqItems,
    /// The next item of `enumerate` iterator `a` over a list iterator, advancing both (its
    /// `(index, item)` pair is never built: the trace unpacks it right away). `EMPTY` at the end
    /// or for any other iterator.
    EnumNext,
    /// The index of the pair `EnumNext` of enumerate iterator `a` just produced (a small int:
    /// `EnumNext` checks that first, so this never leaves).
    EnumIndex,
    /// `a ** b` for floats `a`, `b` (boxed) when the result is a float (`EMPTY` when Python
    /// raises or returns a complex number).
    PowFloat,
    /// `iter(a)` for a list, tuple or range `a` (a new iterator, which the `ForIter`
    /// specializations step); `EMPTY` for anything else.
    GetIter,
    /// `TRUE` if range or list iterator `a` is exhausted (its loop ends), else `EMPTY`: a
    /// linear trace leaving a loop.
    IterDone,
    /// `range(...)` of the first `imm` of `a`, `b`, `c` when they are small ints (a new range;
    /// `EMPTY` otherwise or when Python raises).
    NewRange,
}

/// A global an inline `GlobalIs` checks: slot `slot` of the vector of a module's global values
/// at address `values` (its items pointer and length at offsets `items` and `len`) must hold
/// the value with bits `bits`. The module is a GC root of the trace (its globals never move).
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct GlobalSlot {
    pub values: u64,
    pub bits: u64,
    pub slot: u32,
    pub items: u16,
    pub len: u16,
}

impl fmt::Debug for GlobalSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Addresses in hex, so that dumps mask them (`dump::mask_addresses`).
        write!(
            f,
            "{:#x}[{}] is {:#x} at {},{}",
            self.values, self.slot, self.bits, self.items, self.len
        )
    }
}

/// What an inline `SeqItems` checks, and where it reads: the sequence must be a tuple or a list
/// of exactly `n` items; `tuple` and `list` are the offsets of the items pointer and length in
/// each (`objects::tuple_layout`, `objects::list_layout`).
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct SeqAccess {
    pub n: u32,
    pub tuple: [u16; 2],
    pub list: [u16; 2],
}

impl fmt::Debug for SeqAccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ([ti, tl], [li, ll]) = (self.tuple, self.list);
        write!(f, "{} items at {ti},{tl} or {li},{ll}", self.n)
    }
}

/// What an inline instance access checks, and where it reads (`objects::InstanceLayout`).
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct SlotAccess {
    pub shape: u32,
    pub epoch: u32,
    pub slot: u32,
    /// Byte offsets: of the shape, the slots' items pointer and the slots' length in the
    /// instance object; of the class epoch in the VM.
    pub at: [u16; 4],
}

impl fmt::Debug for SlotAccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [shape, items, len, epoch] = self.at;
        write!(
            f,
            "shape {} epoch {} slot {} at {shape},{items},{len},{epoch}",
            self.shape, self.epoch, self.slot
        )
    }
}

/// The micro-ops. Operands are `Insn::a`, `b`, `c`; immediates are in the variant.
#[derive(Copy, Clone, PartialEq, Debug)]
pub enum Uop {
    /// Boxed value of frame slot `n` (locals, then the evaluation stack) at trace entry.
    LoadSlot(u32),
    /// A constant of the instruction's type: int value, f64 bits, 0/1, or boxed bits.
    Const(u64),
    /// Leave unless boxed `a` is a small int / a float / a bool / has these exact bits.
    GuardInt,
    GuardFloat,
    GuardBool,
    /// Leave unless boxed `a` is a heap object (its kind is checked by whoever uses it).
    GuardObj,
    GuardIs(u64),
    /// Leave unless bool `a` is 1 / 0.
    GuardTrue,
    GuardFalse,
    /// Representation changes (guarded before, never failing).
    UnboxInt,
    UnboxFloat,
    UnboxBool,
    BoxInt,
    BoxFloat,
    BoxBool,
    /// Int arithmetic; those that can leave the i48 range (or divide by zero) guard it.
    AddInt,
    SubInt,
    MulInt,
    FloorDivInt,
    ModInt,
    NegInt,
    AndInt,
    OrInt,
    XorInt,
    /// Int → float (exact: every i48 is a double).
    IntToFloat,
    AddFloat,
    SubFloat,
    MulFloat,
    /// `a / b`; leaves when `b` is zero (the interpreter raises ZeroDivisionError).
    DivFloat,
    NegFloat,
    CmpInt(CmpOp),
    CmpFloat(CmpOp),
    /// Boxed identity comparison (`is`), and its negation.
    Is,
    IsNot,
    NotBool,
    /// Item `n` of the items at `Ptr` `a` (boxed).
    LoadItem(u32),
    /// `a[b]` for list `a` (a boxed object) and int `b` (negative counts from the end), read
    /// inline: the list's items pointer and length are at these byte offsets from its object's
    /// address (`objects::list_layout`). Leaves unless `a` is a list and `b` in range.
    ListGet(u16, u16),
    /// `a[b] = c` (boxed `c`), inline like `ListGet`, leaving in the same cases.
    ListSet(u16, u16),
    /// Slot `s.slot` of instance `a` (boxed), read inline; leaves unless `a` is an instance of
    /// shape `s.shape`, the class epoch is `s.epoch`, and the slot exists and is bound (what
    /// `LoadAttrSlot` checks).
    LoadAttr(SlotAccess),
    /// Stores `b` into slot `s.slot` of instance `a`, inline, leaving in the same cases.
    StoreAttr(SlotAccess),
    /// The items (a `Ptr`) of `a` if it is a tuple or list of exactly `s.n` items, else leaves
    /// (`Helper::SeqItems` inline; the same loads use it).
    SeqItems(SeqAccess),
    /// Leaves unless a module global holds the value the trace was compiled for (the entry
    /// block's check that makes it a constant; `Helper::GlobalIs` inline).
    GlobalIs(GlobalSlot),
    /// Leaves unless the `u32` at address `.0` (a module's globals version) is `.1`
    /// (`Helper::GlobalsVersion` inline).
    VersionIs(u64, u32),
    /// Leaves unless `a` is an instance whose receiver key (`Vm::receiver_key`: its shape's
    /// low 30 bits) is `s.shape` while the class epoch is `s.epoch` (what `LoadMethodCached`
    /// checks; `s.slot` unused).
    MethodCheck(SlotAccess),
    /// `helper(a, b, c, imm, imm2)` → boxed; leaves when the helper returns `EMPTY`.
    Call(Helper, u64, u64),
    /// Nothing (what folding leaves of a guard it proved; removed by DCE).
    Nop,
    /// Start of the loop body.
    Loop,
    /// A loop-carried value: `a` on entry, `b` (the back-edge value) on each later iteration.
    Phi,
    /// Back-edge to `Loop`.
    Jump,
    /// Leave through the snapshot, always: the end of a side trace (which has no loop).
    Exit,
    /// Return boxed `a` from the trace's frame (the end of a function trace, or of one of its
    /// side traces): written where the interpreter's return puts it (the callable's slot,
    /// frame slot -1), the code returns [`RETURNED`] instead of an exit.
    Return,
}

/// What a function trace returns when it returned from its frame (no exit: ids are below
/// `u32::MAX`).
pub const RETURNED: u64 = u64::MAX;

impl Uop {
    /// Whether the instruction can leave the trace (and so carries a snapshot).
    pub fn is_guard(self) -> bool {
        matches!(
            self,
            Uop::GuardInt
                | Uop::GuardFloat
                | Uop::GuardBool
                | Uop::GuardObj
                | Uop::GuardIs(_)
                | Uop::GuardTrue
                | Uop::GuardFalse
                | Uop::AddInt
                | Uop::SubInt
                | Uop::MulInt
                | Uop::FloorDivInt
                | Uop::ModInt
                | Uop::NegInt
                | Uop::DivFloat
                | Uop::Call(..)
                | Uop::ListGet(..)
                | Uop::ListSet(..)
                | Uop::LoadAttr(_)
                | Uop::StoreAttr(_)
                | Uop::MethodCheck(_)
                | Uop::GlobalIs(_)
                | Uop::SeqItems(_)
                | Uop::VersionIs(..)
                | Uop::Exit
        )
    }

    /// Whether removing the instruction when its value is unused changes nothing. Guards are
    /// kept: they protect what follows, even if their result is unused.
    pub fn is_pure(self) -> bool {
        !self.is_guard() && !matches!(self, Uop::Loop | Uop::Phi | Uop::Jump | Uop::Return)
    }

    /// Whether the instruction calls into the runtime (clobbering caller-saved registers).
    pub fn is_call(self) -> bool {
        matches!(self, Uop::Call(..))
    }
}

/// One instruction.
#[derive(Copy, Clone, Debug)]
pub struct Insn {
    pub op: Uop,
    pub a: Ref,
    pub b: Ref,
    pub c: Ref,
    pub ty: Ty,
    /// Bytecode location (see [`loc`]) of the instruction this uop implements.
    pub pc: u32,
    /// Index into `TraceIr::snaps` for guards, `NO_SNAP` otherwise.
    pub snap: u32,
}

/// `Insn::snap` of instructions without a snapshot.
pub const NO_SNAP: u32 = u32::MAX;

impl Insn {
    /// The operands that are present.
    pub fn args(&self) -> impl Iterator<Item = Ref> {
        [self.a, self.b, self.c]
            .into_iter()
            .filter(|r| *r != Ref::NONE)
    }
}

/// A Python call inlined into the trace, live at a snapshot: leaving there pushes its frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InlineFrame {
    /// Which call (`TraceIr::inlined[inl - 1]`: the function and its code).
    pub inl: u32,
    /// Slot of the callee's local 0, relative to the trace frame's local 0 (the callee object is
    /// in the slot below: the interpreter's call layout).
    pub base: u32,
    /// Where the caller continues when the callee returns (the instruction after the call).
    pub ret: u32,
}

/// Interpreter state to rebuild when leaving through a guard.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// Location of the instruction to resume at (it is re-executed), in the innermost frame.
    pub pc: u32,
    /// Evaluation-stack depth at `pc` (of the innermost frame).
    pub depth: u32,
    /// Frame slots that differ from what the frame holds on trace entry, with their values. The
    /// slots of inlined frames follow the trace frame's, as in the interpreter's stack.
    pub slots: Vec<(u32, Ref)>,
    /// The inlined calls in progress, outermost first (empty in the trace's own code).
    pub frames: Vec<InlineFrame>,
}

/// A function whose calls a trace inlines (guarded by identity at each call).
#[derive(Clone)]
pub struct Inlined {
    /// The function object (a GC root while the trace lives: the engine roots it).
    pub func: Value,
    pub code: Rc<Code>,
    /// The call is `Class(args)` and this is the class's `__init__`: the frame initializes the
    /// new instance, its local 0 (which `__init__`'s code never reassigns), and the call's
    /// result is that instance.
    pub init: bool,
    /// Where the call is: the calling frame's number (0: the trace's own code) and the call
    /// instruction's index in that frame's code (debuggers show it as the call's line).
    pub caller: u32,
    pub call_ip: u32,
}

impl Inlined {
    /// The module whose globals the function reads.
    pub fn module(&self) -> Value {
        match self.func.as_obj() {
            Some(lucent_vm::object::Obj::Function(f)) => f.module,
            _ => unreachable!("inlined calls are of functions"),
        }
    }
}

impl fmt::Debug for Inlined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Inlined({:?})", self.code.filename)
    }
}

/// A trace in IR form.
#[derive(Clone, Debug)]
pub struct TraceIr {
    pub insns: Vec<Insn>,
    pub snaps: Vec<Snapshot>,
    /// The snapshot of trace entry (the frame exactly as the interpreter left it), `NO_SNAP` if
    /// none: guards that fail there leave before the trace did anything.
    pub entry_snap: u32,
    /// The functions inlined calls run (frame `k` of a location is `inlined[k - 1]`).
    pub inlined: Vec<Inlined>,
    /// Other objects the code compares against by address (native functions it calls): the
    /// engine keeps them alive as long as the trace.
    pub roots: Vec<Value>,
    /// Stack slots above the trace frame's local 0 that inlined frames may use (0 without
    /// inlined calls): the engine enters the trace only when the stack has that much room.
    pub extent: u32,
    /// Deepest nesting of inlined calls (the engine checks the recursion limit against it).
    pub inline_depth: u32,
    /// The trace allocates (so each iteration ends in a `GcPoll`).
    pub allocates: bool,
    /// The globals checked on entry (`GlobalIs`, `GlobalsVersion`), with, for a side trace, those
    /// its loop's trace checks: `(module, slot, bits)`, slot `u32::MAX` for the module's globals
    /// version.
    pub checked_globals: Vec<(Value, u32, u64)>,
}

impl Default for TraceIr {
    fn default() -> TraceIr {
        TraceIr {
            insns: Vec::new(),
            snaps: Vec::new(),
            entry_snap: NO_SNAP,
            inlined: Vec::new(),
            roots: Vec::new(),
            extent: 0,
            inline_depth: 0,
            allocates: false,
            checked_globals: Vec::new(),
        }
    }
}

impl TraceIr {
    pub fn ty(&self, r: Ref) -> Ty {
        self.insns[r.index()].ty
    }

    /// Index of the `Loop` marker.
    pub fn loop_start(&self) -> Option<usize> {
        self.insns.iter().position(|i| i.op == Uop::Loop)
    }

    /// The code a location's frame runs (`root` for the trace's own code).
    pub fn code_of<'a>(&'a self, root: &'a Code, pc: u32) -> (&'a Code, u32) {
        match loc_parts(pc) {
            (0, ip) => (root, ip),
            (k, ip) => (&self.inlined[k as usize - 1].code, ip),
        }
    }

    /// Appends an instruction and returns its value.
    pub fn push(&mut self, insn: Insn) -> Ref {
        self.insns.push(insn);
        Ref(self.insns.len() as u32 - 1)
    }
}

impl fmt::Display for TraceIr {
    /// The textual form the golden tests compare: one instruction per line,
    /// `v7 = AddInt v3 v5 :int @12 snap(pc 11 depth 2: 0=v3 4=v6)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, insn) in self.insns.iter().enumerate() {
            let ty = match insn.ty {
                Ty::Void => "",
                Ty::Int => " :int",
                Ty::Float => " :float",
                Ty::Bool => " :bool",
                Ty::Boxed => " :boxed",
                Ty::Ptr => " :ptr",
            };
            let op = match insn.op {
                Uop::Const(bits) if insn.ty == Ty::Float => {
                    format!("Const({})", f64::from_bits(bits))
                }
                Uop::Const(bits) if insn.ty == Ty::Int => format!("Const({})", bits as i64),
                // Object addresses differ from run to run.
                Uop::Const(bits) if bits >> 48 == lucent_vm::value::TAG_OBJ => {
                    "Const(<object>)".to_string()
                }
                Uop::Const(bits) if insn.ty == Ty::Boxed => format!("Const({bits:#x})"),
                Uop::GuardIs(bits) if bits >> 48 == lucent_vm::value::TAG_OBJ => {
                    "GuardIs(<object>)".to_string()
                }
                Uop::GuardIs(bits) => format!("GuardIs({bits:#x})"),
                // An address: in hex, so that dumps mask it.
                Uop::VersionIs(addr, version) => format!("VersionIs({addr:#x}, {version})"),
                // Object immediates (a native callee) differ from run to run.
                Uop::Call(helper, imm, imm2) => {
                    let shown = |v: u64| {
                        if v >> 48 == lucent_vm::value::TAG_OBJ {
                            "<object>".to_string()
                        } else {
                            v.to_string()
                        }
                    };
                    // A fused slice's constant step or bound: a small int or None.
                    let part = |v: u64| match v >> 48 {
                        lucent_vm::value::TAG_INT => (((v << 16) as i64) >> 16).to_string(),
                        _ if v == Value::NONE.bits() => "None".to_string(),
                        _ => shown(v),
                    };
                    match helper {
                        Helper::SliceList | Helper::StoreSliceList => {
                            format!("Call({helper:?}, {}, {})", part(imm), shown(imm2))
                        }
                        _ => format!("Call({helper:?}, {}, {})", shown(imm), shown(imm2)),
                    }
                }
                Uop::CmpInt(c) => format!("CmpInt({})", c.symbol()),
                Uop::CmpFloat(c) => format!("CmpFloat({})", c.symbol()),
                other => format!("{other:?}"),
            };
            if insn.ty == Ty::Void {
                write!(f, "{op}")?;
            } else {
                write!(f, "v{i} = {op}")?;
            }
            for r in insn.args() {
                write!(f, " {r}")?;
            }
            write!(f, "{ty} @{}", Loc(insn.pc))?;
            if insn.snap != NO_SNAP {
                let s = &self.snaps[insn.snap as usize];
                write!(f, " snap(pc {} depth {}:", Loc(s.pc), s.depth)?;
                for (slot, r) in &s.slots {
                    write!(f, " {slot}={r}")?;
                }
                for fr in &s.frames {
                    write!(f, " call(f{} at {} ret {})", fr.inl, fr.base, fr.ret)?;
                }
                write!(f, ")")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

/// A location as text: `12` in the trace's own code, `f1:3` in inlined frame 1.
struct Loc(u32);

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match loc_parts(self.0) {
            (0, ip) => write!(f, "{ip}"),
            (k, ip) => write!(f, "f{k}:{ip}"),
        }
    }
}
