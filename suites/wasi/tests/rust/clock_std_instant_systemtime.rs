//! clock_std_instant_systemtime: `Instant::now` (clock_time_get MONOTONIC) is
//! non-decreasing over many reads (witx: "the time value of this clock cannot
//! be adjusted and cannot have negative time steps"), and `SystemTime::now`
//! (REALTIME) is after 2020-01-01 and not after 2200. No time is printed.
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
fn main() {
    let start = Instant::now();
    let mut last = start;
    let mut ok = true;
    for _ in 0..1000 {
        let now = Instant::now();
        ok &= now >= last;
        last = now;
    }
    println!("monotonic non-decreasing: {ok}");
    println!("elapsed >= 0: {}", last.duration_since(start) >= Duration::ZERO);
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    println!("realtime after 2020: {}", since > 1_577_836_800);
    println!("realtime before 2200: {}", since < 7_258_118_400);
}
