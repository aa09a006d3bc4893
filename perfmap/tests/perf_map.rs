//! The perf map read back the way perf parses it, plus the file-safety rules.

mod common;

use std::os::unix::fs::{symlink, PermissionsExt};

use common::TempDir;
use lucent_perfmap::{Error, PerfMap};

/// perf's reader (`util/symbol.c` `dso__load_perf_map` / `read_perf_map`): hex start, one
/// space, hex size, one space, the rest of the line is the name.
fn parse_perf_map(text: &str) -> Vec<(u64, u64, String)> {
    text.lines()
        .map(|line| {
            let (start, rest) = line.split_once(' ').expect("start field");
            let (size, name) = rest.split_once(' ').expect("size field");
            (
                u64::from_str_radix(start, 16).expect("hex start"),
                u64::from_str_radix(size, 16).expect("hex size"),
                name.to_string(),
            )
        })
        .collect()
}

#[test]
fn entries_round_trip_through_perf_parser() {
    let dir = TempDir::new("map-roundtrip");
    let mut map = PerfMap::create_in(dir.path(), 4242).unwrap();
    assert_eq!(map.path(), dir.path().join("perf-4242.map"));
    map.add(0x7f00_dead_b000, 0x1a0, "trace#1 loop at fib.py:3")
        .unwrap();
    map.add(0x7f00_dead_c000, 0x8, "stub").unwrap();
    // Written through after each `add`, before the map is dropped.
    let text = std::fs::read_to_string(map.path()).unwrap();
    assert!(text.ends_with('\n'));
    assert!(!text.contains("0x"), "perf wants bare hex: {text:?}");
    assert_eq!(
        parse_perf_map(&text),
        vec![
            (
                0x7f00_dead_b000,
                0x1a0,
                "trace#1 loop at fib.py:3".to_string()
            ),
            (0x7f00_dead_c000, 0x8, "stub".to_string()),
        ]
    );
}

#[test]
fn newline_in_name_is_rejected() {
    let dir = TempDir::new("map-newline");
    let mut map = PerfMap::create_in(dir.path(), 1).unwrap();
    let err = map.add(0x1000, 0x10, "evil\n1000 10 fake").unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadName {
                forbidden: '\n',
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(map.path()).unwrap(), "");
}

#[test]
fn map_file_is_mode_0600() {
    let dir = TempDir::new("map-mode");
    let map = PerfMap::create_in(dir.path(), 7).unwrap();
    let mode = std::fs::metadata(map.path()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn planted_symlink_is_refused_not_followed() {
    let dir = TempDir::new("map-symlink");
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let target = dir.path().join("perf-99.map");
    symlink(&victim, &target).unwrap();

    let err = PerfMap::create_in(dir.path(), 99)
        .err()
        .expect("must refuse");
    assert!(matches!(err, Error::NotOurs { .. }), "{err}");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::symlink_metadata(&target)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn dangling_symlink_is_refused_and_creates_nothing() {
    let dir = TempDir::new("map-dangling");
    let victim = dir.path().join("would-be-created");
    symlink(&victim, dir.path().join("perf-5.map")).unwrap();
    let err = PerfMap::create_in(dir.path(), 5)
        .err()
        .expect("must refuse");
    assert!(matches!(err, Error::NotOurs { .. }), "{err}");
    assert!(!victim.exists());
}

#[test]
fn directory_at_path_is_refused() {
    let dir = TempDir::new("map-dir");
    std::fs::create_dir(dir.path().join("perf-6.map")).unwrap();
    let err = PerfMap::create_in(dir.path(), 6)
        .err()
        .expect("must refuse");
    assert!(matches!(err, Error::NotOurs { .. }), "{err}");
}

#[test]
fn stale_map_of_our_own_is_replaced() {
    let dir = TempDir::new("map-stale");
    let path = dir.path().join("perf-8.map");
    std::fs::write(&path, "1000 10 old_process_symbol\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut map = PerfMap::create_in(dir.path(), 8).unwrap();
    map.add(0x2000, 0x20, "fresh").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "2000 20 fresh\n");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn missing_directory_says_what_to_check() {
    let dir = TempDir::new("map-missing");
    let err = PerfMap::create_in(&dir.path().join("nope"), 1)
        .err()
        .expect("must fail");
    assert!(matches!(err, Error::Create { .. }), "{err}");
    assert!(err.to_string().contains("directory exists"), "{err}");
}
