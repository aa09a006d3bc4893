//! Bytecode: instructions, inline caches, code objects, the line table and the exception table.
//!
//! An instruction is `(op, arg)` in 8 bytes. Instructions live in `Cell`s so the interpreter can
//! *quicken* them in place (PEP 659): a generic op rewrites itself into a specialized one once it has
//! seen its operand types, and back when the specialization misses. Each instruction has a parallel
//! inline-cache slot (`caches[ip]`). The line table maps every instruction to `(line, column)`;
//! tracebacks, the JIT's code-offset → line maps, perf and gdb names all read it.

use std::cell::Cell;
use std::rc::Rc;

use crate::value::Value;

/// Opcodes. Comments give the stack effect `before -> after` (top of stack rightmost).
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Op {
    Nop,
    /// `a ->`
    PopTop,
    /// `a -> a a`
    DupTop,
    /// `a b -> a b a b`
    DupTop2,
    /// `a b -> b a`
    RotTwo,
    /// `a b c -> c a b`
    RotThree,
    /// `a b c d -> d a b c`
    RotFour,
    /// `-> consts[arg]`
    LoadConst,
    /// `-> locals[arg]` (raises UnboundLocalError when unbound)
    LoadFast,
    /// `a ->` into `locals[arg]`
    StoreFast,
    /// `-> locals[arg & 0xffff] locals[arg >> 16]`; the next instruction (the second load, kept
    /// for jumps into it) is skipped.
    LoadFastLoadFast,
    /// `-> locals[arg & 0xffff] consts[arg >> 16]`, skipping the next instruction likewise.
    LoadFastLoadConst,
    DeleteFast,
    /// Wraps `locals[arg]` in a new cell (parameters captured by inner functions).
    MakeCell,
    /// `-> locals[arg]` (the cell itself, for building closures)
    LoadClosure,
    /// `-> cell(locals[arg]).contents`
    LoadDeref,
    StoreDeref,
    /// `-> globals[names[arg]]` falling back to builtins. Quickens to the two below.
    LoadGlobal,
    /// Cached global slot in `caches[ip].a`.
    LoadGlobalModule,
    /// Cached builtin slot `caches[ip].a`, valid while the module's globals version is `caches[ip].b`.
    LoadGlobalBuiltin,
    StoreGlobal,
    DeleteGlobal,
    /// Class bodies: namespace dict, then globals, then builtins.
    LoadName,
    StoreName,
    DeleteName,
    /// `obj -> obj.names[arg]`. Quickens to the specializations below.
    LoadAttr,
    /// Instance slot read guarded by shape id `caches[ip].a`; slot `caches[ip].b`.
    LoadAttrSlot,
    /// Module attribute (`math.sqrt`): cached globals slot.
    LoadAttrModule,
    /// `obj -> method obj` when `names[arg]` is a plain function found on the class, else `attr EMPTY`.
    LoadMethod,
    /// Cached: shape `caches[ip].a` has no instance attribute of that name, class epoch `caches[ip].b`,
    /// method `caches[ip].c`.
    LoadMethodCached,
    /// `value obj ->` sets `obj.names[arg] = value`. Quickens to the slot store.
    StoreAttr,
    /// Existing slot `caches[ip].b` in shape `caches[ip].a`.
    StoreAttrSlot,
    /// Adds an attribute: shape `caches[ip].a` becomes `caches[ip].b`, the value goes in new slot
    /// `caches[ip].counter` (the common case in `__init__`).
    StoreAttrAdd,
    DeleteAttr,
    /// `container key -> container[key]`
    BinarySubscr,
    /// list[int] fast path
    BinarySubscrList,
    /// `value container key ->`
    StoreSubscr,
    StoreSubscrList,
    DeleteSubscr,
    /// `lo hi -> slice` (arg 2) or `lo hi step -> slice` (arg 3)
    BuildSlice,
    /// `a b -> a op b`, arg is a `BinOp`.
    BinaryOp,
    BinaryAddInt,
    BinarySubInt,
    BinaryMulInt,
    BinaryAddFloat,
    BinarySubFloat,
    BinaryMulFloat,
    BinaryDivFloat,
    /// `a b -> a cmp b`, arg is a `CmpOp`.
    CompareOp,
    CompareInt,
    CompareFloat,
    /// `a b -> a is b` (arg 1: `is not`)
    IsOp,
    /// `a b -> a in b` (arg 1: `not in`)
    ContainsOp,
    UnaryNeg,
    UnaryPos,
    UnaryNot,
    UnaryInvert,
    /// Jump to `arg`.
    Jump,
    /// Jump to `arg` (< ip): a loop back-edge; a GC safepoint and the JIT's hot-loop counter.
    JumpBackward,
    /// A `JumpBackward` whose loop has a compiled trace (id in `caches[ip].a`): jumps to `arg` and
    /// runs the trace there (see `jit_hook.rs`).
    EnterTrace,
    /// `a ->`, jump if falsy.
    PopJumpIfFalse,
    PopJumpIfTrue,
    /// `a -> a` and jump if falsy, else `a ->`.
    JumpIfFalseOrPop,
    JumpIfTrueOrPop,
    /// `a -> a` jumps if `a is None` (pops otherwise) — unused slots keep numbering stable.
    /// `iterable -> iterator`
    GetIter,
    /// `iterator -> iterator next` or pops the iterator and jumps to `arg` when exhausted.
    ForIter,
    ForIterRange,
    ForIterList,
    /// Sets the keyword names (a tuple constant) for the next call.
    KwNames,
    /// `callable args... -> result`, arg = number of arguments (keywords included).
    Call,
    /// `method self_or_EMPTY args... -> result` (pairs with `LoadMethod`).
    CallMethod,
    /// `callable argstuple kwargs_or_EMPTY -> result` (`f(*a, **k)`).
    CallEx,
    /// `value ->` returns from the frame.
    ReturnValue,
    /// `value -> sent` suspends the generator.
    YieldValue,
    /// `iterable -> result` delegates to a sub-iterator (`yield from`), looping in place.
    YieldFrom,
    /// Code object on top; arg flags: 1 defaults tuple, 2 kwdefaults tuple of pairs, 4 closure tuple.
    MakeFunction,
    /// `body_function name bases... -> class`, arg = number of bases.
    BuildClass,
    BuildTuple,
    BuildList,
    BuildSet,
    /// `k1 v1 ... kn vn -> dict`
    BuildMap,
    /// `s1 ... sn -> s1+...+sn` (f-strings)
    BuildString,
    /// `value [spec] -> str`; arg: bits 0-1 conversion (0 none, 1 str, 2 repr, 3 ascii), bit 2 has spec.
    FormatValue,
    /// `list ... value -> list ...`, list at depth `arg` below the value.
    ListAppend,
    SetAdd,
    /// `dict ... key value -> dict ...`
    MapAdd,
    /// `list ... iterable -> list ...`
    ListExtend,
    SetUpdate,
    DictUpdate,
    /// `list -> tuple`
    ListToTuple,
    /// `seq -> item_n-1 ... item_0` (arg = n)
    UnpackSequence,
    /// `seq -> after... list before...` arg = before | after << 8
    UnpackEx,
    /// arg 0: re-raise the handled exception; 1: `exc ->` raise; 2: `exc cause ->` raise from.
    Raise,
    /// `exc ->` re-raises `exc` keeping its traceback (end of a handler that did not match).
    Reraise,
    /// Handler prologue: `exc -> previously_handled exc`, makes `exc` the handled exception.
    PushExcInfo,
    /// Handler epilogue: `previously_handled ->` restores it.
    PopExcept,
    /// `exc type -> exc bool`
    CheckExcMatch,
    /// `-> AssertionError`
    LoadAssertionError,
    /// `-> module` imports `names[arg]`.
    ImportName,
    /// `module -> module attr`
    ImportFrom,
    /// `module ->` binds every public name in the current namespace (`from m import *`).
    ImportStar,
    /// `-> namespace-or-None`: the class-body namespace (for `__class__` cells).
    LoadLocals,
}

/// Binary operators (`BinaryOp`'s argument). Inplace forms add `INPLACE`.
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    MatMul,
}

/// Flag on `BinaryOp`'s argument for augmented assignment (`+=` tries `__iadd__`, extends lists in place).
pub const INPLACE: u32 = 0x100;

impl BinOp {
    pub const ALL: [BinOp; 13] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::TrueDiv,
        BinOp::FloorDiv,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::LShift,
        BinOp::RShift,
        BinOp::And,
        BinOp::Or,
        BinOp::Xor,
        BinOp::MatMul,
    ];
    pub fn from_arg(arg: u32) -> BinOp {
        BinOp::ALL[(arg & 0xff) as usize % BinOp::ALL.len()]
    }
    /// The operator's symbol, as in CPython's error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::MatMul => "@",
        }
    }
    /// `(__op__, __rop__, __iop__)` method names.
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        match self {
            BinOp::Add => ("__add__", "__radd__", "__iadd__"),
            BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
            BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
            BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
            BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinOp::And => ("__and__", "__rand__", "__iand__"),
            BinOp::Or => ("__or__", "__ror__", "__ior__"),
            BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
            BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        }
    }
}

/// Rich comparison operators (`CompareOp`'s argument).
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub const ALL: [CmpOp; 6] = [
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Gt,
        CmpOp::Ge,
    ];
    pub fn from_arg(arg: u32) -> CmpOp {
        CmpOp::ALL[arg as usize % 6]
    }
    /// The comparison that holds exactly when this one does not (for ints; NaN breaks it).
    pub fn negate(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Ge,
            CmpOp::Le => CmpOp::Gt,
            CmpOp::Eq => CmpOp::Ne,
            CmpOp::Ne => CmpOp::Eq,
            CmpOp::Gt => CmpOp::Le,
            CmpOp::Ge => CmpOp::Lt,
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    /// `(method, reflected method)`
    pub fn dunders(self) -> (&'static str, &'static str) {
        match self {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Le => ("__le__", "__ge__"),
            CmpOp::Eq => ("__eq__", "__eq__"),
            CmpOp::Ne => ("__ne__", "__ne__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            CmpOp::Ge => ("__ge__", "__le__"),
        }
    }
    /// Applies the operator to an `Ordering`.
    pub fn test(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }
    }
}

/// One instruction.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
}

const _: () = assert!(std::mem::size_of::<Instr>() == 8);

/// One inline-cache slot; the meaning of the fields depends on the instruction (see `Op`).
#[derive(Copy, Clone, Debug, Default)]
pub struct Cache {
    pub a: u32,
    pub b: u32,
    /// Warm-up / back-off counter for (re)specialization.
    pub counter: u32,
    pub c: Value,
}

impl Default for Value {
    fn default() -> Self {
        Value::EMPTY
    }
}

/// An entry of the exception table: instructions `start..end` are covered by the handler at `target`,
/// which runs with the evaluation stack cut to `depth` values (above the frame's locals) plus the exception.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ExcEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
}

/// A source position: 1-based line, 1-based column (in characters). `repr(C)`: debuggers read
/// it (`debugger.rs`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default)]
#[repr(C)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// Flags of a code object.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags {
    pub varargs: bool,
    pub varkw: bool,
    pub generator: bool,
    /// A class body: names resolve through the namespace dict.
    pub class_body: bool,
    /// Module level: names are globals.
    pub module: bool,
}

/// A compiled function body, class body or module.
pub struct Code {
    pub name: Value,
    pub qualname: Value,
    pub filename: Rc<str>,
    pub firstline: u32,
    pub instrs: Box<[Cell<Instr>]>,
    pub caches: Box<[Cell<Cache>]>,
    pub consts: Box<[Value]>,
    /// Interned names used by global/attribute/name instructions.
    pub names: Box<[Value]>,
    /// Names of the local slots: parameters first, then other locals, cells, free variables.
    pub varnames: Box<[Value]>,
    /// Positional parameters (including positional-only).
    pub argcount: u32,
    pub posonlycount: u32,
    pub kwonlycount: u32,
    /// Slots holding free variables: `varnames[nlocals - freevars..]`, filled from the closure.
    pub nfree: u32,
    pub flags: CodeFlags,
    /// Runs of `(first instruction, position)`, sorted by instruction.
    pub lines: Box<[(u32, Pos)]>,
    pub exc_table: Box<[ExcEntry]>,
    /// Code objects of nested functions, classes and comprehensions (`MakeFunction`'s operand).
    pub children: Box<[Rc<Code>]>,
    /// Maximum evaluation-stack depth above the locals (computed by flow analysis when built).
    pub max_stack: u32,
    /// What debuggers read about this code (`debugger.rs`).
    pub debug: Box<crate::debugger::CodeDebug>,
    /// This code's perf trampoline, made on first use when perf support is on
    /// (see `trampoline.rs`).
    pub trampoline: Cell<Option<crate::trampoline::TrampolineFn>>,
    /// Calls of this function from itself (recursion) through the interpreter's call fast path,
    /// or resumptions of this generator at a `yield`, counted toward a function (or generator)
    /// trace (see `jit_hook.rs`).
    pub jit_calls: Cell<u32>,
    /// The function trace the interpreter enters on every call, once the JIT compiled one.
    pub func_trace: Cell<Option<crate::jit_hook::FuncTrace>>,
    /// For a generator: the loop trace that runs it from that resume instruction through its
    /// yields, appending each value to `Vm::jit_sink` (`Vm::gen_drain`).
    pub drain_trace: Cell<Option<crate::jit_hook::FuncTrace>>,
}

impl Op {
    /// Stack effect `(fallthrough, branch)` of an instruction with argument `arg`; `branch` is the
    /// effect when a jump-like instruction jumps.
    pub fn stack_effect(self, arg: u32) -> (i32, i32) {
        let a = arg as i32;
        let e = match self {
            Op::Nop | Op::RotTwo | Op::RotThree | Op::RotFour | Op::DeleteFast | Op::MakeCell => 0,
            Op::DeleteGlobal | Op::DeleteName | Op::Jump | Op::JumpBackward | Op::KwNames => 0,
            Op::EnterTrace => 0,
            Op::LoadAttr | Op::LoadAttrSlot | Op::LoadAttrModule | Op::UnaryNeg | Op::UnaryPos => 0,
            Op::UnaryNot | Op::UnaryInvert | Op::GetIter | Op::ListToTuple | Op::CheckExcMatch => 0,
            Op::YieldValue | Op::YieldFrom => 0,
            Op::PopTop
            | Op::StoreFast
            | Op::StoreDeref
            | Op::StoreGlobal
            | Op::StoreName
            | Op::DeleteAttr => -1,
            Op::BinarySubscr
            | Op::BinarySubscrList
            | Op::BinaryOp
            | Op::CompareOp
            | Op::CompareInt => -1,
            Op::CompareFloat | Op::IsOp | Op::ContainsOp | Op::ListAppend | Op::SetAdd => -1,
            Op::BinaryAddInt | Op::BinarySubInt | Op::BinaryMulInt | Op::BinaryAddFloat => -1,
            Op::BinarySubFloat | Op::BinaryMulFloat | Op::BinaryDivFloat => -1,
            Op::ListExtend | Op::SetUpdate | Op::DictUpdate | Op::PopExcept | Op::ImportStar => -1,
            Op::ReturnValue | Op::Reraise => -1,
            Op::DupTop
            | Op::LoadConst
            | Op::LoadFast
            | Op::LoadClosure
            | Op::LoadDeref
            | Op::LoadGlobal => 1,
            Op::LoadGlobalModule | Op::LoadGlobalBuiltin | Op::LoadName | Op::LoadMethod => 1,
            Op::LoadMethodCached | Op::PushExcInfo | Op::LoadAssertionError | Op::ImportName => 1,
            Op::ImportFrom | Op::LoadLocals => 1,
            Op::LoadFastLoadFast | Op::LoadFastLoadConst => 2,
            Op::DupTop2 => 2,
            Op::StoreAttr
            | Op::StoreAttrSlot
            | Op::StoreAttrAdd
            | Op::DeleteSubscr
            | Op::MapAdd => -2,
            Op::StoreSubscr | Op::StoreSubscrList => -3,
            Op::BuildSlice => 1 - a,
            Op::PopJumpIfFalse | Op::PopJumpIfTrue => -1,
            Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => return (-1, 0),
            Op::ForIter | Op::ForIterRange | Op::ForIterList => return (1, -1),
            Op::Call => -a,
            Op::CallMethod => -a - 1,
            Op::CallEx => -1 - (a & 1),
            Op::MakeFunction => 1 - (a & 7).count_ones() as i32,
            Op::BuildClass => -a - 1,
            Op::BuildTuple | Op::BuildList | Op::BuildSet | Op::BuildString => 1 - a,
            Op::BuildMap => 1 - 2 * a,
            Op::FormatValue => -i32::from(a & 4 != 0),
            Op::UnpackSequence => a - 1,
            Op::UnpackEx => (a & 0xff) + (a >> 8),
            Op::Raise => -a,
        };
        (e, e)
    }

    /// Whether execution never continues with the next instruction.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Op::ReturnValue
                | Op::Raise
                | Op::Reraise
                | Op::Jump
                | Op::JumpBackward
                | Op::EnterTrace
        )
    }

    /// Whether the argument is a jump target.
    pub fn is_jump(self) -> bool {
        matches!(
            self,
            Op::Jump
                | Op::JumpBackward
                | Op::EnterTrace
                | Op::PopJumpIfFalse
                | Op::PopJumpIfTrue
                | Op::JumpIfFalseOrPop
                | Op::JumpIfTrueOrPop
                | Op::ForIter
                | Op::ForIterRange
                | Op::ForIterList
        )
    }
}

impl Code {
    /// Number of local slots (parameters, locals, cells and free variables).
    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }

    /// Source position of the instruction at `ip`.
    pub fn pos(&self, ip: u32) -> Pos {
        let i = self.lines.partition_point(|&(start, _)| start <= ip);
        if i == 0 {
            Pos {
                line: self.firstline,
                col: 1,
            }
        } else {
            self.lines[i - 1].1
        }
    }

    /// The innermost handler covering `ip`.
    pub fn handler(&self, ip: u32) -> Option<ExcEntry> {
        // Entries are emitted innermost first for nested ranges, so the first match is the innermost.
        self.exc_table
            .iter()
            .copied()
            .find(|e| e.start <= ip && ip < e.end)
    }

    #[inline(always)]
    pub fn instr(&self, ip: usize) -> Instr {
        self.instrs[ip].get()
    }
}
