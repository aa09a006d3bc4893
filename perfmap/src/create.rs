//! Safe creation of a fresh, private file in a shared directory such as `/tmp`.
//!
//! The file is opened with `O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC` and mode 0600, so a
//! symlink planted at the path is never followed and no existing file is ever truncated. If
//! the path is taken by a *regular file owned by our effective uid* (a leftover from an earlier
//! process that had the same pid), it is unlinked and creation retried once; anything else is
//! [`Error::NotOurs`].
//!
//! Known race, stated openly: between the `lstat` that judges the leftover and the `unlink`,
//! another process could replace it. `unlink` removes the directory entry itself (never a
//! symlink's target), and the retry is `O_EXCL` again, so the worst outcome is an error, not a
//! write through someone else's link. In a sticky directory (`/tmp`) only the owner can do that
//! replacement anyway.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

use crate::error::{Error, Result};

/// Creates `path` exclusively, mode 0600, readable and writable.
pub(crate) fn create_private(path: &Path) -> Result<File> {
    match open_new(path) {
        Ok(file) => return Ok(file),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(source) => return Err(create_error(path, source)),
    }
    let meta = std::fs::symlink_metadata(path).map_err(|source| create_error(path, source))?;
    let ty = meta.file_type();
    // SAFETY: `geteuid` has no preconditions and cannot fail.
    let euid = unsafe { libc::geteuid() };
    let found = if ty.is_symlink() {
        Some("a symbolic link".to_string())
    } else if !ty.is_file() {
        Some("not a regular file".to_string())
    } else if meta.uid() != euid {
        Some(format!("a file owned by uid {}", meta.uid()))
    } else {
        None
    };
    if let Some(found) = found {
        return Err(Error::NotOurs {
            path: path.to_path_buf(),
            found,
        });
    }
    std::fs::remove_file(path).map_err(|source| create_error(path, source))?;
    open_new(path).map_err(|source| create_error(path, source))
}

fn open_new(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

fn create_error(path: &Path, source: io::Error) -> Error {
    Error::Create {
        path: path.to_path_buf(),
        source,
    }
}
