//! The value layout the stencils test and build, as machine-word constants (the definitions are
//! `lucent_vm::value`'s; this file only derives what both ISAs' templates need from them).

use lucent_vm::value::{Value, TAG_INT as INT_TAG, TAG_OBJ as OBJ_TAG};

/// Tags: bits 63..48 of a boxed value.
pub(crate) const TAG_INT_HI: u16 = INT_TAG as u16;
pub(crate) const TAG_OBJ_HI: u16 = OBJ_TAG as u16;
pub(crate) const TAG_BOOL_HI: u16 = (Value::FALSE.bits() >> 48) as u16;
/// A boxed int is its low 48 bits under this tag.
pub(crate) const TAG_INT: i64 = (INT_TAG << 48) as i64;
/// `False`; `True` is this with bit 0 set.
pub(crate) const FALSE_BITS: i64 = Value::FALSE.bits() as i64;
/// Every float NaN boxes to this one pattern (other NaN payloads would read as tags).
pub(crate) const CANONICAL_NAN: i64 = 0x7FF8_0000_0000_0000;
/// The first boxed (non-float) bit pattern: floats are the words below it, unsigned.
pub(crate) const FIRST_BOXED: i64 = TAG_INT;
pub(crate) const SIGN_BIT: i64 = i64::MIN;
/// Small ints are 48-bit two's complement.
pub(crate) const INT_BITS: u32 = 48;

const _: () = assert!(Value::TRUE.bits() == Value::FALSE.bits() | 1);
