//! Round trip of `.eh_frame` / `.eh_frame_hdr` through `gimli::read`: at every instruction of a
//! typical prologue, body and epilogue the CFA, frame-pointer and return-address rules must be
//! exactly what the machine state is.

use gimli::read::{
    BaseAddresses, CfaRule, EhFrame as ReadEhFrame, EhFrameHdr, RegisterRule, UnwindContext,
    UnwindSection,
};
use gimli::{LittleEndian, Register};
use lucent_unwind::{
    perf_eh_frame_address, Arch, CodeRegion, EhFrame, Error, FrameDesc, PointerEncoding, Reg,
    UnwindStep,
};

/// What an unwinder must conclude at one code offset.
#[derive(Debug, PartialEq, Eq)]
struct Expect {
    /// CFA = register + offset.
    cfa: (u16, i64),
    /// `(register, Some(CFA offset) | None = caller's value still in the register)`.
    regs: Vec<(u16, Option<i64>)>,
}

/// Looks `address` up through the header's binary-search table and returns the row.
fn rules_at(eh: &EhFrame, hdr: &[u8], hdr_address: u64, address: u64, regs: &[u16]) -> Expect {
    let bases = BaseAddresses::default()
        .set_eh_frame(eh.address())
        .set_eh_frame_hdr(hdr_address);
    let parsed = EhFrameHdr::new(hdr, LittleEndian)
        .parse(&bases, 8)
        .expect("header parses");
    let section = ReadEhFrame::new(eh.bytes(), LittleEndian);
    let table = parsed.table().expect("header has a table");
    let mut ctx = UnwindContext::new();
    let row = table
        .unwind_info_for_address(
            &section,
            &bases,
            &mut ctx,
            address,
            ReadEhFrame::cie_from_offset,
        )
        .unwrap_or_else(|e| panic!("no unwind info at {address:#x}: {e}"));
    let cfa = match row.cfa() {
        CfaRule::RegisterAndOffset { register, offset } => (register.0, *offset),
        other => panic!("unexpected CFA rule {other:?}"),
    };
    let regs = regs
        .iter()
        .map(|&r| {
            let rule = match row.register(Register(r)) {
                None | Some(RegisterRule::SameValue) => None,
                Some(RegisterRule::Offset(off)) => Some(off),
                Some(other) => panic!("unexpected rule {other:?} for register {r}"),
            };
            (r, rule)
        })
        .collect();
    Expect { cfa, regs }
}

/// Builds both sections the way perf lays them out and checks every offset.
fn check(arch: Arch, code: u64, desc: &FrameDesc, regs: &[u16], expect: impl Fn(u32) -> Expect) {
    let eh_address = perf_eh_frame_address(code, u64::from(desc.code_len()));
    let region = CodeRegion {
        address: code,
        frame: desc,
    };
    let eh = EhFrame::build(arch, eh_address, PointerEncoding::PcRel, &[region]).unwrap();
    assert_eq!(eh.fdes().len(), 1);
    assert_eq!(eh.fdes()[0].0, code);
    assert_eq!(
        eh.bytes()[eh.bytes().len() - 4..],
        [0, 0, 0, 0],
        "zero terminator"
    );
    let hdr_address = eh_address + eh.bytes().len() as u64;
    let hdr = eh.build_hdr(hdr_address).unwrap();
    let step = u32::from(arch.code_align());
    for offset in (0..desc.code_len()).step_by(step as usize) {
        let got = rules_at(&eh, &hdr, hdr_address, code + u64::from(offset), regs);
        assert_eq!(got, expect(offset), "{arch:?} at offset {offset}");
    }
}

#[test]
fn x86_64_prologue_body_epilogue() {
    // 0 push rbp; 1 mov rbp,rsp; 4 sub rsp,16; 8 mov [rbp-8],rbx; 12 call f;
    // 17 mov rbx,[rbp-8]; 21 mov rsp,rbp; 24 pop rbp; 25 ret
    let mut desc = FrameDesc::new(26);
    desc.push(1, UnwindStep::PushFramePointer)
        .push(4, UnwindStep::SetFramePointer)
        .push(8, UnwindStep::StackAlloc(16))
        .push(
            12,
            UnwindStep::SaveReg {
                reg: Reg::Gpr(3),
                cfa_offset: -24,
            },
        )
        .push(21, UnwindStep::RestoreReg(Reg::Gpr(3)))
        .push(25, UnwindStep::PopFramePointer);
    let (rbp, rsp, ra, rbx) = (6, 7, 16, 3);
    check(
        Arch::X86_64,
        0x7f00_0000_1000,
        &desc,
        &[rbp, ra, rbx],
        |off| {
            let (cfa, fp) = match off {
                0 => ((rsp, 8), None),
                1..=3 => ((rsp, 16), Some(-16)),
                4..=24 => ((rbp, 16), Some(-16)),
                _ => ((rsp, 8), None),
            };
            let saved_rbx = (12..21).contains(&off).then_some(-24);
            Expect {
                cfa,
                regs: vec![(rbp, fp), (ra, Some(-8)), (rbx, saved_rbx)],
            }
        },
    );
}

#[test]
fn aarch64_prologue_body_epilogue() {
    // 0 stp x29,x30,[sp,#-16]!; 4 mov x29,sp; 8 sub sp,sp,#16; 12 str x19,[x29,#-8];
    // 16 bl f; 20 ldr x19,[x29,#-8]; 24 mov sp,x29; 28 ldp x29,x30,[sp],#16; 32 ret
    let mut desc = FrameDesc::new(36);
    desc.push(4, UnwindStep::PushFramePointer)
        .push(8, UnwindStep::SetFramePointer)
        .push(12, UnwindStep::StackAlloc(16))
        .push(
            16,
            UnwindStep::SaveReg {
                reg: Reg::Gpr(19),
                cfa_offset: -24,
            },
        )
        .push(24, UnwindStep::RestoreReg(Reg::Gpr(19)))
        .push(32, UnwindStep::PopFramePointer);
    let (x29, x30, sp, x19) = (29, 30, 31, 19);
    check(
        Arch::Aarch64,
        0xffff_8000_2000,
        &desc,
        &[x29, x30, x19],
        |off| {
            let (cfa, fp, lr) = match off {
                0..=3 => ((sp, 0), None, None),
                4..=7 => ((sp, 16), Some(-16), Some(-8)),
                8..=31 => ((x29, 16), Some(-16), Some(-8)),
                _ => ((sp, 0), None, None),
            };
            let saved_x19 = (16..24).contains(&off).then_some(-24);
            Expect {
                cfa,
                regs: vec![(x29, fp), (x30, lr), (x19, saved_x19)],
            }
        },
    );
}

#[test]
fn mid_trace_exit_restores_body_rules() {
    // push; set; ... exit: pop; ret ... body continues after the exit.
    let mut desc = FrameDesc::new(20);
    desc.push(1, UnwindStep::PushFramePointer)
        .push(4, UnwindStep::SetFramePointer)
        .push(8, UnwindStep::RememberState)
        .push(9, UnwindStep::PopFramePointer)
        .push(10, UnwindStep::RestoreState)
        .push(19, UnwindStep::PopFramePointer);
    let (rbp, rsp, ra) = (6, 7, 16);
    check(Arch::X86_64, 0x10_0000, &desc, &[rbp, ra], |off| {
        let (cfa, fp) = match off {
            0 => ((rsp, 8), None),
            1..=3 => ((rsp, 16), Some(-16)),
            9 | 19 => ((rsp, 8), None),
            _ => ((rbp, 16), Some(-16)),
        };
        Expect {
            cfa,
            regs: vec![(rbp, fp), (ra, Some(-8))],
        }
    });
}

#[test]
fn header_table_is_sorted_and_finds_every_region() {
    let a = FrameDesc::with_frame_pointer(16, 1, 4, 15);
    let b = FrameDesc::with_frame_pointer(32, 1, 4, 31);
    // Regions given out of address order; the table must still be sorted.
    let regions = [
        CodeRegion {
            address: 0x5000,
            frame: &b,
        },
        CodeRegion {
            address: 0x4000,
            frame: &a,
        },
    ];
    let eh = EhFrame::build(Arch::X86_64, 0x6000, PointerEncoding::PcRel, &regions).unwrap();
    let starts: Vec<u64> = eh.fdes().iter().map(|&(code, _)| code).collect();
    assert_eq!(starts, [0x4000, 0x5000]);
    let hdr_address = 0x6000 + eh.bytes().len() as u64;
    let hdr = eh.build_hdr(hdr_address).unwrap();
    for address in [0x4000, 0x400f, 0x5000, 0x501f] {
        let got = rules_at(&eh, &hdr, hdr_address, address, &[]);
        assert_eq!(got.cfa, (7, 8), "ret at {address:#x}");
    }
    for address in [0x4004, 0x5004, 0x501e] {
        let got = rules_at(&eh, &hdr, hdr_address, address, &[]);
        assert_eq!(got.cfa, (6, 16), "body at {address:#x}");
    }
}

#[test]
fn absolute_pointers_read_back_anywhere() {
    let desc = FrameDesc::with_frame_pointer(12, 1, 4, 11);
    let region = CodeRegion {
        address: 0x7fff_0000_0000,
        frame: &desc,
    };
    // The section lives far from the code: fine with absolute pointers...
    let eh = EhFrame::build(Arch::X86_64, 0x1000, PointerEncoding::Absolute, &[region]).unwrap();
    let section = ReadEhFrame::new(eh.bytes(), LittleEndian);
    let bases = BaseAddresses::default().set_eh_frame(0x1000);
    let mut ctx = UnwindContext::new();
    let row = section
        .unwind_info_for_address(
            &bases,
            &mut ctx,
            0x7fff_0000_0005,
            ReadEhFrame::cie_from_offset,
        )
        .unwrap();
    assert_eq!(
        *row.cfa(),
        CfaRule::RegisterAndOffset {
            register: Register(6),
            offset: 16
        }
    );
    // ...and refused with 32-bit pc-relative ones.
    let err = EhFrame::build(Arch::X86_64, 0x1000, PointerEncoding::PcRel, &[region]).unwrap_err();
    assert!(matches!(err, Error::TooFar { .. }), "{err}");
}

#[test]
fn bad_descriptions_are_refused() {
    let mut desc = FrameDesc::new(8);
    desc.push(4, UnwindStep::PushFramePointer)
        .push(2, UnwindStep::SetFramePointer);
    assert!(matches!(
        desc.validate(Arch::X86_64),
        Err(Error::StepOutOfOrder { offset: 2, prev: 4 })
    ));
    let mut desc = FrameDesc::new(8);
    desc.push(2, UnwindStep::PushFramePointer);
    assert!(matches!(
        desc.validate(Arch::Aarch64),
        Err(Error::Misaligned {
            offset: 2,
            align: 4
        })
    ));
    let mut desc = FrameDesc::new(8);
    desc.push(9, UnwindStep::PopFramePointer);
    assert!(matches!(
        desc.validate(Arch::X86_64),
        Err(Error::StepOutOfRange { .. })
    ));
    let mut desc = FrameDesc::new(8);
    desc.push(
        1,
        UnwindStep::SaveReg {
            reg: Reg::Gpr(16),
            cfa_offset: -16,
        },
    );
    assert!(matches!(
        desc.validate(Arch::X86_64),
        Err(Error::NoSuchRegister { .. })
    ));
}

#[test]
fn register_mapper_matches_the_psabis() {
    let x = Arch::X86_64;
    assert_eq!((x.fp().0, x.sp().0, x.ra().0), (6, 7, 16));
    // rbx (encoding 3) is DWARF 3, rsi (6) is 4, r12 is 12.
    assert_eq!(x.dwarf(Reg::Gpr(3)), Some(Register(3)));
    assert_eq!(x.dwarf(Reg::Gpr(6)), Some(Register(4)));
    assert_eq!(x.dwarf(Reg::Gpr(12)), Some(Register(12)));
    let a = Arch::Aarch64;
    assert_eq!((a.fp().0, a.ra().0, a.sp().0), (29, 30, 31));
    assert_eq!(a.dwarf(Reg::Gpr(19)), Some(Register(19)));
}
