//! The call protocol: argument lists for native functions, binding arguments to a Python frame,
//! and calling any callable from Rust.

use smallvec::SmallVec;

use crate::object::{Function, GenStatus, Generator, Layout, Obj};
use crate::value::Value;
use crate::vm::{Vm, RECURSION_LIMIT};
use crate::{PyErr, PyResult};

/// Arguments of a call into native code. Methods receive their receiver as `pos[0]`.
#[derive(Default)]
pub struct Args {
    pub pos: SmallVec<[Value; 8]>,
    /// Keyword arguments: `(interned name, value)`.
    pub kw: SmallVec<[(Value, Value); 2]>,
}

impl Args {
    pub fn new(pos: &[Value]) -> Args {
        Args {
            pos: SmallVec::from_slice(pos),
            kw: SmallVec::new(),
        }
    }

    /// The same arguments with `receiver` prepended (calling a method or constructor).
    pub fn with_receiver(&self, receiver: Value) -> Args {
        let mut pos = SmallVec::with_capacity(self.pos.len() + 1);
        pos.push(receiver);
        pos.extend_from_slice(&self.pos);
        Args {
            pos,
            kw: self.kw.clone(),
        }
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<Value> {
        self.pos.get(i).copied()
    }

    /// The keyword argument `name`, if given.
    pub fn kw(&self, vm: &Vm, name: &str) -> Option<Value> {
        self.kw
            .iter()
            .find(|(k, _)| vm.str_of(*k) == Some(name))
            .map(|(_, v)| *v)
    }

    /// Checks the positional count against `min..=max` and that only `allowed` keywords are present.
    pub fn check(
        &self,
        vm: &mut Vm,
        fname: &str,
        min: usize,
        max: usize,
        allowed: &[&str],
    ) -> PyResult<()> {
        for (k, _) in &self.kw {
            let k = vm.str_of(*k).unwrap_or("?").to_string();
            if !allowed.contains(&k.as_str()) {
                return Err(vm.type_error(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )));
            }
        }
        let n = self.pos.len();
        if n < min || n > max {
            let msg = if min == max {
                match min {
                    0 => format!("{fname}() takes no arguments ({n} given)"),
                    1 => format!("{fname}() takes exactly one argument ({n} given)"),
                    m => format!("{fname} expected {m} arguments, got {n}"),
                }
            } else if n < min {
                format!(
                    "{fname} expected at least {min} argument{}, got {n}",
                    if min == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{fname} expected at most {max} argument{}, got {n}",
                    if max == 1 { "" } else { "s" }
                )
            };
            return Err(vm.type_error(msg));
        }
        Ok(())
    }
}

/// Where a call's result went.
pub enum Called {
    /// The callee finished; here is its result (the stack is already cut back).
    Value(Value),
    /// A Python frame was pushed; the interpreter continues in it.
    Frame,
}

/// The keyword names of a call (the `KwNames` tuple), or none.
fn keyword_names<'a>(kwnames: Option<Value>) -> &'a [Value] {
    match kwnames.and_then(|k| k.as_obj()) {
        Some(Obj::Tuple(t)) => t,
        _ => &[],
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// CPython's "'a', 'b' and 'c'" list of names.
fn name_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

impl Vm {
    /// Pushes a frame for Python function `callee` whose `argc` arguments (the last `kwnames.len()`
    /// of them keyword values) start at stack index `args_at`. The stack is cut to `ret_sp` on return.
    /// For generator functions nothing is pushed and the generator is returned instead.
    pub(crate) fn push_function_frame(
        &mut self,
        callee: Value,
        args_at: usize,
        argc: usize,
        kwnames: Option<Value>,
        ret_sp: usize,
    ) -> PyResult<Called> {
        let Some(Obj::Function(func)) = callee.as_obj() else {
            return Err(self.type_error("internal: not a function"));
        };
        let code = &func.code;
        let nlocals = code.nlocals();
        if self.frames.len() >= RECURSION_LIMIT {
            return Err(self.exc(
                self.types.recursion_error,
                "maximum recursion depth exceeded",
            ));
        }
        self.reserve_stack(nlocals + code.max_stack as usize)?;
        let simple = kwnames.is_none()
            && !code.flags.varargs
            && !code.flags.varkw
            && code.kwonlycount == 0
            && argc == code.argcount as usize;
        if simple {
            self.stack.truncate(args_at + argc);
            self.stack.resize(args_at + nlocals, Value::EMPTY);
        } else {
            self.bind_arguments(func, args_at, argc, kwnames)?;
        }
        let nfree = code.nfree as usize;
        if nfree > 0 {
            let first = args_at + nlocals - nfree;
            self.stack[first..first + nfree].copy_from_slice(&func.closure);
        }
        if code.flags.generator {
            let saved: Vec<Value> = self.stack.drain(args_at..).collect();
            self.stack.truncate(ret_sp);
            let gen = self
                .heap
                .alloc(Obj::Generator(Box::new(std::cell::RefCell::new(
                    Generator {
                        func: callee,
                        code: code.clone(),
                        saved,
                        ip: 0,
                        status: GenStatus::Created,
                        handling: Value::NONE,
                    },
                ))));
            return Ok(Called::Value(gen));
        }
        self.push_call_frame(code.clone(), callee, func.module, args_at, ret_sp);
        Ok(Called::Frame)
    }

    /// The general argument binder: defaults, keywords, `*args`, `**kwargs`, with CPython's errors.
    /// Replaces the arguments at `args_at..` by the frame's locals.
    fn bind_arguments(
        &mut self,
        func: &Function,
        args_at: usize,
        argc: usize,
        kwnames: Option<Value>,
    ) -> PyResult<()> {
        let code = &func.code;
        let kwn = keyword_names(kwnames);
        let npos = argc - kwn.len();
        let args: SmallVec<[Value; 8]> = SmallVec::from_slice(&self.stack[args_at..args_at + argc]);
        let nparams = code.argcount as usize;
        let nkwonly = code.kwonlycount as usize;
        let mut locals: SmallVec<[Value; 16]> = SmallVec::from_elem(Value::EMPTY, code.nlocals());
        let qualname = self.str_of(code.qualname).unwrap_or("?").to_string();
        for i in 0..npos.min(nparams) {
            locals[i] = args[i];
        }
        let mut slot = nparams + nkwonly;
        if code.flags.varargs {
            let extra = if npos > nparams {
                args[nparams..npos].to_vec()
            } else {
                Vec::new()
            };
            locals[slot] = self.new_tuple(extra);
            slot += 1;
        } else if npos > nparams {
            let ndef = func.defaults.len();
            let takes = if ndef > 0 {
                format!(
                    "from {} to {} positional arguments",
                    nparams - ndef,
                    nparams
                )
            } else {
                plural(nparams, "positional argument")
            };
            let given = npos;
            let verb = if given == 1 { "was" } else { "were" };
            return Err(self.type_error(format!(
                "{qualname}() takes {takes} but {given} {verb} given"
            )));
        }
        let kwdict = if code.flags.varkw {
            let d = self.new_dict();
            locals[slot] = d;
            Some(d)
        } else {
            None
        };
        for (k, name) in kwn.iter().enumerate() {
            let value = args[npos + k];
            let idx = (code.posonlycount as usize..nparams + nkwonly)
                .find(|&j| code.varnames[j] == *name);
            match idx {
                Some(j) => {
                    if !locals[j].is_empty() {
                        let n = self.str_of(*name).unwrap_or("?");
                        return Err(self.type_error(format!(
                            "{qualname}() got multiple values for argument '{n}'"
                        )));
                    }
                    locals[j] = value;
                }
                None => match kwdict {
                    Some(d) => crate::ops::dict_set(self, d, *name, value)?,
                    None => {
                        // CPython names positional-only parameters passed by keyword first.
                        let posonly: Vec<String> = kwn
                            .iter()
                            .filter(|n| code.varnames[..code.posonlycount as usize].contains(n))
                            .map(|n| self.str_of(*n).unwrap_or("?").to_string())
                            .collect();
                        if !posonly.is_empty() {
                            return Err(self.type_error(format!(
                                "{qualname}() got some positional-only arguments passed as keyword arguments: '{}'",
                                posonly.join(", ")
                            )));
                        }
                        let n = self.str_of(*name).unwrap_or("?");
                        return Err(self.type_error(format!(
                            "{qualname}() got an unexpected keyword argument '{n}'"
                        )));
                    }
                },
            }
        }
        let ndef = func.defaults.len();
        let mut missing = Vec::new();
        for i in npos.min(nparams)..nparams {
            if locals[i].is_empty() {
                if i + ndef >= nparams {
                    locals[i] = func.defaults[i + ndef - nparams];
                } else {
                    missing.push(self.str_of(code.varnames[i]).unwrap_or("?").to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(format!(
                "{qualname}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        for i in nparams..nparams + nkwonly {
            if locals[i].is_empty() {
                match func.kwdefaults.iter().find(|(k, _)| *k == code.varnames[i]) {
                    Some((_, v)) => locals[i] = *v,
                    None => missing.push(self.str_of(code.varnames[i]).unwrap_or("?").to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(format!(
                "{qualname}() missing {} required keyword-only argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        self.stack.truncate(args_at);
        self.stack.extend_from_slice(&locals);
        Ok(())
    }

    /// Calls the callable at stack index `at` with the `argc` values above it. Python functions get a
    /// frame (`Called::Frame`); everything else runs to completion and the stack is cut to `at`.
    pub(crate) fn call_at(
        &mut self,
        at: usize,
        argc: usize,
        kwnames: Option<Value>,
    ) -> PyResult<Called> {
        let callee = self.stack[at];
        match callee.as_obj() {
            Some(Obj::Function(_)) => self.push_function_frame(callee, at + 1, argc, kwnames, at),
            Some(Obj::BoundMethod(recv, func)) => {
                let (recv, func) = (*recv, *func);
                self.stack[at] = recv;
                self.stack.insert(at, func);
                let r = self.call_at(at, argc + 1, kwnames);
                if let Ok(Called::Value(_)) = &r {
                    self.stack.truncate(at);
                }
                r
            }
            Some(Obj::Class(c)) if c.layout != Layout::Builtin => {
                self.instantiate(at, argc, kwnames)
            }
            _ => {
                let args = self.collect_args(at + 1, argc, kwnames);
                let r = self.call_native_or_other(callee, &args);
                self.stack.truncate(at);
                r.map(Called::Value)
            }
        }
    }

    /// Copies call arguments off the stack into an `Args` (the originals stay rooted on the stack).
    pub(crate) fn collect_args(&self, from: usize, argc: usize, kwnames: Option<Value>) -> Args {
        let kwn = keyword_names(kwnames);
        let npos = argc - kwn.len();
        let mut a = Args::new(&self.stack[from..from + npos]);
        for (i, k) in kwn.iter().enumerate() {
            a.kw.push((*k, self.stack[from + npos + i]));
        }
        a
    }

    /// `Class(args)`: a new instance, then `__init__`.
    fn instantiate(&mut self, at: usize, argc: usize, kwnames: Option<Value>) -> PyResult<Called> {
        let cls = self.stack[at];
        let inst = self.new_instance_of(cls);
        let is_exc = matches!(cls.as_obj(), Some(Obj::Class(c)) if c.layout == Layout::Exception);
        if is_exc {
            let kwn = keyword_names(kwnames).len();
            let pos = self.stack[at + 1..at + 1 + argc - kwn].to_vec();
            let t = self.new_tuple(pos);
            let key = self.names.args;
            crate::attr::set_instance_attr(self, inst, key, t)?;
        }
        let init_name = self.names.init;
        let init = self.class_lookup(cls, init_name);
        match init.and_then(|i| i.as_obj()) {
            Some(Obj::Function(_)) => {
                let init = init.unwrap_or(Value::NONE);
                self.stack[at] = inst;
                self.stack.insert(at, init);
                let r = self.push_function_frame(init, at + 1, argc + 1, kwnames, at)?;
                if let Called::Frame = r {
                    if let Some(f) = self.frames.last_mut() {
                        f.init_instance = inst;
                    }
                }
                Ok(r)
            }
            Some(_) => {
                let init = init.unwrap_or(Value::NONE);
                let mut args = self.collect_args(at + 1, argc, kwnames);
                args.pos.insert(0, inst);
                self.stack[at] = inst;
                let r = self.call_with_args(init, &args);
                self.stack.truncate(at);
                r?;
                Ok(Called::Value(inst))
            }
            None => {
                if argc > 0 {
                    let n = self.class_name(cls).to_string();
                    self.stack.truncate(at);
                    return Err(self.type_error(format!("{n}() takes no arguments")));
                }
                self.stack.truncate(at);
                Ok(Called::Value(inst))
            }
        }
    }

    /// Calls anything that is not a plain Python function: natives, built-in classes, callables.
    fn call_native_or_other(&mut self, callee: Value, args: &Args) -> PyResult<Value> {
        match callee.as_obj() {
            Some(Obj::Native(n)) => {
                if n.bound.is_empty() {
                    (n.func)(self, args)
                } else {
                    let a = args.with_receiver(n.bound);
                    (n.func)(self, &a)
                }
            }
            Some(Obj::Class(_)) => {
                let new_name = self.names.new;
                match self.class_lookup(callee, new_name) {
                    Some(ctor) => match ctor.as_obj() {
                        Some(Obj::Native(n)) => {
                            let a = args.with_receiver(callee);
                            (n.func)(self, &a)
                        }
                        _ => Err(self.not_supported("custom __new__")),
                    },
                    None => {
                        let n = self.class_name(callee).to_string();
                        Err(self.type_error(format!("cannot create '{n}' instances")))
                    }
                }
            }
            Some(Obj::StaticMethod(f)) => self.call_with_args(*f, args),
            _ => {
                let call_name = self.names.call;
                let cls = self.type_of(callee);
                if matches!(callee.as_obj(), Some(Obj::Instance(_))) {
                    if let Some(m) = self.class_lookup(cls, call_name) {
                        let a = args.with_receiver(callee);
                        return self.call_with_args(m, &a);
                    }
                }
                let t = self.type_name(callee);
                Err(self.type_error(format!("'{t}' object is not callable")))
            }
        }
    }

    /// Calls any callable from Rust and runs it to completion.
    pub fn call_with_args(&mut self, callee: Value, args: &Args) -> PyResult<Value> {
        self.reserve_stack(1 + args.pos.len() + args.kw.len())?;
        let at = self.stack.len();
        self.stack.push(callee);
        self.stack.extend_from_slice(&args.pos);
        let kwnames = if args.kw.is_empty() {
            None
        } else {
            self.stack.extend(args.kw.iter().map(|(_, v)| *v));
            let names: Vec<Value> = args.kw.iter().map(|(k, _)| *k).collect();
            let t = self.new_tuple(names);
            self.temp_roots.push(t);
            Some(t)
        };
        let r = self.call_at(at, args.pos.len() + args.kw.len(), kwnames);
        if kwnames.is_some() {
            self.temp_roots.pop();
        }
        match r {
            Ok(Called::Value(v)) => {
                self.stack.truncate(at);
                Ok(v)
            }
            Ok(Called::Frame) => {
                if let Some(f) = self.frames.last_mut() {
                    f.entry = 1;
                }
                let r = self.run_entry();
                self.stack.truncate(at);
                r
            }
            Err(e) => {
                self.stack.truncate(at);
                Err(e)
            }
        }
    }

    /// Calls `callee(*args)` from Rust.
    pub fn call(&mut self, callee: Value, args: &[Value]) -> PyResult<Value> {
        self.call_with_args(callee, &Args::new(args))
    }

    /// Calls method `name` (interned) on `obj` with `args`; `None` if the type has no such attribute.
    pub fn call_method_opt(
        &mut self,
        obj: Value,
        name: Value,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        let cls = self.type_of(obj);
        let Some(m) = self.class_lookup(cls, name) else {
            return Ok(None);
        };
        let a = Args::new(args).with_receiver(obj);
        match m.as_obj() {
            Some(Obj::StaticMethod(f)) => self.call(*f, args).map(Some),
            Some(Obj::ClassMethod(f)) => {
                let a = Args::new(args).with_receiver(cls);
                self.call_with_args(*f, &a).map(Some)
            }
            _ => self.call_with_args(m, &a).map(Some),
        }
    }

    /// Error for a failed `__init__` return check.
    pub(crate) fn init_returned(&mut self, v: Value) -> PyErr {
        let t = self.type_name(v);
        self.type_error(format!("__init__() should return None, not '{t}'"))
    }
}
