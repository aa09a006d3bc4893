//! Statement codegen, including loops, `try`/`except`/`finally` (zero-cost exception table) and the
//! unwinding that `break`, `continue` and `return` do through enclosing blocks.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::{CResult, Compiler, FBlock};
use crate::code::{BinOp, Op, INPLACE};
use crate::compiler::builder::Handler;
use crate::value::Value;

/// What an early exit unwinds to.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Exit {
    Return,
    Break,
    Continue,
}

pub(super) fn binop(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::MatMult => BinOp::MatMul,
        ast::Operator::Div => BinOp::TrueDiv,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::BitOr => BinOp::Or,
        ast::Operator::BitXor => BinOp::Xor,
        ast::Operator::BitAnd => BinOp::And,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

impl<'v, 'a> Compiler<'v, 'a> {
    pub(super) fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.set_pos(s);
        match s {
            Stmt::FunctionDef(f) => {
                if f.is_async {
                    return self.unsupported("async def", s);
                }
                if f.type_params.is_some() {
                    return self.unsupported("type parameters", s);
                }
                for d in &f.decorator_list {
                    self.expr(&d.expression)?;
                }
                self.set_pos(s);
                self.make_function(f, &f.name.id, Some(&f.parameters), 0, |c| {
                    c.stmts(&f.body)?;
                    c.emit_const(Value::NONE);
                    c.emit(Op::ReturnValue, 0);
                    Ok(())
                })?;
                for _ in &f.decorator_list {
                    self.emit(Op::Call, 1);
                }
                self.store_name(&f.name.id);
            }
            Stmt::ClassDef(c) => self.class_def(c)?,
            Stmt::Return(r) => {
                if self.units.len() == 1
                    || self.table.scopes[self.units.last().map_or(0, |u| u.scope)].kind
                        != super::ScopeKind::Function
                {
                    return self.syntax("'return' outside function", s);
                }
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Value::NONE),
                }
                self.unwind(Exit::Return, s)?;
                self.emit(Op::ReturnValue, 0);
            }
            Stmt::Delete(d) => d.targets.iter().try_for_each(|t| self.delete(t))?,
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Op::DupTop, 0);
                    }
                    self.store(t)?;
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a)?,
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.store(&a.target)?;
                }
            }
            Stmt::For(f) => {
                if f.is_async {
                    return self.unsupported("async for", s);
                }
                self.for_stmt(f)?
            }
            Stmt::While(w) => self.while_stmt(w)?,
            Stmt::If(i) => {
                let end = self.label();
                let mut next = self.label();
                self.jump_if(&i.test, false, next)?;
                self.stmts(&i.body)?;
                for clause in &i.elif_else_clauses {
                    self.emit_jump(Op::Jump, end);
                    self.bind(next);
                    next = self.label();
                    if let Some(t) = &clause.test {
                        self.set_pos(t);
                        self.jump_if(t, false, next)?;
                    }
                    self.stmts(&clause.body)?;
                }
                self.bind(next);
                self.bind(end);
            }
            Stmt::With(_) => return self.unsupported("with statement", s),
            Stmt::Match(_) => return self.unsupported("match statement", s),
            Stmt::TypeAlias(_) => return self.unsupported("type alias", s),
            Stmt::IpyEscapeCommand(_) => return self.syntax("invalid syntax", s),
            Stmt::Raise(r) => match (&r.exc, &r.cause) {
                (None, _) => self.emit(Op::Raise, 0),
                (Some(e), None) => {
                    self.expr(e)?;
                    self.emit(Op::Raise, 1)
                }
                (Some(e), Some(c)) => {
                    self.expr(e)?;
                    self.expr(c)?;
                    self.emit(Op::Raise, 2)
                }
            },
            Stmt::Try(t) => {
                if t.is_star {
                    return self.unsupported("except*", s);
                }
                self.try_stmt(t)?
            }
            Stmt::Assert(a) => {
                let end = self.label();
                self.jump_if(&a.test, true, end)?;
                self.set_pos(s);
                self.emit(Op::LoadAssertionError, 0);
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                    self.emit(Op::Call, 1);
                }
                self.emit(Op::Raise, 1);
                self.bind(end);
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    if alias.name.id.contains('.') {
                        return self.unsupported("dotted module import", s);
                    }
                    let idx = self.name_index(&alias.name.id);
                    self.emit(Op::ImportName, idx);
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.store_name(&bound.id);
                }
            }
            Stmt::ImportFrom(i) => {
                if i.level > 0 {
                    return self.unsupported("relative import", s);
                }
                let module = i
                    .module
                    .as_ref()
                    .map(|m| m.id.to_string())
                    .unwrap_or_default();
                if module.contains('.') {
                    return self.unsupported("dotted module import", s);
                }
                let idx = self.name_index(&module);
                self.emit(Op::ImportName, idx);
                for alias in &i.names {
                    if alias.name.id.as_str() == "*" {
                        self.emit(Op::ImportStar, 0);
                        return Ok(());
                    }
                    let n = self.name_index(&alias.name.id);
                    self.emit(Op::ImportFrom, n);
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.store_name(&bound.id);
                }
                self.emit(Op::PopTop, 0);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => {}
            Stmt::Expr(e) => {
                self.expr(&e.value)?;
                self.emit(Op::PopTop, 0);
            }
            Stmt::Break(_) => {
                self.unwind(Exit::Break, s)?;
            }
            Stmt::Continue(_) => {
                self.unwind(Exit::Continue, s)?;
            }
        }
        Ok(())
    }

    fn class_def(&mut self, c: &'a ast::StmtClassDef) -> CResult {
        if c.type_params.is_some() {
            return self.unsupported("type parameters", c);
        }
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        self.set_pos(c);
        let scope = self.table.scope_of(c).expect("class scope");
        let has_class_cell = self.table.scopes[scope]
            .cells
            .iter()
            .any(|n| n == "__class__");
        self.make_function(c, &c.name.id, None, 0, |cc| {
            cc.stmts(&c.body)?;
            if has_class_cell {
                let slot = cc.unit().slots["__class__"];
                cc.emit(Op::LoadClosure, slot);
            } else {
                cc.emit_const(Value::NONE);
            }
            cc.emit(Op::ReturnValue, 0);
            Ok(())
        })?;
        let name = self.intern(&c.name.id);
        self.emit_const(name);
        let mut nbases = 0;
        if let Some(args) = &c.arguments {
            if let Some(k) = args.keywords.first() {
                return self.unsupported("class keyword arguments", k);
            }
            for b in args.args.iter() {
                if let Expr::Starred(_) = b {
                    return self.unsupported("starred base classes", b);
                }
                self.expr(b)?;
                nbases += 1;
            }
        }
        self.set_pos(c);
        self.emit(Op::BuildClass, nbases);
        for _ in &c.decorator_list {
            self.emit(Op::Call, 1);
        }
        self.store_name(&c.name.id);
        Ok(())
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult {
        // CPython iterates a set display of constants as a frozenset constant (so in its order).
        let folded = match &*f.iter {
            Expr::Set(s) => self.const_frozenset(&s.elts, 1)?,
            _ => None,
        };
        match folded {
            Some(fs) => self.emit_const(fs),
            None => self.expr(&f.iter)?,
        }
        self.set_pos(&*f.iter);
        self.emit(Op::GetIter, 0);
        let top = self.label();
        let orelse = self.label();
        let exit = self.label();
        self.bind(top);
        self.emit_jump(Op::ForIter, orelse);
        self.unit().depth += 1;
        self.store(&f.target)?;
        self.unit().fblocks.push(FBlock::Loop {
            top,
            exit,
            for_loop: true,
        });
        self.stmts(&f.body)?;
        self.unit().fblocks.pop();
        self.set_pos(&*f.iter);
        self.emit_jump(Op::JumpBackward, top);
        self.unit().depth -= 1;
        self.bind(orelse);
        self.stmts(&f.orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> CResult {
        let top = self.label();
        let orelse = self.label();
        let exit = self.label();
        self.bind(top);
        if !is_constant_true(&w.test) {
            self.jump_if(&w.test, false, orelse)?;
        }
        self.unit().fblocks.push(FBlock::Loop {
            top,
            exit,
            for_loop: false,
        });
        self.stmts(&w.body)?;
        self.unit().fblocks.pop();
        self.set_pos(&*w.test);
        self.emit_jump(Op::JumpBackward, top);
        self.bind(orelse);
        self.stmts(&w.orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn try_stmt(&mut self, t: &'a ast::StmtTry) -> CResult {
        if t.finalbody.is_empty() {
            return self.try_except(t);
        }
        let fin = self.label();
        let end = self.label();
        let outer = self.b().handler;
        let depth = self.unit().depth;
        self.b().handler = Some(Handler { label: fin, depth });
        self.unit().fblocks.push(FBlock::Finally {
            body: &t.finalbody,
            outer,
            depth,
        });
        self.try_except(t)?;
        self.unit().fblocks.pop();
        self.b().handler = outer;
        self.stmts(&t.finalbody)?;
        self.emit_jump(Op::Jump, end);

        // Exceptional path: `exc` on the stack; run the body, then re-raise.
        self.bind(fin);
        self.emit(Op::PushExcInfo, 0);
        let cleanup = self.label();
        self.b().handler = Some(Handler {
            label: cleanup,
            depth: depth + 1,
        });
        self.unit().depth = depth + 2;
        self.unit().fblocks.push(FBlock::FinallyHandler { outer });
        self.stmts(&t.finalbody)?;
        self.unit().fblocks.pop();
        self.unit().depth = depth;
        self.b().handler = outer;
        self.pop_except_and_reraise();
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    /// `prev exc ->` restores the previously handled exception and re-raises `exc`.
    fn pop_except_and_reraise(&mut self) {
        self.emit(Op::RotTwo, 0);
        self.emit(Op::PopExcept, 0);
        self.emit(Op::Reraise, 0);
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) -> CResult {
        if t.handlers.is_empty() {
            self.stmts(&t.body)?;
            return self.stmts(&t.orelse);
        }
        let outer = self.b().handler;
        let depth = self.unit().depth;
        let dispatch = self.label();
        let end = self.label();
        self.b().handler = Some(Handler {
            label: dispatch,
            depth,
        });
        self.stmts(&t.body)?;
        self.b().handler = outer;
        self.stmts(&t.orelse)?;
        self.emit_jump(Op::Jump, end);

        self.bind(dispatch);
        self.emit(Op::PushExcInfo, 0);
        let cleanup = self.label();
        self.b().handler = Some(Handler {
            label: cleanup,
            depth: depth + 1,
        });
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_pos(h);
            let next = self.label();
            match &h.type_ {
                Some(ty) => {
                    // `CheckExcMatch` keeps the exception under its result, as CPython's does.
                    self.expr(ty)?;
                    self.emit(Op::CheckExcMatch, 0);
                    self.emit_jump(Op::PopJumpIfFalse, next);
                }
                None if i + 1 < t.handlers.len() => {
                    return self.syntax("default 'except:' must be last", h)
                }
                None => {}
            }
            let name = h.name.as_ref().map(|n| n.id.to_string());
            match &name {
                Some(n) => self.store_name(n),
                None => self.emit(Op::PopTop, 0),
            }
            self.unit().depth = depth + 1;
            self.unit().fblocks.push(FBlock::Handler {
                name: name.clone(),
                outer,
            });
            self.stmts(&h.body)?;
            self.unit().fblocks.pop();
            self.unit().depth = depth;
            self.emit(Op::PopExcept, 0);
            if let Some(n) = &name {
                self.unbind_handler_name(n);
            }
            self.emit_jump(Op::Jump, end);
            self.bind(next);
        }
        // No handler matched: re-raise (the cleanup handler restores the previous exception).
        self.emit(Op::Reraise, 0);
        self.b().handler = outer;
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    /// `except E as e:` unbinds `e` when the handler ends, as CPython does.
    fn unbind_handler_name(&mut self, n: &str) {
        self.emit_const(Value::NONE);
        self.store_name(n);
        self.delete_name(n);
    }

    /// Emits the unwinding of an early exit through the enclosing blocks, then the jump (break and
    /// continue) — `return` emits its own `ReturnValue` afterwards.
    fn unwind(&mut self, exit: Exit, node: &impl Ranged) -> CResult {
        let blocks: Vec<FBlock<'a>> = self.unit().fblocks.clone();
        let saved_handler = self.b().handler;
        let saved_depth = self.unit().depth;
        let extra = u32::from(exit == Exit::Return);
        for i in (0..blocks.len()).rev() {
            match &blocks[i] {
                FBlock::Loop {
                    top,
                    exit: brk,
                    for_loop,
                    ..
                } => match exit {
                    Exit::Return => {
                        if *for_loop {
                            // Drop the iterator under the return value.
                            self.emit(Op::RotTwo, 0);
                            self.emit(Op::PopTop, 0);
                        }
                    }
                    Exit::Break => {
                        if *for_loop {
                            self.emit(Op::PopTop, 0);
                        }
                        self.emit_jump(Op::Jump, *brk);
                        self.restore_after_unwind(saved_handler, saved_depth);
                        return Ok(());
                    }
                    Exit::Continue => {
                        self.emit_jump(Op::JumpBackward, *top);
                        self.restore_after_unwind(saved_handler, saved_depth);
                        return Ok(());
                    }
                },
                FBlock::Finally { body, outer, depth } => {
                    // Run the finally body inline, outside its own handler and block.
                    self.b().handler = *outer;
                    self.unit().depth = depth + extra;
                    let inner = self.unit().fblocks.split_off(i);
                    self.stmts(body)?;
                    self.unit().fblocks.extend(inner);
                }
                FBlock::Handler { name, outer } => {
                    if exit == Exit::Return {
                        self.emit(Op::RotTwo, 0);
                    }
                    self.emit(Op::PopExcept, 0);
                    self.b().handler = *outer;
                    if let Some(n) = name {
                        self.unbind_handler_name(n);
                    }
                }
                FBlock::FinallyHandler { outer } => {
                    if exit == Exit::Return {
                        self.emit(Op::RotThree, 0);
                        self.emit(Op::PopTop, 0);
                        self.emit(Op::PopExcept, 0);
                    } else {
                        self.emit(Op::PopTop, 0);
                        self.emit(Op::PopExcept, 0);
                    }
                    self.b().handler = *outer;
                }
            }
        }
        self.restore_after_unwind(saved_handler, saved_depth);
        match exit {
            Exit::Return => Ok(()),
            Exit::Break => self.syntax("'break' outside loop", node),
            Exit::Continue => self.syntax("'continue' not properly in loop", node),
        }
    }

    fn restore_after_unwind(&mut self, handler: Option<Handler>, depth: u32) {
        self.b().handler = handler;
        self.unit().depth = depth;
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> CResult {
        let op = binop(a.op) as u32 | INPLACE;
        match &*a.target {
            Expr::Name(n) => {
                self.load_name(&n.id);
                self.expr(&a.value)?;
                self.set_pos(a);
                self.emit(Op::BinaryOp, op);
                self.store_name(&n.id);
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Op::DupTop, 0);
                let i = self.name_index(&at.attr.id);
                self.emit(Op::LoadAttr, i);
                self.expr(&a.value)?;
                self.set_pos(a);
                self.emit(Op::BinaryOp, op);
                self.emit(Op::RotTwo, 0);
                self.emit(Op::StoreAttr, i);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::DupTop2, 0);
                self.emit(Op::BinarySubscr, 0);
                self.expr(&a.value)?;
                self.set_pos(a);
                self.emit(Op::BinaryOp, op);
                self.emit(Op::RotThree, 0);
                self.emit(Op::StoreSubscr, 0);
            }
            other => {
                return self.syntax(
                    "'expression' is an illegal expression for augmented assignment",
                    other,
                )
            }
        }
        Ok(())
    }

    /// Stores the value on top of the stack into an assignment target.
    pub(super) fn store(&mut self, t: &'a Expr) -> CResult {
        match t {
            Expr::Name(n) => self.store_name(&n.id),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name_index(&a.attr.id);
                self.emit(Op::StoreAttr, i);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::StoreSubscr, 0);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                self.set_pos(t);
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                match star {
                    None => self.emit(Op::UnpackSequence, elts.len() as u32),
                    Some(i) => {
                        if elts
                            .iter()
                            .filter(|e| matches!(e, Expr::Starred(_)))
                            .count()
                            > 1
                        {
                            return self.syntax("multiple starred expressions in assignment", t);
                        }
                        let after = elts.len() - i - 1;
                        self.emit(Op::UnpackEx, i as u32 | (after as u32) << 8);
                    }
                }
                for e in elts.iter() {
                    match e {
                        Expr::Starred(s) => self.store(&s.value)?,
                        e => self.store(e)?,
                    }
                }
            }
            Expr::Starred(_) => {
                return self.syntax("starred assignment target must be in a list or tuple", t)
            }
            other => return self.syntax("cannot assign to expression", other),
        }
        Ok(())
    }

    fn delete(&mut self, t: &'a Expr) -> CResult {
        match t {
            Expr::Name(n) => self.delete_name(&n.id),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name_index(&a.attr.id);
                self.emit(Op::DeleteAttr, i);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::DeleteSubscr, 0);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                elts.iter().try_for_each(|e| self.delete(e))?
            }
            other => return self.syntax("cannot delete expression", other),
        }
        Ok(())
    }
}

fn is_constant_true(e: &Expr) -> bool {
    match e {
        Expr::BooleanLiteral(b) => b.value,
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => i.as_u64() != Some(0),
            ast::Number::Float(f) => *f != 0.0,
            ast::Number::Complex { .. } => false,
        },
        _ => false,
    }
}
