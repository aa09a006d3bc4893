//! Built-in modules: `math`, `sys`, `time`, `random`. Importing anything else is a
//! `ModuleNotFoundError`, as it would be in CPython without that module.

pub mod math;
pub mod mt19937;
pub mod random;
pub mod sys;
pub mod time;

use crate::object::Obj;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

/// `import name`: the module object, created on first import.
pub fn import(vm: &mut Vm, name: Value) -> PyResult<Value> {
    if let Some(m) = vm.modules.get(&name) {
        return Ok(*m);
    }
    let n = vm.str_of(name).unwrap_or("").to_string();
    let m = vm.new_module(&n);
    vm.temp_roots.push(m);
    let known = match n.as_str() {
        "math" => {
            math::install(vm, m);
            true
        }
        "sys" => {
            sys::install(vm, m);
            true
        }
        "time" => {
            time::install(vm, m);
            true
        }
        "random" => {
            random::install(vm, m);
            true
        }
        _ => false,
    };
    vm.temp_roots.pop();
    if !known {
        return Err(vm.exc(
            vm.types.module_not_found_error,
            format!("No module named '{n}'"),
        ));
    }
    vm.modules.insert(name, m);
    Ok(m)
}

/// Defines a native function in module `m`.
pub fn def(vm: &mut Vm, m: Value, name: &'static str, f: crate::object::NativeFn) {
    let v = crate::builtins::native(vm, name, f);
    set(vm, m, name, v);
}

/// Defines a module function that is pure on numbers (`Native::pure`).
pub fn def_pure(vm: &mut Vm, m: Value, name: &'static str, f: crate::object::NativeFn) {
    let v = crate::builtins::native_with(vm, name, f, crate::object::Purity::OnNumbers);
    set(vm, m, name, v);
}

/// Defines a `math` function of one float: pure on numbers, with `unary` (`Native::unary`).
pub fn def_unary(
    vm: &mut Vm,
    m: Value,
    name: &'static str,
    f: crate::object::NativeFn,
    unary: crate::object::UnaryFloat,
) {
    let pure = crate::object::Purity::OnNumbers;
    let v = crate::builtins::native_unary(vm, name, f, pure, Some(unary));
    set(vm, m, name, v);
}

/// Sets a module attribute.
pub fn set(vm: &mut Vm, m: Value, name: &str, v: Value) {
    let k = vm.intern(name);
    if let Some(Obj::Module(md)) = m.as_obj() {
        md.globals.set(k, v);
    }
}
