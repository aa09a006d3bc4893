//! The textual dumps of traces (`--jit-dump`, `LUCENT_JIT_DUMP`, golden tests): the recorded
//! bytecode, the IR after each pass and the machine code, every line tagged with the script line
//! it comes from (`line  12 | ...`).

use lucent_vm::code::Code;

use crate::ir::{loc_parts, TraceIr};
use crate::recorder::Recording;
use crate::trace::LineEntry;

/// `text` tagged with script line `line`.
fn tagged(line: u32, text: &str) -> String {
    format!("line {line:>3} | {text}\n")
}

/// The recorded instructions, one per line: `line  12 | @18 BinaryAddFloat 0`; instructions of
/// inlined calls are indented by their nesting and give their frame (`@f1:3`).
pub fn bytecode(rec: &Recording) -> String {
    let mut nesting = 0usize;
    let mut frame = 0;
    rec.log
        .iter()
        .map(|r| {
            let (f, ip) = loc_parts(r.ip);
            if f > frame {
                nesting += 1;
            } else if f < frame {
                nesting = nesting.saturating_sub(1);
            }
            frame = f;
            let at = if f == 0 {
                format!("@{ip}")
            } else {
                format!("@f{f}:{ip}")
            };
            tagged(
                rec.line(r.ip),
                &format!("{}{at} {:?} {}", "  ".repeat(nesting), r.op, r.arg),
            )
        })
        .collect()
}

/// The IR (`TraceIr`'s text), each instruction tagged with the line of its bytecode offset.
pub fn ir(ir: &TraceIr, code: &Code) -> String {
    ir.to_string()
        .lines()
        .zip(&ir.insns)
        .map(|(text, insn)| {
            let (c, ip) = ir.code_of(code, insn.pc);
            tagged(c.pos(ip).line, text)
        })
        .collect()
}

/// A disassembly (`offset: text` lines, offsets in hex), each line tagged with the line the code
/// at its offset implements (`lines`: the trace's line table, sorted by offset).
pub fn code(disassembly: &[String], lines: &[LineEntry]) -> String {
    disassembly
        .iter()
        .map(|text| {
            let offset = text
                .split(':')
                .next()
                .and_then(|o| u32::from_str_radix(o.trim(), 16).ok())
                .unwrap_or(0);
            let at = lines.partition_point(|l| l.offset <= offset);
            let line = at.checked_sub(1).map_or(0, |k| lines[k].line);
            tagged(line, text)
        })
        .collect()
}

/// Replaces hex literals that look like user-space addresses (helpers, objects: they change from
/// build to build and run to run) by `<addr>`, and boxed object references by `<object>`; tags
/// and other constants stay.
pub fn mask_addresses(dump: &str) -> String {
    let mut out = String::with_capacity(dump.len());
    let mut rest = dump;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        let n = tail.chars().take_while(|c| c.is_ascii_hexdigit()).count();
        let value = u64::from_str_radix(&tail[..n], 16).unwrap_or(0);
        if looks_like_address(value) {
            out.push_str("<addr>");
        } else if value >> 48 == lucent_vm::value::TAG_OBJ {
            // A boxed object reference (a guarded function, a module): an address too.
            out.push_str("<object>");
        } else {
            out.push_str(&rest[i..i + 2 + n]);
        }
        rest = &tail[n..];
    }
    out.push_str(rest);
    out
}

/// Whether a 64-bit value is in the range user-space pointers take (and so differs from run to
/// run): what dumps mask.
pub fn looks_like_address(value: u64) -> bool {
    (0x1000_0000..0x8000_0000_0000).contains(&value)
}

/// Whether a 64-bit constant differs from run to run: an address, or a boxed object reference
/// (an address under a tag). The AArch64 backend loads these from its literal pool whole, so a
/// dump shows (and masks) the value rather than four run-dependent halfwords.
pub fn run_dependent(value: u64) -> bool {
    looks_like_address(value) || value >> 48 == lucent_vm::value::TAG_OBJ
}

#[cfg(test)]
mod tests {
    use super::mask_addresses;

    #[test]
    fn hides_addresses_only() {
        assert_eq!(
            mask_addresses(
                "mov rax, 0x55d0c0a01230 ; cmp eax, 0xFFF9 ; mov r11, 0xFFF9000000000000"
            ),
            "mov rax, <addr> ; cmp eax, 0xFFF9 ; mov r11, 0xFFF9000000000000"
        );
        let obj = lucent_vm::value::TAG_OBJ << 48 | 0x0200_0091_a280;
        assert_eq!(
            mask_addresses(&format!("mov r11,{obj:#X} ; cmp eax,0xFFFA")),
            "mov r11,<object> ; cmp eax,0xFFFA"
        );
    }
}
