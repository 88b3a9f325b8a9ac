//! path_open_std_kind_errors: the errors std maps from path_open, as programs
//! see them. POSIX open: writing a directory is EISDIR; a file used as a
//! directory in a path is ENOTDIR; a missing file without O_CREAT is ENOENT;
//! `read_dir` of a file (O_DIRECTORY) is ENOTDIR.
fn main() {
    let show = |what: &str, r: std::io::Result<()>| match r {
        Ok(()) => println!("{what}: ok"),
        Err(e) => println!("{what}: {:?} {}", e.kind(), errno(&e)),
    };
    show("create on a dir", std::fs::File::create("fs.dir/sub").map(drop));
    show("open file/x", std::fs::File::open("fs.dir/hello.txt/x").map(drop));
    show("open missing", std::fs::File::open("fs.dir/missing").map(drop));
    show("open missing/x", std::fs::File::open("fs.dir/missing/x").map(drop));
    show("read_dir of a file", std::fs::read_dir("fs.dir/hello.txt").map(drop));
    show("create in missing dir", std::fs::File::create("fs.dir/missing/new.txt").map(drop));
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
