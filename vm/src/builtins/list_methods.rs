//! Methods of `list` and `tuple`.

use super::{def_method, def_method_with, int_arg};
use crate::call::Args;
use crate::code::CmpOp;
use crate::object::{Obj, Purity};
use crate::ops;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let l = vm.types.list;
    let methods: [(&'static str, crate::object::NativeFn); 11] = [
        ("append", append),
        ("extend", extend),
        ("insert", insert),
        ("pop", pop),
        ("remove", remove),
        ("index", index),
        ("count", count),
        ("sort", sort),
        ("reverse", reverse),
        ("copy", copy),
        ("clear", clear),
    ];
    for (n, f) in methods {
        // These change the list only once their arguments checked out, and look at nothing
        // but ints among them (the others compare, iterate or copy).
        let pure = match n {
            "append" | "insert" | "pop" | "reverse" | "clear" => Purity::Atomic,
            _ => Purity::Impure,
        };
        def_method_with(vm, l, n, f, pure);
    }
    let t = vm.types.tuple;
    def_method(vm, t, "index", index);
    def_method(vm, t, "count", count);
    let r = vm.types.range;
    def_method(vm, r, "index", range_index);
    def_method(vm, r, "count", range_count);
    let s = vm.types.slice;
    def_method(vm, s, "indices", slice_indices);
}

fn slice_indices(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "indices", 2, 2, &[])?;
    let Some(Obj::Slice(s)) = a.pos[0].as_obj() else {
        return Err(
            vm.type_error("descriptor 'indices' for 'slice' objects doesn't apply to this object")
        );
    };
    let s = *s;
    let n = int_arg(vm, a.pos[1], "")?;
    if n < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (start, stop, step, _) = ops::slice_indices(vm, &s, n as usize)?;
    let parts = vec![vm.new_int(start), vm.new_int(stop), vm.new_int(step)];
    Ok(vm.new_tuple(parts))
}

/// Position of `x` in the range `v`: arithmetic for ints, a scan comparing with `==` otherwise.
fn range_position(vm: &mut Vm, v: Value, x: Value) -> PyResult<Option<u128>> {
    let Some(Obj::Range(r)) = v.as_obj() else {
        return Ok(None);
    };
    let r = *r;
    let exact = match ops::num(x) {
        Some(ops::Num::Int(i)) if !x.is_float() => Some(i128::from(i)),
        Some(ops::Num::Big(b)) => Some(num_traits::ToPrimitive::to_i128(b).unwrap_or(i128::MAX)),
        _ => None,
    };
    if let Some(i) = exact {
        return Ok(r
            .contains(i)
            .then(|| (i.wrapping_sub(r.start()) / r.step()) as u128));
    }
    let mut i = 0;
    while i < r.len() {
        let e = ops::int_from_i128(vm, r.get(i));
        if ops::key_eq(vm, e, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn range_index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "index", 2, 2, &[])?;
    match range_position(vm, a.pos[0], a.pos[1])? {
        Some(i) => Ok(ops::int_from_i128(vm, i as i128)),
        None => {
            let r = crate::repr::repr_string(vm, a.pos[1])?;
            Err(vm.value_error(format!("{r} is not in range")))
        }
    }
}

fn range_count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "count", 2, 2, &[])?;
    let v = a.pos[0];
    let Some(Obj::Range(r)) = v.as_obj() else {
        return Ok(Value::int_unchecked(0));
    };
    let r = *r;
    let x = a.pos[1];
    if matches!(ops::num(x), Some(ops::Num::Int(_) | ops::Num::Big(_))) && !x.is_float() {
        let found = range_position(vm, v, x)?.is_some();
        return Ok(Value::int_unchecked(i64::from(found)));
    }
    let mut n = 0;
    let mut i = 0;
    while i < r.len() {
        let e = ops::int_from_i128(vm, r.get(i));
        if ops::key_eq(vm, e, x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(vm.new_int(n))
}

fn items_of(v: Value) -> Vec<Value> {
    match v.as_obj() {
        Some(Obj::List(l)) => l.borrow().clone(),
        Some(Obj::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

fn list_of(vm: &mut Vm, a: &Args, name: &str) -> PyResult<&'static std::cell::RefCell<Vec<Value>>> {
    match a.get(0).and_then(|v| v.as_obj()) {
        Some(Obj::List(l)) => Ok(l),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' for 'list' objects doesn't apply to this object"
        ))),
    }
}

fn append(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error(format!(
            "list.append() takes exactly one argument ({} given)",
            a.len().saturating_sub(1)
        )));
    }
    list_of(vm, a, "append")?.borrow_mut().push(a.pos[1]);
    Ok(Value::NONE)
}

fn extend(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "extend", 2, 2, &[])?;
    ops::list_extend(vm, a.pos[0], a.pos[1])?;
    Ok(Value::NONE)
}

fn insert(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.len() != 3 {
        return Err(vm.type_error(format!(
            "insert expected 2 arguments, got {}",
            a.len().saturating_sub(1)
        )));
    }
    let i = int_arg(vm, a.pos[1], "")?;
    let l = list_of(vm, a, "insert")?;
    let mut l = l.borrow_mut();
    let n = l.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(i as usize, a.pos[2]);
    Ok(Value::NONE)
}

fn pop(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "pop", 1, 2, &[])?;
    let i = match a.get(1) {
        Some(v) => Some(int_arg(vm, v, "")?),
        None => None,
    };
    let l = list_of(vm, a, "pop")?;
    let mut items = l.borrow_mut();
    if items.is_empty() {
        drop(items);
        return Err(vm.index_error("pop from empty list"));
    }
    match i {
        None => Ok(items.pop().unwrap_or(Value::NONE)),
        Some(i) => match ops::norm_index(i, items.len()) {
            Some(i) => Ok(items.remove(i)),
            None => {
                drop(items);
                Err(vm.index_error("pop index out of range"))
            }
        },
    }
}

fn remove(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "remove", 2, 2, &[])?;
    let items = items_of(a.pos[0]);
    for (i, x) in items.iter().enumerate() {
        if ops::key_eq(vm, *x, a.pos[1])? {
            let l = list_of(vm, a, "remove")?;
            let mut l = l.borrow_mut();
            if i < l.len() {
                l.remove(i);
            }
            return Ok(Value::NONE);
        }
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "index", 2, 4, &[])?;
    let items = items_of(a.pos[0]);
    let n = items.len() as i64;
    let clamp = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let start = match a.get(2) {
        Some(v) => clamp(int_arg(vm, v, "")?),
        None => 0,
    };
    let stop = match a.get(3) {
        Some(v) => clamp(int_arg(vm, v, "")?),
        None => n,
    };
    for i in start..stop.max(start) {
        if ops::key_eq(vm, items[i as usize], a.pos[1])? {
            return Ok(vm.new_int(i));
        }
    }
    let is_list = matches!(a.pos[0].as_obj(), Some(Obj::List(_)));
    if is_list {
        let r = crate::repr::repr_string(vm, a.pos[1])?;
        Err(vm.value_error(format!("{r} is not in list")))
    } else {
        Err(vm.value_error("tuple.index(x): x not in tuple"))
    }
}

fn count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "count", 2, 2, &[])?;
    let mut c = 0;
    for x in items_of(a.pos[0]) {
        if ops::key_eq(vm, x, a.pos[1])? {
            c += 1;
        }
    }
    Ok(vm.new_int(c))
}

/// Sorts a list in place with optional key function and `reverse`, as `list.sort` does.
pub fn sort_list(vm: &mut Vm, list: Value, key: Value, reverse: bool) -> PyResult<()> {
    let Some(Obj::List(l)) = list.as_obj() else {
        return Ok(());
    };
    // CPython empties the list while sorting so mutation during the sort is detectable.
    let mut items = std::mem::take(&mut *l.borrow_mut());
    let base = vm.temp_roots.len();
    vm.temp_roots.extend(items.iter().copied());
    let r = (|| -> PyResult<Vec<Value>> {
        let keys: Vec<Value> = if key.is_none() {
            items.clone()
        } else {
            let mut ks = Vec::with_capacity(items.len());
            for x in &items {
                let k = vm.call(key, &[*x])?;
                vm.temp_roots.push(k);
                ks.push(k);
            }
            ks
        };
        let mut idx: Vec<usize> = (0..items.len()).collect();
        if reverse {
            idx.reverse();
        }
        let all_int = keys.iter().all(|k| k.is_small_int());
        let all_float = keys.iter().all(|k| k.is_float());
        let mut less = |x: usize, y: usize| -> PyResult<bool> {
            let (a, b) = (keys[x], keys[y]);
            if all_int {
                return Ok(a.as_small_int_unchecked() < b.as_small_int_unchecked());
            }
            if all_float {
                return Ok(a.as_float_unchecked() < b.as_float_unchecked());
            }
            let c = ops::compare(vm, CmpOp::Lt, a, b)?;
            ops::truthy(vm, c)
        };
        super::sort_values(&mut idx, &mut less)?;
        if reverse {
            idx.reverse();
        }
        Ok(idx.into_iter().map(|i| items[i]).collect())
    })();
    vm.temp_roots.truncate(base);
    let mutated = !l.borrow().is_empty();
    match r {
        Ok(sorted) => {
            *l.borrow_mut() = sorted;
            if mutated {
                return Err(vm.value_error("list modified during sort"));
            }
            Ok(())
        }
        Err(e) => {
            items.truncate(items.len());
            *l.borrow_mut() = items;
            Err(e)
        }
    }
}

fn sort(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "sort", 1, 1, &["key", "reverse"])?;
    let key = a.kw(vm, "key").unwrap_or(Value::NONE);
    let rev = match a.kw(vm, "reverse") {
        Some(r) => ops::truthy(vm, r)?,
        None => false,
    };
    sort_list(vm, a.pos[0], key, rev)?;
    Ok(Value::NONE)
}

fn reverse(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "reverse", 1, 1, &[])?;
    list_of(vm, a, "reverse")?.borrow_mut().reverse();
    Ok(Value::NONE)
}

fn copy(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "copy", 1, 1, &[])?;
    let items = list_of(vm, a, "copy")?.borrow().clone();
    Ok(vm.new_list(items))
}

fn clear(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "clear", 1, 1, &[])?;
    list_of(vm, a, "clear")?.borrow_mut().clear();
    Ok(Value::NONE)
}
