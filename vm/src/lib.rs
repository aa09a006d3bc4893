//! lucent's VM: front end, bytecode compiler, object model + GC, specializing interpreter.
//!
//! Pipeline: `compiler` (source → `code::Code`) → `interp` (runs frames on `vm::Vm`) with `ops`,
//! `attr`, `iter`, `repr` as the semantic core and `builtins`/`stdlib` as the library. `run_main`
//! is what `lucent run` calls.

pub mod attr;
pub mod builtins;
pub mod call;
pub mod code;
pub mod compiler;
pub mod debugger;
pub mod fmt;
pub mod gc;
pub mod interp;
pub mod iter;
pub mod jit_hook;
pub mod object;
pub mod ops;
pub mod pyhash;
pub mod repr;
pub mod shape;
pub mod stdlib;
pub mod table;
pub mod trace_log;
pub mod trampoline;
pub mod types;
pub mod value;
pub mod vm;

use std::io::Write;
use std::rc::Rc;

use object::Obj;
use value::Value;
use vm::{Frame, Vm};

/// A raised Python exception (an exception instance).
#[derive(Debug, Clone, Copy)]
pub struct PyErr(pub Value);

/// Result of anything that can raise.
pub type PyResult<T> = Result<T, PyErr>;

/// How to run a script.
#[derive(Default)]
pub struct RunOptions {
    /// The JIT to run with (`lucent-jit`), or `None` for the interpreter alone.
    pub jit: Option<Box<dyn jit_hook::JitHook>>,
    /// Perf trampolines for interpreted frames (`trampoline.rs`), or `None`.
    pub trampolines: Option<Box<dyn trampoline::Trampolines>>,
    /// Collect after every N-th allocation (0: normal budget); see `gc.rs`.
    pub gc_stress: usize,
}

/// Runs the script at `path` (shown in messages as given) with `argv` = `[path, args...]`.
/// Returns the process exit status, as CPython's: 0, 1 for an uncaught exception or a compile
/// error, 2 when the file cannot be read, `sys.exit`'s code.
pub fn run_main(path: &str, args: &[String], opts: RunOptions) -> i32 {
    let source = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => {
                eprintln!("lucent: '{path}' is not valid UTF-8 source");
                return 1;
            }
        },
        Err(e) => {
            let errno = e.raw_os_error().unwrap_or(0);
            let msg = std::io::Error::from_raw_os_error(errno).to_string();
            let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
            eprintln!("lucent: can't open file '{path}': [Errno {errno}] {msg}");
            return 2;
        }
    };
    // CPython shows the main script's absolute path in tracebacks.
    let shown = std::path::absolute(path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.to_string());
    let mut vm = Vm::new(opts.gc_stress);
    vm.jit = opts.jit;
    vm.trampolines = opts.trampolines;
    if let Some(jit) = &vm.jit {
        vm.jit_hot_threshold = jit.hot_threshold().max(1);
    }
    vm.argv = std::iter::once(path.to_string())
        .chain(args.iter().cloned())
        .collect();
    vm.sources.insert(shown.clone(), source.clone());
    let code = match compiler::compile_module(&mut vm, &source, &shown) {
        Ok(c) => c,
        Err(compiler::CompileError::Syntax {
            class,
            message,
            pos,
        }) => {
            let _ = vm.out.flush();
            eprint!(
                "{}",
                format_syntax_error(&source, &shown, class, &message, pos)
            );
            return 1;
        }
        Err(compiler::CompileError::Unsupported { what, pos }) => {
            eprintln!(
                "lucent: not supported yet: {what} at {path}:{}:{}",
                pos.line, pos.col
            );
            return 1;
        }
    };
    let exposed = debugger::expose(&mut vm);
    let status = run_code(&mut vm, code);
    drop(exposed);
    let _ = vm.out.flush();
    vm.with_jit(|jit, vm| jit.finish(vm));
    status
}

/// CPython's report of a compile-time error: the file and line, the source line without its
/// indentation with a caret under the error column (when the line exists), then `Class: message`.
fn format_syntax_error(
    source: &str,
    shown: &str,
    class: &str,
    message: &str,
    pos: code::Pos,
) -> String {
    let mut out = format!("  File \"{shown}\", line {}\n", pos.line);
    let line = source
        .split('\n')
        .nth((pos.line as usize).saturating_sub(1))
        .unwrap_or("");
    let line = line.trim_end_matches(['\r', '\n']);
    let trimmed = line.trim_start_matches([' ', '\t', '\x0c']);
    if !trimmed.trim_end().is_empty() {
        let indent = line.chars().count() - trimmed.chars().count();
        let col = (pos.col as usize)
            .saturating_sub(1 + indent)
            .min(trimmed.chars().count());
        out.push_str(&format!("    {}\n", trimmed.trim_end()));
        out.push_str(&format!("    {}^\n", " ".repeat(col)));
    }
    out.push_str(&format!("{class}: {message}\n"));
    out
}

/// Runs a compiled module as `__main__` and reports an uncaught exception.
fn run_code(vm: &mut Vm, code: Rc<code::Code>) -> i32 {
    let module = vm.new_module("__main__");
    let main_name = vm.names.main;
    vm.modules.insert(main_name, module);
    let file_key = vm.intern("__file__");
    let file_val = vm.new_str(&*code.filename);
    if let Some(Obj::Module(m)) = module.as_obj() {
        m.globals.set(file_key, file_val);
    }
    let base = vm.stack.len();
    if vm
        .reserve_stack(code.nlocals() + code.max_stack as usize)
        .is_err()
    {
        eprintln!("lucent: the module is too large for the value stack");
        return 1;
    }
    vm.stack.resize(base + code.nlocals(), Value::EMPTY);
    vm.push_frame(Frame {
        code,
        func: Value::EMPTY,
        module,
        base,
        ret_sp: base,
        ip: 0,
        namespace: Value::EMPTY,
        generator: Value::EMPTY,
        init_instance: Value::EMPTY,
        for_iter_exit: crate::vm::NO_EXIT,
        entry: 1,
    });
    match vm.run_entry() {
        Ok(_) => 0,
        Err(PyErr(e)) => {
            let _ = vm.out.flush();
            if vm.is_instance(e, vm.types.system_exit) {
                return system_exit_status(vm, e);
            }
            let text = format_exception(vm, e);
            let _ = std::io::stderr().write_all(text.as_bytes());
            1
        }
    }
}

/// The exit status for an uncaught `SystemExit` (printing a non-int argument, as CPython does).
fn system_exit_status(vm: &mut Vm, e: Value) -> i32 {
    let args = repr::exception_args(vm, e);
    match args.first() {
        None => 0,
        Some(v) if v.is_none() => 0,
        Some(v) => match ops::to_i64(*v) {
            Some(i) if !v.is_float() => i as i32,
            _ => {
                let s = repr::str_string(vm, *v).unwrap_or_default();
                eprintln!("{s}");
                1
            }
        },
    }
}

/// Renders an exception with its traceback and its cause/context chain, as CPython 3.11 prints it.
pub fn format_exception(vm: &mut Vm, e: Value) -> String {
    let mut out = String::new();
    format_chain(vm, e, &mut out, 0);
    out
}

fn format_chain(vm: &mut Vm, e: Value, out: &mut String, depth: usize) {
    let Some(Obj::Instance(inst)) = e.as_obj() else {
        return;
    };
    let Some(x) = &inst.exc else { return };
    let (cause, context, suppress) = (x.cause.get(), x.context.get(), x.suppress_context.get());
    if depth < 32 {
        if !cause.is_none() {
            format_chain(vm, cause, out, depth + 1);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if !context.is_none() && !suppress {
            format_chain(vm, context, out, depth + 1);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
    }
    let tb: Vec<(Rc<code::Code>, u32)> = x.traceback.borrow().clone();
    if !tb.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
    }
    let mut last: Option<(Rc<str>, u32, String)> = None;
    let mut repeats = 0usize;
    let flush_repeats = |out: &mut String, repeats: usize| {
        if repeats > 3 {
            let n = repeats - 3;
            out.push_str(&format!(
                "  [Previous line repeated {n} more time{}]\n",
                if n == 1 { "" } else { "s" }
            ));
        }
    };
    for (code, ip) in tb.iter().rev() {
        let pos = code.pos(*ip);
        let name = vm.str_of(code.name).unwrap_or("?").to_string();
        let key = (code.filename.clone(), pos.line, name.clone());
        if last.as_ref() == Some(&key) {
            repeats += 1;
            if repeats > 3 {
                continue;
            }
        } else {
            flush_repeats(out, repeats);
            repeats = 1;
            last = Some(key);
        }
        out.push_str(&format!(
            "  File \"{}\", line {}, in {}\n",
            code.filename, pos.line, name
        ));
        if let Some(src) = vm.sources.get(&*code.filename) {
            if let Some(line) = src.lines().nth(pos.line as usize - 1) {
                let t = line.trim();
                if !t.is_empty() {
                    out.push_str(&format!("    {t}\n"));
                }
            }
        }
    }
    flush_repeats(out, repeats);
    let cls = vm.type_of(e);
    let name = vm.class_name(cls).to_string();
    let module = match cls.as_obj() {
        Some(Obj::Class(c)) => vm.str_of(c.module).unwrap_or("").to_string(),
        _ => String::new(),
    };
    let qual = if module.is_empty() || module == "builtins" || module == "__main__" {
        name
    } else {
        format!("{module}.{name}")
    };
    let msg = repr::str_string(vm, e).unwrap_or_else(|_| "<exception str() failed>".into());
    if msg.is_empty() {
        out.push_str(&format!("{qual}\n"));
    } else {
        out.push_str(&format!("{qual}: {msg}\n"));
    }
}
