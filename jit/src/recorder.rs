//! The recording handler's state: the log of instructions one loop iteration executes, with the
//! operand types seen, from the loop header until the back-edge returns there.
//!
//! Recording only observes; translating the log into IR (`translate.rs`) happens when the loop
//! closes, so the translator can run again with different assumptions (see there).

use std::rc::Rc;

use lucent_vm::code::{Cache, Code, Op};
use lucent_vm::value::Value;
use lucent_vm::vm::Vm;

use crate::abort::Abort;
use crate::ir::Kind;

/// Longest loop body recorded, in bytecode instructions.
pub const MAX_TRACE: usize = 2000;

/// One recorded instruction.
#[derive(Clone, Copy, Debug)]
pub struct Rec {
    pub ip: u32,
    pub op: Op,
    pub arg: u32,
    /// Kinds of the top three stack values before it ran (top first; `Empty` below the stack).
    pub kinds: [Kind; 3],
    /// Its inline cache when it was recorded (specialized instructions' guard data).
    pub cache: Cache,
}

/// A recording in progress (or just closed).
pub struct Recording {
    pub code: Rc<Code>,
    /// `Vm::frames.len()` of the loop's frame.
    pub depth: usize,
    /// The loop header (the back-edge's target) and the back-edge.
    pub header: u32,
    pub jump_ip: u32,
    pub nlocals: u32,
    /// Evaluation-stack depth at the header.
    pub entry_depth: u32,
    /// Kinds of every frame slot (locals, then stack) at the header.
    pub entry_kinds: Vec<Kind>,
    /// The frame's module (for globals).
    pub module: Value,
    pub log: Vec<Rec>,
    /// For a side trace: the trace and exit it starts from. The recording then starts at that
    /// exit's instruction (`header`) and ends at the loop's back-edge like a loop's does.
    pub side: Option<(u32, u32)>,
}

/// What the recording handler decided.
pub enum Step {
    Continue,
    /// The back-edge is next: the loop closed.
    Closed,
    Abort(Abort),
}

/// The kind of a value.
pub fn kind_of(v: Value) -> Kind {
    if v.is_small_int() {
        Kind::Int
    } else if v.is_float() {
        Kind::Float
    } else if v.is_bool() {
        Kind::Bool
    } else if v.is_none() {
        Kind::None
    } else if let Some(o) = v.as_obj() {
        Kind::Obj(o.kind() as u8)
    } else {
        Kind::Empty
    }
}

impl Recording {
    /// Starts recording the loop whose back-edge is `jump_ip` in the top frame, which is at the
    /// loop header (or, for a side trace, at the exit's instruction).
    pub fn start(vm: &Vm, jump_ip: usize, side: Option<(u32, u32)>) -> Recording {
        let frame = vm.frames.last().expect("a running frame");
        let code = frame.code.clone();
        let nlocals = code.nlocals();
        let slots = &vm.stack[frame.base..];
        Recording {
            header: frame.ip as u32,
            jump_ip: jump_ip as u32,
            depth: vm.frames.len(),
            nlocals: nlocals as u32,
            entry_depth: (slots.len() - nlocals) as u32,
            entry_kinds: slots.iter().map(|v| kind_of(*v)).collect(),
            module: frame.module,
            code,
            log: Vec::new(),
            side,
        }
    }

    /// The recording handler: observes the instruction at `ip` of the top frame before it runs.
    pub fn step(&mut self, vm: &Vm, ip: usize) -> Step {
        let Some(frame) = vm.frames.last() else {
            return Step::Abort(Abort::FrameChange);
        };
        if vm.frames.len() != self.depth || !Rc::ptr_eq(&frame.code, &self.code) {
            return Step::Abort(Abort::FrameChange);
        }
        if ip == self.jump_ip as usize {
            return Step::Closed;
        }
        if self.log.len() >= MAX_TRACE {
            return Step::Abort(Abort::TooLong);
        }
        let instr = self.code.instr(ip);
        let Some(inputs) = operands(instr.op) else {
            return Step::Abort(Abort::Unsupported(instr.op));
        };
        let stack = &vm.stack[frame.base + self.nlocals as usize..];
        // Only the operands the translator inspects are looked at (reading an object's kind
        // touches its memory).
        let mut kinds = [Kind::Empty; 3];
        for (n, k) in kinds.iter_mut().enumerate().take(inputs.min(stack.len())) {
            *k = kind_of(stack[stack.len() - 1 - n]);
        }
        self.log.push(Rec {
            ip: ip as u32,
            op: instr.op,
            arg: instr.arg,
            kinds,
            cache: self.code.caches[ip].get(),
        });
        Step::Continue
    }
}

/// For an instruction the translator knows, how many of its stack operands it inspects; `None`
/// for anything else, which aborts the recording right away.
fn operands(op: Op) -> Option<usize> {
    Some(match op {
        Op::Nop
        | Op::DupTop
        | Op::DupTop2
        | Op::RotTwo
        | Op::RotThree
        | Op::LoadConst
        | Op::LoadFast
        | Op::LoadFastLoadFast
        | Op::LoadFastLoadConst
        | Op::LoadGlobalModule
        | Op::LoadGlobalBuiltin
        | Op::Jump => 0,
        Op::PopTop
        | Op::StoreFast
        | Op::LoadAttrSlot
        | Op::UnaryNeg
        | Op::UnaryNot
        | Op::PopJumpIfFalse
        | Op::PopJumpIfTrue
        | Op::JumpIfFalseOrPop
        | Op::JumpIfTrueOrPop
        | Op::ForIterRange
        | Op::ForIterList
        | Op::UnpackSequence => 1,
        Op::StoreAttrSlot
        | Op::BinarySubscr
        | Op::BinarySubscrList
        | Op::BinaryOp
        | Op::BinaryAddInt
        | Op::BinarySubInt
        | Op::BinaryMulInt
        | Op::BinaryAddFloat
        | Op::BinarySubFloat
        | Op::BinaryMulFloat
        | Op::BinaryDivFloat
        | Op::CompareOp
        | Op::CompareInt
        | Op::CompareFloat
        | Op::IsOp => 2,
        Op::StoreSubscrList => 3,
        _ => return None,
    })
}
