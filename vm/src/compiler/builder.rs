//! Assembles one code object: instructions with positions, labels, constants, names and the
//! exception table (built from the handler active at each instruction, so ranges never overlap).

use std::cell::Cell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::code::{Cache, Code, CodeFlags, ExcEntry, Instr, Op, Pos};
use crate::value::Value;

/// A jump target, resolved when the builder finishes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Label(u32);

/// A handler: its label and the stack depth (above locals) it runs at.
#[derive(Copy, Clone, Debug)]
pub struct Handler {
    pub label: Label,
    pub depth: u32,
}

/// Constants are deduplicated by this key (floats by bits, so 0.0 and -0.0 stay apart).
#[derive(Hash, PartialEq, Eq)]
enum ConstKey {
    Value(u64),
}

pub struct CodeBuilder {
    pub instrs: Vec<Instr>,
    positions: Vec<Pos>,
    handlers_at: Vec<Option<(u32, u32)>>,
    labels: Vec<Option<u32>>,
    /// Instructions whose argument is a label index to patch.
    fixups: Vec<usize>,
    pub consts: Vec<Value>,
    const_index: FxHashMap<ConstKey, u32>,
    pub names: Vec<Value>,
    name_index: FxHashMap<Value, u32>,
    pub children: Vec<Rc<Code>>,
    /// Position given to instructions emitted from now on.
    pub pos: Pos,
    /// The handler covering instructions emitted from now on.
    pub handler: Option<Handler>,
}

impl CodeBuilder {
    pub fn new(pos: Pos) -> CodeBuilder {
        CodeBuilder {
            instrs: Vec::new(),
            positions: Vec::new(),
            handlers_at: Vec::new(),
            labels: Vec::new(),
            fixups: Vec::new(),
            consts: Vec::new(),
            const_index: FxHashMap::default(),
            names: Vec::new(),
            name_index: FxHashMap::default(),
            children: Vec::new(),
            pos,
            handler: None,
        }
    }

    pub fn emit(&mut self, op: Op, arg: u32) {
        self.instrs.push(Instr { op, arg });
        self.positions.push(self.pos);
        let h = self.handler.map(|h| (h.label.0, h.depth));
        self.handlers_at.push(h);
    }

    /// Emits a jump-like instruction whose argument is `target`.
    pub fn emit_jump(&mut self, op: Op, target: Label) {
        self.fixups.push(self.instrs.len());
        self.emit(op, target.0);
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    /// Binds `l` to the next instruction.
    pub fn bind(&mut self, l: Label) {
        self.labels[l.0 as usize] = Some(self.instrs.len() as u32);
    }

    pub fn add_const(&mut self, v: Value) -> u32 {
        // Objects (strings) are interned by the caller, so identity dedup is value dedup.
        let key = ConstKey::Value(v.bits());
        if let Some(&i) = self.const_index.get(&key) {
            return i;
        }
        self.consts.push(v);
        let i = self.consts.len() as u32 - 1;
        self.const_index.insert(key, i);
        i
    }

    /// Adds a constant without deduplication (tuples built per use).
    pub fn add_const_unique(&mut self, v: Value) -> u32 {
        self.consts.push(v);
        self.consts.len() as u32 - 1
    }

    pub fn add_name(&mut self, interned: Value) -> u32 {
        if let Some(&i) = self.name_index.get(&interned) {
            return i;
        }
        self.names.push(interned);
        let i = self.names.len() as u32 - 1;
        self.name_index.insert(interned, i);
        i
    }

    pub fn add_child(&mut self, code: Rc<Code>) -> u32 {
        self.children.push(code);
        self.children.len() as u32 - 1
    }

    /// Resolves labels and produces the code object.
    #[allow(clippy::too_many_arguments)]
    pub fn finish(
        mut self,
        name: Value,
        qualname: Value,
        qualname_text: &str,
        filename: Rc<str>,
        firstline: u32,
        varnames: Vec<Value>,
        counts: (u32, u32, u32, u32),
        flags: CodeFlags,
    ) -> Code {
        let resolve =
            |labels: &[Option<u32>], l: u32| labels[l as usize].expect("every label is bound");
        for &i in &self.fixups {
            let l = self.instrs[i].arg;
            self.instrs[i].arg = resolve(&self.labels, l);
        }
        let mut lines: Vec<(u32, Pos)> = Vec::new();
        for (i, p) in self.positions.iter().enumerate() {
            if lines.last().map(|l| l.1) != Some(*p) {
                lines.push((i as u32, *p));
            }
        }
        let mut exc_table: Vec<ExcEntry> = Vec::new();
        for (i, h) in self.handlers_at.iter().enumerate() {
            let Some((label, depth)) = *h else { continue };
            let target = resolve(&self.labels, label);
            match exc_table.last_mut() {
                Some(e) if e.end == i as u32 && e.target == target && e.depth == depth => {
                    e.end += 1
                }
                _ => exc_table.push(ExcEntry {
                    start: i as u32,
                    end: i as u32 + 1,
                    target,
                    depth,
                }),
            }
        }
        let (argcount, posonlycount, kwonlycount, nfree) = counts;
        let n = self.instrs.len();
        let max_stack = max_stack_depth(&self.instrs, &exc_table);
        fuse_superinstructions(&mut self.instrs, &exc_table);
        let lines: Box<[(u32, Pos)]> = lines.into();
        let debug = crate::debugger::CodeDebug::new(qualname_text, &filename, &lines, firstline);
        Code {
            debug,
            name,
            qualname,
            filename,
            firstline,
            instrs: self.instrs.into_iter().map(Cell::new).collect(),
            caches: (0..n).map(|_| Cell::new(Cache::default())).collect(),
            consts: self.consts.into(),
            names: self.names.into(),
            varnames: varnames.into(),
            argcount,
            posonlycount,
            kwonlycount,
            nfree,
            flags,
            lines,
            exc_table: exc_table.into(),
            children: self.children.into(),
            max_stack,
            trampoline: Cell::new(None),
            jit_calls: Cell::new(0),
            func_trace: Cell::new(None),
            drain_trace: Cell::new(None),
        }
    }
}

/// The deepest evaluation stack any path reaches (flow analysis over jumps and handlers).
/// The interpreter relies on it: a frame reserves exactly this much stack.
fn max_stack_depth(instrs: &[Instr], exc_table: &[ExcEntry]) -> u32 {
    let n = instrs.len();
    let mut depth_at: Vec<Option<i32>> = vec![None; n + 1];
    let mut work: Vec<(usize, i32)> = vec![(0, 0)];
    work.extend(
        exc_table
            .iter()
            .map(|e| (e.target as usize, e.depth as i32 + 1)),
    );
    let mut max = 0i32;
    while let Some((mut i, mut d)) = work.pop() {
        while i < n {
            match depth_at[i] {
                Some(seen) if seen >= d => break,
                _ => depth_at[i] = Some(d),
            }
            max = max.max(d);
            let Instr { op, arg } = instrs[i];
            let (fall, branch) = op.stack_effect(arg);
            // Unpacking and calls may push temporaries transiently before their net effect.
            max = max.max(d + fall.max(branch).max(1));
            if op.is_jump() {
                work.push((arg as usize, d + branch));
            }
            if op.is_terminal() {
                break;
            }
            d += fall;
            i += 1;
        }
    }
    max.max(0) as u32 + 2
}

/// Rewrites `LoadFast x; LoadFast y` and `LoadFast x; LoadConst k` into one instruction that
/// executes both and skips the second — only where the second is not a jump or handler target, and
/// keeping the second in place (as CPython 3.11 does) so the instruction indexes do not change.
fn fuse_superinstructions(instrs: &mut [Instr], exc_table: &[ExcEntry]) {
    let mut target = vec![false; instrs.len() + 1];
    for ins in instrs.iter() {
        if ins.op.is_jump() {
            target[ins.arg as usize] = true;
        }
    }
    for e in exc_table {
        target[e.target as usize] = true;
    }
    let mut i = 0;
    while i + 1 < instrs.len() {
        let (a, b) = (instrs[i], instrs[i + 1]);
        let fused = match (a.op, b.op) {
            (Op::LoadFast, Op::LoadFast) => Some(Op::LoadFastLoadFast),
            (Op::LoadFast, Op::LoadConst) => Some(Op::LoadFastLoadConst),
            _ => None,
        };
        match fused {
            Some(op) if !target[i + 1] && a.arg < 1 << 16 && b.arg < 1 << 16 => {
                instrs[i] = Instr {
                    op,
                    arg: a.arg | b.arg << 16,
                };
                i += 2;
            }
            _ => i += 1,
        }
    }
}
