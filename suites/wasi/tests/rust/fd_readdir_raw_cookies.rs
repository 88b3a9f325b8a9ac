//! fd_readdir_raw_cookies: fd_readdir called raw with a 40-byte buffer, as
//! a crate that follows cookies must: each call fills the buffer with whole
//! and partial dirents (witx: "If the buffer is not large enough to hold
//! the entire entry, the entry is truncated"; fewer bytes than the buffer
//! mean the end), the next call starts at the `d_next` of the last whole
//! entry. Names are collected, `.`/`..` dropped, sorted. Then a listing
//! restarted from the cookie saved after the first whole entry gives every
//! remaining entry (cookies stay valid on an unchanged directory).
#![allow(dead_code)]
/// Every (name, d_next) from `cookie` on, reading `buf_len` bytes per call.
fn list(fd: u32, mut cookie: u64, buf_len: usize) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; buf_len];
    loop {
        let mut used = 0;
        let e = unsafe { fd_readdir(fd, buf.as_mut_ptr(), buf.len(), cookie, &mut used) };
        assert_eq!(e, 0, "fd_readdir");
        let mut at = 0;
        let mut progressed = false;
        while at + 24 <= used {
            let next = u64::from_le_bytes(buf[at..at + 8].try_into().unwrap());
            let namlen = u32::from_le_bytes(buf[at + 16..at + 20].try_into().unwrap()) as usize;
            if at + 24 + namlen > used {
                break;
            }
            if 24 + namlen > buf.len() {
                buf.resize(24 + namlen, 0);
            }
            let name = String::from_utf8_lossy(&buf[at + 24..at + 24 + namlen]).into_owned();
            out.push((name, next));
            cookie = next;
            progressed = true;
            at += 24 + namlen;
        }
        if used < buf.len() {
            return out;
        }
        if !progressed {
            // One entry larger than the buffer: grow and retry from the same cookie.
            let n = buf.len() * 2;
            buf.resize(n, 0);
        }
    }
}

fn names(entries: &[(String, u64)]) -> Vec<String> {
    let mut v: Vec<String> = entries.iter().map(|(n, _)| n.clone()).filter(|n| n != "." && n != "..").collect();
    v.sort();
    v
}

fn main() {
    let fd = open(PREOPEN, 0, "sub", O_DIRECTORY, 0).map_err(errno_name).unwrap();
    let small = list(fd, 0, 40);
    println!("40-byte buffer: {:?}", names(&small));
    let big = list(fd, 0, 4096);
    println!("4096-byte buffer: {:?}", names(&big));
    let first = &small[0];
    let rest = list(fd, first.1, 40);
    let mut together = names(&rest);
    together.extend(names(&small[..1]));
    together.sort();
    println!("first entry + restart from its cookie: {together:?}");
    println!("restart listed the first entry again: {}", rest.iter().any(|(n, _)| *n == first.0));
    println!("close: {}", errno_name(unsafe { fd_close(fd) }));
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
