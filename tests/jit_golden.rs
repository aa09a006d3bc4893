//! Golden tests of the JIT pipeline, pass by pass: for each `tests/py/jit/NAME.py` (whose output
//! the conformance suite checks against CPython), `LUCENT_JIT_DUMP=1` prints every trace's IR as
//! recorded, after each optimizer pass, and its machine code; the dump must equal
//! `tests/jit-golden/NAME.<isa>.txt` for the ISA of the binary under test (`x86_64`, or
//! `aarch64` in the AArch64 run). Addresses (helpers, objects) are masked as `<addr>`.
//!
//! The same dump with `LUCENT_JIT_RECORD_SLOW=1` (the recording handler sees every instruction,
//! none is logged by the recording loop's fast path) must be identical: the fast path records
//! exactly what the handler would (`vm/src/trace_log.rs`).
//!
//! Bless (rewrite the golden files from the current output): `LUCENT_BLESS=1 cargo test --release
//! --test jit_golden`, then review the diff.

mod support;

use std::path::Path;

use lucent_jit::dump::mask_addresses as mask;

#[test]
fn jit_pipeline_golden() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("LUCENT_BLESS").is_some();
    let mut scripts: Vec<_> = std::fs::read_dir(root.join("tests/py/jit"))
        .expect("tests/py/jit")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty());
    let isa = support::arch_name(support::binary_arch());
    let mut failures = Vec::new();
    for script in &scripts {
        let name = script.file_stem().unwrap().to_string_lossy().to_string();
        let run_dump = |slow: bool| {
            let mut cmd = support::lucent_command();
            cmd.args(["run", "--jit=on"])
                .arg(script)
                .env("LUCENT_JIT_DUMP", "1")
                .env_remove("LUCENT_JIT_STRESS")
                .env_remove("LUCENT_JIT_STATS")
                .env_remove("LUCENT_GC_STRESS")
                .env_remove("LUCENT_JIT_RECORD_SLOW");
            if slow {
                cmd.env("LUCENT_JIT_RECORD_SLOW", "1");
            }
            let out = cmd.output().expect("run lucent");
            assert!(out.status.success(), "{name}: lucent failed: {out:?}");
            mask(&String::from_utf8_lossy(&out.stderr))
        };
        let (dump, slow) = (run_dump(false), run_dump(true));
        assert!(
            dump.contains("--- trace 0 code"),
            "{name}: no trace was compiled:\n{dump}"
        );
        if slow != dump {
            let line = dump.lines().zip(slow.lines()).position(|(a, b)| a != b);
            failures.push(format!(
                "{name}: recording with the fast path off differs at line {:?}",
                line.map(|l| l + 1)
            ));
        }
        let golden = root.join(format!("tests/jit-golden/{name}.{isa}.txt"));
        if bless {
            std::fs::write(&golden, &dump).expect("write golden file");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if expected != dump {
            let line = expected
                .lines()
                .zip(dump.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(expected.lines().count().min(dump.lines().count()));
            failures.push(format!(
                "{name}: dump differs from {} at line {} (expected {:?}, got {:?}); \
                 rerun with LUCENT_BLESS=1 if the change is intended",
                golden.display(),
                line + 1,
                expected.lines().nth(line),
                dump.lines().nth(line)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
