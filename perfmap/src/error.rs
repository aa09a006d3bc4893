//! The crate's error type: one variant per way publishing to perf can fail.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Why a perf map or jitdump could not be created or written.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be created (missing directory, no permission, disk full...).
    Create {
        /// The file we tried to create.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
    /// Something already exists at the path and it is not a stale regular file of ours: a
    /// symlink, a directory, a device, or a file owned by another user. We never follow or
    /// remove it, because in a shared directory like `/tmp` that is how files get clobbered.
    NotOurs {
        /// The path that is taken.
        path: PathBuf,
        /// What we found there.
        found: String,
    },
    /// Writing a record or line failed.
    Write {
        /// The file being written.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
    /// Mapping the jitdump `PROT_READ | PROT_EXEC` failed. perf discovers the dump through
    /// that mapping, so without it `perf inject --jit` would never see the file.
    Mmap {
        /// The jitdump file.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
    /// A symbol or file name perf cannot represent: a perf map name must not contain a newline,
    /// jitdump strings must not contain NUL.
    BadName {
        /// The offending name.
        name: String,
        /// The character perf cannot take.
        forbidden: char,
    },
    /// A line-table offset lies beyond the end of the code it describes.
    LineOutOfRange {
        /// The entry's code offset.
        offset: u64,
        /// The code size.
        code_size: u64,
    },
    /// A record would exceed the 4 GiB that the jitdump `total_size` field (u32) can express.
    RecordTooLarge {
        /// The record's size in bytes.
        size: u64,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Create { path, source } => write!(
                f,
                "cannot create {}: {source}; check that the directory exists and is writable",
                path.display()
            ),
            Error::NotOurs { path, found } => write!(
                f,
                "refusing to use {}: it is {found}, not a stale file of ours; \
                 remove it by hand if it is safe to do so",
                path.display()
            ),
            Error::Write { path, source } => {
                write!(
                    f,
                    "cannot write {}: {source}; is the disk full?",
                    path.display()
                )
            }
            Error::Mmap { path, source } => write!(
                f,
                "cannot map {} readable and executable: {source}; perf finds jitdumps only \
                 through that mapping, so the directory must not be on a noexec mount",
                path.display()
            ),
            Error::BadName { name, forbidden } => write!(
                f,
                "name {name:?} contains {forbidden:?}, which perf cannot read back; \
                 strip it before publishing"
            ),
            Error::LineOutOfRange { offset, code_size } => write!(
                f,
                "line entry at code offset {offset:#x} is past the end of the code \
                 ({code_size:#x} bytes); this is a bug in the caller's line table"
            ),
            Error::RecordTooLarge { size } => write!(
                f,
                "jitdump record of {size} bytes exceeds the format's 4 GiB limit; \
                 split the code or drop its debug info"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Create { source, .. }
            | Error::Write { source, .. }
            | Error::Mmap { source, .. } => Some(source),
            _ => None,
        }
    }
}
