//! The one-word value: NaN-boxed floats, 48-bit small ints, object pointers and singletons.
//!
//! Layout of the 64 bits (machine code relies on it; see ARCHITECTURE.md):
//!
//! ```text
//! tag (bits 63..48)       meaning
//! < 0xFFF9                an f64, stored as its own bits (every NaN is canonicalized to 0x7FF8_0000_0000_0000)
//! 0xFFF9                  small int: bits 47..0 are a two's-complement i48
//! 0xFFFA                  pointer to a GC object (bits 47..0, user-space address)
//! 0xFFFB                  None
//! 0xFFFC                  bool: payload 0 = False, 1 = True
//! 0xFFFD                  EMPTY: an unbound local / "no value" marker, never visible to scripts
//! ```
//!
//! A JIT tests a type with `shr 48; cmp`, unboxes an int with `shl 16; sar 16` and a float with a move.
//! Ints outside the i48 range live on the heap as `Obj::Int(BigInt)`; the invariant "small whenever it fits"
//! makes int equality of small ints a bit comparison.

use crate::object::Obj;

const TAG_SHIFT: u32 = 48;
const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;
/// Tag of small ints.
pub const TAG_INT: u64 = 0xFFF9;
/// Tag of object pointers.
pub const TAG_OBJ: u64 = 0xFFFA;
const TAG_NONE: u64 = 0xFFFB;
const TAG_BOOL: u64 = 0xFFFC;
const TAG_EMPTY: u64 = 0xFFFD;
/// The smallest boxed (non-float) word: everything below is an f64.
const FIRST_BOXED: u64 = TAG_INT << TAG_SHIFT;
const CANONICAL_NAN: u64 = 0x7FF8_0000_0000_0000;

/// Smallest small int.
pub const SMALL_INT_MIN: i64 = -(1 << 47);
/// Largest small int.
pub const SMALL_INT_MAX: i64 = (1 << 47) - 1;

/// A Python value in one machine word. `Copy`: no reference counting; liveness is the GC's job.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(u64);

const _: () = assert!(std::mem::size_of::<Value>() == 8);

impl Value {
    pub const NONE: Value = Value(TAG_NONE << TAG_SHIFT);
    pub const FALSE: Value = Value(TAG_BOOL << TAG_SHIFT);
    pub const TRUE: Value = Value((TAG_BOOL << TAG_SHIFT) | 1);
    pub const EMPTY: Value = Value(TAG_EMPTY << TAG_SHIFT);

    /// The raw bits (for caches, hashing of identities and the JIT).
    #[inline(always)]
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// The value with these bits (compiled code hands values back to the runtime this way).
    ///
    /// # Safety
    ///
    /// `bits` must come from `bits()` of a value whose object (if any) is still alive: other bit
    /// patterns may be an object "pointer" to anything, which `as_obj` would dereference.
    #[inline(always)]
    pub const unsafe fn from_bits(bits: u64) -> Value {
        Value(bits)
    }

    #[inline(always)]
    fn tag(self) -> u64 {
        self.0 >> TAG_SHIFT
    }

    /// A float value; NaNs are canonicalized so they never collide with tags.
    #[inline(always)]
    pub fn float(f: f64) -> Value {
        if f.is_nan() {
            Value(CANONICAL_NAN)
        } else {
            Value(f.to_bits())
        }
    }

    /// A small int; `None` if `i` does not fit in 48 bits (the caller then boxes a BigInt).
    #[inline(always)]
    pub fn small_int(i: i64) -> Option<Value> {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i) {
            Some(Value((TAG_INT << TAG_SHIFT) | (i as u64 & PAYLOAD_MASK)))
        } else {
            None
        }
    }

    /// A small int known to fit (compile-time constants, lengths, indexes).
    #[inline(always)]
    pub fn int_unchecked(i: i64) -> Value {
        debug_assert!((SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i));
        Value((TAG_INT << TAG_SHIFT) | (i as u64 & PAYLOAD_MASK))
    }

    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    /// Boxes a pointer to a live GC object.
    #[inline(always)]
    pub fn from_obj(p: *const Obj) -> Value {
        debug_assert!((p as u64) >> TAG_SHIFT == 0);
        Value((TAG_OBJ << TAG_SHIFT) | p as u64)
    }

    #[inline(always)]
    pub fn is_float(self) -> bool {
        self.0 < FIRST_BOXED
    }
    #[inline(always)]
    pub fn is_small_int(self) -> bool {
        self.tag() == TAG_INT
    }
    #[inline(always)]
    pub fn is_obj(self) -> bool {
        self.tag() == TAG_OBJ
    }
    #[inline(always)]
    pub fn is_none(self) -> bool {
        self == Value::NONE
    }
    #[inline(always)]
    pub fn is_bool(self) -> bool {
        self.tag() == TAG_BOOL
    }
    #[inline(always)]
    pub fn is_empty(self) -> bool {
        self == Value::EMPTY
    }

    /// The float payload; only meaningful when `is_float()`.
    #[inline(always)]
    pub fn as_float_unchecked(self) -> f64 {
        f64::from_bits(self.0)
    }

    /// The small-int payload; only meaningful when `is_small_int()`.
    #[inline(always)]
    pub fn as_small_int_unchecked(self) -> i64 {
        ((self.0 << 16) as i64) >> 16
    }

    #[inline(always)]
    pub fn as_small_int(self) -> Option<i64> {
        if self.is_small_int() {
            Some(self.as_small_int_unchecked())
        } else {
            None
        }
    }

    #[inline(always)]
    pub fn as_float(self) -> Option<f64> {
        if self.is_float() {
            Some(self.as_float_unchecked())
        } else {
            None
        }
    }

    /// The object pointer, if this is an object.
    #[inline(always)]
    pub fn obj_ptr(self) -> Option<*mut Obj> {
        if self.is_obj() {
            Some((self.0 & PAYLOAD_MASK) as *mut Obj)
        } else {
            None
        }
    }

    /// The heap object this value points to, if any.
    ///
    /// The reference is valid until the next garbage collection. Collections run only at interpreter
    /// safepoints (see `gc.rs`), and every value reachable from Rust code across a safepoint is rooted,
    /// so a reference obtained here must not be held across a call that can reach a safepoint
    /// (a call into Python code) unless the value itself stays rooted.
    #[inline(always)]
    pub fn as_obj<'a>(self) -> Option<&'a Obj> {
        match self.obj_ptr() {
            // SAFETY: object words are only ever built by `from_obj` from pointers returned by the heap,
            // and the GC frees an object only when no rooted value refers to it (contract above).
            Some(p) => Some(unsafe { &*p }),
            None => None,
        }
    }

    /// Truthiness for the kinds decidable without the VM (None, bool, int, float); `None` otherwise.
    #[inline(always)]
    pub fn fast_truthy(self) -> Option<bool> {
        match self.tag() {
            TAG_BOOL => Some(self.0 & 1 == 1),
            TAG_NONE => Some(false),
            TAG_INT => Some(self.as_small_int_unchecked() != 0),
            _ if self.is_float() => Some(self.as_float_unchecked() != 0.0),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(i) = self.as_small_int() {
            write!(f, "Int({i})")
        } else if let Some(x) = self.as_float() {
            write!(f, "Float({x})")
        } else if self.is_none() {
            f.write_str("None")
        } else if self.is_bool() {
            write!(f, "Bool({})", self.0 & 1 == 1)
        } else if self.is_empty() {
            f.write_str("EMPTY")
        } else {
            write!(f, "Obj({:#x})", self.0 & PAYLOAD_MASK)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_ints_round_trip_and_stay_distinct_from_floats() {
        for i in [0, 1, -1, 42, SMALL_INT_MIN, SMALL_INT_MAX, -12345678901] {
            let v = Value::small_int(i).unwrap();
            assert!(v.is_small_int() && !v.is_float() && !v.is_obj());
            assert_eq!(v.as_small_int(), Some(i));
        }
        assert!(Value::small_int(SMALL_INT_MAX + 1).is_none());
        assert!(Value::small_int(SMALL_INT_MIN - 1).is_none());
    }

    #[test]
    fn floats_round_trip_and_nans_are_canonical() {
        for x in [
            0.0,
            -0.0,
            1.5,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            1e308,
        ] {
            let v = Value::float(x);
            assert!(v.is_float());
            assert_eq!(v.as_float().unwrap().to_bits(), x.to_bits());
        }
        let weird_nan = f64::from_bits(0xFFFF_0000_0000_0001);
        let v = Value::float(weird_nan);
        assert!(v.is_float() && v.as_float().unwrap().is_nan());
    }

    #[test]
    fn singletons_are_distinct() {
        let all = [Value::NONE, Value::TRUE, Value::FALSE, Value::EMPTY];
        for (i, a) in all.iter().enumerate() {
            assert!(!a.is_float() && !a.is_small_int() && !a.is_obj());
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(Value::TRUE.fast_truthy(), Some(true));
        assert_eq!(Value::NONE.fast_truthy(), Some(false));
        assert_eq!(Value::float(-0.0).fast_truthy(), Some(false));
    }
}
