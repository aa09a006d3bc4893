//! Disassembly of trace code (IR dumps, encoder tests, the monitor's detail pane), with iced-x86.

use iced_x86::{Decoder, DecoderOptions, Formatter, IntelFormatter};

/// One line per instruction: `offset: mnemonic operands`, branch targets as code offsets; the
/// bytes from `insn_len` on as data words (x86_64 code has none today).
pub fn disassemble(code: &[u8], insn_len: usize) -> Vec<String> {
    let insn_len = insn_len.min(code.len());
    let mut decoder = Decoder::with_ip(64, &code[..insn_len], 0, DecoderOptions::NONE);
    let mut formatter = IntelFormatter::new();
    formatter.options_mut().set_hex_prefix("0x");
    formatter.options_mut().set_hex_suffix("");
    let mut out = Vec::new();
    let mut text = String::new();
    while decoder.can_decode() {
        let insn = decoder.decode();
        text.clear();
        formatter.format(&insn, &mut text);
        out.push(format!("{:4x}: {text}", insn.ip()));
    }
    out.extend(crate::backend::data_lines(&code[insn_len..], insn_len));
    out
}
