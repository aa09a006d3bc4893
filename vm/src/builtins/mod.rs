//! The `builtins` module: built-in functions, constructors of the built-in types, and the
//! formatting entry points (`format`, `%`, f-string conversions).

mod ctors;
mod dict_methods;
mod functions;
mod list_methods;
mod num_methods;
mod sort;
mod str_methods;

use num_bigint::BigInt;

use crate::call::Args;
use crate::fmt::printf::{self, Count, PrintfPiece};
use crate::fmt::spec;
use crate::object::{Native, NativeFn, Obj, Purity};
use crate::ops::{self, Num};
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub use sort::sort_values;

/// A native function object.
pub fn native(vm: &mut Vm, name: &'static str, func: NativeFn) -> Value {
    native_with(vm, name, func, Purity::Impure)
}

/// A native function object, as pure as `pure` says ([`Native::pure`]).
pub fn native_with(vm: &mut Vm, name: &'static str, func: NativeFn, pure: Purity) -> Value {
    native_unary(vm, name, func, pure, None)
}

/// A native function object with [`Native::unary`] (a `math` function of one float).
pub fn native_unary(
    vm: &mut Vm,
    name: &'static str,
    func: NativeFn,
    pure: Purity,
    unary: Option<crate::object::UnaryFloat>,
) -> Value {
    vm.heap.alloc(Obj::Native(Native {
        name,
        func,
        bound: Value::EMPTY,
        pure,
        unary,
    }))
}

/// Defines `name` in the builtins module.
pub fn def_builtin(vm: &mut Vm, name: &'static str, func: NativeFn) {
    let f = native(vm, name, func);
    set_builtin(vm, name, f);
}

/// Defines `name` in the builtins module as a function as pure as `pure` says
/// ([`Native::pure`]).
pub fn def_builtin_pure(vm: &mut Vm, name: &'static str, func: NativeFn, pure: Purity) {
    let f = native_with(vm, name, func, pure);
    set_builtin(vm, name, f);
}

fn set_builtin(vm: &mut Vm, name: &str, v: Value) {
    let k = vm.intern(name);
    if let Some(Obj::Module(m)) = vm.builtins.as_obj() {
        m.globals.set(k, v);
    }
}

/// Defines method `name` on class `cls`.
pub fn def_method(vm: &mut Vm, cls: Value, name: &'static str, func: NativeFn) {
    def_method_with(vm, cls, name, func, Purity::Impure);
}

/// [`def_method`] for a method as pure as `pure` says ([`Native::pure`]).
pub fn def_method_with(vm: &mut Vm, cls: Value, name: &'static str, func: NativeFn, pure: Purity) {
    let f = native_with(vm, name, func, pure);
    let k = vm.intern(name);
    if let Some(Obj::Class(c)) = cls.as_obj() {
        c.dict.borrow_mut().insert(k, f);
    }
    vm.class_epoch = vm.class_epoch.wrapping_add(1);
}

/// Creates the builtins module and every built-in method table.
pub fn install(vm: &mut Vm) {
    vm.builtins = vm.new_module("builtins");
    let ni_cls_name = vm.intern("NotImplementedType");
    let bname = vm.intern("builtins");
    let object = vm.types.object;
    let ni_cls = crate::types::new_class(
        vm,
        ni_cls_name,
        object,
        crate::object::Layout::Object,
        bname,
    );
    vm.not_implemented = vm.new_instance_of(ni_cls);
    let classes = [
        ("object", vm.types.object),
        ("type", vm.types.type_),
        ("int", vm.types.int),
        ("bool", vm.types.bool_),
        ("float", vm.types.float),
        ("str", vm.types.str_),
        ("list", vm.types.list),
        ("tuple", vm.types.tuple),
        ("dict", vm.types.dict),
        ("set", vm.types.set),
        ("frozenset", vm.types.frozenset),
        ("range", vm.types.range),
        ("slice", vm.types.slice),
        ("enumerate", vm.types.enumerate),
        ("zip", vm.types.zip),
        ("map", vm.types.map),
        ("filter", vm.types.filter),
        ("reversed", vm.types.reversed),
        ("property", vm.types.property),
        ("staticmethod", vm.types.staticmethod),
        ("classmethod", vm.types.classmethod),
        ("super", vm.types.super_),
    ];
    for (n, c) in classes {
        set_builtin(vm, n, c);
    }
    for c in vm.types.exception_classes() {
        let n = vm.class_name(c).to_string();
        set_builtin(vm, &n, c);
    }
    let ni = vm.not_implemented;
    set_builtin(vm, "NotImplemented", ni);
    let el = vm.ellipsis();
    set_builtin(vm, "Ellipsis", el);
    set_builtin(vm, "__name__", bname);
    ctors::install(vm);
    functions::install(vm);
    str_methods::install(vm);
    list_methods::install(vm);
    dict_methods::install(vm);
    num_methods::install(vm);
}

/// A one-character str (ASCII characters are interned, so iterating a str allocates nothing).
pub fn char_str(vm: &mut Vm, c: char) -> Value {
    if c.is_ascii() {
        let mut b = [0u8; 4];
        vm.intern(c.encode_utf8(&mut b))
    } else {
        vm.new_str(c.to_string())
    }
}

/// Raises the exception class the formatting code chose for `msg`.
fn fmt_error(vm: &mut Vm, msg: String) -> crate::PyErr {
    match spec::error_class(&msg) {
        spec::ErrorClass::Value => vm.value_error(msg),
        spec::ErrorClass::Overflow => vm.overflow_error(msg),
        spec::ErrorClass::Memory => vm.exc(vm.types.memory_error, msg),
    }
}

/// `format(v, spec)` where `spec` is a str value or `EMPTY` for none.
pub fn format_value(vm: &mut Vm, v: Value, spec_v: Value) -> PyResult<Value> {
    let spec_s = if spec_v.is_empty() {
        ""
    } else {
        vm.str_of(spec_v).unwrap_or("")
    };
    // An empty spec is `str(v)` except for instances, whose `__format__` may say otherwise.
    if spec_s.is_empty() && !matches!(v.as_obj(), Some(Obj::Instance(_))) {
        return crate::repr::str_value(vm, v);
    }
    let spec_s = spec_s.to_string();
    let s = format_str_spec(vm, v, &spec_s)?;
    Ok(vm.new_str(s))
}

/// Formats `v` with a format-spec string.
pub fn format_str_spec(vm: &mut Vm, v: Value, spec_s: &str) -> PyResult<String> {
    if let Some(Obj::Instance(_)) = v.as_obj() {
        let f = vm.names.format;
        let cls = vm.type_of(v);
        if let Some(m) = vm.class_lookup(cls, f) {
            let sv = vm.new_str(spec_s);
            let r = vm.call(m, &[v, sv])?;
            return match vm.str_of(r) {
                Some(s) => Ok(s.to_string()),
                None => {
                    let t = vm.type_name(r);
                    Err(vm.type_error(format!("__format__ must return a str, not {t}")))
                }
            };
        }
        if spec_s.is_empty() {
            return crate::repr::str_string(vm, v);
        }
        let t = vm.type_name(v);
        return Err(vm.type_error(format!(
            "unsupported format string passed to {t}.__format__"
        )));
    }
    let parsed = spec::parse_format_spec(spec_s).map_err(|m| fmt_error(vm, m))?;
    let r = if v.is_bool() {
        if spec_s.is_empty() {
            Ok(crate::repr::str_string(vm, v)?)
        } else {
            spec::format_int_as(&BigInt::from(i64::from(v == Value::TRUE)), &parsed, "bool")
        }
    } else {
        match ops::num(v) {
            Some(Num::Int(i)) => spec::format_int(&BigInt::from(i), &parsed),
            Some(Num::Big(b)) => spec::format_int(b, &parsed),
            Some(Num::Float(f)) => spec::format_float(f, &parsed),
            None => match vm.str_of(v) {
                Some(s) => spec::format_str(s, &parsed),
                None => {
                    let t = vm.type_name(v);
                    return Err(vm.type_error(format!(
                        "unsupported format string passed to {t}.__format__"
                    )));
                }
            },
        }
    };
    r.map_err(|m| fmt_error(vm, m))
}

/// `fmt % args` for str.
pub fn printf_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let f = vm.str_of(fmt).unwrap_or("").to_string();
    let (items, mapping): (Vec<Value>, Option<Value>) = match args.as_obj() {
        Some(Obj::Tuple(t)) => (t.to_vec(), None),
        Some(Obj::Dict(_)) => (vec![args], Some(args)),
        Some(Obj::Instance(_))
            if vm
                .class_lookup(vm.type_of(args), vm.names.getitem)
                .is_some() =>
        {
            (vec![args], Some(args))
        }
        _ => (vec![args], None),
    };
    let mut out = String::with_capacity(f.len() + 16);
    let mut next = 0usize;
    let mut take = |vm: &mut Vm| -> PyResult<Value> {
        match items.get(next) {
            Some(v) => {
                next += 1;
                Ok(*v)
            }
            None => Err(vm.type_error("not enough arguments for format string")),
        }
    };
    let mut used_mapping = false;
    for piece in printf::PrintfParser::new(&f) {
        let piece = piece.map_err(|m| fmt_error(vm, m))?;
        let spec = match piece {
            PrintfPiece::Literal(s) => {
                out.push_str(&s);
                continue;
            }
            PrintfPiece::Spec(s) => s,
        };
        let star = |vm: &mut Vm,
                    c: &Option<Count>,
                    take: &mut dyn FnMut(&mut Vm) -> PyResult<Value>|
         -> PyResult<Option<i64>> {
            match c {
                Some(Count::Star) => {
                    let v = take(vm)?;
                    match ops::to_i64(v) {
                        Some(i) if !v.is_float() => Ok(Some(i)),
                        _ => Err(vm.type_error("* wants int")),
                    }
                }
                _ => Ok(None),
            }
        };
        let sw = star(vm, &spec.width, &mut take)?;
        let sp = star(vm, &spec.precision, &mut take)?;
        let resolved = spec.resolve(sw, sp);
        let arg = match &spec.key {
            Some(k) => {
                let Some(m) = mapping else {
                    return Err(vm.type_error("format requires a mapping"));
                };
                used_mapping = true;
                let kv = vm.new_str(k.as_str());
                ops::getitem(vm, m, kv)?
            }
            None => take(vm)?,
        };
        let piece = match spec.conv {
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let n = match ops::num(arg) {
                    Some(Num::Int(i)) => BigInt::from(i),
                    Some(Num::Big(b)) => b.clone(),
                    Some(Num::Float(x)) => {
                        if !x.is_finite() {
                            return Err(
                                vm.overflow_error("cannot convert float infinity to integer")
                            );
                        }
                        if matches!(spec.conv, 'x' | 'X' | 'o') {
                            let t = vm.type_name(arg);
                            return Err(vm.type_error(format!(
                                "%{} format: an integer is required, not {t}",
                                spec.conv
                            )));
                        }
                        num_traits::FromPrimitive::from_f64(x.trunc()).unwrap_or_default()
                    }
                    None => {
                        let t = vm.type_name(arg);
                        return Err(vm.type_error(if matches!(spec.conv, 'x' | 'X' | 'o') {
                            format!("%{} format: an integer is required, not {t}", spec.conv)
                        } else {
                            format!("%{} format: a real number is required, not {t}", spec.conv)
                        }));
                    }
                };
                printf::render_int(&n, &resolved)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => match ops::to_f64(vm, arg)? {
                Some(x) => printf::render_float(x, &resolved),
                None => {
                    let t = vm.type_name(arg);
                    return Err(vm.type_error(format!("must be real number, not {t}")));
                }
            },
            'c' => {
                let s = match (ops::to_i64(arg), vm.str_of(arg)) {
                    (Some(i), _) if !arg.is_float() => {
                        match u32::try_from(i).ok().and_then(char::from_u32) {
                            Some(c) => c.to_string(),
                            None => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                        }
                    }
                    (_, Some(s)) if s.chars().count() == 1 => s.to_string(),
                    _ => return Err(vm.type_error("%c requires int or char")),
                };
                printf::render_str(&s, &resolved)
            }
            'r' => {
                let s = crate::repr::repr_string(vm, arg)?;
                printf::render_str(&s, &resolved)
            }
            'a' => {
                let a = crate::repr::ascii_value(vm, arg)?;
                let s = vm.str_of(a).unwrap_or("").to_string();
                printf::render_str(&s, &resolved)
            }
            _ => {
                let s = crate::repr::str_string(vm, arg)?;
                printf::render_str(&s, &resolved)
            }
        };
        out.push_str(&piece.map_err(|m| fmt_error(vm, m))?);
    }
    if next < items.len() && !used_mapping && mapping.is_none() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(vm.new_str(out))
}

/// A shallow copy of a dict.
pub fn dict_copy(vm: &mut Vm, d: Value) -> Value {
    let copy = match d.as_obj() {
        Some(Obj::Dict(t)) => t.borrow().copy(),
        _ => crate::table::DictTable::new(),
    };
    vm.heap
        .alloc(Obj::Dict(Box::new(std::cell::RefCell::new(copy))))
}

/// Positional argument `i` or a TypeError naming the function.
pub fn arg(vm: &mut Vm, a: &Args, i: usize, fname: &str) -> PyResult<Value> {
    match a.get(i) {
        Some(v) => Ok(v),
        None => Err(vm.type_error(format!(
            "{fname}() missing required argument (pos {})",
            i + 1
        ))),
    }
}

/// The receiver of a method as a str.
pub fn self_str<'a>(vm: &mut Vm, a: &Args, method: &str) -> PyResult<&'a str> {
    match a.get(0).and_then(|v| vm.str_of(v)) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("descriptor '{method}' requires a 'str' object"))),
    }
}

/// An int argument (ints and bools; `__index__`).
pub fn int_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<i64> {
    if !v.is_float() {
        if let Some(i) = ops::index_of(vm, v)? {
            return Ok(i);
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(format!(
        "'{t}' object cannot be interpreted as an integer{what}"
    )))
}

pub use ctors::{float_to_int as float_to_int_checked, INT_MAX_STR_DIGITS};
pub use functions::length as length_of;
