//! fd_pread_pwrite_raw: witx `fd_pwrite` / `fd_pread` "without using and
//! updating the file descriptor's offset" (POSIX pwrite/pread): after a seek
//! to 3, a pwrite at 7 and a pread at 0 leave fd_tell at 3; the file holds
//! the pwritten bytes; a pread past the end returns 0 bytes.
#![allow(dead_code)]
fn main() {
    let fd = open(PREOPEN, 0, "hello.txt", 0, 0).unwrap();
    let mut pos = 0;
    unsafe { fd_seek(fd, 3, 0, &mut pos) };
    let data = b"wasi";
    let iov = Iovec { buf: data.as_ptr(), len: 4 };
    let mut n = 0;
    println!("pwrite at 7: {} ({n} bytes)", errno_name(unsafe { fd_pwrite(fd, &iov, 1, 7, &mut n) }));
    let mut buf = [0u8; 32];
    let iov = Iovec { buf: buf.as_mut_ptr(), len: 32 };
    let e = unsafe { fd_pread(fd, &iov, 1, 0, &mut n) };
    println!("pread at 0: {} {:?}", errno_name(e), String::from_utf8_lossy(&buf[..n]));
    let e = unsafe { fd_pread(fd, &iov, 1, 100, &mut n) };
    println!("pread at 100: {} ({n} bytes)", errno_name(e));
    let mut tell = 0;
    let e = unsafe { fd_tell(fd, &mut tell) };
    println!("fd_tell: {}, offset still 3: {}", errno_name(e), tell == 3);
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
