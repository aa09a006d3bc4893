//! Constructors of the built-in types: `int()`, `float()`, `str()`, `list()`, `range()`, ...
//! Each is the `__new__` of its class and receives the class as `args[0]`.

use std::cell::RefCell;

use num_bigint::BigInt;
use num_traits::{FromPrimitive, Num as _, ToPrimitive};

use super::{def_method, int_arg};
use crate::call::Args;
use crate::object::{IterState, Obj, PyRange};
use crate::ops::{self, Num};
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    let pairs: [(Value, crate::object::NativeFn); 20] = [
        (t.int, int_new),
        (t.float, float_new),
        (t.str_, str_new),
        (t.bool_, bool_new),
        (t.list, list_new),
        (t.tuple, tuple_new),
        (t.dict, dict_new),
        (t.set, set_new),
        (t.frozenset, frozenset_new),
        (t.range, range_new),
        (t.slice, slice_new),
        (t.type_, type_new),
        (t.enumerate, enumerate_new),
        (t.zip, zip_new),
        (t.map, map_new),
        (t.filter, filter_new),
        (t.reversed, reversed_new),
        (t.property, property_new),
        (t.staticmethod, staticmethod_new),
        (t.classmethod, classmethod_new),
    ];
    for (cls, f) in pairs {
        def_method(vm, cls, "__new__", f);
    }
    let sup = vm.types.super_;
    def_method(vm, sup, "__new__", super_new);
    let prop = vm.types.property;
    def_method(vm, prop, "setter", property_setter);
    def_method(vm, prop, "getter", property_getter);
    let be = vm.types.base_exception;
    def_method(vm, be, "__init__", exception_init);
    let obj = vm.types.object;
    def_method(vm, obj, "__init__", object_init);
}

fn object_init(_vm: &mut Vm, _a: &Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn exception_init(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let inst = a.get(0).unwrap_or(Value::NONE);
    let t = vm.new_tuple(a.pos[1..].to_vec());
    let k = vm.names.args;
    crate::attr::set_instance_attr(vm, inst, k, t)?;
    Ok(Value::NONE)
}

/// CPython 3.11's default limit on decimal (non-power-of-two base) int/str conversions, which
/// guards against quadratic-time conversions (`sys.get_int_max_str_digits()`).
pub const INT_MAX_STR_DIGITS: usize = 4300;

/// The digit count of `s` when converting it in `base` exceeds the limit (`None` otherwise).
fn too_many_digits(s: &str, base: u32) -> Option<usize> {
    let t = s.trim().trim_start_matches(['+', '-']);
    let prefixed = t.len() > 1
        && t.as_bytes()[0] == b'0'
        && matches!(t.as_bytes()[1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B');
    if base.is_power_of_two() || (base == 0 && prefixed) {
        return None;
    }
    let n = t.chars().filter(|c| *c != '_').count();
    (n > INT_MAX_STR_DIGITS).then_some(n)
}

/// Parses a Python int literal string in `base` (0 = auto-detect prefix), as `int(s, base)` does.
pub fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let (digits, base) = match (base, lower.get(..2)) {
        (0 | 16, Some("0x")) => (&lower[2..], 16),
        (0 | 8, Some("0o")) => (&lower[2..], 8),
        (0 | 2, Some("0b")) => (&lower[2..], 2),
        (0, _) => {
            if lower.len() > 1
                && lower.starts_with('0')
                && lower.trim_start_matches(['0', '_']).is_empty()
            {
                return Some(BigInt::from(0));
            }
            if lower.starts_with('0') && lower.len() > 1 {
                return None;
            }
            (&lower[..], 10)
        }
        (b, _) => (&lower[..], b),
    };
    let digits = digits
        .strip_prefix('_')
        .filter(|_| base != 10 || body.len() != digits.len())
        .unwrap_or(digits);
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    if !clean.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let v = BigInt::from_str_radix(&clean, base).ok()?;
    Some(if neg { -v } else { v })
}

fn int_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "int", 1, 3, &["base"])?;
    let Some(x) = a.get(1) else {
        return Ok(Value::int_unchecked(0));
    };
    let base = match a.get(2).or_else(|| a.kw(vm, "base")) {
        Some(b) => Some(int_arg(vm, b, "")?),
        None => None,
    };
    if let Some(s) = vm.str_of(x) {
        let b = base.unwrap_or(10);
        if b != 0 && !(2..=36).contains(&b) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        if let Some(n) = too_many_digits(s, b as u32) {
            return Err(vm.value_error(format!(
                "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
            )));
        }
        return match parse_int(s, b as u32) {
            Some(v) => Ok(vm.new_bigint(v)),
            None => {
                let r = crate::repr::str_repr(s, false);
                Err(vm.value_error(format!("invalid literal for int() with base {b}: {r}")))
            }
        };
    }
    if base.is_some() {
        return Err(vm.type_error("int() can't convert non-string with explicit base"));
    }
    match ops::num(x) {
        Some(Num::Int(i)) => Ok(vm.new_int(i)),
        Some(Num::Big(_)) => Ok(x),
        Some(Num::Float(f)) => float_to_int(vm, f),
        None => {
            let n = vm.names.int;
            if let Some(r) = vm.call_method_opt(x, n, &[])? {
                return Ok(r);
            }
            let n = vm.names.index;
            if let Some(r) = vm.call_method_opt(x, n, &[])? {
                return Ok(r);
            }
            let t = vm.type_name(x);
            Err(vm.type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
            )))
        }
    }
}

/// `int(f)`: truncation toward zero.
pub fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e15 {
        return Ok(vm.new_int(t as i64));
    }
    Ok(vm.new_bigint(BigInt::from_f64(t).unwrap_or_default()))
}

/// Parses a float literal as `float(s)` does.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (sign, body) = match lower.as_bytes().first() {
        Some(b'-') => (-1.0, &lower[1..]),
        Some(b'+') => (1.0, &lower[1..]),
        _ => (1.0, &lower[..]),
    };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-' | '_'))
    {
        return None;
    }
    let clean: String = body.chars().filter(|c| *c != '_').collect();
    clean.parse::<f64>().ok().map(|v| sign * v)
}

fn float_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "float", 1, 2, &[])?;
    let Some(x) = a.get(1) else {
        return Ok(Value::float(0.0));
    };
    if let Some(s) = vm.str_of(x) {
        return match parse_float(s) {
            Some(f) => Ok(Value::float(f)),
            None => {
                let r = crate::repr::str_repr(s, false);
                Err(vm.value_error(format!("could not convert string to float: {r}")))
            }
        };
    }
    match ops::to_f64(vm, x)? {
        Some(f) => Ok(Value::float(f)),
        None => {
            let n = vm.names.float;
            if let Some(r) = vm.call_method_opt(x, n, &[])? {
                return Ok(r);
            }
            let t = vm.type_name(x);
            Err(vm.type_error(format!(
                "float() argument must be a string or a real number, not '{t}'"
            )))
        }
    }
}

fn str_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "str", 1, 2, &[])?;
    match a.get(1) {
        None => Ok(vm.intern("")),
        Some(x) => crate::repr::str_value(vm, x),
    }
}

fn bool_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "bool", 1, 2, &[])?;
    match a.get(1) {
        None => Ok(Value::FALSE),
        Some(x) => Ok(Value::bool(ops::truthy(vm, x)?)),
    }
}

fn list_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "list", 1, 2, &[])?;
    let items = match a.get(1) {
        None => Vec::new(),
        Some(x) => vm.collect_iterable(x)?,
    };
    Ok(vm.new_list(items))
}

fn tuple_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "tuple", 1, 2, &[])?;
    match a.get(1) {
        None => Ok(vm.new_tuple(Vec::new())),
        Some(x) if matches!(x.as_obj(), Some(Obj::Tuple(_))) => Ok(x),
        Some(x) => {
            let items = vm.collect_iterable(x)?;
            Ok(vm.new_tuple(items))
        }
    }
}

fn dict_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.len() > 2 {
        return Err(vm.type_error(format!(
            "dict expected at most 1 argument, got {}",
            a.len() - 1
        )));
    }
    let d = vm.new_dict();
    vm.temp_roots.push(d);
    let r = (|| {
        if let Some(src) = a.get(1) {
            ops::dict_update(vm, d, src)?;
        }
        for (k, v) in &a.kw {
            ops::dict_set(vm, d, *k, *v)?;
        }
        Ok(d)
    })();
    vm.temp_roots.pop();
    r
}

fn make_set(vm: &mut Vm, a: &Args, frozen: bool, name: &str) -> PyResult<Value> {
    a.check(vm, name, 1, 2, &[])?;
    let s = ops::new_set(vm, frozen);
    if let Some(src) = a.get(1) {
        vm.temp_roots.push(s);
        let r = ops::set_update(vm, s, src);
        vm.temp_roots.pop();
        r?;
    }
    Ok(s)
}

fn set_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    make_set(vm, a, false, "set")
}

fn frozenset_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    make_set(vm, a, true, "frozenset")
}

fn range_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.len() < 2 {
        return Err(vm.type_error("range expected at least 1 argument, got 0"));
    }
    if a.len() > 4 {
        return Err(vm.type_error(format!(
            "range expected at most 3 arguments, got {}",
            a.len() - 1
        )));
    }
    let mut nums = [0i128; 3];
    for (i, v) in a.pos[1..].iter().enumerate() {
        nums[i] = match ops::num(*v) {
            Some(ops::Num::Big(b)) => match b.to_i128() {
                Some(x) => x,
                None => {
                    return Err(
                        vm.overflow_error("range() bounds beyond 128 bits are not supported")
                    )
                }
            },
            _ => i128::from(int_arg(vm, *v, "")?),
        };
    }
    let r = match a.len() {
        2 => PyRange::new(0, nums[0], 1),
        3 => PyRange::new(nums[0], nums[1], 1),
        _ => {
            if nums[2] == 0 {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            PyRange::new(nums[0], nums[1], nums[2])
        }
    };
    Ok(vm.heap.alloc(Obj::Range(r)))
}

fn slice_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let p = |i: usize| a.get(i).unwrap_or(Value::NONE);
    let parts = match a.len() {
        2 => [Value::NONE, p(1), Value::NONE],
        3 => [p(1), p(2), Value::NONE],
        4 => [p(1), p(2), p(3)],
        _ => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
    };
    Ok(vm.heap.alloc(Obj::Slice(parts)))
}

fn type_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match a.len() {
        2 => Ok(vm.type_of(a.pos[1])),
        4 => Err(vm.not_supported("type() with three arguments")),
        _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
    }
}

fn new_iter(vm: &mut Vm, s: IterState) -> Value {
    vm.heap.alloc(Obj::Iter(RefCell::new(s)))
}

fn enumerate_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "enumerate", 2, 3, &["start"])?;
    let it = vm.get_iter(a.pos[1])?;
    let start = match a.get(2).or_else(|| a.kw(vm, "start")) {
        Some(s) => int_arg(vm, s, "")?,
        None => 0,
    };
    Ok(new_iter(vm, IterState::Enumerate { it, count: start }))
}

fn zip_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let mut its = Vec::new();
    for (i, v) in a.pos[1..].iter().enumerate() {
        match vm.get_iter(*v) {
            Ok(it) => {
                its.push(it);
                vm.temp_roots.push(it);
            }
            Err(e) => {
                vm.temp_roots.truncate(vm.temp_roots.len() - its.len());
                if ops::is_type_error_not_iterable(vm, &e) {
                    return Err(
                        vm.type_error(format!("zip argument #{} must support iteration", i + 1))
                    );
                }
                return Err(e);
            }
        }
    }
    vm.temp_roots.truncate(vm.temp_roots.len() - its.len());
    Ok(new_iter(vm, IterState::Zip { its }))
}

fn map_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    if a.len() < 3 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let func = a.pos[1];
    let mut its = Vec::new();
    for v in &a.pos[2..] {
        let it = vm.get_iter(*v)?;
        vm.temp_roots.push(it);
        its.push(it);
    }
    vm.temp_roots.truncate(vm.temp_roots.len() - its.len());
    Ok(new_iter(vm, IterState::Map { func, its }))
}

fn filter_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "filter", 3, 3, &[])?;
    let it = vm.get_iter(a.pos[2])?;
    Ok(new_iter(vm, IterState::Filter { func: a.pos[1], it }))
}

fn reversed_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "reversed", 2, 2, &[])?;
    let seq = a.pos[1];
    let n = match seq.as_obj() {
        Some(Obj::List(l)) => l.borrow().len(),
        Some(Obj::Tuple(t)) => t.len(),
        Some(Obj::Str(s)) => {
            let mut chars: Vec<Value> = Vec::new();
            for c in s.s.chars().rev() {
                chars.push(super::char_str(vm, c));
            }
            return Ok(new_iter(
                vm,
                IterState::Snapshot {
                    items: chars,
                    index: 0,
                },
            ));
        }
        Some(Obj::Range(r)) => {
            let r = *r;
            let n = r.len();
            let rev = if n == 0 {
                PyRange::new(0, 0, 1)
            } else {
                PyRange::new(
                    r.get(n - 1),
                    r.start().wrapping_sub(r.step()),
                    r.step().wrapping_neg(),
                )
            };
            let rev = vm.heap.alloc(Obj::Range(rev));
            vm.temp_roots.push(rev);
            let it = vm.get_iter(rev);
            vm.temp_roots.pop();
            return it;
        }
        Some(Obj::Dict(_)) => {
            let mut keys: Vec<Value> = ops::dict_items(seq).into_iter().map(|(k, _)| k).collect();
            keys.reverse();
            return Ok(new_iter(
                vm,
                IterState::Snapshot {
                    items: keys,
                    index: 0,
                },
            ));
        }
        Some(Obj::DictView { .. }) => {
            let mut items = vm.collect_iterable(seq)?;
            items.reverse();
            return Ok(new_iter(vm, IterState::Snapshot { items, index: 0 }));
        }
        Some(Obj::Instance(_)) => {
            let rn = vm.intern("__reversed__");
            if let Some(r) = vm.call_method_opt(seq, rn, &[])? {
                return Ok(r);
            }
            let ln = vm.names.len;
            match vm.call_method_opt(seq, ln, &[])? {
                Some(n) => ops::to_i64(n).unwrap_or(0) as usize,
                None => {
                    let t = vm.type_name(seq);
                    return Err(vm.type_error(format!("'{t}' object is not reversible")));
                }
            }
        }
        _ => {
            let t = vm.type_name(seq);
            return Err(vm.type_error(format!("'{t}' object is not reversible")));
        }
    };
    Ok(new_iter(vm, IterState::Reversed { seq, index: n }))
}

fn property_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let fget = a.get(1).or_else(|| a.kw(vm, "fget")).unwrap_or(Value::NONE);
    let fset = a.get(2).or_else(|| a.kw(vm, "fset")).unwrap_or(Value::NONE);
    Ok(vm.heap.alloc(Obj::Property(fget, fset)))
}

fn property_setter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let fget = match a.get(0).and_then(|p| p.as_obj()) {
        Some(Obj::Property(g, _)) => *g,
        _ => Value::NONE,
    };
    let fset = a.get(1).unwrap_or(Value::NONE);
    Ok(vm.heap.alloc(Obj::Property(fget, fset)))
}

fn property_getter(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let fset = match a.get(0).and_then(|p| p.as_obj()) {
        Some(Obj::Property(_, s)) => *s,
        _ => Value::NONE,
    };
    let fget = a.get(1).unwrap_or(Value::NONE);
    Ok(vm.heap.alloc(Obj::Property(fget, fset)))
}

fn staticmethod_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "staticmethod", 2, 2, &[])?;
    Ok(vm.heap.alloc(Obj::StaticMethod(a.pos[1])))
}

fn classmethod_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "classmethod", 2, 2, &[])?;
    Ok(vm.heap.alloc(Obj::ClassMethod(a.pos[1])))
}

fn super_new(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match a.len() {
        3 => {
            let (cls, obj) = (a.pos[1], a.pos[2]);
            if !matches!(cls.as_obj(), Some(Obj::Class(_))) {
                let t = vm.type_name(cls);
                return Err(vm.type_error(format!("super() argument 1 must be a type, not {t}")));
            }
            let ok = vm.is_instance(obj, cls)
                || matches!(obj.as_obj(), Some(Obj::Class(_))) && vm.is_subclass(obj, cls);
            if !ok {
                return Err(
                    vm.type_error("super(type, obj): obj must be an instance or subtype of type")
                );
            }
            Ok(vm.heap.alloc(Obj::Super(cls, obj)))
        }
        1 => Err(vm.runtime_error("super(): no arguments")),
        _ => Err(vm.not_supported("super() with these arguments")),
    }
}
