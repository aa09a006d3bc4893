//! A tiny test JIT: x86-64 code that calls back into Rust. With its CFI registered, the system
//! unwinder must step from the callback through the JIT frame into the Rust caller; without it,
//! the walk stops at the JIT frame.
#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

mod common;

use std::cell::RefCell;
use std::ffi::{c_int, c_void};

use common::{JitPage, CODE_LEN};
use lucent_unwind::{CodeRegion, FrameDesc, RegisteredFrames};

#[repr(C)]
struct UnwindContext {
    _opaque: [u8; 0],
}

unsafe extern "C" {
    fn _Unwind_Backtrace(
        trace: extern "C" fn(*mut UnwindContext, *mut c_void) -> c_int,
        arg: *mut c_void,
    ) -> c_int;
    fn _Unwind_GetIP(ctx: *mut UnwindContext) -> usize;
}

extern "C" fn push_ip(ctx: *mut UnwindContext, arg: *mut c_void) -> c_int {
    // SAFETY: `arg` is the `&mut Vec<usize>` passed to `_Unwind_Backtrace` below, alive and
    // exclusively ours for the walk; `ctx` is the unwinder's live context for this frame.
    let (ips, ip) = unsafe { (&mut *arg.cast::<Vec<usize>>(), _Unwind_GetIP(ctx)) };
    ips.push(ip);
    0 // _URC_NO_REASON: keep walking
}

thread_local! {
    /// What the callback saw: the raw return addresses and the symbolized backtrace.
    static SEEN: RefCell<(Vec<usize>, String)> = const { RefCell::new((Vec::new(), String::new())) };
}

extern "C" fn callback() {
    let mut ips: Vec<usize> = Vec::new();
    // SAFETY: `push_ip` matches the trace callback ABI and only uses `arg` as that vector.
    unsafe { _Unwind_Backtrace(push_ip, (&mut ips as *mut Vec<usize>).cast()) };
    let symbols = format!("{:?}", std::backtrace::Backtrace::force_capture());
    SEEN.with(|seen| *seen.borrow_mut() = (ips, symbols));
}

/// The Rust frame the unwinder must reach through the JIT frame.
#[inline(never)]
fn call_through_jit(entry: extern "C" fn()) {
    entry();
    // Keeps the call from becoming a tail call, so this frame really is on the stack.
    std::hint::black_box(());
}

/// Runs the JIT code and returns whether the walk went through it into `call_through_jit`.
fn walk(page: &JitPage) -> (bool, bool) {
    call_through_jit(page.entry());
    let (ips, symbols) = SEEN.with(|seen| seen.take());
    let range = page.start()..page.start() + CODE_LEN as u64;
    let through_jit = ips.iter().any(|&ip| range.contains(&(ip as u64)));
    let after_callback = symbols.find("register::callback");
    let reached = after_callback
        .and_then(|at| symbols[at..].find("call_through_jit"))
        .is_some();
    (through_jit, reached)
}

fn frame_desc() -> FrameDesc {
    FrameDesc::with_frame_pointer(CODE_LEN as u32, 1, 4, 11)
}

#[test]
fn unwinder_walks_through_registered_jit_frame() {
    let page = JitPage::new(callback);
    let desc = frame_desc();
    let region = CodeRegion {
        address: page.start(),
        frame: &desc,
    };
    // SAFETY: the page holds exactly the code `desc` describes, and stays mapped and unchanged
    // until after `frames` is dropped (declared after `page`, so dropped first).
    let frames = unsafe { RegisteredFrames::register(&[region]) }.unwrap();
    let (through_jit, reached) = walk(&page);
    assert!(through_jit, "no frame inside the JIT code");
    assert!(reached, "the unwinder did not reach call_through_jit");
    drop(frames);
    let (_, reached) = walk(&page);
    assert!(
        !reached,
        "still unwinding through the JIT frame after deregistration"
    );
}

#[test]
fn unwinder_stops_at_unregistered_jit_frame() {
    let page = JitPage::new(callback);
    let (through_jit, reached) = walk(&page);
    // libgcc reports the JIT return address, then finds no FDE for it and stops.
    assert!(through_jit, "the walk should report the JIT frame itself");
    assert!(
        !reached,
        "walked past a JIT frame with no CFI: the test proves nothing"
    );
}
