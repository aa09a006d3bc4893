//! Encoder tests, for both ISAs on any host: every uop's stencil, assembled alone with its
//! operands in registers, decoded back by an independent disassembler (iced-x86, yaxpeax-arm).
//! The decoded text must equal the golden file `tests/golden/stencils.<isa>.txt` and contain no
//! undecodable bytes. AArch64 is also checked against the GNU assembler: binutils' reading of
//! each stencil, assembled again by `aarch64-linux-gnu-as`, must give back the same bytes.
//!
//! Bless: `LUCENT_BLESS=1 cargo test -p lucent-jit --test stencils`.

use std::path::Path;
use std::process::Command;

use lucent_jit::backend::{compile_for, disassemble_for, Linkage};
use lucent_jit::ir::{
    GlobalSlot, Helper, Insn, Ref, SeqAccess, SlotAccess, Snapshot, TraceIr, Ty, Uop, NO_SNAP,
};
use lucent_unwind::Arch;
use lucent_vm::code::CmpOp;

fn insn(op: Uop, args: &[Ref], ty: Ty, snap: u32) -> Insn {
    let arg = |i: usize| args.get(i).copied().unwrap_or(Ref::NONE);
    Insn {
        op,
        a: arg(0),
        b: arg(1),
        c: arg(2),
        ty,
        pc: 1,
        snap,
    }
}

/// A trace computing `op` on fresh operands of types `inputs`, keeping the result live through
/// an exit that boxes it (so the result's register is observable).
fn single(op: Uop, inputs: &[Ty], ty: Ty) -> TraceIr {
    let mut ir = TraceIr::default();
    let mut args = Vec::new();
    for (k, t) in inputs.iter().enumerate() {
        let r = match t {
            Ty::Float => ir.push(insn(Uop::Const(1.5f64.to_bits()), &[], Ty::Float, NO_SNAP)),
            _ => ir.push(insn(Uop::LoadSlot(k as u32), &[], *t, NO_SNAP)),
        };
        args.push(r);
    }
    ir.snaps.push(Snapshot {
        pc: 1,
        depth: 0,
        // Raw addresses are never written back to the frame.
        slots: args
            .iter()
            .enumerate()
            .filter(|(k, _)| inputs[*k] != Ty::Ptr)
            .map(|(k, r)| (k as u32, *r))
            .collect(),
        frames: Vec::new(),
    });
    let snap = if op.is_guard() { 0 } else { NO_SNAP };
    let mut r = ir.push(insn(op, &args, ty, snap));
    if ty == Ty::Ptr {
        // An address is never written back: observe it through a load.
        r = ir.push(insn(Uop::LoadItem(1), &[r], Ty::Boxed, NO_SNAP));
    }
    if ty != Ty::Void {
        ir.snaps.push(Snapshot {
            pc: 2,
            depth: 1,
            slots: vec![(9, r)],
            frames: Vec::new(),
        });
        let t = ir.push(insn(Uop::LoadSlot(8), &[], Ty::Bool, NO_SNAP));
        ir.push(insn(Uop::GuardTrue, &[t], Ty::Void, 1));
    }
    ir
}

/// An inline instance access, with offsets fixed here (the golden file must not depend on the
/// host's toolchain, whose layout `objects::instance_layout` measures).
const SLOT: SlotAccess = SlotAccess {
    shape: 7,
    epoch: 3,
    slot: 2,
    at: [0x30, 0x18, 0x20, 0x1a8],
};

fn cases() -> Vec<(&'static str, TraceIr)> {
    use Ty::*;
    let mut v: Vec<(&'static str, TraceIr)> = vec![
        ("LoadSlot", single(Uop::LoadSlot(3), &[], Boxed)),
        ("Const int", single(Uop::Const(42), &[], Int)),
        (
            "Const float",
            single(Uop::Const(2.5f64.to_bits()), &[], Float),
        ),
        ("GuardInt", single(Uop::GuardInt, &[Boxed], Void)),
        ("GuardFloat", single(Uop::GuardFloat, &[Boxed], Void)),
        ("GuardBool", single(Uop::GuardBool, &[Boxed], Void)),
        ("GuardObj", single(Uop::GuardObj, &[Boxed], Void)),
        (
            "GuardIs",
            single(Uop::GuardIs(0xFFFB_0000_0000_0000), &[Boxed], Void),
        ),
        ("GuardTrue", single(Uop::GuardTrue, &[Bool], Void)),
        ("GuardFalse", single(Uop::GuardFalse, &[Bool], Void)),
        ("UnboxInt", single(Uop::UnboxInt, &[Boxed], Int)),
        ("UnboxFloat", single(Uop::UnboxFloat, &[Boxed], Float)),
        ("UnboxBool", single(Uop::UnboxBool, &[Boxed], Bool)),
        ("BoxInt", single(Uop::BoxInt, &[Int], Boxed)),
        ("BoxFloat", single(Uop::BoxFloat, &[Float], Boxed)),
        ("BoxBool", single(Uop::BoxBool, &[Bool], Boxed)),
        ("AddInt", single(Uop::AddInt, &[Int, Int], Int)),
        ("SubInt", single(Uop::SubInt, &[Int, Int], Int)),
        ("MulInt", single(Uop::MulInt, &[Int, Int], Int)),
        ("FloorDivInt", single(Uop::FloorDivInt, &[Int, Int], Int)),
        ("ModInt", single(Uop::ModInt, &[Int, Int], Int)),
        ("NegInt", single(Uop::NegInt, &[Int], Int)),
        ("AndInt", single(Uop::AndInt, &[Int, Int], Int)),
        ("OrInt", single(Uop::OrInt, &[Int, Int], Int)),
        ("XorInt", single(Uop::XorInt, &[Int, Int], Int)),
        ("IntToFloat", single(Uop::IntToFloat, &[Int], Float)),
        ("AddFloat", single(Uop::AddFloat, &[Float, Float], Float)),
        ("SubFloat", single(Uop::SubFloat, &[Float, Float], Float)),
        ("MulFloat", single(Uop::MulFloat, &[Float, Float], Float)),
        ("DivFloat", single(Uop::DivFloat, &[Float, Float], Float)),
        ("NegFloat", single(Uop::NegFloat, &[Float], Float)),
        ("Is", single(Uop::Is, &[Boxed, Boxed], Bool)),
        ("IsNot", single(Uop::IsNot, &[Boxed, Boxed], Bool)),
        ("NotBool", single(Uop::NotBool, &[Bool], Bool)),
        ("LoadItem", single(Uop::LoadItem(5), &[Ptr], Boxed)),
        // Offsets as `objects::list_layout` measures them on x86_64 with Rust 1.95 (fixed here:
        // this golden file must not depend on the host's toolchain).
        (
            "ListGet",
            single(Uop::ListGet(0x18, 0x20), &[Boxed, Int], Boxed),
        ),
        (
            "ListSet",
            single(Uop::ListSet(0x18, 0x20), &[Boxed, Int, Boxed], Void),
        ),
        ("LoadAttr", single(Uop::LoadAttr(SLOT), &[Boxed], Boxed)),
        (
            "StoreAttr",
            single(Uop::StoreAttr(SLOT), &[Boxed, Boxed], Void),
        ),
        (
            "MethodCheck",
            single(Uop::MethodCheck(SLOT), &[Boxed], Void),
        ),
        (
            "GlobalIs",
            single(
                Uop::GlobalIs(GlobalSlot {
                    values: 0x1000,
                    bits: 0xFFF9_0000_0000_0007,
                    slot: 5,
                    items: 0x8,
                    len: 0x10,
                }),
                &[],
                Void,
            ),
        ),
        ("VersionIs", single(Uop::VersionIs(0x2000, 3), &[], Void)),
        (
            "SeqItems",
            single(
                Uop::SeqItems(SeqAccess {
                    n: 10,
                    tuple: [0x8, 0x10],
                    list: [0x18, 0x20],
                }),
                &[Boxed],
                Ptr,
            ),
        ),
        (
            "Call",
            single(Uop::Call(Helper::ListGet, 7, 9), &[Boxed, Int], Boxed),
        ),
    ];
    for op in CmpOp::ALL {
        v.push(("CmpInt", single(Uop::CmpInt(op), &[Int, Int], Bool)));
        v.push(("CmpFloat", single(Uop::CmpFloat(op), &[Float, Float], Bool)));
    }
    // A comparison fused with the guard on its result, and a loop with a phi.
    let mut fused = TraceIr::default();
    let a = fused.push(insn(Uop::LoadSlot(0), &[], Ty::Int, NO_SNAP));
    let b = fused.push(insn(Uop::LoadSlot(1), &[], Ty::Int, NO_SNAP));
    fused.snaps.push(Snapshot {
        pc: 1,
        depth: 0,
        slots: vec![],
        frames: Vec::new(),
    });
    let c = fused.push(insn(Uop::CmpInt(CmpOp::Lt), &[a, b], Ty::Bool, NO_SNAP));
    fused.push(insn(Uop::GuardTrue, &[c], Ty::Void, 0));
    v.push(("CmpInt+GuardTrue (fused)", fused));
    let mut looped = TraceIr::default();
    let e = looped.push(insn(Uop::LoadSlot(0), &[], Ty::Int, NO_SNAP));
    let one = looped.push(insn(Uop::Const(1), &[], Ty::Int, NO_SNAP));
    looped.push(insn(Uop::Loop, &[], Ty::Void, NO_SNAP));
    let phi = looped.push(insn(Uop::Phi, &[e], Ty::Int, NO_SNAP));
    looped.snaps.push(Snapshot {
        pc: 1,
        depth: 0,
        slots: vec![(0, phi)],
        frames: Vec::new(),
    });
    let next = looped.push(insn(Uop::AddInt, &[phi, one], Ty::Int, 0));
    looped.insns[phi.index()].b = next;
    looped.push(insn(Uop::Jump, &[], Ty::Void, NO_SNAP));
    v.push(("Loop/Phi/Jump", looped));
    v
}

/// Every case's code for `arch`, with a fixed cell address so that nothing depends on where
/// memory is.
fn assembled(arch: Arch) -> Vec<(&'static str, TraceIr, Vec<u8>, usize)> {
    let link = Linkage {
        trace_id: 7,
        cells: 0x1000,
    };
    cases()
        .into_iter()
        .map(|(name, ir)| {
            let compiled = compile_for(arch, &ir, link).expect("assembles");
            let insn_len = compiled.insn_len as usize;
            (name, ir, compiled.code, insn_len)
        })
        .collect()
}

fn check_golden(arch: Arch, file: &str, undecodable: &str) {
    let mut out = String::new();
    for (name, ir, code, insn_len) in assembled(arch) {
        let lines = disassemble_for(arch, &code, insn_len);
        assert!(
            lines.iter().all(|l| !l.contains(undecodable)),
            "{name}: undecodable bytes:\n{}",
            lines.join("\n")
        );
        out.push_str(&format!("== {name}\n{ir}"));
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    let out = lucent_jit::dump::mask_addresses(&out);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(file);
    if std::env::var_os("LUCENT_BLESS").is_some() {
        std::fs::write(&path, &out).expect("write golden");
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_default();
    if golden != out {
        let line = golden
            .lines()
            .zip(out.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "stencil encodings differ from {} at line {} (expected {:?}, got {:?}); \
             LUCENT_BLESS=1 to accept",
            path.display(),
            line + 1,
            golden.lines().nth(line),
            out.lines().nth(line)
        );
    }
}

#[test]
fn x86_64_stencils_decode_as_golden() {
    check_golden(Arch::X86_64, "stencils.x86_64.txt", "(bad)");
}

#[test]
fn aarch64_stencils_decode_as_golden() {
    check_golden(Arch::Aarch64, "stencils.aarch64.txt", ".inst");
}

/// Runs a binutils tool, failing the test with its stderr.
fn binutils(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool}: {e} (bash ci/setup-aarch64.sh installs binutils-aarch64-linux-gnu)")
    });
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// objdump's listing of raw AArch64 code as assembler source: each instruction under a label
/// for its offset, branch and literal targets (printed as offsets) turned into those labels,
/// comments gone; then the literal pool `pool` (at code offset `pool_at`) as `.quad`s.
fn gnu_source(listing: &str, pool: &[u8], pool_at: usize) -> String {
    let mut src = String::from(".text\n");
    for line in listing.lines() {
        let mut fields = line.split('\t');
        let (Some(addr), Some(_hex), Some(mnemonic)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Some(addr) = addr.trim().strip_suffix(':') else {
            continue;
        };
        if u64::from_str_radix(addr, 16).is_err() {
            continue;
        }
        let operands = fields.next().unwrap_or("");
        let operands = operands.split("//").next().unwrap_or("").trim();
        // Branches, and `ldr` from the literal pool (`ldr x16, 0x98`), name a code offset.
        let literal = mnemonic.trim() == "ldr" && !operands.contains('[');
        let branch = matches!(
            mnemonic.trim(),
            "b" | "bl" | "cbz" | "cbnz" | "tbz" | "tbnz"
        ) || mnemonic.starts_with("b.")
            || literal;
        let operands = match operands.rsplit_once(' ').filter(|_| branch) {
            Some((head, target)) => format!("{head} L{}", target.trim_start_matches("0x")),
            None if branch => format!("L{}", operands.trim_start_matches("0x")),
            None => operands.to_string(),
        };
        src.push_str(&format!("L{addr}: {} {operands}\n", mnemonic.trim()));
    }
    for (k, word) in pool.chunks(8).enumerate() {
        let value = u64::from_le_bytes(word.try_into().expect("8-byte pool words"));
        src.push_str(&format!("L{:x}: .quad {value:#x}\n", pool_at + 8 * k));
    }
    src
}

#[test]
fn aarch64_stencils_reassemble_with_gnu_as() {
    let dir = std::env::temp_dir().join(format!("lucent-stencils-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = |name: &str| dir.join(name).to_str().expect("utf-8 path").to_string();
    for (k, (name, _, code, insn_len)) in assembled(Arch::Aarch64).into_iter().enumerate() {
        // binutils reads the instructions; the literal pool after them goes in as data.
        let (insns, pool) = code.split_at(insn_len);
        let (bin, src, obj, text) = (
            path(&format!("{k}.bin")),
            path(&format!("{k}.s")),
            path(&format!("{k}.o")),
            path(&format!("{k}.text")),
        );
        std::fs::write(&bin, insns).expect("write code");
        let listing = binutils(
            "aarch64-linux-gnu-objdump",
            &["-D", "-b", "binary", "-m", "aarch64", &bin],
        );
        std::fs::write(&src, gnu_source(&listing, pool, insn_len)).expect("write source");
        binutils("aarch64-linux-gnu-as", &["-o", &obj, &src]);
        binutils(
            "aarch64-linux-gnu-objcopy",
            &["-O", "binary", "-j", ".text", &obj, &text],
        );
        let gnu = std::fs::read(&text).expect("read .text");
        if gnu != code {
            let at = gnu.iter().zip(&code).position(|(a, b)| a != b).unwrap_or(0) / 4 * 4;
            panic!(
                "{name}: GNU as encodes binutils' reading differently at offset {at:#x} \
                 (ours {:02x?}, GNU {:02x?}); source:\n{}",
                code.get(at..at + 4),
                gnu.get(at..at + 4),
                std::fs::read_to_string(&src).unwrap_or_default()
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
