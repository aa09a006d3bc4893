//! `repr()` and `str()` of every kind of value, byte-identical to CPython's.

use crate::fmt::float_repr::float_repr;
use crate::object::Obj;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

/// Whether CPython's `str.isprintable()` holds for `c` (approximated by Unicode general categories
/// available in `std`: controls, separators other than space, and format characters are not).
pub fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32, 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF | 0xD800..=0xDFFF)
}

/// The repr of a str, with CPython's choice of quotes and escapes.
pub fn str_repr(s: &str, ascii_only: bool) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x7f && !c.is_control() => out.push(c),
            c if !ascii_only && (c as u32) >= 0xa0 && is_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

fn addr(v: Value) -> String {
    format!("0x{:012x}", v.bits() & 0xFFFF_FFFF_FFFF)
}

/// Guards `repr` recursion: CPython raises RecursionError for very deep nesting.
fn enter(vm: &mut Vm) -> PyResult<()> {
    vm.native_depth += 1;
    if vm.native_depth > crate::vm::RECURSION_LIMIT {
        vm.native_depth -= 1;
        return Err(vm.exc(
            vm.types.recursion_error,
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    Ok(())
}

/// Appends `repr(v)` to `out`.
pub fn repr_into(vm: &mut Vm, v: Value, out: &mut String) -> PyResult<()> {
    if let Some(i) = v.as_small_int() {
        out.push_str(itoa_i64(i).as_str());
        return Ok(());
    }
    if let Some(f) = v.as_float() {
        out.push_str(&float_repr(f));
        return Ok(());
    }
    if v.is_none() {
        out.push_str("None");
        return Ok(());
    }
    if v.is_bool() {
        out.push_str(if v == Value::TRUE { "True" } else { "False" });
        return Ok(());
    }
    let Some(o) = v.as_obj() else {
        out.push_str("<NULL>");
        return Ok(());
    };
    match o {
        Obj::Str(s) => out.push_str(&str_repr(&s.s, false)),
        Obj::Int(b) => {
            let digits = b.to_string();
            if digits.trim_start_matches('-').len() > crate::builtins::INT_MAX_STR_DIGITS {
                return Err(vm.value_error(format!(
                    "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                    crate::builtins::INT_MAX_STR_DIGITS
                )));
            }
            out.push_str(&digits);
        }
        Obj::Tuple(_) | Obj::List(_) | Obj::Dict(_) | Obj::Set(_) => container_repr(vm, v, out)?,
        Obj::Range(r) => {
            if r.step() == 1 {
                out.push_str(&format!("range({}, {})", r.start(), r.stop()));
            } else {
                out.push_str(&format!("range({}, {}, {})", r.start(), r.stop(), r.step()));
            }
        }
        Obj::Slice(s) => {
            out.push_str("slice(");
            let s = *s;
            for (i, p) in s.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                repr_into(vm, *p, out)?;
            }
            out.push(')');
        }
        Obj::Function(f) => out.push_str(&format!(
            "<function {} at {}>",
            vm.str_of(f.code.qualname).unwrap_or("?"),
            addr(v)
        )),
        Obj::Native(n) => {
            if n.bound.is_empty() {
                out.push_str(&format!("<built-in function {}>", n.name));
            } else {
                let t = vm.type_name(n.bound);
                out.push_str(&format!(
                    "<built-in method {} of {t} object at {}>",
                    n.name,
                    addr(n.bound)
                ));
            }
        }
        Obj::BoundMethod(s, f) => {
            let (s, f) = (*s, *f);
            let fname = match f.as_obj() {
                Some(Obj::Function(func)) => {
                    vm.str_of(func.code.qualname).unwrap_or("?").to_string()
                }
                Some(Obj::Native(n)) => {
                    let t = vm.type_name(s);
                    out.push_str(&format!(
                        "<built-in method {} of {t} object at {}>",
                        n.name,
                        addr(s)
                    ));
                    return Ok(());
                }
                _ => "?".into(),
            };
            out.push_str(&format!("<bound method {fname} of "));
            repr_into(vm, s, out)?;
            out.push('>');
        }
        Obj::Class(c) => {
            let m = vm.str_of(c.module).unwrap_or("");
            let n = vm.str_of(c.name).unwrap_or("?");
            if m == "builtins" || m.is_empty() {
                out.push_str(&format!("<class '{n}'>"));
            } else {
                out.push_str(&format!("<class '{m}.{n}'>"));
            }
        }
        Obj::Instance(i) => {
            let cls = i.class;
            let rn = vm.names.repr;
            if let Some(m) = vm.class_lookup(cls, rn) {
                if !matches!(m.as_obj(), Some(Obj::Native(_))) {
                    enter(vm)?;
                    let r = vm.call(m, &[v]);
                    vm.native_depth -= 1;
                    let r = r?;
                    match vm.str_of(r) {
                        Some(s) => out.push_str(s),
                        None => {
                            let t = vm.type_name(r);
                            return Err(
                                vm.type_error(format!("__repr__ returned non-string (type {t})"))
                            );
                        }
                    }
                    return Ok(());
                }
            }
            if i.exc.is_some() {
                let args = exception_args(vm, v);
                out.push_str(vm.class_name(cls));
                if args.len() == 1 {
                    out.push('(');
                    repr_into(vm, args[0], out)?;
                    out.push(')');
                } else {
                    let t = vm.new_tuple(args);
                    repr_into(vm, t, out)?;
                }
                return Ok(());
            }
            if cls == vm.types.ellipsis {
                out.push_str("Ellipsis");
                return Ok(());
            }
            if v == vm.not_implemented {
                out.push_str("NotImplemented");
                return Ok(());
            }
            let m = match cls.as_obj() {
                Some(Obj::Class(c)) => vm.str_of(c.module).unwrap_or("?").to_string(),
                _ => "?".into(),
            };
            out.push_str(&format!(
                "<{m}.{} object at {}>",
                vm.class_name(cls),
                addr(v)
            ));
        }
        Obj::Module(m) => out.push_str(&format!(
            "<module '{}' (built-in)>",
            vm.str_of(m.name).unwrap_or("?")
        )),
        Obj::Generator(g) => {
            let q = vm
                .str_of(g.borrow().code.qualname)
                .unwrap_or("?")
                .to_string();
            out.push_str(&format!("<generator object {q} at {}>", addr(v)));
        }
        Obj::Iter(_) => {
            let t = vm.type_name(v);
            out.push_str(&format!("<{t} object at {}>", addr(v)));
        }
        Obj::Cell(_) => out.push_str(&format!("<cell at {}>", addr(v))),
        Obj::Property(..) => out.push_str(&format!("<property object at {}>", addr(v))),
        Obj::StaticMethod(_) => out.push_str(&format!("<staticmethod object at {}>", addr(v))),
        Obj::ClassMethod(_) => out.push_str(&format!("<classmethod object at {}>", addr(v))),
        Obj::Super(..) => out.push_str("<super object>"),
        Obj::DictView { .. } => {
            // CPython prints the view's type around the list of its current items.
            let t = vm.type_name(v);
            let items = vm.collect_iterable(v)?;
            let list = vm.new_list(items);
            vm.temp_roots.push(list);
            out.push_str(&t);
            out.push('(');
            let r = repr_into(vm, list, out);
            vm.temp_roots.pop();
            r?;
            out.push(')');
        }
    }
    Ok(())
}

fn itoa_i64(i: i64) -> String {
    i.to_string()
}

fn container_repr(vm: &mut Vm, v: Value, out: &mut String) -> PyResult<()> {
    let Some(o) = v.as_obj() else { return Ok(()) };
    if vm.repr_stack.contains(&v) {
        out.push_str(match o {
            Obj::List(_) => "[...]",
            Obj::Dict(_) => "{...}",
            _ => "...",
        });
        return Ok(());
    }
    enter(vm)?;
    vm.repr_stack.push(v);
    let r = container_repr_inner(vm, o, out);
    vm.repr_stack.pop();
    vm.native_depth -= 1;
    r
}

fn container_repr_inner(vm: &mut Vm, o: &Obj, out: &mut String) -> PyResult<()> {
    let items = |vm: &mut Vm, items: &[Value], out: &mut String| -> PyResult<()> {
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            repr_into(vm, *x, out)?;
        }
        Ok(())
    };
    match o {
        Obj::Tuple(t) => {
            out.push('(');
            items(vm, t, out)?;
            if t.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Obj::List(l) => {
            let snapshot = l.borrow().clone();
            out.push('[');
            items(vm, &snapshot, out)?;
            out.push(']');
        }
        Obj::Dict(d) => {
            let snapshot: Vec<(Value, Value)> = d.borrow().iter().map(|(k, v)| (*k, *v)).collect();
            out.push('{');
            for (i, (k, v)) in snapshot.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                repr_into(vm, *k, out)?;
                out.push_str(": ");
                repr_into(vm, *v, out)?;
            }
            out.push('}');
        }
        Obj::Set(s) => {
            let snapshot: Vec<Value> = s.table.borrow().iter().copied().collect();
            if snapshot.is_empty() {
                out.push_str(if s.frozen { "frozenset()" } else { "set()" });
                return Ok(());
            }
            if s.frozen {
                out.push_str("frozenset(");
            }
            out.push('{');
            items(vm, &snapshot, out)?;
            out.push('}');
            if s.frozen {
                out.push(')');
            }
        }
        _ => {}
    }
    Ok(())
}

/// `repr(v)` as a Rust string.
pub fn repr_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let mut s = String::new();
    repr_into(vm, v, &mut s)?;
    Ok(s)
}

/// `str(v)` as a Rust string.
pub fn str_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    if let Some(s) = vm.str_of(v) {
        return Ok(s.to_string());
    }
    if let Some(Obj::Instance(i)) = v.as_obj() {
        let cls = i.class;
        let sn = vm.names.str_;
        if let Some(m) = vm.class_lookup(cls, sn) {
            if !matches!(m.as_obj(), Some(Obj::Native(_))) {
                enter(vm)?;
                let r = vm.call(m, &[v]);
                vm.native_depth -= 1;
                let r = r?;
                return match vm.str_of(r) {
                    Some(s) => Ok(s.to_string()),
                    None => {
                        let t = vm.type_name(r);
                        Err(vm.type_error(format!("__str__ returned non-string (type {t})")))
                    }
                };
            }
        }
        if i.exc.is_some() {
            let rn = vm.names.repr;
            let custom_repr = vm
                .class_lookup(cls, rn)
                .is_some_and(|m| !matches!(m.as_obj(), Some(Obj::Native(_))));
            if !custom_repr {
                return Ok(exception_message(vm, v));
            }
        }
    }
    repr_string(vm, v)
}

/// `str(v)` as a value.
pub fn str_value(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if vm.str_of(v).is_some() {
        return Ok(v);
    }
    let s = str_string(vm, v)?;
    Ok(vm.new_str(s))
}

/// `repr(v)` as a value.
pub fn repr_value(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let s = repr_string(vm, v)?;
    Ok(vm.new_str(s))
}

/// `ascii(v)` as a value.
pub fn ascii_value(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let s = repr_string(vm, v)?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    Ok(vm.new_str(out))
}

/// The `args` of an exception instance.
pub fn exception_args(vm: &mut Vm, e: Value) -> Vec<Value> {
    let Some(Obj::Instance(inst)) = e.as_obj() else {
        return Vec::new();
    };
    let key = vm.names.args;
    match vm
        .shapes
        .lookup(inst.shape.get(), key)
        .map(|s| inst.slots.borrow()[s as usize])
    {
        Some(t) => match t.as_obj() {
            Some(Obj::Tuple(items)) => items.to_vec(),
            _ => vec![t],
        },
        None => Vec::new(),
    }
}

/// `str(exc)`: empty for no args, `str(arg)` for one, `str(args)` for several. KeyError shows the
/// repr of its single argument.
pub fn exception_message(vm: &mut Vm, e: Value) -> String {
    let args = exception_args(vm, e);
    let is_key_error = vm.is_instance(e, vm.types.key_error);
    let r = match args.len() {
        0 => Ok(String::new()),
        1 if is_key_error => repr_string(vm, args[0]),
        1 => str_string(vm, args[0]),
        _ => {
            let t = vm.new_tuple(args);
            repr_string(vm, t)
        }
    };
    r.unwrap_or_else(|_| "<exception str() failed>".into())
}
