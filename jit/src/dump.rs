//! Helpers for the textual dumps of traces (`LUCENT_JIT_DUMP`, golden tests).

/// Replaces hex literals that look like user-space addresses (helpers, objects: they change from
/// build to build and run to run) by `<addr>`; tags and other constants stay.
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
        } else {
            out.push_str(&rest[i..i + 2 + n]);
        }
        rest = &tail[n..];
    }
    out.push_str(rest);
    out
}

/// Whether a 64-bit value is in the range user-space pointers take (and so differs from run to
/// run): what dumps mask, and what the AArch64 backend loads from its literal pool whole.
pub fn looks_like_address(value: u64) -> bool {
    (0x1000_0000..0x8000_0000_0000).contains(&value)
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
    }
}
