//! What a debugger can read about the running script without calling into the process: a
//! descriptor at the exported symbol `lucent_debug` that says where the VM is and how its frame
//! records are laid out, so a debugger extension (`src/gdb_extension.py`, gdb's `lucent-bt`) can
//! walk the script's call stack with memory reads alone.
//!
//! Why reads only: a debugger calling a function in the stopped process is fragile (the thread
//! may be stopped inside the allocator) and impossible in some environments (in containers gdb
//! often cannot restore the extended register state: "Couldn't write extended state status").
//!
//! The layout (all fields native-endian, little-endian on both our ISAs):
//!
//! ```text
//! lucent_debug:  u32 version (1)   u32 frames_offset     offset of `Vm::frames` (a Vec<Frame>)
//!                u32 vec_ptr_word  u32 vec_len_word      which usize of a Vec is its pointer / length
//!                u32 frame_size    u32 frame_code        size of a Frame; offset of its Rc<Code>
//!                u32 frame_ip      u32 rc_value          Frame::ip (usize); value offset in an Rc box
//!                u32 code_debug    u32 line_size         offset of Code::debug (Box<CodeDebug>); size of a line row
//!                u32 line_start    u32 line_line         offsets in a line row of its first instruction / line (u32s)
//!                u64 vm                                  the VM's address, 0 when no script runs
//! CodeDebug:     u64 name  u64 name_len  u64 file  u64 file_len  u64 lines  u64 nlines  u32 firstline
//! ```
//!
//! A frame's current line is the line of the row with the greatest first instruction `<= ip - 1`
//! (`Code::pos`). The VM updates a running frame's `ip` only when it calls out, so the innermost
//! frame's line may lag; a JIT frame's line comes exactly from its DWARF line table.

use std::mem::{offset_of, size_of};
use std::rc::Rc;
use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};

use crate::code::{Code, Pos};
use crate::vm::{Frame, Vm};

/// Per code object, the strings and line table a debugger reads (see the module docs).
#[repr(C)]
#[derive(Debug)]
pub struct CodeDebug {
    name: *const u8,
    name_len: usize,
    file: *const u8,
    file_len: usize,
    lines: *const (u32, Pos),
    nlines: usize,
    firstline: u32,
    /// Owns the bytes `name` points to.
    qualname: Box<str>,
}

impl CodeDebug {
    /// Describes a code object named `qualname` from its `filename`, `lines` and `firstline`.
    /// The pointers point into `filename` and `lines` (heap data that a code object never
    /// changes nor moves) and into the returned value: valid for as long as the code object
    /// holds all three.
    pub fn new(
        qualname: &str,
        filename: &Rc<str>,
        lines: &[(u32, Pos)],
        firstline: u32,
    ) -> Box<CodeDebug> {
        let qualname: Box<str> = qualname.into();
        Box::new(CodeDebug {
            name: qualname.as_ptr(),
            name_len: qualname.len(),
            file: filename.as_ptr(),
            file_len: filename.len(),
            lines: lines.as_ptr(),
            nlines: lines.len(),
            firstline,
            qualname,
        })
    }

    /// The qualified name.
    pub fn qualname(&self) -> &str {
        &self.qualname
    }
}

/// The descriptor (see the module docs). Atomics have the layout of the plain integers.
#[repr(C)]
pub struct Descriptor {
    version: AtomicU32,
    frames_offset: AtomicU32,
    vec_ptr_word: AtomicU32,
    vec_len_word: AtomicU32,
    frame_size: AtomicU32,
    frame_code: AtomicU32,
    frame_ip: AtomicU32,
    rc_value: AtomicU32,
    code_debug: AtomicU32,
    line_size: AtomicU32,
    line_start: AtomicU32,
    line_line: AtomicU32,
    vm: AtomicPtr<Vm>,
}

const _: () = assert!(size_of::<Descriptor>() == 56);

/// Read by debuggers by name; written by [`expose`].
#[unsafe(no_mangle)]
#[used]
pub static lucent_debug: Descriptor = Descriptor {
    version: AtomicU32::new(0),
    frames_offset: AtomicU32::new(0),
    vec_ptr_word: AtomicU32::new(0),
    vec_len_word: AtomicU32::new(0),
    frame_size: AtomicU32::new(0),
    frame_code: AtomicU32::new(0),
    frame_ip: AtomicU32::new(0),
    rc_value: AtomicU32::new(0),
    code_debug: AtomicU32::new(0),
    line_size: AtomicU32::new(0),
    line_start: AtomicU32::new(0),
    line_line: AtomicU32::new(0),
    vm: AtomicPtr::new(std::ptr::null_mut()),
};

/// Which machine words of a `Vec` hold its pointer and its length. The layout of `Vec` is not
/// specified but is fixed for a build; this finds it by looking at one with distinct values.
fn vec_words() -> (u32, u32) {
    let mut probe: Vec<u64> = Vec::with_capacity(3);
    probe.push(7);
    const _: () = assert!(size_of::<Vec<u64>>() == 3 * size_of::<usize>());
    // SAFETY: a Vec is three machine words (asserted above); reading them as integers copies no
    // pointer out of it and leaves the Vec untouched.
    let words: [usize; 3] = unsafe { std::mem::transmute_copy(&probe) };
    let ptr = words.iter().position(|&w| w == probe.as_ptr() as usize);
    let len = words.iter().position(|&w| w == 1);
    (
        ptr.expect("a Vec holds its pointer") as u32,
        len.expect("a Vec holds its length") as u32,
    )
}

/// Offset of the value inside an `Rc`'s allocation (after its counts).
fn rc_value_offset() -> u32 {
    let probe = Rc::new(0u64);
    // SAFETY: an `Rc<u64>` is one pointer to its allocation; reading it as an integer copies it
    // without touching the counts.
    let raw: usize = unsafe { std::mem::transmute_copy(&probe) };
    (Rc::as_ptr(&probe) as usize - raw) as u32
}

/// Points the descriptor at `vm` (and fills in the layout) until the returned guard is dropped.
/// `vm` must not move while exposed.
pub fn expose(vm: &mut Vm) -> Exposed {
    let d = &lucent_debug;
    let (ptr_word, len_word) = vec_words();
    let set = |f: &AtomicU32, v: usize| f.store(v as u32, Ordering::Relaxed);
    set(&d.frames_offset, offset_of!(Vm, frames));
    set(&d.vec_ptr_word, ptr_word as usize);
    set(&d.vec_len_word, len_word as usize);
    set(&d.frame_size, size_of::<Frame>());
    set(&d.frame_code, offset_of!(Frame, code));
    set(&d.frame_ip, offset_of!(Frame, ip));
    set(&d.rc_value, rc_value_offset() as usize);
    set(&d.code_debug, offset_of!(Code, debug));
    set(&d.line_size, size_of::<(u32, Pos)>());
    set(&d.line_start, offset_of!((u32, Pos), 0));
    set(
        &d.line_line,
        offset_of!((u32, Pos), 1) + offset_of!(Pos, line),
    );
    d.vm.store(vm, Ordering::Release);
    d.version.store(1, Ordering::Release);
    Exposed(())
}

/// Clears the descriptor's VM pointer on drop.
pub struct Exposed(());

impl Drop for Exposed {
    fn drop(&mut self) {
        lucent_debug
            .vm
            .store(std::ptr::null_mut(), Ordering::Release);
    }
}
