//! path_filestat_get_raw_follow: witx `path_filestat_get` with and without
//! lookupflags `symlink_follow` ("as long as the path is a symbolic link,
//! follow it"): on a symlink to a file, without the flag the link itself
//! (symbolic_link), with it the file (regular_file, 13 bytes); on a dangling
//! link, without the flag the link, with it ENOENT (POSIX stat).
#![allow(dead_code)]
fn stat(flags: u32, path: &str) -> String {
    let mut st = Filestat::default();
    match unsafe { path_filestat_get(PREOPEN, flags, path.as_ptr(), path.len(), &mut st) } {
        0 if st.filetype == FILETYPE_REGULAR_FILE => format!("regular_file size {}", st.size),
        0 => filetype_name(st.filetype).to_string(),
        e => errno_name(e).to_string(),
    }
}

fn main() {
    for (target, link) in [("hello.txt", "link"), ("nowhere", "dangling"), ("sub", "dirlink")] {
        let e = unsafe { path_symlink(target.as_ptr(), target.len(), PREOPEN, link.as_ptr(), link.len()) };
        println!("symlink {link} -> {target}: {}", errno_name(e));
    }
    for p in ["link", "dangling", "dirlink", "hello.txt"] {
        println!("{p}: nofollow {} / follow {}", stat(0, p), stat(LOOKUP_SYMLINK_FOLLOW, p));
    }
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
