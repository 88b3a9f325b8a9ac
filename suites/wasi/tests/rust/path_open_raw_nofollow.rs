//! path_open_raw_nofollow: path_open of a symlink without lookupflags
//! `symlink_follow`: witx path_open resolves the last component per
//! `dirflags`, and POSIX open with O_NOFOLLOW on a symlink fails with ELOOP.
//! With the flag it opens the target. A symlink in a middle component is
//! always followed (lookupflags apply to the last component only).
#![allow(dead_code)]
fn main() {
    unsafe {
        path_symlink("hello.txt".as_ptr(), 9, PREOPEN, "link".as_ptr(), 4);
        path_symlink("sub".as_ptr(), 3, PREOPEN, "dirlink".as_ptr(), 7);
    }
    show("open link, nofollow", open(PREOPEN, 0, "link", 0, 0));
    if let Some(fd) = show("open link, follow", open(PREOPEN, LOOKUP_SYMLINK_FOLLOW, "link", 0, 0)) {
        println!("  reads: {:?}", String::from_utf8(read(fd, 64).unwrap()).unwrap());
    }
    if let Some(fd) = show("open dirlink/a.txt, nofollow", open(PREOPEN, 0, "dirlink/a.txt", 0, 0)) {
        println!("  reads: {:?}", String::from_utf8(read(fd, 64).unwrap()).unwrap());
    }
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
