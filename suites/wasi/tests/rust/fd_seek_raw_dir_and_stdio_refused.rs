//! fd_seek_raw_dir_and_stdio_refused: operations an fd cannot do are
//! refused, with an errno that varies between hosts: a directory fd cannot
//! seek, tell, change its size or be written (POSIX write/ftruncate: EBADF
//! when "not open for writing"; the preview1 rights model: ENOTCAPABLE, the
//! fd lacks fd_seek/fd_tell/fd_write/fd_filestat_set_size; wazero says
//! EISDIR); stdin cannot be written and stdout cannot be read (EBADF or
//! ENOTCAPABLE); stdout, a pipe, cannot seek (POSIX lseek: ESPIPE, or
//! ENOTCAPABLE). Each listed set prints "refused"; anything else, success
//! included, is printed as is. Seen: the reference says ENOTCAPABLE for
//! seek/tell, EISDIR for the size, EBADF for writes; wasmtime EBADF
//! throughout; WasmEdge ENOTCAPABLE throughout; WAMR both. Known
//! divergence: wazero 1.9 answers EIO for a seek on the stdout pipe.
#![allow(dead_code)]
#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn fd_filestat_set_size(fd: u32, size: u64) -> u16;
}

fn refused(e: u16, allowed: &[u16]) -> &'static str {
    if allowed.contains(&e) { "refused" } else { errno_name(e) }
}

const EBADF: u16 = 8;
const EISDIR: u16 = 31;
const ESPIPE: u16 = 70;
const ENOTCAPABLE: u16 = 76;

fn main() {
    let d = open(PREOPEN, 0, "sub", O_DIRECTORY, 0).unwrap();
    let dir_set = [EBADF, ENOTCAPABLE, EISDIR];
    let mut pos = 0;
    println!("seek a directory: {}", refused(unsafe { fd_seek(d, 0, 0, &mut pos) }, &dir_set));
    println!("tell a directory: {}", refused(unsafe { fd_tell(d, &mut pos) }, &dir_set));
    println!("set the size of a directory: {}", refused(unsafe { fd_filestat_set_size(d, 0) }, &dir_set));
    println!("write a directory: {}", refused(write(d, b"x").err().unwrap_or(0), &dir_set));
    println!("write stdin: {}", refused(write(0, b"x").err().unwrap_or(0), &[EBADF, ENOTCAPABLE]));
    println!("read stdout: {}", refused(read(1, 4).err().unwrap_or(0), &[EBADF, ENOTCAPABLE]));
    println!("seek stdout: {}", refused(unsafe { fd_seek(1, 0, 1, &mut pos) }, &[ESPIPE, ENOTCAPABLE]));
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
