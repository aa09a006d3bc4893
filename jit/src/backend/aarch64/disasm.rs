//! Disassembly of trace code (IR dumps, encoder tests, the monitor's detail pane), with
//! yaxpeax-arm.

use yaxpeax_arch::{Decoder, U8Reader};
use yaxpeax_arm::armv8::a64::InstDecoder;

/// One line per instruction: `offset: mnemonic operands`; words that do not decode print as
/// `.inst 0x...`; the bytes from `insn_len` on (the literal pool) as data words.
pub fn disassemble(code: &[u8], insn_len: usize) -> Vec<String> {
    let insn_len = insn_len.min(code.len());
    let decoder = InstDecoder::default();
    let mut lines: Vec<String> = code[..insn_len]
        .chunks(4)
        .enumerate()
        .map(|(k, word)| {
            let mut reader = U8Reader::new(word);
            let text = match decoder.decode(&mut reader) {
                Ok(insn) => insn.to_string(),
                Err(_) => format!(".inst 0x{:08x}", u32::from_le_bytes(pad(word))),
            };
            format!("{:4x}: {text}", 4 * k)
        })
        .collect();
    lines.extend(crate::backend::data_lines(&code[insn_len..], insn_len));
    lines
}

fn pad(word: &[u8]) -> [u8; 4] {
    let mut w = [0; 4];
    w[..word.len()].copy_from_slice(word);
    w
}
