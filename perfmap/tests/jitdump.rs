//! The jitdump read back through `linux-perf-data`'s reader (what samply uses), plus the
//! marker mapping and file-safety rules.

mod common;

use std::os::unix::fs::{symlink, PermissionsExt};

use common::TempDir;
use linux_perf_data::jitdump::{JitDumpReader, JitDumpRecord, JitDumpRecordType};
use lucent_perfmap::jitdump::{JIT_CODE_DEBUG_INFO, JIT_CODE_LOAD, JIT_CODE_UNWINDING_INFO};
use lucent_perfmap::{CodeLoad, ElfMachine, Error, JitDump, LineEntry, UnwindInfo};

const PID: u32 = 31337;

/// Every record of the dump, as (type, timestamp, parsed record) with owned bytes.
#[derive(Debug)]
enum Rec {
    Load {
        pid: u32,
        vma: u64,
        code_addr: u64,
        code_index: u64,
        name: Vec<u8>,
        code: Vec<u8>,
    },
    Debug {
        code_addr: u64,
        entries: Vec<(u64, u32, u32, Vec<u8>)>,
    },
    Unwind {
        mapped_size: u64,
        /// The raw record body: `unwind_data_size, eh_frame_hdr_size, mapped_size`, data, pad.
        body: Vec<u8>,
        /// What linux-perf-data calls `eh_frame_hdr` and `eh_frame`, concatenated.
        data: Vec<u8>,
        record_size: u32,
    },
    Close,
}

fn read_all(path: &std::path::Path) -> (linux_perf_data::jitdump::JitDumpHeader, Vec<(u64, Rec)>) {
    let file = std::fs::File::open(path).unwrap();
    let mut reader = JitDumpReader::new(file).unwrap();
    let header = reader.header().clone();
    let mut records = Vec::new();
    while let Some(raw) = reader.next_record().unwrap() {
        let timestamp = raw.timestamp;
        let record_size = raw.record_size;
        let body = raw.body.as_slice().into_owned();
        let rec = match raw.parse().unwrap() {
            JitDumpRecord::CodeLoad(r) => Rec::Load {
                pid: r.pid,
                vma: r.vma,
                code_addr: r.code_addr,
                code_index: r.code_index,
                name: r.function_name.as_slice().into_owned(),
                code: r.code_bytes.as_slice().into_owned(),
            },
            JitDumpRecord::CodeDebugInfo(r) => Rec::Debug {
                code_addr: r.code_addr,
                entries: r
                    .entries
                    .iter()
                    .map(|e| {
                        (
                            e.code_addr,
                            e.line,
                            e.column,
                            e.file_path.as_slice().into_owned(),
                        )
                    })
                    .collect(),
            },
            JitDumpRecord::CodeUnwindingInfo(r) => {
                let mut data = r.eh_frame_hdr.as_slice().into_owned();
                data.extend_from_slice(&r.eh_frame.as_slice());
                Rec::Unwind {
                    mapped_size: r.mapped_size,
                    body,
                    data,
                    record_size,
                }
            }
            JitDumpRecord::CodeClose => Rec::Close,
            other => panic!("unexpected record {other:?}"),
        };
        records.push((timestamp, rec));
    }
    (header, records)
}

#[test]
fn dump_round_trips_through_linux_perf_data() {
    let dir = TempDir::new("jit-roundtrip");
    let code_a: Vec<u8> = (0u8..=0x2f).collect();
    let code_b = [0xc3u8; 5];
    let eh_frame = [0x11u8; 21];
    let eh_frame_hdr = [0x22u8; 12];
    let lines = [
        LineEntry {
            offset: 0x10,
            file: "fib.py",
            line: 4,
        },
        // Out of order on purpose: the writer sorts by offset.
        LineEntry {
            offset: 0,
            file: "fib.py",
            line: 3,
        },
    ];
    let path;
    {
        let mut dump = JitDump::create_in(dir.path(), PID, ElfMachine::X86_64).unwrap();
        path = dump.path().to_path_buf();
        assert_eq!(path, dir.path().join(format!("jit-{PID}.dump")));
        let first = dump
            .write_code_load(&CodeLoad {
                name: "trace#0 fib.py:3",
                code_addr: 0x7f00_0000_1000,
                code: &code_a,
                lines: &lines,
                unwind: Some(UnwindInfo {
                    eh_frame: &eh_frame,
                    eh_frame_hdr: &eh_frame_hdr,
                    mapped_size: 0,
                }),
            })
            .unwrap();
        let second = dump
            .write_code_load(&CodeLoad {
                name: "stub",
                code_addr: 0x7f00_0000_2000,
                code: &code_b,
                lines: &[],
                unwind: None,
            })
            .unwrap();
        assert_eq!((first, second), (0, 1));
        // Dropped here: JIT_CODE_CLOSE.
    }

    let (header, records) = read_all(&path);
    assert_eq!(header.version, 1);
    assert_eq!(header.total_size, 40);
    assert_eq!(header.elf_machine_arch, 62);
    assert_eq!(header.pid, PID);
    assert_eq!(
        header.flags, 0,
        "JITDUMP_FLAGS_ARCH_TIMESTAMP must be clear"
    );
    assert_eq!(u32::from_ne_bytes(header.magic), 0x4A69_5444);

    let kinds: Vec<&str> = records
        .iter()
        .map(|(_, r)| match r {
            Rec::Load { .. } => "load",
            Rec::Debug { .. } => "debug",
            Rec::Unwind { .. } => "unwind",
            Rec::Close => "close",
        })
        .collect();
    assert_eq!(kinds, ["debug", "unwind", "load", "load", "close"]);
    let stamps: Vec<u64> = records.iter().map(|(t, _)| *t).collect();
    assert!(stamps.windows(2).all(|w| w[0] <= w[1]), "{stamps:?}");
    assert!(header.timestamp <= stamps[0]);

    let Rec::Debug { code_addr, entries } = &records[0].1 else {
        unreachable!()
    };
    assert_eq!(*code_addr, 0x7f00_0000_1000);
    assert_eq!(
        entries,
        &[
            (0x7f00_0000_1000, 3, 0, b"fib.py".to_vec()),
            (0x7f00_0000_1010, 4, 0, b"fib.py".to_vec()),
            // The closing entry at the code end.
            (0x7f00_0000_1030, 4, 0, b"fib.py".to_vec()),
        ]
    );

    let Rec::Unwind {
        mapped_size,
        body,
        data,
        record_size,
    } = &records[1].1
    else {
        unreachable!()
    };
    assert_eq!(*mapped_size, 0);
    let field = |i: usize| u64::from_ne_bytes(body[i * 8..i * 8 + 8].try_into().unwrap());
    assert_eq!(field(0), 33, "unwind_data_size");
    assert_eq!(field(1), 12, "eh_frame_hdr_size");
    assert_eq!(field(2), 0, "mapped_size");
    // perf's genelf reads `.eh_frame` first, `.eh_frame_hdr` last. linux-perf-data 0.13 splits
    // the hdr off the front instead, so compare the whole payload, which both agree on.
    let mut expected = eh_frame.to_vec();
    expected.extend_from_slice(&eh_frame_hdr);
    assert_eq!(data, &expected);
    assert_eq!(&body[24..24 + 33], &expected[..]);
    assert_eq!(*record_size % 8, 0, "unwinding record padded to 8");
    assert_eq!(*record_size as usize, 16 + 24 + 40);

    let Rec::Load {
        pid,
        vma,
        code_addr,
        code_index,
        name,
        code,
    } = &records[2].1
    else {
        unreachable!()
    };
    assert_eq!(
        (*pid, *vma, *code_addr, *code_index),
        (PID, 0x7f00_0000_1000, 0x7f00_0000_1000, 0)
    );
    assert_eq!(name, b"trace#0 fib.py:3");
    assert_eq!(code, &code_a);

    let Rec::Load {
        code_index,
        name,
        code,
        ..
    } = &records[3].1
    else {
        unreachable!()
    };
    assert_eq!(*code_index, 1);
    assert_eq!(name, b"stub");
    assert_eq!(code, &code_b);
}

#[test]
fn record_ids_match_the_spec() {
    assert_eq!(JitDumpRecordType::JIT_CODE_LOAD.0, JIT_CODE_LOAD);
    assert_eq!(
        JitDumpRecordType::JIT_CODE_DEBUG_INFO.0,
        JIT_CODE_DEBUG_INFO
    );
    assert_eq!(
        JitDumpRecordType::JIT_CODE_UNWINDING_INFO.0,
        JIT_CODE_UNWINDING_INFO
    );
    assert_eq!(ElfMachine::Aarch64.code(), 183);
}

#[test]
fn explicit_close_writes_one_close_record() {
    let dir = TempDir::new("jit-close");
    let dump = JitDump::create_in(dir.path(), PID, ElfMachine::Aarch64).unwrap();
    let path = dump.path().to_path_buf();
    dump.close().unwrap();
    let (header, records) = read_all(&path);
    assert_eq!(header.elf_machine_arch, 183);
    assert!(
        matches!(records.as_slice(), [(_, Rec::Close)]),
        "{records:?}"
    );
}

/// The dump's path as it appears in `/proc/self/maps` with permissions `r-xp`.
fn exec_mapped(path: &std::path::Path) -> bool {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let path = path.to_str().unwrap();
    maps.lines()
        .any(|line| line.ends_with(path) && line.split_whitespace().nth(1) == Some("r-xp"))
}

#[test]
fn dump_is_mapped_exec_while_alive_and_unmapped_after() {
    let dir = TempDir::new("jit-mmap");
    let dump = JitDump::create_in(dir.path(), PID, ElfMachine::X86_64).unwrap();
    let path = dump.path().to_path_buf();
    assert!(exec_mapped(&path), "perf finds the dump via an r-x mapping");
    drop(dump);
    assert!(!exec_mapped(&path));
}

#[test]
fn line_past_code_end_is_rejected() {
    let dir = TempDir::new("jit-lines");
    let mut dump = JitDump::create_in(dir.path(), PID, ElfMachine::X86_64).unwrap();
    let err = dump
        .write_code_load(&CodeLoad {
            name: "t",
            code_addr: 0x1000,
            code: &[0x90; 4],
            lines: &[LineEntry {
                offset: 5,
                file: "x.py",
                line: 1,
            }],
            unwind: None,
        })
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::LineOutOfRange {
                offset: 5,
                code_size: 4
            }
        ),
        "{err}"
    );
}

#[test]
fn dump_file_is_mode_0600() {
    let dir = TempDir::new("jit-mode");
    let dump = JitDump::create_in(dir.path(), PID, ElfMachine::X86_64).unwrap();
    let mode = std::fs::metadata(dump.path()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn planted_symlink_is_refused_not_followed() {
    let dir = TempDir::new("jit-symlink");
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    symlink(&victim, dir.path().join(format!("jit-{PID}.dump"))).unwrap();
    let err = JitDump::create_in(dir.path(), PID, ElfMachine::X86_64)
        .err()
        .expect("must refuse");
    assert!(matches!(err, Error::NotOurs { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}
