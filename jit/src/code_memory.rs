//! Executable memory for compiled traces, W^X: each block is mapped read+write, filled, then
//! switched to read+execute before anything runs it; it is never writable and executable at once.
//! Dropping a block unmaps it.

use std::ptr::NonNull;

/// One block of executable code.
#[derive(Debug)]
pub struct CodeBlock {
    ptr: NonNull<u8>,
    /// Bytes of code.
    len: usize,
    /// Bytes mapped (whole pages).
    mapped: usize,
}

impl CodeBlock {
    /// Maps `code` executable. Fails only when the kernel refuses the mapping.
    pub fn new(code: &[u8]) -> std::io::Result<CodeBlock> {
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize;
        let mapped = code.len().max(1).div_ceil(page) * page;
        // SAFETY: an anonymous private mapping at an address of the kernel's choosing touches no
        // existing memory.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                mapped,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        let ptr = NonNull::new(p.cast::<u8>()).expect("mmap never returns null on success");
        let block = CodeBlock {
            ptr,
            len: code.len(),
            mapped,
        };
        // SAFETY: the mapping is `mapped >= code.len()` bytes, writable, and ours alone.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), ptr.as_ptr(), code.len()) };
        // SAFETY: changes the protection of our own mapping only; nothing runs it yet.
        if unsafe { libc::mprotect(p, mapped, libc::PROT_READ | libc::PROT_EXEC) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        crate::backend::native::flush_icache(ptr.as_ptr(), code.len());
        Ok(block)
    }

    pub fn addr(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn as_ptr(&self) -> *const u8 {
        self.ptr.as_ptr()
    }
}

impl Drop for CodeBlock {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping `new` created; no code in it runs any more (the
        // owner drops blocks only when their trace cannot be entered).
        unsafe { libc::munmap(self.ptr.as_ptr().cast(), self.mapped) };
    }
}
