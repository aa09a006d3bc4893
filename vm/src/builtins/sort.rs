//! A stable merge sort with a fallible comparison, for `list.sort` and `sorted`.
//!
//! Written by hand because `slice::sort_by` may panic when the comparison is not a total order
//! (Python allows that, e.g. with NaN) and cannot propagate a Python exception from `__lt__`.
//! Any stable sort gives CPython's result for consistent comparisons.

use crate::PyResult;

/// Sorts `items` stably by `less`; stops at the first error (the slice is then partly sorted).
pub fn sort_values<T: Copy>(
    items: &mut [T],
    less: &mut dyn FnMut(T, T) -> PyResult<bool>,
) -> PyResult<()> {
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    // Binary insertion sort on runs of 16, then bottom-up merges.
    const RUN: usize = 16;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = items[i];
            let (mut lo, mut hi) = (start, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if less(x, items[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            items.copy_within(lo..i, lo + 1);
            items[lo] = x;
        }
        start = end;
    }
    let mut buf: Vec<T> = Vec::with_capacity(n);
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (lo + 2 * width).min(n);
            buf.clear();
            let (mut i, mut j) = (lo, mid);
            while i < mid && j < hi {
                // Take from the right only when strictly less: keeps equal elements in order.
                if less(items[j], items[i])? {
                    buf.push(items[j]);
                    j += 1;
                } else {
                    buf.push(items[i]);
                    i += 1;
                }
            }
            buf.extend_from_slice(&items[i..mid]);
            buf.extend_from_slice(&items[j..hi]);
            items[lo..hi].copy_from_slice(&buf);
            lo = hi;
        }
        width *= 2;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut v: Vec<(i32, usize)> = (0..1000).map(|i| (i * 7919 % 31, i as usize)).collect();
        sort_values(&mut v, &mut |a, b| Ok(a.0 < b.0)).unwrap();
        for w in v.windows(2) {
            assert!(w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1));
        }
    }

    #[test]
    fn inconsistent_comparison_does_not_panic() {
        let mut v: Vec<f64> = vec![3.0, f64::NAN, 1.0, 2.0, f64::NAN, 0.5];
        sort_values(&mut v, &mut |a, b| Ok(a < b)).unwrap();
        assert_eq!(v.len(), 6);
    }
}
