//! clock_raw_res_and_sched: `clock_res_get` for REALTIME and MONOTONIC
//! succeeds with a resolution above 0 (witx clock_res_get: "Implementations
//! are required to provide a non-zero value for supported clocks") and, for
//! these two clocks, at most 1 s; `clock_time_get` with
//! a precision argument succeeds; `sched_yield` succeeds.
#![allow(dead_code)]
fn main() {
    for (name, id) in [("realtime", 0), ("monotonic", 1)] {
        let mut res = 0;
        let e = unsafe { clock_res_get(id, &mut res) };
        println!("{name} res: {}, in (0, 1 s]: {}", errno_name(e), res > 0 && res <= 1_000_000_000);
        let mut t = 0;
        let e = unsafe { clock_time_get(id, 1_000_000, &mut t) };
        println!("{name} time with precision 1 ms: {}, nonzero: {}", errno_name(e), t > 0);
    }
    println!("sched_yield: {}", errno_name(unsafe { sched_yield() }));
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
