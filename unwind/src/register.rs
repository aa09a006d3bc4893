//! In-process registration of JIT CFI with the system unwinder (`__register_frame`), so
//! panics, `std::backtrace` and C++-style unwinders can walk through JIT frames.
//!
//! The two unwinders a Linux process may link disagree on what `__register_frame` takes:
//!
//! * libgcc (`libgcc_s`, what Rust links on glibc, and what `-gnu` targets use): the start of a
//!   whole `.eh_frame` section; it walks CIEs and FDEs up to the zero-length terminator.
//!   `__deregister_frame` takes the same pointer.
//! * LLVM libunwind (musl targets that link it, Apple, some Android builds): a single FDE;
//!   each FDE is registered and deregistered on its own.
//!
//! Which one is linked is detected at run time: LLVM libunwind exports
//! `__unw_add_dynamic_fde`, libgcc does not (the same test wasmtime uses).

use std::ffi::c_void;
use std::sync::OnceLock;

use crate::arch::Arch;
use crate::eh_frame::{CodeRegion, EhFrame, PointerEncoding};
use crate::error::{Error, Result};

unsafe extern "C" {
    /// Registers unwind info; see the module docs for what `begin` points at.
    fn __register_frame(begin: *const u8);
    /// Undoes one `__register_frame` with the same pointer.
    fn __deregister_frame(begin: *const u8);
}

/// The system unwinder this process uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unwinder {
    /// GCC's `libgcc_s`: `__register_frame` takes a whole `.eh_frame` section.
    Libgcc,
    /// LLVM's libunwind: `__register_frame` takes one FDE.
    LlvmLibunwind,
}

/// Detects the unwinder linked into this process (once; the answer cannot change).
pub fn unwinder() -> Unwinder {
    static DETECTED: OnceLock<Unwinder> = OnceLock::new();
    *DETECTED.get_or_init(|| {
        // SAFETY: the name is a NUL-terminated literal; `dlsym` only looks the symbol up.
        let sym = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c"__unw_add_dynamic_fde".as_ptr()) };
        if sym.is_null() {
            Unwinder::Libgcc
        } else {
            Unwinder::LlvmLibunwind
        }
    })
}

/// JIT CFI registered with the system unwinder; dropping it deregisters.
///
/// Owns the `.eh_frame` bytes (absolute FDE pointers, so they may live on the heap, far from
/// the code): the unwinder reads them in place for as long as they are registered.
pub struct RegisteredFrames {
    bytes: Box<[u8]>,
    /// Offsets in `bytes` that were passed to `__register_frame`.
    registered: Vec<usize>,
}

impl RegisteredFrames {
    /// Builds CFI for `regions` (host architecture) and registers it.
    ///
    /// # Safety
    ///
    /// Until the returned value is dropped, every region must hold code whose frames behave
    /// exactly as its [`crate::FrameDesc`] says, whenever a thread executes in it: the unwinder
    /// trusts the rules to find saved registers and return addresses on the stack, and wrong
    /// rules make it read arbitrary memory. Code may be unmapped while registered only if
    /// nothing can be executing in (or return into) it.
    pub unsafe fn register(regions: &[CodeRegion<'_>]) -> Result<RegisteredFrames> {
        let arch = Arch::host().ok_or(Error::UnsupportedHost)?;
        let eh = EhFrame::build(arch, 0, PointerEncoding::Absolute, regions)?;
        let offsets = match unwinder() {
            Unwinder::Libgcc => vec![0],
            Unwinder::LlvmLibunwind => eh.fdes().iter().map(|&(_, off)| off).collect(),
        };
        let bytes = eh.into_bytes().into_boxed_slice();
        let mut frames = RegisteredFrames {
            bytes,
            registered: Vec::with_capacity(offsets.len()),
        };
        for off in offsets {
            let ptr = frames.bytes[off..].as_ptr();
            // SAFETY: `ptr` is the start of a complete, zero-terminated `.eh_frame` (libgcc) or
            // of one FDE whose CIE precedes it in the same buffer (libunwind), as `unwinder()`
            // requires; the buffer is owned by `frames` and outlives the registration, which
            // `Drop` removes. The caller guarantees the rules describe the code.
            unsafe { __register_frame(ptr) };
            frames.registered.push(off);
        }
        Ok(frames)
    }

    /// The registered `.eh_frame` bytes.
    pub fn eh_frame(&self) -> &[u8] {
        &self.bytes
    }
}

impl Drop for RegisteredFrames {
    fn drop(&mut self) {
        for &off in self.registered.iter().rev() {
            let ptr: *const c_void = self.bytes[off..].as_ptr().cast();
            // SAFETY: `ptr` is exactly a pointer passed to `__register_frame` in `register`
            // and not yet deregistered; the bytes are still alive (freed after this loop).
            unsafe { __deregister_frame(ptr.cast()) };
        }
    }
}
