//! Backtraces taken inside the process that name JIT frames.
//!
//! The unwinder walks through traces and trampolines because their CFI is registered
//! (`publish.rs`, `__register_frame`); but a symbolizer only knows code from loaded ELF files, so
//! it has no name for JIT code. This module keeps the names: every piece of published code is in
//! a process-wide table of address ranges until its `Published` value is dropped, and
//! [`capture`] walks the stack naming JIT frames from the table and the rest with the
//! `backtrace` crate's symbolizer.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// `start → (end, name)` of every piece of published code.
static CODE: Mutex<BTreeMap<u64, (u64, String)>> = Mutex::new(BTreeMap::new());

/// Records that `[start, start + len)` is JIT code named `name`.
pub(crate) fn register(start: u64, len: u64, name: &str) {
    let mut code = CODE.lock().unwrap_or_else(|e| e.into_inner());
    code.insert(start, (start + len, name.to_owned()));
}

/// Forgets the code registered at `start`.
pub(crate) fn unregister(start: u64) {
    let mut code = CODE.lock().unwrap_or_else(|e| e.into_inner());
    code.remove(&start);
}

/// The name of the JIT code containing `addr`, if any.
pub fn jit_name(addr: u64) -> Option<String> {
    let code = CODE.lock().unwrap_or_else(|e| e.into_inner());
    let (_, (end, name)) = code.range(..=addr).next_back()?;
    (addr < *end).then(|| name.clone())
}

/// The current thread's stack, innermost first, one name per frame: JIT code by its published
/// name, other code by its symbol (`??` when unknown).
pub fn capture() -> Vec<String> {
    let mut ips = Vec::new();
    backtrace::trace(|frame| {
        ips.push(frame.ip() as u64);
        true
    });
    ips.iter()
        .enumerate()
        .map(|(k, &ip)| {
            // A return address points after the call: look up the call itself (not for the
            // innermost frame, which is where the walk started).
            let at = if k == 0 { ip } else { ip.saturating_sub(1) };
            if let Some(name) = jit_name(at) {
                return name;
            }
            // Symbols come innermost inlined function first; the last is the frame's function.
            let mut name = None;
            backtrace::resolve(at as *mut std::ffi::c_void, |sym| {
                if let Some(n) = sym.name() {
                    name = Some(format!("{n:#}"));
                }
            });
            name.unwrap_or_else(|| "??".to_owned())
        })
        .collect()
}
