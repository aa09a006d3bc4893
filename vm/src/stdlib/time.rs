//! The `time` module: clocks and `sleep`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::def;
use crate::call::Args;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn install(vm: &mut Vm, m: Value) {
    def(vm, m, "time", time);
    def(vm, m, "time_ns", time_ns);
    def(vm, m, "perf_counter", monotonic);
    def(vm, m, "perf_counter_ns", monotonic_ns);
    def(vm, m, "monotonic", monotonic);
    def(vm, m, "monotonic_ns", monotonic_ns);
    def(vm, m, "process_time", monotonic);
    def(vm, m, "sleep", sleep);
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn time(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "time", 0, 0, &[])?;
    Ok(Value::float(since_epoch().as_secs_f64()))
}

fn time_ns(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "time_ns", 0, 0, &[])?;
    Ok(vm.new_bigint(since_epoch().as_nanos().into()))
}

fn monotonic(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "monotonic", 0, 0, &[])?;
    Ok(Value::float(vm.start_time.elapsed().as_secs_f64()))
}

fn monotonic_ns(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "monotonic_ns", 0, 0, &[])?;
    let ns = vm.start_time.elapsed().as_nanos();
    Ok(vm.new_bigint(ns.into()))
}

fn sleep(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "sleep", 1, 1, &[])?;
    let s = crate::ops::to_f64(vm, a.pos[0])?.unwrap_or(-1.0);
    if s < 0.0 || !s.is_finite() {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    std::thread::sleep(Duration::from_secs_f64(s));
    Ok(Value::NONE)
}
