//! How registering GDB JIT symfiles scales: registers N functions (fake code regions inside one
//! inaccessible reservation: GDB reads symfiles, not code) through [`SymbolBatches`] of a given
//! capacity (1 = one symfile per function), and prints the average time per registration for
//! each block of 1,000, and overall.
//!
//! ```text
//! cargo build --release --example gdb_scale -p lucent-unwind
//! target/release/examples/gdb_scale N CAPACITY                        # no debugger
//! gdb -batch -ex run --args target/release/examples/gdb_scale N CAPACITY   # gdb attached
//! ```

use std::time::Instant;

use lucent_unwind::{Arch, FrameDesc, SymbolBatches, SymbolInfo};

const STRIDE: u64 = 256;
const CODE_LEN: u32 = 64;

fn main() {
    let arg = |i: usize, default: usize| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(default)
    };
    let (n, capacity) = (arg(1, 10_000), arg(2, 64));
    let arch = Arch::host().expect("a supported host");
    // SAFETY: a fresh inaccessible anonymous reservation at a kernel-chosen address: nothing is
    // mapped there, so the fake code ranges belong to no real code.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            n * STRIDE as usize,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    assert_ne!(base, libc::MAP_FAILED, "mmap");
    let frame = FrameDesc::with_frame_pointer(CODE_LEN, 1, 4, CODE_LEN - 1);
    let mut batches = SymbolBatches::new(capacity);
    let start = Instant::now();
    let mut block = Instant::now();
    for i in 0..n {
        batches
            .add(
                SymbolInfo {
                    arch,
                    name: format!("py::f{i}:scale.py:10"),
                    code_address: base as u64 + i as u64 * STRIDE,
                    frame: frame.clone(),
                    file: "scale.py".into(),
                    rows: vec![(0, 10), (8, 11), (40, 12)],
                    prologue_end: Some(4),
                    inlined: Vec::new(),
                },
                // The reservation is one JIT-owned range.
                base as u64,
            )
            .expect("symfile");
        if (i + 1) % 1000 == 0 {
            println!(
                "{:>6} registered: {:.3} ms per function over the last 1000",
                i + 1,
                block.elapsed().as_secs_f64()
            );
            block = Instant::now();
        }
    }
    println!(
        "{n} functions in {} symfiles (capacity {capacity}): {:.3} ms per function on average",
        batches.symfile_count(),
        start.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
