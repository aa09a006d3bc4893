//! The few libc calls the jitdump needs: clock, thread id, and the marker mapping.

use std::io;
use std::os::fd::RawFd;
use std::ptr::NonNull;

/// `CLOCK_MONOTONIC` in nanoseconds: the clock `perf record -k mono` stamps samples with.
pub(crate) fn monotonic_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    // CLOCK_MONOTONIC is always supported on Linux; the call can only fail on a bad pointer.
    assert_eq!(rc, 0, "clock_gettime(CLOCK_MONOTONIC) failed");
    (ts.tv_sec as u64) * 1_000_000_000 + ts.tv_nsec as u64
}

/// The kernel thread id of the calling thread.
pub(crate) fn current_tid() -> u32 {
    // SAFETY: `gettid` has no preconditions and cannot fail.
    let tid = unsafe { libc::gettid() };
    tid as u32
}

/// One page of a file mapped `PROT_READ | PROT_EXEC`, `MAP_PRIVATE`, unmapped on drop.
///
/// Nothing ever reads through it: it exists so the kernel emits a `PERF_RECORD_MMAP2` naming
/// the jitdump, which is how `perf inject --jit` finds the file.
pub(crate) struct ExecMapping {
    addr: NonNull<libc::c_void>,
    len: usize,
}

impl ExecMapping {
    /// Maps the first page of `fd`, which must be open for reading.
    pub(crate) fn new(fd: RawFd) -> io::Result<ExecMapping> {
        // SAFETY: `sysconf` has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        let len = usize::try_from(page).unwrap_or(4096);
        // SAFETY: a fresh mapping at a kernel-chosen address cannot alias any Rust memory; the
        // kernel validates `fd`. Mapping past end of file is allowed, and we never touch the
        // pages, so the SIGBUS such an access would raise cannot happen.
        let addr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_EXEC,
                libc::MAP_PRIVATE,
                fd,
                0,
            )
        };
        if addr == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        let addr = NonNull::new(addr).ok_or_else(|| io::Error::other("mmap returned null"))?;
        Ok(ExecMapping { addr, len })
    }
}

impl Drop for ExecMapping {
    fn drop(&mut self) {
        // SAFETY: `addr..addr+len` is exactly the mapping made in `new`, owned by this value
        // and unmapped only here; no reference into it was ever handed out.
        unsafe {
            libc::munmap(self.addr.as_ptr(), self.len);
        }
    }
}

// SAFETY: the mapping is never read or written through `addr`; the pointer is only handed back
// to `munmap`, which any thread may call, so moving or sharing the owner across threads is sound.
unsafe impl Send for ExecMapping {}
// SAFETY: as for `Send`: no method reads through the pointer.
unsafe impl Sync for ExecMapping {}
