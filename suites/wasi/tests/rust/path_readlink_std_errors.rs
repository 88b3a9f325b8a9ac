//! path_readlink_std_errors: `std::fs::read_link` on things that are not
//! symlinks: a regular file and a directory give EINVAL (POSIX readlink: "The
//! path argument names a file that is not a symbolic link"), a missing name
//! ENOENT.
fn main() {
    for p in ["fs.dir/hello.txt", "fs.dir/sub", "fs.dir/missing"] {
        match std::fs::read_link(p) {
            Ok(t) => println!("{p}: {}", t.display()),
            Err(e) => println!("{p}: {}", errno(&e)),
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
