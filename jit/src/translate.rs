//! Recorded log → trace IR.
//!
//! The translator interprets the log abstractly: frame slots and the evaluation stack hold SSA
//! values instead of `Value`s. Types come from two places: values the trace computes have static
//! types (`AddInt` is an int), and values it loads (frame slots on entry, list items, attributes)
//! get a guard for the kind seen while recording, at their first typed use, then are unboxed once.
//!
//! Loop-carried frame slots become `Phi`s typed like their entry value. If a slot's value at the
//! back-edge has another type than on entry, the loop is not type-stable for that slot: the
//! translator reports it and is run again with the slot kept boxed ([`translate`] iterates).
//!
//! A side trace (a recording from a hot exit to the loop's back-edge) is linear: entry block,
//! body, then an `Exit` whose snapshot resumes at the back-edge, where the loop's trace is
//! entered again. So is a recording that reached an inner loop's trace: its `Exit` resumes at
//! that loop's back-edge, and continues in that trace.

use std::collections::{HashMap, HashSet};

use lucent_vm::code::{BinOp, CmpOp, Code, Op};
use lucent_vm::object::ObjKind;
use lucent_vm::value::Value;

use crate::abort::Abort;
use crate::ir::{
    loc_parts, GlobalSlot, Helper, InlineFrame, Insn, Kind, Ref, SeqAccess, SlotAccess, Snapshot,
    TraceIr, Ty, Uop, NO_SNAP,
};
use crate::recorder::{Rec, Recording};

/// Longest sequence an unpacking in a trace loads (its items' offsets stay within one load
/// instruction's immediate on every backend).
pub const MAX_UNPACK: u32 = 256;

/// The locals an `UnpackSequence` stored straight into, when the interpreter took its fast path
/// (it then skips the `StoreFast`s that follow, so the log does not show them): the recording
/// continued at `next` instead of the next instruction.
fn direct_stores(code: &lucent_vm::code::Code, r: &Rec, next: u32) -> Option<Vec<u32>> {
    if r.op != Op::UnpackSequence || next == r.ip + 1 {
        return None;
    }
    Some(
        (0..r.arg)
            .map(|k| code.instr((r.ip + 1 + k) as usize).arg)
            .collect(),
    )
}

/// An inlined call in progress while translating. Its frame lives on the translator's stack as
/// in the interpreter's: the callee object, then its locals (the arguments first), then its
/// evaluation stack.
#[derive(Clone, Copy)]
struct Ctx {
    /// Its frame number in locations (`ir::loc`).
    frame: u32,
    /// Index of its local 0 in `Translator::stack`.
    base: usize,
    nlocals: usize,
    /// The caller's instruction after the call.
    ret: u32,
}

/// Translates a closed recording, retrying with more boxed slots until the loop is type-stable.
pub fn translate(rec: &Recording) -> Result<TraceIr, Abort> {
    translate_as(rec, false)
}

/// Translates a closed generator recording (from a `yield`'s resume instruction to that same
/// `yield`) as the generator's drain trace: a loop whose `yield` appends the value to the list
/// being filled (`Helper::SinkPush`) and continues as if `None` had been sent.
pub fn translate_drain(rec: &Recording) -> Result<TraceIr, Abort> {
    if !drainable(rec) {
        return Err(Abort::Operands(
            "not a generator's yield-to-yield recording",
        ));
    }
    translate_as(rec, true)
}

/// Whether a closed recording went from a generator's `yield`'s resume instruction (a plain
/// `yield`: the value sent in on its stack) to that same `yield`: one turn of a loop.
pub fn drainable(rec: &Recording) -> bool {
    let (_, header) = loc_parts(rec.header);
    rec.function
        && rec.side.is_none()
        && rec.code.flags.generator
        && rec.closed_at + 1 == header
        && rec.entry_depth >= 1
        && rec.code.instr(header as usize).op != Op::YieldFrom
}

fn translate_as(rec: &Recording, drain: bool) -> Result<TraceIr, Abort> {
    let mut boxed = HashSet::new();
    loop {
        match Translator::new(rec, &boxed, drain).run()? {
            Outcome::Done(ir) => return Ok(ir),
            Outcome::Unstable(slot) => {
                if !boxed.insert(slot) {
                    return Err(Abort::Backend("type-unstable slot stayed unstable"));
                }
            }
        }
    }
}

enum Outcome {
    Done(TraceIr),
    /// This frame slot changes type across the back-edge.
    Unstable(u32),
}

struct Translator<'a> {
    rec: &'a Recording,
    boxed: &'a HashSet<u32>,
    ir: TraceIr,
    /// Current value of each local.
    locals: Vec<Ref>,
    /// Value of each frame slot on entry (`Ref::NONE`: not used by the loop).
    entry: Vec<Ref>,
    /// The evaluation stack, header part included.
    stack: Vec<Ref>,
    /// The stack before the instruction being translated (what its snapshot restores).
    pre_stack: Vec<Ref>,
    /// The snapshot of the instruction being translated, once one is needed.
    snap: Option<u32>,
    /// Kinds proven for boxed values (by a guard or by construction).
    known: HashMap<Ref, Kind>,
    /// Unboxed form of boxed values already guarded, and boxed form of unboxed ones.
    unboxed: HashMap<Ref, Ref>,
    reboxed: HashMap<Ref, Ref>,
    /// Bytecode offset of the instruction being translated.
    pc: u32,
    /// Each phi with the local it carries.
    phis: Vec<(Ref, u32)>,
    /// Inlined calls in progress, outermost first.
    frames: Vec<Ctx>,
    /// The `(index, item)` pair an `enumerate` step produced, for the `UnpackSequence` that must
    /// come next (the stack holds a stand-in for the pair meanwhile).
    pair: Option<(Ref, Ref)>,
    /// A slice the trace does not build, for the subscript that must come next (the stack holds
    /// a stand-in for it meanwhile).
    slice: Option<FusedSlice>,
    /// Index in the log of the instruction being translated.
    at: usize,
    /// A drain trace (`translate_drain`): a loop, not the linear generator trace.
    drain: bool,
}

/// A `BuildSlice` fused with the list subscript or slice assignment right after it
/// (`Translator::fuse_slice`), which then takes the bounds and step itself: no slice object per
/// iteration. The fused call leaves through the `BuildSlice`'s snapshot, where the parts are
/// still on the stack: the interpreter then builds the slice and subscripts as usual.
#[derive(Clone, Copy)]
struct FusedSlice {
    snap: u32,
    lo: Ref,
    hi: Ref,
    /// The bounds' values, if constant.
    lo_const: Option<Value>,
    hi_const: Option<Value>,
    /// The step (constant: None or a small int other than 0).
    step: Value,
}

impl<'a> Translator<'a> {
    fn new(rec: &'a Recording, boxed: &'a HashSet<u32>, drain: bool) -> Translator<'a> {
        let nslots = rec.nlocals as usize + rec.entry_depth as usize;
        Translator {
            rec,
            boxed,
            ir: TraceIr {
                inlined: rec.inlined.clone(),
                ..TraceIr::default()
            },
            locals: vec![Ref::NONE; rec.nlocals as usize],
            entry: vec![Ref::NONE; nslots],
            stack: Vec::new(),
            pre_stack: Vec::new(),
            snap: None,
            known: HashMap::new(),
            unboxed: HashMap::new(),
            reboxed: HashMap::new(),
            pc: rec.header,
            phis: Vec::new(),
            frames: Vec::new(),
            pair: None,
            slice: None,
            at: 0,
            drain,
        }
    }

    /// Whether the trace runs once and leaves (see `Recording::linear`); a drain trace loops.
    fn linear(&self) -> bool {
        self.rec.linear() && !self.drain
    }

    /// The code of the frame being translated.
    fn code(&self) -> &'a Code {
        let rec: &'a Recording = self.rec;
        rec.code_of(self.frames.last().map_or(0, |c| c.frame))
    }

    /// The module whose globals frame `frame` of the log reads (0: the loop's).
    fn module_of(&self, frame: u32) -> Value {
        match frame {
            0 => self.rec.module,
            k => self.rec.inlined[k as usize - 1].module(),
        }
    }

    /// Local `i` of the frame being translated.
    fn local(&self, i: u32) -> Ref {
        match self.frames.last() {
            None => self.locals[i as usize],
            Some(c) => self.stack[c.base + i as usize],
        }
    }

    fn set_local(&mut self, i: u32, v: Ref) {
        match self.frames.last() {
            None => self.locals[i as usize] = v,
            Some(c) => self.stack[c.base + i as usize] = v,
        }
    }

    fn emit(&mut self, op: Uop, args: [Ref; 3], ty: Ty) -> Ref {
        let snap = if op.is_guard() {
            self.snapshot()
        } else {
            NO_SNAP
        };
        self.ir.push(Insn {
            op,
            a: args[0],
            b: args[1],
            c: args[2],
            ty,
            pc: self.pc,
            snap,
        })
    }

    fn op0(&mut self, op: Uop, ty: Ty) -> Ref {
        self.emit(op, [Ref::NONE; 3], ty)
    }

    fn op1(&mut self, op: Uop, a: Ref, ty: Ty) -> Ref {
        self.emit(op, [a, Ref::NONE, Ref::NONE], ty)
    }

    fn op2(&mut self, op: Uop, a: Ref, b: Ref, ty: Ty) -> Ref {
        self.emit(op, [a, b, Ref::NONE], ty)
    }

    fn ty(&self, r: Ref) -> Ty {
        self.ir.ty(r)
    }

    /// The value of the header's stack top on entry (a drain trace's sent `None`).
    fn stack_top_at_entry(&self) -> Ref {
        self.entry[self.rec.nlocals as usize + self.rec.entry_depth as usize - 1]
    }

    /// The snapshot restoring the state before the current instruction.
    fn snapshot(&mut self) -> u32 {
        if let Some(s) = self.snap {
            return s;
        }
        let nlocals = self.rec.nlocals as usize;
        let mut slots = Vec::new();
        for (i, r) in self.locals.iter().enumerate() {
            if *r != Ref::NONE && *r != self.entry[i] {
                slots.push((i as u32, *r));
            }
        }
        for (k, r) in self.pre_stack.iter().enumerate() {
            if self.entry.get(nlocals + k) != Some(r) {
                slots.push(((nlocals + k) as u32, *r));
            }
        }
        let depth = match self.frames.last() {
            None => self.pre_stack.len(),
            Some(c) => self.pre_stack.len() - c.base - c.nlocals,
        };
        let frames = self
            .frames
            .iter()
            .map(|c| InlineFrame {
                inl: c.frame,
                base: (nlocals + c.base) as u32,
                ret: c.ret,
            })
            .collect();
        self.ir.snaps.push(Snapshot {
            pc: self.pc,
            depth: depth as u32,
            slots,
            frames,
        });
        let s = self.ir.snaps.len() as u32 - 1;
        self.snap = Some(s);
        s
    }

    fn push(&mut self, r: Ref) {
        self.stack.push(r);
    }

    fn pop(&mut self) -> Ref {
        self.stack.pop().expect("recorded stack discipline")
    }

    fn top(&self, n: usize) -> Ref {
        self.stack[self.stack.len() - 1 - n]
    }

    /// `r` guarded to be of `kind` (boxed values only; no-op when already known).
    fn guard_kind(&mut self, r: Ref, kind: Kind) -> Result<(), Abort> {
        if self.known.get(&r) == Some(&kind) {
            return Ok(());
        }
        let op = match kind {
            Kind::Int => Uop::GuardInt,
            Kind::Float => Uop::GuardFloat,
            Kind::Bool => Uop::GuardBool,
            Kind::None => Uop::GuardIs(Value::NONE.bits()),
            Kind::Obj(_) => Uop::GuardObj,
            Kind::Empty => return Err(Abort::Operands("unbound value")),
        };
        self.op1(op, r, Ty::Void);
        self.known.insert(r, kind);
        Ok(())
    }

    /// `r` as an unboxed int, if it is one (`seen` is what recording saw).
    fn as_int(&mut self, r: Ref, seen: Kind) -> Result<Option<Ref>, Abort> {
        match self.ty(r) {
            Ty::Int => Ok(Some(r)),
            Ty::Boxed if seen == Kind::Int || self.known.get(&r) == Some(&Kind::Int) => {
                if let Some(u) = self.unboxed.get(&r) {
                    return Ok(Some(*u));
                }
                self.guard_kind(r, Kind::Int)?;
                let u = self.op1(Uop::UnboxInt, r, Ty::Int);
                self.unboxed.insert(r, u);
                Ok(Some(u))
            }
            _ => Ok(None),
        }
    }

    /// `r` as an unboxed float, converting ints.
    fn as_float(&mut self, r: Ref, seen: Kind) -> Result<Option<Ref>, Abort> {
        match self.ty(r) {
            Ty::Float => Ok(Some(r)),
            Ty::Boxed if seen == Kind::Float || self.known.get(&r) == Some(&Kind::Float) => {
                if let Some(u) = self.unboxed.get(&r) {
                    return Ok(Some(*u));
                }
                self.guard_kind(r, Kind::Float)?;
                let u = self.op1(Uop::UnboxFloat, r, Ty::Float);
                self.unboxed.insert(r, u);
                Ok(Some(u))
            }
            _ => match self.as_int(r, seen)? {
                Some(i) => Ok(Some(self.op1(Uop::IntToFloat, i, Ty::Float))),
                None => Ok(None),
            },
        }
    }

    /// `r` as a 0/1 bool (bools, and ints by `!= 0`).
    fn as_truth(&mut self, r: Ref, seen: Kind) -> Result<Option<Ref>, Abort> {
        match self.ty(r) {
            Ty::Bool => Ok(Some(r)),
            Ty::Boxed if seen == Kind::Bool || self.known.get(&r) == Some(&Kind::Bool) => {
                if let Some(u) = self.unboxed.get(&r) {
                    return Ok(Some(*u));
                }
                self.guard_kind(r, Kind::Bool)?;
                let u = self.op1(Uop::UnboxBool, r, Ty::Bool);
                self.unboxed.insert(r, u);
                Ok(Some(u))
            }
            _ => match self.as_int(r, seen)? {
                Some(i) => {
                    let zero = self.op0(Uop::Const(0), Ty::Int);
                    Ok(Some(self.op2(Uop::CmpInt(CmpOp::Ne), i, zero, Ty::Bool)))
                }
                None => Ok(None),
            },
        }
    }

    /// `r` as a boxed value.
    fn boxed(&mut self, r: Ref) -> Ref {
        let op = match self.ty(r) {
            Ty::Boxed | Ty::Void | Ty::Ptr => return r,
            Ty::Int => Uop::BoxInt,
            Ty::Float => Uop::BoxFloat,
            Ty::Bool => Uop::BoxBool,
        };
        if let Some(b) = self.reboxed.get(&r) {
            return *b;
        }
        let b = self.op1(op, r, Ty::Boxed);
        self.reboxed.insert(r, b);
        b
    }

    /// A boxed object operand, guarded to be an object of `kind`.
    fn object(&mut self, r: Ref, seen: Kind, kind: ObjKind) -> Result<Ref, Abort> {
        if seen != Kind::Obj(kind as u8) {
            return Err(Abort::Operands("expected another object type"));
        }
        let r = self.boxed(r);
        self.guard_kind(r, seen)?;
        Ok(r)
    }

    fn constant(&mut self, v: Value) -> Ref {
        if let Some(i) = v.as_small_int() {
            self.op0(Uop::Const(i as u64), Ty::Int)
        } else if let Some(f) = v.as_float() {
            self.op0(Uop::Const(f.to_bits()), Ty::Float)
        } else if v.is_bool() {
            self.op0(Uop::Const((v == Value::TRUE) as u64), Ty::Bool)
        } else {
            // Code constants are GC roots for as long as their code lives (`Vm::codes`).
            let r = self.op0(Uop::Const(v.bits()), Ty::Boxed);
            self.known.insert(r, crate::recorder::kind_of(v));
            r
        }
    }

    /// The value of `r` if it is a constant small int or None.
    fn const_of(&self, r: Ref) -> Option<Value> {
        let insn = self.ir.insns.get(r.index())?;
        match (insn.op, insn.ty) {
            (Uop::Const(bits), Ty::Int) => Some(Value::int_unchecked(bits as i64)),
            (Uop::Const(bits), Ty::Boxed) if bits == Value::NONE.bits() => Some(Value::NONE),
            _ => None,
        }
    }

    /// For `BuildSlice` (`r`) right before a list subscript or a slice assignment to a list of a
    /// list or tuple, in the same frame (as recorded): leaves a stand-in for the slice on the
    /// stack and fuses the two (`FusedSlice`), if the step is constant (None or 1 for an
    /// assignment) and, for an assignment, one bound is (the helper takes three values).
    fn fuse_slice(&mut self, r: &Rec) -> bool {
        let log = &self.rec.log;
        let Some(next) = log.get(self.at + 1) else {
            return false;
        };
        let [_, target, source] = next.kinds.map(Kind::from_byte);
        let store = match next.op {
            _ if loc_parts(next.ip).0 != loc_parts(log[self.at].ip).0 => return false,
            Op::BinarySubscr => false,
            Op::StoreSubscr => true,
            _ => return false,
        };
        let is = |k: Kind, kind: ObjKind| k == Kind::Obj(kind as u8);
        if !is(target, ObjKind::List)
            || (store && !is(source, ObjKind::List) && !is(source, ObjKind::Tuple))
        {
            return false;
        }
        let n = r.arg as usize;
        let step = match n {
            3 => self.const_of(self.top(0)),
            _ => Some(Value::NONE),
        };
        let step_ok = |v: Value| match v.as_small_int() {
            Some(i) => i != 0 && (!store || i == 1),
            None => v.is_none(),
        };
        let Some(step) = step.filter(|v| step_ok(*v)) else {
            return false;
        };
        let (lo, hi) = (self.top(n - 1), self.top(n - 2));
        let (lo_const, hi_const) = (self.const_of(lo), self.const_of(hi));
        if store && lo_const.is_none() && hi_const.is_none() {
            return false;
        }
        let snap = self.snapshot();
        let (lo, hi) = (self.boxed(lo), self.boxed(hi));
        for _ in 0..n {
            self.pop();
        }
        self.push(Ref::NONE);
        self.slice = Some(FusedSlice {
            snap,
            lo,
            hi,
            lo_const,
            hi_const,
            step,
        });
        true
    }

    /// The subscript (`r`) after a fused `BuildSlice`, whose stand-in is on top of the stack.
    fn fused_slice(&mut self, r: &Rec, f: FusedSlice) -> Result<(), Abort> {
        match r.op {
            Op::BinarySubscr => {
                let c = self.top(1);
                let c = self.boxed(c);
                self.snap = Some(f.snap);
                let v = self.call(Helper::SliceList, [c, f.lo, f.hi], f.step.bits(), 0);
                self.known.insert(v, Kind::Obj(ObjKind::List as u8));
                self.ir.allocates = true;
                self.pop();
                self.pop();
                self.push(v);
            }
            Op::StoreSubscr => {
                let (v, c) = (self.top(2), self.top(1));
                let (v, c) = (self.boxed(v), self.boxed(c));
                let (bound, other, bound_is_lo) = match (f.lo_const, f.hi_const) {
                    (Some(lo), _) => (f.hi, lo, 0),
                    (None, Some(hi)) => (f.lo, hi, 1),
                    (None, None) => return Err(Abort::Operands("fused slice with two bounds")),
                };
                self.snap = Some(f.snap);
                self.call(
                    Helper::StoreSliceList,
                    [c, v, bound],
                    other.bits(),
                    bound_is_lo,
                );
                for _ in 0..3 {
                    self.pop();
                }
            }
            _ => return Err(Abort::Operands("fused slice used by another instruction")),
        }
        Ok(())
    }

    fn call(&mut self, helper: Helper, args: [Ref; 3], imm: u64, imm2: u64) -> Ref {
        self.emit(Uop::Call(helper, imm, imm2), args, Ty::Boxed)
    }

    /// Entry block and loop header: loads, guards and unboxes the frame slots the loop uses,
    /// then makes a `Phi` for each slot the loop writes.
    fn prologue(&mut self) -> Result<(), Abort> {
        let rec = self.rec;
        let nlocals = rec.nlocals as usize;
        let mut read = HashSet::new();
        let mut written = Vec::new();
        let mut note_read = |i: u32, written: &Vec<u32>| {
            if !written.contains(&i) {
                read.insert(i);
            }
        };
        for (k, r) in rec.log.iter().enumerate() {
            if loc_parts(r.ip).0 != 0 {
                // Inlined frames' locals are not the loop frame's.
                continue;
            }
            let next = rec.log.get(k + 1).map_or(rec.closed_at, |n| n.ip);
            for slot in direct_stores(&rec.code, r, next).unwrap_or_default() {
                if !written.contains(&slot) {
                    written.push(slot);
                }
            }
            match r.op {
                Op::LoadFast | Op::LoadDeref => note_read(r.arg, &written),
                Op::LoadFastLoadFast => {
                    note_read(r.arg & 0xffff, &written);
                    note_read(r.arg >> 16, &written);
                }
                Op::LoadFastLoadConst => note_read(r.arg & 0xffff, &written),
                Op::StoreFast if !written.contains(&r.arg) => written.push(r.arg),
                _ => {}
            }
        }
        // The header's stack first, so the entry guards' snapshot has it (unchanged); with the
        // frames of the calls a side trace starts inside.
        for k in 0..rec.entry_depth {
            let v = self.op0(Uop::LoadSlot(rec.nlocals + k), Ty::Boxed);
            self.entry[nlocals + k as usize] = v;
            self.stack.push(v);
        }
        if self.drain {
            // The value sent in at the resume instruction: `None`, from `Vm::gen_drain` on
            // entry and from the loop's own `yield` after.
            let none = self.constant(Value::NONE);
            let top = nlocals + rec.entry_depth as usize - 1;
            self.entry[top] = none;
            *self.stack.last_mut().expect("the sent value") = none;
        }
        for f in &rec.entry_frames {
            self.frames.push(Ctx {
                frame: f.inl,
                base: f.base as usize - nlocals,
                nlocals: rec.code_of(f.inl).nlocals(),
                ret: f.ret,
            });
        }
        self.pre_stack.clone_from(&self.stack);
        self.snap = None;
        self.ir.entry_snap = self.snapshot();
        // The globals the log loads become constants, valid while each holds the same object
        // (and, for builtins, while no global of the frame's module shadows them): one check
        // per global, on entry; nothing a trace runs stores a global.
        let mut checked = rec.checked_globals.clone();
        for r in &rec.log {
            let frame = loc_parts(r.ip).0;
            let mut checks = match r.op {
                Op::LoadGlobalModule => vec![(self.module_of(frame), r.cache.a, r.cache.c.bits())],
                Op::LoadGlobalBuiltin => vec![(rec.builtins, r.cache.a, r.cache.c.bits())],
                _ => continue,
            };
            if r.op == Op::LoadGlobalBuiltin {
                // The version check, as a pseudo-slot of the module (`u32::MAX`).
                checks.push((self.module_of(frame), u32::MAX, u64::from(r.cache.b)));
            }
            for (module, slot, want) in checks {
                match checked.iter().find(|(m, s, _)| *m == module && *s == slot) {
                    Some(&(_, _, seen)) if seen == want => continue,
                    // It changed during the recording: a store the trace would make.
                    Some(_) => return Err(Abort::Unsupported(Op::StoreGlobal)),
                    None => {}
                }
                checked.push((module, slot, want));
                if let Some(check) = global_check(module, slot, want) {
                    // The check reads the module's globals where they are: keep it alive.
                    self.ir.roots.push(module);
                    self.op0(check, Ty::Void);
                    continue;
                }
                let m = self.op0(Uop::Const(module.bits()), Ty::Boxed);
                let (helper, imm2) = match slot {
                    u32::MAX => (Helper::GlobalsVersion, 0),
                    slot => (Helper::GlobalIs, u64::from(slot)),
                };
                self.call(helper, [m, Ref::NONE, Ref::NONE], want, imm2);
            }
        }
        self.ir.checked_globals = checked;
        // A loop loads the slots it writes too (their entry values feed its phis); a linear side
        // trace only those it reads.
        let carried = if self.linear() { &[][..] } else { &written[..] };
        let mut used: Vec<u32> = read
            .iter()
            .copied()
            .chain(carried.iter().copied())
            .collect();
        used.sort_unstable();
        used.dedup();
        for &i in &used {
            let v = self.op0(Uop::LoadSlot(i), Ty::Boxed);
            let kind = rec.entry_kinds[i as usize];
            let typed = if self.boxed.contains(&i) {
                v
            } else {
                match kind {
                    Kind::Int => self.as_int(v, kind)?.expect("int"),
                    Kind::Float => self.as_float(v, kind)?.expect("float"),
                    Kind::Bool => self.as_truth(v, kind)?.expect("bool"),
                    Kind::Empty if read.contains(&i) => {
                        return Err(Abort::Operands("local unbound at the loop header"))
                    }
                    Kind::Empty => v,
                    _ => {
                        if read.contains(&i) {
                            self.guard_kind(v, kind)?;
                        }
                        v
                    }
                }
            };
            self.entry[i as usize] = typed;
            self.locals[i as usize] = typed;
        }
        if self.linear() {
            return Ok(());
        }
        self.op0(Uop::Loop, Ty::Void);
        for &i in &written {
            let e = self.entry[i as usize];
            let phi = self.op1(Uop::Phi, e, self.ty(e));
            if let Some(k) = self.known.get(&e).copied() {
                self.known.insert(phi, k);
            }
            self.locals[i as usize] = phi;
            self.phis.push((phi, i));
        }
        Ok(())
    }

    fn run(mut self) -> Result<Outcome, Abort> {
        self.prologue()?;
        let log = &self.rec.log;
        for (k, r) in log.iter().enumerate() {
            let (frame, ip) = loc_parts(r.ip);
            let (next_frame, next_ip) =
                loc_parts(log.get(k + 1).map_or(self.rec.closed_at, |n| n.ip));
            self.pc = r.ip;
            self.at = k;
            self.pre_stack.clone_from(&self.stack);
            self.snap = None;
            // `instruction` sees instruction indices of the frame it translates; a call or a
            // return continues in another frame (`next` is then `u32::MAX`, matching no index).
            let here = Rec { ip, ..*r };
            if self.pair.is_some() && r.op != Op::UnpackSequence {
                return Err(Abort::Operands("enumerate pair used whole"));
            }
            let next = if next_frame == frame {
                next_ip
            } else {
                u32::MAX
            };
            self.instruction(&here, next, next_frame)?;
        }
        if self.rec.function && !self.rec.code.flags.generator {
            // It ended in its `Return`.
            return Ok(Outcome::Done(self.ir));
        }
        self.pc = self.rec.closed_at;
        self.pre_stack.clone_from(&self.stack);
        self.snap = None;
        if self.ir.allocates || self.rec.poll {
            // Its own snapshot, never linked to another trace: a collection that is due must
            // reach the interpreter (which collects at the back-edge, then re-enters).
            self.call(Helper::GcPoll, [Ref::NONE; 3], 0, 0);
            self.snap = None;
        }
        if self.drain {
            // The `yield`: its value goes to the list being filled, and the generator resumes
            // as if `None` had been sent (the header's stack top, the same constant).
            let v = self.pop();
            let v = self.boxed(v);
            self.call(Helper::SinkPush, [v, Ref::NONE, Ref::NONE], 0, 0);
            let sent = self.stack_top_at_entry();
            self.push(sent);
        }
        if self.linear() {
            // Into the next trace: leave at its back-edge with every changed slot written back.
            self.op0(Uop::Exit, Ty::Void);
            return Ok(Outcome::Done(self.ir));
        }
        // The back-edge: the header's stack must be what it was, and every phi gets a value of
        // its own type.
        let nlocals = self.rec.nlocals as usize;
        if self.stack.len() != self.rec.entry_depth as usize
            || self
                .stack
                .iter()
                .enumerate()
                .any(|(k, r)| self.entry[nlocals + k] != *r)
        {
            return Err(Abort::StackShape);
        }
        for (p, local) in std::mem::take(&mut self.phis) {
            let v = self.locals[local as usize];
            let want = self.ir.insns[p.index()].ty;
            let v = if self.ty(v) == want {
                v
            } else if want == Ty::Boxed {
                self.boxed(v)
            } else {
                return Ok(Outcome::Unstable(local));
            };
            self.ir.insns[p.index()].b = v;
        }
        self.op0(Uop::Jump, Ty::Void);
        Ok(Outcome::Done(self.ir))
    }

    /// Translates `r` (its `ip` an index into the current frame's code); `next` is the index of
    /// the instruction that ran next if it is in the same frame, and `next_frame` its frame.
    fn instruction(&mut self, r: &Rec, next: u32, next_frame: u32) -> Result<(), Abort> {
        if let Some(slice) = self.slice.take() {
            return self.fused_slice(r, slice);
        }
        let [k0, k1, _] = r.kinds.map(Kind::from_byte);
        let code = self.code();
        match r.op {
            Op::Nop | Op::Jump | Op::JumpBackward => {}
            Op::PopTop => {
                self.pop();
            }
            Op::DupTop => self.push(self.top(0)),
            Op::DupTop2 => {
                let (a, b) = (self.top(1), self.top(0));
                self.push(a);
                self.push(b);
            }
            Op::RotTwo => {
                let n = self.stack.len();
                self.stack.swap(n - 1, n - 2);
            }
            Op::RotThree => {
                let c = self.pop();
                let n = self.stack.len();
                self.stack.insert(n - 2, c);
            }
            Op::LoadConst => {
                let c = self.constant(code.consts[r.arg as usize]);
                self.push(c);
            }
            Op::LoadFast => self.load_local(r.arg)?,
            Op::LoadDeref => {
                // The cell in the local slot (its kind guarded on entry); its contents may change
                // between two loads (another frame stores to it), so each load reads them.
                let cell = self.local(r.arg);
                if cell == Ref::NONE {
                    return Err(Abort::Operands("cell not loaded"));
                }
                let cell =
                    self.object(cell, self.rec.entry_kinds[r.arg as usize], ObjKind::Cell)?;
                let v = self.call(Helper::LoadDeref, [cell, Ref::NONE, Ref::NONE], 0, 0);
                self.push(v);
            }
            Op::LoadFastLoadFast => {
                self.load_local(r.arg & 0xffff)?;
                self.load_local(r.arg >> 16)?;
            }
            Op::LoadFastLoadConst => {
                self.load_local(r.arg & 0xffff)?;
                let c = self.constant(code.consts[(r.arg >> 16) as usize]);
                self.push(c);
            }
            Op::StoreFast => {
                let v = self.pop();
                self.set_local(r.arg, v);
            }
            Op::LoadGlobalModule | Op::LoadGlobalBuiltin => {
                // Valid for as long as the entry block's `GlobalIs` guard passes (nothing the
                // trace runs stores a global).
                let v = r.cache.c;
                if v.as_obj().is_some() {
                    self.ir.roots.push(v);
                }
                let c = self.constant(v);
                self.push(c);
            }
            Op::LoadAttrSlot => {
                let obj = self.pop();
                let obj = self.object(obj, k0, ObjKind::Instance)?;
                let epoch = r.cache.c.as_small_int().unwrap_or(-1) as u32;
                let v = match slot_access(r.cache.a, epoch, r.cache.b) {
                    Some(s) => self.op1(Uop::LoadAttr(s), obj, Ty::Boxed),
                    None => {
                        let imm = ((r.cache.a as u64) << 32) | epoch as u64;
                        let imm2 = r.cache.b as u64;
                        self.call(Helper::LoadAttrSlot, [obj, Ref::NONE, Ref::NONE], imm, imm2)
                    }
                };
                self.push(v);
            }
            Op::StoreAttrSlot | Op::StoreAttrAdd => {
                let (obj, v) = (self.top(0), self.top(1));
                let obj = self.object(obj, k0, ObjKind::Instance)?;
                let v = self.boxed(v);
                let epoch = r.cache.c.as_small_int().unwrap_or(-1) as u32;
                let imm = ((r.cache.a as u64) << 32) | epoch as u64;
                let inline = match r.op {
                    Op::StoreAttrSlot => slot_access(r.cache.a, epoch, r.cache.b),
                    _ => None,
                };
                if let Some(s) = inline {
                    self.op2(Uop::StoreAttr(s), obj, v, Ty::Void);
                } else {
                    let (helper, imm2) = if r.op == Op::StoreAttrSlot {
                        (Helper::StoreAttrSlot, u64::from(r.cache.b))
                    } else {
                        // The new shape, and the slot the new attribute takes.
                        let to = (u64::from(r.cache.b) << 32) | u64::from(r.cache.counter);
                        (Helper::StoreAttrAdd, to)
                    };
                    self.call(helper, [obj, v, Ref::NONE], imm, imm2);
                }
                self.pop();
                self.pop();
            }
            Op::BuildTuple | Op::BuildList if r.arg <= 3 => {
                let n = r.arg as usize;
                let mut items = [Ref::NONE; 3];
                for k in (0..n).rev() {
                    let v = self.pop();
                    items[k] = self.boxed(v);
                }
                let (helper, kind) = match r.op {
                    Op::BuildTuple => (Helper::BuildTuple, ObjKind::Tuple),
                    _ => (Helper::BuildList, ObjKind::List),
                };
                let t = self.call(helper, items, n as u64, 0);
                self.known.insert(t, Kind::Obj(kind as u8));
                self.ir.allocates = true;
                self.push(t);
            }
            Op::GetIter => {
                let v = self.pop();
                let v = self.boxed(v);
                let it = self.call(Helper::GetIter, [v, Ref::NONE, Ref::NONE], 0, 0);
                self.known.insert(it, Kind::Obj(ObjKind::Iter as u8));
                self.ir.allocates = true;
                self.push(it);
            }
            Op::BuildSlice if self.fuse_slice(r) => {}
            Op::BuildSlice => {
                let step = if r.arg == 3 {
                    self.pop()
                } else {
                    self.constant(Value::NONE)
                };
                let (hi, lo) = (self.pop(), self.pop());
                let parts = [self.boxed(lo), self.boxed(hi), self.boxed(step)];
                let s = self.call(Helper::BuildSlice, parts, 0, 0);
                self.known.insert(s, Kind::Obj(ObjKind::Slice as u8));
                self.ir.allocates = true;
                self.push(s);
            }
            Op::BinarySubscr if k0 == Kind::Obj(ObjKind::Slice as u8) => {
                let (c, key) = (self.top(1), self.top(0));
                let (c, key) = (self.boxed(c), self.boxed(key));
                self.guard_kind(c, k1)?;
                let v = self.call(Helper::GetSlice, [c, key, Ref::NONE], 0, 0);
                self.ir.allocates = true;
                self.pop();
                self.pop();
                self.push(v);
            }
            Op::StoreSubscr if k0 == Kind::Obj(ObjKind::Slice as u8) => {
                let (v, c, key) = (self.top(2), self.top(1), self.top(0));
                let (v, c, key) = (self.boxed(v), self.boxed(c), self.boxed(key));
                self.guard_kind(c, k1)?;
                self.call(Helper::SetSlice, [c, key, v], 0, 0);
                for _ in 0..3 {
                    self.pop();
                }
            }
            Op::BinarySubscr if k1 == Kind::Obj(ObjKind::Tuple as u8) => {
                let (c, key) = (self.top(1), self.top(0));
                let c = self.object(c, k1, ObjKind::Tuple)?;
                let Some(i) = self.as_int(key, k0)? else {
                    return Err(Abort::Operands("subscript"));
                };
                let v = self.call(Helper::TupleGet, [c, i, Ref::NONE], 0, 0);
                self.pop();
                self.pop();
                self.push(v);
            }
            Op::BinarySubscr | Op::BinarySubscrList => {
                let (c, key) = (self.top(1), self.top(0));
                let c = self.object(c, k1, ObjKind::List)?;
                let Some(i) = self.as_int(key, k0)? else {
                    return Err(Abort::Operands("subscript"));
                };
                let v = match crate::objects::list_layout() {
                    Some(l) => self.op2(Uop::ListGet(l.items, l.len), c, i, Ty::Boxed),
                    None => self.call(Helper::ListGet, [c, i, Ref::NONE], 0, 0),
                };
                self.pop();
                self.pop();
                self.push(v);
            }
            Op::StoreSubscrList => {
                let (v, c, key) = (self.top(2), self.top(1), self.top(0));
                let c = self.object(c, k1, ObjKind::List)?;
                let Some(i) = self.as_int(key, k0)? else {
                    return Err(Abort::Operands("subscript store"));
                };
                let v = self.boxed(v);
                match crate::objects::list_layout() {
                    Some(l) => {
                        self.emit(Uop::ListSet(l.items, l.len), [c, i, v], Ty::Void);
                    }
                    None => {
                        self.call(Helper::ListSet, [c, i, v], 0, 0);
                    }
                }
                for _ in 0..3 {
                    self.pop();
                }
            }
            Op::BinaryOp
            | Op::BinaryAddInt
            | Op::BinarySubInt
            | Op::BinaryMulInt
            | Op::BinaryAddFloat
            | Op::BinarySubFloat
            | Op::BinaryMulFloat
            | Op::BinaryDivFloat => self.binary(BinOp::from_arg(r.arg), k1, k0)?,
            Op::CompareOp | Op::CompareInt | Op::CompareFloat => {
                let cmp = CmpOp::from_arg(r.arg);
                let (a, b) = (self.top(1), self.top(0));
                let t = if let (Some(x), Some(y)) = (self.int_if(a, k1)?, self.int_if(b, k0)?) {
                    self.op2(Uop::CmpInt(cmp), x, y, Ty::Bool)
                } else if numeric(k1) && numeric(k0) {
                    let x = self.as_float(a, k1)?.ok_or(Abort::Operands("compare"))?;
                    let y = self.as_float(b, k0)?.ok_or(Abort::Operands("compare"))?;
                    self.op2(Uop::CmpFloat(cmp), x, y, Ty::Bool)
                } else {
                    return Err(Abort::Operands("comparison of non-numbers"));
                };
                self.pop();
                self.pop();
                self.test_result(t, r, next);
            }
            Op::IsOp => {
                let (a, b) = (self.top(1), self.top(0));
                let (a, b) = (self.boxed(a), self.boxed(b));
                let op = if r.arg == 1 { Uop::IsNot } else { Uop::Is };
                let t = self.op2(op, a, b, Ty::Bool);
                self.pop();
                self.pop();
                self.test_result(t, r, next);
            }
            Op::UnaryNeg => {
                let a = self.top(0);
                let v = if let Some(i) = self.int_if(a, k0)? {
                    self.op1(Uop::NegInt, i, Ty::Int)
                } else if k0 == Kind::Float || self.ty(a) == Ty::Float {
                    let x = self.as_float(a, k0)?.expect("float");
                    self.op1(Uop::NegFloat, x, Ty::Float)
                } else {
                    return Err(Abort::Operands("negation"));
                };
                self.pop();
                self.push(v);
            }
            Op::UnaryNot => {
                let a = self.top(0);
                let Some(t) = self.as_truth(a, k0)? else {
                    return Err(Abort::Operands("not"));
                };
                let v = self.op1(Uop::NotBool, t, Ty::Bool);
                self.pop();
                self.push(v);
            }
            Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                let v = self.top(0);
                let jumped = next == r.arg && r.arg != r.ip + 1;
                if r.arg != r.ip + 1 {
                    let want = jumped == (r.op == Op::PopJumpIfTrue);
                    self.branch_on(v, k0, want)?;
                }
                self.pop();
            }
            Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                let v = self.top(0);
                let jumped = next == r.arg && r.arg != r.ip + 1;
                let want = jumped == (r.op == Op::JumpIfTrueOrPop);
                self.branch_on(v, k0, want)?;
                if !jumped {
                    self.pop();
                }
            }
            Op::ForIterRange | Op::ForIterList => {
                let it = self.top(0);
                let it = self.object(it, k0, ObjKind::Iter)?;
                if next == r.arg {
                    if !self.linear() {
                        return Err(Abort::LeftLoop);
                    }
                    // A side trace continuing after its loop (or an inner one's).
                    self.call(Helper::IterDone, [it, Ref::NONE, Ref::NONE], 0, 0);
                    self.pop();
                    return Ok(());
                }
                if r.op == Op::ForIterRange {
                    let v = self.call(Helper::RangeNext, [it, Ref::NONE, Ref::NONE], 0, 0);
                    // The helper only returns small ints.
                    self.known.insert(v, Kind::Int);
                    let i = self.op1(Uop::UnboxInt, v, Ty::Int);
                    self.unboxed.insert(v, i);
                    self.reboxed.insert(i, v);
                    self.push(i);
                } else {
                    let v = self.call(Helper::ListNext, [it, Ref::NONE, Ref::NONE], 0, 0);
                    self.push(v);
                }
            }
            Op::ForIter => {
                // `for i, x in enumerate(a_list)` (the recorder lets nothing else through).
                if next == r.arg {
                    return Err(Abort::LeftLoop);
                }
                let it = self.top(0);
                let it = self.object(it, k0, ObjKind::Iter)?;
                let item = self.call(Helper::EnumNext, [it, Ref::NONE, Ref::NONE], 0, 0);
                let index = self.call(Helper::EnumIndex, [it, Ref::NONE, Ref::NONE], 0, 0);
                self.known.insert(index, Kind::Int);
                let i = self.op1(Uop::UnboxInt, index, Ty::Int);
                self.unboxed.insert(index, i);
                self.reboxed.insert(i, index);
                self.pair = Some((i, item));
                self.push(item);
            }
            Op::UnpackSequence if self.pair.is_some() => {
                let (index, item) = self.pair.take().expect("checked");
                self.pop();
                self.unpacked(r, next, vec![index, item]);
            }
            Op::UnpackSequence => {
                let is_seq = [ObjKind::Tuple, ObjKind::List]
                    .iter()
                    .any(|k| k0 == Kind::Obj(*k as u8));
                if !is_seq || r.arg > MAX_UNPACK {
                    return Err(Abort::Operands("unpacking of a non-sequence"));
                }
                let seq = self.top(0);
                let seq = self.boxed(seq);
                // One check of type and length, then plain loads.
                let inline = crate::objects::tuple_layout()
                    .zip(crate::objects::list_layout())
                    .map(|((ti, tl), l)| SeqAccess {
                        n: r.arg,
                        tuple: [ti, tl],
                        list: [l.items, l.len],
                    });
                let op = match inline {
                    Some(s) => {
                        // The inline check reads the object's kind byte: an object it must be.
                        self.guard_kind(seq, k0)?;
                        Uop::SeqItems(s)
                    }
                    None => Uop::Call(Helper::SeqItems, u64::from(r.arg), 0),
                };
                let items = self.op1(op, seq, Ty::Ptr);
                let values: Vec<Ref> = (0..r.arg)
                    .map(|k| self.op1(Uop::LoadItem(k), items, Ty::Boxed))
                    .collect();
                self.pop();
                self.unpacked(r, next, values);
            }
            Op::Call | Op::CallMethod => {
                let current = self.frames.last().map_or(0, |c| c.frame);
                let argc = r.arg + u32::from(r.op == Op::CallMethod);
                if self.rec.function && current == 0 && self.rec.calls_itself(r.cache.c, argc) {
                    return self.self_call(r, argc as usize);
                }
                if next_frame == current {
                    // Not inlined: a native function (the recorder lets no other call through that
                    // does not enter a frame).
                    return self.native_call(r);
                }
                // A method call's receiver (`LoadMethodCached` put it above the method) is the
                // first argument.
                self.inline_call(r, argc, next_frame);
            }
            Op::LoadMethodCached => {
                let obj = self.top(0);
                let obj = self.boxed(obj);
                let Kind::Obj(_) = k0 else {
                    return Err(Abort::Operands("method of a non-object"));
                };
                self.guard_kind(obj, k0)?;
                let inline = match k0 {
                    Kind::Obj(k) if k == ObjKind::Instance as u8 => {
                        slot_access(r.cache.a, r.cache.b, 0)
                    }
                    _ => None,
                };
                if let Some(s) = inline {
                    self.op1(Uop::MethodCheck(s), obj, Ty::Void);
                } else {
                    let imm = (u64::from(r.cache.a) << 32) | u64::from(r.cache.b);
                    self.call(Helper::MethodGuard, [obj, Ref::NONE, Ref::NONE], imm, 0);
                }
                // The cached method is rooted by the trace's call of it (the recorder inlines
                // only calls of functions: `ir::Inlined`).
                let method = self.constant(r.cache.c);
                self.pop();
                self.push(method);
                self.push(obj);
            }
            Op::ListAppend => {
                // The list is `arg` below the item (a comprehension's accumulator).
                let depth = r.arg as usize;
                if depth >= r.kinds.len() {
                    return Err(Abort::Operands("list append below the recorded operands"));
                }
                let (list, v) = (self.top(depth), self.top(0));
                let list = self.object(list, Kind::from_byte(r.kinds[depth]), ObjKind::List)?;
                let v = self.boxed(v);
                self.call(Helper::ListAppend, [list, v, Ref::NONE], 0, 0);
                self.pop();
            }
            Op::ReturnValue => {
                let Some(ctx) = self.frames.last().copied() else {
                    if !self.rec.function {
                        return Err(Abort::FrameChange);
                    }
                    let v = self.pop();
                    let v = self.boxed(v);
                    self.op1(Uop::Return, v, Ty::Void);
                    return Ok(());
                };
                let mut v = self.pop();
                if self.rec.inlined[ctx.frame as usize - 1].init {
                    // `__init__` must return None (else the interpreter raises TypeError); the
                    // call's result is the instance, its local 0.
                    let r = self.boxed(v);
                    self.guard_kind(r, Kind::None)?;
                    v = self.stack[ctx.base];
                }
                self.frames.pop();
                // The callee object, its locals and its stack go; the result takes their place.
                self.stack.truncate(ctx.base - 1);
                self.push(v);
            }
            other => return Err(Abort::Unsupported(other)),
        }
        Ok(())
    }

    /// A call, not inlined, of the native function (or bound native method) `r.cache.c`, which
    /// the recorder found may be called from a trace with these arguments
    /// (`recorder::native_call`): guarded by identity, then `Helper::CallNative`.
    fn native_call(&mut self, r: &Rec) -> Result<(), Abort> {
        let f = r.cache.c;
        // `CallMethod`'s receiver (above the method) is its first argument.
        let argc = r.arg as usize + usize::from(r.op == Op::CallMethod);
        if argc > 3 {
            return Err(Abort::Unsupported(r.op));
        }
        let at = self.stack.len() - argc - 1;
        let callee = self.boxed(self.stack[at]);
        self.op1(Uop::GuardIs(f.bits()), callee, Ty::Void);
        self.ir.roots.push(f);
        let mut args = [Ref::NONE; 3];
        for (k, arg) in args.iter_mut().enumerate().take(argc) {
            *arg = self.boxed(self.stack[at + 1 + k]);
        }
        // The only class the recorder lets through uninlined is `range`.
        let v = if let Some(lucent_vm::object::Obj::Class(_)) = f.as_obj() {
            let v = self.call(Helper::NewRange, args, argc as u64, 0);
            self.known.insert(v, Kind::Obj(ObjKind::Range as u8));
            self.ir.allocates = true;
            v
        } else {
            self.call(Helper::CallNative, args, argc as u64, f.bits())
        };
        self.stack.truncate(at);
        self.push(v);
        Ok(())
    }

    /// A function trace's call of its own function (`Recording::calls_itself`) with `argc`
    /// arguments: guarded by identity, then made natively (`Helper::CallTrace`), from the frame
    /// the call's snapshot writes back, so that the interpreter can take over at any level.
    fn self_call(&mut self, r: &Rec, argc: usize) -> Result<(), Abort> {
        let func = r.cache.c;
        let at = self.stack.len() - argc - 1;
        let callee = self.boxed(self.stack[at]);
        self.op1(Uop::GuardIs(func.bits()), callee, Ty::Void);
        // The arguments reach the callee as its locals: the snapshot boxes them into its slots.
        self.ir.roots.push(func);
        let base = self.rec.nlocals as usize + at + 1;
        let v = self.call(
            Helper::CallTrace,
            [callee, Ref::NONE, Ref::NONE],
            base as u64,
            u64::from(r.ip + 1),
        );
        self.stack.truncate(at);
        self.push(v);
        Ok(())
    }

    /// Where `UnpackSequence` `r` put the items `values`.
    fn unpacked(&mut self, r: &Rec, next: u32, values: Vec<Ref>) {
        match direct_stores(self.code(), r, next) {
            Some(slots) => {
                for (slot, v) in slots.into_iter().zip(values) {
                    self.set_local(slot, v);
                }
            }
            // The generic path pushes the last item first: item 0 ends on top.
            None => values.into_iter().rev().for_each(|v| self.push(v)),
        }
    }

    /// A call of the function the recording entered as frame `frame`: the callee is guarded by
    /// identity, then its frame is laid out on the stack exactly as the interpreter's fast path
    /// does (the arguments become locals `0..argc`, the other locals start unbound), so that a
    /// snapshot inside it rebuilds that frame.
    /// For `Class(args)` (`Inlined::init`), the class (`r.cache.c`) is guarded instead, and the
    /// instance allocated (`NewInstance`) goes below the arguments, as `self`, with `__init__`
    /// as the callee (as `Vm::instantiate` arranges the stack).
    fn inline_call(&mut self, r: &Rec, argc: u32, frame: u32) {
        let rec: &'a Recording = self.rec;
        let inlined = &rec.inlined[frame as usize - 1];
        let mut argc = argc as usize;
        let mut at = self.stack.len() - argc - 1;
        let callee = self.boxed(self.stack[at]);
        self.stack[at] = callee;
        if inlined.init {
            let class = r.cache.c;
            self.op1(Uop::GuardIs(class.bits()), callee, Ty::Void);
            self.ir.roots.push(class);
            let inst = self.call(
                Helper::NewInstance,
                [callee, Ref::NONE, Ref::NONE],
                u64::from(r.cache.b),
                0,
            );
            self.known.insert(inst, Kind::Obj(ObjKind::Instance as u8));
            self.ir.allocates = true;
            let init = self.constant(inlined.func);
            self.stack[at] = inst;
            self.stack.insert(at, init);
            argc += 1;
            at = self.stack.len() - argc - 1;
        } else {
            self.op1(Uop::GuardIs(inlined.func.bits()), callee, Ty::Void);
        }
        self.known
            .insert(self.stack[at], Kind::Obj(ObjKind::Function as u8));
        let code = &inlined.code;
        let nlocals = code.nlocals();
        if nlocals > argc {
            let unbound = self.constant(Value::EMPTY);
            self.stack.resize(at + 1 + nlocals, unbound);
        }
        let base = at + 1;
        self.frames.push(Ctx {
            frame,
            base,
            nlocals,
            ret: r.ip + 1,
        });
        let extent = self.rec.nlocals as usize + base + nlocals + code.max_stack as usize;
        self.ir.extent = self.ir.extent.max(extent as u32);
        self.ir.inline_depth = self.ir.inline_depth.max(self.frames.len() as u32);
    }

    fn load_local(&mut self, i: u32) -> Result<(), Abort> {
        let v = self.local(i);
        if v == Ref::NONE || self.known.get(&v) == Some(&Kind::Empty) {
            return Err(Abort::Operands("local not loaded"));
        }
        self.push(v);
        Ok(())
    }

    /// `r` as an int when it is one (statically, or seen as one while recording).
    fn int_if(&mut self, r: Ref, seen: Kind) -> Result<Option<Ref>, Abort> {
        if self.ty(r) == Ty::Int || (self.ty(r) == Ty::Boxed && seen == Kind::Int) {
            self.as_int(r, seen)
        } else {
            Ok(None)
        }
    }

    /// The outcome `t` of comparison or identity test `r`: pushed, or, when the interpreter fused
    /// the test with the conditional jump after it (`branch_on!`: the log then skips the jump),
    /// guarded to go the way it went.
    fn test_result(&mut self, t: Ref, r: &Rec, next: u32) {
        if next == r.ip + 1 {
            self.push(t);
            return;
        }
        let j = self.code().instr(r.ip as usize + 1);
        if j.arg != r.ip + 2 {
            let jumped = next == j.arg;
            let want = jumped == (j.op == Op::PopJumpIfTrue);
            self.guard_truth(t, want);
        }
    }

    fn guard_truth(&mut self, t: Ref, want: bool) {
        let op = if want {
            Uop::GuardTrue
        } else {
            Uop::GuardFalse
        };
        self.op1(op, t, Ty::Void);
    }

    /// Guards that `v` (seen as `seen`) has truth value `want`.
    fn branch_on(&mut self, v: Ref, seen: Kind, want: bool) -> Result<(), Abort> {
        if seen == Kind::None && self.ty(v) == Ty::Boxed {
            self.guard_kind(v, Kind::None)?;
            return if want {
                Err(Abort::Operands("None taken as true"))
            } else {
                Ok(())
            };
        }
        let Some(t) = self.as_truth(v, seen)? else {
            return Err(Abort::Operands("truth of a non-bool"));
        };
        self.guard_truth(t, want);
        Ok(())
    }

    fn binary(&mut self, op: BinOp, ka: Kind, kb: Kind) -> Result<(), Abort> {
        let (a, b) = (self.top(1), self.top(0));
        let ints = (self.int_if(a, ka)?, self.int_if(b, kb)?);
        let v = match (op, ints) {
            (
                BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::FloorDiv | BinOp::Mod,
                (Some(x), Some(y)),
            )
            | (BinOp::And | BinOp::Or | BinOp::Xor, (Some(x), Some(y))) => {
                let uop = match op {
                    BinOp::Add => Uop::AddInt,
                    BinOp::Sub => Uop::SubInt,
                    BinOp::Mul => Uop::MulInt,
                    BinOp::FloorDiv => Uop::FloorDivInt,
                    BinOp::Mod => Uop::ModInt,
                    BinOp::And => Uop::AndInt,
                    BinOp::Or => Uop::OrInt,
                    _ => Uop::XorInt,
                };
                self.op2(uop, x, y, Ty::Int)
            }
            (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv, _)
                if numeric_ty(self.ty(a), ka) && numeric_ty(self.ty(b), kb) =>
            {
                let x = self
                    .as_float(a, ka)?
                    .ok_or(Abort::Operands("float operand"))?;
                let y = self
                    .as_float(b, kb)?
                    .ok_or(Abort::Operands("float operand"))?;
                let uop = match op {
                    BinOp::Add => Uop::AddFloat,
                    BinOp::Sub => Uop::SubFloat,
                    BinOp::Mul => Uop::MulFloat,
                    _ => Uop::DivFloat,
                };
                self.op2(uop, x, y, Ty::Float)
            }
            // `float ** number` and `int ** float` are floats (or raise); `int ** int` is not.
            (BinOp::Pow, _)
                if numeric_ty(self.ty(a), ka)
                    && numeric_ty(self.ty(b), kb)
                    && (float_ty(self.ty(a), ka) || float_ty(self.ty(b), kb)) =>
            {
                let x = self.as_float(a, ka)?.ok_or(Abort::Operands("** operand"))?;
                let y = self.as_float(b, kb)?.ok_or(Abort::Operands("** operand"))?;
                let (x, y) = (self.boxed(x), self.boxed(y));
                let p = self.call(Helper::PowFloat, [x, y, Ref::NONE], 0, 0);
                self.known.insert(p, Kind::Float);
                p
            }
            _ => return Err(Abort::Operands("binary operator")),
        };
        self.pop();
        self.pop();
        self.push(v);
        Ok(())
    }
}

/// The inline check that global slot `slot` of `module` holds the value with bits `want` (slot
/// `u32::MAX`: that the module's globals version is `want`), if traces can make it
/// (`objects::vec_layout`).
fn global_check(module: Value, slot: u32, want: u64) -> Option<Uop> {
    let Some(lucent_vm::object::Obj::Module(m)) = module.as_obj() else {
        return None;
    };
    if slot == u32::MAX {
        return Some(Uop::VersionIs(
            m.globals.version.as_ptr() as u64,
            want as u32,
        ));
    }
    let (items, len) = crate::objects::vec_layout()?;
    Some(Uop::GlobalIs(GlobalSlot {
        values: m.globals.values.as_ptr() as u64,
        bits: want,
        slot,
        items,
        len,
    }))
}

/// The inline access of slot `slot` of instances of shape `shape` under class epoch `epoch`, if
/// traces can make it (`objects::instance_layout`, and the slot within every backend's load
/// immediate).
fn slot_access(shape: u32, epoch: u32, slot: u32) -> Option<SlotAccess> {
    let l = crate::objects::instance_layout()?;
    (slot < 4000).then_some(SlotAccess {
        shape,
        epoch,
        slot,
        at: [l.shape, l.items, l.len, l.epoch],
    })
}

fn numeric(k: Kind) -> bool {
    matches!(k, Kind::Int | Kind::Float)
}

fn float_ty(ty: Ty, seen: Kind) -> bool {
    ty == Ty::Float || (ty == Ty::Boxed && seen == Kind::Float)
}

fn numeric_ty(ty: Ty, seen: Kind) -> bool {
    matches!(ty, Ty::Int | Ty::Float) || (ty == Ty::Boxed && numeric(seen))
}
