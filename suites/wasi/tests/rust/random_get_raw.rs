//! random_get_raw: witx `random_get` "write[s] high-quality random data into
//! a buffer": two 64-byte draws succeed, and (with overwhelming probability)
//! differ and are not all zero. A zero-length draw succeeds. No byte is
//! printed.
#![allow(dead_code)]
fn main() {
    let mut a = [0u8; 64];
    let mut b = [0u8; 64];
    println!("draw 1: {}", errno_name(unsafe { random_get(a.as_mut_ptr(), 64) }));
    println!("draw 2: {}", errno_name(unsafe { random_get(b.as_mut_ptr(), 64) }));
    println!("differ: {}", a != b);
    println!("not all zero: {}", a.iter().any(|&x| x != 0));
    println!("empty draw: {}", errno_name(unsafe { random_get(b.as_mut_ptr(), 0) }));
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
