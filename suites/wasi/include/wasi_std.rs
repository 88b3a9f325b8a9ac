//! What the Rust std cases share (`tests/rust/*_std*.rs`): the WASI errno
//! of a std error, by name. A case includes it with
//! `#[path = "../../include/wasi_std.rs"] mod wasi_std;`.

/// The WASI errno of an error, by name (std keeps the WASI value as the raw OS error).
pub fn errno(e: &std::io::Error) -> &'static str {
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
