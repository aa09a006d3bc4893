//! Methods of `int` and `float`.

use num_bigint::BigInt;
use num_traits::Signed;

use super::def_method;
use crate::call::Args;
use crate::ops::{self, Num};
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let i = vm.types.int;
    def_method(vm, i, "bit_length", bit_length);
    def_method(vm, i, "conjugate", conjugate);
    def_method(vm, i, "__index__", conjugate);
    let f = vm.types.float;
    def_method(vm, f, "is_integer", is_integer);
    def_method(vm, f, "conjugate", conjugate);
    def_method(vm, f, "as_integer_ratio", as_integer_ratio);
}

fn bit_length(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "bit_length", 1, 1, &[])?;
    let n = ops::to_bigint(a.pos[0]).unwrap_or_default();
    Ok(vm.new_int(n.abs().bits() as i64))
}

fn conjugate(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "conjugate", 1, 1, &[])?;
    let v = a.pos[0];
    Ok(if v.is_bool() {
        Value::int_unchecked(i64::from(v == Value::TRUE))
    } else {
        v
    })
}

fn is_integer(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "is_integer", 1, 1, &[])?;
    let f = a.pos[0].as_float().unwrap_or(0.0);
    Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
}

fn as_integer_ratio(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "as_integer_ratio", 1, 1, &[])?;
    let Some(Num::Float(f)) = ops::num(a.pos[0]) else {
        return Err(vm.type_error("as_integer_ratio"));
    };
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = if exp == 0 {
        (bits & ((1 << 52) - 1)) << 1
    } else {
        (bits & ((1 << 52) - 1)) | (1 << 52)
    };
    let mut num = BigInt::from(mant);
    let mut e = exp - 1075;
    let mut den = BigInt::from(1);
    if mant != 0 {
        let tz = mant.trailing_zeros() as i64;
        let shift = tz.min(-e).max(0);
        num >>= shift as usize;
        e += shift;
    }
    if e > 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    if f < 0.0 {
        num = -num;
    }
    let (n, d) = (vm.new_bigint(num), vm.new_bigint(den));
    Ok(vm.new_tuple(vec![n, d]))
}
