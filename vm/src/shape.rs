//! Shapes (hidden classes): which attribute of an instance lives in which slot.
//!
//! Every class has a root shape; adding an attribute follows (or creates) a transition to a child
//! shape. Instances created the same way share shapes, so an attribute cache keyed by the shape id
//! (one 32-bit compare) gives the slot directly — the guard a JIT emits for `obj.attr`.

use rustc_hash::FxHashMap;

use crate::value::Value;

struct ShapeData {
    /// Attribute names in slot order.
    names: Vec<Value>,
    index: FxHashMap<Value, u32>,
    transitions: FxHashMap<Value, u32>,
    parent: u32,
}

/// All shapes of the VM. Shapes are never freed: their number is bounded by the program's distinct
/// attribute layouts. Names are interned strs, kept alive by the intern table.
pub struct Shapes {
    shapes: Vec<ShapeData>,
}

impl Default for Shapes {
    fn default() -> Self {
        Shapes::new()
    }
}

impl Shapes {
    pub fn new() -> Shapes {
        Shapes { shapes: Vec::new() }
    }

    /// A new empty root shape.
    pub fn new_root(&mut self) -> u32 {
        let id = self.shapes.len() as u32;
        self.shapes.push(ShapeData {
            names: Vec::new(),
            index: FxHashMap::default(),
            transitions: FxHashMap::default(),
            parent: id,
        });
        id
    }

    /// The slot of `name` in `shape`.
    #[inline]
    pub fn lookup(&self, shape: u32, name: Value) -> Option<u32> {
        self.shapes[shape as usize].index.get(&name).copied()
    }

    /// The shape reached from `shape` by adding `name` (which it must not have); its slot is the last.
    pub fn add(&mut self, shape: u32, name: Value) -> u32 {
        if let Some(&next) = self.shapes[shape as usize].transitions.get(&name) {
            return next;
        }
        let mut names = self.shapes[shape as usize].names.clone();
        let mut index = self.shapes[shape as usize].index.clone();
        index.insert(name, names.len() as u32);
        names.push(name);
        let id = self.shapes.len() as u32;
        self.shapes.push(ShapeData {
            names,
            index,
            transitions: FxHashMap::default(),
            parent: shape,
        });
        self.shapes[shape as usize].transitions.insert(name, id);
        id
    }

    /// Attribute names in slot order.
    pub fn names(&self, shape: u32) -> &[Value] {
        &self.shapes[shape as usize].names
    }

    /// The root shape `shape` descends from.
    pub fn root_of(&self, mut shape: u32) -> u32 {
        while self.shapes[shape as usize].parent != shape {
            shape = self.shapes[shape as usize].parent;
        }
        shape
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_insertion_order_shares_shapes() {
        let mut s = Shapes::new();
        let root = s.new_root();
        let (x, y) = (Value::small_int(1).unwrap(), Value::small_int(2).unwrap());
        let a = s.add(root, x);
        let a = s.add(a, y);
        let b = s.add(root, x);
        let b = s.add(b, y);
        assert_eq!(a, b);
        assert_eq!(s.lookup(a, y), Some(1));
        assert_eq!(s.lookup(root, x), None);
        let ry = s.add(root, y);
        let c = s.add(ry, x);
        assert_ne!(a, c);
        assert_eq!(s.lookup(c, x), Some(1));
        assert_eq!(s.root_of(c), root);
    }
}
