//! poll_oneoff_raw_stdout_writable: what an async runtime on wasm32-wasi
//! does: poll_oneoff with an fd_write subscription on stdout (a pipe with
//! room, so "ready to write", witx eventtype `fd_write`) and a relative
//! MONOTONIC clock of 5 s. The write event comes first and alone, with
//! error 0 and its userdata; the clock has not fired. Known divergence:
//! wazero 1.9 answers the fd_write subscription with ENOTSUP and waits for
//! the clock (two events after 5 s).
#![allow(dead_code)]
fn main() {
    // subscription: userdata u64, tag u8 at 8, union at 16 (48 bytes in all)
    let mut subs = [0u8; 96];
    subs[0..8].copy_from_slice(&11u64.to_le_bytes());
    subs[8] = 2; // fd_write
    subs[16..20].copy_from_slice(&1u32.to_le_bytes());
    subs[48..56].copy_from_slice(&22u64.to_le_bytes());
    subs[56] = 0; // clock
    subs[64..68].copy_from_slice(&1u32.to_le_bytes()); // monotonic
    subs[72..80].copy_from_slice(&5_000_000_000u64.to_le_bytes());
    // event: userdata u64, error u16 at 8, type u8 at 10 (32 bytes)
    let mut events = [0u8; 64];
    let mut n = 0;
    let e = unsafe { poll_oneoff(subs.as_ptr(), events.as_mut_ptr(), 2, &mut n) };
    println!("poll_oneoff: {}, events: {n}", errno_name(e));
    for ev in events.chunks(32).take(n) {
        let userdata = u64::from_le_bytes(ev[0..8].try_into().unwrap());
        let error = u16::from_le_bytes(ev[8..10].try_into().unwrap());
        println!("event: userdata {userdata}, error {}, type {}", errno_name(error), ev[10]);
    }
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
