//! path_create_directory_std_all: `std::fs::create_dir_all` makes each missing
//! ancestor with `path_create_directory`, and is fine with ones that exist
//! (it checks with `path_filestat_get` after EEXIST). A second call on the
//! same path succeeds too. `create_dir` on an existing directory is
//! AlreadyExists (POSIX mkdir: EEXIST).
fn main() {
    std::fs::create_dir_all("fs.dir/a/b/c").unwrap();
    std::fs::create_dir_all("fs.dir/a/b/c").unwrap();
    std::fs::create_dir_all("fs.dir/sub/nested/deeper").unwrap();
    std::fs::write("fs.dir/a/b/c/leaf.txt", "leaf\n").unwrap();
    for p in ["fs.dir/a", "fs.dir/a/b", "fs.dir/a/b/c", "fs.dir/sub/nested/deeper"] {
        println!("{p}: dir {}", std::fs::metadata(p).unwrap().is_dir());
    }
    match std::fs::create_dir("fs.dir/a/b") {
        Ok(()) => println!("create_dir a/b again: ok"),
        Err(e) => println!("create_dir a/b again: {:?} {}", e.kind(), errno(&e)),
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
