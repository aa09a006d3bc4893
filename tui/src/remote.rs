//! The target process from outside: its memory through `process_vm_readv`, and its `/proc`
//! files. Every read is bounded (no length comes from the target unchecked) and fails with a
//! typed error instead of trusting what it finds.

use std::fs;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// The most bytes one read may ask for: lengths come from the target's memory, which may hold
/// garbage; anything longer is refused before any allocation.
pub const MAX_READ: usize = 64 << 20;

/// Ranges per `process_vm_readv` in [`Process::read_many`] (the kernel's `UIO_MAXIOV` is 1024).
pub const BATCH: usize = 1024;

/// A process we read from.
#[derive(Debug, Clone)]
pub struct Process {
    pub pid: u32,
}

impl Process {
    /// The process `pid`, if it exists now.
    pub fn new(pid: u32) -> Result<Process> {
        let p = Process { pid };
        if !p.alive() {
            return Err(Error::NoProcess { pid });
        }
        Ok(p)
    }

    /// Whether the process still exists and is not a zombie.
    pub fn alive(&self) -> bool {
        match fs::read_to_string(format!("/proc/{}/stat", self.pid)) {
            Ok(stat) => {
                // The state follows the command name in parentheses (which may contain spaces).
                let state = stat
                    .rsplit(')')
                    .next()
                    .and_then(|r| r.split_whitespace().next());
                !matches!(state, Some("Z" | "X" | "x") | None)
            }
            Err(_) => false,
        }
    }

    /// The command name (`/proc/PID/comm`).
    pub fn comm(&self) -> String {
        fs::read_to_string(format!("/proc/{}/comm", self.pid))
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|_| "?".into())
    }

    /// `/proc/PID/exe` (readable even when the file was deleted or replaced).
    pub fn exe(&self) -> PathBuf {
        PathBuf::from(format!("/proc/{}/exe", self.pid))
    }

    /// The thread ids (`/proc/PID/task`).
    pub fn threads(&self) -> Vec<u32> {
        let Ok(dir) = fs::read_dir(format!("/proc/{}/task", self.pid)) else {
            return Vec::new();
        };
        let mut tids: Vec<u32> = dir
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .collect();
        tids.sort_unstable();
        tids
    }

    /// The process's working directory (relative script paths are relative to it).
    pub fn cwd(&self) -> Option<PathBuf> {
        fs::read_link(format!("/proc/{}/cwd", self.pid)).ok()
    }

    /// `(base, start, end)`: the address the executable's file offset 0 is mapped at
    /// (`/proc/PID/maps`), and the range its mappings cover. lucent is a PIE, so its symbols'
    /// addresses are the base plus their link-time value minus the first segment's.
    pub fn exe_base(&self) -> Result<(u64, u64, u64)> {
        let path = PathBuf::from(format!("/proc/{}/maps", self.pid));
        let maps = fs::read_to_string(&path).map_err(|source| self.file_error(path, source))?;
        let exe =
            fs::read_link(self.exe()).map_err(|source| self.file_error(self.exe(), source))?;
        let exe = exe.to_string_lossy().into_owned();
        crate::symbols::exe_mapping(&maps, &exe).ok_or_else(|| Error::Garbage {
            pid: self.pid,
            addr: 0,
            what: format!(
                "no mapping of {exe} at file offset 0 in /proc/{}/maps",
                self.pid
            ),
        })
    }

    fn file_error(&self, path: PathBuf, source: std::io::Error) -> Error {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::Exited { pid: self.pid }
        } else if source.kind() == std::io::ErrorKind::PermissionDenied {
            Error::Ptrace {
                pid: self.pid,
                source,
            }
        } else {
            Error::File { path, source }
        }
    }

    /// Reads `len` bytes at `addr` of the target.
    pub fn read(&self, addr: u64, len: usize) -> Result<Vec<u8>> {
        if len > MAX_READ {
            return Err(Error::Garbage {
                pid: self.pid,
                addr,
                what: format!("a length of {len} bytes"),
            });
        }
        let mut buf = vec![0u8; len];
        if len == 0 {
            return Ok(buf);
        }
        let local = libc::iovec {
            iov_base: buf.as_mut_ptr().cast(),
            iov_len: len,
        };
        let remote = libc::iovec {
            iov_base: addr as usize as *mut libc::c_void,
            iov_len: len,
        };
        // SAFETY: `local` describes `buf`, which is live, writable and `len` bytes long for the
        // whole call; the remote iovec is only an address in the other process, which the kernel
        // checks (an unmapped range fails with EFAULT, it is never dereferenced here).
        let n =
            unsafe { libc::process_vm_readv(self.pid as libc::pid_t, &local, 1, &remote, 1, 0) };
        if n < 0 {
            let source = std::io::Error::last_os_error();
            return Err(match source.raw_os_error() {
                Some(libc::ESRCH) => Error::Exited { pid: self.pid },
                Some(libc::ENOSYS) => Error::NoCrossMemory { pid: self.pid },
                Some(libc::EPERM) => Error::Ptrace {
                    pid: self.pid,
                    source,
                },
                _ => Error::Read {
                    pid: self.pid,
                    addr,
                    len,
                    source,
                },
            });
        }
        if n as usize != len {
            return Err(Error::Read {
                pid: self.pid,
                addr,
                len,
                source: std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!("short read ({n} bytes)"),
                ),
            });
        }
        Ok(buf)
    }

    /// Reads many `(address, length)` ranges with as few system calls as possible (up to
    /// [`BATCH`] ranges per `process_vm_readv`): the table's counters are re-read at every tick,
    /// and 10,000 traces must not cost 30,000 system calls. If a batch comes back short, its
    /// ranges are read one by one so the error names the range that failed.
    pub fn read_many(&self, ranges: &[(u64, usize)]) -> Result<Vec<Vec<u8>>> {
        let mut out: Vec<Vec<u8>> = Vec::with_capacity(ranges.len());
        for batch in ranges.chunks(BATCH) {
            let total: usize = batch.iter().map(|r| r.1).sum();
            if total > MAX_READ || batch.iter().any(|r| r.1 > MAX_READ) {
                for &(addr, len) in batch {
                    out.push(self.read(addr, len)?);
                }
                continue;
            }
            let mut bufs: Vec<Vec<u8>> = batch.iter().map(|r| vec![0u8; r.1]).collect();
            let local: Vec<libc::iovec> = bufs
                .iter_mut()
                .map(|b| libc::iovec {
                    iov_base: b.as_mut_ptr().cast(),
                    iov_len: b.len(),
                })
                .collect();
            let remote: Vec<libc::iovec> = batch
                .iter()
                .map(|&(addr, len)| libc::iovec {
                    iov_base: addr as usize as *mut libc::c_void,
                    iov_len: len,
                })
                .collect();
            // SAFETY: every local iovec describes one of `bufs`' vectors, live and writable for
            // their whole length until the call returns (`bufs` is not touched meanwhile); the
            // remote iovecs are addresses in the other process, checked by the kernel.
            let n = unsafe {
                libc::process_vm_readv(
                    self.pid as libc::pid_t,
                    local.as_ptr(),
                    local.len() as libc::c_ulong,
                    remote.as_ptr(),
                    remote.len() as libc::c_ulong,
                    0,
                )
            };
            if n >= 0 && n as usize == total {
                out.extend(bufs);
            } else {
                for &(addr, len) in batch {
                    out.push(self.read(addr, len)?);
                }
            }
        }
        Ok(out)
    }

    /// Reads a UTF-8 string of at most `max` bytes (longer lengths are garbage).
    pub fn read_str(&self, addr: u64, len: u64, max: u64) -> Result<String> {
        if len > max {
            return Err(Error::Garbage {
                pid: self.pid,
                addr,
                what: format!("a string of {len} bytes"),
            });
        }
        let bytes = self.read(addr, len as usize)?;
        String::from_utf8(bytes).map_err(|_| Error::Garbage {
            pid: self.pid,
            addr,
            what: "a string that is not UTF-8".into(),
        })
    }
}

/// Little-endian field readers over a byte buffer read from the target (bounds checked by the
/// callers' fixed sizes).
pub fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_le_bytes(s.try_into().expect("4 bytes")))
}

/// See [`u32_at`].
pub fn u64_at(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 8)
        .map_or(0, |s| u64::from_le_bytes(s.try_into().expect("8 bytes")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_own_memory_and_refuses_garbage_lengths() {
        let me = Process::new(std::process::id()).expect("self");
        let data = *b"lucent monitor";
        let got = me.read(data.as_ptr() as u64, data.len()).expect("read");
        assert_eq!(got, data);
        assert!(matches!(me.read(8, 16), Err(Error::Read { .. })));
        let words: Vec<u64> = (0..3000).collect();
        let ranges: Vec<(u64, usize)> = (0..3000)
            .map(|i| (&words[i] as *const u64 as u64, 8))
            .collect();
        let got = me.read_many(&ranges).expect("batched");
        assert_eq!(got.len(), 3000);
        assert_eq!(u64_at(&got[2999], 0), 2999);
        let mut bad = ranges.clone();
        bad[1500] = (8, 8);
        assert!(matches!(
            me.read_many(&bad),
            Err(Error::Read { addr: 8, .. })
        ));
        assert!(matches!(
            me.read(8, MAX_READ + 1),
            Err(Error::Garbage { .. })
        ));
        assert!(matches!(
            me.read_str(data.as_ptr() as u64, 1 << 40, 4096),
            Err(Error::Garbage { .. })
        ));
    }
}
