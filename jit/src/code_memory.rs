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
        CodeBlock::with_tail(code, |_| Vec::new())
    }

    /// Maps `code` executable, followed (at the next multiple of 8, where perf's `genelf` puts
    /// unwinding tables) by the bytes `tail(code address)` returns: the code's unwinding tables,
    /// built for that address (`publish::UnwindTables`).
    pub fn with_tail(
        code: &[u8],
        mut tail: impl FnMut(u64) -> Vec<u8>,
    ) -> std::io::Result<CodeBlock> {
        let tail_at = code.len().next_multiple_of(8);
        CodeBlock::build(code.len(), |addr| {
            let mut bytes = Vec::with_capacity(tail_at + 256);
            bytes.extend_from_slice(code);
            bytes.resize(tail_at, 0);
            bytes.extend_from_slice(&tail(addr));
            bytes
        })
    }

    /// Maps the bytes `fill(block address)` returns executable; the first `code_len` of them are
    /// the block's code. Their size must not depend on the address (true of everything built
    /// with `DW_EH_PE_pcrel` pointers): `fill` runs again if the first mapping was too small.
    pub fn build(
        code_len: usize,
        mut fill: impl FnMut(u64) -> Vec<u8>,
    ) -> std::io::Result<CodeBlock> {
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize;
        let mut want = code_len;
        loop {
            let mapped = want.max(1).div_ceil(page) * page;
            let block = CodeBlock::map(code_len, mapped)?;
            let bytes = fill(block.addr() as u64);
            if bytes.len() > mapped {
                // Too big for the pages mapped: map again with the size now known.
                want = bytes.len();
                continue;
            }
            // SAFETY: the mapping is `mapped >= bytes.len()` bytes, writable and ours alone;
            // nothing runs it yet.
            unsafe {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), block.ptr.as_ptr(), bytes.len())
            };
            block.seal(bytes.len())?;
            return Ok(block);
        }
    }

    /// A fresh read+write mapping of `mapped` bytes for `len` bytes of code.
    fn map(len: usize, mapped: usize) -> std::io::Result<CodeBlock> {
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
        Ok(CodeBlock { ptr, len, mapped })
    }

    /// Switches the block from read+write to read+execute and makes the `written` bytes visible
    /// to instruction fetch.
    fn seal(&self, written: usize) -> std::io::Result<()> {
        // SAFETY: changes the protection of our own mapping only; nothing runs it yet.
        let r = unsafe {
            libc::mprotect(
                self.ptr.as_ptr().cast(),
                self.mapped,
                libc::PROT_READ | libc::PROT_EXEC,
            )
        };
        if r != 0 {
            return Err(std::io::Error::last_os_error());
        }
        crate::backend::native::flush_icache(self.ptr.as_ptr(), written);
        Ok(())
    }

    /// The code bytes.
    pub fn code(&self) -> &[u8] {
        // SAFETY: the first `len` bytes were written in `with_eh_frame` and the mapping stays
        // readable and unchanged until `drop`.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
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
