//! The `sys` module: `argv`, `exit`, `maxsize`, `stdout`/`stderr`, recursion limit.

use std::io::Write;

use super::{def, set};
use crate::call::Args;
use crate::object::{Layout, Obj};
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn install(vm: &mut Vm, m: Value) {
    let argv: Vec<Value> = vm.argv.clone().into_iter().map(|a| vm.new_str(a)).collect();
    let argv = vm.new_list(argv);
    set(vm, m, "argv", argv);
    let maxsize = vm.new_int(i64::MAX);
    set(vm, m, "maxsize", maxsize);
    let platform = vm.intern("linux");
    set(vm, m, "platform", platform);
    let byteorder = vm.intern("little");
    set(vm, m, "byteorder", byteorder);
    let version = vm.intern("3.11.7 (lucent)");
    set(vm, m, "version", version);
    let vi: Vec<Value> = [3, 11, 7]
        .iter()
        .map(|i| Value::int_unchecked(*i))
        .collect();
    let vi = vm.new_tuple(vi);
    set(vm, m, "version_info", vi);
    let modules = vm.new_dict();
    set(vm, m, "modules", modules);
    def(vm, m, "exit", exit);
    def(vm, m, "getrecursionlimit", getrecursionlimit);
    def(vm, m, "setrecursionlimit", setrecursionlimit);
    let name = vm.intern("TextIOWrapper");
    let (object, sysname) = (vm.types.object, vm.intern("_io"));
    let cls = crate::types::new_class(vm, name, object, Layout::Object, sysname);
    crate::builtins::def_method(vm, cls, "write", write);
    crate::builtins::def_method(vm, cls, "flush", flush);
    let fd = vm.intern("_fd");
    for (n, no) in [("stdout", 1), ("stderr", 2)] {
        let f = vm.new_instance_of(cls);
        let _ = crate::attr::set_instance_attr(vm, f, fd, Value::int_unchecked(no));
        set(vm, m, n, f);
    }
}

/// The file descriptor behind one of `sys.stdout` / `sys.stderr`, if `f` is one.
fn fd_of(vm: &mut Vm, f: Value) -> Option<i64> {
    let Some(Obj::Instance(inst)) = f.as_obj() else {
        return None;
    };
    let fd = vm.intern("_fd");
    vm.shapes
        .lookup(inst.shape.get(), fd)
        .and_then(|s| inst.slots.borrow()[s as usize].as_small_int())
}

/// Writes `s` to `file` (`None`: stdout), as `print(..., file=file)` does.
pub fn write_to(vm: &mut Vm, file: Value, s: &str) -> PyResult<()> {
    let fd = if file.is_none() {
        Some(1)
    } else {
        fd_of(vm, file)
    };
    match fd {
        Some(2) => {
            let _ = vm.out.flush();
            let _ = std::io::stderr().write_all(s.as_bytes());
            Ok(())
        }
        Some(_) => {
            let _ = vm.out.write_all(s.as_bytes());
            Ok(())
        }
        None => {
            let w = vm.intern("write");
            let sv = vm.new_str(s);
            match vm.call_method_opt(file, w, &[sv])? {
                Some(_) => Ok(()),
                None => {
                    let t = vm.type_name(file);
                    Err(vm.attribute_error(format!("'{t}' object has no attribute 'write'")))
                }
            }
        }
    }
}

fn write(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "write", 2, 2, &[])?;
    let Some(s) = vm.str_of(a.pos[1]) else {
        let t = vm.type_name(a.pos[1]);
        return Err(vm.type_error(format!("write() argument must be str, not {t}")));
    };
    let (s, n) = (s.to_string(), s.chars().count());
    write_to(vm, a.pos[0], &s)?;
    Ok(vm.new_int(n as i64))
}

fn flush(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    let _ = vm.out.flush();
    Ok(Value::NONE)
}

fn exit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "exit", 0, 1, &[])?;
    let args: Vec<Value> = a.get(0).into_iter().collect();
    Err(crate::PyErr(vm.new_exception(vm.types.system_exit, args)))
}

fn getrecursionlimit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "getrecursionlimit", 0, 0, &[])?;
    Ok(Value::int_unchecked(crate::vm::RECURSION_LIMIT as i64))
}

fn setrecursionlimit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "setrecursionlimit", 1, 1, &[])?;
    Err(vm.not_supported("sys.setrecursionlimit()"))
}
