//! fd_renumber_raw_same_fd: `fd_renumber(fd, fd)`. witx: "Atomically replace
//! a file descriptor by renumbering another file descriptor"; POSIX dup2:
//! "If fildes2 is already a valid open file descriptor ... if fildes is
//! equal to fildes2, dup2() shall return fildes2 without closing it". So
//! it succeeds (or is refused with EINVAL by a host that forbids it) and the
//! fd stays open and readable either way. Known divergences: WAMR 2.4.5
//! aborts (SIGABRT) in the call; wazero 1.9 closes the fd (reads give
//! EBADF).
#![allow(dead_code)]
fn main() {
    let fd = open(PREOPEN, 0, "hello.txt", 0, 0).unwrap();
    match unsafe { fd_renumber(fd, fd) } {
        0 | 28 => println!("renumber fd onto itself: OK or EINVAL"),
        e => println!("renumber fd onto itself: {}", errno_name(e)),
    }
    println!("still reads: {}", read(fd, 5).map(|b| String::from_utf8(b).unwrap()).unwrap_or_else(|e| errno_name(e).into()));
    println!("close: {}", errno_name(unsafe { fd_close(fd) }));
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
