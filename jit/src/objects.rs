//! Where the VM's objects keep what traces read inline: a list's items pointer and length.
//!
//! An object word's payload is the address of its `Obj`, which is `#[repr(u8)]`: its kind byte
//! is at offset 0 and each variant's fields follow as in a `#[repr(C)]` struct (`object.rs`).
//! A list is `Obj::List(RefCell<Vec<Value>>)`, and Rust promises the layout of neither `RefCell`
//! nor `Vec`; so the offsets are measured once, on real lists, and traces index lists inline
//! only if the measurement is unambiguous and agrees across lists of different lengths and
//! capacities. Otherwise (`list_layout()` is `None`) they call the helpers, as before.
//!
//! Traces read these words without the `RefCell`'s borrow flag: no Rust code runs while a
//! trace does, except helpers, whose borrows end before they return.

use std::cell::RefCell;
use std::sync::OnceLock;

use lucent_vm::object::{Obj, ObjKind};
use lucent_vm::value::Value;

/// Byte offsets from a list object's address (an object word's payload, the `Obj`'s address).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListLayout {
    /// The pointer to the items (a `Value` array of at least `len` entries).
    pub items: u32,
    /// The number of items (a `usize`).
    pub len: u32,
}

/// The kind byte of a list (at offset 0 of its `Obj`).
pub const LIST_KIND: u8 = ObjKind::List as u8;

/// The measured list layout, if usable: offsets word-aligned and within reach of every
/// backend's load immediates (below 4 KiB).
pub fn list_layout() -> Option<ListLayout> {
    static LAYOUT: OnceLock<Option<ListLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let a = measure(3, 5)?;
        let b = measure(7, 12)?;
        let usable = |off: u32| off.is_multiple_of(8) && off < 4096;
        (a == b && usable(a.items) && usable(a.len)).then_some(a)
    })
}

/// The offsets found in a list of `len` items with room for `cap` (`len < cap`, so the length
/// and the capacity words differ): each must match exactly one word of the vector.
fn measure(len: usize, cap: usize) -> Option<ListLayout> {
    let mut items = Vec::with_capacity(cap);
    items.resize(len, Value::NONE);
    let items_at = items.as_ptr() as usize;
    let obj = Obj::List(RefCell::new(items));
    let base = &obj as *const Obj as usize;
    // SAFETY: reads the first byte of `obj`, a live `#[repr(u8)]` enum: its kind.
    let kind = unsafe { (base as *const u8).read() };
    let Obj::List(cell) = &obj else {
        return None;
    };
    let vec_at = cell.as_ptr() as usize;
    let words = std::mem::size_of::<Vec<Value>>() / 8;
    let find = |want: usize| -> Option<u32> {
        let hits: Vec<usize> = (0..words)
            // SAFETY: reads word `k` of the `Vec` inside `obj`, which is alive and not borrowed;
            // a `Vec`'s words (pointer, capacity, length) are all initialized integers.
            .filter(|&k| unsafe { (vec_at as *const usize).add(k).read() } == want)
            .collect();
        match hits[..] {
            [k] => u32::try_from(vec_at - base + 8 * k).ok(),
            _ => None,
        }
    };
    let layout = ListLayout {
        items: find(items_at)?,
        len: find(len)?,
    };
    (kind == LIST_KIND && vec_at.is_multiple_of(8)).then_some(layout)
}

#[cfg(test)]
mod tests {
    use super::*;

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
