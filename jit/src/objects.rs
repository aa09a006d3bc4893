//! Where the VM's objects keep what traces read inline: a list's items pointer and length, an
//! tuple's items, an instance's shape and slots, the VM's class epoch, a module's global slots.
//!
//! An object word's payload is the address of its `Obj`, which is `#[repr(u8)]`: its kind byte
//! is at offset 0 and each variant's fields follow as in a `#[repr(C)]` struct (`object.rs`).
//! A list is `Obj::List(RefCell<Vec<Value>>)`, an instance keeps its slots in a
//! `RefCell<Vec<Value>>`, and Rust promises the layout of neither `RefCell` nor `Vec`; so the
//! offsets are measured once, on real objects, and traces access them inline only if the
//! measurement is unambiguous and agrees across vectors of different lengths and capacities.
//! Otherwise (`list_layout()` or `instance_layout()` is `None`) they call the helpers.
//!
//! Traces read these words without the `RefCell`'s borrow flag: no Rust code runs while a
//! trace does, except helpers, whose borrows end before they return.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use lucent_vm::object::{Instance, Obj, ObjKind};
use lucent_vm::value::Value;
use lucent_vm::vm::Vm;

/// Byte offsets from a list object's address (an object word's payload, the `Obj`'s address).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListLayout {
    /// The pointer to the items (a `Value` array of at least `len` entries).
    pub items: u32,
    /// The number of items (a `usize`).
    pub len: u32,
}

/// Byte offsets from an instance object's address, and of the class epoch in the VM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstanceLayout {
    /// `Instance::shape` (a `u32`).
    pub shape: u16,
    /// The items pointer and length of `Instance::slots`.
    pub items: u16,
    pub len: u16,
    /// `Vm::class_epoch` (a `u32`), from the VM's address.
    pub epoch: u16,
}

/// The kind bytes of lists and instances (at offset 0 of their `Obj`).
pub const LIST_KIND: u8 = ObjKind::List as u8;
pub const INSTANCE_KIND: u8 = ObjKind::Instance as u8;
pub const TUPLE_KIND: u8 = ObjKind::Tuple as u8;

/// Offsets every backend's load immediates reach: word-aligned, below 4 KiB.
fn usable(off: usize) -> bool {
    off.is_multiple_of(8) && off < 4096
}

/// The measured list layout, if usable.
pub fn list_layout() -> Option<ListLayout> {
    static LAYOUT: OnceLock<Option<ListLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let a = measure_list(3, 5)?;
        (a == measure_list(7, 12)?).then_some(a)
    })
}

/// The offsets within a `Vec<Value>` of its items pointer and length, if measurable (`(items,
/// len)`, both usable).
pub fn vec_layout() -> Option<(u16, u16)> {
    static LAYOUT: OnceLock<Option<(u16, u16)>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let a = vec_fields(&probe_vec(3, 5))?;
        let fits = |off: usize| usable(off).then_some(off as u16);
        (a == vec_fields(&probe_vec(7, 12))?).then_some((fits(a.0)?, fits(a.1)?))
    })
}

/// The offsets, from a tuple object's address, of its items pointer and its length (`(items,
/// len)`: a tuple is `Obj::Tuple(Box<[Value]>)`, whose two words Rust does not order for us).
pub fn tuple_layout() -> Option<(u16, u16)> {
    static LAYOUT: OnceLock<Option<(u16, u16)>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let a = measure_tuple(3)?;
        (a == measure_tuple(7)?).then_some(a)
    })
}

fn measure_tuple(len: usize) -> Option<(u16, u16)> {
    let obj = Obj::Tuple(vec![Value::NONE; len].into_boxed_slice());
    let (base, kind) = kind_of(&obj);
    let Obj::Tuple(items) = &obj else {
        return None;
    };
    let at = items as *const Box<[Value]> as *const usize;
    let words = std::mem::size_of::<Box<[Value]>>() / 8;
    let find = |want: usize| -> Option<u16> {
        let hits: Vec<usize> = (0..words)
            // SAFETY: reads word `k` of the boxed slice's (pointer, length) pair inside `obj`,
            // which is alive; both words are initialized integers.
            .filter(|&k| unsafe { at.add(k).read() } == want)
            .collect();
        let off = match hits[..] {
            [k] => at as usize - base + 8 * k,
            _ => return None,
        };
        usable(off).then_some(off as u16)
    };
    let layout = (find(items.as_ptr() as usize)?, find(items.len())?);
    (kind == TUPLE_KIND).then_some(layout)
}

/// The measured instance layout, if usable.
pub fn instance_layout() -> Option<InstanceLayout> {
    static LAYOUT: OnceLock<Option<InstanceLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let a = measure_instance(3, 5)?;
        (a == measure_instance(7, 12)?).then_some(a)
    })
}

/// A vector of `len` values with room for `cap` (`len < cap`: the length and capacity words
/// differ).
fn probe_vec(len: usize, cap: usize) -> Vec<Value> {
    let mut items = Vec::with_capacity(cap);
    items.resize(len, Value::NONE);
    items
}

/// The offsets, within `v`, of its items pointer and its length: each must match exactly one
/// word of it (`v.len()` differs from its capacity).
fn vec_fields(v: &Vec<Value>) -> Option<(usize, usize)> {
    let at = v as *const Vec<Value> as *const usize;
    let words = std::mem::size_of::<Vec<Value>>() / 8;
    let find = |want: usize| -> Option<usize> {
        let hits: Vec<usize> = (0..words)
            // SAFETY: reads word `k` of `v`, which is alive and borrowed here; a `Vec`'s words
            // (pointer, capacity, length) are all initialized integers.
            .filter(|&k| unsafe { at.add(k).read() } == want)
            .collect();
        match hits[..] {
            [k] => Some(8 * k),
            _ => None,
        }
    };
    Some((find(v.as_ptr() as usize)?, find(v.len())?))
}

/// The address of `obj` and its kind byte.
fn kind_of(obj: &Obj) -> (usize, u8) {
    let base = obj as *const Obj as usize;
    // SAFETY: reads the first byte of `obj`, a live `#[repr(u8)]` enum: its kind.
    (base, unsafe { (base as *const u8).read() })
}

fn measure_list(len: usize, cap: usize) -> Option<ListLayout> {
    let obj = Obj::List(RefCell::new(probe_vec(len, cap)));
    let (base, kind) = kind_of(&obj);
    let Obj::List(cell) = &obj else {
        return None;
    };
    let v = cell.borrow();
    let vec_at = &*v as *const Vec<Value> as usize - base;
    let (items, len) = vec_fields(&v)?;
    let (items, len) = (vec_at + items, vec_at + len);
    (kind == LIST_KIND && usable(items) && usable(len)).then_some(ListLayout {
        items: items as u32,
        len: len as u32,
    })
}

fn measure_instance(len: usize, cap: usize) -> Option<InstanceLayout> {
    let obj = Obj::Instance(Instance {
        class: Value::NONE,
        shape: Cell::new(0),
        slots: RefCell::new(probe_vec(len, cap)),
        exc: None,
    });
    let (base, kind) = kind_of(&obj);
    let Obj::Instance(inst) = &obj else {
        return None;
    };
    let shape = &inst.shape as *const Cell<u32> as usize - base;
    let v = inst.slots.borrow();
    let vec_at = &*v as *const Vec<Value> as usize - base;
    let (items, len) = vec_fields(&v)?;
    let (items, len) = (vec_at + items, vec_at + len);
    let epoch = std::mem::offset_of!(Vm, class_epoch);
    let fits = |off: usize| u16::try_from(off).ok();
    let ok = kind == INSTANCE_KIND
        && shape.is_multiple_of(4)
        && shape < 4096
        && usable(items)
        && usable(len)
        && epoch.is_multiple_of(4)
        && epoch < 16384;
    ok.then_some(InstanceLayout {
        shape: fits(shape)?,
        items: fits(items)?,
        len: fits(len)?,
        epoch: fits(epoch)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The measured offsets read a real instance's shape and slots.
    #[test]
    fn the_layout_reads_instances() {
        let layout = instance_layout().expect("the instance layout is measurable on this target");
        let obj = Obj::Instance(Instance {
            class: Value::NONE,
            shape: Cell::new(77),
            slots: RefCell::new((0..4).map(Value::int_unchecked).collect()),
            exc: None,
        });
        let base = &obj as *const Obj as *const u8;
        // SAFETY: offsets inside `obj` measured by `instance_layout`; it is alive and its slots
        // are not borrowed.
        let (shape, len, items) = unsafe {
            (
                base.add(layout.shape as usize).cast::<u32>().read(),
                base.add(layout.len as usize).cast::<usize>().read(),
                base.add(layout.items as usize)
                    .cast::<*const Value>()
                    .read(),
            )
        };
        assert_eq!((shape, len), (77, 4));
        // SAFETY: `items` points at the instance's 4 slots.
        assert_eq!(unsafe { items.add(2).read() }.as_small_int(), Some(2));
    }

    /// The measured offsets read a real list's length and items.
    #[test]
    fn the_layout_reads_lists() {
        let layout = list_layout().expect("the list layout is measurable on this target");
        let values: Vec<Value> = (0..10).map(Value::int_unchecked).collect();
        let obj = Obj::List(RefCell::new(values));
        let base = &obj as *const Obj as *const u8;
        // SAFETY: offsets inside `obj` measured by `list_layout`; the list is alive and not
        // borrowed.
        let (len, items) = unsafe {
            (
                base.add(layout.len as usize).cast::<usize>().read(),
                base.add(layout.items as usize)
                    .cast::<*const Value>()
                    .read(),
            )
        };
        assert_eq!(len, 10);
        // SAFETY: `items` points at the list's 10 values.
        let third = unsafe { items.add(3).read() };
        assert_eq!(third.as_small_int(), Some(3));
    }
}
