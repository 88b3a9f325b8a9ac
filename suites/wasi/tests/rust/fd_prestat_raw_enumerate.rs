//! fd_prestat_raw_enumerate: how wasi-libc and the `wasi` crate find the
//! preopens: `fd_prestat_get` on fd 3, 4, ... until it fails with EBADF
//! (witx fd_prestat_get: "return a description of the given preopened file
//! descriptor"; wasi-libc's `__wasilibc_populate_preopens` stops at EBADF),
//! and `fd_prestat_dir_name` into a buffer of exactly `pr_name_len` bytes.
//! Names are sorted before printing (the order of preopens is the host's).
#![allow(dead_code)]
fn main() {
    let mut names = Vec::new();
    let mut fd = 3;
    let stop = loop {
        let mut p = Prestat::default();
        let e = unsafe { fd_prestat_get(fd, &mut p) };
        if e != 0 {
            break e;
        }
        println!("fd {}: tag {} (0 is dir)", if fd < 5 { "3 or 4" } else { "past 4" }, p.tag);
        let mut buf = vec![0u8; p.name_len];
        let e = unsafe { fd_prestat_dir_name(fd, buf.as_mut_ptr(), buf.len()) };
        println!("  fd_prestat_dir_name: {}", errno_name(e));
        names.push(String::from_utf8(buf).unwrap());
        fd += 1;
    };
    println!("stopped with: {}", errno_name(stop));
    names.sort();
    println!("preopens: {names:?}");
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
