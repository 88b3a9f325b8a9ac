//! fd_renumber_raw: witx `fd_renumber` "atomically replace[s] a file
//! descriptor by renumbering another file descriptor" (POSIX dup2 then close
//! of the old one): after renumbering A onto B, B reads A's file from A's
//! offset and A is closed (EBADF). Renumbering a closed fd is EBADF.
#![allow(dead_code)]
fn main() {
    let a = open(PREOPEN, 0, "sub/a.txt", 0, 0).unwrap();
    let b = open(PREOPEN, 0, "sub/b.txt", 0, 0).unwrap();
    println!("read 1 byte of a: {:?}", String::from_utf8(read(a, 1).unwrap()).unwrap());
    println!("renumber a onto b: {}", errno_name(unsafe { fd_renumber(a, b) }));
    println!("b now reads: {:?}", String::from_utf8(read(b, 10).unwrap()).unwrap());
    println!("read a: {}", read(a, 1).map(|_| "OK").unwrap_or_else(errno_name));
    println!("renumber closed a onto b: {}", errno_name(unsafe { fd_renumber(a, b) }));
    println!("close b: {}", errno_name(unsafe { fd_close(b) }));
}

// ---- preview1 declared by hand, as the `wasi` crate does ----
#[repr(C)]
#[derive(Default, Clone, Copy)]
struct Fdstat {
    filetype: u8,
    flags: u16,
    base: u64,
    inheriting: u64,
}

#[repr(C)]
#[derive(Default, Clone, Copy)]
struct Filestat {
    dev: u64,
    ino: u64,
    filetype: u8,
    nlink: u64,
    size: u64,
    atim: u64,
    mtim: u64,
    ctim: u64,
}

#[repr(C)]
#[derive(Default, Clone, Copy)]
struct Prestat {
    tag: u8,
    name_len: usize,
}

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn fd_fdstat_get(fd: u32, out: *mut Fdstat) -> u16;
    fn fd_fdstat_set_flags(fd: u32, flags: u32) -> u16;
    fn fd_filestat_get(fd: u32, out: *mut Filestat) -> u16;
    fn fd_prestat_get(fd: u32, out: *mut Prestat) -> u16;
    fn fd_prestat_dir_name(fd: u32, buf: *mut u8, len: usize) -> u16;
    fn fd_readdir(fd: u32, buf: *mut u8, len: usize, cookie: u64, used: *mut usize) -> u16;
    fn fd_renumber(from: u32, to: u32) -> u16;
    fn fd_tell(fd: u32, out: *mut u64) -> u16;
    fn fd_seek(fd: u32, offset: i64, whence: u32, out: *mut u64) -> u16;
    fn fd_close(fd: u32) -> u16;
    fn fd_read(fd: u32, iovs: *const Iovec, n: usize, out: *mut usize) -> u16;
    fn fd_write(fd: u32, iovs: *const Iovec, n: usize, out: *mut usize) -> u16;
    fn fd_pread(fd: u32, iovs: *const Iovec, n: usize, offset: u64, out: *mut usize) -> u16;
    fn fd_pwrite(fd: u32, iovs: *const Iovec, n: usize, offset: u64, out: *mut usize) -> u16;
    fn path_open(fd: u32, dirflags: u32, path: *const u8, len: usize, oflags: u32, base: u64, inheriting: u64, fdflags: u32, out: *mut u32) -> u16;
    fn path_filestat_get(fd: u32, flags: u32, path: *const u8, len: usize, out: *mut Filestat) -> u16;
    fn path_symlink(old: *const u8, old_len: usize, fd: u32, new: *const u8, new_len: usize) -> u16;
    fn path_link(fd: u32, flags: u32, old: *const u8, old_len: usize, fd2: u32, new: *const u8, new_len: usize) -> u16;
    fn path_remove_directory(fd: u32, path: *const u8, len: usize) -> u16;
    fn path_create_directory(fd: u32, path: *const u8, len: usize) -> u16;
    fn args_sizes_get(argc: *mut usize, size: *mut usize) -> u16;
    fn args_get(argv: *mut *mut u8, buf: *mut u8) -> u16;
    fn environ_sizes_get(count: *mut usize, size: *mut usize) -> u16;
    fn environ_get(environ: *mut *mut u8, buf: *mut u8) -> u16;
    fn random_get(buf: *mut u8, len: usize) -> u16;
}

#[repr(C)]
struct Iovec {
    buf: *const u8,
    len: usize,
}

const FILETYPE_DIRECTORY: u8 = 3;
const FILETYPE_REGULAR_FILE: u8 = 4;
const FILETYPE_SYMBOLIC_LINK: u8 = 7;
const LOOKUP_SYMLINK_FOLLOW: u32 = 1;
const O_CREAT: u32 = 1;
const O_DIRECTORY: u32 = 2;
const O_EXCL: u32 = 4;
const O_TRUNC: u32 = 8;
const FDFLAGS_APPEND: u32 = 1;
/// Every right: a mask, so the host grants what the file can use.
const ALL_RIGHTS: u64 = (1 << 30) - 1;
/// Every right but those that read, write, seek or resize file data
/// (fd_datasync, fd_read, fd_seek, fd_sync, fd_tell, fd_write, fd_advise,
/// fd_allocate, fd_filestat_set_size): asked for a directory, as wasi-libc
/// does for open(O_RDONLY|O_DIRECTORY). Hosts map write rights to O_RDWR,
/// which POSIX refuses on a directory (EISDIR).
const DIR_RIGHTS: u64 = ALL_RIGHTS & !(1 << 0 | 1 << 1 | 1 << 2 | 1 << 4 | 1 << 5 | 1 << 6 | 1 << 7 | 1 << 8 | 1 << 22);
/// The first preopen ("fs.dir"); cases with one preopen only use this.
const PREOPEN: u32 = 3;

fn filetype_name(t: u8) -> &'static str {
    match t {
        FILETYPE_DIRECTORY => "directory",
        FILETYPE_REGULAR_FILE => "regular_file",
        FILETYPE_SYMBOLIC_LINK => "symbolic_link",
        _ => "other",
    }
}

fn errno_name(e: u16) -> &'static str {
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
fn open(dir: u32, dirflags: u32, path: &str, oflags: u32, fdflags: u32) -> Result<u32, u16> {
    let base = if oflags & O_DIRECTORY != 0 { DIR_RIGHTS } else { ALL_RIGHTS };
    open_rights(dir, dirflags, path, oflags, base, fdflags)
}

/// path_open asking for `base` rights and every inheriting right, both
/// limited to what `dir` can hand down (its inheriting rights), as wasi-libc
/// and the `wasi` crate's users do: witx path_open lets a host return fewer
/// rights "if and only if those rights do not apply to the type of file",
/// so a request beyond the directory's inheriting rights may be refused
/// (ENOTCAPABLE on WasmEdge and WAMR).
fn open_rights(dir: u32, dirflags: u32, path: &str, oflags: u32, base: u64, fdflags: u32) -> Result<u32, u16> {
    let mut st = Fdstat::default();
    let e = unsafe { fd_fdstat_get(dir, &mut st) };
    if e != 0 {
        return Err(e);
    }
    open_unmasked(dir, dirflags, path, oflags, base & st.inheriting, ALL_RIGHTS & st.inheriting, fdflags)
}

/// path_open with exactly these rights.
fn open_unmasked(dir: u32, dirflags: u32, path: &str, oflags: u32, base: u64, inheriting: u64, fdflags: u32) -> Result<u32, u16> {
    let mut fd = u32::MAX;
    let e = unsafe { path_open(dir, dirflags, path.as_ptr(), path.len(), oflags, base, inheriting, fdflags, &mut fd) };
    if e == 0 { Ok(fd) } else { Err(e) }
}

fn filestat(fd: u32) -> Result<Filestat, u16> {
    let mut st = Filestat::default();
    let e = unsafe { fd_filestat_get(fd, &mut st) };
    if e == 0 { Ok(st) } else { Err(e) }
}

fn read(fd: u32, n: usize) -> Result<Vec<u8>, u16> {
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

fn write(fd: u32, data: &[u8]) -> Result<usize, u16> {
    let iov = Iovec { buf: data.as_ptr(), len: data.len() };
    let mut n = 0;
    let e = unsafe { fd_write(fd, &iov, 1, &mut n) };
    if e == 0 { Ok(n) } else { Err(e) }
}

fn show<T>(what: &str, r: Result<T, u16>) -> Option<T> {
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
