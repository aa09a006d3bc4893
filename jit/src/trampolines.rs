//! Perf trampolines for interpreted frames: the provider behind `lucent_vm::trampoline`.
//!
//! Trampolines are handed out from pages filled in one go: a page is mapped writable, filled
//! with slots — a copy of the ISA's trampoline (`backend::<isa>::trampoline`) followed by its
//! unwinding tables, built for that slot's address and laid out as perf expects them after code
//! (`publish::UnwindTables`, so perf's DWARF unwinder finds them through the slot's mmap) —
//! switched to read+execute, and its CFI registered with the process's unwinder (always: Rust
//! panics unwind through trampolines). Slots are then given out without the page ever being
//! written again (W^X). Each slot is published to perf under its function's name when handed out.
//! Pages live as long as the provider: perf keeps the names for the whole run anyway.

use std::cell::RefCell;
use std::rc::Rc;

use lucent_unwind::{CodeRegion, FrameDesc, RegisteredFrames};
use lucent_vm::code::Code;
use lucent_vm::trampoline::{TrampolineFn, Trampolines};
use lucent_vm::vm::Vm;

use crate::code_memory::CodeBlock;
use crate::publish::{CodeInfo, Publisher, UnwindTables};
use crate::trace::trace_name;

/// Slots are this far apart: the code, then `.eh_frame` and `.eh_frame_hdr` (about 100 bytes).
const STRIDE: usize = 128;
/// Slots per page.
const SLOTS: usize = 32;

struct Page {
    /// Declared before `block`: deregistered before the page is unmapped.
    _frames: Option<RegisteredFrames>,
    block: CodeBlock,
    tables: Vec<Option<UnwindTables>>,
}

/// Makes trampolines, `SLOTS` at a time.
pub struct TrampolinePool {
    publisher: Rc<RefCell<Publisher>>,
    code: Vec<u8>,
    frame: FrameDesc,
    /// What publishing each handed-out slot registered; declared before `pages`, so it is
    /// undone before the pages are unmapped.
    published: Vec<crate::publish::Published>,
    pages: Vec<Page>,
    /// Slots of the last page handed out.
    used: usize,
    /// A page could not be mapped: stop trying.
    out_of_memory: bool,
}

impl TrampolinePool {
    pub fn new(publisher: Rc<RefCell<Publisher>>) -> TrampolinePool {
        let (code, frame) = crate::backend::native::trampoline();
        assert!(code.len() <= STRIDE, "the trampoline fits its slot");
        TrampolinePool {
            publisher,
            code,
            frame,
            published: Vec::new(),
            pages: Vec::new(),
            used: SLOTS,
            out_of_memory: false,
        }
    }

    /// Maps, fills and seals a new page, and registers its CFI.
    fn new_page(&self) -> Option<Page> {
        let publisher = self.publisher.borrow();
        let tail_at = self.code.len().next_multiple_of(8);
        let mut tables = Vec::new();
        let block = CodeBlock::build(None, STRIDE * SLOTS, |page| {
            tables.clear();
            let mut bytes = vec![0u8; STRIDE * SLOTS];
            for (k, slot) in bytes.chunks_mut(STRIDE).enumerate() {
                slot[..self.code.len()].copy_from_slice(&self.code);
                let t = publisher
                    .tables(page + (k * STRIDE) as u64, &self.frame)
                    .filter(|t| tail_at + t.bytes().len() <= STRIDE);
                if let Some(t) = &t {
                    slot[tail_at..tail_at + t.bytes().len()].copy_from_slice(t.bytes());
                }
                tables.push(t);
            }
            bytes
        })
        .map_err(|e| eprintln!("lucent: cannot map trampolines: {e}"))
        .ok()?;
        let regions: Vec<CodeRegion> = (0..SLOTS)
            .map(|k| CodeRegion {
                address: (block.addr() + k * STRIDE) as u64,
                frame: &self.frame,
            })
            .collect();
        // SAFETY: every slot holds exactly the trampoline `self.frame` describes, and the
        // registration is dropped before the block (field order in `Page`).
        let frames = unsafe { RegisteredFrames::register(&regions) }
            .map_err(|e| eprintln!("lucent: cannot register trampoline unwinding info: {e}"))
            .ok();
        Some(Page {
            _frames: frames,
            block,
            tables,
        })
    }
}

impl Trampolines for TrampolinePool {
    fn make(&mut self, vm: &Vm, code: &Rc<Code>) -> Option<TrampolineFn> {
        if self.used == SLOTS {
            if self.out_of_memory {
                return None;
            }
            let Some(page) = self.new_page() else {
                // Reported once by `new_page`; frames run without trampolines from now on.
                self.out_of_memory = true;
                return None;
            };
            self.pages.push(page);
            self.used = 0;
        }
        let page = self.pages.last().expect("a page");
        let addr = page.block.addr() + self.used * STRIDE;
        self.used += 1;
        let function = vm.str_of(code.qualname).unwrap_or("?");
        let name = trace_name(function, &code.filename, code.firstline);
        let info = CodeInfo {
            name: &name,
            // SAFETY: the slot is inside the sealed page, `self.code.len()` bytes of trampoline.
            code: unsafe { std::slice::from_raw_parts(addr as *const u8, self.code.len()) },
            addr: addr as u64,
            frame: &self.frame,
            file: &code.filename,
            lines: &[(0, code.firstline)],
            inlined: &[],
            tables: page.tables[self.used - 1].as_ref(),
            prologue_end: None,
            span_key: page.block.span_key(),
        };
        // SAFETY: the slot holds the code `self.frame` describes, and the page stays mapped
        // until after `published` is dropped (field order); `debug` false: no unwinder or GDB
        // registration (the page's CFI is registered as a whole in `new_page`).
        let published = unsafe { self.publisher.borrow_mut().publish(&info, false) };
        self.published.push(published);
        // SAFETY: the slot holds the ISA's trampoline, which has exactly `TrampolineFn`'s
        // signature and behaviour (calls `run(vm)` once and returns its two-word result).
        Some(unsafe { std::mem::transmute::<usize, TrampolineFn>(addr) })
    }
}
