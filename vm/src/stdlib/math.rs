//! The `math` module.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use super::{def, def_pure, def_unary, set};
use crate::call::Args;
use crate::ops::{self, Num};
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn install(vm: &mut Vm, m: Value) {
    set(vm, m, "pi", Value::float(std::f64::consts::PI));
    set(vm, m, "e", Value::float(std::f64::consts::E));
    set(vm, m, "tau", Value::float(std::f64::consts::TAU));
    set(vm, m, "inf", Value::float(f64::INFINITY));
    set(vm, m, "nan", Value::float(f64::NAN));
    for (n, f, float, can_overflow) in UNARY {
        def_unary(vm, m, n, f, (float, can_overflow));
    }
    // Computing on their float argument only, but with errors of their own.
    def_pure(vm, m, "log10", log10);
    def_pure(vm, m, "log2", log2);
    let other: [(&'static str, crate::object::NativeFn); 22] = [
        ("log", log),
        ("pow", pow),
        ("atan2", atan2),
        ("hypot", hypot),
        ("floor", floor),
        ("ceil", ceil),
        ("trunc", trunc),
        ("isnan", isnan),
        ("isinf", isinf),
        ("isfinite", isfinite),
        ("copysign", copysign),
        ("fmod", fmod),
        ("modf", modf),
        ("factorial", factorial),
        ("gcd", gcd),
        ("isclose", isclose),
        ("fsum", fsum),
        ("comb", comb),
        ("prod", prod),
        ("isqrt", isqrt),
        ("perm", perm),
        ("lcm", lcm),
    ];
    for (n, f) in other {
        // Those computing on numbers only (the rest take iterables or can run long).
        let pure = matches!(
            n,
            "log"
                | "pow"
                | "atan2"
                | "hypot"
                | "floor"
                | "ceil"
                | "trunc"
                | "isnan"
                | "isinf"
                | "isfinite"
                | "copysign"
                | "fmod"
        );
        if pure {
            def_pure(vm, m, n, f);
        } else {
            def(vm, m, n, f);
        }
    }
}

fn float_arg(vm: &mut Vm, v: Value) -> PyResult<f64> {
    match ops::to_f64(vm, v)? {
        Some(f) => Ok(f),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("must be real number, not {t}")))
        }
    }
}

fn domain(vm: &mut Vm) -> crate::PyErr {
    vm.value_error("math domain error")
}

/// Applies `f` to one float argument; `Err` when the result is NaN for a non-NaN input (domain error)
/// or infinite for a finite input (range error), as CPython's math module reports.
fn math1(
    vm: &mut Vm,
    a: &Args,
    name: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    a.check(vm, name, 1, 1, &[])?;
    let x = float_arg(vm, a.pos[0])?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if can_overflow && r.is_infinite() && x.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(Value::float(r))
}

/// The one-float functions computed by `math1`: each gets a native wrapper, and the table
/// [`UNARY`] of `(name, wrapper, function, can_overflow)` that `install` defines them from
/// (`Native::unary` lets a JIT call the function itself).
macro_rules! unary {
    ($($name:ident: $f:expr, $overflow:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, a: &Args) -> PyResult<Value> {
                math1(vm, a, stringify!($name), $f, $overflow)
            }
        )*
        const UNARY: [(&str, crate::object::NativeFn, fn(f64) -> f64, bool); [$(stringify!($name)),*].len()] =
            [$((stringify!($name), $name, $f, $overflow)),*];
    };
}

unary! {
    sqrt: f64::sqrt, false;
    sin: f64::sin, false;
    cos: f64::cos, false;
    tan: f64::tan, false;
    asin: f64::asin, false;
    acos: f64::acos, false;
    atan: f64::atan, false;
    sinh: f64::sinh, true;
    cosh: f64::cosh, true;
    tanh: f64::tanh, false;
    exp: f64::exp, true;
    expm1: f64::exp_m1, true;
    fabs: f64::abs, false;
    degrees: f64::to_degrees, false;
    radians: f64::to_radians, false;
}

/// log of an int or float; ints of any size are handled exactly enough via their bit length.
fn ln_value(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(Num::Big(b)) = ops::num(v) {
        if !b.is_positive() {
            return Err(domain(vm));
        }
        let bits = b.bits();
        if bits > 1000 {
            let shifted: BigInt = b >> (bits - 64);
            let sv = vm.new_bigint(shifted);
            let f = ops::to_f64(vm, sv)?.unwrap_or(1.0);
            return Ok(f.ln() + (bits - 64) as f64 * std::f64::consts::LN_2);
        }
    }
    let x = float_arg(vm, v)?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(x.ln())
}

fn log(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "log", 1, 2, &[])?;
    let num = ln_value(vm, a.pos[0])?;
    match a.get(1) {
        None => Ok(Value::float(num)),
        Some(b) => {
            let den = ln_value(vm, b)?;
            if den == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            Ok(Value::float(num / den))
        }
    }
}

fn log10(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "log10", 1, 1, &[])?;
    let x = float_arg(vm, a.pos[0])?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(Value::float(x.log10()))
}

fn log2(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "log2", 1, 1, &[])?;
    let x = float_arg(vm, a.pos[0])?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(Value::float(x.log2()))
}

fn pow(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "pow", 2, 2, &[])?;
    let (x, y) = (float_arg(vm, a.pos[0])?, float_arg(vm, a.pos[1])?);
    if x == 0.0 && y < 0.0 {
        return Err(domain(vm));
    }
    let r = x.powf(y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(Value::float(r))
}

fn atan2(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "atan2", 2, 2, &[])?;
    let (y, x) = (float_arg(vm, a.pos[0])?, float_arg(vm, a.pos[1])?);
    Ok(Value::float(y.atan2(x)))
}

fn hypot(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let mut acc = 0.0f64;
    for v in a.pos.iter() {
        let x = float_arg(vm, *v)?;
        acc = acc.hypot(x);
    }
    Ok(Value::float(acc))
}

fn to_int_op(vm: &mut Vm, a: &Args, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    a.check(vm, name, 1, 1, &[])?;
    let v = a.pos[0];
    match ops::num(v) {
        Some(Num::Int(_)) | Some(Num::Big(_)) => {
            Ok(vm.new_bigint(ops::to_bigint(v).unwrap_or_default()))
        }
        Some(Num::Float(x)) => crate::builtins::float_to_int_checked(vm, f(x)),
        None => {
            let n = vm.intern(&format!("__{name}__"));
            if let Some(r) = vm.call_method_opt(v, n, &[])? {
                return Ok(r);
            }
            let t = vm.type_name(v);
            Err(vm.type_error(format!("must be real number, not {t}")))
        }
    }
}

fn floor(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    to_int_op(vm, a, "floor", f64::floor)
}
fn ceil(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    to_int_op(vm, a, "ceil", f64::ceil)
}
fn trunc(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    to_int_op(vm, a, "trunc", f64::trunc)
}

fn isnan(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "isnan", 1, 1, &[])?;
    Ok(Value::bool(float_arg(vm, a.pos[0])?.is_nan()))
}
fn isinf(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "isinf", 1, 1, &[])?;
    Ok(Value::bool(float_arg(vm, a.pos[0])?.is_infinite()))
}
fn isfinite(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "isfinite", 1, 1, &[])?;
    Ok(Value::bool(float_arg(vm, a.pos[0])?.is_finite()))
}

fn copysign(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "copysign", 2, 2, &[])?;
    let (x, y) = (float_arg(vm, a.pos[0])?, float_arg(vm, a.pos[1])?);
    Ok(Value::float(x.copysign(y)))
}

fn fmod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "fmod", 2, 2, &[])?;
    let (x, y) = (float_arg(vm, a.pos[0])?, float_arg(vm, a.pos[1])?);
    if y == 0.0 && !x.is_nan() {
        return Err(domain(vm));
    }
    Ok(Value::float(x % y))
}

fn modf(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "modf", 1, 1, &[])?;
    let x = float_arg(vm, a.pos[0])?;
    let (i, f) = if x.is_infinite() {
        (x, 0.0f64.copysign(x))
    } else {
        (x.trunc(), x - x.trunc())
    };
    let f = if f == 0.0 { 0.0f64.copysign(x) } else { f };
    Ok(vm.new_tuple(vec![Value::float(f), Value::float(i)]))
}

fn int_only(vm: &mut Vm, v: Value, name: &str) -> PyResult<BigInt> {
    match ops::num(v) {
        Some(Num::Int(_)) | Some(Num::Big(_)) if !v.is_float() => {
            Ok(ops::to_bigint(v).unwrap_or_default())
        }
        _ => {
            let t = vm.type_name(v);
            let _ = name;
            Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

fn factorial(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "factorial", 1, 1, &[])?;
    let n = int_only(vm, a.pos[0], "factorial")?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let n: u64 = n.try_into().map_err(|_| {
        vm.overflow_error("factorial() argument should not exceed 9223372036854775807")
    })?;
    let mut acc = BigInt::one();
    for i in 2..=n {
        acc *= i;
    }
    Ok(vm.new_bigint(acc))
}

fn gcd(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let mut acc = BigInt::zero();
    for v in a.pos.iter() {
        let x = int_only(vm, *v, "gcd")?;
        acc = acc.gcd(&x);
    }
    Ok(vm.new_bigint(acc))
}

fn comb(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "comb", 2, 2, &[])?;
    let (n, k) = (
        int_only(vm, a.pos[0], "comb")?,
        int_only(vm, a.pos[1], "comb")?,
    );
    if !k_fits_n(vm, &n, &k)? {
        return Ok(Value::int_unchecked(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let mut acc = BigInt::one();
    let mut i = BigInt::zero();
    while i < k {
        acc = acc * (&n - &i) / (&i + 1);
        i += 1;
    }
    Ok(vm.new_bigint(acc))
}

fn isqrt(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "isqrt", 1, 1, &[])?;
    let n = int_only(vm, a.pos[0], "isqrt")?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()))
}

fn perm(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "perm", 1, 2, &[])?;
    let n = int_only(vm, a.pos[0], "perm")?;
    let k = match a.get(1).filter(|k| !k.is_none()) {
        Some(k) => int_only(vm, k, "perm")?,
        None => n.clone(),
    };
    if !k_fits_n(vm, &n, &k)? {
        return Ok(Value::int_unchecked(0));
    }
    let mut acc = BigInt::one();
    let mut i = &n - &k + 1;
    while i <= n {
        acc *= &i;
        i += 1;
    }
    Ok(vm.new_bigint(acc))
}

fn lcm(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let mut acc = BigInt::one();
    for v in a.pos.iter() {
        let x = int_only(vm, *v, "lcm")?;
        acc = if acc.is_zero() || x.is_zero() {
            BigInt::zero()
        } else {
            acc.lcm(&x).abs()
        };
    }
    Ok(vm.new_bigint(acc))
}

fn prod(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "prod", 1, 1, &["start"])?;
    let mut acc = a.kw(vm, "start").unwrap_or(Value::int_unchecked(1));
    for x in vm.collect_iterable(a.pos[0])? {
        acc = ops::binary(vm, crate::code::BinOp::Mul, acc, x, false)?;
    }
    Ok(acc)
}

fn isclose(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "isclose", 2, 2, &["rel_tol", "abs_tol"])?;
    let (x, y) = (float_arg(vm, a.pos[0])?, float_arg(vm, a.pos[1])?);
    let rel = match a.kw(vm, "rel_tol") {
        Some(v) => float_arg(vm, v)?,
        None => 1e-9,
    };
    let abs = match a.kw(vm, "abs_tol") {
        Some(v) => float_arg(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::TRUE);
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::FALSE);
    }
    let d = (x - y).abs();
    Ok(Value::bool(
        d <= (rel * y).abs() || d <= (rel * x).abs() || d <= abs,
    ))
}

/// `math.fsum`: exact summation (Shewchuk's algorithm, as CPython's msum).
fn fsum(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "fsum", 1, 1, &[])?;
    let mut partials: Vec<f64> = Vec::new();
    for v in vm.collect_iterable(a.pos[0])? {
        let mut x = float_arg(vm, v)?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    let mut hi = 0.0;
    if let Some(mut n) = partials.len().checked_sub(1) {
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::float(hi))
}

/// The argument checks `comb` and `perm` share: errors for negative `n` or `k`; false if `k > n`.
fn k_fits_n(vm: &mut Vm, n: &BigInt, k: &BigInt) -> PyResult<bool> {
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    Ok(k <= n)
}
