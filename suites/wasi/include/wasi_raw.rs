//! Preview1 declared by hand, as the `wasi` crate does, for the Rust cases
//! that make raw calls (`tests/rust/*_raw*.rs`): the witx structs, the
//! imports, flag and right constants, and small helpers that print an errno
//! by name. A case includes it with
//! `#[path = "../../include/wasi_raw.rs"] mod wasi_raw;`; only the
//! functions a case calls become imports of its module.
#![allow(dead_code)]

#[repr(C)]
#[derive(Default, Clone, Copy)]
pub struct Fdstat {
    pub filetype: u8,
    pub flags: u16,
    pub base: u64,
    pub inheriting: u64,
}

#[repr(C)]
#[derive(Default, Clone, Copy)]
pub struct Filestat {
    pub dev: u64,
    pub ino: u64,
    pub filetype: u8,
    pub nlink: u64,
    pub size: u64,
    pub atim: u64,
    pub mtim: u64,
    pub ctim: u64,
}

#[repr(C)]
#[derive(Default, Clone, Copy)]
pub struct Prestat {
    pub tag: u8,
    pub name_len: usize,
}

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    pub fn fd_fdstat_get(fd: u32, out: *mut Fdstat) -> u16;
    pub fn fd_fdstat_set_flags(fd: u32, flags: u32) -> u16;
    pub fn fd_filestat_get(fd: u32, out: *mut Filestat) -> u16;
    pub fn fd_prestat_get(fd: u32, out: *mut Prestat) -> u16;
    pub fn fd_prestat_dir_name(fd: u32, buf: *mut u8, len: usize) -> u16;
    pub fn fd_readdir(fd: u32, buf: *mut u8, len: usize, cookie: u64, used: *mut usize) -> u16;
    pub fn fd_renumber(from: u32, to: u32) -> u16;
    pub fn fd_tell(fd: u32, out: *mut u64) -> u16;
    pub fn fd_seek(fd: u32, offset: i64, whence: u32, out: *mut u64) -> u16;
    pub fn fd_close(fd: u32) -> u16;
    pub fn fd_read(fd: u32, iovs: *const Iovec, n: usize, out: *mut usize) -> u16;
    pub fn fd_write(fd: u32, iovs: *const Iovec, n: usize, out: *mut usize) -> u16;
    pub fn fd_pread(fd: u32, iovs: *const Iovec, n: usize, offset: u64, out: *mut usize) -> u16;
    pub fn fd_pwrite(fd: u32, iovs: *const Iovec, n: usize, offset: u64, out: *mut usize) -> u16;
    pub fn path_open(fd: u32, dirflags: u32, path: *const u8, len: usize, oflags: u32, base: u64, inheriting: u64, fdflags: u32, out: *mut u32) -> u16;
    pub fn path_filestat_get(fd: u32, flags: u32, path: *const u8, len: usize, out: *mut Filestat) -> u16;
    pub fn path_symlink(old: *const u8, old_len: usize, fd: u32, new: *const u8, new_len: usize) -> u16;
    pub fn path_link(fd: u32, flags: u32, old: *const u8, old_len: usize, fd2: u32, new: *const u8, new_len: usize) -> u16;
    pub fn path_remove_directory(fd: u32, path: *const u8, len: usize) -> u16;
    pub fn path_unlink_file(fd: u32, path: *const u8, len: usize) -> u16;
    pub fn path_create_directory(fd: u32, path: *const u8, len: usize) -> u16;
    pub fn args_sizes_get(argc: *mut usize, size: *mut usize) -> u16;
    pub fn args_get(argv: *mut *mut u8, buf: *mut u8) -> u16;
    pub fn environ_sizes_get(count: *mut usize, size: *mut usize) -> u16;
    pub fn environ_get(environ: *mut *mut u8, buf: *mut u8) -> u16;
    pub fn random_get(buf: *mut u8, len: usize) -> u16;
    pub fn fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, flags: u32) -> u16;
    pub fn path_filestat_set_times(fd: u32, lookup: u32, path: *const u8, len: usize, atim: u64, mtim: u64, flags: u32) -> u16;
    pub fn path_rename(fd: u32, old: *const u8, old_len: usize, fd2: u32, new: *const u8, new_len: usize) -> u16;
    pub fn clock_res_get(id: u32, out: *mut u64) -> u16;
    pub fn clock_time_get(id: u32, precision: u64, out: *mut u64) -> u16;
    pub fn sched_yield() -> u16;
    pub fn fd_advise(fd: u32, offset: u64, len: u64, advice: u32) -> u16;
    pub fn fd_allocate(fd: u32, offset: u64, len: u64) -> u16;
    pub fn poll_oneoff(subs: *const u8, events: *mut u8, n: usize, out: *mut usize) -> u16;
}

#[repr(C)]
pub struct Iovec {
    pub buf: *const u8,
    pub len: usize,
}

pub const FILETYPE_DIRECTORY: u8 = 3;
pub const FILETYPE_REGULAR_FILE: u8 = 4;
pub const FILETYPE_SYMBOLIC_LINK: u8 = 7;
pub const LOOKUP_SYMLINK_FOLLOW: u32 = 1;
pub const O_CREAT: u32 = 1;
pub const O_DIRECTORY: u32 = 2;
pub const O_EXCL: u32 = 4;
pub const O_TRUNC: u32 = 8;
pub const FDFLAGS_APPEND: u32 = 1;
/// Every right: a mask, so the host grants what the file can use.
pub const ALL_RIGHTS: u64 = (1 << 30) - 1;
/// Every right but those that read, write, seek or resize file data
/// (fd_datasync, fd_read, fd_seek, fd_sync, fd_tell, fd_write, fd_advise,
/// fd_allocate, fd_filestat_set_size): asked for a directory, as wasi-libc
/// does for open(O_RDONLY|O_DIRECTORY). Hosts map write rights to O_RDWR,
/// which POSIX refuses on a directory (EISDIR).
pub const DIR_RIGHTS: u64 = ALL_RIGHTS & !(1 << 0 | 1 << 1 | 1 << 2 | 1 << 4 | 1 << 5 | 1 << 6 | 1 << 7 | 1 << 8 | 1 << 22);
/// The first preopen ("fs.dir"); cases with one preopen only use this.
pub const PREOPEN: u32 = 3;

pub fn filetype_name(t: u8) -> &'static str {
    match t {
        FILETYPE_DIRECTORY => "directory",
        FILETYPE_REGULAR_FILE => "regular_file",
        FILETYPE_SYMBOLIC_LINK => "symbolic_link",
        _ => "other",
    }
}

pub fn errno_name(e: u16) -> &'static str {
    match e {
        0 => "OK",
        2 => "EACCES",
        8 => "EBADF",
        20 => "EEXIST",
        28 => "EINVAL",
        31 => "EISDIR",
        32 => "ELOOP",
        44 => "ENOENT",
        54 => "ENOTDIR",
        55 => "ENOTEMPTY",
        58 => "ENOTSUP",
        63 => "EPERM",
        76 => "ENOTCAPABLE",
        _ => "another errno",
    }
}

/// path_open beneath `dir`; Ok(fd) or Err(errno). With O_DIRECTORY it asks
/// for DIR_RIGHTS, otherwise for ALL_RIGHTS.
pub fn open(dir: u32, dirflags: u32, path: &str, oflags: u32, fdflags: u32) -> Result<u32, u16> {
    let base = if oflags & O_DIRECTORY != 0 { DIR_RIGHTS } else { ALL_RIGHTS };
    open_rights(dir, dirflags, path, oflags, base, fdflags)
}

/// path_open asking for `base` rights and every inheriting right, both
/// limited to what `dir` can hand down (its inheriting rights), as wasi-libc
/// and the `wasi` crate's users do: witx path_open lets a host return fewer
/// rights "if and only if those rights do not apply to the type of file",
/// so a request beyond the directory's inheriting rights may be refused
/// (ENOTCAPABLE on WasmEdge and WAMR).
pub fn open_rights(dir: u32, dirflags: u32, path: &str, oflags: u32, base: u64, fdflags: u32) -> Result<u32, u16> {
    let mut st = Fdstat::default();
    let e = unsafe { fd_fdstat_get(dir, &mut st) };
    if e != 0 {
        return Err(e);
    }
    open_unmasked(dir, dirflags, path, oflags, base & st.inheriting, ALL_RIGHTS & st.inheriting, fdflags)
}

/// path_open with exactly these rights.
pub fn open_unmasked(dir: u32, dirflags: u32, path: &str, oflags: u32, base: u64, inheriting: u64, fdflags: u32) -> Result<u32, u16> {
    let mut fd = u32::MAX;
    let e = unsafe { path_open(dir, dirflags, path.as_ptr(), path.len(), oflags, base, inheriting, fdflags, &mut fd) };
    if e == 0 { Ok(fd) } else { Err(e) }
}

pub fn filestat(fd: u32) -> Result<Filestat, u16> {
    let mut st = Filestat::default();
    let e = unsafe { fd_filestat_get(fd, &mut st) };
    if e == 0 { Ok(st) } else { Err(e) }
}

pub fn read(fd: u32, n: usize) -> Result<Vec<u8>, u16> {
    let mut buf = vec![0u8; n];
    let iov = Iovec { buf: buf.as_mut_ptr(), len: n };
    let mut got = 0;
    let e = unsafe { fd_read(fd, &iov, 1, &mut got) };
    if e != 0 {
        return Err(e);
    }
    buf.truncate(got);
    Ok(buf)
}

pub fn write(fd: u32, data: &[u8]) -> Result<usize, u16> {
    let iov = Iovec { buf: data.as_ptr(), len: data.len() };
    let mut n = 0;
    let e = unsafe { fd_write(fd, &iov, 1, &mut n) };
    if e == 0 { Ok(n) } else { Err(e) }
}

pub fn show<T>(what: &str, r: Result<T, u16>) -> Option<T> {
    match r {
        Ok(v) => {
            println!("{what}: OK");
            Some(v)
        }
        Err(e) => {
            println!("{what}: {}", errno_name(e));
            None
        }
    }
}
