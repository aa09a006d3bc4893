//! Sampling the target's threads with `perf_event_open`: a software `cpu-clock` event per thread
//! (hardware counters may not exist, in VMs and containers), `PERF_SAMPLE_IP | TID | TIME |
//! CALLCHAIN`, read from each event's mmap ring buffer.
//!
//! The ring buffer protocol (perf_event_open(2), "MMAP layout"): the kernel writes records and
//! advances `data_head`; we read up to `data_head` (after an acquire fence), then store
//! `data_tail` (after a release fence) so the kernel may reuse the space. Records can wrap
//! around the end of the data area and are copied out before they are parsed. Records lost
//! because the buffer was full arrive as `PERF_RECORD_LOST` and are counted.

use std::collections::HashMap;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::atomic::{fence, Ordering};

use perf_event_open_sys::bindings as sys;

use crate::error::Error;

/// Data pages per thread's ring buffer (plus one header page): 128 KiB holds a 250 ms drain at
/// 1 kHz with deep stacks, and two threads stay under the default unprivileged mlock limit
/// (`kernel.perf_event_mlock_kb`, 516 KiB).
const DATA_PAGES: usize = 32;
/// Data pages at most, for rates above 1 kHz (scaled with the rate; if the kernel refuses to lock
/// that much, `DATA_PAGES` is used).
const MAX_DATA_PAGES: usize = 256;

/// Data pages for `hz` samples per second: 32 per kHz, a power of two (the kernel requires one).
fn data_pages(hz: u64) -> usize {
    ((hz.div_ceil(1000) as usize) * DATA_PAGES)
        .next_power_of_two()
        .clamp(DATA_PAGES, MAX_DATA_PAGES)
}
/// Most frames kept per sample: the kernel's default `kernel.perf_event_max_stack` (a larger
/// `sample_max_stack` fails with EOVERFLOW).
const MAX_STACK: usize = 127;

/// One sample: the thread, when (CLOCK_MONOTONIC, ns), and the user call chain, innermost
/// first (`ips[0]` is the sampled instruction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    pub tid: u32,
    pub time: u64,
    pub ips: Vec<u64>,
}

/// One thread's event and ring buffer; closing the fd and unmapping happen on drop.
struct Ring {
    fd: OwnedFd,
    base: *mut u8,
    len: usize,
    page: usize,
    /// Data pages after the header page.
    pages: usize,
}

impl Ring {
    fn open(tid: u32, period_ns: u64, kernel: bool, pages: usize) -> io::Result<Ring> {
        // SAFETY: `perf_event_attr` is a plain C struct for which all-zero bytes are valid (every
        // field is an integer, a bitfield or a union of integers).
        let mut attr: sys::perf_event_attr = unsafe { std::mem::zeroed() };
        attr.type_ = sys::PERF_TYPE_SOFTWARE;
        attr.size = std::mem::size_of::<sys::perf_event_attr>() as u32;
        attr.config = u64::from(sys::PERF_COUNT_SW_CPU_CLOCK);
        attr.__bindgen_anon_1.sample_period = period_ns;
        attr.sample_type = u64::from(
            sys::PERF_SAMPLE_IP
                | sys::PERF_SAMPLE_TID
                | sys::PERF_SAMPLE_TIME
                | sys::PERF_SAMPLE_CALLCHAIN,
        );
        attr.set_exclude_kernel(u64::from(!kernel));
        attr.set_exclude_callchain_kernel(u64::from(!kernel));
        attr.set_exclude_hv(1);
        attr.set_use_clockid(1);
        attr.clockid = libc::CLOCK_MONOTONIC;
        attr.__bindgen_anon_2.wakeup_events = 0;
        attr.sample_max_stack = MAX_STACK as u16;
        // SAFETY: `attr` is a fully initialised attribute struct that outlives the call; the
        // kernel only reads it (and may write back `size` on E2BIG).
        let fd = unsafe {
            perf_event_open_sys::perf_event_open(
                &mut attr,
                tid as libc::pid_t,
                -1,
                -1,
                libc::c_ulong::from(sys::PERF_FLAG_FD_CLOEXEC),
            )
        };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` was just returned by perf_event_open and is owned by nothing else.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        // SAFETY: sysconf has no memory preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize;
        let map = |pages: usize| {
            let len = page * (1 + pages);
            // SAFETY: mapping a perf event fd with a length of 1 + 2^n pages, shared and
            // read-write (so we can write `data_tail`), is the documented way to get its ring
            // buffer; the mapping is owned by the returned `Ring` and unmapped in its `Drop`.
            let base = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    len,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_SHARED,
                    fd.as_raw_fd(),
                    0,
                )
            };
            (base != libc::MAP_FAILED).then_some((base, len, pages))
        };
        let Some((base, len, pages)) = map(pages).or_else(|| map(DATA_PAGES)) else {
            return Err(io::Error::last_os_error());
        };
        Ok(Ring {
            fd,
            base: base.cast(),
            len,
            page,
            pages,
        })
    }

    /// Copies out every complete record and frees their space; returns `(samples, lost)`.
    fn drain(&mut self, out: &mut Vec<Sample>) -> u64 {
        let meta = self.base.cast::<sys::perf_event_mmap_page>();
        // SAFETY: `meta` is the first page of our live mapping, a `perf_event_mmap_page` the
        // kernel keeps updating: `data_head` is read volatile and followed by an acquire fence
        // (the protocol's smp_rmb) so the data it covers is visible.
        let head = unsafe { std::ptr::addr_of!((*meta).data_head).read_volatile() };
        fence(Ordering::Acquire);
        // SAFETY: as above; only we write `data_tail`.
        let mut tail = unsafe { std::ptr::addr_of!((*meta).data_tail).read_volatile() };
        let size = (self.pages * self.page) as u64;
        // SAFETY: the data area starts one page into the mapping and is `size` bytes long.
        let data = unsafe { std::slice::from_raw_parts(self.base.add(self.page), size as usize) };
        let mut lost = 0;
        let mut record = Vec::new();
        while tail + 8 <= head {
            let copy = |at: u64, n: usize, buf: &mut Vec<u8>| {
                buf.clear();
                for k in 0..n as u64 {
                    buf.push(data[((at + k) % size) as usize]);
                }
            };
            copy(tail, 8, &mut record);
            let kind = u32::from_le_bytes(record[0..4].try_into().expect("4"));
            let len = u16::from_le_bytes(record[6..8].try_into().expect("2")) as u64;
            if len < 8 || tail + len > head {
                break;
            }
            copy(tail, len as usize, &mut record);
            match kind {
                sys::PERF_RECORD_SAMPLE => {
                    if let Some(s) = parse_sample(&record[8..]) {
                        out.push(s);
                    }
                }
                sys::PERF_RECORD_LOST => lost += u64_le(&record, 16).unwrap_or(0),
                _ => {}
            }
            tail += len;
        }
        fence(Ordering::Release);
        // SAFETY: see above; storing `data_tail` after the release fence hands the space back.
        unsafe { std::ptr::addr_of_mut!((*meta).data_tail).write_volatile(tail) };
        lost
    }
}

impl Drop for Ring {
    fn drop(&mut self) {
        // SAFETY: `base`/`len` is the mapping made in `open`, unmapped exactly once here; the fd
        // is closed afterwards by `OwnedFd`.
        unsafe { libc::munmap(self.base.cast(), self.len) };
        let _ = &self.fd;
    }
}

// SAFETY: the mapping is owned by the Ring and only touched through `&mut self`.
unsafe impl Send for Ring {}

fn u64_le(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Parses a `PERF_RECORD_SAMPLE` body with `IP | TID | TIME | CALLCHAIN`: ip, pid/tid, time,
/// nr, ips[nr]. Context markers (`PERF_CONTEXT_*`, the top 4095 values) are dropped; the
/// sampled IP leads the chain.
pub fn parse_sample(b: &[u8]) -> Option<Sample> {
    let ip = u64_le(b, 0)?;
    let tid = u32::from_le_bytes(b.get(12..16)?.try_into().ok()?);
    let time = u64_le(b, 16)?;
    let nr = u64_le(b, 24)?.min(MAX_STACK as u64 + 8) as usize;
    let mut ips = vec![ip];
    for k in 0..nr {
        let a = u64_le(b, 32 + 8 * k)?;
        if a >= 0u64.wrapping_sub(4095) {
            continue;
        }
        if ips.len() == 1 && a == ip {
            continue;
        }
        ips.push(a);
    }
    Some(Sample { tid, time, ips })
}

/// Samples every thread of a process.
pub struct Sampler {
    pid: u32,
    period_ns: u64,
    kernel: bool,
    pages: usize,
    rings: HashMap<u32, Ring>,
    pub lost: u64,
}

impl Sampler {
    /// Opens an event on each of `tids` at `hz` samples per second of CPU time. Fails when the
    /// kernel refuses (with the sysctl or capability to change) or cannot sample at all.
    pub fn open(pid: u32, tids: &[u32], hz: u64, kernel: bool) -> Result<Sampler, Error> {
        let mut s = Sampler {
            pid,
            period_ns: 1_000_000_000 / hz.max(1),
            kernel,
            pages: data_pages(hz),
            rings: HashMap::new(),
            lost: 0,
        };
        s.add_threads(tids)?;
        Ok(s)
    }

    /// Opens events on threads not yet sampled (threads that are gone are skipped).
    pub fn add_threads(&mut self, tids: &[u32]) -> Result<(), Error> {
        let mut opened_any = !self.rings.is_empty();
        let mut first_err = None;
        for &tid in tids {
            if self.rings.contains_key(&tid) {
                continue;
            }
            match Ring::open(tid, self.period_ns, self.kernel, self.pages) {
                Ok(r) => {
                    self.rings.insert(tid, r);
                    opened_any = true;
                }
                Err(e) if e.raw_os_error() == Some(libc::ESRCH) => {}
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        match first_err {
            Some(e) if !opened_any => Err(refusal(e, self.kernel, self.pid)),
            _ => Ok(()),
        }
    }

    /// Every sample since the last call.
    pub fn drain(&mut self) -> Vec<Sample> {
        let mut out = Vec::new();
        for ring in self.rings.values_mut() {
            self.lost += ring.drain(&mut out);
        }
        out.sort_by_key(|s| s.time);
        out
    }

    pub fn threads(&self) -> usize {
        self.rings.len()
    }
}

/// The error for a failed `perf_event_open`, naming what would allow it.
pub fn refusal(e: io::Error, kernel: bool, pid: u32) -> Error {
    let paranoid = std::fs::read_to_string("/proc/sys/kernel/perf_event_paranoid")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown".into());
    match e.raw_os_error() {
        Some(libc::EACCES | libc::EPERM) => {
            let level = if kernel { 1 } else { 2 };
            Error::PerfRefused {
                source: e,
                paranoid,
                needed: format!(
                    "Allow it with `sudo sysctl kernel.perf_event_paranoid={level}`{}, or give \
                     `lucent top` CAP_PERFMON (or CAP_SYS_ADMIN), e.g. run it with sudo; it must \
                     also be allowed to ptrace process {pid} (same user, or CAP_SYS_PTRACE).",
                    if kernel {
                        " (sampling kernel code needs 1 or less; drop --kernel to need only 2)"
                    } else {
                        ""
                    }
                ),
            }
        }
        Some(libc::ENOENT | libc::ENODEV | libc::EOPNOTSUPP) => Error::PerfFailed {
            source: e,
            hint: ": this kernel has no software cpu-clock event".into(),
        },
        Some(libc::EMFILE) => Error::PerfFailed {
            source: e,
            hint: ": too many open files (raise `ulimit -n`)".into(),
        },
        _ => Error::PerfFailed {
            source: e,
            hint: String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_records_parse_and_drop_context_markers() {
        let mut b = Vec::new();
        b.extend_from_slice(&0x1000u64.to_le_bytes()); // ip
        b.extend_from_slice(&7u32.to_le_bytes()); // pid
        b.extend_from_slice(&8u32.to_le_bytes()); // tid
        b.extend_from_slice(&99u64.to_le_bytes()); // time
        b.extend_from_slice(&4u64.to_le_bytes()); // nr
        for a in [0u64.wrapping_sub(512), 0x1000, 0x2000, 0x3000] {
            b.extend_from_slice(&a.to_le_bytes());
        }
        let s = parse_sample(&b).expect("parses");
        assert_eq!(s.tid, 8);
        assert_eq!(s.time, 99);
        assert_eq!(s.ips, vec![0x1000, 0x2000, 0x3000]);
        assert_eq!(parse_sample(&b[..20]), None);
    }

    #[test]
    fn ring_buffers_grow_with_the_rate() {
        assert_eq!(data_pages(1), 32);
        assert_eq!(data_pages(1000), 32);
        assert_eq!(data_pages(2000), 64);
        assert_eq!(data_pages(3000), 128);
        assert_eq!(data_pages(10_000), 256);
    }

    #[test]
    fn refusal_names_the_sysctl_and_capabilities() {
        let e = refusal(io::Error::from_raw_os_error(libc::EACCES), false, 42);
        let msg = e.to_string();
        assert!(msg.contains("kernel.perf_event_paranoid"), "{msg}");
        assert!(msg.contains("CAP_PERFMON"), "{msg}");
        assert!(msg.contains("Counters are still shown"), "{msg}");
    }
}
