//! `/tmp/perf-PID.map`: one text line `START SIZE name` per piece of JIT code.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::create::create_private;
use crate::error::{Error, Result};

/// A perf map being written. perf reads it when it resolves samples of the process, so entries
/// must be added before the code first runs and never removed while the process lives.
pub struct PerfMap {
    out: BufWriter<File>,
    path: PathBuf,
}

impl PerfMap {
    /// Creates `/tmp/perf-PID.map` for the current process.
    pub fn create() -> Result<PerfMap> {
        PerfMap::create_in(Path::new("/tmp"), std::process::id())
    }

    /// Creates `DIR/perf-PID.map` (mode 0600; see the crate docs for how an existing file is
    /// handled). perf only looks in `/tmp`, so other directories are for tests and copies.
    pub fn create_in(dir: &Path, pid: u32) -> Result<PerfMap> {
        let path = dir.join(format!("perf-{pid}.map"));
        let file = create_private(&path)?;
        Ok(PerfMap {
            out: BufWriter::new(file),
            path,
        })
    }

    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `START SIZE name` (both in hex without `0x`, as perf's `%lx %lx %s`-style parser
    /// expects) and flushes, so a crash leaves only complete lines. `name` may contain spaces
    /// (perf takes the rest of the line) but not a newline.
    pub fn add(&mut self, start: u64, size: u64, name: &str) -> Result<()> {
        if let Some(forbidden) = name.chars().find(|&c| c == '\n' || c == '\r') {
            return Err(Error::BadName {
                name: name.to_string(),
                forbidden,
            });
        }
        writeln!(self.out, "{start:x} {size:x} {name}")
            .and_then(|()| self.out.flush())
            .map_err(|source| Error::Write {
                path: self.path.clone(),
                source,
            })
    }
}
