//! fd_fdstat_set_flags_raw: witx `fd_fdstat_set_flags` "adjust[s] the flags
//! associated with a file descriptor", like POSIX `fcntl(F_SETFL)`: after
//! setting APPEND on a file opened without it, `fd_fdstat_get` reports it and
//! a write after a seek to 0 lands at the end. Clearing it again makes
//! writes go to the offset. A host that cannot change APPEND on an open fd
//! may say ENOTSUP; then the rest is skipped (both outcomes are allowed).
#![allow(dead_code)]
fn flags(fd: u32) -> u16 {
    let mut st = Fdstat::default();
    assert_eq!(unsafe { fd_fdstat_get(fd, &mut st) }, 0);
    st.flags
}

fn main() {
    let fd = open(PREOPEN, 0, "hello.txt", 0, 0).unwrap();
    println!("append before: {}", flags(fd) & 1 != 0);
    let e = unsafe { fd_fdstat_set_flags(fd, FDFLAGS_APPEND) };
    if e == 58 {
        println!("set APPEND: ENOTSUP");
        return;
    }
    println!("set APPEND: {}", errno_name(e));
    println!("append after: {}", flags(fd) & 1 != 0);
    let mut pos = 0;
    unsafe { fd_seek(fd, 0, 0, &mut pos) };
    write(fd, b"end\n").unwrap();
    println!("clear: {}", errno_name(unsafe { fd_fdstat_set_flags(fd, 0) }));
    unsafe { fd_seek(fd, 0, 0, &mut pos) };
    write(fd, b"J").unwrap();
    let mut all = Vec::new();
    unsafe { fd_seek(fd, 0, 0, &mut pos) };
    loop {
        let chunk = read(fd, 64).unwrap();
        if chunk.is_empty() {
            break;
        }
        all.extend(chunk);
    }
    println!("content: {:?}", String::from_utf8(all).unwrap());
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
