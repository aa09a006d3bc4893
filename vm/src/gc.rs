//! The garbage-collected heap: allocation and a non-moving mark-sweep collector.
//!
//! Contract (see ARCHITECTURE.md, "GC roots"):
//! - `alloc` never collects. It only counts, and raises `pending` once the allocation budget is spent.
//! - Collections happen at *safepoints*: the interpreter polls `pending` on backward jumps and calls.
//!   At a safepoint every live value is in a root: the VM value stack, the frames, module globals,
//!   code constants, interned strings, the built-in types, `Vm::temp_roots` (native code that calls
//!   back into Python parks its temporaries there) and the exception being handled.
//! - Objects never move, so a JIT may embed object addresses; it must spill object pointers it holds
//!   in registers to the VM stack before any call that can reach a safepoint.
//! - Stress mode (`LUCENT_GC_STRESS=N`) makes every N-th allocation raise `pending`, so the next
//!   safepoint collects; N = 1 collects at the first safepoint after every allocation.

use std::cell::Cell;

use crate::object::Obj;
use crate::value::Value;

/// An object plus its mark bit. `obj` is the first field, so a pointer to the box is a pointer to the
/// object: values point at `obj`, the collector converts back.
#[repr(C)]
struct GcBox {
    obj: Obj,
    marked: Cell<bool>,
}

/// Collection budget floor, in objects allocated since the last collection.
const MIN_BUDGET: usize = 32 * 1024;

/// The heap: owns every object.
pub struct Heap {
    objects: Vec<*mut GcBox>,
    allocated_since: usize,
    budget: usize,
    stress_every: usize,
    /// Set when a collection is due; safepoints poll it.
    pub pending: bool,
    /// Number of completed collections (for tests and the monitor).
    pub collections: u64,
    mark_stack: Vec<Value>,
}

impl Heap {
    /// A heap; `stress_every` > 0 requests a collection after every that many allocations.
    pub fn new(stress_every: usize) -> Heap {
        Heap {
            objects: Vec::with_capacity(1024),
            allocated_since: 0,
            budget: MIN_BUDGET,
            stress_every,
            pending: false,
            collections: 0,
            mark_stack: Vec::new(),
        }
    }

    /// Moves `obj` to the heap and returns a value pointing at it. Never collects.
    #[inline]
    pub fn alloc(&mut self, obj: Obj) -> Value {
        let b = Box::into_raw(Box::new(GcBox {
            obj,
            marked: Cell::new(false),
        }));
        self.objects.push(b);
        self.allocated_since += 1;
        if self.allocated_since >= self.budget
            || (self.stress_every > 0 && self.allocated_since.is_multiple_of(self.stress_every))
        {
            self.pending = true;
        }
        // `GcBox` is `repr(C)` with `obj` first: the box pointer is the object pointer.
        Value::from_obj(b as *const Obj)
    }

    /// Number of live objects after the last collection plus those allocated since.
    pub fn object_count(&self) -> usize {
        self.objects.len()
    }

    /// Marks everything reachable from `roots`, then frees the rest.
    pub fn collect(&mut self, roots: impl FnOnce(&mut dyn FnMut(Value))) {
        let mut stack = std::mem::take(&mut self.mark_stack);
        roots(&mut |v| {
            if v.is_obj() {
                stack.push(v)
            }
        });
        while let Some(v) = stack.pop() {
            let Some(p) = v.obj_ptr() else { continue };
            // SAFETY: `p` came from a rooted or reachable value, so it points at a live `GcBox`
            // (objects are freed only below, after marking).
            let b = unsafe { &*(p as *const GcBox) };
            if b.marked.replace(true) {
                continue;
            }
            b.obj.trace(&mut |child| {
                if child.is_obj() {
                    stack.push(child)
                }
            });
        }
        self.mark_stack = stack;
        self.objects.retain(|&p| {
            // SAFETY: every pointer in `objects` is a live box this heap allocated and has not freed.
            let b = unsafe { &*p };
            if b.marked.replace(false) {
                true
            } else {
                // SAFETY: unmarked means unreachable from every root, so no value refers to it any more;
                // it was created by `Box::into_raw` in `alloc` and is dropped exactly once, here.
                drop(unsafe { Box::from_raw(p) });
                false
            }
        });
        self.allocated_since = 0;
        // Half the live heap: peak memory stays near 1.5x live (CPython frees eagerly, and peak RSS
        // is compared with it), while a collection still costs amortized O(1) per allocation.
        self.budget = (self.objects.len() / 2).max(MIN_BUDGET);
        self.pending = false;
        self.collections += 1;
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        for &p in &self.objects {
            // SAFETY: the heap owns every box in `objects`; at drop nothing can use them any more.
            drop(unsafe { Box::from_raw(p) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::PyStr;
    use std::cell::RefCell;

    fn string(h: &mut Heap, s: &str) -> Value {
        h.alloc(Obj::Str(PyStr::new(s.into())))
    }

    #[test]
    fn unreachable_objects_are_freed_and_reachable_ones_survive() {
        let mut h = Heap::new(0);
        let kept = string(&mut h, "kept");
        let inner = string(&mut h, "inner");
        let list = h.alloc(Obj::List(RefCell::new(vec![inner])));
        for i in 0..100 {
            string(&mut h, &format!("garbage{i}"));
        }
        assert_eq!(h.object_count(), 103);
        h.collect(|mark| {
            mark(kept);
            mark(list);
        });
        assert_eq!(h.object_count(), 3);
        match inner.as_obj() {
            Some(Obj::Str(s)) => assert_eq!(&*s.s, "inner"),
            _ => panic!("inner string lost"),
        }
        h.collect(|_| {});
        assert_eq!(h.object_count(), 0);
    }

    #[test]
    fn cycles_are_collected() {
        let mut h = Heap::new(0);
        let a = h.alloc(Obj::List(RefCell::new(vec![])));
        let b = h.alloc(Obj::List(RefCell::new(vec![a])));
        if let Some(Obj::List(l)) = a.as_obj() {
            l.borrow_mut().push(b);
        }
        h.collect(|mark| mark(a));
        assert_eq!(h.object_count(), 2);
        h.collect(|_| {});
        assert_eq!(h.object_count(), 0);
    }

    #[test]
    fn stress_mode_requests_collection_at_every_allocation() {
        let mut h = Heap::new(1);
        string(&mut h, "x");
        assert!(h.pending);
        h.collect(|_| {});
        assert!(!h.pending);
        string(&mut h, "y");
        assert!(h.pending);
    }

    #[test]
    fn budget_bounds_garbage_between_collections() {
        let mut h = Heap::new(0);
        let mut collections = 0;
        for i in 0..(MIN_BUDGET * 5) {
            string(&mut h, if i % 2 == 0 { "a" } else { "b" });
            if h.pending {
                h.collect(|_| {});
                collections += 1;
            }
            assert!(h.object_count() <= MIN_BUDGET);
        }
        assert_eq!(collections, 5);
    }
}
