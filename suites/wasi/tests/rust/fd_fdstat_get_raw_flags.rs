//! fd_fdstat_get_raw_flags: `fd_fdstat_get` reports the filetype and the
//! fdflags an fd was opened with (witx fdstat `fs_flags`: "file descriptor
//! flags"): a preopen is a directory with no flags, a file opened with
//! APPEND reports APPEND, one opened without reports none.
#![allow(dead_code)]
fn stat(fd: u32) -> String {
    let mut st = Fdstat::default();
    match unsafe { fd_fdstat_get(fd, &mut st) } {
        0 => format!("{} flags {}", filetype_name(st.filetype), st.flags),
        e => errno_name(e).to_string(),
    }
}

fn main() {
    println!("preopen: {}", stat(PREOPEN));
    println!("plain file: {}", stat(open(PREOPEN, 0, "hello.txt", 0, 0).unwrap()));
    println!("append file: {}", stat(open(PREOPEN, 0, "hello.txt", 0, FDFLAGS_APPEND).unwrap()));
    println!("directory: {}", stat(open(PREOPEN, 0, "sub", O_DIRECTORY, 0).unwrap()));
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
