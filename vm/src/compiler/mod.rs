//! Front end: parses a script with `ruff_python_parser` and compiles the AST to bytecode.
//!
//! `compile_module` is the only entry point. Everything unsupported is rejected here, before a single
//! instruction runs, as `CompileError::Unsupported` ("lucent: not supported yet: ...").

mod builder;
mod expr;
mod stmt;
mod symtable;
mod syntax;

use std::rc::Rc;

use ruff_python_ast::{self as ast, Stmt};
use ruff_text_size::{Ranged, TextSize};
use rustc_hash::FxHashMap;

use crate::code::{Code, CodeFlags, Op, Pos};
use crate::value::Value;
use crate::vm::Vm;
use builder::{CodeBuilder, Handler, Label};
use symtable::{Access, ScopeKind, SymbolTable};

/// Why a script could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompileError {
    /// Invalid Python: reported as CPython reports a `SyntaxError` (or its subclass `class`, such
    /// as `IndentationError`).
    Syntax {
        class: &'static str,
        message: String,
        pos: Pos,
    },
    /// Valid Python that lucent does not run yet.
    Unsupported { what: String, pos: Pos },
}

/// Byte offset → (line, column) for one source text.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn pos(&self, src: &str, at: TextSize) -> Pos {
        let off = (u32::from(at) as usize).min(src.len());
        let line = self.starts.partition_point(|&s| s <= off);
        let start = self.starts[line - 1];
        let col = src
            .get(start..off)
            .map_or(off - start, |s| s.chars().count());
        Pos {
            line: line as u32,
            col: col as u32 + 1,
        }
    }
}

/// Parses and compiles a module. The result's constants are allocated on `vm`'s heap and rooted by
/// registering every code object with the VM.
pub fn compile_module(vm: &mut Vm, source: &str, filename: &str) -> Result<Rc<Code>, CompileError> {
    let lines = LineIndex::new(source);
    let parsed = ruff_python_parser::parse_module(source).map_err(|e| {
        let r = syntax::translate(
            source,
            &e.error.to_string(),
            u32::from(e.location.start()) as usize,
        );
        CompileError::Syntax {
            class: r.class,
            message: r.message,
            pos: lines.pos(source, TextSize::new(r.at as u32)),
        }
    })?;
    if let Some(at) = syntax::too_deeply_nested(parsed.tokens()) {
        return Err(CompileError::Syntax {
            class: "SyntaxError",
            message: "too many nested parentheses".into(),
            pos: lines.pos(source, at),
        });
    }
    let module = parsed.into_syntax();
    let table = SymbolTable::build(&module.body).map_err(|e| CompileError::Syntax {
        class: "SyntaxError",
        message: e.message,
        pos: lines.pos(source, e.at),
    })?;
    let mut c = Compiler {
        vm,
        table,
        filename: filename.into(),
        source,
        lines,
        units: Vec::new(),
        frozensets: Vec::new(),
    };
    c.push_unit(0, "<module>".into(), Pos { line: 1, col: 1 });
    c.stmts(&module.body)?;
    c.emit_const(Value::NONE);
    c.emit(Op::ReturnValue, 0);
    let code = Rc::new(c.pop_unit(Value::NONE)?);
    c.vm.register_code(code.clone());
    Ok(code)
}

/// A construct on the compile-time block stack that `break`, `continue` and `return` must unwind.
#[derive(Clone)]
enum FBlock<'a> {
    /// A loop; `for_loop` loops keep their iterator on the stack.
    Loop {
        top: Label,
        exit: Label,
        for_loop: bool,
    },
    /// A `try` with a `finally` body to run inline on early exits, the handler outside it and the
    /// statement-level depth of the `try`.
    Finally {
        body: &'a [Stmt],
        outer: Option<Handler>,
        depth: u32,
    },
    /// Inside an `except` body: the previously handled exception is on the stack.
    Handler {
        name: Option<String>,
        outer: Option<Handler>,
    },
    /// Inside a `finally` body run for an exception: `prev exc` are on the stack.
    FinallyHandler { outer: Option<Handler> },
}

/// One code object under construction.
struct Unit<'a> {
    b: CodeBuilder,
    scope: usize,
    slots: FxHashMap<String, u32>,
    varnames: Vec<String>,
    fblocks: Vec<FBlock<'a>>,
    /// Values on the evaluation stack at statement level (iterators of enclosing loops, handler state).
    depth: u32,
    qualname: String,
    firstline: u32,
}

pub(crate) struct Compiler<'v, 'a> {
    vm: &'v mut Vm,
    table: SymbolTable,
    filename: Rc<str>,
    source: &'a str,
    lines: LineIndex,
    units: Vec<Unit<'a>>,
    /// Frozenset constants made so far in this module: CPython reuses an equal one (and so its
    /// iteration order) for a later set display.
    frozensets: Vec<Value>,
}

type CResult<T = ()> = Result<T, CompileError>;

impl<'v, 'a> Compiler<'v, 'a> {
    fn unit(&mut self) -> &mut Unit<'a> {
        self.units
            .last_mut()
            .expect("a unit is always open while compiling")
    }

    fn b(&mut self) -> &mut CodeBuilder {
        &mut self.unit().b
    }

    fn pos_of(&self, at: TextSize) -> Pos {
        self.lines.pos(self.source, at)
    }

    /// Sets the position of instructions emitted next; returns the previous one.
    fn set_pos(&mut self, node: &impl Ranged) -> Pos {
        let p = self.pos_of(node.start());
        std::mem::replace(&mut self.b().pos, p)
    }

    fn unsupported<T>(&self, what: &str, node: &impl Ranged) -> CResult<T> {
        Err(CompileError::Unsupported {
            what: what.to_string(),
            pos: self.pos_of(node.start()),
        })
    }

    fn syntax<T>(&self, message: &str, node: &impl Ranged) -> CResult<T> {
        Err(CompileError::Syntax {
            class: "SyntaxError",
            message: message.to_string(),
            pos: self.pos_of(node.start()),
        })
    }

    fn emit(&mut self, op: Op, arg: u32) {
        self.b().emit(op, arg);
    }

    fn emit_jump(&mut self, op: Op, l: Label) {
        self.b().emit_jump(op, l);
    }

    fn label(&mut self) -> Label {
        self.b().new_label()
    }

    fn bind(&mut self, l: Label) {
        self.b().bind(l);
    }

    fn emit_const(&mut self, v: Value) {
        let i = self.b().add_const(v);
        self.emit(Op::LoadConst, i);
    }

    fn intern(&mut self, s: &str) -> Value {
        self.vm.intern(s)
    }

    fn name_index(&mut self, name: &str) -> u32 {
        let v = self.intern(name);
        self.b().add_name(v)
    }

    fn push_unit(&mut self, scope: usize, qualname: String, pos: Pos) {
        let s = &self.table.scopes[scope];
        let mut varnames = s.local_slots();
        varnames.extend(s.frees.iter().cloned());
        let slots = varnames
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u32))
            .collect();
        let mut b = CodeBuilder::new(pos);
        b.pos = pos;
        self.units.push(Unit {
            b,
            scope,
            slots,
            varnames,
            fblocks: Vec::new(),
            depth: 0,
            qualname,
            firstline: pos.line,
        });
        // Cells are created on entry: parameters captured by inner scopes are wrapped in place.
        let cells = self.table.scopes[scope].cells.clone();
        if self.table.scopes[scope].kind == ScopeKind::Function {
            for c in cells {
                let slot = self.unit().slots[&c];
                self.emit(Op::MakeCell, slot);
            }
        } else if cells.iter().any(|c| c == "__class__") {
            let slot = self.unit().slots["__class__"];
            self.emit(Op::MakeCell, slot);
        }
    }

    /// Finishes the innermost unit. `name` is the code's `__name__`.
    fn pop_unit(&mut self, name: Value) -> CResult<Code> {
        let u = self.units.pop().expect("pop_unit matches push_unit");
        let s = &self.table.scopes[u.scope];
        let flags = CodeFlags {
            varargs: false,
            varkw: false,
            generator: s.is_generator,
            class_body: s.kind == ScopeKind::Class,
            module: s.kind == ScopeKind::Module,
        };
        let nfree = s.frees.len() as u32;
        let varnames: Vec<Value> = u.varnames.iter().map(|n| self.vm.intern(n)).collect();
        let qualname = self.vm.intern(&u.qualname);
        let name = if name.is_none() {
            self.vm.intern("<module>")
        } else {
            name
        };
        let qualname_text = if s.kind == ScopeKind::Module {
            "<module>"
        } else {
            &u.qualname
        };
        Ok(u.b.finish(
            name,
            qualname,
            qualname_text,
            self.filename.clone(),
            u.firstline,
            varnames,
            (0, 0, 0, nfree),
            flags,
        ))
    }

    /// Qualified name prefix for definitions inside the current unit.
    fn child_qualname(&self, name: &str) -> String {
        let u = self.units.last().expect("open unit");
        match self.table.scopes[u.scope].kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{}", u.qualname, name),
            ScopeKind::Function => format!("{}.<locals>.{}", u.qualname, name),
        }
    }

    fn access(&self, name: &str) -> Access {
        let u = self.units.last().expect("open unit");
        self.table.scopes[u.scope].access(name)
    }

    fn load_name(&mut self, name: &str) {
        match self.access(name) {
            Access::Local => {
                let slot = self.unit().slots[name];
                self.emit(Op::LoadFast, slot)
            }
            Access::Deref => {
                let slot = self.unit().slots[name];
                self.emit(Op::LoadDeref, slot)
            }
            Access::Global => {
                let i = self.name_index(name);
                self.emit(Op::LoadGlobal, i)
            }
            Access::Name => {
                let i = self.name_index(name);
                self.emit(Op::LoadName, i)
            }
        }
    }

    fn store_name(&mut self, name: &str) {
        match self.access(name) {
            Access::Local => {
                let slot = self.unit().slots[name];
                self.emit(Op::StoreFast, slot)
            }
            Access::Deref => {
                let slot = self.unit().slots[name];
                self.emit(Op::StoreDeref, slot)
            }
            Access::Global => {
                let i = self.name_index(name);
                self.emit(Op::StoreGlobal, i)
            }
            Access::Name => {
                let i = self.name_index(name);
                self.emit(Op::StoreName, i)
            }
        }
    }

    fn delete_name(&mut self, name: &str) {
        match self.access(name) {
            Access::Local | Access::Deref => {
                let slot = self.unit().slots[name];
                self.emit(Op::DeleteFast, slot)
            }
            Access::Global => {
                let i = self.name_index(name);
                self.emit(Op::DeleteGlobal, i)
            }
            Access::Name => {
                let i = self.name_index(name);
                self.emit(Op::DeleteName, i)
            }
        }
    }

    /// Emits the code that builds a function object for the scope of `node` and leaves it on the stack.
    /// `body` compiles the new unit's body.
    #[allow(clippy::too_many_arguments)]
    fn make_function<T: Ranged>(
        &mut self,
        node: &T,
        name: &str,
        params: Option<&'a ast::Parameters>,
        implicit_args: u32,
        body: impl FnOnce(&mut Self) -> CResult,
    ) -> CResult {
        let scope = self.table.scope_of(node).expect("symtable saw every scope");
        // Defaults are evaluated in the enclosing scope, at definition time.
        let mut flags = 0;
        let (mut argcount, mut posonly, mut kwonly, mut varargs, mut varkw) =
            (implicit_args, 0, 0, false, false);
        if let Some(p) = params {
            let positional: Vec<&ast::ParameterWithDefault> =
                p.posonlyargs.iter().chain(p.args.iter()).collect();
            let defaults: Vec<&ast::Expr> = positional
                .iter()
                .filter_map(|a| a.default.as_deref())
                .collect();
            if !defaults.is_empty() {
                for d in &defaults {
                    self.expr(d)?;
                }
                self.emit(Op::BuildTuple, defaults.len() as u32);
                flags |= 1;
            }
            let kwdefaults: Vec<&ast::ParameterWithDefault> = p
                .kwonlyargs
                .iter()
                .filter(|a| a.default.is_some())
                .collect();
            if !kwdefaults.is_empty() {
                for a in &kwdefaults {
                    let n = self.intern(&a.parameter.name.id);
                    self.emit_const(n);
                    self.expr(a.default.as_deref().expect("filtered"))?;
                }
                self.emit(Op::BuildTuple, 2 * kwdefaults.len() as u32);
                flags |= 2;
            }
            argcount = positional.len() as u32;
            posonly = p.posonlyargs.len() as u32;
            kwonly = p.kwonlyargs.len() as u32;
            varargs = p.vararg.is_some();
            varkw = p.kwarg.is_some();
        }
        let frees = self.table.scopes[scope].frees.clone();
        if !frees.is_empty() {
            for f in &frees {
                let slot = *self
                    .unit()
                    .slots
                    .get(f)
                    .expect("free variable resolved in the enclosing scope");
                self.emit(Op::LoadClosure, slot);
            }
            self.emit(Op::BuildTuple, frees.len() as u32);
            flags |= 4;
        }
        let qualname = self.child_qualname(name);
        let pos = self.pos_of(node.start());
        self.push_unit(scope, qualname, pos);
        body(self)?;
        let name_v = self.intern(name);
        let mut code = self.pop_unit(name_v)?;
        code.argcount = argcount;
        code.posonlycount = posonly;
        code.kwonlycount = kwonly;
        code.flags.varargs = varargs;
        code.flags.varkw = varkw;
        let code = Rc::new(code);
        self.vm.register_code(code.clone());
        let child = self.b().add_child(code);
        self.emit(Op::MakeFunction, flags | (child << 8));
        Ok(())
    }
}
