//! Where the VM's objects keep what traces read inline: a list's items pointer and length, a
//! tuple's items, an instance's shape and slots, the VM's class epoch, a module's global slots.
//!
//! An object word's payload is the address of its `Obj`, which is `#[repr(u8)]`: its kind byte
//! is at offset 0 and each variant's fields follow as in a `#[repr(C)]` struct (`object.rs`).
//! A list is `Obj::List(RefCell<Vec<Value>>)`, an instance keeps its slots in a
//! `RefCell<Vec<Value>>`, and Rust promises the layout of neither `RefCell` nor `Vec`; so the
//! offsets are measured once, on real objects: a `Vec`'s words are told apart by their values
//! (unambiguous, and the same across vectors of different lengths and capacities), the offsets
//! of fields inside objects come from their addresses. Where a measurement fails (a layout
//! function returns `None`) traces call the helpers.
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
    pub items: u16,
    /// The number of items (a `usize`).
    pub len: u16,
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

/// The kind bytes of lists, instances and tuples (at offset 0 of their `Obj`).
pub const LIST_KIND: u8 = ObjKind::List as u8;
pub const INSTANCE_KIND: u8 = ObjKind::Instance as u8;
pub const TUPLE_KIND: u8 = ObjKind::Tuple as u8;

/// `off` if every backend's load immediates reach it as a word offset: word-aligned, below
/// 4 KiB.
fn fits(off: usize) -> Option<u16> {
    (off.is_multiple_of(8) && off < 4096).then_some(off as u16)
}

/// The offsets within a `Vec<Value>` of its items pointer and its length (`(items, len)`), if
/// two vectors of different lengths and capacities agree on them.
pub fn vec_layout() -> Option<(u16, u16)> {
    static LAYOUT: OnceLock<Option<(u16, u16)>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let a = vec_fields(&probe_vec(3, 5))?;
        (a == vec_fields(&probe_vec(7, 12))?).then_some((fits(a.0)?, fits(a.1)?))
    })
}

/// The measured list layout, if usable.
pub fn list_layout() -> Option<ListLayout> {
    static LAYOUT: OnceLock<Option<ListLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let (items, len) = vec_layout()?;
        let obj = Obj::List(RefCell::new(Vec::new()));
        let (base, kind) = kind_of(&obj);
        let Obj::List(cell) = &obj else {
            return None;
        };
        let vec_at = cell.as_ptr() as usize - base;
        let layout = ListLayout {
            items: fits(vec_at + usize::from(items))?,
            len: fits(vec_at + usize::from(len))?,
        };
        (kind == LIST_KIND).then_some(layout)
    })
}

/// The measured instance layout, if usable.
pub fn instance_layout() -> Option<InstanceLayout> {
    static LAYOUT: OnceLock<Option<InstanceLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let (items, len) = vec_layout()?;
        let obj = Obj::Instance(Instance {
            class: Value::NONE,
            shape: Cell::new(0),
            slots: RefCell::new(Vec::new()),
            exc: None,
        });
        let (base, kind) = kind_of(&obj);
        let Obj::Instance(inst) = &obj else {
            return None;
        };
        // The `u32`s load with 4-byte scaled immediates: aligned, within their reach.
        let word32 = |off: usize| {
            (off.is_multiple_of(4) && off < 16384)
                .then_some(off)
                .and_then(|o| u16::try_from(o).ok())
        };
        let vec_at = inst.slots.as_ptr() as usize - base;
        let layout = InstanceLayout {
            shape: word32(inst.shape.as_ptr() as usize - base).filter(|&o| o < 4096)?,
            items: fits(vec_at + usize::from(items))?,
            len: fits(vec_at + usize::from(len))?,
            epoch: word32(std::mem::offset_of!(Vm, class_epoch))?,
        };
        (kind == INSTANCE_KIND).then_some(layout)
    })
}

/// The offsets, from a tuple object's address, of its items pointer and its length (`(items,
/// len)`: a tuple is `Obj::Tuple(Box<[Value]>)`, whose two words Rust does not order for us),
/// if tuples of two lengths agree on them.
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
    // SAFETY: `at` is the boxed slice inside `obj`, which is alive and not written meanwhile:
    // its (pointer, length) words are initialized integers.
    let find = |want: usize| unsafe { word_of(at, words, want) };
    let pair_at = at as usize - base;
    let layout = (
        fits(pair_at + find(items.as_ptr() as usize)?)?,
        fits(pair_at + find(items.len())?)?,
    );
    (kind == TUPLE_KIND).then_some(layout)
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
    // SAFETY: `at` is `v`, alive and borrowed here; a `Vec`'s words (pointer, capacity,
    // length) are all initialized integers.
    let find = |want: usize| unsafe { word_of(at, words, want) };
    Some((find(v.as_ptr() as usize)?, find(v.len())?))
}

/// The byte offset of the one word among the `words` words at `at` that equals `want`; `None`
/// if none or several do.
///
/// # Safety
///
/// `at` points at `words` initialized, aligned words that nothing writes during the call.
unsafe fn word_of(at: *const usize, words: usize, want: usize) -> Option<usize> {
    // SAFETY: `k < words`, within what the caller vouches for.
    let hits: Vec<usize> = (0..words)
        .filter(|&k| unsafe { at.add(k).read() } == want)
        .collect();
    match hits[..] {
        [k] => Some(8 * k),
        _ => None,
    }
}

/// The address of `obj` and its kind byte.
fn kind_of(obj: &Obj) -> (usize, u8) {
    let base = obj as *const Obj as usize;
    // SAFETY: reads the first byte of `obj`, a live `#[repr(u8)]` enum: its kind.
    (base, unsafe { (base as *const u8).read() })
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
