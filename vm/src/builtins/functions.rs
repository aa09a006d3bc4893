//! Built-in functions: `print`, `len`, `sum`, `min`, `sorted`, `isinstance`, `round`, ...

use std::io::Write;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};

use super::{def_builtin_pure, int_arg};
use crate::call::Args;
use crate::code::{BinOp, CmpOp};
use crate::object::{Obj, Purity};
use crate::ops::{self, Num};
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let fns: [(&'static str, crate::object::NativeFn); 36] = [
        ("print", print),
        ("len", len),
        ("abs", abs),
        ("sum", sum),
        ("min", min),
        ("max", max),
        ("sorted", sorted),
        ("any", any),
        ("all", all),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("getattr", getattr),
        ("setattr", setattr),
        ("hasattr", hasattr),
        ("delattr", delattr),
        ("id", id),
        ("repr", repr),
        ("ascii", ascii),
        ("hash", hash),
        ("iter", iter),
        ("next", next),
        ("divmod", divmod),
        ("pow", pow),
        ("round", round),
        ("chr", chr),
        ("ord", ord),
        ("callable", callable),
        ("format", format),
        ("bin", bin),
        ("hex", hex),
        ("oct", oct),
        ("input", input),
        ("vars", vars),
        ("globals", unsupported_introspection),
        ("locals", unsupported_introspection),
        ("open", open),
    ];
    for (n, f) in fns {
        let pure = match n {
            // On ints and floats these only compute (abs of, compare) their arguments.
            "abs" | "min" | "max" => Purity::OnNumbers,
            // Class checks run no Python code here (no `__instancecheck__`).
            "isinstance" => Purity::Always,
            // Only an instance's `__len__` is Python code.
            "len" => Purity::Atomic,
            _ => Purity::Impure,
        };
        def_builtin_pure(vm, n, f, pure);
    }
}

/// Where `print` writes: stdout unless `file` is `sys.stderr`.
fn print(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "print", 0, usize::MAX, &["sep", "end", "file", "flush"])?;
    let sep = match a.kw(vm, "sep") {
        Some(v) if !v.is_none() => match vm.str_of(v) {
            Some(s) => s.to_string(),
            None => {
                let t = vm.type_name(v);
                return Err(vm.type_error(format!("sep must be None or a string, not {t}")));
            }
        },
        _ => " ".to_string(),
    };
    let end = match a.kw(vm, "end") {
        Some(v) if !v.is_none() => match vm.str_of(v) {
            Some(s) => s.to_string(),
            None => {
                let t = vm.type_name(v);
                return Err(vm.type_error(format!("end must be None or a string, not {t}")));
            }
        },
        _ => "\n".to_string(),
    };
    let mut out = String::new();
    for (i, v) in a.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&crate::repr::str_string(vm, *v)?);
    }
    out.push_str(&end);
    let file = a.kw(vm, "file").unwrap_or(Value::NONE);
    crate::stdlib::sys::write_to(vm, file, &out)?;
    if a.kw(vm, "flush").is_some_and(|f| f == Value::TRUE) {
        let _ = vm.out.flush();
    }
    Ok(Value::NONE)
}

/// `len(v)` as usize.
pub fn length(vm: &mut Vm, v: Value) -> PyResult<usize> {
    Ok(match v.as_obj() {
        Some(Obj::Str(s)) => s.chars,
        Some(Obj::List(l)) => l.borrow().len(),
        Some(Obj::Tuple(t)) => t.len(),
        Some(Obj::Dict(d)) => d.borrow().len(),
        Some(Obj::Set(s)) => s.table.borrow().len(),
        Some(Obj::Range(r)) => match i64::try_from(r.len()) {
            Ok(n) => n as usize,
            Err(_) => return Err(ops::ssize_overflow(vm)),
        },
        Some(Obj::DictView { dict, .. }) => ops::dict_len(*dict),
        Some(Obj::Instance(_)) => {
            let n = vm.names.len;
            match vm.call_method_opt(v, n, &[])? {
                Some(r) => match ops::to_i64(r) {
                    Some(i) if i >= 0 && !r.is_float() => i as usize,
                    Some(_) if !r.is_float() => {
                        return Err(vm.value_error("__len__() should return >= 0"))
                    }
                    _ => {
                        let t = vm.type_name(r);
                        return Err(vm.type_error(format!(
                            "'{t}' object cannot be interpreted as an integer"
                        )));
                    }
                },
                None => {
                    let t = vm.type_name(v);
                    return Err(vm.type_error(format!("object of type '{t}' has no len()")));
                }
            }
        }
        _ => {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!("object of type '{t}' has no len()")));
        }
    })
}

fn len(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "len", 1, 1, &[])?;
    let n = length(vm, a.pos[0])?;
    Ok(vm.new_int(n as i64))
}

fn abs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "abs", 1, 1, &[])?;
    let v = a.pos[0];
    match ops::num(v) {
        Some(Num::Int(i)) => Ok(vm.new_int(i.abs())),
        Some(Num::Big(b)) => {
            let r = b.abs();
            Ok(vm.new_bigint(r))
        }
        Some(Num::Float(f)) => Ok(Value::float(f.abs())),
        None => {
            let n = vm.names.abs;
            if let Some(r) = vm.call_method_opt(v, n, &[])? {
                return Ok(r);
            }
            let t = vm.type_name(v);
            Err(vm.type_error(format!("bad operand type for abs(): '{t}'")))
        }
    }
}

fn sum(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "sum", 1, 2, &["start"])?;
    let mut acc = a
        .get(1)
        .or_else(|| a.kw(vm, "start"))
        .unwrap_or(Value::int_unchecked(0));
    if vm.str_of(acc).is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = vm.get_iter(a.pos[0])?;
    vm.temp_roots.push(it);
    let base = vm.temp_roots.len();
    vm.temp_roots.push(acc);
    let r = (|| -> PyResult<Value> {
        while let Some(x) = vm.iter_next(it)? {
            acc = match (acc.as_float(), x.as_float()) {
                (Some(p), Some(q)) => Value::float(p + q),
                _ => ops::binary(vm, BinOp::Add, acc, x, false)?,
            };
            vm.temp_roots[base] = acc;
        }
        Ok(acc)
    })();
    vm.temp_roots.truncate(base - 1);
    r
}

fn min_max(vm: &mut Vm, a: &Args, name: &str, op: CmpOp) -> PyResult<Value> {
    a.check(vm, name, 1, usize::MAX, &["key", "default"])?;
    let key = a.kw(vm, "key").filter(|k| !k.is_none());
    let default = a.kw(vm, "default");
    let items = if a.len() == 1 {
        vm.collect_iterable(a.pos[0])?
    } else {
        if default.is_some() {
            return Err(vm.type_error(format!(
                "Cannot specify a default for {name}() with multiple positional arguments"
            )));
        }
        a.pos.to_vec()
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        };
    }
    let base = vm.temp_roots.len();
    vm.temp_roots.extend(items.iter().copied());
    let r = (|| -> PyResult<Value> {
        let mut best = items[0];
        let mut best_key = match key {
            Some(k) => vm.call(k, &[best])?,
            None => best,
        };
        vm.temp_roots.push(best_key);
        for &x in &items[1..] {
            let kx = match key {
                Some(k) => vm.call(k, &[x])?,
                None => x,
            };
            let c = ops::compare(vm, op, kx, best_key)?;
            if ops::truthy(vm, c)? {
                best = x;
                best_key = kx;
                if let Some(last) = vm.temp_roots.last_mut() {
                    *last = kx;
                }
            }
        }
        Ok(best)
    })();
    vm.temp_roots.truncate(base);
    r
}

fn min(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    min_max(vm, a, "min", CmpOp::Lt)
}

fn max(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    min_max(vm, a, "max", CmpOp::Gt)
}

fn sorted(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", a.len())));
    }
    a.check(vm, "sorted", 1, 1, &["key", "reverse"])?;
    let items = vm.collect_iterable(a.pos[0])?;
    let l = vm.new_list(items);
    vm.temp_roots.push(l);
    let key = a.kw(vm, "key").unwrap_or(Value::NONE);
    let rev = match a.kw(vm, "reverse") {
        Some(r) => ops::truthy(vm, r)?,
        None => false,
    };
    let r = super::list_methods::sort_list(vm, l, key, rev);
    vm.temp_roots.pop();
    r.map(|_| l)
}

fn any(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "any", 1, 1, &[])?;
    let it = vm.get_iter(a.pos[0])?;
    vm.temp_roots.push(it);
    let r = (|| {
        while let Some(x) = vm.iter_next(it)? {
            if ops::truthy(vm, x)? {
                return Ok(Value::TRUE);
            }
        }
        Ok(Value::FALSE)
    })();
    vm.temp_roots.pop();
    r
}

fn all(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "all", 1, 1, &[])?;
    let it = vm.get_iter(a.pos[0])?;
    vm.temp_roots.push(it);
    let r = (|| {
        while let Some(x) = vm.iter_next(it)? {
            if !ops::truthy(vm, x)? {
                return Ok(Value::FALSE);
            }
        }
        Ok(Value::TRUE)
    })();
    vm.temp_roots.pop();
    r
}

/// `isinstance(v, cls_or_tuple)`.
pub fn is_instance_of(vm: &mut Vm, v: Value, cls: Value, fname: &str) -> PyResult<bool> {
    match cls.as_obj() {
        Some(Obj::Class(_)) => Ok(vm.is_instance(v, cls)),
        Some(Obj::Tuple(t)) => {
            for c in t.iter() {
                if is_instance_of(vm, v, *c, fname)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(vm.type_error(format!(
            "{fname}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

fn isinstance(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "isinstance", 2, 2, &[])?;
    Ok(Value::bool(is_instance_of(
        vm,
        a.pos[0],
        a.pos[1],
        "isinstance",
    )?))
}

fn issubclass(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "issubclass", 2, 2, &[])?;
    let c = a.pos[0];
    if !matches!(c.as_obj(), Some(Obj::Class(_))) {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let check = |vm: &mut Vm, b: Value| -> PyResult<bool> {
        match b.as_obj() {
            Some(Obj::Class(_)) => Ok(vm.is_subclass(c, b)),
            _ => Err(
                vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")
            ),
        }
    };
    match a.pos[1].as_obj() {
        Some(Obj::Tuple(t)) => {
            for b in t.iter() {
                if check(vm, *b)? {
                    return Ok(Value::TRUE);
                }
            }
            Ok(Value::FALSE)
        }
        _ => Ok(Value::bool(check(vm, a.pos[1])?)),
    }
}

fn attr_name(vm: &mut Vm, v: Value, fname: &str) -> PyResult<Value> {
    match vm.str_of(v) {
        Some(_) => Ok(vm.intern_value(v)),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "{fname}(): attribute name must be string, not '{t}'"
            )))
        }
    }
}

fn getattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "getattr", 2, 3, &[])?;
    let name = attr_name(vm, a.pos[1], "getattr")?;
    match crate::attr::get_attr(vm, a.pos[0], name) {
        Ok(v) => Ok(v),
        Err(e) if a.len() == 3 && vm.is_instance(e.0, vm.types.attribute_error) => Ok(a.pos[2]),
        Err(e) => Err(e),
    }
}

fn setattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "setattr", 3, 3, &[])?;
    let name = attr_name(vm, a.pos[1], "setattr")?;
    crate::attr::set_attr(vm, a.pos[0], name, a.pos[2])?;
    Ok(Value::NONE)
}

fn hasattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "hasattr", 2, 2, &[])?;
    let name = attr_name(vm, a.pos[1], "hasattr")?;
    match crate::attr::get_attr(vm, a.pos[0], name) {
        Ok(_) => Ok(Value::TRUE),
        Err(e) if vm.is_instance(e.0, vm.types.attribute_error) => Ok(Value::FALSE),
        Err(e) => Err(e),
    }
}

fn delattr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "delattr", 2, 2, &[])?;
    let name = attr_name(vm, a.pos[1], "delattr")?;
    crate::attr::del_attr(vm, a.pos[0], name)?;
    Ok(Value::NONE)
}

fn id(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "id", 1, 1, &[])?;
    let v = a.pos[0];
    let n = if v.is_obj() {
        (v.bits() & 0xFFFF_FFFF_FFFF) as i64
    } else {
        (v.bits() >> 3) as i64 & 0x7FFF_FFFF_FFFF
    };
    Ok(vm.new_int(n))
}

fn repr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "repr", 1, 1, &[])?;
    crate::repr::repr_value(vm, a.pos[0])
}

fn ascii(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "ascii", 1, 1, &[])?;
    crate::repr::ascii_value(vm, a.pos[0])
}

fn hash(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "hash", 1, 1, &[])?;
    let h = ops::hash(vm, a.pos[0])?;
    Ok(vm.new_int(h))
}

fn iter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "iter", 1, 2, &[])?;
    let Some(sentinel) = a.get(1) else {
        return vm.get_iter(a.pos[0]);
    };
    if !is_callable(vm, a.pos[0]) {
        return Err(vm.type_error("iter(v, w): v must be callable"));
    }
    Ok(vm.heap.alloc(Obj::Iter(std::cell::RefCell::new(
        crate::object::IterState::Callable {
            func: a.pos[0],
            sentinel,
        },
    ))))
}

fn next(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "next", 1, 2, &[])?;
    let it = a.pos[0];
    let is_iter = match it.as_obj() {
        Some(Obj::Iter(_)) | Some(Obj::Generator(_)) => true,
        Some(Obj::Instance(i)) => {
            let n = vm.names.next;
            vm.class_lookup(i.class, n).is_some()
        }
        _ => false,
    };
    if !is_iter {
        let t = vm.type_name(it);
        return Err(vm.type_error(format!("'{t}' object is not an iterator")));
    }
    if let Some(Obj::Generator(_)) = it.as_obj() {
        return match vm.gen_resume(it, Value::NONE)? {
            crate::interp::GenStep::Yield(v) => Ok(v),
            crate::interp::GenStep::Return(r) => match a.get(1) {
                Some(d) => Ok(d),
                None => {
                    let args = if r.is_none() { vec![] } else { vec![r] };
                    Err(crate::PyErr(
                        vm.new_exception(vm.types.stop_iteration, args),
                    ))
                }
            },
        };
    }
    match vm.iter_next(it)? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d),
            None => Err(crate::PyErr(
                vm.new_exception(vm.types.stop_iteration, vec![]),
            )),
        },
    }
}

fn divmod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "divmod", 2, 2, &[])?;
    let (x, y) = (a.pos[0], a.pos[1]);
    if let (Some(Num::Float(_)), Some(_)) | (Some(_), Some(Num::Float(_))) =
        (ops::num(x), ops::num(y))
    {
        let (p, q) = (
            ops::to_f64(vm, x)?.unwrap_or(0.0),
            ops::to_f64(vm, y)?.unwrap_or(1.0),
        );
        if q == 0.0 {
            return Err(vm.zero_division("float divmod()"));
        }
        let (d, m) = ops::float_divmod(p, q);
        return Ok(vm.new_tuple(vec![Value::float(d), Value::float(m)]));
    }
    let d = ops::binary(vm, BinOp::FloorDiv, x, y, false)?;
    vm.temp_roots.push(d);
    let m = ops::binary(vm, BinOp::Mod, x, y, false);
    vm.temp_roots.pop();
    let m = m?;
    Ok(vm.new_tuple(vec![d, m]))
}

fn pow(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "pow", 2, 3, &["mod"])?;
    let m = a
        .get(2)
        .or_else(|| a.kw(vm, "mod"))
        .filter(|m| !m.is_none());
    let Some(m) = m else {
        return ops::binary(vm, BinOp::Pow, a.pos[0], a.pos[1], false);
    };
    let (Some(b), Some(e), Some(md)) = (
        ops::to_bigint(a.pos[0]),
        ops::to_bigint(a.pos[1]),
        ops::to_bigint(m),
    ) else {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    };
    if md.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    // A negative exponent means raising the modular inverse of the base to `-e`, as CPython does.
    let (b, e) = if e.is_negative() {
        match mod_inverse(&b, &md.abs()) {
            Some(inv) => (inv, -e),
            None => return Err(vm.value_error("base is not invertible for the given modulus")),
        }
    } else {
        (b, e)
    };
    let r = b.modpow(&e, &md);
    let r = if !r.is_zero() && (r.is_negative() != md.is_negative()) {
        r + &md
    } else {
        r
    };
    Ok(vm.new_bigint(r))
}

/// The inverse of `b` modulo `m` (> 0) by the extended Euclidean algorithm, if it exists.
fn mod_inverse(b: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut r0, mut r1) = (b.mod_floor(m), m.clone());
    let (mut s0, mut s1) = (BigInt::from(1), BigInt::from(0));
    while !r1.is_zero() {
        let q = r0.div_floor(&r1);
        let r2 = &r0 - &q * &r1;
        let s2 = &s0 - &q * &s1;
        (r0, r1, s0, s1) = (r1, r2, s1, s2);
    }
    if r0 == BigInt::from(1) || m == &BigInt::from(1) {
        Some(s0.mod_floor(m))
    } else {
        None
    }
}

/// Rounds half to even at `ndigits` decimal places, as CPython's `round(float, n)` (via the exact
/// decimal expansion).
fn round_float(x: f64, ndigits: i64) -> f64 {
    if !x.is_finite() || ndigits > 308 {
        return x;
    }
    if ndigits >= 0 {
        let s = crate::fmt::float_repr::format_fixed(x, ndigits as usize);
        return s.parse().unwrap_or(x);
    }
    if ndigits < -308 {
        return 0.0_f64.copysign(x);
    }
    let p = 10f64.powi((-ndigits) as i32);
    let y = x / p;
    let r = y.round();
    let r = if (y - y.trunc()).abs() == 0.5 {
        2.0 * (y / 2.0).round()
    } else {
        r
    };
    let z = r * p;
    if z.is_infinite() {
        x
    } else {
        z
    }
}

fn round(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "round", 1, 2, &["ndigits"])?;
    let x = a.pos[0];
    let nd = a
        .get(1)
        .or_else(|| a.kw(vm, "ndigits"))
        .filter(|v| !v.is_none());
    match ops::num(x) {
        Some(Num::Float(f)) => match nd {
            None => {
                if f.is_nan() {
                    return Err(vm.value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(vm.overflow_error("cannot convert float infinity to integer"));
                }
                let r = f.round();
                let r = if (f - f.trunc()).abs() == 0.5 {
                    2.0 * (f / 2.0).round()
                } else {
                    r
                };
                super::ctors::float_to_int(vm, r)
            }
            Some(n) => {
                let n = int_arg(vm, n, "")?;
                Ok(Value::float(round_float(f, n)))
            }
        },
        Some(Num::Int(_)) | Some(Num::Big(_)) => {
            let Some(n) = nd else {
                return Ok(vm.new_bigint(ops::to_bigint(x).unwrap_or_default()));
            };
            let n = int_arg(vm, n, "")?;
            if n >= 0 {
                return Ok(vm.new_bigint(ops::to_bigint(x).unwrap_or_default()));
            }
            let v = ops::to_bigint(x).unwrap_or_default();
            let p = num_traits::pow::Pow::pow(BigInt::from(10), (-n) as u32);
            let (q, r) = v.div_mod_floor(&p);
            let twice = &r * 2;
            let q = if twice > p || (twice == p && q.is_odd()) {
                q + 1
            } else {
                q
            };
            Ok(vm.new_bigint(q * p))
        }
        None => {
            let rn = vm.intern("__round__");
            let extra: Vec<Value> = nd.into_iter().collect();
            if let Some(r) = vm.call_method_opt(x, rn, &extra)? {
                return Ok(r);
            }
            let t = vm.type_name(x);
            Err(vm.type_error(format!("type {t} doesn't define __round__ method")))
        }
    }
}

fn chr(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "chr", 1, 1, &[])?;
    let i = int_arg(vm, a.pos[0], "")?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(super::char_str(vm, c)),
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "ord", 1, 1, &[])?;
    match vm.str_of(a.pos[0]) {
        Some(s) => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(Value::int_unchecked(c as i64)),
                _ => {
                    let n = s.chars().count();
                    Err(vm.type_error(format!(
                        "ord() expected a character, but string of length {n} found"
                    )))
                }
            }
        }
        None => {
            let t = vm.type_name(a.pos[0]);
            Err(vm.type_error(format!("ord() expected string of length 1, but {t} found")))
        }
    }
}

fn callable(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "callable", 1, 1, &[])?;
    Ok(Value::bool(is_callable(vm, a.pos[0])))
}

/// `callable(v)`.
fn is_callable(vm: &mut Vm, v: Value) -> bool {
    match v.as_obj() {
        Some(Obj::Function(_))
        | Some(Obj::Native(_))
        | Some(Obj::BoundMethod(..))
        | Some(Obj::Class(_)) => true,
        Some(Obj::Instance(i)) => {
            let c = vm.names.call;
            vm.class_lookup(i.class, c).is_some()
        }
        _ => false,
    }
}

fn format(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "format", 1, 2, &[])?;
    let spec = a.get(1).unwrap_or(Value::EMPTY);
    if !spec.is_empty() && vm.str_of(spec).is_none() {
        let t = vm.type_name(spec);
        return Err(vm.type_error(format!("format() argument 2 must be str, not {t}")));
    }
    super::format_value(vm, a.pos[0], spec)
}

fn radix(vm: &mut Vm, a: &Args, name: &str, prefix: &str, base: u32) -> PyResult<Value> {
    a.check(vm, name, 1, 1, &[])?;
    let v = a.pos[0];
    let n = match ops::num(v) {
        Some(Num::Int(i)) if !v.is_float() => BigInt::from(i),
        Some(Num::Big(b)) => b.clone(),
        _ => {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    let sign = if n.is_negative() { "-" } else { "" };
    let digits = n.abs().to_str_radix(base);
    Ok(vm.new_str(format!("{sign}{prefix}{digits}")))
}

fn bin(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    radix(vm, a, "bin", "0b", 2)
}

fn hex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    radix(vm, a, "hex", "0x", 16)
}

fn oct(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    radix(vm, a, "oct", "0o", 8)
}

fn input(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "input", 0, 1, &[])?;
    if let Some(p) = a.get(0) {
        let s = crate::repr::str_string(vm, p)?;
        let _ = vm.out.write_all(s.as_bytes());
    }
    let _ = vm.out.flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(vm.exc(vm.types.eof_error, "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
            }
            Ok(vm.new_str(line))
        }
        Err(e) => Err(vm.exc(vm.types.os_error, e.to_string())),
    }
}

fn vars(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "vars", 1, 1, &[])?;
    let d = vm.names.dict;
    crate::attr::get_attr(vm, a.pos[0], d)
}

fn unsupported_introspection(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.not_supported("globals()/locals()"))
}

fn open(vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Err(vm.not_supported("open() (file I/O)"))
}
