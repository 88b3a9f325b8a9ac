//! path_open_raw_creat_dangling: O_CREAT through a dangling symlink, with
//! SYMLINK_FOLLOW. POSIX open: "If O_CREAT and O_EXCL are set, and path
//! names a symbolic link, open() shall fail and set errno to [EEXIST],
//! regardless of the contents of the symbolic link", so CREAT|EXCL does not
//! follow it. With O_CREAT alone the
//! link is followed and POSIX creates the file it names (Linux does); a
//! sandboxing host may refuse instead (printed "refused": ENOENT, EPERM,
//! ENOTCAPABLE, ELOOP); either way nothing is created outside the preopen.
//! Known divergence: WasmEdge 0.15.1 and WAMR 2.4.5 follow the link under
//! CREAT|EXCL and create `target.txt` (OK instead of EEXIST).
#![allow(dead_code)]
fn main() {
    unsafe { path_symlink("target.txt".as_ptr(), 10, PREOPEN, "dangling".as_ptr(), 8) };
    show("CREAT|EXCL dangling", open(PREOPEN, LOOKUP_SYMLINK_FOLLOW, "dangling", O_CREAT | O_EXCL, 0));
    match open(PREOPEN, LOOKUP_SYMLINK_FOLLOW, "dangling", O_CREAT, 0) {
        Ok(fd) => {
            write(fd, b"made\n").unwrap();
            println!("CREAT dangling: created the target");
        }
        Err(44 | 63 | 76 | 32) => println!("CREAT dangling: refused"),
        Err(e) => println!("CREAT dangling: {}", errno_name(e)),
    }
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
