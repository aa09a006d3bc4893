//! Attribute access: instance slots by shape, class lookup along the MRO, descriptors
//! (functions bind, `property`, `staticmethod`, `classmethod`), modules and `super`.

use crate::object::Obj;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

/// Whether `cls` defines `name` as a data descriptor (a property), which wins over instance slots.
pub fn class_has_descriptor(vm: &Vm, cls: Value, name: Value) -> bool {
    matches!(
        vm.class_lookup(cls, name).and_then(|v| v.as_obj()),
        Some(Obj::Property(..))
    )
}

/// Binds a class attribute found for `obj` (an instance or other object) of class `cls`.
fn bind(vm: &mut Vm, attr: Value, obj: Value, cls: Value) -> PyResult<Value> {
    Ok(match attr.as_obj() {
        Some(Obj::Function(_)) | Some(Obj::Native(_)) => vm.heap.alloc(Obj::BoundMethod(obj, attr)),
        Some(Obj::StaticMethod(f)) => *f,
        Some(Obj::ClassMethod(f)) => {
            let f = *f;
            vm.heap.alloc(Obj::BoundMethod(cls, f))
        }
        Some(Obj::Property(fget, _)) => {
            if fget.is_none() {
                return Err(vm.attribute_error("unreadable attribute"));
            }
            let fget = *fget;
            vm.call(fget, &[obj])?
        }
        _ => attr,
    })
}

/// The `__name__` of a module value.
pub fn module_name(vm: &Vm, m: Value) -> String {
    match m.as_obj() {
        Some(Obj::Module(md)) => vm.str_of(md.name).unwrap_or("?").to_string(),
        _ => "?".into(),
    }
}

/// `obj.name` (`name` interned).
pub fn get_attr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Value> {
    match obj.as_obj() {
        Some(Obj::Instance(inst)) => {
            let cls = inst.class;
            let class_attr = vm.class_lookup(cls, name);
            if let Some(a) = class_attr {
                if matches!(a.as_obj(), Some(Obj::Property(..))) {
                    return bind(vm, a, obj, cls);
                }
            }
            if let Some(slot) = vm.shapes.lookup(inst.shape.get(), name) {
                return Ok(inst.slots.borrow()[slot as usize]);
            }
            if let Some(a) = class_attr {
                return bind(vm, a, obj, cls);
            }
            if let Some(v) = special_instance_attr(vm, obj, name)? {
                return Ok(v);
            }
            let ga = vm.names.getattr;
            if let Some(g) = vm.class_lookup(cls, ga) {
                return vm.call(g, &[obj, name]);
            }
            let (t, n) = (
                vm.type_name(obj),
                vm.str_of(name).unwrap_or("?").to_string(),
            );
            Err(vm.attribute_error(format!("'{t}' object has no attribute '{n}'")))
        }
        Some(Obj::Class(c)) => {
            if let Some(a) = vm.class_lookup(obj, name) {
                return Ok(match a.as_obj() {
                    Some(Obj::StaticMethod(f)) => *f,
                    Some(Obj::ClassMethod(f)) => {
                        let f = *f;
                        vm.heap.alloc(Obj::BoundMethod(obj, f))
                    }
                    _ => a,
                });
            }
            let n = vm.str_of(name).unwrap_or("?").to_string();
            match n.as_str() {
                "__name__" => return Ok(c.name),
                "__qualname__" => return Ok(c.name),
                "__module__" => return Ok(c.module),
                "__base__" => return Ok(c.base),
                "__bases__" => {
                    let b = if c.base.is_none() {
                        vec![]
                    } else {
                        vec![c.base]
                    };
                    return Ok(vm.new_tuple(b));
                }
                "__mro__" => {
                    let mut m = vec![obj];
                    m.extend(c.mro.iter().copied());
                    return Ok(vm.new_tuple(m));
                }
                "__doc__" => return Ok(Value::NONE),
                _ => {}
            }
            let cn = vm.str_of(c.name).unwrap_or("?").to_string();
            Err(vm.attribute_error(format!("type object '{cn}' has no attribute '{n}'")))
        }
        Some(Obj::Module(m)) => {
            if let Some(v) = m.globals.get(name) {
                return Ok(v);
            }
            let (mn, n) = (
                vm.str_of(m.name).unwrap_or("?").to_string(),
                vm.str_of(name).unwrap_or("?").to_string(),
            );
            Err(vm.attribute_error(format!("module '{mn}' has no attribute '{n}'")))
        }
        Some(Obj::Super(start, inst)) => {
            let (start, inst) = (*start, *inst);
            let cls = if matches!(inst.as_obj(), Some(Obj::Class(_))) {
                inst
            } else {
                vm.type_of(inst)
            };
            let mro: Vec<Value> = match cls.as_obj() {
                Some(Obj::Class(c)) => std::iter::once(cls).chain(c.mro.iter().copied()).collect(),
                _ => vec![],
            };
            let after = mro
                .iter()
                .position(|c| *c == start)
                .map_or(mro.len(), |i| i + 1);
            for k in &mro[after..] {
                if let Some(Obj::Class(kc)) = k.as_obj() {
                    let found = kc.dict.borrow().get(&name).copied();
                    if let Some(a) = found {
                        return bind(vm, a, inst, cls);
                    }
                }
            }
            let n = vm.str_of(name).unwrap_or("?").to_string();
            Err(vm.attribute_error(format!("'super' object has no attribute '{n}'")))
        }
        Some(Obj::Function(f)) => {
            let n = vm.str_of(name).unwrap_or("?").to_string();
            match n.as_str() {
                "__name__" => return Ok(f.code.name),
                "__qualname__" => return Ok(f.code.qualname),
                "__doc__" => return Ok(Value::NONE),
                "__module__" => {
                    return Ok(match f.module.as_obj() {
                        Some(Obj::Module(m)) => m.name,
                        _ => Value::NONE,
                    })
                }
                "__defaults__" => {
                    let d = f.defaults.to_vec();
                    return Ok(if d.is_empty() {
                        Value::NONE
                    } else {
                        vm.new_tuple(d)
                    });
                }
                _ => {}
            }
            if let Some((_, v)) = f.attrs.borrow().iter().find(|(k, _)| *k == name) {
                return Ok(*v);
            }
            Err(vm.attribute_error(format!("'function' object has no attribute '{n}'")))
        }
        Some(Obj::BoundMethod(s, f)) => {
            let n = vm.str_of(name).unwrap_or("?");
            match n {
                "__self__" => Ok(*s),
                "__func__" => Ok(*f),
                _ => get_attr(vm, *f, name),
            }
        }
        Some(Obj::Native(n)) => {
            let attr = vm.str_of(name).unwrap_or("?").to_string();
            match attr.as_str() {
                "__name__" | "__qualname__" => Ok(vm.intern(n.name)),
                "__self__" => Ok(if n.bound.is_empty() {
                    Value::NONE
                } else {
                    n.bound
                }),
                _ => Err(vm.attribute_error(format!(
                    "'builtin_function_or_method' object has no attribute '{attr}'"
                ))),
            }
        }
        _ => {
            let cls = vm.type_of(obj);
            if let Some(a) = vm.class_lookup(cls, name) {
                return bind(vm, a, obj, cls);
            }
            if let Some(v) = special_builtin_attr(vm, obj, name)? {
                return Ok(v);
            }
            let (t, n) = (
                vm.type_name(obj),
                vm.str_of(name).unwrap_or("?").to_string(),
            );
            Err(vm.attribute_error(format!("'{t}' object has no attribute '{n}'")))
        }
    }
}

fn special_instance_attr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Option<Value>> {
    let Some(Obj::Instance(inst)) = obj.as_obj() else {
        return Ok(None);
    };
    let n = vm.str_of(name).unwrap_or("");
    Ok(match n {
        "__class__" => Some(inst.class),
        "__dict__" => {
            let d = vm.new_dict();
            let names = vm.shapes.names(inst.shape.get()).to_vec();
            let slots = inst.slots.borrow().clone();
            for (k, v) in names.into_iter().zip(slots) {
                if !v.is_empty() {
                    crate::ops::dict_set(vm, d, k, v)?;
                }
            }
            Some(d)
        }
        "__cause__" => inst.exc.as_ref().map(|x| x.cause.get()),
        "__context__" => inst.exc.as_ref().map(|x| x.context.get()),
        "__suppress_context__" => inst
            .exc
            .as_ref()
            .map(|x| Value::bool(x.suppress_context.get())),
        "__traceback__" => inst.exc.as_ref().map(|_| Value::NONE),
        "value" if vm.is_instance(obj, vm.types.stop_iteration) => {
            let args = vm.names.args;
            let a = get_attr(vm, obj, args)?;
            Some(match a.as_obj() {
                Some(Obj::Tuple(t)) if !t.is_empty() => t[0],
                _ => Value::NONE,
            })
        }
        "code" if vm.is_instance(obj, vm.types.system_exit) => {
            let args = vm.names.args;
            let a = get_attr(vm, obj, args)?;
            Some(match a.as_obj() {
                Some(Obj::Tuple(t)) if t.len() == 1 => t[0],
                Some(Obj::Tuple(t)) if t.is_empty() => Value::NONE,
                _ => a,
            })
        }
        _ => None,
    })
}

fn special_builtin_attr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Option<Value>> {
    let n = vm.str_of(name).unwrap_or("");
    Ok(match n {
        "__class__" => Some(vm.type_of(obj)),
        "real" | "numerator" if crate::ops::num(obj).is_some() && !obj.is_float() => Some(obj),
        "real" if obj.is_float() => Some(obj),
        "imag" if crate::ops::num(obj).is_some() => Some(if obj.is_float() {
            Value::float(0.0)
        } else {
            Value::int_unchecked(0)
        }),
        "denominator" if crate::ops::num(obj).is_some() && !obj.is_float() => {
            Some(Value::int_unchecked(1))
        }
        "start" | "stop" | "step" => match obj.as_obj() {
            Some(Obj::Range(r)) => {
                let i = match n {
                    "start" => r.start(),
                    "stop" => r.stop(),
                    _ => r.step(),
                };
                Some(crate::ops::int_from_i128(vm, i))
            }
            Some(Obj::Slice(s)) => Some(match n {
                "start" => s[0],
                "stop" => s[1],
                _ => s[2],
            }),
            _ => None,
        },
        _ => None,
    })
}

/// `obj.name` for a call: `(method, obj)` for functions found on the class (no bound-method
/// allocation), else `(attribute, EMPTY)`.
pub fn load_method(vm: &mut Vm, obj: Value, name: Value) -> PyResult<(Value, Value)> {
    let shaped = match obj.as_obj() {
        Some(Obj::Instance(inst)) => Some(inst.shape.get()),
        Some(Obj::Class(_))
        | Some(Obj::Module(_))
        | Some(Obj::Super(..))
        | Some(Obj::Function(_))
        | Some(Obj::BoundMethod(..)) => {
            return Ok((get_attr(vm, obj, name)?, Value::EMPTY));
        }
        _ => None,
    };
    let cls = vm.type_of(obj);
    if let Some(a) = vm.class_lookup(cls, name) {
        let is_method = matches!(a.as_obj(), Some(Obj::Function(_)) | Some(Obj::Native(_)));
        let shadowed = shaped.is_some_and(|s| vm.shapes.lookup(s, name).is_some());
        if is_method && !shadowed {
            return Ok((a, obj));
        }
    }
    Ok((get_attr(vm, obj, name)?, Value::EMPTY))
}

/// Sets an attribute on an instance without looking for descriptors.
pub fn set_instance_attr(vm: &mut Vm, obj: Value, name: Value, v: Value) -> PyResult<()> {
    let Some(Obj::Instance(inst)) = obj.as_obj() else {
        return Ok(());
    };
    let shape = inst.shape.get();
    match vm.shapes.lookup(shape, name) {
        Some(slot) => inst.slots.borrow_mut()[slot as usize] = v,
        None => {
            let next = vm.shapes.add(shape, name);
            inst.shape.set(next);
            inst.slots.borrow_mut().push(v);
        }
    }
    Ok(())
}

/// `obj.name = v`.
pub fn set_attr(vm: &mut Vm, obj: Value, name: Value, v: Value) -> PyResult<()> {
    match obj.as_obj() {
        Some(Obj::Instance(inst)) => {
            if let Some(p) = vm.class_lookup(inst.class, name) {
                if let Some(Obj::Property(_, fset)) = p.as_obj() {
                    if fset.is_none() {
                        let (n, t) = (
                            vm.str_of(name).unwrap_or("?").to_string(),
                            vm.type_name(obj),
                        );
                        return Err(vm.attribute_error(format!(
                            "property '{n}' of '{t}' object has no setter"
                        )));
                    }
                    let fset = *fset;
                    vm.call(fset, &[obj, v])?;
                    return Ok(());
                }
            }
            if !slots_allow(vm, inst.class, name)? {
                let (t, n) = (
                    vm.type_name(obj),
                    vm.str_of(name).unwrap_or("?").to_string(),
                );
                let msg = if vm.class_lookup(inst.class, name).is_some() {
                    format!("'{t}' object attribute '{n}' is read-only")
                } else {
                    format!("'{t}' object has no attribute '{n}'")
                };
                return Err(vm.attribute_error(msg));
            }
            set_instance_attr(vm, obj, name, v)
        }
        Some(Obj::Class(_)) => {
            vm.class_set(obj, name, v);
            Ok(())
        }
        Some(Obj::Module(m)) => {
            m.globals.set(name, v);
            Ok(())
        }
        Some(Obj::Function(f)) => {
            let mut attrs = f.attrs.borrow_mut();
            match attrs.iter_mut().find(|(k, _)| *k == name) {
                Some(slot) => slot.1 = v,
                None => attrs.push((name, v)),
            }
            Ok(())
        }
        _ => {
            let (t, n) = (
                vm.type_name(obj),
                vm.str_of(name).unwrap_or("?").to_string(),
            );
            let has = {
                let cls = vm.type_of(obj);
                vm.class_lookup(cls, name).is_some()
            };
            if has {
                Err(vm.attribute_error(format!("'{t}' object attribute '{n}' is read-only")))
            } else {
                Err(vm.attribute_error(format!("'{t}' object has no attribute '{n}'")))
            }
        }
    }
}

/// Whether instances of `cls` may get attribute `name`: only a class whose every user-defined class
/// in the MRO declares `__slots__` (without `'__dict__'`) restricts its instances to those names.
fn slots_allow(vm: &mut Vm, cls: Value, name: Value) -> PyResult<bool> {
    let slots_name = vm.intern("__slots__");
    let own = |c: Value| match c.as_obj() {
        Some(Obj::Class(k)) => k.dict.borrow().get(&slots_name).copied(),
        _ => None,
    };
    if own(cls).is_none() {
        return Ok(true);
    }
    let mut chain = vec![cls];
    if let Some(Obj::Class(k)) = cls.as_obj() {
        chain.extend(k.mro.iter().copied().filter(|c| *c != vm.types.object));
    }
    let mut allowed = false;
    for c in chain {
        let Some(slots) = own(c) else { return Ok(true) };
        let names = if vm.str_of(slots).is_some() {
            vec![slots]
        } else {
            vm.collect_iterable(slots)?
        };
        for n in names {
            match vm.str_of(n) {
                Some("__dict__") => return Ok(true),
                Some(s) if Some(s) == vm.str_of(name) => allowed = true,
                _ => {}
            }
        }
    }
    Ok(allowed)
}

/// `del obj.name`.
pub fn del_attr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<()> {
    match obj.as_obj() {
        Some(Obj::Instance(inst)) => {
            let shape = inst.shape.get();
            let Some(slot) = vm.shapes.lookup(shape, name) else {
                let (t, n) = (
                    vm.type_name(obj),
                    vm.str_of(name).unwrap_or("?").to_string(),
                );
                return Err(vm.attribute_error(format!("'{t}' object has no attribute '{n}'")));
            };
            // Rebuild the shape without `name`, keeping the other attributes in order.
            let names = vm.shapes.names(shape).to_vec();
            let mut slots = inst.slots.borrow().clone();
            slots.remove(slot as usize);
            let mut s = vm.shapes.root_of(shape);
            for n in names.iter().filter(|n| **n != name) {
                s = vm.shapes.add(s, *n);
            }
            inst.shape.set(s);
            *inst.slots.borrow_mut() = slots;
            Ok(())
        }
        Some(Obj::Class(c)) => {
            c.dict.borrow_mut().remove(&name);
            vm.class_epoch = vm.class_epoch.wrapping_add(1);
            Ok(())
        }
        Some(Obj::Module(m)) => {
            m.globals.delete(name);
            Ok(())
        }
        _ => {
            let (t, n) = (
                vm.type_name(obj),
                vm.str_of(name).unwrap_or("?").to_string(),
            );
            Err(vm.attribute_error(format!("'{t}' object has no attribute '{n}'")))
        }
    }
}
