//! path_open_std_dotdot: paths with `..` that stay inside the preopen resolve
//! (witx path resolution is beneath the directory fd; `..` back to it is
//! fine), and one that leaves it is refused: wasmtime says EPERM, others
//! ENOTCAPABLE (the sandbox's errno is left open), printed "refused".
fn main() {
    for p in ["fs.dir/sub/../hello.txt", "fs.dir/sub/nested/../../sub/a.txt", "fs.dir/./sub/./b.txt", "fs.dir/sub/../../fs.dir/hello.txt"] {
        match std::fs::read_to_string(p) {
            Ok(t) => println!("{p}: {t:?}"),
            Err(e) => println!(
                "{p}: {}",
                match errno(&e) {
                    "EPERM" | "ENOTCAPABLE" | "EACCES" => "refused",
                    other => other,
                }
            ),
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
