//! path_open_raw_oflags: each `oflags` bit of witx `path_open`, called raw:
//! CREAT makes a missing file; CREAT|EXCL on an existing one is EEXIST
//! (`excl`: "Fail if file already exists"; POSIX open: EEXIST); without
//! CREAT a missing file is ENOENT; DIRECTORY on a file is ENOTDIR
//! (`directory`: "Fail if not directory"); TRUNC empties (`trunc`:
//! "Truncate file to size 0"); DIRECTORY on a directory works; CREAT on an
//! existing file opens it unchanged.
#![allow(dead_code)]
fn main() {
    if let Some(fd) = show("CREAT new.txt", open(PREOPEN, 0, "new.txt", O_CREAT, 0)) {
        println!("  size: {}", filestat(fd).unwrap().size);
        unsafe { fd_close(fd) };
    }
    show("CREAT|EXCL hello.txt", open(PREOPEN, 0, "hello.txt", O_CREAT | O_EXCL, 0));
    show("CREAT|EXCL new.txt", open(PREOPEN, 0, "new.txt", O_CREAT | O_EXCL, 0));
    show("no flags, missing.txt", open(PREOPEN, 0, "missing.txt", 0, 0));
    show("DIRECTORY hello.txt", open(PREOPEN, 0, "hello.txt", O_DIRECTORY, 0));
    if let Some(fd) = show("DIRECTORY sub", open(PREOPEN, 0, "sub", O_DIRECTORY, 0)) {
        println!("  filetype: {}", filetype_name(filestat(fd).unwrap().filetype));
        unsafe { fd_close(fd) };
    }
    if let Some(fd) = show("TRUNC sub/b.txt", open(PREOPEN, 0, "sub/b.txt", O_TRUNC, 0)) {
        println!("  size: {}", filestat(fd).unwrap().size);
        unsafe { fd_close(fd) };
    }
    if let Some(fd) = show("CREAT hello.txt (exists)", open(PREOPEN, 0, "hello.txt", O_CREAT, 0)) {
        println!("  size: {}", filestat(fd).unwrap().size);
        unsafe { fd_close(fd) };
    }
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
