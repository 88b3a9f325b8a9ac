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

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
