//! The recording loop's fast path (dual dispatch, see `jit_hook.rs`): the log of recorded
//! instructions, and the conditions under which the dispatch loop appends an instruction to it
//! itself instead of calling [`JitHook::record`](crate::jit_hook::JitHook::record).
//!
//! Why: calling the hook costs more than interpreting most instructions (an indirect call across
//! which the dispatch loop spills and reloads its registers). For most instructions of a loop body
//! the recorder does nothing but note "this ran, with operands of these kinds". So the hook
//! describes, per opcode ([`TraceLog::table`]) and for where recording stands (the frame, the
//! instructions that close the loop, the room left), when that is all it would do, and the
//! recording loop does exactly that inline. The hook stays the one authority: it sees every
//! instruction the fast path declines, and the log itself moves between them: the hook lends it to
//! the recording loop when it arms the fast path and takes it back first thing when called, so
//! the log reads as if the hook had written every entry itself.

use std::ptr;

use crate::code::{Cache, Code, Instr, Op};
use crate::value::Value;

/// One recorded instruction.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// Its location as the recorder numbers them (the JIT's `ir::loc`: the frame it ran in and
    /// its instruction index there).
    pub ip: u32,
    pub op: Op,
    /// [`kind_byte`]s of the top three stack values before it ran (top first; [`KIND_EMPTY`]
    /// for those the recorder does not inspect).
    pub kinds: [u8; 3],
    pub arg: u32,
    /// Its inline cache when it was recorded (specialized instructions' guard data); what else
    /// the recorder keeps here for calls and global loads is the recorder's business.
    pub cache: Cache,
}

/// [`TraceLog::table`] bits: how many stack operands' kinds the log keeps (at most three).
pub const INPUTS: u8 = 0x03;
/// [`TraceLog::table`] bit: the log keeps the instruction's inline cache.
pub const USES_CACHE: u8 = 0x40;
/// [`TraceLog::table`] bit: the hook must see the instruction (the fast path never logs it).
pub const SLOW: u8 = 0x80;

/// [`kind_byte`] of non-objects (objects give their `ObjKind`, all below these).
pub const KIND_INT: u8 = 0xF0;
pub const KIND_FLOAT: u8 = 0xF1;
pub const KIND_BOOL: u8 = 0xF2;
pub const KIND_NONE: u8 = 0xF3;
/// `EMPTY`, and "not inspected" in [`Entry::kinds`].
pub const KIND_EMPTY: u8 = 0xF4;

/// The type of `v` in one byte: its `ObjKind` for an object (reading the object's first byte),
/// else a `KIND_*` code.
#[inline(always)]
pub fn kind_byte(v: Value) -> u8 {
    if let Some(o) = v.as_obj() {
        o.kind() as u8
    } else if v.is_float() {
        KIND_FLOAT
    } else if v.is_small_int() {
        KIND_INT
    } else if v.is_bool() {
        KIND_BOOL
    } else if v.is_none() {
        KIND_NONE
    } else {
        KIND_EMPTY
    }
}

/// A table of [`SLOW`] for every opcode: the hook sees everything.
static ALL_SLOW: [u8; 256] = [SLOW; 256];

/// The log and the fast path's conditions; the recording loop reads them before every
/// instruction, the hook writes them (`arm`, `disarm`) before it returns.
pub struct TraceLog {
    /// The log, while the hook has lent it (empty otherwise).
    pub entries: Vec<Entry>,
    /// Per opcode: [`INPUTS`], [`USES_CACHE`], [`SLOW`].
    table: &'static [u8; 256],
    /// The index in `Vm::frames` of the frame the fast path may log instructions of, and its
    /// code (only compared with the running frame's, never dereferenced).
    frame: usize,
    code: *const Code,
    /// Instructions (indexes into that code) the hook must see.
    stop: [u32; 2],
    /// Or'ed into the instruction index to make an entry's location.
    loc: u32,
    /// The fast path logs only while `entries` is shorter.
    room: usize,
}

impl Default for TraceLog {
    fn default() -> TraceLog {
        TraceLog {
            entries: Vec::new(),
            table: &ALL_SLOW,
            frame: usize::MAX,
            code: ptr::null(),
            stop: [u32::MAX; 2],
            loc: 0,
            room: 0,
        }
    }
}

/// What the hook allows the fast path until its next call.
pub struct Arm<'a> {
    pub table: &'static [u8; 256],
    /// The index in `Vm::frames` of the frame whose instructions may be logged (it may not be
    /// pushed yet: the next instruction is a call's first), and its code.
    pub frame: usize,
    pub code: &'a Code,
    /// Instructions of that frame the hook must see (`u32::MAX`: none).
    pub stop: [u32; 2],
    /// Or'ed into the instruction index to make an entry's location.
    pub loc: u32,
    /// The fast path appends to the log while it is shorter than this.
    pub room: usize,
}

impl TraceLog {
    /// Lets the fast path log what `arm` describes, appending to `log` (lent: `log` is left
    /// empty until [`TraceLog::disarm`] hands it back).
    #[inline]
    pub fn arm(&mut self, arm: Arm, log: &mut Vec<Entry>) {
        self.table = arm.table;
        self.frame = arm.frame;
        self.code = arm.code;
        // Element by element: copying the array as one word read it back from two narrower
        // stores just made, which stalls store forwarding (measured: a tenth of the hook's time).
        self.stop[0] = arm.stop[0];
        self.stop[1] = arm.stop[1];
        self.loc = arm.loc;
        self.room = arm.room;
        // Swapped in place, not moved through the argument list (the same stall, for the three
        // words of a `Vec`).
        std::mem::swap(&mut self.entries, log);
        self.entries
            .reserve(arm.room.saturating_sub(self.entries.len()));
    }

    /// Stops the fast path (every instruction goes to the hook) and hands the log back into
    /// `log` if it was lent (`log` is left as it is otherwise).
    #[inline]
    pub fn disarm(&mut self, log: &mut Vec<Entry>) {
        self.table = &ALL_SLOW;
        self.frame = usize::MAX;
        self.code = ptr::null();
        self.room = 0;
        if log.is_empty() {
            std::mem::swap(&mut self.entries, log);
        }
        self.entries.clear();
    }

    /// Stops the fast path and drops whatever it logged (a recording starts, or there is none).
    pub fn reset(&mut self) {
        self.disarm(&mut Vec::new());
    }

    /// The fast path: logs `instr`, at `ip` of frame `frame` (running `code`, its slots from
    /// `base`) with `stack` the VM's value stack, and returns `true` if the hook allows it
    /// without seeing it; `false` means the caller must call the hook.
    #[inline(always)]
    pub fn log(
        &mut self,
        frame: usize,
        code: &Code,
        base: usize,
        ip: usize,
        instr: Instr,
        stack: &[Value],
    ) -> bool {
        let flags = self.table[instr.op as usize];
        let at = ip as u32;
        if flags & SLOW != 0
            || self.entries.len() >= self.room
            || frame != self.frame
            || !ptr::eq(code, self.code)
            || at == self.stop[0]
            || at == self.stop[1]
        {
            return false;
        }
        let stack_base = base + code.nlocals();
        let inputs = usize::from(flags & INPUTS).min(stack.len().saturating_sub(stack_base));
        let mut kinds = [KIND_EMPTY; 3];
        for (n, k) in kinds.iter_mut().enumerate().take(inputs) {
            *k = kind_byte(stack[stack.len() - 1 - n]);
        }
        let cache = match flags & USES_CACHE {
            0 => Cache::default(),
            _ => code.caches[ip].get(),
        };
        self.entries.push(Entry {
            ip: self.loc | at,
            op: instr.op,
            kinds,
            arg: instr.arg,
            cache,
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::compile_module;
    use crate::object::ObjKind;
    use crate::vm::Vm;

    /// A table in which `BinaryOp` logs two operands and its cache, `Nop` nothing more than
    /// itself, and everything else is for the hook.
    static TABLE: [u8; 256] = {
        let mut t = [SLOW; 256];
        t[Op::Nop as usize] = 0;
        t[Op::BinaryOp as usize] = 2 | USES_CACHE;
        t
    };

    fn armed(code: &Code, log: &mut Vec<Entry>) -> TraceLog {
        let mut t = TraceLog::default();
        let arm = Arm {
            table: &TABLE,
            frame: 3,
            code,
            stop: [7, 9],
            loc: 1 << 24,
            room: 4,
        };
        t.arm(arm, log);
        t
    }

    #[test]
    fn kind_bytes_name_every_type() {
        let mut vm = Vm::new(0);
        let list = vm.new_list(vec![]);
        let tuple = vm.new_tuple(vec![Value::NONE]);
        assert_eq!(kind_byte(list), ObjKind::List as u8);
        assert_eq!(kind_byte(tuple), ObjKind::Tuple as u8);
        assert_eq!(kind_byte(Value::int_unchecked(-5)), KIND_INT);
        assert_eq!(kind_byte(Value::float(-1.5)), KIND_FLOAT);
        assert_eq!(kind_byte(Value::float(f64::NAN)), KIND_FLOAT);
        assert_eq!(kind_byte(Value::float(f64::NEG_INFINITY)), KIND_FLOAT);
        assert_eq!(kind_byte(Value::TRUE), KIND_BOOL);
        assert_eq!(kind_byte(Value::NONE), KIND_NONE);
        assert_eq!(kind_byte(Value::EMPTY), KIND_EMPTY);
    }

    #[test]
    fn logs_only_what_the_hook_allowed() {
        let mut vm = Vm::new(0);
        let code = compile_module(&mut vm, "a = 1\nb = a + a\n", "t.py").expect("compiles");
        let other = compile_module(&mut vm, "c = 2\n", "t.py").expect("compiles");
        code.caches[2].set(Cache {
            a: 11,
            b: 12,
            counter: 13,
            c: Value::TRUE,
        });
        let list = vm.new_list(vec![]);
        let stack = [Value::NONE, list, Value::float(2.0)];
        let add = Instr {
            op: Op::BinaryOp,
            arg: 0,
        };
        let nop = Instr {
            op: Op::Nop,
            arg: 5,
        };
        let mut log = vec![];

        // Disarmed: everything goes to the hook.
        assert!(!TraceLog::default().log(3, &code, 0, 2, add, &stack));

        let mut t = armed(&code, &mut log);
        // Declined: a slow opcode, another frame, other code, a stop instruction.
        let call = Instr {
            op: Op::Call,
            arg: 0,
        };
        assert!(!t.log(3, &code, 0, 2, call, &stack));
        assert!(!t.log(2, &code, 0, 2, add, &stack));
        assert!(!t.log(3, &other, 0, 2, add, &stack));
        assert!(!t.log(3, &code, 0, 7, add, &stack));
        assert!(!t.log(3, &code, 0, 9, add, &stack));
        assert!(t.entries.is_empty());

        // Logged: the operands' kinds (top first; none below the frame's stack), the cache for
        // the instructions that keep it, the location with the frame's bits.
        assert!(t.log(3, &code, 0, 2, add, &stack));
        assert!(t.log(3, &code, 2, 3, nop, &stack));
        let base = stack.len() - 1 - code.nlocals();
        assert!(t.log(3, &code, base, 2, add, &stack));
        let e = t.entries[0];
        assert_eq!((e.ip, e.op, e.arg), ((1 << 24) | 2, Op::BinaryOp, 0));
        assert_eq!(e.kinds, [KIND_FLOAT, ObjKind::List as u8, KIND_EMPTY]);
        assert_eq!((e.cache.a, e.cache.b, e.cache.counter), (11, 12, 13));
        assert_eq!(e.cache.c, Value::TRUE);
        let e = t.entries[1];
        assert_eq!(
            (e.ip, e.op, e.arg, e.kinds),
            ((1 << 24) | 3, Op::Nop, 5, [KIND_EMPTY; 3])
        );
        assert_eq!((e.cache.a, e.cache.c), (0, Value::EMPTY));
        assert_eq!(t.entries[2].kinds, [KIND_FLOAT, KIND_EMPTY, KIND_EMPTY]);

        // Room for four entries: the fifth goes to the hook.
        assert!(t.log(3, &code, 0, 3, nop, &stack));
        assert!(!t.log(3, &code, 0, 3, nop, &stack));

        // Disarming hands the log back and declines from then on.
        t.disarm(&mut log);
        assert_eq!(log.len(), 4);
        assert!(!t.log(3, &code, 0, 3, nop, &stack));
        assert!(t.entries.is_empty());

        // Armed again, it appends to the log it is lent.
        let mut t = armed(&code, &mut log);
        assert!(log.is_empty());
        assert!(
            !t.log(3, &code, 0, 3, nop, &stack),
            "the room counts the whole log"
        );
        t.disarm(&mut log);
        assert_eq!(log.len(), 4);
    }
}
