//! path_open_raw_symlink_sandbox: symlinks whose targets leave the preopen
//! can be made (witx path_symlink: "Create a symbolic link"; a host may
//! refuse an absolute target at creation, and witx names no errno for it:
//! wasmtime says EPERM, WasmEdge EINVAL, WAMR EBADF; that line accepts any
//! answer), but following them is
//! refused: an absolute target or one with `..` above the preopen must not
//! resolve outside it (the preview1 sandbox; wasmtime says EPERM, others
//! ENOTCAPABLE or EACCES: printed "refused"). A symlink loop gives ELOOP
//! (POSIX: "A loop exists in symbolic links encountered during resolution").
//! Known divergence: wazero 1.9 answers ENOENT for `up` (it resolves `..`
//! against its mount root rather than refusing).
#![allow(dead_code)]
fn main() {
    let mut made = Vec::new();
    for (target, link) in [("/etc/passwd", "abs"), ("../../outside", "up"), ("loop-b", "loop-a"), ("loop-a", "loop-b")] {
        let e = unsafe { path_symlink(target.as_ptr(), target.len(), PREOPEN, link.as_ptr(), link.len()) };
        if e == 0 {
            made.push(link);
        }
        let what = match e {
            _ if link == "abs" => "OK or refused",
            0 => "OK",
            e => errno_name(e),
        };
        println!("symlink {link} -> {target}: {what}");
    }
    for link in ["abs", "up", "loop-a"] {
        let what = match open(PREOPEN, LOOKUP_SYMLINK_FOLLOW, link, 0, 0) {
            Ok(_) => "opened",
            Err(63 | 76 | 2) => "refused",
            Err(44) if !made.contains(&link) => "refused",
            Err(e) => errno_name(e),
        };
        println!("open {link} following: {what}");
    }
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
