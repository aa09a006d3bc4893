//! The iteration protocol: `iter()`, `next()`, and collecting an iterable into a vector.

use std::cell::RefCell;

use crate::interp::GenStep;
use crate::object::{IterState, Obj};
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

impl Vm {
    fn new_iter(&mut self, s: IterState) -> Value {
        self.heap.alloc(Obj::Iter(RefCell::new(s)))
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: Value) -> PyResult<Value> {
        let state = match v.as_obj() {
            Some(Obj::List(_)) | Some(Obj::Tuple(_)) => IterState::Seq { seq: v, index: 0 },
            Some(Obj::Str(s)) if s.is_ascii() => IterState::Seq { seq: v, index: 0 },
            Some(Obj::Str(_)) => IterState::StrChars { s: v, byte: 0 },
            Some(Obj::Range(r)) => match r.small() {
                // The fast state steps an i64 past `stop`, so that must not overflow either.
                Some((next, stop, step)) if stop.checked_add(step).is_some() => {
                    IterState::Range { next, stop, step }
                }
                _ => IterState::GetItem { obj: v, index: 0 },
            },
            Some(Obj::Dict(d)) => {
                let len = d.borrow().len();
                IterState::Dict {
                    dict: v,
                    pos: 0,
                    len,
                    what: 0,
                }
            }
            Some(Obj::DictView { dict, what }) => {
                let len = crate::ops::dict_len(*dict);
                IterState::Dict {
                    dict: *dict,
                    pos: 0,
                    len,
                    what: *what as u8,
                }
            }
            Some(Obj::Set(s)) => IterState::Snapshot {
                items: s.table.borrow().iter().copied().collect(),
                index: 0,
            },
            Some(Obj::Iter(_)) | Some(Obj::Generator(_)) => return Ok(v),
            Some(Obj::Instance(_)) => {
                let it = self.names.iter;
                if let Some(r) = self.call_method_opt(v, it, &[])? {
                    let nx = self.names.next;
                    let cls = self.type_of(r);
                    let ok = matches!(r.as_obj(), Some(Obj::Iter(_)) | Some(Obj::Generator(_)))
                        || self.class_lookup(cls, nx).is_some();
                    if !ok {
                        let t = self.type_name(r);
                        return Err(
                            self.type_error(format!("iter() returned non-iterator of type '{t}'"))
                        );
                    }
                    return Ok(r);
                }
                let gi = self.names.getitem;
                let cls = self.type_of(v);
                if self.class_lookup(cls, gi).is_some() {
                    IterState::GetItem { obj: v, index: 0 }
                } else {
                    let t = self.type_name(v);
                    return Err(self.type_error(format!("'{t}' object is not iterable")));
                }
            }
            _ => {
                let t = self.type_name(v);
                return Err(self.type_error(format!("'{t}' object is not iterable")));
            }
        };
        Ok(self.new_iter(state))
    }

    /// A dict view iterator: `what` 0 keys, 1 values, 2 items.
    pub fn dict_iter(&mut self, d: Value, what: u8) -> Value {
        let len = crate::ops::dict_len(d);
        self.new_iter(IterState::Dict {
            dict: d,
            pos: 0,
            len,
            what,
        })
    }

    /// `next(it)`: `None` when exhausted.
    pub fn iter_next(&mut self, it: Value) -> PyResult<Option<Value>> {
        match it.as_obj() {
            Some(Obj::Iter(cell)) => self.builtin_iter_next(cell),
            Some(Obj::Generator(_)) => match self.gen_resume(it, Value::NONE)? {
                GenStep::Yield(v) => Ok(Some(v)),
                GenStep::Return(_) => Ok(None),
            },
            Some(Obj::Instance(_)) => {
                let nx = self.names.next;
                match self.call_method_opt(it, nx, &[]) {
                    Ok(Some(v)) => Ok(Some(v)),
                    Ok(None) => {
                        let t = self.type_name(it);
                        Err(self.type_error(format!("'{t}' object is not an iterator")))
                    }
                    Err(e) if self.is_instance(e.0, self.types.stop_iteration) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            _ => {
                let t = self.type_name(it);
                Err(self.type_error(format!("'{t}' object is not an iterator")))
            }
        }
    }

    fn builtin_iter_next(&mut self, cell: &RefCell<IterState>) -> PyResult<Option<Value>> {
        let mut st = cell.borrow_mut();
        match &mut *st {
            IterState::Seq { seq, index } => {
                let i = *index;
                let v = match seq.as_obj() {
                    Some(Obj::List(l)) => l.borrow().get(i).copied(),
                    Some(Obj::Tuple(t)) => t.get(i).copied(),
                    Some(Obj::Str(s)) => {
                        s.s.as_bytes()
                            .get(i)
                            .map(|b| char::from(*b))
                            .map(|c| crate::builtins::char_str(self, c))
                    }
                    _ => None,
                };
                match v {
                    Some(v) => {
                        *index += 1;
                        Ok(Some(v))
                    }
                    None => {
                        *st = IterState::Exhausted;
                        Ok(None)
                    }
                }
            }
            IterState::StrChars { s, byte } => {
                let ch = self.str_of(*s).and_then(|t| t[*byte..].chars().next());
                match ch {
                    Some(c) => {
                        *byte += c.len_utf8();
                        Ok(Some(crate::builtins::char_str(self, c)))
                    }
                    None => Ok(None),
                }
            }
            IterState::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let v = *next;
                    *next += *step;
                    Ok(Some(self.new_int(v)))
                } else {
                    Ok(None)
                }
            }
            IterState::Dict {
                dict,
                pos,
                len,
                what,
            } => {
                let Some(Obj::Dict(d)) = dict.as_obj() else {
                    return Ok(None);
                };
                let d = d.borrow();
                if d.len() != *len {
                    *len = usize::MAX;
                    drop(d);
                    drop(st);
                    return Err(self.runtime_error("dictionary changed size during iteration"));
                }
                while *pos < d.dense_len() {
                    let p = *pos;
                    *pos += 1;
                    if let Some((k, v)) = d.entry_at(p) {
                        let (k, v, w) = (*k, *v, *what);
                        drop(d);
                        drop(st);
                        return Ok(Some(match w {
                            0 => k,
                            1 => v,
                            _ => self.new_tuple(vec![k, v]),
                        }));
                    }
                }
                Ok(None)
            }
            IterState::Snapshot { items, index } => {
                let v = items.get(*index).copied();
                *index += 1;
                Ok(v)
            }
            IterState::Reversed { seq, index } => {
                if *index == 0 {
                    return Ok(None);
                }
                *index -= 1;
                let i = *index;
                let seq = *seq;
                drop(st);
                match seq.as_obj() {
                    Some(Obj::List(l)) => Ok(l.borrow().get(i).copied()),
                    _ => {
                        let k = self.new_int(i as i64);
                        crate::ops::getitem(self, seq, k).map(Some)
                    }
                }
            }
            IterState::Enumerate { it, count } => {
                let (inner, n) = (*it, *count);
                *count += 1;
                drop(st);
                match self.iter_next(inner)? {
                    Some(v) => {
                        let i = self.new_int(n);
                        Ok(Some(self.new_tuple(vec![i, v])))
                    }
                    None => Ok(None),
                }
            }
            IterState::Zip { its } => {
                let its = its.clone();
                drop(st);
                if its.is_empty() {
                    return Ok(None);
                }
                let mut out = Vec::with_capacity(its.len());
                for i in its {
                    match self.iter_next(i)? {
                        Some(v) => {
                            out.push(v);
                            self.temp_roots.push(v);
                        }
                        None => {
                            self.temp_roots.truncate(self.temp_roots.len() - out.len());
                            return Ok(None);
                        }
                    }
                }
                self.temp_roots.truncate(self.temp_roots.len() - out.len());
                Ok(Some(self.new_tuple(out)))
            }
            IterState::Map { func, its } => {
                let (func, its) = (*func, its.clone());
                drop(st);
                let mut args = Vec::with_capacity(its.len());
                for i in its {
                    match self.iter_next(i)? {
                        Some(v) => {
                            args.push(v);
                            self.temp_roots.push(v);
                        }
                        None => {
                            self.temp_roots.truncate(self.temp_roots.len() - args.len());
                            return Ok(None);
                        }
                    }
                }
                let r = self.call(func, &args);
                self.temp_roots.truncate(self.temp_roots.len() - args.len());
                r.map(Some)
            }
            IterState::Filter { func, it } => {
                let (func, inner) = (*func, *it);
                drop(st);
                while let Some(v) = self.iter_next(inner)? {
                    let keep = if func.is_none() {
                        crate::ops::truthy(self, v)?
                    } else {
                        self.temp_roots.push(v);
                        let r = self.call(func, &[v]);
                        self.temp_roots.pop();
                        let r = r?;
                        crate::ops::truthy(self, r)?
                    };
                    if keep {
                        return Ok(Some(v));
                    }
                }
                Ok(None)
            }
            IterState::Callable { func, sentinel } => {
                let (func, sentinel) = (*func, *sentinel);
                drop(st);
                let v = self.call(func, &[]);
                let v = match v {
                    Err(e) if self.is_instance(e.0, self.types.stop_iteration) => None,
                    r => Some(r?),
                };
                let done = match v {
                    Some(v) => {
                        self.temp_roots.push(v);
                        let r = crate::ops::eq(self, v, sentinel);
                        self.temp_roots.pop();
                        r?
                    }
                    None => true,
                };
                if done {
                    *cell.borrow_mut() = IterState::Exhausted;
                    return Ok(None);
                }
                Ok(v)
            }
            IterState::GetItem { obj, index } => {
                let (obj, i) = (*obj, *index);
                *index += 1;
                drop(st);
                let k = self.new_int(i);
                match crate::ops::getitem(self, obj, k) {
                    Ok(v) => Ok(Some(v)),
                    Err(e)
                        if self.is_instance(e.0, self.types.index_error)
                            || self.is_instance(e.0, self.types.stop_iteration) =>
                    {
                        Ok(None)
                    }
                    Err(e) => Err(e),
                }
            }
            IterState::Exhausted => Ok(None),
        }
    }

    /// All items of an iterable. Items are kept rooted while Python code runs to produce more.
    pub fn collect_iterable(&mut self, v: Value) -> PyResult<Vec<Value>> {
        match v.as_obj() {
            Some(Obj::List(l)) => return Ok(l.borrow().clone()),
            Some(Obj::Tuple(t)) => return Ok(t.to_vec()),
            Some(Obj::Dict(d)) => return Ok(d.borrow().keys().copied().collect()),
            Some(Obj::Set(s)) => return Ok(s.table.borrow().iter().copied().collect()),
            Some(Obj::Range(r)) => {
                let r = *r;
                let n = r.len();
                if n > 1 << 28 {
                    return Err(self.exc(self.types.memory_error, ""));
                }
                return Ok((0..n)
                    .map(|i| crate::ops::int_from_i128(self, r.get(i)))
                    .collect());
            }
            _ => {}
        }
        let it = self.get_iter(v)?;
        let acc = self.new_list(Vec::new());
        self.temp_roots.push(it);
        self.temp_roots.push(acc);
        let r = (|| -> PyResult<()> {
            loop {
                // A generator with a drain trace appends most of its values itself.
                let step = match self.jit.is_some() {
                    true => self.gen_drain(it, acc)?,
                    false => None,
                };
                let x = match step {
                    Some(GenStep::Yield(v)) => Some(v),
                    Some(GenStep::Return(_)) => None,
                    None => self.iter_next(it)?,
                };
                let Some(x) = x else {
                    return Ok(());
                };
                if let Some(Obj::List(l)) = acc.as_obj() {
                    l.borrow_mut().push(x);
                }
            }
        })();
        self.temp_roots.truncate(self.temp_roots.len() - 2);
        r?;
        Ok(match acc.as_obj() {
            Some(Obj::List(l)) => std::mem::take(&mut *l.borrow_mut()),
            _ => Vec::new(),
        })
    }
}

/// One step of `it` when it is a range iterator (`ForIterRange` and the JIT's helper): `None`
/// when it is not one, `Some(None)` when it is exhausted, else the next int — taken (the
/// iterator advanced) only when `accept` agrees, `None` otherwise.
#[inline(always)]
pub fn range_step(it: Value, accept: impl FnOnce(i64) -> bool) -> Option<Option<i64>> {
    let Some(Obj::Iter(s)) = it.as_obj() else {
        return None;
    };
    let mut state = s.borrow_mut();
    let IterState::Range { next, stop, step } = &mut *state else {
        return None;
    };
    if !((*step > 0 && *next < *stop) || (*step < 0 && *next > *stop)) {
        return Some(None);
    }
    let n = *next;
    if !accept(n) {
        return None;
    }
    *next += *step;
    Some(Some(n))
}

/// One step of `it` when it iterates a list (`ForIterList` and the JIT's helper): `None` when it
/// does not, `Some(None)` when it is exhausted, else the next item.
#[inline(always)]
pub fn list_step(it: Value) -> Option<Option<Value>> {
    let Some(Obj::Iter(s)) = it.as_obj() else {
        return None;
    };
    let mut state = s.borrow_mut();
    let IterState::Seq { seq, index } = &mut *state else {
        return None;
    };
    let Some(Obj::List(l)) = seq.as_obj() else {
        return None;
    };
    let l = l.borrow();
    if *index < l.len() {
        let v = l[*index];
        *index += 1;
        Some(Some(v))
    } else {
        Some(None)
    }
}

/// Whether `it`, a range iterator or an iterator over a list, is exhausted (its `ForIterRange` or
/// `ForIterList` would leave the loop), without stepping it; `None` for any other iterator.
pub fn exhausted(it: Value) -> Option<bool> {
    let Some(Obj::Iter(s)) = it.as_obj() else {
        return None;
    };
    match &*s.borrow() {
        IterState::Range { next, stop, step } => {
            Some(!((*step > 0 && *next < *stop) || (*step < 0 && *next > *stop)))
        }
        IterState::Seq { seq, index } => match seq.as_obj() {
            Some(Obj::List(l)) => Some(*index >= l.borrow().len()),
            _ => None,
        },
        _ => None,
    }
}

/// One step of `enumerate(list_iterator)` without allocating its `(index, item)` pair, for a
/// JIT that unpacks the pair straight away: `None` if `it` is not an enumerate over a list
/// iterator or its next index would not be a small int (nothing changes then), else the item
/// (`None` at the end). The index is [`enumerate_count`]` - 1` afterwards.
pub fn enumerate_list_step(it: Value) -> Option<Option<Value>> {
    let Some(Obj::Iter(s)) = it.as_obj() else {
        return None;
    };
    let mut state = s.borrow_mut();
    let IterState::Enumerate { it: inner, count } = &mut *state else {
        return None;
    };
    Value::small_int(*count)?;
    let item = list_step(*inner)?;
    if item.is_some() {
        *count += 1;
    }
    Some(item)
}

/// The count of an `enumerate` iterator (the index its next pair will have).
pub fn enumerate_count(it: Value) -> Option<i64> {
    let Some(Obj::Iter(s)) = it.as_obj() else {
        return None;
    };
    match &*s.borrow() {
        IterState::Enumerate { count, .. } => Some(*count),
        _ => None,
    }
}

/// Whether `it` is an `enumerate` over a list iterator (what [`enumerate_list_step`] steps).
pub fn enumerates_list(it: Value) -> bool {
    let Some(Obj::Iter(s)) = it.as_obj() else {
        return false;
    };
    let IterState::Enumerate { it: inner, .. } = &*s.borrow() else {
        return false;
    };
    let Some(Obj::Iter(i)) = inner.as_obj() else {
        return false;
    };
    let inner_state = i.borrow();
    matches!(&*inner_state, IterState::Seq { seq, .. } if matches!(seq.as_obj(), Some(Obj::List(_))))
}
