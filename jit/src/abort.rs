//! Why recordings end without a trace, counted per reason (`LUCENT_JIT_STATS=1` prints the table).

use std::collections::BTreeMap;

/// Reasons a recording is abandoned.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Abort {
    /// A frame no inlinable call explains appeared or went (a generator switch, a class
    /// instantiation's `__init__`, Python code run by a native function or a special method).
    FrameChange,
    /// The loop's function returned before the back-edge.
    Returned,
    /// The loop did not close within `recorder::MAX_TRACE` instructions.
    TooLong,
    /// Calls nested deeper than `recorder::MAX_INLINE_DEPTH` (or more than
    /// `recorder::MAX_INLINED` calls in one iteration).
    InlineDepth,
    /// An instruction the JIT does not compile yet (no allocation: aborts can be frequent).
    Unsupported(lucent_vm::code::Op),
    /// An instruction with operand types the JIT does not compile yet.
    Operands(&'static str),
    /// An exception was raised while recording.
    Exception,
    /// Control left the loop before the back-edge.
    LeftLoop,
    /// Control entered a loop that has no trace yet (the recording waits for that loop's own
    /// trace, and ends where it is entered: see `recorder.rs`).
    InnerLoop,
    /// The loop's stack shape changes across an iteration.
    StackShape,
    /// No register assignment or code could be produced.
    Backend(&'static str),
}

impl std::fmt::Display for Abort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Abort::FrameChange => {
                write!(f, "entered or left a frame other than by an inlined call")
            }
            Abort::Returned => write!(f, "returned from the loop's function"),
            Abort::TooLong => write!(f, "trace too long"),
            Abort::InlineDepth => write!(f, "calls nested too deep (or too many) to inline"),
            Abort::Unsupported(op) => write!(f, "unsupported instruction {op:?}"),
            Abort::Operands(what) => write!(f, "unsupported operand types: {what}"),
            Abort::Exception => write!(f, "exception while recording"),
            Abort::LeftLoop => write!(f, "control left the loop"),
            Abort::InnerLoop => write!(f, "entered an inner loop that has no trace yet"),
            Abort::StackShape => write!(f, "stack shape changes across iterations"),
            Abort::Backend(what) => write!(f, "backend: {what}"),
        }
    }
}

/// Abort counts by reason.
#[derive(Debug, Default)]
pub struct AbortTable {
    counts: BTreeMap<Abort, u64>,
}

impl AbortTable {
    pub fn count(&mut self, reason: Abort) {
        *self.counts.entry(reason).or_insert(0) += 1;
    }

    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// `(reason, count)`, most frequent first.
    pub fn rows(&self) -> Vec<(String, u64)> {
        let mut rows: Vec<(String, u64)> = self
            .counts
            .iter()
            .map(|(r, n)| (r.to_string(), *n))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows
    }
}
