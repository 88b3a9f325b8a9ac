//! fd_filestat_get_raw: witx filestat fields that a correct host fills the
//! same way: `filetype` (regular_file, directory), `size` of a file, and
//! `nlink`, the "number of hard links to the file", 1 for a fresh file and 2
//! after a path_link. dev, ino and times vary and are not printed.
#![allow(dead_code)]
fn main() {
    let fd = open(PREOPEN, 0, "hello.txt", 0, 0).unwrap();
    let st = filestat(fd).unwrap();
    println!("hello.txt: {} size {} nlink {}", filetype_name(st.filetype), st.size, st.nlink);
    let e = unsafe { path_link(PREOPEN, 0, "hello.txt".as_ptr(), 9, PREOPEN, "again.txt".as_ptr(), 9) };
    println!("path_link: {}", errno_name(e));
    let st = filestat(fd).unwrap();
    println!("hello.txt after link: nlink {}", st.nlink);
    let dir = open(PREOPEN, 0, "sub", O_DIRECTORY, 0).unwrap();
    println!("sub: {}", filetype_name(filestat(dir).unwrap().filetype));
    unsafe { fd_close(fd) };
    println!("closed fd: {}", filestat(fd).map(|_| "OK").unwrap_or_else(errno_name));
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
