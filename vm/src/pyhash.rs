//! CPython 3.11-compatible `hash()` for ints, floats, complex numbers, bools, tuples and frozensets.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// Number of bits in the hash modulus (`_PyHASH_BITS` on 64-bit builds).
pub const HASH_BITS: u32 = 61;
/// The hash modulus `2**61 - 1` (`_PyHASH_MODULUS`); `sys.hash_info.modulus`.
pub const HASH_MODULUS: u64 = (1u64 << HASH_BITS) - 1;
/// Hash of `float('inf')` (`_PyHASH_INF`); `-inf` hashes to its negation.
pub const HASH_INF: i64 = 314_159;
/// Multiplier applied to the imaginary part in `complex.__hash__` (`_PyHASH_IMAG`).
pub const HASH_IMAG: u64 = 1_000_003;

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// Maps the reserved error value `-1` to `-2`, as every CPython hash function does.
#[inline]
fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(v)` for an `int` that fits in an `i64`.
///
/// Equals `sign(v) * (abs(v) mod (2**61 - 1))`, with `-1` mapped to `-2`.
pub fn hash_i64(v: i64) -> i64 {
    let reduced = (v.unsigned_abs() % HASH_MODULUS) as i64;
    fix_minus_one(if v < 0 { -reduced } else { reduced })
}

/// `hash(v)` for an arbitrary-precision `int`; agrees with [`hash_i64`] on the `i64` range.
pub fn hash_bigint(v: &BigInt) -> i64 {
    if let Some(small) = v.to_i64() {
        return hash_i64(small);
    }
    let reduced = (v.magnitude() % HASH_MODULUS).to_u64().unwrap_or(0) as i64;
    fix_minus_one(if v.sign() == Sign::Minus {
        -reduced
    } else {
        reduced
    })
}

/// `hash(b)` for a `bool`: `True` is 1 and `False` is 0, like the equal ints.
pub fn hash_bool(b: bool) -> i64 {
    i64::from(b)
}

/// CPython's `_Py_HashPointer`: the address rotated right by 4 bits, `-1` mapped to `-2`.
///
/// This is `object.__hash__` (identity hash) and is what a NaN float hashes to in 3.11.
pub fn hash_pointer(addr: usize) -> i64 {
    let y = addr as u64;
    fix_minus_one(y.rotate_right(4) as i64)
}

/// Splits a finite non-zero `v` into `(m, e)` with `v == m * 2**e` and `0.5 <= |m| < 1` (C `frexp`).
fn frexp(v: f64) -> (f64, i32) {
    let mut x = v;
    let mut adjust = 0i32;
    if (x.to_bits() >> 52) & 0x7ff == 0 {
        x *= 18_014_398_509_481_984.0; // 2**54, lifts subnormals into the normal range
        adjust = -54;
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, biased - 1022 + adjust)
}

/// `hash(v)` for a `float` (CPython 3.11 `_Py_HashDouble`).
///
/// Integral floats hash like the equal `int`, `inf` hashes to 314159 and `-inf` to -314159.
/// In 3.11 a NaN hashes by object identity, so for NaN this returns `nan_identity` unchanged;
/// callers pass the identity hash of the float object (e.g. [`hash_pointer`] of its address).
pub fn hash_f64(v: f64, nan_identity: i64) -> i64 {
    if v.is_nan() {
        return nan_identity;
    }
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    if v == 0.0 {
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: u64 = 1;
    if m < 0.0 {
        sign = u64::MAX;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let bits = HASH_BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    } as u32;
    x = ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e));
    fix_minus_one(x.wrapping_mul(sign) as i64)
}

/// `hash(complex(re, im))`: `hash(re) + 1000003 * hash(im)` (wrapping), `-1` mapped to `-2`.
///
/// `nan_identity` is forwarded to [`hash_f64`] for NaN components.
pub fn hash_complex(re: f64, im: f64, nan_identity: i64) -> i64 {
    let hr = hash_f64(re, nan_identity) as u64;
    let hi = hash_f64(im, nan_identity) as u64;
    fix_minus_one(hr.wrapping_add(HASH_IMAG.wrapping_mul(hi)) as i64)
}

/// `hash(t)` for a tuple, given the hashes of its items in order (3.11's xxHash-based `tuplehash`).
///
/// `len` must be the number of items yielded by `item_hashes`; it is mixed in as CPython does.
pub fn hash_tuple(item_hashes: impl IntoIterator<Item = i64>, len: usize) -> i64 {
    let mut acc = XXPRIME_5;
    for h in item_hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((len as u64) ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    }
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// `hash(fs)` for a frozenset, given its members' hashes in any order (order-independent).
///
/// `len` must be the number of hashes yielded by `item_hashes`.
pub fn hash_frozenset(item_hashes: impl IntoIterator<Item = i64>, len: usize) -> i64 {
    let mut hash: u64 = 0;
    for h in item_hashes {
        hash ^= shuffle_bits(h as u64);
    }
    hash ^= (len as u64).wrapping_add(1).wrapping_mul(1_927_868_237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        590_923_713
    } else {
        hash as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    // python3 -c "vals = [0,1,-1,-2,2**61-2,2**61-1,2**61,-2**61,2**61+5,2**63-1,-2**63,2**64,-2**70,10**30,-10**30,2**122-2]; print([hash(v) for v in vals])"
    #[test]
    fn ints() {
        let vals = [
            "0",
            "1",
            "-1",
            "-2",
            "2305843009213693950",
            "2305843009213693951",
            "2305843009213693952",
            "-2305843009213693952",
            "2305843009213693957",
            "9223372036854775807",
            "-9223372036854775808",
            "18446744073709551616",
            "-1180591620717411303424",
            "1000000000000000000000000000000",
            "-1000000000000000000000000000000",
            "5316911983139663491615228241121378302",
        ];
        let expected: [i64; 16] = [
            0,
            1,
            -2,
            -2,
            2305843009213693950,
            0,
            1,
            -2,
            6,
            3,
            -4,
            8,
            -512,
            465258685558744706,
            -465258685558744706,
            2305843009213693950,
        ];
        for (s, want) in vals.iter().zip(expected) {
            let b = big(s);
            assert_eq!(hash_bigint(&b), want, "{s}");
            if let Some(small) = b.to_i64() {
                assert_eq!(hash_i64(small), want, "{s}");
            }
        }
        assert_eq!(hash_bool(true), 1);
        assert_eq!(hash_bool(false), 0);
    }

    // python3 -c "fl = [0.0,-0.0,1.5,-1.5,0.1,1e300,-1e-300,5e-324,2.0**70,-2.0**70,1e100,3.141592653589793,float('inf'),float('-inf'),-1.0,123456789.987654321, 2.0**61, 2.0**-1074*3, 1.7976931348623157e308]; print([hash(v) for v in fl])"
    #[test]
    fn floats() {
        let fl = [
            0.0,
            -0.0,
            1.5,
            -1.5,
            0.1,
            1e300,
            -1e-300,
            5e-324,
            2f64.powi(70),
            -(2f64.powi(70)),
            1e100,
            std::f64::consts::PI,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1.0,
            123_456_789.987_654_33,
            2f64.powi(61),
            f64::from_bits(3),
            f64::MAX,
        ];
        let expected: [i64; 19] = [
            0,
            0,
            1152921504606846977,
            -1152921504606846977,
            230584300921369408,
            1224995262755759164,
            -482449582752280463,
            16777216,
            512,
            -512,
            1822893315824342674,
            326490430436040707,
            314159,
            -314159,
            -2,
            2277375828660309269,
            1,
            50331648,
            2234066890152476671,
        ];
        for (v, want) in fl.iter().zip(expected) {
            assert_eq!(hash_f64(*v, 7), want, "{v}");
        }
        assert_eq!(hash_f64(f64::NAN, 12345), 12345);
        for i in -1000i64..1000 {
            assert_eq!(hash_f64(i as f64, 0), hash_i64(i));
        }
    }

    // python3 -c "print([hash(c) for c in [1j, 1.5+2j, -1+0j, complex(2**70, -3)]])"
    #[test]
    fn complexes() {
        let cases = [
            (0.0, 1.0, 1000003),
            (1.5, 2.0, 1152921504608846983),
            (-1.0, 0.0, -2),
            (2f64.powi(70), -3.0, -2999497),
        ];
        for (re, im, want) in cases {
            assert_eq!(hash_complex(re, im, 0), want, "{re} {im}");
        }
    }

    // python3 -c "tups = [(), (1,), (1,2,3), (1,(2,3)), (-1,), (0,0), ((),), (1.5,''), (True,False,True)]; print([hash(t) for t in tups])"
    #[test]
    fn tuples() {
        let h = |items: &[i64]| hash_tuple(items.iter().copied(), items.len());
        assert_eq!(h(&[]), 5740354900026072187);
        assert_eq!(h(&[1]), -6644214454873602895);
        assert_eq!(h(&[1, 2, 3]), 529344067295497451);
        let inner = h(&[2, 3]);
        assert_eq!(h(&[1, inner]), 7267574591690527098);
        assert_eq!(h(&[hash_i64(-1)]), 8078679518589016365);
        assert_eq!(h(&[0, 0]), -8458139203682520985);
        let empty = h(&[]);
        assert_eq!(h(&[empty]), -5486347211504344842);
        assert_eq!(h(&[hash_f64(1.5, 0), 0]), 6660161741276059634);
        assert_eq!(h(&[1, 0, 1]), 2946073206561277986);
    }

    // python3 -c "fs = [frozenset(), frozenset({1}), frozenset({1,2,3}), frozenset(range(100)), frozenset({-1,-2}), frozenset({frozenset({1}), 2})]; print([hash(f) for f in fs])"
    #[test]
    fn frozensets() {
        let h = |items: &[i64]| hash_frozenset(items.iter().copied(), items.len());
        assert_eq!(h(&[]), 133146708735736);
        let one = h(&[1]);
        assert_eq!(one, -558064481276695278);
        assert_eq!(h(&[3, 1, 2]), -272375401224217160);
        let r: Vec<i64> = (0..100).rev().collect();
        assert_eq!(h(&r), 4411996150312757951);
        assert_eq!(h(&[hash_i64(-1), hash_i64(-2)]), 399283329322573);
        assert_eq!(h(&[2, one]), -1248503628839622056);
    }

    #[test]
    fn pointers() {
        assert_eq!(hash_pointer(0x1000), 0x100);
        assert_eq!(hash_pointer(0xf), (0xfu64.rotate_right(4)) as i64);
    }
}
