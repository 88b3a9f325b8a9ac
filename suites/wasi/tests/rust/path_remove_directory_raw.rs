//! path_remove_directory_raw: witx `path_remove_directory` ("Return
//! errno::notempty if the directory is not empty"; POSIX rmdir also allows
//! EEXIST, printed "not empty"); on a file ENOTDIR; on a missing name ENOENT;
//! on an empty directory it succeeds, and a second call is ENOENT.
#![allow(dead_code)]
fn rmdir(path: &str) -> &'static str {
    match unsafe { path_remove_directory(PREOPEN, path.as_ptr(), path.len()) } {
        55 | 20 => "not empty",
        e => errno_name(e),
    }
}

fn main() {
    println!("mkdir empty: {}", errno_name(unsafe { path_create_directory(PREOPEN, "empty".as_ptr(), 5) }));
    println!("rmdir sub: {}", rmdir("sub"));
    println!("rmdir hello.txt: {}", rmdir("hello.txt"));
    println!("rmdir missing: {}", rmdir("missing"));
    println!("rmdir empty: {}", rmdir("empty"));
    println!("rmdir empty again: {}", rmdir("empty"));
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
