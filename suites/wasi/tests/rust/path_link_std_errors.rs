//! path_link_std_errors: `fs::hard_link` where POSIX link refuses: a
//! directory as the source is EPERM ("The file named by path1 is a
//! directory"; Linux says EPERM too); a missing source is ENOENT; a new name
//! in a missing directory is ENOENT. No link is left behind.
fn main() {
    for (from, to) in [("fs.dir/sub", "fs.dir/sublink"), ("fs.dir/missing", "fs.dir/x"), ("fs.dir/hello.txt", "fs.dir/nodir/x")] {
        match std::fs::hard_link(from, to) {
            Ok(()) => println!("{from} -> {to}: ok"),
            Err(e) => println!("{from} -> {to}: {}", errno(&e)),
        }
    }
}

/// The WASI errno of an error, by name (std keeps the WASI value as the raw OS error).
fn errno(e: &std::io::Error) -> &'static str {
    match e.raw_os_error() {
        Some(2) => "EACCES",
        Some(8) => "EBADF",
        Some(20) => "EEXIST",
        Some(28) => "EINVAL",
        Some(31) => "EISDIR",
        Some(32) => "ELOOP",
        Some(44) => "ENOENT",
        Some(54) => "ENOTDIR",
        Some(55) => "ENOTEMPTY",
        Some(63) => "EPERM",
        Some(76) => "ENOTCAPABLE",
        Some(_) => "another errno",
        None => "not an OS error",
    }
}
