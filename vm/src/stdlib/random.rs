//! The `random` module, bit-exact with CPython's Mersenne Twister and `random.py` algorithms.

use num_bigint::BigInt;

use super::def;
use crate::call::Args;
use crate::object::Obj;
use crate::ops;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn install(vm: &mut Vm, m: Value) {
    let fns: [(&'static str, crate::object::NativeFn); 9] = [
        ("seed", seed),
        ("random", random),
        ("randrange", randrange),
        ("randint", randint),
        ("choice", choice),
        ("shuffle", shuffle),
        ("uniform", uniform),
        ("getrandbits", getrandbits),
        ("sample", sample),
    ];
    for (n, f) in fns {
        def(vm, m, n, f);
    }
}

fn seed(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "seed", 0, 2, &["version"])?;
    match a.get(0) {
        None => vm.rng.seed_from_time(),
        Some(v) if v.is_none() => vm.rng.seed_from_time(),
        Some(v) => match ops::to_bigint(v) {
            Some(b) if !v.is_float() => vm.rng.seed_from_int(&b),
            _ => {
                if let Some(f) = v.as_float() {
                    let h = ops::hash(vm, Value::float(f))?;
                    vm.rng.seed_from_int(&BigInt::from(h));
                } else {
                    return Err(vm.not_supported("random.seed() with a non-int seed"));
                }
            }
        },
    }
    Ok(Value::NONE)
}

fn random(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "random", 0, 0, &[])?;
    Ok(Value::float(vm.rng.random()))
}

fn int_of(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    match ops::to_bigint(v) {
        Some(b) if !v.is_float() => Ok(b),
        _ => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

fn randrange(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "randrange", 1, 3, &[])?;
    let start = int_of(vm, a.pos[0])?;
    let stop = match a.get(1) {
        Some(v) if !v.is_none() => Some(int_of(vm, v)?),
        Some(_) if a.len() == 3 => return Err(vm.type_error("Missing a non-None stop argument")),
        _ => None,
    };
    let step = match a.get(2) {
        Some(v) => int_of(vm, v)?,
        None => BigInt::from(1),
    };
    match vm.rng.randrange(&start, stop.as_ref(), &step) {
        Ok(r) => Ok(vm.new_bigint(r)),
        Err(m) => Err(vm.value_error(m)),
    }
}

fn randint(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "randint", 2, 2, &[])?;
    let (x, y) = (int_of(vm, a.pos[0])?, int_of(vm, a.pos[1])?);
    match vm.rng.randint(&x, &y) {
        Ok(r) => Ok(vm.new_bigint(r)),
        Err(m) => Err(vm.value_error(m)),
    }
}

fn choice(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "choice", 1, 1, &[])?;
    let seq = a.pos[0];
    let n = crate::builtins::length_of(vm, seq)?;
    match vm.rng.choice_index(n) {
        Ok(i) => {
            let k = vm.new_int(i as i64);
            ops::getitem(vm, seq, k)
        }
        Err(m) => Err(vm.exc(vm.types.index_error, m)),
    }
}

fn shuffle(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "shuffle", 1, 1, &[])?;
    match a.pos[0].as_obj() {
        Some(Obj::List(l)) => {
            let mut items = l.borrow().clone();
            vm.rng.shuffle(&mut items);
            *l.borrow_mut() = items;
            Ok(Value::NONE)
        }
        _ => Err(vm.not_supported("random.shuffle() of a non-list")),
    }
}

fn uniform(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "uniform", 2, 2, &[])?;
    let x = ops::to_f64(vm, a.pos[0])?.unwrap_or(0.0);
    let y = ops::to_f64(vm, a.pos[1])?.unwrap_or(0.0);
    Ok(Value::float(vm.rng.uniform(x, y)))
}

fn getrandbits(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "getrandbits", 1, 1, &[])?;
    let k = int_of(vm, a.pos[0])?;
    let Ok(k) = u64::try_from(k) else {
        return Err(vm.value_error("number of bits must be non-negative"));
    };
    let r = vm.rng.getrandbits(k);
    Ok(vm.new_bigint(BigInt::from(r)))
}

/// `random.sample(population, k)`: CPython 3.11's algorithm (set-based or pool-based selection).
fn sample(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "sample", 2, 2, &["counts"])?;
    let pop = vm.collect_iterable(a.pos[0])?;
    let k = int_of(vm, a.pos[1])?;
    let n = pop.len();
    let k: usize = match usize::try_from(k) {
        Ok(k) if k <= n => k,
        _ => return Err(vm.value_error("Sample larger than population or is negative")),
    };
    let mut result = Vec::with_capacity(k);
    let mut setsize = 21usize;
    if k > 5 {
        let l = ((k * 3) as f64).log(4.0).ceil() as u32;
        setsize += 4usize.pow(l);
    }
    if n <= setsize {
        let mut pool = pop.clone();
        for i in 0..k {
            let j = vm.rng.randbelow_usize(n - i);
            result.push(pool[j]);
            pool[j] = pool[n - i - 1];
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = vm.rng.randbelow_usize(n);
            while selected.contains(&j) {
                j = vm.rng.randbelow_usize(n);
            }
            selected.insert(j);
            result.push(pop[j]);
        }
    }
    Ok(vm.new_list(result))
}
