//! fd_advise_allocate_raw: witx `fd_advise` ("Provide file advisory
//! information on a file descriptor"; POSIX posix_fadvise) succeeds for each
//! of the six advice values on a file; `fd_allocate` ("Force the allocation
//! of space in a file") extends a 13-byte file to 100 bytes, or is refused
//! with ENOTSUP by a host that does not offer it (wasmtime), leaving it 13:
//! the size printed must match the answer.
#![allow(dead_code)]
fn main() {
    let fd = open(PREOPEN, 0, "hello.txt", 0, 0).unwrap();
    let mut all_ok = true;
    for advice in 0..6 {
        let e = unsafe { fd_advise(fd, 0, 13, advice) };
        if e != 0 {
            println!("advice {advice}: {}", errno_name(e));
            all_ok = false;
        }
    }
    println!("fd_advise, all six values: {}", if all_ok { "OK" } else { "failed" });
    let e = unsafe { fd_allocate(fd, 0, 100) };
    let size = filestat(fd).unwrap().size;
    match e {
        0 => println!("fd_allocate 100: OK or ENOTSUP, size matches: {}", size == 100),
        58 => println!("fd_allocate 100: OK or ENOTSUP, size matches: {}", size == 13),
        e => println!("fd_allocate 100: {}", errno_name(e)),
    }
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
