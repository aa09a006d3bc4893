//! Expression codegen: operators, calls (with the method-call fast path), comprehensions, f-strings
//! and conditional jumps.

use num_bigint::BigInt;
use num_traits::Num;
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::stmt::binop;
use super::symtable::Access;
use super::{CResult, Compiler};
use crate::code::{CmpOp, Op};
use crate::object::{Obj, PySet};
use crate::ops;
use crate::table::SetTable;
use crate::value::Value;

#[derive(Copy, Clone, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

impl<'v, 'a> Compiler<'v, 'a> {
    /// Compiles `e`, leaving its value on the stack.
    pub(super) fn expr(&mut self, e: &'a Expr) -> CResult {
        let prev = self.set_pos(e);
        self.expr_inner(e)?;
        self.b().pos = prev;
        Ok(())
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult {
        match e {
            Expr::BoolOp(b) => {
                let end = self.label();
                let op = if b.op == ast::BoolOp::And {
                    Op::JumpIfFalseOrPop
                } else {
                    Op::JumpIfTrueOrPop
                };
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < b.values.len() {
                        self.emit_jump(op, end);
                    }
                }
                self.bind(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Op::DupTop, 0);
                self.store(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.set_pos(e);
                self.emit(Op::BinaryOp, binop(b.op) as u32);
            }
            Expr::UnaryOp(u) => {
                if u.op == ast::UnaryOp::USub {
                    if let Expr::NumberLiteral(n) = &*u.operand {
                        if let Some(v) = self.negated_number(&n.value) {
                            self.emit_const(v);
                            return Ok(());
                        }
                    }
                }
                self.expr(&u.operand)?;
                self.set_pos(e);
                let op = match u.op {
                    ast::UnaryOp::Not => Op::UnaryNot,
                    ast::UnaryOp::USub => Op::UnaryNeg,
                    ast::UnaryOp::UAdd => Op::UnaryPos,
                    ast::UnaryOp::Invert => Op::UnaryInvert,
                };
                self.emit(op, 0);
            }
            Expr::Lambda(l) => {
                self.make_function(l, "<lambda>", l.parameters.as_deref(), 0, |c| {
                    c.expr(&l.body)?;
                    c.emit(Op::ReturnValue, 0);
                    Ok(())
                })?;
            }
            Expr::If(i) => {
                let orelse = self.label();
                let end = self.label();
                self.jump_if(&i.test, false, orelse)?;
                self.expr(&i.body)?;
                self.emit_jump(Op::Jump, end);
                self.bind(orelse);
                self.expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Dict(d) => {
                if d.items.iter().any(|it| it.key.is_none()) {
                    self.emit(Op::BuildMap, 0);
                    for it in &d.items {
                        match &it.key {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(&it.value)?;
                                self.emit(Op::MapAdd, 1);
                            }
                            None => {
                                self.expr(&it.value)?;
                                self.emit(Op::DictUpdate, 1);
                            }
                        }
                    }
                } else {
                    for it in &d.items {
                        self.expr(it.key.as_ref().expect("checked above"))?;
                        self.expr(&it.value)?;
                    }
                    self.emit(Op::BuildMap, d.items.len() as u32);
                }
            }
            Expr::Set(s) => match self.const_frozenset(&s.elts, 3)? {
                // CPython builds a display of 3+ constants by copying a frozenset constant.
                Some(fs) => {
                    self.emit(Op::BuildSet, 0);
                    self.emit_const(fs);
                    self.emit(Op::SetUpdate, 1);
                }
                None => self.collection(&s.elts, Op::BuildSet, Op::SetAdd, Op::SetUpdate)?,
            },
            Expr::List(l) => {
                self.collection(&l.elts, Op::BuildList, Op::ListAppend, Op::ListExtend)?
            }
            Expr::Tuple(t) => {
                if t.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    self.collection(&t.elts, Op::BuildList, Op::ListAppend, Op::ListExtend)?;
                    self.emit(Op::ListToTuple, 0);
                } else {
                    t.elts.iter().try_for_each(|v| self.expr(v))?;
                    self.emit(Op::BuildTuple, t.elts.len() as u32);
                }
            }
            Expr::ListComp(c) => {
                self.comprehension(c, CompKind::List, &c.generators, &c.elt, None)?
            }
            Expr::SetComp(c) => {
                self.comprehension(c, CompKind::Set, &c.generators, &c.elt, None)?
            }
            Expr::DictComp(c) => match c.key.as_deref() {
                Some(k) => {
                    self.comprehension(c, CompKind::Dict, &c.generators, k, Some(&c.value))?
                }
                None => {
                    return self.syntax("dict unpacking cannot be used in dict comprehension", e)
                }
            },
            Expr::Generator(c) => {
                self.comprehension(c, CompKind::Gen, &c.generators, &c.elt, None)?
            }
            Expr::Await(_) => return self.unsupported("await", e),
            Expr::Yield(y) => {
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Value::NONE),
                }
                self.emit(Op::YieldValue, 0);
            }
            Expr::YieldFrom(y) => {
                self.expr(&y.value)?;
                self.emit(Op::GetIter, 0);
                self.emit(Op::YieldFrom, 0);
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::Call(c) => self.call(c)?,
            Expr::FString(f) => {
                let mut n = 0;
                for part in f.value.iter() {
                    match part {
                        ast::FStringPart::Literal(s) => {
                            let v = self.intern(&s.value);
                            self.emit_const(v);
                            n += 1;
                        }
                        ast::FStringPart::FString(fs) => {
                            n += self.fstring_elements(&fs.elements)?
                        }
                    }
                }
                self.finish_string(n);
            }
            Expr::TString(_) => return self.unsupported("template strings", e),
            Expr::StringLiteral(s) => {
                let v = self.intern(s.value.to_str());
                self.emit_const(v);
            }
            Expr::BytesLiteral(_) => return self.unsupported("bytes literals", e),
            Expr::NumberLiteral(n) => {
                let v = self.number(&n.value, e)?;
                self.emit_const(v);
            }
            Expr::BooleanLiteral(b) => self.emit_const(Value::bool(b.value)),
            Expr::NoneLiteral(_) => self.emit_const(Value::NONE),
            Expr::EllipsisLiteral(_) => {
                let v = self.vm.ellipsis();
                self.emit_const(v);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.set_pos(e);
                let i = self.name_index(&a.attr.id);
                self.emit(Op::LoadAttr, i);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.set_pos(e);
                self.emit(Op::BinarySubscr, 0);
            }
            Expr::Starred(_) => return self.syntax("can't use starred expression here", e),
            Expr::Name(n) => self.load_name(&n.id),
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.emit_const(Value::NONE),
                    }
                }
                match &s.step {
                    Some(p) => {
                        self.expr(p)?;
                        self.emit(Op::BuildSlice, 3);
                    }
                    None => self.emit(Op::BuildSlice, 2),
                }
            }
            Expr::IpyEscapeCommand(_) => return self.syntax("invalid syntax", e),
        }
        Ok(())
    }

    /// The value of a constant expression as CPython's AST optimizer folds it (literals, negated
    /// numbers, tuples of constants), or `None`.
    fn const_value(&mut self, e: &'a Expr) -> CResult<Option<Value>> {
        Ok(Some(match e {
            Expr::StringLiteral(s) => self.intern(s.value.to_str()),
            Expr::NumberLiteral(n) if !matches!(n.value, ast::Number::Complex { .. }) => {
                self.number(&n.value, e)?
            }
            Expr::BooleanLiteral(b) => Value::bool(b.value),
            Expr::NoneLiteral(_) => Value::NONE,
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => match &*u.operand {
                Expr::NumberLiteral(n) => match self.negated_number(&n.value) {
                    Some(v) => v,
                    None => return Ok(None),
                },
                _ => return Ok(None),
            },
            Expr::Tuple(t) => {
                let mut items = Vec::with_capacity(t.elts.len());
                for x in &t.elts {
                    match self.const_value(x)? {
                        Some(v) => items.push(v),
                        None => return Ok(None),
                    }
                }
                self.vm.new_tuple(items)
            }
            _ => return Ok(None),
        }))
    }

    /// The frozenset constant CPython makes for a set display of at least `min` constant elements:
    /// `frozenset(tuple)` rebuilt once more by constant merging, or an equal earlier one.
    pub(super) fn const_frozenset(
        &mut self,
        elts: &'a [Expr],
        min: usize,
    ) -> CResult<Option<Value>> {
        if elts.len() < min {
            return Ok(None);
        }
        let mut items = Vec::with_capacity(elts.len());
        for x in elts {
            match self.const_value(x)? {
                Some(v) => items.push(v),
                None => return Ok(None),
            }
        }
        let Some(table) = self.const_set_table(&items) else {
            return Ok(None);
        };
        for fs in self.frozensets.clone() {
            if self.same_constant_set(fs, &table) {
                return Ok(Some(fs));
            }
        }
        let fs = self.vm.heap.alloc(Obj::Set(Box::new(PySet {
            table: std::cell::RefCell::new(table),
            frozen: true,
        })));
        self.frozensets.push(fs);
        Ok(Some(fs))
    }

    /// `PyFrozenSet_New(items)` then the merge step's re-insertion; `None` if some item cannot be
    /// hashed or compared without running code (never the case for folded constants).
    fn const_set_table(&mut self, items: &[Value]) -> Option<SetTable<Value>> {
        let vm = &mut *self.vm;
        let mut t = SetTable::new();
        for &v in items {
            let h = ops::hash(vm, v).ok()?;
            t.insert(h, v, |x: &Value| ops::key_eq(vm, *x, v)).ok()?;
        }
        t.reinserted(|a: &Value, b: &Value| ops::key_eq(vm, *a, *b))
            .ok()
    }

    /// Whether frozenset constant `fs` holds the same constants as `table` (CPython's constant key
    /// tells `1`, `1.0` and `True` apart, so types must match too).
    fn same_constant_set(&mut self, fs: Value, table: &SetTable<Value>) -> bool {
        let Some(Obj::Set(s)) = fs.as_obj() else {
            return false;
        };
        let old: Vec<Value> = s.table.borrow().iter().copied().collect();
        if old.len() != table.len() {
            return false;
        }
        let new: Vec<Value> = table.iter().copied().collect();
        new.iter().all(|&x| {
            old.iter().any(|&y| {
                self.vm.type_of(x) == self.vm.type_of(y)
                    && ops::key_eq(self.vm, x, y).unwrap_or(false)
            })
        })
    }

    fn negated_number(&mut self, n: &ast::Number) -> Option<Value> {
        match n {
            ast::Number::Int(i) => {
                let v = i.as_i64()?;
                Value::small_int(-v)
            }
            ast::Number::Float(f) => Some(Value::float(-f)),
            ast::Number::Complex { .. } => None,
        }
    }

    fn number(&mut self, n: &ast::Number, e: &Expr) -> CResult<Value> {
        match n {
            ast::Number::Int(i) => {
                if let Some(v) = i.as_i64().and_then(Value::small_int) {
                    return Ok(v);
                }
                let text = i.to_string().replace('_', "");
                let lower = text.to_ascii_lowercase();
                let (digits, radix) = match lower.get(..2) {
                    Some("0x") => (&lower[2..], 16),
                    Some("0o") => (&lower[2..], 8),
                    Some("0b") => (&lower[2..], 2),
                    _ => (&lower[..], 10),
                };
                match BigInt::from_str_radix(digits, radix) {
                    Ok(b) => Ok(self.vm.new_bigint(b)),
                    Err(_) => self.syntax("invalid integer literal", e),
                }
            }
            ast::Number::Float(f) => Ok(Value::float(*f)),
            ast::Number::Complex { .. } => self.unsupported("complex numbers", e),
        }
    }

    /// `[a, *b, c]`-style displays: one build op when nothing is starred, else build empty and add.
    fn collection(&mut self, elts: &'a [Expr], build: Op, add: Op, update: Op) -> CResult {
        if !elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
            elts.iter().try_for_each(|v| self.expr(v))?;
            self.emit(build, elts.len() as u32);
            return Ok(());
        }
        self.emit(build, 0);
        for v in elts {
            match v {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(update, 1);
                }
                v => {
                    self.expr(v)?;
                    self.emit(add, 1);
                }
            }
        }
        Ok(())
    }

    fn compare(&mut self, c: &'a ast::ExprCompare) -> CResult {
        self.expr(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.expr(&c.comparators[0])?;
            self.set_pos(c);
            self.cmp_op(c.ops[0]);
            return Ok(());
        }
        let cleanup = self.label();
        let end = self.label();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.expr(right)?;
            self.set_pos(c);
            if i + 1 < n {
                self.emit(Op::DupTop, 0);
                self.emit(Op::RotThree, 0);
                self.cmp_op(*op);
                self.emit_jump(Op::JumpIfFalseOrPop, cleanup);
            } else {
                self.cmp_op(*op);
            }
        }
        self.emit_jump(Op::Jump, end);
        self.bind(cleanup);
        self.emit(Op::RotTwo, 0);
        self.emit(Op::PopTop, 0);
        self.bind(end);
        Ok(())
    }

    fn cmp_op(&mut self, op: ast::CmpOp) {
        let (o, arg) = match op {
            ast::CmpOp::Eq => (Op::CompareOp, CmpOp::Eq as u32),
            ast::CmpOp::NotEq => (Op::CompareOp, CmpOp::Ne as u32),
            ast::CmpOp::Lt => (Op::CompareOp, CmpOp::Lt as u32),
            ast::CmpOp::LtE => (Op::CompareOp, CmpOp::Le as u32),
            ast::CmpOp::Gt => (Op::CompareOp, CmpOp::Gt as u32),
            ast::CmpOp::GtE => (Op::CompareOp, CmpOp::Ge as u32),
            ast::CmpOp::Is => (Op::IsOp, 0),
            ast::CmpOp::IsNot => (Op::IsOp, 1),
            ast::CmpOp::In => (Op::ContainsOp, 0),
            ast::CmpOp::NotIn => (Op::ContainsOp, 1),
        };
        self.emit(o, arg);
    }

    /// Jumps to `target` when `e`'s truth equals `when`; falls through otherwise.
    pub(super) fn jump_if(&mut self, e: &'a Expr, when: bool, target: super::Label) -> CResult {
        match e {
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => {
                self.jump_if(&u.operand, !when, target)
            }
            Expr::BoolOp(b) => {
                let is_and = b.op == ast::BoolOp::And;
                let (last, rest) = b
                    .values
                    .split_last()
                    .expect("a boolean operation has operands");
                if is_and != when {
                    // `and` jumping when false / `or` jumping when true: any operand decides.
                    for v in rest {
                        self.jump_if(v, when, target)?;
                    }
                    self.jump_if(last, when, target)
                } else {
                    let skip = self.label();
                    for v in rest {
                        self.jump_if(v, !when, skip)?;
                    }
                    self.jump_if(last, when, target)?;
                    self.bind(skip);
                    Ok(())
                }
            }
            _ => {
                self.expr(e)?;
                self.set_pos(e);
                self.emit_jump(
                    if when {
                        Op::PopJumpIfTrue
                    } else {
                        Op::PopJumpIfFalse
                    },
                    target,
                );
                Ok(())
            }
        }
    }

    fn call(&mut self, c: &'a ast::ExprCall) -> CResult {
        let args = &c.arguments;
        let starred = args.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || args.keywords.iter().any(|k| k.arg.is_none());
        if let Expr::Name(n) = &*c.func {
            if n.id.as_str() == "super"
                && args.args.is_empty()
                && args.keywords.is_empty()
                && self.zero_arg_super()?
            {
                return Ok(());
            }
        }
        if starred {
            self.expr(&c.func)?;
            self.emit(Op::BuildList, 0);
            for a in args.args.iter() {
                match a {
                    Expr::Starred(s) => {
                        self.expr(&s.value)?;
                        self.emit(Op::ListExtend, 1);
                    }
                    a => {
                        self.expr(a)?;
                        self.emit(Op::ListAppend, 1);
                    }
                }
            }
            self.emit(Op::ListToTuple, 0);
            let has_kw = !args.keywords.is_empty();
            if has_kw {
                self.emit(Op::BuildMap, 0);
                for k in args.keywords.iter() {
                    match &k.arg {
                        Some(name) => {
                            let n = self.intern(name);
                            self.emit_const(n);
                            self.expr(&k.value)?;
                            self.emit(Op::MapAdd, 1);
                        }
                        None => {
                            self.expr(&k.value)?;
                            self.emit(Op::DictUpdate, 1);
                        }
                    }
                }
            }
            self.set_pos(c);
            self.emit(Op::CallEx, u32::from(has_kw));
            return Ok(());
        }
        let method = if let Expr::Attribute(a) = &*c.func {
            self.expr(&a.value)?;
            self.set_pos(c);
            let i = self.name_index(&a.attr.id);
            self.emit(Op::LoadMethod, i);
            true
        } else {
            self.expr(&c.func)?;
            false
        };
        for a in args.args.iter() {
            self.expr(a)?;
        }
        for k in args.keywords.iter() {
            self.expr(&k.value)?;
        }
        self.set_pos(c);
        if !args.keywords.is_empty() {
            let names: Vec<Value> = args
                .keywords
                .iter()
                .map(|k| self.vm.intern(k.arg.as_ref().expect("not starred")))
                .collect();
            let mut seen = rustc_hash::FxHashSet::default();
            for (k, n) in args.keywords.iter().zip(&names) {
                if !seen.insert(*n) {
                    return self.syntax(
                        &format!(
                            "keyword argument repeated: {}",
                            k.arg.as_ref().expect("named")
                        ),
                        k,
                    );
                }
            }
            let t = self.vm.new_tuple(names);
            let i = self.b().add_const_unique(t);
            self.emit(Op::KwNames, i);
        }
        let n = (args.args.len() + args.keywords.len()) as u32;
        self.emit(if method { Op::CallMethod } else { Op::Call }, n);
        Ok(())
    }

    /// `super()` inside a method becomes `super(__class__, <first argument>)`. Returns false when the
    /// rewrite does not apply (then `super` is called as written and complains like CPython).
    fn zero_arg_super(&mut self) -> CResult<bool> {
        if self.access("super") != Access::Global || self.access("__class__") != Access::Deref {
            return Ok(false);
        }
        let u = self.units.last().expect("open unit");
        let Some(first) = self.table.scopes[u.scope].params.first().cloned() else {
            return Ok(false);
        };
        self.load_name("super");
        self.load_name("__class__");
        self.load_name(&first);
        self.emit(Op::Call, 2);
        Ok(true)
    }

    fn comprehension<T: Ranged>(
        &mut self,
        node: &'a T,
        kind: CompKind,
        gens: &'a [ast::Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> CResult {
        if let Some(g) = gens.iter().find(|g| g.is_async) {
            return self.unsupported("async comprehension", g);
        }
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Gen => "<genexpr>",
        };
        self.make_function(node, name, None, 1, |c| {
            match kind {
                CompKind::List => c.emit(Op::BuildList, 0),
                CompKind::Set => c.emit(Op::BuildSet, 0),
                CompKind::Dict => c.emit(Op::BuildMap, 0),
                CompKind::Gen => {}
            }
            c.comp_loop(gens, 0, kind, elt, value)?;
            if kind == CompKind::Gen {
                c.emit_const(Value::NONE);
            }
            c.emit(Op::ReturnValue, 0);
            Ok(())
        })?;
        self.expr(&gens[0].iter)?;
        self.set_pos(node);
        self.emit(Op::GetIter, 0);
        self.emit(Op::Call, 1);
        Ok(())
    }

    fn comp_loop(
        &mut self,
        gens: &'a [ast::Comprehension],
        i: usize,
        kind: CompKind,
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> CResult {
        let g = &gens[i];
        if i == 0 {
            self.emit(Op::LoadFast, 0);
        } else {
            self.expr(&g.iter)?;
            self.emit(Op::GetIter, 0);
        }
        let top = self.label();
        let cont = self.label();
        let exit = self.label();
        self.bind(top);
        self.emit_jump(Op::ForIter, exit);
        self.store(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, cont)?;
        }
        if i + 1 < gens.len() {
            self.comp_loop(gens, i + 1, kind, elt, value)?;
        } else {
            let depth = i as u32 + 2;
            match kind {
                CompKind::List => {
                    self.expr(elt)?;
                    self.emit(Op::ListAppend, depth);
                }
                CompKind::Set => {
                    self.expr(elt)?;
                    self.emit(Op::SetAdd, depth);
                }
                CompKind::Dict => {
                    self.expr(elt)?;
                    self.expr(value.expect("dict comprehensions have a value"))?;
                    self.emit(Op::MapAdd, depth);
                }
                CompKind::Gen => {
                    self.expr(elt)?;
                    self.emit(Op::YieldValue, 0);
                    self.emit(Op::PopTop, 0);
                }
            }
        }
        self.bind(cont);
        self.emit_jump(Op::JumpBackward, top);
        self.bind(exit);
        Ok(())
    }

    /// Emits the pieces of an f-string; returns how many strings it pushed.
    fn fstring_elements(&mut self, elements: &'a ast::InterpolatedStringElements) -> CResult<u32> {
        let mut n = 0;
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    let v = self.intern(&l.value);
                    self.emit_const(v);
                    n += 1;
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    if let Some(d) = &i.debug_text {
                        let text = format!("{}{}{}", d.leading(), d.expression(), d.trailing());
                        let v = self.intern(&text);
                        self.emit_const(v);
                        n += 1;
                        if conv == 0 && i.format_spec.is_none() {
                            conv = 2;
                        }
                    }
                    self.expr(&i.expression)?;
                    let mut flags = conv;
                    if let Some(spec) = &i.format_spec {
                        let k = self.fstring_elements(&spec.elements)?;
                        self.finish_string(k);
                        flags |= 4;
                    }
                    self.emit(Op::FormatValue, flags);
                    n += 1;
                }
            }
        }
        Ok(n)
    }

    /// Joins the `n` strings on the stack into one (pushing "" when there are none).
    fn finish_string(&mut self, n: u32) {
        match n {
            0 => {
                let v = self.intern("");
                self.emit_const(v);
            }
            1 => {}
            n => self.emit(Op::BuildString, n),
        }
    }
}
