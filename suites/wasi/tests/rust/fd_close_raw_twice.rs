//! fd_close_raw_twice: witx `fd_close` on an open fd succeeds; the fd is
//! then closed, so a second close, a read and an fdstat on it are EBADF
//! (POSIX close: "fildes is not a valid open file descriptor"). The fd of the
//! next open is not printed (its number is the host's choice).
#![allow(dead_code)]
fn main() {
    let fd = open(PREOPEN, 0, "hello.txt", 0, 0).unwrap();
    println!("close: {}", errno_name(unsafe { fd_close(fd) }));
    println!("close again: {}", errno_name(unsafe { fd_close(fd) }));
    println!("read: {}", read(fd, 4).map(|_| "OK").unwrap_or_else(errno_name));
    let mut st = Fdstat::default();
    println!("fdstat: {}", errno_name(unsafe { fd_fdstat_get(fd, &mut st) }));
    let again = open(PREOPEN, 0, "hello.txt", 0, 0).unwrap();
    println!("reopen reads: {:?}", String::from_utf8(read(again, 5).unwrap()).unwrap());
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
