//! The GDB JIT interface: a linked list of in-memory ELF symfiles that GDB reads whenever
//! `__jit_debug_register_code` is called (GDB manual, "JIT Compilation Interface").
//!
//! The descriptor and the hook are weak symbols in a C shim (`src/gdb_jit.c`), so other JITs
//! linked into the process share them. Every lucent registration edits the list under one
//! process-wide mutex; a foreign JIT in the same process uses its own lock, and the protocol
//! offers none, so two JITs registering at the same instant can corrupt the list (every
//! implementation, wasmtime's included, has this race).
//!
//! GDB finds the symbols by name in the executable's symbol table: a stripped binary has no
//! JIT debugging.

use std::ptr::{self, NonNull};
use std::sync::Mutex;

/// `struct jit_code_entry` from the GDB manual.
#[repr(C)]
struct JitCodeEntry {
    next_entry: *mut JitCodeEntry,
    prev_entry: *mut JitCodeEntry,
    symfile_addr: *const u8,
    symfile_size: u64,
}

/// `struct jit_descriptor` from the GDB manual.
#[repr(C)]
struct JitDescriptor {
    version: u32,
    action_flag: u32,
    relevant_entry: *mut JitCodeEntry,
    first_entry: *mut JitCodeEntry,
}

const _: () = assert!(size_of::<JitCodeEntry>() == 32);
const _: () = assert!(size_of::<JitDescriptor>() == 24);

const JIT_REGISTER_FN: u32 = 1;
const JIT_UNREGISTER_FN: u32 = 2;

unsafe extern "C" {
    /// The process's `__jit_debug_descriptor` (ours, or another JIT's if the linker chose it).
    fn lucent_jit_debug_descriptor() -> *mut JitDescriptor;
    /// Calls `__jit_debug_register_code`, where GDB keeps its breakpoint.
    fn lucent_jit_debug_register_code();
}

/// Serializes every edit of the descriptor list made by this process's lucent JITs.
static LOCK: Mutex<()> = Mutex::new(());

/// A symfile on GDB's JIT list; dropping it removes it and tells GDB.
pub struct GdbRegistration {
    entry: NonNull<JitCodeEntry>,
    symfile: Box<[u8]>,
}

impl GdbRegistration {
    /// Adds `symfile` (an ELF image, see [`crate::Symfile`]) to GDB's list and notifies GDB.
    pub fn register(symfile: Vec<u8>) -> GdbRegistration {
        let symfile = symfile.into_boxed_slice();
        let entry = Box::into_raw(Box::new(JitCodeEntry {
            next_entry: ptr::null_mut(),
            prev_entry: ptr::null_mut(),
            symfile_addr: symfile.as_ptr(),
            symfile_size: symfile.len() as u64,
        }));
        let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: the descriptor is a static in the C shim (or another JIT's with the same
        // layout), valid for the whole process; list edits happen only under `LOCK`, and
        // `entry` is a fresh allocation that the list now owns until `drop` unlinks it.
        unsafe {
            let desc = lucent_jit_debug_descriptor();
            let head = (*desc).first_entry;
            (*entry).next_entry = head;
            if !head.is_null() {
                (*head).prev_entry = entry;
            }
            (*desc).first_entry = entry;
            (*desc).relevant_entry = entry;
            (*desc).action_flag = JIT_REGISTER_FN;
            lucent_jit_debug_register_code();
        }
        GdbRegistration {
            entry: NonNull::new(entry).expect("Box::into_raw is never null"),
            symfile,
        }
    }

    /// The registered symfile.
    pub fn symfile(&self) -> &[u8] {
        &self.symfile
    }
}

impl Drop for GdbRegistration {
    fn drop(&mut self) {
        let entry = self.entry.as_ptr();
        let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: `entry` is on the list (linked in `register`, unlinked only here), its
        // neighbours are live entries, and edits happen under `LOCK`. After GDB has been told,
        // nothing refers to `entry`, so it is freed with the `Box` it came from.
        unsafe {
            let desc = lucent_jit_debug_descriptor();
            let (prev, next) = ((*entry).prev_entry, (*entry).next_entry);
            if prev.is_null() {
                (*desc).first_entry = next;
            } else {
                (*prev).next_entry = next;
            }
            if !next.is_null() {
                (*next).prev_entry = prev;
            }
            (*desc).relevant_entry = entry;
            (*desc).action_flag = JIT_UNREGISTER_FN;
            lucent_jit_debug_register_code();
            (*desc).relevant_entry = ptr::null_mut();
            drop(Box::from_raw(entry));
        }
    }
}

// SAFETY: the entry is only read or written under `LOCK` (and by GDB while the process is
// stopped); the symfile bytes are immutable. Nothing is tied to the registering thread.
unsafe impl Send for GdbRegistration {}
// SAFETY: `&GdbRegistration` only exposes the immutable symfile bytes.
unsafe impl Sync for GdbRegistration {}

/// How many entries GDB's list holds now (for tests and diagnostics).
pub fn gdb_entry_count() -> usize {
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut count = 0;
    // SAFETY: the list is only edited under `LOCK`, held here; every entry on it is live.
    unsafe {
        let mut entry = (*lucent_jit_debug_descriptor()).first_entry;
        while !entry.is_null() {
            count += 1;
            entry = (*entry).next_entry;
        }
    }
    count
}
