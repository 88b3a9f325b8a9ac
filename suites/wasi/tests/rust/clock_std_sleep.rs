//! clock_std_sleep: `std::thread::sleep` is a `poll_oneoff` with one relative
//! MONOTONIC clock subscription; witx poll_oneoff "concurrently poll[s] for the
//! occurrence of a set of events", so it returns after the timeout, not
//! before: an `Instant` measured around a 30 ms sleep shows at least 30 ms.
use std::time::{Duration, Instant};
fn main() {
    let start = Instant::now();
    std::thread::sleep(Duration::from_millis(30));
    let slept = start.elapsed();
    println!("slept at least 30 ms: {}", slept >= Duration::from_millis(30));
    println!("slept less than 5 s: {}", slept < Duration::from_secs(5));
}
