//! path_open_raw_dir_rights: path_open of a directory (O_DIRECTORY) asking
//! for different base rights. Rights are a mask: witx path_open lets the
//! host return "fewer rights than specified, if and only if those rights do
//! not apply to the type of file being opened", so directory-only rights,
//! no rights, or file rights a directory cannot use (fd_read) open it.
//! Rights that include fd_write are wasi-libc's mapping of O_WRONLY/O_RDWR,
//! and POSIX open refuses a directory "and oflag includes O_WRONLY or
//! O_RDWR" with EISDIR: the case accepts EISDIR or success there. Each
//! request is limited to the preopen's inheriting rights, as wasi-libc
//! does; the last asks for every right unmasked, beyond what the preopen can
//! hand down, which the capability model lets a host refuse (ENOTCAPABLE:
//! WasmEdge, WAMR) and the mask reading lets it grant (wasmtime, wazero).
#![allow(dead_code)]
fn main() {
    show("dir rights", open_rights(PREOPEN, 0, "sub", O_DIRECTORY, DIR_RIGHTS, 0));
    show("fd_readdir only", open_rights(PREOPEN, 0, "sub", O_DIRECTORY, 1 << 14, 0));
    show("no rights", open_rights(PREOPEN, 0, "sub", O_DIRECTORY, 0, 0));
    show("fd_read + fd_readdir", open_rights(PREOPEN, 0, "sub", O_DIRECTORY, 1 << 1 | 1 << 14, 0));
    match open_rights(PREOPEN, 0, "sub", O_DIRECTORY, ALL_RIGHTS, 0) {
        Ok(_) | Err(31) => println!("every right, fd_write included: OK or EISDIR"),
        Err(e) => println!("every right, fd_write included: {}", errno_name(e)),
    }
    match open_rights(PREOPEN, 0, "sub", 0, 1 << 6, 0) {
        Ok(_) | Err(31) => println!("fd_write, no O_DIRECTORY: OK or EISDIR"),
        Err(e) => println!("fd_write, no O_DIRECTORY: {}", errno_name(e)),
    }
    match open_unmasked(PREOPEN, 0, "sub", O_DIRECTORY, DIR_RIGHTS, ALL_RIGHTS, 0) {
        Ok(_) | Err(76) => println!("beyond the preopen's inheriting rights: OK or ENOTCAPABLE"),
        Err(e) => println!("beyond the preopen's inheriting rights: {}", errno_name(e)),
    }
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
