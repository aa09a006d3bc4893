//! Methods of `dict`, `set` and `frozenset`.

use super::def_method;
use crate::call::Args;
use crate::object::{Obj, ViewKind};
use crate::ops;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let d = vm.types.dict;
    let dm: [(&'static str, crate::object::NativeFn); 12] = [
        ("get", get),
        ("setdefault", setdefault),
        ("pop", pop),
        ("popitem", popitem),
        ("keys", keys),
        ("values", values),
        ("items", items),
        ("update", update),
        ("copy", copy),
        ("clear", clear),
        ("fromkeys", fromkeys),
        ("__contains__", dict_contains),
    ];
    for (n, f) in dm {
        def_method(vm, d, n, f);
    }
    for t in [vm.types.dict_keys, vm.types.dict_items] {
        def_method(vm, t, "isdisjoint", view_isdisjoint);
    }
    let fk = vm.intern("fromkeys");
    if let Some(Obj::Class(c)) = d.as_obj() {
        let f = c.dict.borrow().get(&fk).copied();
        if let Some(f) = f {
            let cm = vm.heap.alloc(Obj::ClassMethod(f));
            c.dict.borrow_mut().insert(fk, cm);
        }
    }
    let s = vm.types.set;
    let sm: [(&'static str, crate::object::NativeFn); 20] = [
        ("add", set_add),
        ("discard", set_discard),
        ("remove", set_remove),
        ("pop", set_pop),
        ("clear", set_clear),
        ("copy", set_copy),
        ("update", set_update),
        ("union", set_union),
        ("intersection", set_intersection),
        ("difference", set_difference),
        ("symmetric_difference", set_symmetric_difference),
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
        ("intersection_update", set_intersection_update),
        ("difference_update", set_difference_update),
        (
            "symmetric_difference_update",
            set_symmetric_difference_update,
        ),
        ("__contains__", set_contains),
        ("__len__", set_len),
        ("__iter__", set_iter),
    ];
    for (n, f) in sm {
        def_method(vm, s, n, f);
    }
    let fs = vm.types.frozenset;
    for (n, f) in [
        ("copy", set_copy as crate::object::NativeFn),
        ("union", set_union),
        ("intersection", set_intersection),
        ("difference", set_difference),
        ("symmetric_difference", set_symmetric_difference),
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
    ] {
        def_method(vm, fs, n, f);
    }
}

fn dict_self(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Value> {
    match a.get(0) {
        Some(d) if matches!(d.as_obj(), Some(Obj::Dict(_))) => Ok(d),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' for 'dict' objects doesn't apply to this object"
        ))),
    }
}

fn get(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "get", 2, 3, &[])?;
    let d = dict_self(vm, a, "get")?;
    Ok(ops::dict_get(vm, d, a.pos[1])?.unwrap_or(a.get(2).unwrap_or(Value::NONE)))
}

fn setdefault(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "setdefault", 2, 3, &[])?;
    let d = dict_self(vm, a, "setdefault")?;
    if let Some(v) = ops::dict_get(vm, d, a.pos[1])? {
        return Ok(v);
    }
    let v = a.get(2).unwrap_or(Value::NONE);
    ops::dict_set(vm, d, a.pos[1], v)?;
    Ok(v)
}

fn pop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "pop", 2, 3, &[])?;
    let d = dict_self(vm, a, "pop")?;
    match ops::dict_del(vm, d, a.pos[1])? {
        Some(v) => Ok(v),
        None => match a.get(2) {
            Some(v) => Ok(v),
            None => Err(vm.key_error(a.pos[1])),
        },
    }
}

fn popitem(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "popitem", 1, 1, &[])?;
    let d = dict_self(vm, a, "popitem")?;
    let last = match d.as_obj() {
        Some(Obj::Dict(t)) => t.borrow_mut().pop_last(),
        _ => None,
    };
    match last {
        Some((k, v)) => Ok(vm.new_tuple(vec![k, v])),
        None => Err(vm.exc(vm.types.key_error, "popitem(): dictionary is empty")),
    }
}

/// A live view of the dict (`Obj::DictView`): iteration, `len`, `in` and `repr` see its current
/// contents.
fn view(vm: &mut Vm, a: &Args, what: ViewKind, name: &str) -> PyResult<Value> {
    a.check(vm, name, 1, 1, &[])?;
    let dict = dict_self(vm, a, name)?;
    Ok(vm.heap.alloc(Obj::DictView { dict, what }))
}

fn keys(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    view(vm, a, ViewKind::Keys, "keys")
}
fn values(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    view(vm, a, ViewKind::Values, "values")
}
fn items(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    view(vm, a, ViewKind::Items, "items")
}

fn view_isdisjoint(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "isdisjoint", 2, 2, &[])?;
    let v = a.pos[0];
    if !matches!(v.as_obj(), Some(Obj::DictView { .. })) {
        return Err(vm.type_error("descriptor 'isdisjoint' requires a dict view"));
    }
    for x in vm.collect_iterable(a.pos[1])? {
        if ops::contains(vm, v, x)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

fn update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let d = dict_self(vm, a, "update")?;
    if a.len() > 2 {
        let n = a.len() - 1;
        return Err(vm.type_error(format!("update expected at most 1 argument, got {n}")));
    }
    if let Some(src) = a.get(1) {
        ops::dict_update(vm, d, src)?;
    }
    for (k, v) in &a.kw {
        ops::dict_set(vm, d, *k, *v)?;
    }
    Ok(Value::NONE)
}

fn copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "copy", 1, 1, &[])?;
    let d = dict_self(vm, a, "copy")?;
    Ok(super::dict_copy(vm, d))
}

fn clear(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "clear", 1, 1, &[])?;
    let d = dict_self(vm, a, "clear")?;
    if let Some(Obj::Dict(t)) = d.as_obj() {
        t.borrow_mut().clear();
    }
    Ok(Value::NONE)
}

fn fromkeys(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "fromkeys", 2, 3, &[])?;
    let keys = vm.collect_iterable(a.pos[1])?;
    let v = a.get(2).unwrap_or(Value::NONE);
    let d = vm.new_dict();
    for k in keys {
        ops::dict_set(vm, d, k, v)?;
    }
    Ok(d)
}

fn dict_contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "__contains__", 2, 2, &[])?;
    let d = dict_self(vm, a, "__contains__")?;
    Ok(Value::bool(ops::dict_get(vm, d, a.pos[1])?.is_some()))
}

// ---- sets --------------------------------------------------------------------------------------

fn set_self(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Value> {
    match a.get(0) {
        Some(s) if matches!(s.as_obj(), Some(Obj::Set(_))) => Ok(s),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' for 'set' objects doesn't apply to this object"
        ))),
    }
}

fn set_add(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "add", 2, 2, &[])?;
    let s = set_self(vm, a, "add")?;
    ops::set_add(vm, s, a.pos[1])?;
    Ok(Value::NONE)
}

fn set_discard(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "discard", 2, 2, &[])?;
    let s = set_self(vm, a, "discard")?;
    ops::set_discard(vm, s, a.pos[1])?;
    Ok(Value::NONE)
}

fn set_remove(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "remove", 2, 2, &[])?;
    let s = set_self(vm, a, "remove")?;
    if !ops::set_discard(vm, s, a.pos[1])? {
        return Err(vm.key_error(a.pos[1]));
    }
    Ok(Value::NONE)
}

fn set_pop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "pop", 1, 1, &[])?;
    let s = set_self(vm, a, "pop")?;
    let v = match s.as_obj() {
        Some(Obj::Set(t)) => t.table.borrow_mut().pop(),
        _ => None,
    };
    v.ok_or_else(|| vm.exc(vm.types.key_error, "pop from an empty set"))
}

fn set_clear(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = set_self(vm, a, "clear")?;
    if let Some(Obj::Set(t)) = s.as_obj() {
        t.table.borrow_mut().clear();
    }
    Ok(Value::NONE)
}

fn new_from_table(vm: &mut Vm, table: crate::table::SetTable<Value>, frozen: bool) -> Value {
    vm.heap.alloc(Obj::Set(Box::new(crate::object::PySet {
        table: std::cell::RefCell::new(table),
        frozen,
    })))
}

fn set_copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = set_self(vm, a, "copy")?;
    let (t, frozen) = match s.as_obj() {
        Some(Obj::Set(t)) => (t.table.borrow().copy(), t.frozen),
        _ => (crate::table::SetTable::new(), false),
    };
    Ok(new_from_table(vm, t, frozen))
}

fn set_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = set_self(vm, a, "update")?;
    for &src in &a.pos[1..] {
        ops::set_update(vm, s, src)?;
    }
    Ok(Value::NONE)
}

/// A set holding the items of any iterable (operands of the named set methods).
fn as_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if matches!(v.as_obj(), Some(Obj::Set(_))) {
        return Ok(v);
    }
    let s = ops::new_set(vm, false);
    vm.temp_roots.push(s);
    let r = ops::set_update(vm, s, v);
    vm.temp_roots.pop();
    r.map(|_| s)
}

fn set_binop(vm: &mut Vm, a: &Args, name: &str, op: crate::code::BinOp) -> PyResult<Value> {
    let s = set_self(vm, a, name)?;
    let frozen = matches!(s.as_obj(), Some(Obj::Set(t)) if t.frozen);
    let mut acc = s;
    if a.len() == 1 {
        return set_copy(vm, a);
    }
    let base = vm.temp_roots.len();
    for &src in &a.pos[1..] {
        let other = as_set(vm, src)?;
        vm.temp_roots.push(other);
        acc = ops::binary(vm, op, acc, other, false)?;
        vm.temp_roots.push(acc);
    }
    vm.temp_roots.truncate(base);
    if let Some(Obj::Set(t)) = acc.as_obj() {
        if t.frozen != frozen {
            let table = t.table.borrow().copy();
            return Ok(new_from_table(vm, table, frozen));
        }
    }
    Ok(acc)
}

fn set_union(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    set_binop(vm, a, "union", crate::code::BinOp::Or)
}
fn set_intersection(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    set_binop(vm, a, "intersection", crate::code::BinOp::And)
}
fn set_difference(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    set_binop(vm, a, "difference", crate::code::BinOp::Sub)
}
fn set_symmetric_difference(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    set_binop(vm, a, "symmetric_difference", crate::code::BinOp::Xor)
}

fn set_inplace(vm: &mut Vm, a: &Args, name: &str, op: crate::code::BinOp) -> PyResult<Value> {
    let s = set_self(vm, a, name)?;
    for &src in &a.pos[1..] {
        let other = as_set(vm, src)?;
        vm.temp_roots.push(other);
        let r = ops::binary(vm, op, s, other, true);
        vm.temp_roots.pop();
        r?;
    }
    Ok(Value::NONE)
}

fn set_intersection_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    set_inplace(vm, a, "intersection_update", crate::code::BinOp::And)
}
fn set_difference_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    set_inplace(vm, a, "difference_update", crate::code::BinOp::Sub)
}
fn set_symmetric_difference_update(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    set_inplace(
        vm,
        a,
        "symmetric_difference_update",
        crate::code::BinOp::Xor,
    )
}

fn set_relation(vm: &mut Vm, a: &Args, name: &str, op: crate::code::CmpOp) -> PyResult<Value> {
    a.check(vm, name, 2, 2, &[])?;
    let s = set_self(vm, a, name)?;
    let other = as_set(vm, a.pos[1])?;
    vm.temp_roots.push(other);
    let r = ops::compare(vm, op, s, other);
    vm.temp_roots.pop();
    r
}

fn set_issubset(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    set_relation(vm, a, "issubset", crate::code::CmpOp::Le)
}
fn set_issuperset(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    set_relation(vm, a, "issuperset", crate::code::CmpOp::Ge)
}
fn set_isdisjoint(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "isdisjoint", 2, 2, &[])?;
    let s = set_self(vm, a, "isdisjoint")?;
    for x in vm.collect_iterable(a.pos[1])? {
        if ops::contains(vm, s, x)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

fn set_contains(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "__contains__", 2, 2, &[])?;
    Ok(Value::bool(ops::contains(vm, a.pos[0], a.pos[1])?))
}

fn set_len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let n = super::functions::length(vm, a.pos[0])?;
    Ok(vm.new_int(n as i64))
}

fn set_iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    vm.get_iter(a.pos[0])
}
