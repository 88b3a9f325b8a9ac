//! The 46 functions of `wasi_snapshot_preview1`, each following the witx
//! documentation. Each function's doc names its POSIX twin. Conventions:
//!
//! - Guest pointers are checked first (output pointers too, before any
//!   side effect); one out of bounds is a host trap, not `EFAULT`.
//! - Then the fd: absent is `EBADF`. Errors POSIX names for the fd's type
//!   come next (`ESPIPE` for seeking a stream, `ENOTDIR` for a path
//!   operation relative to a non-directory, `EISDIR` for reading a
//!   directory), then the rights check: a missing right is `ENOTCAPABLE`.
//! - Paths: empty is `ENOENT`; `PATH_MAX` (4096, counting the NUL) or
//!   more bytes is `ENAMETOOLONG`; a NUL byte is `EINVAL`; invalid UTF-8 is
//!   `EILSEQ` (witx strings are UTF-8). Resolution is cap-std's, beneath
//!   the directory: leaving it is `ENOTCAPABLE` (see `errno.rs`).

// `stat` field types differ between targets; the casts are for the others.
#![allow(clippy::unnecessary_cast)]

use super::ctx::{DETERMINISTIC_EPOCH_NS, DETERMINISTIC_STEP_NS, InputStream, Mode, WasiCtx};
use super::errno::Errno;
use super::memory::GuestMemory;
use super::table::{Descriptor, DirListingEntry, DirState, Entry};
use super::types::{
    Filestat, LOOKUP_SYMLINK_FOLLOW, SUBCLOCK_ABSTIME, clockid, eventtype, fdflags, filetype,
    fstflags, oflags, rights, size, whence,
};
use crate::{Trap, Val};
use cap_fs_ext::{
    DirExt, FollowSymlinks, OpenOptionsFollowExt, OpenOptionsMaybeDirExt, OpenOptionsSyncExt,
    SystemTimeSpec,
};
use cap_std::fs::{Dir, Metadata, MetadataExt, OpenOptions};
use std::io::{self, IsTerminal, Read};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

/// What a preview1 function can end in besides success.
pub(crate) enum Fail {
    /// The function returns this errno.
    Errno(Errno),
    /// The run ends (bad guest pointer, `proc_exit`).
    Trap(Trap),
}

impl From<Errno> for Fail {
    fn from(e: Errno) -> Self {
        Fail::Errno(e)
    }
}

impl From<Trap> for Fail {
    fn from(t: Trap) -> Self {
        Fail::Trap(t)
    }
}

impl From<io::Error> for Fail {
    fn from(e: io::Error) -> Self {
        Fail::Errno(e.into())
    }
}

impl From<rustix::io::Errno> for Fail {
    fn from(e: rustix::io::Errno) -> Self {
        Fail::Errno(e.into())
    }
}

pub(crate) type R = Result<(), Fail>;

/// One host call's view: the caller's memory and the WASI state.
pub(crate) struct Cx<'a> {
    pub mem: GuestMemory<'a>,
    pub ctx: &'a mut WasiCtx,
}

// Argument decoding. Each function is registered with its signature from
// `signatures::FUNCTIONS`, the interpreter builds a host call's arguments
// from that registered type, and the linker refuses an import of any other
// type (`Linker::instantiate` names both signatures). So `a` has exactly
// the table's parameters: `a32(a, i)` reads parameter `i` of a witx type
// lowered to `i32`, `a64` one lowered to `i64`, and neither ever meets a
// missing or differently typed argument from a guest. A body reading an
// index or type its table entry does not declare is a host bug: it stops
// loudly here instead of reading a silent 0, and
// `signatures::tests::each_body_reads_only_its_declared_parameters` runs
// every body with exactly its declared arguments to catch it.

/// Parameter `i`, declared `i32` in the table.
fn a32(a: &[Val], i: usize) -> u32 {
    match a.get(i) {
        Some(Val::I32(v)) => *v as u32,
        other => unreachable!("preview1 parameter {i} is {other:?}; the table declares an i32"),
    }
}

/// Parameter `i`, declared `i64` in the table.
fn a64(a: &[Val], i: usize) -> u64 {
    match a.get(i) {
        Some(Val::I64(v)) => *v as u64,
        other => unreachable!("preview1 parameter {i} is {other:?}; the table declares an i64"),
    }
}

/// Linux `PATH_MAX`, counting the terminating NUL.
const PATH_MAX: usize = 4096;

impl Cx<'_> {
    /// Reads and checks a guest path (see the module doc for the errnos).
    fn path(&self, ptr: u32, len: u32) -> Result<PathBuf, Fail> {
        let bytes = self.mem.slice(ptr, len)?;
        guest_string(bytes).map(PathBuf::from)
    }
}

/// Splits trailing slashes off a path: `("a", true)` for `a//`. cap-std
/// resolves `a/` as `a/.`, which would make `rmdir("a/")` fail with
/// `EINVAL` and `stat("file/")` succeed; POSIX wants `a/` to name `a` and
/// require a directory.
fn strip_trailing_slashes(path: &std::path::Path) -> (PathBuf, bool) {
    let bytes = path.as_os_str().as_bytes();
    let mut end = bytes.len();
    while end > 1 && bytes[end - 1] == b'/' {
        end -= 1;
    }
    let stripped = std::ffi::OsStr::from_bytes(&bytes[..end]);
    (PathBuf::from(stripped), end < bytes.len())
}

/// `ENOTDIR` when a `.` component follows a name that is not a directory
/// (`file/.`, `file/./x`): POSIX resolves every component before a `/` as
/// a directory, but cap-std skips `.` components and would resolve
/// `file/.` as `file` (found by `fuzz wasi`: WAMR and WasmEdge gave
/// Linux's ENOTDIR for `stat("file/.")`, the oracle succeeded, as wasmtime
/// and wasmi do).
fn require_dirs_before_dots(dir: &Dir, path: &std::path::Path) -> Result<(), Fail> {
    let bytes = path.as_os_str().as_bytes();
    let mut prefix_end = None;
    let mut start = 0;
    for (i, part) in bytes.split(|b| *b == b'/').enumerate() {
        let end = start + part.len();
        if part == b"." && i > 0 {
            if let Some(prefix) = prefix_end {
                let prefix = std::ffi::OsStr::from_bytes(&bytes[..prefix]);
                if !prefix.is_empty() && !dir.metadata(prefix)?.is_dir() {
                    return Err(Errno::Notdir.into());
                }
            }
        } else if !part.is_empty() {
            prefix_end = Some(end);
        }
        start = end + 1;
    }
    Ok(())
}

fn guest_string(bytes: &[u8]) -> Result<String, Fail> {
    if bytes.is_empty() {
        return Err(Errno::Noent.into());
    }
    if bytes.len() >= PATH_MAX {
        return Err(Errno::Nametoolong.into());
    }
    if bytes.contains(&0) {
        return Err(Errno::Inval.into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Err(Errno::Ilseq.into()),
    }
}

// ---------------------------------------------------------------- args, env

fn write_strings(cx: &mut Cx<'_>, list: &[Vec<u8>], ptrs: u32, buf: u32) -> R {
    let total: usize = list.iter().map(|s| s.len() + 1).sum();
    let buf_range = cx.mem.range(buf, total as u64)?;
    cx.mem.range(ptrs, list.len() as u64 * 4)?;
    let mut flat = Vec::with_capacity(total);
    for (i, s) in list.iter().enumerate() {
        let at = buf_range.start + flat.len();
        cx.mem.write_u32(ptrs + 4 * i as u32, at as u32)?;
        flat.extend_from_slice(s);
        flat.push(0);
    }
    cx.mem.bytes_mut(buf_range).copy_from_slice(&flat);
    Ok(())
}

fn write_sizes(cx: &mut Cx<'_>, list_len: usize, size: usize, count_ptr: u32, size_ptr: u32) -> R {
    cx.mem.range(count_ptr, 4)?;
    cx.mem.range(size_ptr, 4)?;
    cx.mem.write_u32(count_ptr, list_len as u32)?;
    cx.mem.write_u32(size_ptr, size as u32)?;
    Ok(())
}

/// `args_get`: like C's `argv`.
pub(crate) fn args_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let args = std::mem::take(&mut cx.ctx.args);
    let r = write_strings(cx, &args, a32(a, 0), a32(a, 1));
    cx.ctx.args = args;
    r
}

/// `args_sizes_get`: argc and the bytes `args_get` needs.
pub(crate) fn args_sizes_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let n = cx.ctx.args.len();
    let size = cx.ctx.args.iter().map(|s| s.len() + 1).sum();
    write_sizes(cx, n, size, a32(a, 0), a32(a, 1))
}

/// `environ_get`: like C's `environ`.
pub(crate) fn environ_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let env = std::mem::take(&mut cx.ctx.env);
    let r = write_strings(cx, &env, a32(a, 0), a32(a, 1));
    cx.ctx.env = env;
    r
}

/// `environ_sizes_get`.
pub(crate) fn environ_sizes_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let n = cx.ctx.env.len();
    let size = cx.ctx.env.iter().map(|s| s.len() + 1).sum();
    write_sizes(cx, n, size, a32(a, 0), a32(a, 1))
}

// ------------------------------------------------------------------- clocks

fn host_clock(id: u32) -> Result<rustix::time::ClockId, Errno> {
    use rustix::time::ClockId;
    Ok(match id {
        clockid::REALTIME => ClockId::Realtime,
        clockid::MONOTONIC => ClockId::Monotonic,
        clockid::PROCESS_CPUTIME => ClockId::ProcessCPUTime,
        clockid::THREAD_CPUTIME => ClockId::ThreadCPUTime,
        // POSIX clock_gettime: "EINVAL The clock_id argument does not
        // specify a known clock."
        _ => return Err(Errno::Inval),
    })
}

fn ns(t: rustix::time::Timespec) -> u64 {
    (t.tv_sec as u64)
        .saturating_mul(1_000_000_000)
        .saturating_add(t.tv_nsec as u64)
}

impl WasiCtx {
    /// The clock's value without advancing a virtual clock.
    pub(crate) fn clock_peek(&self, id: u32) -> Result<u64, Errno> {
        let host = host_clock(id)?;
        Ok(match &self.mode {
            Mode::Real => ns(rustix::time::clock_gettime(host)),
            Mode::Deterministic { elapsed, .. } => match id {
                clockid::REALTIME => DETERMINISTIC_EPOCH_NS + elapsed,
                _ => *elapsed,
            },
        })
    }

    /// Reads a clock; in deterministic mode every reading advances the
    /// virtual clocks by one step.
    pub(crate) fn clock_read(&mut self, id: u32) -> Result<u64, Errno> {
        let now = self.clock_peek(id)?;
        if let Mode::Deterministic { elapsed, .. } = &mut self.mode {
            *elapsed = elapsed.saturating_add(DETERMINISTIC_STEP_NS);
        }
        Ok(now)
    }
}

/// `clock_res_get`: POSIX `clock_getres`.
pub(crate) fn clock_res_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (id, out) = (a32(a, 0), a32(a, 1));
    cx.mem.range(out, 8)?;
    let host = host_clock(id)?;
    let res = match cx.ctx.mode {
        Mode::Real => ns(rustix::time::clock_getres(host)).max(1),
        Mode::Deterministic { .. } => DETERMINISTIC_STEP_NS,
    };
    cx.mem.write_u64(out, res)?;
    Ok(())
}

/// `clock_time_get`: POSIX `clock_gettime` (the precision is a hint).
pub(crate) fn clock_time_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (id, out) = (a32(a, 0), a32(a, 2));
    cx.mem.range(out, 8)?;
    let now = cx.ctx.clock_read(id)?;
    cx.mem.write_u64(out, now)?;
    Ok(())
}

// ---------------------------------------------------------------------- fd

fn stdio_filetype(desc: &Descriptor, ctx: &WasiCtx) -> u8 {
    let inherited = match desc {
        Descriptor::Stdin => matches!(ctx.stdin, InputStream::Inherit),
        Descriptor::Stdout => matches!(ctx.stdout, super::OutputStream::Inherit),
        Descriptor::Stderr => matches!(ctx.stderr, super::OutputStream::Inherit),
        _ => false,
    };
    let tty = inherited
        && match desc {
            Descriptor::Stdin => io::stdin().is_terminal(),
            Descriptor::Stdout => io::stdout().is_terminal(),
            _ => io::stderr().is_terminal(),
        };
    // A captured stream is a pipe, for which preview1 has no file type.
    if tty {
        filetype::CHARACTER_DEVICE
    } else {
        filetype::UNKNOWN
    }
}

fn filetype_of_mode(mode: u32) -> u8 {
    use rustix::fs::FileType as F;
    match F::from_raw_mode(mode as _) {
        F::RegularFile => filetype::REGULAR_FILE,
        F::Directory => filetype::DIRECTORY,
        F::Symlink => filetype::SYMBOLIC_LINK,
        F::CharacterDevice => filetype::CHARACTER_DEVICE,
        F::BlockDevice => filetype::BLOCK_DEVICE,
        F::Socket => filetype::SOCKET_STREAM,
        _ => filetype::UNKNOWN,
    }
}

fn filestat_of_stat(st: &rustix::fs::Stat) -> Filestat {
    let t = |s: i64, n: i64| (s.max(0) as u64).saturating_mul(1_000_000_000) + n.max(0) as u64;
    Filestat {
        dev: st.st_dev as u64,
        ino: st.st_ino as u64,
        filetype: filetype_of_mode(st.st_mode as u32),
        nlink: st.st_nlink as u64,
        size: st.st_size as u64,
        atim: t(st.st_atime as i64, st.st_atime_nsec as i64),
        mtim: t(st.st_mtime as i64, st.st_mtime_nsec as i64),
        ctim: t(st.st_ctime as i64, st.st_ctime_nsec as i64),
    }
}

fn filestat_of_metadata(md: &Metadata) -> Filestat {
    let t = |s: i64, n: i64| (s.max(0) as u64).saturating_mul(1_000_000_000) + n.max(0) as u64;
    let ft = md.file_type();
    use cap_std::fs::FileTypeExt;
    let filetype = if ft.is_dir() {
        filetype::DIRECTORY
    } else if ft.is_file() {
        filetype::REGULAR_FILE
    } else if ft.is_symlink() {
        filetype::SYMBOLIC_LINK
    } else if ft.is_char_device() {
        filetype::CHARACTER_DEVICE
    } else if ft.is_block_device() {
        filetype::BLOCK_DEVICE
    } else if ft.is_socket() {
        filetype::SOCKET_STREAM
    } else {
        filetype::UNKNOWN
    };
    Filestat {
        dev: md.dev(),
        ino: md.ino(),
        filetype,
        nlink: md.nlink(),
        size: md.size(),
        atim: t(md.atime(), md.atime_nsec()),
        mtim: t(md.mtime(), md.mtime_nsec()),
        ctim: t(md.ctime(), md.ctime_nsec()),
    }
}

/// `fd_advise`: POSIX `posix_fadvise`.
pub(crate) fn fd_advise(cx: &mut Cx<'_>, a: &[Val]) -> R {
    use rustix::fs::Advice;
    let (fd, offset, len, advice) = (a32(a, 0), a64(a, 1), a64(a, 2), a32(a, 3));
    let entry = cx.ctx.table.get(fd)?;
    let advice = match advice {
        0 => Advice::Normal,
        1 => Advice::Sequential,
        2 => Advice::Random,
        3 => Advice::WillNeed,
        4 => Advice::DontNeed,
        5 => Advice::NoReuse,
        _ => return Err(Errno::Inval.into()),
    };
    match &entry.desc {
        Descriptor::File(f) => {
            entry.require(rights::FD_ADVISE)?;
            rustix::fs::fadvise(f, offset, std::num::NonZeroU64::new(len), advice)?;
            Ok(())
        }
        Descriptor::Dir(_) => Err(Errno::Badf.into()),
        _ => Err(Errno::Spipe.into()),
    }
}

/// `fd_allocate`: POSIX `posix_fallocate`.
pub(crate) fn fd_allocate(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, offset, len) = (a32(a, 0), a64(a, 1), a64(a, 2));
    let entry = cx.ctx.table.get(fd)?;
    match &entry.desc {
        Descriptor::File(f) => {
            entry.require(rights::FD_ALLOCATE)?;
            if len == 0 || offset > i64::MAX as u64 || len > i64::MAX as u64 {
                return Err(Errno::Inval.into());
            }
            rustix::fs::fallocate(f, rustix::fs::FallocateFlags::empty(), offset, len)?;
            Ok(())
        }
        Descriptor::Dir(_) => Err(Errno::Badf.into()),
        _ => Err(Errno::Spipe.into()),
    }
}

/// `fd_close`: POSIX `close`. Preopens and stdio can be closed too.
pub(crate) fn fd_close(cx: &mut Cx<'_>, a: &[Val]) -> R {
    cx.ctx.table.remove(a32(a, 0))?;
    Ok(())
}

/// A descriptor for I/O on directory `d`. cap-std may hold a directory as
/// an `O_PATH` descriptor, on which Linux refuses `fsync` and `futimens`
/// with `EBADF`; POSIX allows both on any open directory (`fsync`'s only
/// errors for a valid fd are EINVAL and EIO; `futimens` names none for a
/// directory), and WasmEdge, WAMR and wazero do both. So open "." beneath
/// it for reading, which gives a descriptor that can.
fn dir_io_fd(d: &Dir) -> Result<rustix::fd::OwnedFd, Fail> {
    use rustix::fs::{Mode as FileMode, OFlags};
    Ok(rustix::fs::openat(
        d,
        ".",
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        FileMode::empty(),
    )?)
}

fn sync(cx: &mut Cx<'_>, fd: u32, data_only: bool) -> R {
    let entry = cx.ctx.table.get(fd)?;
    entry.require(if data_only {
        rights::FD_DATASYNC
    } else {
        rights::FD_SYNC
    })?;
    match &entry.desc {
        Descriptor::File(f) if data_only => rustix::fs::fdatasync(f)?,
        Descriptor::File(f) => rustix::fs::fsync(f)?,
        Descriptor::Dir(d) if data_only => rustix::fs::fdatasync(dir_io_fd(&d.dir)?)?,
        Descriptor::Dir(d) => rustix::fs::fsync(dir_io_fd(&d.dir)?)?,
        // Streams have nothing to flush beyond what fd_write did.
        _ => {}
    }
    Ok(())
}

/// `fd_datasync`: POSIX `fdatasync`.
pub(crate) fn fd_datasync(cx: &mut Cx<'_>, a: &[Val]) -> R {
    sync(cx, a32(a, 0), true)
}

/// `fd_sync`: POSIX `fsync`.
pub(crate) fn fd_sync(cx: &mut Cx<'_>, a: &[Val]) -> R {
    sync(cx, a32(a, 0), false)
}

fn file_fdflags(f: &cap_std::fs::File) -> Result<u16, Fail> {
    Ok(fdflags_of(rustix::fs::fcntl_getfl(f)?))
}

/// The fdflags an fd opened with `fdf` has as Linux keeps them (what
/// F_GETFL would say): O_RSYNC is O_SYNC, which implies O_DSYNC.
fn fdflags_kept(fdf: u16) -> u16 {
    use rustix::fs::OFlags;
    // Only ever add: O_SYNC's bits include O_DSYNC's, so clearing SYNC
    // (`set(SYNC, false)`) would drop a DSYNC set before it.
    let mut fl = OFlags::empty();
    for (fdflag, oflag) in [
        (fdflags::APPEND, OFlags::APPEND),
        (fdflags::NONBLOCK, OFlags::NONBLOCK),
        (fdflags::DSYNC, OFlags::DSYNC),
        (fdflags::SYNC | fdflags::RSYNC, OFlags::SYNC),
    ] {
        if fdf & fdflag != 0 {
            fl |= oflag;
        }
    }
    fdflags_of(fl)
}

fn fdflags_of(fl: rustix::fs::OFlags) -> u16 {
    use rustix::fs::OFlags;
    let mut out = 0;
    if fl.contains(OFlags::APPEND) {
        out |= fdflags::APPEND;
    }
    if fl.contains(OFlags::NONBLOCK) {
        out |= fdflags::NONBLOCK;
    }
    if fl.contains(OFlags::SYNC) {
        out |= fdflags::SYNC | fdflags::RSYNC;
    } else if fl.contains(OFlags::DSYNC) {
        out |= fdflags::DSYNC;
    }
    out
}

/// `fd_fdstat_get`: file type, flags and rights (POSIX `fstat`+`fcntl`).
pub(crate) fn fd_fdstat_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, out) = (a32(a, 0), a32(a, 1));
    cx.mem.range(out, size::FDSTAT as u64)?;
    let entry = cx.ctx.table.get(fd)?;
    let (ft, flags) = match &entry.desc {
        Descriptor::File(f) => (
            filetype_of_mode(rustix::fs::fstat(f)?.st_mode as u32),
            file_fdflags(f)?,
        ),
        Descriptor::Dir(_) => (filetype::DIRECTORY, entry.flags),
        d => (stdio_filetype(d, cx.ctx), entry.flags),
    };
    let mut b = [0u8; 24];
    b[0] = ft;
    b[2..4].copy_from_slice(&flags.to_le_bytes());
    b[8..16].copy_from_slice(&entry.base.to_le_bytes());
    b[16..24].copy_from_slice(&entry.inheriting.to_le_bytes());
    cx.mem.write(out, &b)?;
    Ok(())
}

/// `fd_fdstat_set_flags`: POSIX `fcntl(F_SETFL)`. Only `APPEND` and
/// `NONBLOCK` can change (as on Linux); the sync flags give `ENOTSUP`.
pub(crate) fn fd_fdstat_set_flags(cx: &mut Cx<'_>, a: &[Val]) -> R {
    use rustix::fs::OFlags;
    let (fd, flags) = (a32(a, 0), a32(a, 1));
    let entry = cx.ctx.table.get_mut(fd)?;
    entry.require(rights::FD_FDSTAT_SET_FLAGS)?;
    if flags > 0x1f {
        return Err(Errno::Inval.into());
    }
    let flags = flags as u16;
    match &entry.desc {
        Descriptor::File(f) => {
            let current = file_fdflags(f)?;
            let sync = fdflags::DSYNC | fdflags::RSYNC | fdflags::SYNC;
            if flags & sync != current & sync {
                return Err(Errno::Notsup.into());
            }
            let mut fl = rustix::fs::fcntl_getfl(f)?;
            fl.set(OFlags::APPEND, flags & fdflags::APPEND != 0);
            fl.set(OFlags::NONBLOCK, flags & fdflags::NONBLOCK != 0);
            rustix::fs::fcntl_setfl(f, fl)?;
        }
        _ => entry.flags = flags,
    }
    Ok(())
}

/// `fd_fdstat_set_rights`: rights can only be dropped; asking for one the
/// fd does not hold is `ENOTCAPABLE`.
pub(crate) fn fd_fdstat_set_rights(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, base, inheriting) = (a32(a, 0), a64(a, 1), a64(a, 2));
    let entry = cx.ctx.table.get_mut(fd)?;
    if base & !entry.base != 0 || inheriting & !entry.inheriting != 0 {
        return Err(Errno::Notcapable.into());
    }
    entry.base = base;
    entry.inheriting = inheriting;
    Ok(())
}

/// `fd_filestat_get`: POSIX `fstat`.
pub(crate) fn fd_filestat_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, out) = (a32(a, 0), a32(a, 1));
    cx.mem.range(out, size::FILESTAT as u64)?;
    let entry = cx.ctx.table.get(fd)?;
    entry.require(rights::FD_FILESTAT_GET)?;
    let st = match &entry.desc {
        Descriptor::File(f) => filestat_of_stat(&rustix::fs::fstat(f)?),
        Descriptor::Dir(d) => filestat_of_stat(&rustix::fs::fstat(&d.dir)?),
        d => Filestat {
            filetype: stdio_filetype(d, cx.ctx),
            ..Filestat::default()
        },
    };
    cx.mem.write(out, &st.to_bytes())?;
    Ok(())
}

/// `fd_filestat_set_size`: POSIX `ftruncate`.
pub(crate) fn fd_filestat_set_size(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, len) = (a32(a, 0), a64(a, 1));
    let entry = cx.ctx.table.get(fd)?;
    match &entry.desc {
        Descriptor::File(f) => {
            entry.require(rights::FD_FILESTAT_SET_SIZE)?;
            if len > i64::MAX as u64 {
                return Err(Errno::Fbig.into());
            }
            rustix::fs::ftruncate(f, len)?;
            Ok(())
        }
        Descriptor::Dir(_) => Err(Errno::Isdir.into()),
        _ => Err(Errno::Inval.into()),
    }
}

/// The timestamps of a `*_set_times` call, or `EINVAL` for contradictory
/// flags (both a time and "now" for the same stamp) or unknown bits.
fn time_specs(
    ctx: &mut WasiCtx,
    atim: u64,
    mtim: u64,
    fst: u32,
) -> Result<(Option<SystemTimeSpec>, Option<SystemTimeSpec>), Errno> {
    if fst > 0xf {
        return Err(Errno::Inval);
    }
    let fst = fst as u16;
    if (fst & fstflags::ATIM != 0 && fst & fstflags::ATIM_NOW != 0)
        || (fst & fstflags::MTIM != 0 && fst & fstflags::MTIM_NOW != 0)
    {
        return Err(Errno::Inval);
    }
    let abs = |t: u64| {
        SystemTimeSpec::Absolute(cap_std::time::SystemTime::from_std(
            std::time::UNIX_EPOCH + std::time::Duration::from_nanos(t),
        ))
    };
    // "Now" is the context's realtime clock, so it is virtual in
    // deterministic mode.
    let mut now = || -> Result<SystemTimeSpec, Errno> {
        Ok(match ctx.mode {
            Mode::Real => SystemTimeSpec::SymbolicNow,
            Mode::Deterministic { .. } => abs(ctx.clock_read(clockid::REALTIME)?),
        })
    };
    let a = if fst & fstflags::ATIM_NOW != 0 {
        Some(now()?)
    } else if fst & fstflags::ATIM != 0 {
        Some(abs(atim))
    } else {
        None
    };
    let m = if fst & fstflags::MTIM_NOW != 0 {
        Some(now()?)
    } else if fst & fstflags::MTIM != 0 {
        Some(abs(mtim))
    } else {
        None
    };
    Ok((a, m))
}

fn timespec_of(spec: Option<SystemTimeSpec>) -> rustix::fs::Timespec {
    match spec {
        None => rustix::fs::Timespec {
            tv_sec: 0,
            tv_nsec: rustix::fs::UTIME_OMIT,
        },
        Some(SystemTimeSpec::SymbolicNow) => rustix::fs::Timespec {
            tv_sec: 0,
            tv_nsec: rustix::fs::UTIME_NOW,
        },
        Some(SystemTimeSpec::Absolute(t)) => {
            let d = t
                .into_std()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            rustix::fs::Timespec {
                tv_sec: d.as_secs() as _,
                tv_nsec: d.subsec_nanos() as _,
            }
        }
    }
}

/// `fd_filestat_set_times`: POSIX `futimens`.
pub(crate) fn fd_filestat_set_times(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, atim, mtim, fst) = (a32(a, 0), a64(a, 1), a64(a, 2), a32(a, 3));
    cx.ctx
        .table
        .get(fd)?
        .require(rights::FD_FILESTAT_SET_TIMES)?;
    let (at, mt) = time_specs(cx.ctx, atim, mtim, fst)?;
    let times = rustix::fs::Timestamps {
        last_access: timespec_of(at),
        last_modification: timespec_of(mt),
    };
    match &cx.ctx.table.get(fd)?.desc {
        Descriptor::File(f) => rustix::fs::futimens(f, &times)?,
        Descriptor::Dir(d) => rustix::fs::futimens(dir_io_fd(&d.dir)?, &times)?,
        _ => {}
    }
    Ok(())
}

/// Reads into the buffers in order until one is not filled.
fn read_stream(
    mut read: impl FnMut(&mut [u8]) -> io::Result<usize>,
    mem: &mut GuestMemory<'_>,
    iovs: &[std::ops::Range<usize>],
) -> Result<usize, Fail> {
    let mut total = 0usize;
    for r in iovs {
        if r.is_empty() {
            continue;
        }
        match read(mem.bytes_mut(r.clone())) {
            Ok(n) => {
                total += n;
                if n < r.len() {
                    break;
                }
            }
            Err(_) if total > 0 => break,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(total)
}

/// Writes the buffers in order until one is not written whole.
fn write_stream(
    mut write: impl FnMut(&[u8]) -> io::Result<usize>,
    mem: &GuestMemory<'_>,
    iovs: &[std::ops::Range<usize>],
) -> Result<usize, Fail> {
    let mut total = 0usize;
    for r in iovs {
        if r.is_empty() {
            continue;
        }
        let data = mem.bytes(r.clone());
        let mut done = 0;
        while done < data.len() {
            match write(&data[done..]) {
                Ok(0) => break,
                Ok(n) => done += n,
                Err(_) if total + done > 0 => return Ok(total + done),
                Err(e) => return Err(e.into()),
            }
        }
        total += done;
        if done < data.len() {
            break;
        }
    }
    Ok(total)
}

fn do_read(
    cx: &mut Cx<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    offset: Option<u64>,
) -> Result<usize, Fail> {
    let ranges = cx.mem.iovecs(iovs, iovs_len)?;
    let ctx = &mut *cx.ctx;
    let entry = ctx.table.get(fd)?;
    let needed = match offset {
        Some(_) => rights::FD_READ | rights::FD_SEEK,
        None => rights::FD_READ,
    };
    match &entry.desc {
        Descriptor::Stdin if offset.is_some() => Err(Errno::Spipe.into()),
        Descriptor::Stdin => {
            entry.require(needed)?;
            match &mut ctx.stdin {
                InputStream::Bytes { data, pos } => read_stream(
                    |buf| {
                        let n = buf.len().min(data.len() - *pos);
                        buf[..n].copy_from_slice(&data[*pos..*pos + n]);
                        *pos += n;
                        Ok(n)
                    },
                    &mut cx.mem,
                    &ranges,
                ),
                InputStream::Inherit => {
                    // One read: a short read must not block for more.
                    let Some(first) = ranges.iter().find(|r| !r.is_empty()) else {
                        return Ok(0);
                    };
                    Ok(io::stdin().lock().read(cx.mem.bytes_mut(first.clone()))?)
                }
            }
        }
        Descriptor::Stdout | Descriptor::Stderr => Err(Errno::Badf.into()),
        Descriptor::Dir(_) => Err(Errno::Isdir.into()),
        Descriptor::File(f) => {
            entry.require(needed)?;
            match offset {
                None => read_stream(|buf| Ok(rustix::io::read(f, buf)?), &mut cx.mem, &ranges),
                Some(off) => {
                    let mut at = off;
                    read_stream(
                        |buf| {
                            let n = rustix::io::pread(f, buf, at)?;
                            at += n as u64;
                            Ok(n)
                        },
                        &mut cx.mem,
                        &ranges,
                    )
                }
            }
        }
    }
}

fn do_write(
    cx: &mut Cx<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    offset: Option<u64>,
) -> Result<usize, Fail> {
    let ranges = cx.mem.iovecs(iovs, iovs_len)?;
    let ctx = &mut *cx.ctx;
    let entry = ctx.table.get(fd)?;
    let needed = match offset {
        Some(_) => rights::FD_WRITE | rights::FD_SEEK,
        None => rights::FD_WRITE,
    };
    match &entry.desc {
        Descriptor::Stdout | Descriptor::Stderr if offset.is_some() => Err(Errno::Spipe.into()),
        Descriptor::Stdout | Descriptor::Stderr => {
            entry.require(needed)?;
            let is_err = matches!(entry.desc, Descriptor::Stderr);
            let stream = if is_err {
                &mut ctx.stderr
            } else {
                &mut ctx.stdout
            };
            write_stream(
                |data| stream.write(data, is_err).map(|()| data.len()),
                &cx.mem,
                &ranges,
            )
        }
        Descriptor::Stdin => Err(Errno::Badf.into()),
        Descriptor::Dir(_) => Err(Errno::Badf.into()),
        Descriptor::File(f) => {
            entry.require(needed)?;
            match offset {
                None => write_stream(|d| Ok(rustix::io::write(f, d)?), &cx.mem, &ranges),
                Some(off) => {
                    let mut at = off;
                    write_stream(
                        |d| {
                            let n = rustix::io::pwrite(f, d, at)?;
                            at += n as u64;
                            Ok(n)
                        },
                        &cx.mem,
                        &ranges,
                    )
                }
            }
        }
    }
}

/// The vectored transfers share one shape: check the result pointer, move
/// the bytes (at `offset`, or at the fd's position), store the count.
/// The result pointer is the argument after the iovecs (and the offset).
fn transfer(cx: &mut Cx<'_>, a: &[Val], offset: Option<u64>, write: bool) -> R {
    let out = a32(a, if offset.is_some() { 4 } else { 3 });
    cx.mem.range(out, 4)?;
    let (fd, iovs, len) = (a32(a, 0), a32(a, 1), a32(a, 2));
    let n = if write {
        do_write(cx, fd, iovs, len, offset)?
    } else {
        do_read(cx, fd, iovs, len, offset)?
    };
    cx.mem.write_u32(out, n as u32)?;
    Ok(())
}

/// `fd_pread`: POSIX `preadv`.
pub(crate) fn fd_pread(cx: &mut Cx<'_>, a: &[Val]) -> R {
    transfer(cx, a, Some(a64(a, 3)), false)
}

/// `fd_pwrite`: POSIX `pwritev`.
pub(crate) fn fd_pwrite(cx: &mut Cx<'_>, a: &[Val]) -> R {
    transfer(cx, a, Some(a64(a, 3)), true)
}

/// `fd_read`: POSIX `readv`.
pub(crate) fn fd_read(cx: &mut Cx<'_>, a: &[Val]) -> R {
    transfer(cx, a, None, false)
}

/// `fd_write`: POSIX `writev`.
pub(crate) fn fd_write(cx: &mut Cx<'_>, a: &[Val]) -> R {
    transfer(cx, a, None, true)
}

/// `fd_prestat_get`: `EBADF` for an fd that is not a preopen (how
/// wasi-libc finds the end of the preopens).
pub(crate) fn fd_prestat_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, out) = (a32(a, 0), a32(a, 1));
    cx.mem.range(out, size::PRESTAT as u64)?;
    let entry = cx.ctx.table.get(fd)?;
    let Descriptor::Dir(DirState {
        preopen: Some(name),
        ..
    }) = &entry.desc
    else {
        return Err(Errno::Badf.into());
    };
    let mut b = [0u8; 8];
    b[4..8].copy_from_slice(&(name.len() as u32).to_le_bytes());
    cx.mem.write(out, &b)?;
    Ok(())
}

/// `fd_prestat_dir_name`: the guest name, no NUL; `ENAMETOOLONG` if the
/// buffer is shorter than the name.
pub(crate) fn fd_prestat_dir_name(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, path, path_len) = (a32(a, 0), a32(a, 1), a32(a, 2));
    cx.mem.range(path, path_len as u64)?;
    let entry = cx.ctx.table.get(fd)?;
    let Descriptor::Dir(DirState {
        preopen: Some(name),
        ..
    }) = &entry.desc
    else {
        return Err(Errno::Badf.into());
    };
    if (path_len as usize) < name.len() {
        return Err(Errno::Nametoolong.into());
    }
    let name = name.clone();
    cx.mem.write(path, name.as_bytes())?;
    Ok(())
}

fn list_dir(dir: &Dir) -> Result<Vec<DirListingEntry>, Fail> {
    // cap-std holds directories as `O_PATH` fds, which cannot be read:
    // open `.` beneath it for reading.
    use rustix::fs::{Mode as FileMode, OFlags};
    let fd = rustix::fs::openat(
        dir,
        c".",
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        FileMode::empty(),
    )?;
    let mut d = rustix::fs::Dir::new(fd)?;
    let mut out = Vec::new();
    while let Some(ent) = d.read() {
        let ent = ent?;
        let name = ent.file_name().to_bytes().to_vec();
        use rustix::fs::FileType as F;
        let filetype = match ent.file_type() {
            F::Unknown => match rustix::fs::statat(
                dir,
                ent.file_name(),
                rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
            ) {
                Ok(st) => filetype_of_mode(st.st_mode as u32),
                Err(_) => filetype::UNKNOWN,
            },
            F::RegularFile => filetype::REGULAR_FILE,
            F::Directory => filetype::DIRECTORY,
            F::Symlink => filetype::SYMBOLIC_LINK,
            F::CharacterDevice => filetype::CHARACTER_DEVICE,
            F::BlockDevice => filetype::BLOCK_DEVICE,
            F::Socket => filetype::SOCKET_STREAM,
            _ => filetype::UNKNOWN,
        };
        out.push(DirListingEntry {
            name,
            ino: ent.ino(),
            filetype,
        });
    }
    // A fixed order, whatever the file system: `.`, `..`, then by name.
    let rank = |n: &[u8]| match n {
        b"." => 0,
        b".." => 1,
        _ => 2,
    };
    out.sort_by(|x, y| {
        rank(&x.name)
            .cmp(&rank(&y.name))
            .then_with(|| x.name.cmp(&y.name))
    });
    Ok(out)
}

/// `fd_readdir`: entries from `cookie` on (`.` and `..` first, then by
/// name), each a 24-byte `dirent` and its name; the last one is cut at
/// the end of the buffer, so `bufused == buf_len` means "maybe more".
/// The listing is taken at cookie 0 and cookies index into it.
pub(crate) fn fd_readdir(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, buf, buf_len, cookie, bufused) =
        (a32(a, 0), a32(a, 1), a32(a, 2), a64(a, 3), a32(a, 4));
    let out = cx.mem.range(buf, buf_len as u64)?;
    cx.mem.range(bufused, 4)?;
    let entry = cx.ctx.table.get_mut(fd)?;
    let Descriptor::Dir(state) = &mut entry.desc else {
        return Err(Errno::Notdir.into());
    };
    if entry.base & rights::FD_READDIR == 0 {
        return Err(Errno::Notcapable.into());
    }
    if cookie == 0 || state.listing.is_none() {
        state.listing = Some(list_dir(&state.dir)?);
    }
    let listing = state.listing.as_ref().unwrap();
    let dst = cx.mem.bytes_mut(out);
    let mut pos = 0usize;
    let start = usize::try_from(cookie).unwrap_or(usize::MAX);
    for (i, e) in listing.iter().enumerate().skip(start) {
        let mut head = [0u8; 24];
        head[0..8].copy_from_slice(&(i as u64 + 1).to_le_bytes());
        head[8..16].copy_from_slice(&e.ino.to_le_bytes());
        head[16..20].copy_from_slice(&(e.name.len() as u32).to_le_bytes());
        head[20] = e.filetype;
        for part in [&head[..], &e.name[..]] {
            let n = part.len().min(dst.len() - pos);
            dst[pos..pos + n].copy_from_slice(&part[..n]);
            pos += n;
        }
        if pos == dst.len() {
            break;
        }
    }
    cx.mem.write_u32(bufused, pos as u32)?;
    Ok(())
}

/// `fd_renumber`: POSIX `dup2` then `close`; both fds must be open.
pub(crate) fn fd_renumber(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (from, to) = (a32(a, 0), a32(a, 1));
    let table = &mut cx.ctx.table;
    table.get(from)?;
    if !table.contains(to) {
        return Err(Errno::Badf.into());
    }
    if from != to {
        let entry = table.remove(from)?;
        table.insert_at(to, entry);
    }
    Ok(())
}

/// `fd_seek`: POSIX `lseek`. A stream gives `ESPIPE`; an unknown whence
/// or a resulting negative offset `EINVAL`.
pub(crate) fn fd_seek(cx: &mut Cx<'_>, a: &[Val]) -> R {
    use rustix::fs::SeekFrom;
    let (fd, offset, wh, out) = (a32(a, 0), a64(a, 1) as i64, a32(a, 2), a32(a, 3));
    cx.mem.range(out, 8)?;
    let entry = cx.ctx.table.get(fd)?;
    if wh > whence::END as u32 {
        return Err(Errno::Inval.into());
    }
    let needed = if offset == 0 && wh == whence::CUR as u32 {
        rights::FD_TELL
    } else {
        rights::FD_SEEK
    };
    let f = match &entry.desc {
        Descriptor::File(f) => f,
        Descriptor::Dir(_) => return Err(Errno::Notcapable.into()),
        _ => return Err(Errno::Spipe.into()),
    };
    if entry.base & (needed | rights::FD_SEEK) == 0 {
        return Err(Errno::Notcapable.into());
    }
    let pos = match wh as u8 {
        whence::SET if offset < 0 => return Err(Errno::Inval.into()),
        whence::SET => SeekFrom::Start(offset as u64),
        whence::CUR => SeekFrom::Current(offset),
        _ => SeekFrom::End(offset),
    };
    let new = rustix::fs::seek(f, pos)?;
    cx.mem.write_u64(out, new)?;
    Ok(())
}

/// `fd_tell`: POSIX `lseek(fd, 0, SEEK_CUR)`.
pub(crate) fn fd_tell(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, out) = (a32(a, 0), a32(a, 1));
    cx.mem.range(out, 8)?;
    let entry = cx.ctx.table.get(fd)?;
    let f = match &entry.desc {
        Descriptor::File(f) => f,
        Descriptor::Dir(_) => return Err(Errno::Notcapable.into()),
        _ => return Err(Errno::Spipe.into()),
    };
    entry.require(rights::FD_TELL)?;
    let pos = rustix::fs::seek(f, rustix::fs::SeekFrom::Current(0))?;
    cx.mem.write_u64(out, pos)?;
    Ok(())
}

// -------------------------------------------------------------------- path

/// `path_create_directory`: POSIX `mkdirat`.
pub(crate) fn path_create_directory(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, p, l) = (a32(a, 0), a32(a, 1), a32(a, 2));
    cx.mem.range(p, l as u64)?;
    let dir = cx.ctx.table.dir(fd, rights::PATH_CREATE_DIRECTORY)?;
    let path = cx.path(p, l)?;
    require_dirs_before_dots(dir, &path)?;
    dir.create_dir(path)?;
    Ok(())
}

/// `path_filestat_get`: POSIX `fstatat` (`AT_SYMLINK_NOFOLLOW` unless
/// `symlink_follow`).
pub(crate) fn path_filestat_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, flags, p, l, out) = (a32(a, 0), a32(a, 1), a32(a, 2), a32(a, 3), a32(a, 4));
    cx.mem.range(p, l as u64)?;
    cx.mem.range(out, size::FILESTAT as u64)?;
    let dir = cx.ctx.table.dir(fd, rights::PATH_FILESTAT_GET)?;
    let (path, slash) = strip_trailing_slashes(&cx.path(p, l)?);
    require_dirs_before_dots(dir, &path)?;
    let md = if slash || flags & LOOKUP_SYMLINK_FOLLOW != 0 {
        dir.metadata(&path)?
    } else {
        dir.symlink_metadata(&path)?
    };
    if slash && !md.is_dir() {
        return Err(Errno::Notdir.into());
    }
    cx.mem.write(out, &filestat_of_metadata(&md).to_bytes())?;
    Ok(())
}

/// `path_filestat_set_times`: POSIX `utimensat`.
pub(crate) fn path_filestat_set_times(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, flags, p, l) = (a32(a, 0), a32(a, 1), a32(a, 2), a32(a, 3));
    let (atim, mtim, fst) = (a64(a, 4), a64(a, 5), a32(a, 6));
    cx.mem.range(p, l as u64)?;
    cx.ctx.table.dir(fd, rights::PATH_FILESTAT_SET_TIMES)?;
    let path = cx.path(p, l)?;
    let (at, mt) = time_specs(cx.ctx, atim, mtim, fst)?;
    let dir = cx.ctx.table.dir(fd, rights::PATH_FILESTAT_SET_TIMES)?;
    require_dirs_before_dots(dir, &path)?;
    if flags & LOOKUP_SYMLINK_FOLLOW != 0 {
        dir.set_times(&path, at, mt)?;
    } else {
        dir.set_symlink_times(&path, at, mt)?;
    }
    Ok(())
}

/// Resolves the symlinks at the end of `path` beneath `dir` (for
/// `linkat(AT_SYMLINK_FOLLOW)`): each target is joined to the link's
/// parent and resolved again by cap-std, so it cannot leave `dir`; an
/// absolute target is `ENOTCAPABLE`, more than 40 links `ELOOP`.
fn resolve_final_symlinks(dir: &Dir, path: PathBuf) -> Result<PathBuf, Fail> {
    let mut path = path;
    for _ in 0..40 {
        if !dir.symlink_metadata(&path)?.is_symlink() {
            return Ok(path);
        }
        let target = dir.read_link(&path)?;
        path = match path.parent() {
            Some(parent) => parent.join(target),
            None => target,
        };
    }
    Err(Errno::Loop.into())
}

/// `path_link`: POSIX `linkat`; `symlink_follow` in `old_flags` links
/// what the source's final symlinks point to (`AT_SYMLINK_FOLLOW`).
pub(crate) fn path_link(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (old_fd, old_flags, op, ol) = (a32(a, 0), a32(a, 1), a32(a, 2), a32(a, 3));
    let (new_fd, np, nl) = (a32(a, 4), a32(a, 5), a32(a, 6));
    cx.mem.range(op, ol as u64)?;
    cx.mem.range(np, nl as u64)?;
    let old_dir = cx.ctx.table.dir(old_fd, rights::PATH_LINK_SOURCE)?;
    let new_dir = cx.ctx.table.dir(new_fd, rights::PATH_LINK_TARGET)?;
    let mut old = cx.path(op, ol)?;
    let new = cx.path(np, nl)?;
    require_dirs_before_dots(old_dir, &old)?;
    require_dirs_before_dots(new_dir, &new)?;
    if old_flags & LOOKUP_SYMLINK_FOLLOW != 0 {
        old = resolve_final_symlinks(old_dir, old)?;
    }
    old_dir.hard_link(old, new_dir, new)?;
    Ok(())
}

/// `path_open`: POSIX `openat`. The new fd's rights are the requested ones
/// that apply to what was opened: rights that do not apply are dropped, not
/// refused, so a program may ask for its preopen's own rights when it opens
/// a directory with `O_DIRECTORY` (write rights then give no write access,
/// rather than `EISDIR`; wasmtime, WasmEdge, WAMR and wazero all open).
/// Without `O_DIRECTORY`, write rights on a directory still ask for
/// `O_WRONLY` and give POSIX's `EISDIR`.
///
/// A right that applies to what is opened but that the directory cannot
/// hand down (it is not in the directory's inheriting rights) is
/// `ENOTCAPABLE`, never dropped in silence: witx `path_open` says "The
/// implementation is allowed to return a file descriptor with fewer rights
/// than specified, if and only if those rights do not apply to the type of
/// file being opened", and `fdstat.fs_rights_inheriting` is the "Maximum set
/// of rights that may be installed on new file descriptors that are created
/// through this file descriptor". (WasmEdge and WAMR refuse the same way;
/// wasmtime and wazero grant every right.) Zig's std opens a directory with
/// only directory rights to hand down, then files beneath it asking for
/// `fd_read`: the open fails here rather than giving an fd that cannot read.
pub(crate) fn path_open(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (dirfd, dirflags, p, l) = (a32(a, 0), a32(a, 1), a32(a, 2), a32(a, 3));
    let (of, base, inheriting, fdf, out) = (a32(a, 4), a64(a, 5), a64(a, 6), a32(a, 7), a32(a, 8));
    cx.mem.range(p, l as u64)?;
    cx.mem.range(out, 4)?;
    let entry = cx.ctx.table.get(dirfd)?;
    let Descriptor::Dir(state) = &entry.desc else {
        return Err(Errno::Notdir.into());
    };
    if of > 0xf || fdf > 0x1f {
        return Err(Errno::Inval.into());
    }
    let (of, fdf) = (of as u16, fdf as u16);
    // CREAT with DIRECTORY: POSIX leaves it unspecified ("If O_CREAT and
    // O_DIRECTORY are set and the requested access mode is neither O_WRONLY
    // nor O_RDWR, the result is unspecified") and witx says nothing; Linux
    // (open(2): "EINVAL ... O_CREAT and O_DIRECTORY were both specified"),
    // wasmtime, WAMR and wazero refuse it with EINVAL whether or not the
    // path exists (WasmEdge refuses with EISDIR).
    if of & oflags::CREAT != 0 && of & oflags::DIRECTORY != 0 {
        return Err(Errno::Inval.into());
    }
    let mut needed = rights::PATH_OPEN;
    if of & oflags::CREAT != 0 {
        needed |= rights::PATH_CREATE_FILE;
    }
    if of & oflags::TRUNC != 0 {
        needed |= rights::PATH_FILESTAT_SET_SIZE;
    }
    entry.require(needed)?;
    // Requested rights the directory cannot hand down: refused where they
    // apply to what is opened (checked below, before anything is created).
    let excess = base & rights::INHERITABLE & !entry.inheriting;
    let base = base & rights::INHERITABLE & entry.inheriting;
    let inheriting = inheriting & rights::INHERITABLE & entry.inheriting;
    let path = cx.path(p, l)?;
    require_dirs_before_dots(&state.dir, &path)?;
    let follow = dirflags & LOOKUP_SYMLINK_FOLLOW != 0;
    let refuse_excess = |applicable: u64| -> Result<(), Errno> {
        if excess & applicable != 0 {
            Err(Errno::Notcapable)
        } else {
            Ok(())
        }
    };
    let read = base & (rights::FD_READ | rights::FD_READDIR) != 0;
    let write = base
        & (rights::FD_WRITE
            | rights::FD_DATASYNC
            | rights::FD_ALLOCATE
            | rights::FD_FILESTAT_SET_SIZE)
        != 0
        || of & oflags::TRUNC != 0;
    let new_entry = if of & oflags::DIRECTORY != 0 {
        let dir = if follow {
            state.dir.open_dir(&path)?
        } else {
            state.dir.open_dir_nofollow(&path)?
        };
        // Truncating asks for write access, which a directory refuses
        // (Linux `build_open_flags`: O_TRUNC adds MAY_WRITE, and
        // `may_open` gives EISDIR for a directory); append does not (it
        // adds MAY_APPEND only): `open(dir, O_DIRECTORY|O_APPEND)` opens,
        // as wasmtime, node, WasmEdge and WAMR do.
        if of & oflags::TRUNC != 0 {
            return Err(Errno::Isdir.into());
        }
        refuse_excess(rights::DIRECTORY)?;
        let mut e = Entry::dir(dir, None);
        e.base = base & rights::DIRECTORY;
        e.inheriting = inheriting;
        // The flags it was opened with, as Linux's F_GETFL keeps them
        // (WasmEdge and WAMR report them too; wasmtime reports none).
        e.flags = fdflags_kept(fdf);
        e
    } else {
        // cap-std (like std) refuses `create` or `truncate` without write
        // access and `truncate` with append, which POSIX `openat` allows:
        // create a read-only file in a separate step, and truncate after
        // opening.
        if excess != 0 {
            // What the path names now (a file, or nothing yet: a file if
            // created) decides which of the excess rights apply.
            let existing = if follow {
                state.dir.metadata(&path)
            } else {
                state.dir.symlink_metadata(&path)
            };
            match existing {
                Ok(m) if m.is_dir() => refuse_excess(rights::DIRECTORY)?,
                _ => refuse_excess(rights::FILE)?,
            }
        }
        let append = fdf & fdflags::APPEND != 0;
        let creat = of & oflags::CREAT != 0;
        let excl = of & oflags::EXCL != 0;
        let mut o = OpenOptions::new();
        o.read(read || !(write || append));
        o.write(write);
        o.append(append);
        if creat && (write || append) {
            if excl {
                o.create_new(true);
            } else {
                o.create(true);
            }
        } else if creat {
            let mut c = OpenOptions::new();
            c.write(true).create_new(true);
            match state.dir.open_with(&path, &c) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && !excl => {}
                Err(e) => return Err(e.into()),
            }
        }
        o.follow(if follow {
            FollowSymlinks::Yes
        } else {
            FollowSymlinks::No
        });
        o.maybe_dir(true);
        o.nonblock(fdf & fdflags::NONBLOCK != 0);
        o.dsync(fdf & fdflags::DSYNC != 0);
        o.rsync(fdf & fdflags::RSYNC != 0);
        o.sync(fdf & fdflags::SYNC != 0);
        let file = state.dir.open_with(&path, &o)?;
        if of & oflags::TRUNC != 0
            && filetype_of_mode(rustix::fs::fstat(&file)?.st_mode as u32) == filetype::REGULAR_FILE
        {
            rustix::fs::ftruncate(&file, 0)?;
        }
        let st = rustix::fs::fstat(&file)?;
        if filetype_of_mode(st.st_mode as u32) == filetype::DIRECTORY {
            let mut e = Entry::dir(Dir::from_std_file(file.into_std()), None);
            e.base = base & rights::DIRECTORY;
            e.inheriting = inheriting;
            e.flags = fdflags_kept(fdf);
            e
        } else {
            Entry::new(Descriptor::File(file), base & rights::FILE, inheriting)
        }
    };
    let fd = cx.ctx.table.push(new_entry);
    cx.mem.write_u32(out, fd)?;
    Ok(())
}

/// `path_readlink`: POSIX `readlinkat`; a short buffer truncates. A link
/// with an absolute target gives `ENOTCAPABLE` (the guest cannot make one,
/// and its text would reveal host paths), as in cap-std and wasmtime.
pub(crate) fn path_readlink(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, p, l, buf, buf_len, out) = (
        a32(a, 0),
        a32(a, 1),
        a32(a, 2),
        a32(a, 3),
        a32(a, 4),
        a32(a, 5),
    );
    cx.mem.range(p, l as u64)?;
    let dst = cx.mem.range(buf, buf_len as u64)?;
    cx.mem.range(out, 4)?;
    let dir = cx.ctx.table.dir(fd, rights::PATH_READLINK)?;
    let path = cx.path(p, l)?;
    require_dirs_before_dots(dir, &path)?;
    let target = dir.read_link(&path)?;
    let bytes = target.as_os_str().as_bytes();
    let n = bytes.len().min(dst.len());
    cx.mem
        .bytes_mut(dst.start..dst.start + n)
        .copy_from_slice(&bytes[..n]);
    cx.mem.write_u32(out, n as u32)?;
    Ok(())
}

/// `path_remove_directory`: POSIX `unlinkat(AT_REMOVEDIR)`.
pub(crate) fn path_remove_directory(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, p, l) = (a32(a, 0), a32(a, 1), a32(a, 2));
    cx.mem.range(p, l as u64)?;
    let dir = cx.ctx.table.dir(fd, rights::PATH_REMOVE_DIRECTORY)?;
    let (path, _) = strip_trailing_slashes(&cx.path(p, l)?);
    require_dirs_before_dots(dir, &path)?;
    dir.remove_dir(path)?;
    Ok(())
}

/// `path_rename`: POSIX `renameat`.
pub(crate) fn path_rename(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, op, ol, new_fd, np, nl) = (
        a32(a, 0),
        a32(a, 1),
        a32(a, 2),
        a32(a, 3),
        a32(a, 4),
        a32(a, 5),
    );
    cx.mem.range(op, ol as u64)?;
    cx.mem.range(np, nl as u64)?;
    let old_dir = cx.ctx.table.dir(fd, rights::PATH_RENAME_SOURCE)?;
    let new_dir = cx.ctx.table.dir(new_fd, rights::PATH_RENAME_TARGET)?;
    let (old, old_slash) = strip_trailing_slashes(&cx.path(op, ol)?);
    let (new, new_slash) = strip_trailing_slashes(&cx.path(np, nl)?);
    require_dirs_before_dots(old_dir, &old)?;
    require_dirs_before_dots(new_dir, &new)?;
    // rename never follows the source's last component: with a trailing
    // slash on either path, a source that is not itself a directory (a
    // symlink to one included) is ENOTDIR, as on Linux (`do_renameat2`).
    if (old_slash || new_slash) && !old_dir.symlink_metadata(&old)?.is_dir() {
        return Err(Errno::Notdir.into());
    }
    old_dir.rename(old, new_dir, new)?;
    Ok(())
}

/// `path_symlink`: POSIX `symlinkat`. An absolute target is refused
/// (`ENOTCAPABLE`), as cap-std and wasmtime do: it could only ever point
/// outside the sandbox. Relative targets are stored as given; following
/// them is what is confined.
pub(crate) fn path_symlink(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (op, ol, fd, np, nl) = (a32(a, 0), a32(a, 1), a32(a, 2), a32(a, 3), a32(a, 4));
    cx.mem.range(op, ol as u64)?;
    cx.mem.range(np, nl as u64)?;
    let dir = cx.ctx.table.dir(fd, rights::PATH_SYMLINK)?;
    let old = guest_string(cx.mem.slice(op, ol)?)?;
    let new = cx.path(np, nl)?;
    require_dirs_before_dots(dir, &new)?;
    dir.symlink(old, new)?;
    Ok(())
}

/// `path_unlink_file`: POSIX `unlinkat` (a directory gives `EISDIR`, as
/// on Linux).
pub(crate) fn path_unlink_file(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (fd, p, l) = (a32(a, 0), a32(a, 1), a32(a, 2));
    cx.mem.range(p, l as u64)?;
    let dir = cx.ctx.table.dir(fd, rights::PATH_UNLINK_FILE)?;
    let (path, slash) = strip_trailing_slashes(&cx.path(p, l)?);
    require_dirs_before_dots(dir, &path)?;
    if slash {
        // `unlink("x/")`: a directory is still EISDIR, anything else ENOTDIR.
        return Err(if dir.metadata(&path)?.is_dir() {
            Errno::Isdir
        } else {
            Errno::Notdir
        }
        .into());
    }
    dir.remove_file(path)?;
    Ok(())
}

// -------------------------------------------------------- poll, proc, misc

struct Event {
    userdata: u64,
    error: Errno,
    kind: u8,
    nbytes: u64,
}

enum Readiness {
    Ready(u64),
    /// The host's stdin: wait with `poll(2)`.
    HostStdin,
}

fn fd_readiness(ctx: &WasiCtx, fd: u32, kind: u8) -> Result<Readiness, Errno> {
    let entry = ctx.table.get(fd)?;
    entry.require(rights::POLL_FD_READWRITE)?;
    match (&entry.desc, kind) {
        (Descriptor::Stdin, eventtype::FD_READ) => match &ctx.stdin {
            InputStream::Bytes { data, pos } => Ok(Readiness::Ready((data.len() - pos) as u64)),
            InputStream::Inherit => Ok(Readiness::HostStdin),
        },
        (Descriptor::Stdout | Descriptor::Stderr, eventtype::FD_WRITE) => Ok(Readiness::Ready(0)),
        (Descriptor::File(f), eventtype::FD_READ) => {
            let size = rustix::fs::fstat(f).map_err(Errno::from)?.st_size as u64;
            let pos = rustix::fs::seek(f, rustix::fs::SeekFrom::Current(0)).map_err(Errno::from)?;
            Ok(Readiness::Ready(size.saturating_sub(pos)))
        }
        (Descriptor::File(_), _) => Ok(Readiness::Ready(0)),
        (Descriptor::Dir(_), _) => Err(Errno::Isdir),
        _ => Err(Errno::Badf),
    }
}

/// `poll_oneoff`: POSIX `poll` plus timers. Ready fds are reported at
/// once (files and captured streams are always ready); otherwise the call
/// waits for the earliest clock (or the host's stdin): it sleeps in real
/// mode and advances the virtual clocks in deterministic mode.
pub(crate) fn poll_oneoff(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (inp, out, nsubs, nevents) = (a32(a, 0), a32(a, 1), a32(a, 2), a32(a, 3));
    if nsubs == 0 {
        return Err(Errno::Inval.into());
    }
    cx.mem
        .range(inp, nsubs as u64 * size::SUBSCRIPTION as u64)?;
    cx.mem.range(out, nsubs as u64 * size::EVENT as u64)?;
    cx.mem.range(nevents, 4)?;
    let mut events = Vec::new();
    let mut clocks: Vec<(u64, u64)> = Vec::new();
    let mut host_stdin: Vec<u64> = Vec::new();
    for i in 0..nsubs {
        let s = inp + i * size::SUBSCRIPTION;
        let userdata = cx.mem.u64(s)?;
        let tag = cx.mem.u8(s + 8)?;
        match tag {
            eventtype::CLOCK => {
                let id = cx.mem.u32(s + 16)?;
                let timeout = cx.mem.u64(s + 24)?;
                let flags = cx.mem.u16(s + 40)?;
                match cx.ctx.clock_peek(id) {
                    Ok(now) => {
                        let rel = if flags & SUBCLOCK_ABSTIME != 0 {
                            timeout.saturating_sub(now)
                        } else {
                            timeout
                        };
                        clocks.push((userdata, rel));
                    }
                    Err(error) => events.push(Event {
                        userdata,
                        error,
                        kind: tag,
                        nbytes: 0,
                    }),
                }
            }
            eventtype::FD_READ | eventtype::FD_WRITE => {
                let fd = cx.mem.u32(s + 16)?;
                match fd_readiness(cx.ctx, fd, tag) {
                    Ok(Readiness::Ready(nbytes)) => events.push(Event {
                        userdata,
                        error: Errno::Success,
                        kind: tag,
                        nbytes,
                    }),
                    Ok(Readiness::HostStdin) => host_stdin.push(userdata),
                    Err(error) => events.push(Event {
                        userdata,
                        error,
                        kind: tag,
                        nbytes: 0,
                    }),
                }
            }
            _ => return Err(Errno::Inval.into()),
        }
    }
    let earliest = clocks.iter().map(|c| c.1).min();
    let mut waited = None;
    if events.is_empty() {
        if !host_stdin.is_empty() {
            use rustix::event::{PollFd, PollFlags};
            let stdin = io::stdin();
            let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
            let ts = earliest.map(|t| rustix::time::Timespec {
                tv_sec: (t / 1_000_000_000) as _,
                tv_nsec: (t % 1_000_000_000) as _,
            });
            let n = rustix::event::poll(&mut fds, ts.as_ref())?;
            if n > 0 {
                for userdata in host_stdin {
                    events.push(Event {
                        userdata,
                        error: Errno::Success,
                        kind: eventtype::FD_READ,
                        nbytes: 1,
                    });
                }
            } else {
                waited = earliest;
            }
        } else if let Some(t) = earliest {
            match &mut cx.ctx.mode {
                Mode::Real => std::thread::sleep(std::time::Duration::from_nanos(t)),
                Mode::Deterministic { elapsed, .. } => *elapsed = elapsed.saturating_add(t),
            }
            waited = Some(t);
        }
    } else {
        waited = Some(0);
    }
    if let Some(w) = waited {
        for &(userdata, rel) in &clocks {
            if rel <= w {
                events.push(Event {
                    userdata,
                    error: Errno::Success,
                    kind: eventtype::CLOCK,
                    nbytes: 0,
                });
            }
        }
    }
    for (i, e) in events.iter().enumerate() {
        let mut b = [0u8; 32];
        b[0..8].copy_from_slice(&e.userdata.to_le_bytes());
        b[8..10].copy_from_slice(&e.error.raw().to_le_bytes());
        b[10] = e.kind;
        b[16..24].copy_from_slice(&e.nbytes.to_le_bytes());
        cx.mem.write(out + i as u32 * size::EVENT, &b)?;
    }
    cx.mem.write_u32(nevents, events.len() as u32)?;
    Ok(())
}

/// `proc_exit(rval)`: like `_exit`. Ends the run with `Exit(rval)`; any
/// value is accepted (witx `exitcode` is a plain u32).
pub(crate) fn proc_exit(_cx: &mut Cx<'_>, a: &[Val]) -> R {
    Err(Trap::exit(a32(a, 0) as i32).into())
}

/// `proc_raise`: deprecated in preview1 and not supported: `ENOSYS`.
pub(crate) fn proc_raise(_cx: &mut Cx<'_>, _a: &[Val]) -> R {
    Err(Errno::Nosys.into())
}

/// `sched_yield`: POSIX `sched_yield`.
pub(crate) fn sched_yield(cx: &mut Cx<'_>, _a: &[Val]) -> R {
    if let Mode::Real = cx.ctx.mode {
        std::thread::yield_now();
    }
    Ok(())
}

/// `random_get`: OS randomness, or splitmix64 in deterministic mode.
pub(crate) fn random_get(cx: &mut Cx<'_>, a: &[Val]) -> R {
    let (buf, len) = (a32(a, 0), a32(a, 1));
    let r = cx.mem.range(buf, len as u64)?;
    let dst = cx.mem.bytes_mut(r);
    match &mut cx.ctx.mode {
        Mode::Real => {
            let mut filled = 0;
            while filled < dst.len() {
                filled += rustix::rand::getrandom(
                    &mut dst[filled..],
                    rustix::rand::GetRandomFlags::empty(),
                )?;
            }
        }
        Mode::Deterministic { rng, .. } => {
            for chunk in dst.chunks_mut(8) {
                let w = Mode::next_u64(rng).to_le_bytes();
                chunk.copy_from_slice(&w[..chunk.len()]);
            }
        }
    }
    Ok(())
}

fn not_a_socket(cx: &mut Cx<'_>, fd: u32) -> R {
    cx.ctx.table.get(fd)?;
    Err(Errno::Notsock.into())
}

/// `sock_accept`: there are no sockets: `EBADF` or `ENOTSOCK`.
pub(crate) fn sock_accept(cx: &mut Cx<'_>, a: &[Val]) -> R {
    cx.mem.range(a32(a, 2), 4)?;
    not_a_socket(cx, a32(a, 0))
}

/// `sock_recv`: `EBADF` or `ENOTSOCK`.
pub(crate) fn sock_recv(cx: &mut Cx<'_>, a: &[Val]) -> R {
    cx.mem.iovecs(a32(a, 1), a32(a, 2))?;
    cx.mem.range(a32(a, 4), 4)?;
    cx.mem.range(a32(a, 5), 2)?;
    not_a_socket(cx, a32(a, 0))
}

/// `sock_send`: `EBADF` or `ENOTSOCK`.
pub(crate) fn sock_send(cx: &mut Cx<'_>, a: &[Val]) -> R {
    cx.mem.iovecs(a32(a, 1), a32(a, 2))?;
    cx.mem.range(a32(a, 4), 4)?;
    not_a_socket(cx, a32(a, 0))
}

/// `sock_shutdown`: `EBADF` or `ENOTSOCK`.
pub(crate) fn sock_shutdown(cx: &mut Cx<'_>, a: &[Val]) -> R {
    not_a_socket(cx, a32(a, 0))
}
