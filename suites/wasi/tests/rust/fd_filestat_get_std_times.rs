//! fd_filestat_get_std_times: `Metadata::modified` and `accessed` come from
//! the filestat's `mtim`/`atim` (nanoseconds since the epoch): a file just
//! written was modified after 2020 and not in the far future, and its mtime
//! does not go backwards when it is written again. No time is printed.
use std::io::Write;
use std::time::{Duration, UNIX_EPOCH};
fn main() {
    let mut f = std::fs::File::create("fs.dir/t.txt").unwrap();
    f.write_all(b"1").unwrap();
    let m1 = f.metadata().unwrap().modified().unwrap();
    let since = m1.duration_since(UNIX_EPOCH).unwrap();
    println!("modified after 2020: {}", since > Duration::from_secs(1_577_836_800));
    println!("modified before 2200: {}", since < Duration::from_secs(7_258_118_400));
    std::thread::sleep(Duration::from_millis(20));
    f.write_all(b"2").unwrap();
    let m2 = std::fs::metadata("fs.dir/t.txt").unwrap().modified().unwrap();
    println!("mtime non-decreasing: {}", m2 >= m1);
    println!("accessed is set: {}", f.metadata().unwrap().accessed().unwrap() > UNIX_EPOCH);
}
