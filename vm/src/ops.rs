//! Generic operations on values: arithmetic, comparison, truth, hashing, subscripts, containers.
//! These are the slow paths behind the interpreter's specialized instructions, with CPython's
//! semantics and error messages.

use std::cell::RefCell;
use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::code::{BinOp, CmpOp, Op};
use crate::object::{Obj, PyRange, PySet, ViewKind};
use crate::pyhash;
use crate::table::SetTable;
use crate::value::Value;
use crate::vm::Vm;
use crate::{PyErr, PyResult};

/// A number operand, classified.
#[derive(Clone)]
pub enum Num<'a> {
    Int(i64),
    Big(&'a BigInt),
    Float(f64),
}

/// Classifies `v` as a number (bools are ints).
#[inline]
pub fn num<'a>(v: Value) -> Option<Num<'a>> {
    if let Some(i) = v.as_small_int() {
        return Some(Num::Int(i));
    }
    if let Some(f) = v.as_float() {
        return Some(Num::Float(f));
    }
    if v.is_bool() {
        return Some(Num::Int(i64::from(v == Value::TRUE)));
    }
    match v.as_obj() {
        Some(Obj::Int(b)) => Some(Num::Big(b)),
        _ => None,
    }
}

/// The value of an int (or bool) as a BigInt.
pub fn to_bigint(v: Value) -> Option<BigInt> {
    match num(v)? {
        Num::Int(i) => Some(BigInt::from(i)),
        Num::Big(b) => Some(b.clone()),
        Num::Float(_) => None,
    }
}

/// The value of an int (or bool) as i64, if it fits.
pub fn to_i64(v: Value) -> Option<i64> {
    match num(v)? {
        Num::Int(i) => Some(i),
        Num::Big(b) => b.to_i64(),
        Num::Float(_) => None,
    }
}

fn big_to_f64(vm: &mut Vm, b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(vm.overflow_error("int too large to convert to float")),
    }
}

fn num_to_f64(vm: &mut Vm, n: &Num) -> PyResult<f64> {
    match n {
        Num::Int(i) => Ok(*i as f64),
        Num::Big(b) => big_to_f64(vm, b),
        Num::Float(f) => Ok(*f),
    }
}

/// Converts a value to float for `float(x)`-like contexts (ints and floats only).
pub fn to_f64(vm: &mut Vm, v: Value) -> PyResult<Option<f64>> {
    match num(v) {
        Some(n) => num_to_f64(vm, &n).map(Some),
        None => Ok(None),
    }
}

fn floor_div_i64(x: i64, y: i64) -> i64 {
    let q = x / y;
    if x % y != 0 && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

fn mod_i64(x: i64, y: i64) -> i64 {
    let r = x % y;
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

/// Python float `divmod`, as CPython computes it.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0_f64.copysign(x / y)
    };
    (floordiv, m)
}

/// `x ** y` for floats, as CPython computes and fails it.
pub fn float_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult<Value> {
    if x == 0.0 && y < 0.0 {
        return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(vm.not_supported("complex results of **"));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(Value::float(r))
}

fn float_op(vm: &mut Vm, op: BinOp, x: f64, y: f64) -> PyResult<Option<Value>> {
    Ok(Some(Value::float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(vm.zero_division("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(vm.zero_division("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => return float_pow(vm, x, y).map(Some),
        _ => return Ok(None),
    })))
}

fn big_op(vm: &mut Vm, op: BinOp, x: &BigInt, y: &BigInt) -> PyResult<Option<Value>> {
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            x.div_floor(y)
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            x.mod_floor(y)
        }
        BinOp::TrueDiv => {
            if y.is_zero() {
                return Err(vm.zero_division("division by zero"));
            }
            return Ok(Some(Value::float(int_true_div(vm, x, y)?)));
        }
        BinOp::Pow => {
            if y.is_negative() {
                let (fx, fy) = (big_to_f64(vm, x)?, big_to_f64(vm, y)?);
                return float_pow(vm, fx, fy).map(Some);
            }
            let Some(e) = y.to_u32() else {
                return Err(vm.overflow_error("exponent too large"));
            };
            num_traits::pow::Pow::pow(x, e)
        }
        BinOp::LShift => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let Some(s) = y.to_usize() else {
                return Err(vm.overflow_error("too many digits in integer"));
            };
            x << s
        }
        BinOp::RShift => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let s = y.to_usize().unwrap_or(usize::MAX / 2);
            if s > x.bits() as usize + 1 {
                if x.is_negative() {
                    BigInt::from(-1)
                } else {
                    BigInt::zero()
                }
            } else {
                x >> s
            }
        }
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::MatMul => return Ok(None),
    };
    Ok(Some(vm.new_bigint(r)))
}

/// Correctly rounded int / int for the common case (both exactly representable), else via f64.
fn int_true_div(vm: &mut Vm, x: &BigInt, y: &BigInt) -> PyResult<f64> {
    const EXACT: u64 = 1 << 53;
    if x.bits() <= 53 && y.bits() <= 53 {
        let (fx, fy) = (x.to_f64().unwrap_or(0.0), y.to_f64().unwrap_or(1.0));
        debug_assert!(fx.abs() <= EXACT as f64);
        return Ok(fx / fy);
    }
    let (q, r) = x.div_rem(y);
    let fq = big_to_f64(vm, &q)?;
    let fr = r.to_f64().unwrap_or(0.0) / y.to_f64().unwrap_or(f64::INFINITY);
    Ok(fq + fr)
}

fn small_int_op(vm: &mut Vm, op: BinOp, x: i64, y: i64) -> PyResult<Option<Value>> {
    let r = match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            Some(floor_div_i64(x, y))
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            Some(mod_i64(x, y))
        }
        BinOp::TrueDiv => {
            if y == 0 {
                return Err(vm.zero_division("division by zero"));
            }
            return Ok(Some(Value::float(x as f64 / y as f64)));
        }
        BinOp::And => Some(x & y),
        BinOp::Or => Some(x | y),
        BinOp::Xor => Some(x ^ y),
        BinOp::LShift if (0..16).contains(&y) => x.checked_shl(y as u32).filter(|r| r >> y == x),
        BinOp::RShift if y >= 0 => Some(x >> y.min(63)),
        BinOp::Pow if (0..64).contains(&y) => x.checked_pow(y as u32),
        _ => None,
    };
    match r {
        Some(r) => Ok(Some(vm.new_int(r))),
        None => big_op(vm, op, &BigInt::from(x), &BigInt::from(y)),
    }
}

/// Arithmetic between two numbers, or `None` if the operator does not apply.
fn numeric(vm: &mut Vm, op: BinOp, a: Num, b: Num) -> PyResult<Option<Value>> {
    match (&a, &b) {
        (Num::Int(x), Num::Int(y)) => small_int_op(vm, op, *x, *y),
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            if matches!(
                op,
                BinOp::LShift | BinOp::RShift | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::MatMul
            ) {
                return Ok(None);
            }
            let (x, y) = (num_to_f64(vm, &a)?, num_to_f64(vm, &b)?);
            float_op(vm, op, x, y)
        }
        _ => {
            let x = match a {
                Num::Int(i) => BigInt::from(i),
                Num::Big(b) => b.clone(),
                Num::Float(_) => return Ok(None),
            };
            let y = match b {
                Num::Int(i) => BigInt::from(i),
                Num::Big(b) => b.clone(),
                Num::Float(_) => return Ok(None),
            };
            big_op(vm, op, &x, &y)
        }
    }
}

/// `a op b` (and `a op= b` when `inplace`).
pub fn binary(vm: &mut Vm, op: BinOp, a: Value, b: Value, inplace: bool) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
        if let Some(v) = small_int_op(vm, op, x, y)? {
            return Ok(v);
        }
    }
    // bool's `&`, `|` and `^` stay bools (every other operator treats them as ints).
    if a.is_bool() && b.is_bool() {
        let (x, y) = (a == Value::TRUE, b == Value::TRUE);
        match op {
            BinOp::And => return Ok(Value::bool(x & y)),
            BinOp::Or => return Ok(Value::bool(x | y)),
            BinOp::Xor => return Ok(Value::bool(x ^ y)),
            _ => {}
        }
    }
    if let (Some(na), Some(nb)) = (num(a), num(b)) {
        if let Some(v) = numeric(vm, op, na, nb)? {
            return Ok(v);
        }
    }
    if let Some(v) = builtin_binary(vm, op, a, b, inplace)? {
        return Ok(v);
    }
    let (name, rname, iname) = op.dunders();
    let not_impl = vm.not_implemented;
    if inplace && matches!(a.as_obj(), Some(Obj::Instance(_))) {
        let n = vm.intern(iname);
        if let Some(r) = vm.call_method_opt(a, n, &[b])? {
            if r != not_impl {
                return Ok(r);
            }
        }
    }
    if matches!(a.as_obj(), Some(Obj::Instance(_))) {
        let n = vm.intern(name);
        if let Some(r) = vm.call_method_opt(a, n, &[b])? {
            if r != not_impl {
                return Ok(r);
            }
        }
    }
    if matches!(b.as_obj(), Some(Obj::Instance(_))) {
        let n = vm.intern(rname);
        if let Some(r) = vm.call_method_opt(b, n, &[a])? {
            if r != not_impl {
                return Ok(r);
            }
        }
    }
    let (ta, tb) = (vm.type_name(a), vm.type_name(b));
    let sym = if inplace && op != BinOp::Pow {
        format!("{}=", op.symbol())
    } else {
        op.symbol().to_string()
    };
    if op == BinOp::Mod && vm.str_of(a).is_some() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for {sym}: '{ta}' and '{tb}'"
    )))
}

fn repeat_count(vm: &mut Vm, n: Value) -> PyResult<Option<usize>> {
    match num(n) {
        Some(Num::Int(i)) if !n.is_float() => Ok(Some(i.max(0) as usize)),
        Some(Num::Big(b)) => {
            if b.is_negative() {
                Ok(Some(0))
            } else {
                Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"))
            }
        }
        _ => Ok(None),
    }
}

/// Operators on built-in non-numeric types (sequences, sets, str formatting).
fn builtin_binary(
    vm: &mut Vm,
    op: BinOp,
    a: Value,
    b: Value,
    inplace: bool,
) -> PyResult<Option<Value>> {
    let (oa, ob) = (a.as_obj(), b.as_obj());
    match op {
        BinOp::Add => match (oa, ob) {
            (Some(Obj::Str(x)), Some(Obj::Str(y))) => {
                let mut s = String::with_capacity(x.s.len() + y.s.len());
                s.push_str(&x.s);
                s.push_str(&y.s);
                Ok(Some(vm.new_str(s)))
            }
            (Some(Obj::List(x)), Some(Obj::List(y))) => {
                if inplace {
                    let add = y.borrow().clone();
                    x.borrow_mut().extend(add);
                    return Ok(Some(a));
                }
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter());
                Ok(Some(vm.new_list(v)))
            }
            (Some(Obj::List(_)), _) if inplace => {
                list_extend(vm, a, b)?;
                Ok(Some(a))
            }
            (Some(Obj::Tuple(x)), Some(Obj::Tuple(y))) => {
                let mut v = x.to_vec();
                v.extend(y.iter());
                Ok(Some(vm.new_tuple(v)))
            }
            (Some(Obj::List(_)), Some(_))
            | (Some(Obj::Tuple(_)), Some(_))
            | (Some(Obj::Str(_)), Some(_))
                if !matches!(ob, Some(Obj::Instance(_))) =>
            {
                let what = match oa {
                    Some(Obj::List(_)) => "list",
                    Some(Obj::Tuple(_)) => "tuple",
                    _ => "str",
                };
                let t = vm.type_name(b);
                Err(vm.type_error(format!(
                    "can only concatenate {what} (not \"{t}\") to {what}"
                )))
            }
            (Some(Obj::Str(_)), None) => {
                let t = vm.type_name(b);
                Err(vm.type_error(format!("can only concatenate str (not \"{t}\") to str")))
            }
            _ => Ok(None),
        },
        BinOp::Mul => {
            let (seq, n) = if repeat_count(vm, b)?.is_some() && !b.is_float() {
                (a, b)
            } else {
                (b, a)
            };
            let Some(count) = (if n.is_float() {
                None
            } else {
                repeat_count(vm, n)?
            }) else {
                return Ok(None);
            };
            match seq.as_obj() {
                Some(Obj::Str(s)) => {
                    if s.s.len().saturating_mul(count) > (1 << 34) {
                        return Err(vm.exc(vm.types.memory_error, ""));
                    }
                    Ok(Some(vm.new_str(s.s.repeat(count))))
                }
                Some(Obj::List(l)) => {
                    let items = l.borrow();
                    if items.len().saturating_mul(count) > (1 << 31) {
                        return Err(vm.exc(vm.types.memory_error, ""));
                    }
                    let mut v = Vec::with_capacity(items.len() * count);
                    for _ in 0..count {
                        v.extend_from_slice(&items);
                    }
                    drop(items);
                    if inplace && seq == a {
                        if let Some(Obj::List(l)) = a.as_obj() {
                            *l.borrow_mut() = v;
                        }
                        return Ok(Some(a));
                    }
                    Ok(Some(vm.new_list(v)))
                }
                Some(Obj::Tuple(t)) => {
                    if t.len().saturating_mul(count) > (1 << 31) {
                        return Err(vm.exc(vm.types.memory_error, ""));
                    }
                    let mut v = Vec::with_capacity(t.len() * count);
                    for _ in 0..count {
                        v.extend_from_slice(t);
                    }
                    Ok(Some(vm.new_tuple(v)))
                }
                _ => Ok(None),
            }
        }
        BinOp::Mod => match oa {
            Some(Obj::Str(_)) => crate::builtins::printf_format(vm, a, b).map(Some),
            _ => Ok(None),
        },
        BinOp::Or | BinOp::And | BinOp::Xor | BinOp::Sub => match (oa, ob) {
            (Some(Obj::Set(x)), Some(Obj::Set(y))) => {
                // Snapshots, so no table borrow is held while `__eq__` may run.
                let ty = y.table.borrow().clone();
                let mut eq = |p: &Value, q: &Value| key_eq(vm, *p, *q);
                if inplace && !x.frozen {
                    // CPython's in-place operators update the table itself (keeping its slots, and
                    // so its iteration order), with `s op= s` special-cased.
                    let mut tx = x.table.borrow().clone();
                    match op {
                        _ if a == b && matches!(op, BinOp::Or | BinOp::And) => {}
                        _ if a == b => tx.clear(),
                        BinOp::Or => tx.merge(&ty, &mut eq)?,
                        BinOp::And => tx.intersection_update(&ty, &mut eq)?,
                        BinOp::Xor => tx.symmetric_difference_update(&ty, &mut eq)?,
                        _ => tx.difference_update(&ty, &mut eq)?,
                    }
                    *x.table.borrow_mut() = tx;
                    return Ok(Some(a));
                }
                let tx = x.table.borrow().clone();
                let r = match op {
                    _ if a == b && matches!(op, BinOp::Or | BinOp::And) => tx.copy(),
                    _ if a == b => SetTable::new(),
                    BinOp::Or => tx.union(&ty, &mut eq)?,
                    BinOp::And => tx.intersection(&ty, &mut eq)?,
                    BinOp::Xor => tx.symmetric_difference(&ty, &mut eq)?,
                    _ => tx.difference(&ty, &mut eq)?,
                };
                Ok(Some(vm.heap.alloc(Obj::Set(Box::new(PySet {
                    table: std::cell::RefCell::new(r),
                    frozen: x.frozen,
                })))))
            }
            (Some(Obj::Dict(_)), Some(Obj::Dict(_))) if op == BinOp::Or => {
                let target = if inplace {
                    a
                } else {
                    crate::builtins::dict_copy(vm, a)
                };
                vm.temp_roots.push(target);
                let r = dict_update(vm, target, b);
                vm.temp_roots.pop();
                r?;
                Ok(Some(target))
            }
            _ if is_set_view(a) || is_set_view(b) => {
                // Keys and items views act as sets: both operands become sets (CPython's
                // `dictviews_or` and friends), so any iterable works on either side.
                let base = vm.temp_roots.len();
                let (x, y) = (iterable_to_set(vm, a)?, iterable_to_set(vm, b)?);
                let r = binary(vm, op, x, y, false);
                vm.temp_roots.truncate(base);
                r.map(Some)
            }
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

/// Whether `v` is a dict keys or items view (the views with set operations).
fn is_set_view(v: Value) -> bool {
    matches!(
        v.as_obj(),
        Some(Obj::DictView {
            what: ViewKind::Keys | ViewKind::Items,
            ..
        })
    )
}

fn is_values_view(v: Value) -> bool {
    matches!(
        v.as_obj(),
        Some(Obj::DictView {
            what: ViewKind::Values,
            ..
        })
    )
}

/// A new set of `v`'s items, left rooted on `temp_roots` (the caller truncates).
fn iterable_to_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let s = new_set(vm, false);
    vm.temp_roots.push(s);
    set_update(vm, s, v)?;
    Ok(s)
}

/// Unary `-`, `+`, `~`.
pub fn unary(vm: &mut Vm, op: Op, a: Value) -> PyResult<Value> {
    match (op, num(a)) {
        (Op::UnaryNeg, Some(Num::Int(i))) => Ok(vm.new_int(-i)),
        (Op::UnaryNeg, Some(Num::Big(b))) => {
            let r = -b;
            Ok(vm.new_bigint(r))
        }
        (Op::UnaryNeg, Some(Num::Float(f))) => Ok(Value::float(-f)),
        (Op::UnaryPos, Some(Num::Int(i))) => Ok(vm.new_int(i)),
        (Op::UnaryPos, Some(_)) => Ok(a),
        (Op::UnaryInvert, Some(Num::Int(i))) => Ok(vm.new_int(!i)),
        (Op::UnaryInvert, Some(Num::Big(b))) => {
            let r = -b - 1;
            Ok(vm.new_bigint(r))
        }
        _ => {
            let (name, sym) = match op {
                Op::UnaryNeg => (vm.names.neg, "-"),
                Op::UnaryPos => (vm.names.pos, "+"),
                _ => (vm.names.invert, "~"),
            };
            if matches!(a.as_obj(), Some(Obj::Instance(_))) {
                if let Some(r) = vm.call_method_opt(a, name, &[])? {
                    return Ok(r);
                }
            }
            let t = vm.type_name(a);
            Err(vm.type_error(format!("bad operand type for unary {sym}: '{t}'")))
        }
    }
}

/// Truth value of any object.
pub fn truthy(vm: &mut Vm, v: Value) -> PyResult<bool> {
    if let Some(t) = v.fast_truthy() {
        return Ok(t);
    }
    Ok(match v.as_obj() {
        Some(Obj::Str(s)) => !s.s.is_empty(),
        Some(Obj::Int(_)) => true,
        Some(Obj::Tuple(t)) => !t.is_empty(),
        Some(Obj::List(l)) => !l.borrow().is_empty(),
        Some(Obj::Dict(d)) => !d.borrow().is_empty(),
        Some(Obj::Set(s)) => !s.table.borrow().is_empty(),
        Some(Obj::Range(r)) => !r.is_empty(),
        Some(Obj::DictView { dict, .. }) => dict_len(*dict) != 0,
        Some(Obj::Instance(_)) => {
            let b = vm.names.bool_;
            if let Some(r) = vm.call_method_opt(v, b, &[])? {
                if !r.is_bool() {
                    let t = vm.type_name(r);
                    return Err(vm.type_error(format!("__bool__ should return bool, returned {t}")));
                }
                return Ok(r == Value::TRUE);
            }
            let l = vm.names.len;
            if let Some(r) = vm.call_method_opt(v, l, &[])? {
                return Ok(to_i64(r).unwrap_or(0) != 0);
            }
            true
        }
        _ => true,
    })
}

/// Equality for container lookups: identity implies equality (as CPython's containers assume).
#[inline]
pub fn key_eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if a == b {
        return Ok(true);
    }
    match (a.as_obj(), b.as_obj()) {
        (Some(Obj::Str(x)), Some(Obj::Str(y))) => Ok(x.s == y.s),
        _ => eq(vm, a, b),
    }
}

/// `a == b` as a bool.
pub fn eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let r = compare(vm, CmpOp::Eq, a, b)?;
    truthy(vm, r)
}

/// Compares two sequences element by element with `op`.
fn seq_compare(vm: &mut Vm, op: CmpOp, x: &[Value], y: &[Value]) -> PyResult<bool> {
    let n = x.len().min(y.len());
    for i in 0..n {
        if !key_eq(vm, x[i], y[i])? {
            return match op {
                CmpOp::Eq => Ok(false),
                CmpOp::Ne => Ok(true),
                _ => {
                    let r = compare(vm, op, x[i], y[i])?;
                    truthy(vm, r)
                }
            };
        }
    }
    Ok(op.test(x.len().cmp(&y.len())))
}

fn compare_num(vm: &mut Vm, a: &Num, b: &Num) -> PyResult<Option<Ordering>> {
    Ok(match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
        (Num::Int(x), Num::Float(y)) => (*x as f64).partial_cmp(y),
        (Num::Float(x), Num::Int(y)) => x.partial_cmp(&(*y as f64)),
        (Num::Float(x), Num::Big(y)) => big_float_cmp(y, *x).map(Ordering::reverse),
        (Num::Big(x), Num::Float(y)) => big_float_cmp(x, *y),
        _ => {
            let x = match a {
                Num::Int(i) => BigInt::from(*i),
                Num::Big(b) => (*b).clone(),
                Num::Float(_) => return Err(vm.type_error("internal compare")),
            };
            let y = match b {
                Num::Int(i) => BigInt::from(*i),
                Num::Big(b) => (*b).clone(),
                Num::Float(_) => return Err(vm.type_error("internal compare")),
            };
            Some(x.cmp(&y))
        }
    })
}

/// Exact comparison of a big int with a float.
fn big_float_cmp(x: &BigInt, y: f64) -> Option<Ordering> {
    if y.is_nan() {
        return None;
    }
    if y.is_infinite() {
        return Some(if y > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = y.floor();
    let yb = num_bigint::BigInt::from(fl as i128);
    let yb = if fl.abs() < 1e38 {
        yb
    } else {
        BigInt::parse_bytes(format!("{fl:.0}").as_bytes(), 10).unwrap_or(yb)
    };
    match x.cmp(&yb) {
        Ordering::Equal if y > fl => Some(Ordering::Less),
        o => Some(o),
    }
}

/// `a op b` for the six rich comparisons.
pub fn compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
        return Ok(Value::bool(op.test(x.cmp(&y))));
    }
    if let (Some(na), Some(nb)) = (num(a), num(b)) {
        return Ok(Value::bool(match compare_num(vm, &na, &nb)? {
            Some(o) => op.test(o),
            None => op == CmpOp::Ne,
        }));
    }
    let (oa, ob) = (a.as_obj(), b.as_obj());
    let is_inst = |o: Option<&Obj>| matches!(o, Some(Obj::Instance(_)));
    if !is_inst(oa) && !is_inst(ob) {
        if let Some(r) = vm.nested(" in comparison", |vm| builtin_compare(vm, op, a, b))? {
            return Ok(Value::bool(r));
        }
    }
    // User-defined comparisons: reflected first when b's type is a subclass of a's.
    let (name, rname) = op.dunders();
    let not_impl = vm.not_implemented;
    let (ta, tb) = (vm.type_of(a), vm.type_of(b));
    let reflected_first = ta != tb && vm.is_subclass(tb, ta) && is_inst(ob);
    let try_side = |vm: &mut Vm, x: Value, y: Value, n: &str| -> PyResult<Option<Value>> {
        if !is_inst(x.as_obj()) {
            return Ok(None);
        }
        let n = vm.intern(n);
        let cls = vm.type_of(x);
        let Some(m) = vm.class_lookup(cls, n) else {
            return Ok(None);
        };
        if matches!(m.as_obj(), Some(Obj::Native(_))) {
            return Ok(None);
        }
        let r = vm.call(m, &[x, y])?;
        Ok((r != not_impl).then_some(r))
    };
    if reflected_first {
        if let Some(r) = try_side(vm, b, a, rname)? {
            return Ok(r);
        }
    }
    if let Some(r) = try_side(vm, a, b, name)? {
        return Ok(r);
    }
    if !reflected_first {
        if let Some(r) = try_side(vm, b, a, rname)? {
            return Ok(r);
        }
    }
    if op == CmpOp::Ne {
        // Default `__ne__` inverts `__eq__`.
        if is_inst(oa) {
            if let Some(r) = try_side(vm, a, b, "__eq__")? {
                let t = truthy(vm, r)?;
                return Ok(Value::bool(!t));
            }
        }
    }
    match op {
        CmpOp::Eq => Ok(Value::bool(a == b)),
        CmpOp::Ne => Ok(Value::bool(a != b)),
        _ => {
            let (ta, tb) = (vm.type_name(a), vm.type_name(b));
            Err(vm.type_error(format!(
                "'{}' not supported between instances of '{ta}' and '{tb}'",
                op.symbol()
            )))
        }
    }
}

/// Comparisons between built-in objects; `None` when the types do not compare.
fn builtin_compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Option<bool>> {
    let (oa, ob) = (a.as_obj(), b.as_obj());
    Ok(match (oa, ob) {
        (Some(Obj::Str(x)), Some(Obj::Str(y))) => Some(op.test(x.s.cmp(&y.s))),
        (Some(Obj::Tuple(x)), Some(Obj::Tuple(y))) => Some(seq_compare(vm, op, x, y)?),
        (Some(Obj::List(x)), Some(Obj::List(y))) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            vm.temp_roots.extend([a, b]);
            let r = seq_compare(vm, op, &x, &y);
            vm.temp_roots.truncate(vm.temp_roots.len() - 2);
            Some(r?)
        }
        (Some(Obj::Dict(_)), Some(Obj::Dict(_))) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let r = dict_eq(vm, a, b)?;
            Some(r == (op == CmpOp::Eq))
        }
        (Some(Obj::Set(x)), Some(Obj::Set(y))) => {
            let (lx, ly) = (x.table.borrow().len(), y.table.borrow().len());
            let sub = |vm: &mut Vm, p: &PySet, q: &PySet| -> PyResult<bool> {
                let items: Vec<Value> = p.table.borrow().iter().copied().collect();
                for k in items {
                    if !set_contains_in(vm, q, k)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            Some(match op {
                CmpOp::Eq => lx == ly && sub(vm, x, y)?,
                CmpOp::Ne => !(lx == ly && sub(vm, x, y)?),
                CmpOp::Le => sub(vm, x, y)?,
                CmpOp::Lt => lx < ly && sub(vm, x, y)?,
                CmpOp::Ge => sub(vm, y, x)?,
                CmpOp::Gt => lx > ly && sub(vm, y, x)?,
            })
        }
        (Some(Obj::DictView { .. } | Obj::Set(_)), Some(Obj::DictView { .. } | Obj::Set(_)))
            if (is_set_view(a) || is_set_view(b)) && !is_values_view(a) && !is_values_view(b) =>
        {
            // Keys and items views compare as sets with sets and other such views.
            let base = vm.temp_roots.len();
            let r = (|| {
                let (x, y) = (iterable_to_set(vm, a)?, iterable_to_set(vm, b)?);
                builtin_compare(vm, op, x, y)
            })();
            vm.temp_roots.truncate(base);
            r?
        }
        (Some(Obj::Range(x)), Some(Obj::Range(y))) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let same = x.len() == y.len()
                && (x.is_empty()
                    || (x.start() == y.start() && (x.len() == 1 || x.step() == y.step())));
            Some(same == (op == CmpOp::Eq))
        }
        _ => None,
    })
}

fn dict_eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let (la, lb) = (dict_len(a), dict_len(b));
    if la != lb {
        return Ok(false);
    }
    for (k, v) in dict_items(a) {
        match dict_get(vm, b, k)? {
            Some(w) => {
                if !key_eq(vm, v, w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// String hash: FNV-1a over the UTF-8 bytes (CPython's str hash is randomized per process, so no
/// script can depend on its values).
fn str_hash(s: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(v)`.
pub fn hash(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(pyhash::hash_i64(i));
    }
    if let Some(f) = v.as_float() {
        return Ok(pyhash::hash_f64(f, pyhash::hash_pointer(v.bits() as usize)));
    }
    if v.is_bool() {
        return Ok(pyhash::hash_bool(v == Value::TRUE));
    }
    let Some(o) = v.as_obj() else {
        return Ok(pyhash::hash_pointer(v.bits() as usize));
    };
    match o {
        Obj::Str(s) => {
            let h = s.hash.get();
            if h != -1 {
                return Ok(h);
            }
            let h = str_hash(&s.s);
            s.hash.set(h);
            Ok(h)
        }
        Obj::Int(b) => Ok(pyhash::hash_bigint(b)),
        Obj::Tuple(t) => {
            let mut hs = Vec::with_capacity(t.len());
            for x in t.iter() {
                hs.push(hash(vm, *x)?);
            }
            Ok(pyhash::hash_tuple(hs, t.len()))
        }
        Obj::Set(s) if s.frozen => {
            let hs: Vec<i64> = s.table.borrow().iter_with_hash().map(|(h, _)| h).collect();
            let n = hs.len();
            Ok(pyhash::hash_frozenset(hs, n))
        }
        Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::Slice(_) => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("unhashable type: '{t}'")))
        }
        Obj::Instance(i) => {
            let h = vm.names.hash;
            let cls = i.class;
            match vm.class_lookup(cls, h) {
                Some(m) if m.is_none() => {
                    let t = vm.type_name(v);
                    Err(vm.type_error(format!("unhashable type: '{t}'")))
                }
                Some(m) if !matches!(m.as_obj(), Some(Obj::Native(_))) => {
                    let r = vm.call(m, &[v])?;
                    match to_bigint(r) {
                        Some(b) => Ok(pyhash::hash_bigint(&b)),
                        None => Err(vm.type_error("__hash__ method should return an integer")),
                    }
                }
                _ => Ok(pyhash::hash_pointer(v.bits() as usize)),
            }
        }
        _ => Ok(pyhash::hash_pointer(v.bits() as usize)),
    }
}

// ---- dicts -------------------------------------------------------------------------------------

fn dict_of(v: Value) -> Option<&'static std::cell::RefCell<crate::table::DictTable<Value, Value>>> {
    match v.as_obj() {
        Some(Obj::Dict(d)) => Some(d),
        _ => None,
    }
}

/// Number of entries of a dict value (0 for non-dicts).
pub fn dict_len(d: Value) -> usize {
    dict_of(d).map_or(0, |d| d.borrow().len())
}

/// `d.get(k)`.
pub fn dict_get(vm: &mut Vm, d: Value, k: Value) -> PyResult<Option<Value>> {
    let Some(t) = dict_of(d) else { return Ok(None) };
    let h = hash(vm, k)?;
    let t = t.borrow();
    Ok(t.get(h, |x: &Value| key_eq(vm, *x, k))?.copied())
}

/// `d[k] = v`.
pub fn dict_set(vm: &mut Vm, d: Value, k: Value, v: Value) -> PyResult<()> {
    let Some(t) = dict_of(d) else { return Ok(()) };
    let h = hash(vm, k)?;
    let Ok(mut t) = t.try_borrow_mut() else {
        return Err(vm.runtime_error("dictionary changed during lookup"));
    };
    if let Some(Obj::Str(_)) = k.as_obj() {
        // Str keys compare without calling back into Python.
        t.insert(h, k, v, |x: &Value| -> PyResult<bool> {
            Ok(*x == k || matches!((x.as_obj(), k.as_obj()), (Some(Obj::Str(a)), Some(Obj::Str(b))) if a.s == b.s))
        })?;
        return Ok(());
    }
    drop(t);
    // Keys whose equality may run Python code: find the slot first without holding a borrow.
    let found = {
        let candidates = dict_of(d)
            .map(|t| t.borrow().hash_matches(h))
            .unwrap_or_default();
        let mut hit = None;
        for pos in candidates {
            let existing = dict_of(d).and_then(|t| t.borrow().entry_at(pos).map(|(k, _)| *k));
            if let Some(ek) = existing {
                if key_eq(vm, ek, k)? {
                    hit = Some(pos);
                    break;
                }
            }
        }
        hit
    };
    let Some(t) = dict_of(d) else { return Ok(()) };
    let mut t = t.borrow_mut();
    match found.and_then(|pos| t.value_at_mut(pos)) {
        Some(slot) => *slot = v,
        None => t.insert_new(h, k, v),
    }
    Ok(())
}

/// `del d[k]`; returns the removed value.
pub fn dict_del(vm: &mut Vm, d: Value, k: Value) -> PyResult<Option<Value>> {
    let Some(t) = dict_of(d) else { return Ok(None) };
    let h = hash(vm, k)?;
    let Ok(mut tm) = t.try_borrow_mut() else {
        return Err(vm.runtime_error("dictionary changed during lookup"));
    };
    match tm.remove(h, |x: &Value| pure_key_eq(vm, *x, k)) {
        Ok(r) => return Ok(r.map(|(_, v)| v)),
        Err(Probe::Err(e)) => return Err(e),
        Err(Probe::Impure) => {}
    }
    drop(tm);
    // `__eq__` may run: find the stored key with no borrow held, then remove it by identity.
    let candidates = t.borrow().hash_matches(h);
    let mut stored = None;
    for pos in candidates {
        let existing = t.borrow().entry_at(pos).map(|(k, _)| *k);
        if let Some(ek) = existing {
            if key_eq(vm, ek, k)? {
                stored = Some(ek);
                break;
            }
        }
    }
    let Some(stored) = stored else {
        return Ok(None);
    };
    let Ok(mut tm) = t.try_borrow_mut() else {
        return Err(vm.runtime_error("dictionary changed during lookup"));
    };
    let r: Result<_, std::convert::Infallible> = tm.remove(h, |x: &Value| Ok(*x == stored));
    Ok(r.ok().flatten().map(|(_, v)| v))
}

/// Snapshot of a dict's items in order.
pub fn dict_items(d: Value) -> Vec<(Value, Value)> {
    dict_of(d)
        .map(|t| t.borrow().iter().map(|(k, v)| (*k, *v)).collect())
        .unwrap_or_default()
}

/// `target.update(src)` for a dict or an iterable of pairs.
pub fn dict_update(vm: &mut Vm, target: Value, src: Value) -> PyResult<()> {
    if let Some(Obj::Dict(_)) = src.as_obj() {
        for (k, v) in dict_items(src) {
            dict_set(vm, target, k, v)?;
        }
        return Ok(());
    }
    if let Some(Obj::Instance(_)) = src.as_obj() {
        let keys = vm.intern("keys");
        if let Some(ks) = vm.call_method_opt(src, keys, &[])? {
            vm.temp_roots.push(ks);
            let r = (|| -> PyResult<()> {
                for k in vm.collect_iterable(ks)? {
                    let v = getitem(vm, src, k)?;
                    dict_set(vm, target, k, v)?;
                }
                Ok(())
            })();
            vm.temp_roots.pop();
            return r;
        }
    }
    let items = vm.collect_iterable(src).map_err(|e| {
        if is_type_error_not_iterable(vm, &e) {
            let t = vm.type_name(src);
            vm.type_error(format!("'{t}' object is not iterable"))
        } else {
            e
        }
    })?;
    vm.temp_roots.extend(items.iter().copied());
    let r = (|| -> PyResult<()> {
        for (i, item) in items.iter().enumerate() {
            let pair = vm.collect_iterable(*item).map_err(|_| {
                vm.type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                ))
            })?;
            if pair.len() != 2 {
                return Err(vm.value_error(format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    pair.len()
                )));
            }
            dict_set(vm, target, pair[0], pair[1])?;
        }
        Ok(())
    })();
    vm.temp_roots.truncate(vm.temp_roots.len() - items.len());
    r
}

// ---- sets --------------------------------------------------------------------------------------

pub fn new_set(vm: &mut Vm, frozen: bool) -> Value {
    vm.heap.alloc(Obj::Set(Box::new(PySet {
        table: std::cell::RefCell::new(SetTable::new()),
        frozen,
    })))
}

fn set_contains_in(vm: &mut Vm, s: &PySet, k: Value) -> PyResult<bool> {
    let h = hash(vm, k)?;
    let t = s.table.borrow();
    t.contains(h, |x: &Value| key_eq(vm, *x, k))
}

/// Why a probe under a mutable table borrow stopped: an error, or a comparison that could run
/// Python code (which must not happen while the table is mutably borrowed: the code could
/// collect garbage, and tracing borrows every table).
enum Probe {
    Err(PyErr),
    Impure,
}

impl From<PyErr> for Probe {
    fn from(e: PyErr) -> Probe {
        Probe::Err(e)
    }
}

/// Whether comparing `v` with `==` runs no Python code (numbers, strs, None, tuples of those).
fn pure_key(v: Value, depth: u32) -> bool {
    match v.as_obj() {
        None => true,
        Some(Obj::Str(_) | Obj::Int(_)) => true,
        Some(Obj::Tuple(t)) => depth < 8 && t.iter().all(|x| pure_key(*x, depth + 1)),
        _ => false,
    }
}

/// Key equality usable under a mutable table borrow: `Probe::Impure` instead of running Python.
fn pure_key_eq(vm: &mut Vm, a: Value, b: Value) -> Result<bool, Probe> {
    if a == b {
        return Ok(true);
    }
    if pure_key(a, 0) && pure_key(b, 0) {
        return Ok(key_eq(vm, a, b)?);
    }
    Err(Probe::Impure)
}

/// The stored member of `set` equal to `k` (hash `h`), found with only a shared borrow held
/// while `__eq__` runs.
fn set_lookup(vm: &mut Vm, set: &PySet, h: i64, k: Value) -> PyResult<Option<Value>> {
    let t = set.table.borrow();
    Ok(t.get(h, |x: &Value| key_eq(vm, *x, k))?.copied())
}

pub fn set_add(vm: &mut Vm, s: Value, k: Value) -> PyResult<()> {
    let Some(Obj::Set(set)) = s.as_obj() else {
        return Ok(());
    };
    let h = hash(vm, k)?;
    let Ok(mut t) = set.table.try_borrow_mut() else {
        return Err(vm.runtime_error("Set changed size during iteration"));
    };
    match t.insert(h, k, |x: &Value| pure_key_eq(vm, *x, k)) {
        Ok(_) => return Ok(()),
        Err(Probe::Err(e)) => return Err(e),
        Err(Probe::Impure) => {}
    }
    drop(t);
    if set_lookup(vm, set, h, k)?.is_some() {
        return Ok(());
    }
    let Ok(mut t) = set.table.try_borrow_mut() else {
        return Err(vm.runtime_error("Set changed size during iteration"));
    };
    // No member is equal, so only identity can match (the slot is the one a full probe picks).
    let _added: Result<bool, std::convert::Infallible> = t.insert(h, k, |x: &Value| Ok(*x == k));
    Ok(())
}

pub fn set_discard(vm: &mut Vm, s: Value, k: Value) -> PyResult<bool> {
    let Some(Obj::Set(set)) = s.as_obj() else {
        return Ok(false);
    };
    let h = hash(vm, k)?;
    let Ok(mut t) = set.table.try_borrow_mut() else {
        return Err(vm.runtime_error("Set changed size during iteration"));
    };
    match t.remove(h, |x: &Value| pure_key_eq(vm, *x, k)) {
        Ok(r) => return Ok(r.is_some()),
        Err(Probe::Err(e)) => return Err(e),
        Err(Probe::Impure) => {}
    }
    drop(t);
    let Some(stored) = set_lookup(vm, set, h, k)? else {
        return Ok(false);
    };
    let Ok(mut t) = set.table.try_borrow_mut() else {
        return Err(vm.runtime_error("Set changed size during iteration"));
    };
    let r: Result<Option<Value>, std::convert::Infallible> =
        t.remove(h, |x: &Value| Ok(*x == stored));
    Ok(matches!(r, Ok(Some(_))))
}

/// `s.update(src)` (also `set(src)` and `{*src}`), by CPython's `set_update_internal` paths: sets
/// merge table to table and dicts presize first, which decides the resulting iteration order.
pub fn set_update(vm: &mut Vm, s: Value, src: Value) -> PyResult<()> {
    let Some(Obj::Set(target)) = s.as_obj() else {
        return Ok(());
    };
    let items = match src.as_obj() {
        Some(Obj::Set(_)) if src == s => return Ok(()),
        Some(Obj::Set(o)) => {
            // Merged into a copy without running Python code (see `Probe`); when a comparison
            // needs `__eq__`, member by member instead.
            let other = o.table.borrow().clone();
            let mut merged = target.table.borrow().clone();
            match merged.merge(&other, |p: &Value, q: &Value| pure_key_eq(vm, *p, *q)) {
                Ok(()) => {
                    let Ok(mut t) = target.table.try_borrow_mut() else {
                        return Err(vm.runtime_error("Set changed size during iteration"));
                    };
                    *t = merged;
                    return Ok(());
                }
                Err(Probe::Err(e)) => return Err(e),
                Err(Probe::Impure) => other.iter().copied().collect(),
            }
        }
        Some(Obj::Dict(d)) => {
            let keys: Vec<Value> = d.borrow().keys().copied().collect();
            if let Ok(mut t) = target.table.try_borrow_mut() {
                t.presize_for_update(keys.len());
            }
            keys
        }
        _ => vm.collect_iterable(src)?,
    };
    vm.temp_roots.extend(items.iter().copied());
    let r = items.iter().try_for_each(|k| set_add(vm, s, *k));
    vm.temp_roots.truncate(vm.temp_roots.len() - items.len());
    r
}

// ---- sequences ---------------------------------------------------------------------------------

pub fn list_extend(vm: &mut Vm, l: Value, src: Value) -> PyResult<()> {
    let items = match src.as_obj() {
        Some(Obj::List(x)) => x.borrow().clone(),
        Some(Obj::Tuple(t)) => t.to_vec(),
        _ => vm.collect_iterable(src)?,
    };
    if let Some(Obj::List(x)) = l.as_obj() {
        x.borrow_mut().extend(items);
    }
    Ok(())
}

/// Normalizes an index for a sequence of length `len`; `None` when out of range.
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

/// An int value from an i128 (range elements and bounds).
pub fn int_from_i128(vm: &mut Vm, i: i128) -> Value {
    match i64::try_from(i) {
        Ok(i) => vm.new_int(i),
        Err(_) => vm.new_bigint(BigInt::from(i)),
    }
}

/// CPython's error for a size that does not fit a C `ssize_t`.
pub fn ssize_overflow(vm: &mut Vm) -> crate::PyErr {
    vm.overflow_error("Python int too large to convert to C ssize_t")
}

/// Converts a subscript to an index (ints, bools, `__index__`), or `None` for non-integers.
pub fn index_of(vm: &mut Vm, k: Value) -> PyResult<Option<i64>> {
    match num(k) {
        Some(Num::Int(i)) => Ok(Some(i)),
        Some(Num::Big(_)) => {
            let t = vm.type_name(k);
            Err(vm.index_error(format!("cannot fit '{t}' into an index-sized integer")))
        }
        _ => {
            if matches!(k.as_obj(), Some(Obj::Instance(_))) {
                let n = vm.names.index;
                if let Some(r) = vm.call_method_opt(k, n, &[])? {
                    return Ok(to_i64(r));
                }
            }
            Ok(None)
        }
    }
}

/// `slice.indices(len)`: `(start, stop, step, count)` with CPython's clamping.
pub fn slice_indices(vm: &mut Vm, s: &[Value; 3], len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let len = len as i64;
    let get = |vm: &mut Vm, v: Value| -> PyResult<Option<i64>> {
        if v.is_none() {
            return Ok(None);
        }
        match num(v) {
            Some(Num::Int(i)) if !v.is_float() => Ok(Some(i)),
            Some(Num::Big(b)) => Ok(Some(if b.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            })),
            _ => match index_of(vm, v)? {
                Some(i) => Ok(Some(i)),
                None => Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            },
        }
    };
    let step = get(vm, s[2])?.unwrap_or(1);
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let (lo_default, hi_default) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let clamp = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(mut i) => {
                if i < 0 {
                    i += len;
                    if i < 0 {
                        i = if step < 0 { -1 } else { 0 };
                    }
                } else if i >= len {
                    i = if step < 0 { len - 1 } else { len };
                }
                i
            }
        }
    };
    let start = clamp(get(vm, s[0])?, lo_default);
    let stop = clamp(get(vm, s[1])?, hi_default);
    let count = if step < 0 {
        if stop < start {
            ((start - stop - 1) / (-step) + 1) as usize
        } else {
            0
        }
    } else if start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else {
        0
    };
    Ok((start, stop, step, count))
}

/// The `count` items from `start` by `step` (`slice_indices`' result for `items`).
fn slice_pick<T: Copy>(items: &[T], start: i64, step: i64, count: usize) -> Vec<T> {
    let from = start as usize;
    match step {
        _ if count == 0 => Vec::new(),
        1 => items[from..from + count].to_vec(),
        -1 => items[from + 1 - count..=from]
            .iter()
            .rev()
            .copied()
            .collect(),
        _ => (0..count)
            .map(|i| items[(start + i as i64 * step) as usize])
            .collect(),
    }
}

/// Whether slice parts `s` are small ints and Nones: their indices run no Python code, so
/// nothing can change a list between computing them and using them.
pub fn plain_slice(s: &[Value; 3]) -> bool {
    s.iter().all(|p| p.is_none() || p.is_small_int())
}

/// `l[s]` for a list `l` and slice parts `s` (`start, stop, step`).
pub fn list_slice(vm: &mut Vm, l: &RefCell<Vec<Value>>, s: &[Value; 3]) -> PyResult<Value> {
    // Bounds that run no Python code cannot change the list: pick from it in place. Otherwise an
    // `__index__` may: pick from the items as they were.
    let (borrowed, copied);
    let items: &[Value] = if plain_slice(s) {
        borrowed = l.borrow();
        &borrowed
    } else {
        copied = l.borrow().clone();
        &copied
    };
    let (start, _, step, count) = slice_indices(vm, s, items.len())?;
    let v = slice_pick(items, start, step, count);
    Ok(vm.new_list(v))
}

/// `l[s] = v` for a list `l` and slice parts `s` (`start, stop, step`); checks the slice and
/// the sizes before it changes the list.
pub fn list_set_slice(
    vm: &mut Vm,
    l: &RefCell<Vec<Value>>,
    s: &[Value; 3],
    v: Value,
) -> PyResult<()> {
    if plain_slice(s) {
        // No Python code runs from here on: items are copied straight from another list or a
        // tuple, without a copy of them first.
        let (start, stop, step, _) = slice_indices(vm, s, l.borrow().len())?;
        let other;
        let src: Option<&[Value]> = match v.as_obj() {
            Some(Obj::List(x)) if !std::ptr::eq(x, l) => {
                other = x.borrow();
                Some(&other)
            }
            Some(Obj::Tuple(t)) => Some(t),
            _ => None,
        };
        if let Some(src) = src.filter(|_| step == 1) {
            let stop = stop.max(start);
            l.borrow_mut()
                .splice(start as usize..stop as usize, src.iter().copied());
            return Ok(());
        }
    }
    let src = match v.as_obj() {
        Some(Obj::List(x)) => x.borrow().clone(),
        Some(Obj::Tuple(t)) => t.to_vec(),
        _ => vm
            .collect_iterable(v)
            .map_err(|_| vm.type_error("can only assign an iterable"))?,
    };
    let n = l.borrow().len();
    let (start, stop, step, count) = slice_indices(vm, s, n)?;
    let mut items = l.borrow_mut();
    if step == 1 {
        let stop = stop.max(start);
        items.splice(start as usize..stop as usize, src);
    } else {
        if src.len() != count {
            drop(items);
            return Err(vm.value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {count}",
                src.len()
            )));
        }
        for (i, x) in src.into_iter().enumerate() {
            items[(start + i as i64 * step) as usize] = x;
        }
    }
    Ok(())
}

/// `c[k]`.
pub fn getitem(vm: &mut Vm, c: Value, k: Value) -> PyResult<Value> {
    match c.as_obj() {
        Some(Obj::List(l)) => {
            if let Some(Obj::Slice(s)) = k.as_obj() {
                return list_slice(vm, l, s);
            }
            match index_of(vm, k)? {
                Some(i) => {
                    let l = l.borrow();
                    match norm_index(i, l.len()) {
                        Some(i) => Ok(l[i]),
                        None => {
                            drop(l);
                            Err(vm.index_error("list index out of range"))
                        }
                    }
                }
                None => {
                    let t = vm.type_name(k);
                    Err(vm.type_error(format!("list indices must be integers or slices, not {t}")))
                }
            }
        }
        Some(Obj::Tuple(t)) => {
            if let Some(Obj::Slice(s)) = k.as_obj() {
                let (start, _, step, count) = slice_indices(vm, s, t.len())?;
                if step == 1 && count == t.len() {
                    return Ok(c);
                }
                let v = slice_pick(t, start, step, count);
                return Ok(vm.new_tuple(v));
            }
            match index_of(vm, k)? {
                Some(i) => match norm_index(i, t.len()) {
                    Some(i) => Ok(t[i]),
                    None => Err(vm.index_error("tuple index out of range")),
                },
                None => {
                    let tn = vm.type_name(k);
                    Err(vm.type_error(format!(
                        "tuple indices must be integers or slices, not {tn}"
                    )))
                }
            }
        }
        Some(Obj::Str(s)) => {
            if let Some(Obj::Slice(sl)) = k.as_obj() {
                let (start, _, step, count) = slice_indices(vm, sl, s.chars)?;
                let out: String = if s.is_ascii() {
                    let b = s.s.as_bytes();
                    slice_pick(b, start, step, count)
                        .into_iter()
                        .map(char::from)
                        .collect()
                } else {
                    let chars: Vec<char> = s.s.chars().collect();
                    slice_pick(&chars, start, step, count).into_iter().collect()
                };
                return Ok(vm.new_str(out));
            }
            match index_of(vm, k)? {
                Some(i) => match norm_index(i, s.chars) {
                    Some(i) => {
                        let ch = if s.is_ascii() {
                            char::from(s.s.as_bytes()[i])
                        } else {
                            s.s.chars().nth(i).unwrap_or('\0')
                        };
                        Ok(crate::builtins::char_str(vm, ch))
                    }
                    None => Err(vm.index_error("string index out of range")),
                },
                None => {
                    let t = vm.type_name(k);
                    Err(vm.type_error(format!("string indices must be integers, not '{t}'")))
                }
            }
        }
        Some(Obj::Dict(_)) => match dict_get(vm, c, k)? {
            Some(v) => Ok(v),
            None => Err(vm.key_error(k)),
        },
        Some(Obj::Range(r)) => {
            let r = *r;
            if let Some(Obj::Slice(s)) = k.as_obj() {
                let Ok(n) = usize::try_from(r.len()) else {
                    return Err(ssize_overflow(vm));
                };
                let (start, stop, step, _) = slice_indices(vm, s, n)?;
                // CPython maps the clamped slice bounds through the range (the stop may be one step
                // outside it, which `get`'s wrapping arithmetic handles).
                let at = |i: i64| r.start().wrapping_add(i128::from(i).wrapping_mul(r.step()));
                let nr = PyRange::new(at(start), at(stop), r.step().wrapping_mul(i128::from(step)));
                return Ok(vm.heap.alloc(Obj::Range(nr)));
            }
            let i = match num(k) {
                Some(Num::Int(i)) => Some(i128::from(i)),
                Some(Num::Big(b)) => Some(b.to_i128().unwrap_or(if b.is_negative() {
                    i128::MIN
                } else {
                    i128::MAX
                })),
                _ => index_of(vm, k)?.map(i128::from),
            };
            let Some(i) = i else {
                let t = vm.type_name(k);
                return Err(
                    vm.type_error(format!("range indices must be integers or slices, not {t}"))
                );
            };
            let len = r.len();
            let i = if i < 0 {
                len.checked_sub(i.unsigned_abs())
            } else {
                Some(i as u128)
            };
            match i {
                Some(i) if i < len => Ok(int_from_i128(vm, r.get(i))),
                _ => Err(vm.index_error("range object index out of range")),
            }
        }
        Some(Obj::Instance(_)) => {
            let n = vm.names.getitem;
            match vm.call_method_opt(c, n, &[k])? {
                Some(v) => Ok(v),
                None => {
                    let t = vm.type_name(c);
                    Err(vm.type_error(format!("'{t}' object is not subscriptable")))
                }
            }
        }
        Some(Obj::Class(_)) => Ok(c),
        _ => {
            let t = vm.type_name(c);
            Err(vm.type_error(format!("'{t}' object is not subscriptable")))
        }
    }
}

/// `c[k] = v`.
pub fn setitem(vm: &mut Vm, c: Value, k: Value, v: Value) -> PyResult<()> {
    match c.as_obj() {
        Some(Obj::List(l)) => {
            if let Some(Obj::Slice(s)) = k.as_obj() {
                return list_set_slice(vm, l, s, v);
            }
            match index_of(vm, k)? {
                Some(i) => {
                    let mut l = l.borrow_mut();
                    match norm_index(i, l.len()) {
                        Some(i) => {
                            l[i] = v;
                            Ok(())
                        }
                        None => {
                            drop(l);
                            Err(vm.index_error("list assignment index out of range"))
                        }
                    }
                }
                None => {
                    let t = vm.type_name(k);
                    Err(vm.type_error(format!("list indices must be integers or slices, not {t}")))
                }
            }
        }
        Some(Obj::Dict(_)) => dict_set(vm, c, k, v),
        Some(Obj::Instance(_)) => {
            let n = vm.names.setitem;
            match vm.call_method_opt(c, n, &[k, v])? {
                Some(_) => Ok(()),
                None => {
                    let t = vm.type_name(c);
                    Err(vm.type_error(format!("'{t}' object does not support item assignment")))
                }
            }
        }
        _ => {
            let t = vm.type_name(c);
            Err(vm.type_error(format!("'{t}' object does not support item assignment")))
        }
    }
}

/// `del c[k]`.
pub fn delitem(vm: &mut Vm, c: Value, k: Value) -> PyResult<()> {
    match c.as_obj() {
        Some(Obj::List(l)) => {
            if let Some(Obj::Slice(s)) = k.as_obj() {
                let n = l.borrow().len();
                let (start, _, step, count) = slice_indices(vm, s, n)?;
                let mut idx: Vec<usize> = (0..count)
                    .map(|i| (start + i as i64 * step) as usize)
                    .collect();
                idx.sort_unstable();
                let mut items = l.borrow_mut();
                for i in idx.into_iter().rev() {
                    items.remove(i);
                }
                return Ok(());
            }
            match index_of(vm, k)? {
                Some(i) => {
                    let mut l = l.borrow_mut();
                    match norm_index(i, l.len()) {
                        Some(i) => {
                            l.remove(i);
                            Ok(())
                        }
                        None => {
                            drop(l);
                            Err(vm.index_error("list assignment index out of range"))
                        }
                    }
                }
                None => {
                    let t = vm.type_name(k);
                    Err(vm.type_error(format!("list indices must be integers or slices, not {t}")))
                }
            }
        }
        Some(Obj::Dict(_)) => match dict_del(vm, c, k)? {
            Some(_) => Ok(()),
            None => Err(vm.key_error(k)),
        },
        Some(Obj::Instance(_)) => {
            let n = vm.names.delitem;
            match vm.call_method_opt(c, n, &[k])? {
                Some(_) => Ok(()),
                None => {
                    let t = vm.type_name(c);
                    Err(vm.type_error(format!("'{t}' object does not support item deletion")))
                }
            }
        }
        _ => {
            let t = vm.type_name(c);
            Err(vm.type_error(format!("'{t}' object does not support item deletion")))
        }
    }
}

/// `item in view`: a key lookup for keys, key lookup plus value equality for items (so unhashable
/// values work, as in CPython), a scan for values.
fn view_contains(vm: &mut Vm, dict: Value, what: ViewKind, item: Value) -> PyResult<bool> {
    match what {
        ViewKind::Keys => Ok(dict_get(vm, dict, item)?.is_some()),
        ViewKind::Items => {
            let Some(Obj::Tuple(t)) = item.as_obj() else {
                return Ok(false);
            };
            if t.len() != 2 {
                return Ok(false);
            }
            let (k, v) = (t[0], t[1]);
            match dict_get(vm, dict, k)? {
                Some(found) => key_eq(vm, found, v),
                None => Ok(false),
            }
        }
        ViewKind::Values => {
            for (_, v) in dict_items(dict) {
                if key_eq(vm, v, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// `item in container`.
pub fn contains(vm: &mut Vm, container: Value, item: Value) -> PyResult<bool> {
    match container.as_obj() {
        Some(Obj::List(l)) => {
            let items = l.borrow().clone();
            for x in items {
                if key_eq(vm, x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Some(Obj::Tuple(t)) => {
            for x in t.iter() {
                if key_eq(vm, *x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Some(Obj::Str(s)) => match item.as_obj() {
            Some(Obj::Str(sub)) => Ok(s.s.contains(&*sub.s)),
            _ => {
                let t = vm.type_name(item);
                Err(vm.type_error(format!(
                    "'in <string>' requires string as left operand, not {t}"
                )))
            }
        },
        Some(Obj::Dict(_)) => Ok(dict_get(vm, container, item)?.is_some()),
        Some(Obj::DictView { dict, what }) => view_contains(vm, *dict, *what, item),
        Some(Obj::Set(s)) => set_contains_in(vm, s, item),
        Some(Obj::Range(r)) => {
            let r = *r;
            match num(item) {
                Some(Num::Int(i)) if !item.is_float() => Ok(r.contains(i128::from(i))),
                Some(Num::Big(b)) => Ok(b.to_i128().is_some_and(|i| r.contains(i))),
                _ => {
                    // Other values compare against each element in turn, as CPython does.
                    let mut i = 0;
                    while i < r.len() {
                        let x = int_from_i128(vm, r.get(i));
                        if key_eq(vm, x, item)? {
                            return Ok(true);
                        }
                        i += 1;
                    }
                    Ok(false)
                }
            }
        }
        Some(Obj::Instance(_)) => {
            let n = vm.names.contains;
            if let Some(r) = vm.call_method_opt(container, n, &[item])? {
                return truthy(vm, r);
            }
            iter_contains(vm, container, item)
        }
        Some(Obj::Iter(_)) | Some(Obj::Generator(_)) => iter_contains(vm, container, item),
        _ => {
            let t = vm.type_name(container);
            Err(vm.type_error(format!("argument of type '{t}' is not iterable")))
        }
    }
}

fn iter_contains(vm: &mut Vm, container: Value, item: Value) -> PyResult<bool> {
    let it = vm.get_iter(container)?;
    vm.temp_roots.push(it);
    let r = (|| {
        while let Some(x) = vm.iter_next(it)? {
            if key_eq(vm, x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    })();
    vm.temp_roots.pop();
    r
}

/// `except T:` matching: `ty` is a class or a tuple of classes.
pub fn exception_matches(vm: &mut Vm, e: Value, ty: Value) -> PyResult<bool> {
    match ty.as_obj() {
        Some(Obj::Tuple(t)) => {
            for x in t.iter() {
                if exception_matches(vm, e, *x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Some(Obj::Class(c)) if c.layout == crate::object::Layout::Exception => {
            Ok(vm.is_instance(e, ty))
        }
        _ => Err(
            vm.type_error("catching classes that do not inherit from BaseException is not allowed")
        ),
    }
}

/// Whether `e` is the "object is not iterable" TypeError (to re-word it for unpacking).
pub fn is_type_error_not_iterable(vm: &mut Vm, e: &PyErr) -> bool {
    if !vm.is_instance(e.0, vm.types.type_error) {
        return false;
    }
    let msg = crate::repr::exception_message(vm, e.0);
    msg.ends_with("is not iterable")
}
