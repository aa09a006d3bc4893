//! Executable memory for compiled traces, W^X: each block is mapped read+write, filled, then
//! switched to read+execute before anything runs it; it is never writable and executable at once.
//! Dropping a block unmaps it.
//!
//! Blocks come from a [`CodeArena`] when one is given: an address range reserved up front
//! (inaccessible, no memory committed) and handed out in order, page by page. Traces then lie
//! next to each other in a range that holds nothing but JIT code, which is what lets one GDB
//! symfile span a whole batch of them (`lucent_unwind::SymbolBatches`). A block that does not
//! fit is mapped on its own.

use std::cell::Cell;
use std::ptr::NonNull;
use std::rc::Rc;

/// Address space reserved for trace code (no memory until used; about 100,000 small traces).
const ARENA_BYTES: usize = 512 << 20;

/// A reserved range that blocks are carved from, in order (freed blocks are decommitted, their
/// addresses not reused, so the range stays JIT-only for its whole life).
#[derive(Debug)]
pub struct CodeArena {
    base: usize,
    size: usize,
    next: Cell<usize>,
}

impl CodeArena {
    /// Reserves the range; `None` if the kernel refuses (blocks are then mapped on their own).
    pub fn new() -> Option<Rc<CodeArena>> {
        // SAFETY: an inaccessible anonymous reservation at an address of the kernel's choosing
        // touches no existing memory.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                ARENA_BYTES,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        (p != libc::MAP_FAILED).then(|| {
            Rc::new(CodeArena {
                base: p as usize,
                size: ARENA_BYTES,
                next: Cell::new(0),
            })
        })
    }

    /// The next `bytes` (a page multiple) of the range, if there is room.
    fn take(&self, bytes: usize) -> Option<usize> {
        let at = self.next.get();
        (at + bytes <= self.size).then(|| {
            self.next.set(at + bytes);
            self.base + at
        })
    }
}

impl Drop for CodeArena {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the reservation `new` made; every block carved from it holds
        // an `Rc` to the arena, so none is left.
        unsafe { libc::munmap(self.base as *mut libc::c_void, self.size) };
    }
}

/// One block of executable code.
#[derive(Debug)]
pub struct CodeBlock {
    ptr: NonNull<u8>,
    /// Bytes of code.
    len: usize,
    /// Bytes mapped (whole pages).
    mapped: usize,
    /// The arena the block was carved from, if any.
    arena: Option<Rc<CodeArena>>,
}

impl CodeBlock {
    /// Maps `code` executable. Fails only when the kernel refuses the mapping.
    pub fn new(code: &[u8]) -> std::io::Result<CodeBlock> {
        CodeBlock::with_tail(None, code, |_| Vec::new())
    }

    /// Maps `code` executable, followed (at the next multiple of 8, where perf's `genelf` puts
    /// unwinding tables) by the bytes `tail(code address)` returns: the code's unwinding tables,
    /// built for that address (`publish::UnwindTables`).
    pub fn with_tail(
        arena: Option<&Rc<CodeArena>>,
        code: &[u8],
        mut tail: impl FnMut(u64) -> Vec<u8>,
    ) -> std::io::Result<CodeBlock> {
        let tail_at = code.len().next_multiple_of(8);
        CodeBlock::build(arena, code.len(), |addr| {
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
        arena: Option<&Rc<CodeArena>>,
        code_len: usize,
        mut fill: impl FnMut(u64) -> Vec<u8>,
    ) -> std::io::Result<CodeBlock> {
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize;
        let mut want = code_len;
        loop {
            let mapped = want.max(1).div_ceil(page) * page;
            let block = CodeBlock::map(arena, code_len, mapped)?;
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

    /// A fresh read+write mapping of `mapped` bytes for `len` bytes of code: the arena's next
    /// pages if it has room, else anywhere.
    fn map(arena: Option<&Rc<CodeArena>>, len: usize, mapped: usize) -> std::io::Result<CodeBlock> {
        let slot = arena.and_then(|a| a.take(mapped).map(|at| (a, at)));
        let (hint, fixed) = match slot {
            Some((_, at)) => (at as *mut libc::c_void, libc::MAP_FIXED),
            None => (std::ptr::null_mut(), 0),
        };
        // SAFETY: either an anonymous mapping at an address of the kernel's choosing, which
        // touches no existing memory, or `MAP_FIXED` over pages of our own arena reservation that
        // `take` just handed out and nothing else uses.
        let p = unsafe {
            libc::mmap(
                hint,
                mapped,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | fixed,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        let ptr = NonNull::new(p.cast::<u8>()).expect("mmap never returns null on success");
        Ok(CodeBlock {
            ptr,
            len,
            mapped,
            arena: slot.map(|(a, _)| a.clone()),
        })
    }

    /// A key for the JIT-only address range the block lies in: its arena's, or its own when it
    /// was mapped on its own (see `lucent_unwind::SymbolBatches::add`).
    pub fn span_key(&self) -> u64 {
        match &self.arena {
            Some(a) => a.base as u64,
            None => self.addr() as u64,
        }
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
        // SAFETY: the first `len` bytes were written in `build` and the mapping stays
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
        let p = self.ptr.as_ptr().cast::<libc::c_void>();
        // SAFETY: no code in the block runs any more (owners drop blocks only when their code
        // cannot be entered). A block of an arena goes back to an inaccessible reservation
        // (`MAP_FIXED` over exactly its own pages, so the range stays the arena's); any other
        // block is unmapped, exactly the mapping `map` created.
        unsafe {
            if self.arena.is_some() {
                libc::mmap(
                    p,
                    self.mapped,
                    libc::PROT_NONE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED | libc::MAP_NORESERVE,
                    -1,
                    0,
                );
            } else {
                libc::munmap(p, self.mapped);
            }
        }
    }
}
