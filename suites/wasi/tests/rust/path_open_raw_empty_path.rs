//! path_open_raw_empty_path: an empty path. POSIX path resolution: "A
//! null pathname shall not be successfully resolved" and open, stat, mkdir
//! and unlink fail with ENOENT. The same holds beneath a preopen for
//! path_open, path_filestat_get and path_create_directory. Known
//! divergence: wazero 1.9 resolves "" as the directory itself (EINVAL,
//! success, EEXIST).
#![allow(dead_code)]
fn main() {
    show("path_open \"\"", open(PREOPEN, 0, "", 0, 0));
    let mut st = Filestat::default();
    println!("path_filestat_get \"\": {}", errno_name(unsafe { path_filestat_get(PREOPEN, 0, "".as_ptr(), 0, &mut st) }));
    println!("path_create_directory \"\": {}", errno_name(unsafe { path_create_directory(PREOPEN, "".as_ptr(), 0) }));
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
