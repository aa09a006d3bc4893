//! Address → name for the three kinds of code a sample can land in: trace code (line tables
//! from the GDB JIT symfiles, read out of the target's memory and parsed with `object` +
//! `addr2line`), interpreted-frame trampolines (named in `/tmp/perf-PID.map` when the target runs
//! with `--perf=map`), and the VM binary itself (`addr2line` on `/proc/PID/exe`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use object::{Object, ObjectSection, ObjectSymbol};

/// Address ranges `[start, end)` with a value, looked up by any address inside.
#[derive(Debug, Clone)]
pub struct Ranges<T> {
    map: BTreeMap<u64, (u64, T)>,
}

impl<T> Default for Ranges<T> {
    fn default() -> Self {
        Ranges {
            map: BTreeMap::new(),
        }
    }
}

impl<T> Ranges<T> {
    pub fn insert(&mut self, start: u64, end: u64, value: T) {
        self.map.insert(start, (end, value));
    }

    pub fn get(&self, addr: u64) -> Option<&T> {
        let (_, (end, v)) = self.map.range(..=addr).next_back()?;
        (addr < *end).then_some(v)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }
}

/// Script lines of JIT code, from the symfiles on GDB's JIT list. Symfiles never change once
/// registered (batches are replaced by new symfiles), so each is parsed once.
#[derive(Default)]
pub struct JitLines {
    parsed: HashSet<(u64, u64)>,
    rows: Ranges<u32>,
}

impl JitLines {
    /// Most bytes one symfile may have (larger sizes are garbage).
    pub const MAX_SYMFILE: u64 = 64 << 20;

    /// Whether the symfile at `key` (address, size) still has to be parsed.
    pub fn wants(&self, key: (u64, u64)) -> bool {
        !self.parsed.contains(&key) && key.1 <= Self::MAX_SYMFILE
    }

    /// Adds the line rows of a symfile's every function; a symfile that does not parse is
    /// remembered and skipped (its code is then shown at its header line).
    pub fn add(&mut self, key: (u64, u64), bytes: &[u8]) {
        self.parsed.insert(key);
        let _ = self.parse(bytes);
    }

    fn parse(&mut self, bytes: &[u8]) -> Option<()> {
        let file = object::File::parse(bytes).ok()?;
        let endian = if file.is_little_endian() {
            gimli::RunTimeEndian::Little
        } else {
            gimli::RunTimeEndian::Big
        };
        let load = |id: gimli::SectionId| -> Result<gimli::EndianSlice<'_, gimli::RunTimeEndian>, gimli::Error> {
            let data = file
                .section_by_name(id.name())
                .and_then(|s| s.data().ok())
                .unwrap_or(&[]);
            Ok(gimli::EndianSlice::new(data, endian))
        };
        let dwarf = gimli::Dwarf::load(load).ok()?;
        let ctx = addr2line::Context::from_dwarf(dwarf).ok()?;
        for sym in file.symbols() {
            let (lo, size) = (sym.address(), sym.size());
            if size == 0 {
                continue;
            }
            if let Ok(iter) = ctx.find_location_range(lo, lo + size) {
                for (addr, len, loc) in iter {
                    if let Some(line) = loc.line {
                        self.rows.insert(addr, addr + len, line);
                    }
                }
            }
        }
        Some(())
    }

    /// The script line of JIT code at `addr`, if a symfile says.
    pub fn line(&self, addr: u64) -> Option<u32> {
        self.rows.get(addr).copied()
    }

    pub fn symfiles(&self) -> usize {
        self.parsed.len()
    }
}

/// `/tmp/perf-PID.map`, read incrementally (lucent appends one line per piece of code).
pub struct PerfMap {
    path: PathBuf,
    offset: u64,
    pending: String,
    pub entries: Ranges<String>,
}

impl PerfMap {
    pub fn new(pid: u32) -> PerfMap {
        PerfMap::at(Path::new(&format!("/tmp/perf-{pid}.map")))
    }

    pub fn at(path: &Path) -> PerfMap {
        PerfMap {
            path: path.to_path_buf(),
            offset: 0,
            pending: String::new(),
            entries: Ranges::default(),
        }
    }

    /// Reads what was appended since the last call (a missing file is an empty map).
    pub fn refresh(&mut self) {
        let Ok(mut f) = std::fs::File::open(&self.path) else {
            return;
        };
        if f.seek(SeekFrom::Start(self.offset)).is_err() {
            return;
        }
        let mut text = String::new();
        let Ok(n) = f.take(16 << 20).read_to_string(&mut text) else {
            return;
        };
        self.offset += n as u64;
        self.pending.push_str(&text);
        let complete = self.pending.rfind('\n').map_or(0, |i| i + 1);
        let lines: String = self.pending.drain(..complete).collect();
        for line in lines.lines() {
            if let Some((start, size, name)) = parse_perf_map_line(line) {
                self.entries.insert(start, start + size, name.to_string());
            }
        }
    }
}

/// `START SIZE NAME` in hex, as perf reads it.
pub fn parse_perf_map_line(line: &str) -> Option<(u64, u64, &str)> {
    let mut f = line.splitn(3, ' ');
    let start = u64::from_str_radix(f.next()?.trim_start_matches("0x"), 16).ok()?;
    let size = u64::from_str_radix(f.next()?.trim_start_matches("0x"), 16).ok()?;
    Some((start, size, f.next()?.trim_end()))
}

/// Native symbols of the VM binary (`addr2line` on `/proc/PID/exe`), cached per address.
pub struct Native {
    loader: Option<addr2line::Loader>,
    bias: u64,
    /// Mapped range of the executable (outside it an address is in a library or unknown).
    range: (u64, u64),
    cache: HashMap<u64, Option<String>>,
}

impl Native {
    /// `exe` mapped with load bias `bias` over `range`.
    pub fn new(exe: &Path, bias: u64, range: (u64, u64)) -> Native {
        Native {
            loader: addr2line::Loader::new(exe).ok(),
            bias,
            range,
            cache: HashMap::new(),
        }
    }

    /// No binary (tests, or the executable cannot be read).
    pub fn none() -> Native {
        Native {
            loader: None,
            bias: 0,
            range: (0, 0),
            cache: HashMap::new(),
        }
    }

    /// The demangled symbol at `addr` (hash suffix dropped), if it is in the VM binary.
    pub fn symbol(&mut self, addr: u64) -> Option<String> {
        if addr < self.range.0 || addr >= self.range.1 {
            return None;
        }
        if let Some(s) = self.cache.get(&addr) {
            return s.clone();
        }
        let name = self.loader.as_ref().and_then(|l| {
            l.find_symbol(addr.wrapping_sub(self.bias))
                .map(|s| format!("{:#}", rustc_demangle::demangle(s)))
        });
        if self.cache.len() > 200_000 {
            self.cache.clear();
        }
        self.cache.insert(addr, name.clone());
        name
    }
}

/// The executable's mapped range and load bias from `/proc/PID/maps`.
pub fn exe_mapping(maps: &str, exe: &str) -> Option<(u64, u64, u64)> {
    let mut lo = u64::MAX;
    let mut hi = 0;
    let mut base = None;
    for line in maps.lines() {
        // address perms offset dev inode path — the path may hold spaces (" (deleted)").
        let mut f = line.splitn(6, ' ');
        let (Some(range), Some(_), Some(offset), Some(_), Some(_), Some(path)) =
            (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            continue;
        };
        if path.trim_start() != exe {
            continue;
        }
        let Some((a, b)) = range.split_once('-') else {
            continue;
        };
        let (a, b) = (
            u64::from_str_radix(a, 16).ok()?,
            u64::from_str_radix(b, 16).ok()?,
        );
        lo = lo.min(a);
        hi = hi.max(b);
        if offset.chars().all(|c| c == '0') {
            base.get_or_insert(a);
        }
    }
    Some((base?, lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exe_mapping_is_base_and_extent() {
        let maps = "\
55d0c0000000-55d0c0100000 r--p 00000000 08:01 123 /usr/bin/lucent
55d0c0100000-55d0c0400000 r-xp 00100000 08:01 123 /usr/bin/lucent
7f0000000000-7f0000001000 r--p 00000000 08:01 9 /usr/lib/libc.so.6
";
        assert_eq!(
            exe_mapping(maps, "/usr/bin/lucent"),
            Some((0x55d0c0000000, 0x55d0c0000000, 0x55d0c0400000))
        );
        assert_eq!(exe_mapping(maps, "/usr/bin/other"), None);
        // A rebuilt binary: the running process maps the deleted file.
        let deleted = "7f00-7f10 r--p 00000000 08:01 5                 /w/lucent (deleted)\n";
        assert_eq!(
            exe_mapping(deleted, "/w/lucent (deleted)"),
            Some((0x7f00, 0x7f00, 0x7f10))
        );
    }

    #[test]
    fn ranges_find_the_enclosing_entry() {
        let mut r = Ranges::default();
        r.insert(0x1000, 0x1010, "a");
        r.insert(0x2000, 0x2100, "b");
        assert_eq!(r.get(0x1000), Some(&"a"));
        assert_eq!(r.get(0x100f), Some(&"a"));
        assert_eq!(r.get(0x1010), None);
        assert_eq!(r.get(0x20ff), Some(&"b"));
        assert_eq!(r.get(0xfff), None);
    }

    #[test]
    fn perf_map_lines_parse_as_perf_parses_them() {
        assert_eq!(
            parse_perf_map_line("7f0012340000 1a0 py::work:hot.py:7"),
            Some((0x7f0012340000, 0x1a0, "py::work:hot.py:7"))
        );
        assert_eq!(
            parse_perf_map_line("0x10 0x20 name with spaces"),
            Some((0x10, 0x20, "name with spaces"))
        );
        assert_eq!(parse_perf_map_line("garbage"), None);
    }

    #[test]
    fn perf_map_is_read_incrementally() {
        let dir = std::env::temp_dir().join(format!("lucent-tui-map-{}", std::process::id()));
        std::fs::write(&dir, "1000 10 py::a:x.py:1\n2000 10 py::b:x").unwrap();
        let mut map = PerfMap::at(&dir);
        map.refresh();
        assert_eq!(map.entries.len(), 1);
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().append(true).open(&dir).unwrap();
        writeln!(f, ".py:5").unwrap();
        map.refresh();
        let _ = std::fs::remove_file(&dir);
        assert_eq!(
            map.entries.get(0x2005).map(String::as_str),
            Some("py::b:x.py:5")
        );
    }
}
