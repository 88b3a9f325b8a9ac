//! path_create_directory_std_errors: `fs::create_dir` where POSIX mkdir
//! refuses: an existing file or directory is EEXIST, a missing parent is
//! ENOENT, a file as parent is ENOTDIR; with a trailing slash a new
//! directory is made (POSIX: the trailing slash names a directory).
//! Known divergence: wazero 1.9 says ENOENT for `hello.txt/x`; POSIX mkdir
//! says ENOTDIR when "a component of the path prefix names an existing file
//! that is neither a directory nor a symbolic link to a directory".
fn main() {
    for p in ["fs.dir/hello.txt", "fs.dir/sub", "fs.dir/missing/x", "fs.dir/hello.txt/x", "fs.dir/made/"] {
        match std::fs::create_dir(p) {
            Ok(()) => println!("{p}: ok"),
            Err(e) => println!("{p}: {}", errno(&e)),
        }
    }
    println!("made is a dir: {}", std::fs::metadata("fs.dir/made").unwrap().is_dir());
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
