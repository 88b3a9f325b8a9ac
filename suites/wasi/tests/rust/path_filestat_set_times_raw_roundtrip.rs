//! path_filestat_set_times_raw_roundtrip: times set with
//! `path_filestat_set_times` and `fd_filestat_set_times` (fstflags ATIM|MTIM:
//! "adjust the ... timestamp to the value stored in" the argument) are read
//! back by `fd_filestat_get` to the second (hosts may keep less than
//! nanosecond precision). The values are compared, never printed. MTIM_NOW
//! gives a time after 2020.
#![allow(dead_code)]
const ATIM: u32 = 1;
const ATIM_NOW: u32 = 2;
const MTIM: u32 = 4;
const MTIM_NOW: u32 = 8;
const SEC: u64 = 1_000_000_000;

fn main() {
    let (a, m) = (1_600_000_000 * SEC, 1_500_000_000 * SEC + 123_456_789);
    let e = unsafe { path_filestat_set_times(PREOPEN, 0, "hello.txt".as_ptr(), 9, a, m, ATIM | MTIM) };
    println!("path_filestat_set_times: {}", errno_name(e));
    let fd = open(PREOPEN, 0, "hello.txt", 0, 0).unwrap();
    let st = filestat(fd).unwrap();
    println!("atim matches: {}", st.atim / SEC == a / SEC);
    println!("mtim matches: {}", st.mtim / SEC == m / SEC);
    let e = unsafe { fd_filestat_set_times(fd, 0, 1_400_000_000 * SEC, MTIM) };
    println!("fd_filestat_set_times MTIM: {}", errno_name(e));
    let st = filestat(fd).unwrap();
    println!("mtim matches: {}, atim kept: {}", st.mtim / SEC == 1_400_000_000, st.atim / SEC == a / SEC);
    let e = unsafe { fd_filestat_set_times(fd, 0, 0, MTIM_NOW | ATIM_NOW) };
    println!("fd_filestat_set_times NOW: {}", errno_name(e));
    let st = filestat(fd).unwrap();
    println!("mtim after 2020: {}", st.mtim / SEC > 1_577_836_800);
    let e = unsafe { fd_filestat_set_times(fd, 0, 0, MTIM | MTIM_NOW) };
    println!("MTIM|MTIM_NOW: {}", errno_name(e));
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
