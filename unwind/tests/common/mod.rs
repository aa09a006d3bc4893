//! The tiny x86-64 test JIT shared by the integration tests: one function that calls back
//! into Rust through a frame-pointer frame.
#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use std::ffi::c_void;

/// `push rbp; mov rbp,rsp; call [rip+6]; pop rbp; ret`, padding, then the callee's address.
pub const CODE_LEN: usize = 12;
const SLOT: usize = 16;

/// One page of machine code: written while RW, then flipped to R+X (never both).
pub struct JitPage {
    addr: *mut c_void,
    len: usize,
}

impl JitPage {
    pub fn new(callee: extern "C" fn()) -> JitPage {
        let len = 4096;
        // SAFETY: a fresh anonymous mapping at a kernel-chosen address aliases nothing.
        let addr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        assert_ne!(addr, libc::MAP_FAILED, "mmap");
        let mut code = vec![
            0x55, // push rbp
            0x48, 0x89, 0xe5, // mov rbp, rsp
            0xff, 0x15, 0x06, 0x00, 0x00, 0x00, // call [rip+6] (slot at 10 + 6 = 16)
            0x5d, // pop rbp
            0xc3, // ret
            0xcc, 0xcc, 0xcc, 0xcc, // int3 padding up to the slot
        ];
        assert_eq!(code.len(), SLOT);
        code.extend_from_slice(&(callee as usize as u64).to_le_bytes());
        // SAFETY: the mapping is `len` >= 24 bytes, writable, and only this value refers to it.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), addr.cast(), code.len()) };
        // SAFETY: `addr..addr+len` is our own mapping; after this nothing writes to it.
        let rc = unsafe { libc::mprotect(addr, len, libc::PROT_READ | libc::PROT_EXEC) };
        assert_eq!(rc, 0, "mprotect");
        JitPage { addr, len }
    }

    pub fn start(&self) -> u64 {
        self.addr as u64
    }

    pub fn entry(&self) -> extern "C" fn() {
        // SAFETY: the page holds a complete function with the C ABI and no arguments, and is
        // executable; it lives as long as `self`, and callers call it only while it does.
        unsafe { std::mem::transmute::<*mut c_void, extern "C" fn()>(self.addr) }
    }
}

impl Drop for JitPage {
    fn drop(&mut self) {
        // SAFETY: exactly the mapping made in `new`; no code runs in it any more.
        unsafe { libc::munmap(self.addr, self.len) };
    }
}
