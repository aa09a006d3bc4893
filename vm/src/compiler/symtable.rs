//! Scope analysis: decides for every name in every scope whether it is a fast local, a cell, a free
//! variable, a global or (in class bodies) a namespace name — before any code is generated.
//!
//! Scopes are keyed by the address of their AST node (function, lambda, class, comprehension), which
//! is stable because the AST is not moved while compiling.

use ruff_python_ast::{self as ast, Expr, Stmt};
use rustc_hash::{FxHashMap, FxHashSet};

/// What kind of code a scope compiles to.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
}

/// How a name is accessed in a scope.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// A fast local slot.
    Local,
    /// A local slot holding a cell (captured by an inner scope, or a free variable from an outer one).
    Deref,
    /// Module globals, then builtins.
    Global,
    /// Class-body namespace, then globals, then builtins.
    Name,
}

/// The analysis result for one scope.
#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    /// Parameter names in slot order (positional, keyword-only, `*args`, `**kwargs`).
    pub params: Vec<String>,
    /// Names bound in this scope, in first-binding order.
    bound: Vec<String>,
    bound_set: FxHashSet<String>,
    globals: FxHashSet<String>,
    nonlocals: FxHashSet<String>,
    used: FxHashSet<String>,
    children: Vec<usize>,
    /// Bound names captured by inner scopes.
    pub cells: Vec<String>,
    /// Names this scope takes from enclosing scopes, in closure order.
    pub frees: Vec<String>,
    pub is_generator: bool,
}

impl Scope {
    fn new(kind: ScopeKind) -> Scope {
        Scope {
            kind,
            params: Vec::new(),
            bound: Vec::new(),
            bound_set: FxHashSet::default(),
            globals: FxHashSet::default(),
            nonlocals: FxHashSet::default(),
            used: FxHashSet::default(),
            children: Vec::new(),
            cells: Vec::new(),
            frees: Vec::new(),
            is_generator: false,
        }
    }

    fn bind(&mut self, name: &str) {
        if self.bound_set.insert(name.to_string()) {
            self.bound.push(name.to_string());
        }
    }

    fn is_local(&self, name: &str) -> bool {
        self.bound_set.contains(name)
            && !self.globals.contains(name)
            && !self.nonlocals.contains(name)
    }

    /// Names with a local slot (parameters first), excluding free variables.
    pub fn local_slots(&self) -> Vec<String> {
        let mut out = self.params.clone();
        if self.kind == ScopeKind::Function {
            for n in &self.bound {
                if self.is_local(n) && !out.contains(n) {
                    out.push(n.clone());
                }
            }
        }
        for c in &self.cells {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
        out
    }

    /// How `name` is accessed in this scope.
    pub fn access(&self, name: &str) -> Access {
        if self.globals.contains(name) {
            return Access::Global;
        }
        if self.cells.iter().any(|c| c == name) || self.frees.iter().any(|c| c == name) {
            // In class bodies, a bound name shadows an outer free variable of the same name.
            if self.kind == ScopeKind::Class && self.bound_set.contains(name) && name != "__class__"
            {
                return Access::Name;
            }
            return Access::Deref;
        }
        match self.kind {
            ScopeKind::Module => Access::Global,
            ScopeKind::Class => Access::Name,
            ScopeKind::Function if self.is_local(name) => Access::Local,
            ScopeKind::Function => Access::Global,
        }
    }
}

/// All scopes of a module; `scopes[0]` is the module.
#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: FxHashMap<usize, usize>,
}

/// A scope-analysis error (a SyntaxError in CPython).
#[derive(Debug)]
pub struct ScopeError {
    pub message: String,
    pub at: ruff_text_size::TextSize,
}

impl SymbolTable {
    /// The scope created by the AST node at `node` (a function, lambda, class or comprehension).
    pub fn scope_of<T>(&self, node: &T) -> Option<usize> {
        self.by_node.get(&(node as *const T as usize)).copied()
    }

    /// Analyzes a module body.
    pub fn build(body: &[Stmt]) -> Result<SymbolTable, ScopeError> {
        let mut b = Builder {
            scopes: vec![Scope::new(ScopeKind::Module)],
            by_node: FxHashMap::default(),
            stack: vec![0],
        };
        for s in body {
            b.stmt(s)?;
        }
        let mut table = SymbolTable {
            scopes: b.scopes,
            by_node: b.by_node,
        };
        table.resolve(0, &FxHashSet::default());
        Ok(table)
    }

    /// Computes cells and frees top-down: `outer` holds names bound in enclosing function scopes.
    fn resolve(&mut self, id: usize, outer: &FxHashSet<String>) {
        let kind = self.scopes[id].kind;
        let mut visible = outer.clone();
        match kind {
            ScopeKind::Function => {
                let s = &self.scopes[id];
                for n in &s.bound {
                    if s.is_local(n) {
                        visible.insert(n.clone());
                    }
                }
            }
            // Class bindings are invisible to methods, except the implicit `__class__` cell.
            ScopeKind::Class => {
                visible.insert("__class__".to_string());
            }
            ScopeKind::Module => {}
        }
        // Names used here but not bound here that an enclosing function binds are free.
        let mut frees: Vec<String> = Vec::new();
        {
            let s = &self.scopes[id];
            let mut names: Vec<&String> = s.used.iter().chain(s.nonlocals.iter()).collect();
            names.sort();
            for n in names {
                let bound_here = match kind {
                    ScopeKind::Function => s.is_local(n),
                    _ => false,
                };
                if !bound_here
                    && !s.globals.contains(n)
                    && outer.contains(n)
                    && kind != ScopeKind::Module
                {
                    frees.push(n.clone());
                }
            }
        }
        let children = self.scopes[id].children.clone();
        for &c in &children {
            self.resolve(c, &visible);
        }
        let mut cells: Vec<String> = Vec::new();
        for &c in &children {
            let child_frees = self.scopes[c].frees.clone();
            for n in child_frees {
                let s = &self.scopes[id];
                let mine = match kind {
                    ScopeKind::Function => s.is_local(&n),
                    ScopeKind::Class => n == "__class__",
                    ScopeKind::Module => false,
                };
                if mine {
                    if !cells.contains(&n) {
                        cells.push(n);
                    }
                } else if kind != ScopeKind::Module && !frees.contains(&n) && outer.contains(&n) {
                    frees.push(n);
                }
            }
        }
        let s = &mut self.scopes[id];
        s.cells = cells;
        s.frees = frees;
    }
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: FxHashMap<usize, usize>,
    stack: Vec<usize>,
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().expect("scope stack is never empty");
        &mut self.scopes[id]
    }

    fn push_scope<T>(&mut self, node: &T, kind: ScopeKind) -> usize {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind));
        self.by_node.insert(node as *const T as usize, id);
        self.cur().children.push(id);
        self.stack.push(id);
        id
    }

    fn pop_scope(&mut self) {
        self.stack.pop();
    }

    fn params(&mut self, p: &ast::Parameters) {
        let s = self.cur();
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            s.params.push(a.parameter.name.id.to_string());
        }
        if let Some(v) = &p.vararg {
            s.params.push(v.name.id.to_string());
        }
        if let Some(k) = &p.kwarg {
            s.params.push(k.name.id.to_string());
        }
        let names = s.params.clone();
        for n in names {
            self.cur().bind(&n);
        }
    }

    fn param_defaults(&mut self, p: &ast::Parameters) -> Result<(), ScopeError> {
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            if let Some(d) = &a.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), ScopeError> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), ScopeError> {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression)?;
                }
                self.param_defaults(&f.parameters)?;
                self.cur().bind(&f.name.id);
                self.push_scope(f, ScopeKind::Function);
                self.params(&f.parameters);
                self.stmts(&f.body)?;
                self.pop_scope();
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(&d.expression)?;
                }
                if let Some(args) = &c.arguments {
                    args.args.iter().try_for_each(|a| self.expr(a))?;
                    args.keywords.iter().try_for_each(|k| self.expr(&k.value))?;
                }
                self.cur().bind(&c.name.id);
                self.push_scope(c, ScopeKind::Class);
                self.stmts(&c.body)?;
                self.pop_scope();
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v)?;
                }
            }
            Stmt::Delete(d) => d.targets.iter().try_for_each(|t| self.target(t))?,
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                a.targets.iter().try_for_each(|t| self.target(t))?;
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value)?;
                if let Expr::Name(n) = &*a.target {
                    self.cur().used.insert(n.id.to_string());
                }
                self.target(&a.target)?;
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.target(&a.target)?;
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter)?;
                self.target(&f.target)?;
                self.stmts(&f.body)?;
                self.stmts(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.expr(&w.test)?;
                self.stmts(&w.body)?;
                self.stmts(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.expr(&i.test)?;
                self.stmts(&i.body)?;
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t)?;
                    }
                    self.stmts(&c.body)?;
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.target(v)?;
                    }
                }
                self.stmts(&w.body)?;
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                }
                if let Some(c) = &r.cause {
                    self.expr(c)?;
                }
            }
            Stmt::Try(t) => {
                self.stmts(&t.body)?;
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty)?;
                    }
                    if let Some(n) = &h.name {
                        self.cur().bind(&n.id);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(&t.orelse)?;
                self.stmts(&t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = match &a.asname {
                        Some(n) => n.id.to_string(),
                        None => a.name.id.split('.').next().unwrap_or_default().to_string(),
                    };
                    self.cur().bind(&bound);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let n = a.asname.as_ref().unwrap_or(&a.name);
                    if n.id.as_str() != "*" {
                        self.cur().bind(&n.id);
                    }
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    let s = self.cur();
                    if s.bound_set.contains(n.id.as_str()) || s.used.contains(n.id.as_str()) {
                        return Err(ScopeError {
                            message: format!("name '{}' is used prior to global declaration", n.id),
                            at: g.range.start(),
                        });
                    }
                    s.globals.insert(n.id.to_string());
                }
            }
            Stmt::Nonlocal(g) => {
                let kind = self.cur().kind;
                if kind == ScopeKind::Module {
                    return Err(ScopeError {
                        message: "nonlocal declaration not allowed at module level".into(),
                        at: g.range.start(),
                    });
                }
                for n in &g.names {
                    self.cur().nonlocals.insert(n.id.to_string());
                    self.cur().used.insert(n.id.to_string());
                }
            }
            Stmt::Expr(e) => self.expr(&e.value)?,
            Stmt::Match(_) | Stmt::TypeAlias(_) | Stmt::IpyEscapeCommand(_) => {}
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
        }
        Ok(())
    }

    fn target(&mut self, t: &Expr) -> Result<(), ScopeError> {
        match t {
            Expr::Name(n) => {
                self.cur().bind(&n.id);
                Ok(())
            }
            Expr::Tuple(t) => t.elts.iter().try_for_each(|e| self.target(e)),
            Expr::List(t) => t.elts.iter().try_for_each(|e| self.target(e)),
            Expr::Starred(s) => self.target(&s.value),
            other => self.expr(other),
        }
    }

    fn comprehension<T>(
        &mut self,
        node: &T,
        gens: &[ast::Comprehension],
        elts: &[&Expr],
        generator: bool,
    ) -> Result<(), ScopeError> {
        // The first iterable is evaluated in the enclosing scope; the rest inside the new one.
        if let Some(first) = gens.first() {
            self.expr(&first.iter)?;
        }
        let id = self.push_scope(node, ScopeKind::Function);
        self.scopes[id].params.push(".0".into());
        self.cur().bind(".0");
        self.scopes[id].is_generator = generator;
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter)?;
            }
            self.target(&g.target)?;
            g.ifs.iter().try_for_each(|e| self.expr(e))?;
        }
        elts.iter().try_for_each(|e| self.expr(e))?;
        self.pop_scope();
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result<(), ScopeError> {
        match e {
            Expr::Name(n) => {
                match n.ctx {
                    ast::ExprContext::Load => {
                        let s = self.cur();
                        s.used.insert(n.id.to_string());
                        if n.id.as_str() == "super" && s.kind == ScopeKind::Function {
                            s.used.insert("__class__".into());
                        }
                    }
                    _ => self.cur().bind(&n.id),
                }
                Ok(())
            }
            Expr::BoolOp(b) => b.values.iter().try_for_each(|v| self.expr(v)),
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.target(&n.target)
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)
            }
            Expr::UnaryOp(u) => self.expr(&u.operand),
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.param_defaults(p)?;
                }
                self.push_scope(l, ScopeKind::Function);
                if let Some(p) = &l.parameters {
                    self.params(p);
                }
                self.expr(&l.body)?;
                self.pop_scope();
                Ok(())
            }
            Expr::If(i) => {
                self.expr(&i.test)?;
                self.expr(&i.body)?;
                self.expr(&i.orelse)
            }
            Expr::Dict(d) => d.items.iter().try_for_each(|it| {
                if let Some(k) = &it.key {
                    self.expr(k)?;
                }
                self.expr(&it.value)
            }),
            Expr::Set(s) => s.elts.iter().try_for_each(|v| self.expr(v)),
            Expr::ListComp(c) => self.comprehension(c, &c.generators, &[&c.elt], false),
            Expr::SetComp(c) => self.comprehension(c, &c.generators, &[&c.elt], false),
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = c.key.as_deref().into_iter().collect();
                elts.push(&c.value);
                self.comprehension(c, &c.generators, &elts, false)
            }
            Expr::Generator(c) => self.comprehension(c, &c.generators, &[&c.elt], true),
            Expr::Await(a) => self.expr(&a.value),
            Expr::Yield(y) => {
                self.cur().is_generator = true;
                match &y.value {
                    Some(v) => self.expr(v),
                    None => Ok(()),
                }
            }
            Expr::YieldFrom(y) => {
                self.cur().is_generator = true;
                self.expr(&y.value)
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                c.comparators.iter().try_for_each(|v| self.expr(v))
            }
            Expr::Call(c) => {
                self.expr(&c.func)?;
                c.arguments.args.iter().try_for_each(|a| self.expr(a))?;
                c.arguments
                    .keywords
                    .iter()
                    .try_for_each(|k| self.expr(&k.value))
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.fstring_elements(&fs.elements)?;
                    }
                }
                Ok(())
            }
            Expr::Attribute(a) => self.expr(&a.value),
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)
            }
            Expr::Starred(s) => self.expr(&s.value),
            Expr::List(l) => l.elts.iter().try_for_each(|v| self.expr(v)),
            Expr::Tuple(t) => t.elts.iter().try_for_each(|v| self.expr(v)),
            Expr::Slice(s) => {
                for p in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(p)?;
                }
                Ok(())
            }
            Expr::TString(_)
            | Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => Ok(()),
        }
    }

    fn fstring_elements(
        &mut self,
        elements: &ast::InterpolatedStringElements,
    ) -> Result<(), ScopeError> {
        for el in elements.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                self.expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.fstring_elements(&spec.elements)?;
                }
            }
        }
        Ok(())
    }
}
