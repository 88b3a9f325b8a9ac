//! path_open_raw_testsuite_scratch: the setup and use pattern of the Rust
//! programs in wasi-testsuite (crate `wasi`): reopen the preopen with
//! O_DIRECTORY and its own base and inheriting rights, make a scratch
//! directory through the new fd, reopen that with the new fd's rights, and
//! work inside it with rights taken from its fdstat: create and write a
//! file, read it back, list, stat, rename, unlink, rmdir. Every step must
//! succeed: each request stays within rights the parent can hand down
//! (witx path_open: fewer rights only where "those rights do not apply to
//! the type of file being opened").
#![allow(dead_code)]
fn fdstat(fd: u32) -> Fdstat {
    let mut st = Fdstat::default();
    assert_eq!(unsafe { fd_fdstat_get(fd, &mut st) }, 0);
    st
}

fn step(what: &str, e: u16) {
    println!("{what}: {}", errno_name(e));
}

fn reopen(dir: u32, path: &str) -> u32 {
    let st = fdstat(dir);
    let r = open_unmasked(dir, 0, path, O_DIRECTORY, st.base, st.inheriting, 0);
    step(&format!("open dir {path:?} with the parent's rights"), r.err().unwrap_or(0));
    r.unwrap()
}

fn main() {
    let root = reopen(PREOPEN, ".");
    step("mkdir scratch", unsafe { path_create_directory(root, "scratch".as_ptr(), 7) });
    let scratch = reopen(root, "scratch");
    let inh = fdstat(scratch).inheriting;
    let file = open_unmasked(scratch, 0, "file.txt", O_CREAT | O_EXCL, inh, inh, 0);
    step("create file.txt", file.err().unwrap_or(0));
    let file = file.unwrap();
    step("write", write(file, b"scratch data\n").err().unwrap_or(0));
    let mut pos = 0;
    step("seek 0", unsafe { fd_seek(file, 0, 0, &mut pos) });
    println!("read back: {:?}", String::from_utf8(read(file, 64).unwrap()).unwrap());
    let st = filestat(file).unwrap();
    println!("filestat: {} size {}", filetype_name(st.filetype), st.size);
    step("close file", unsafe { fd_close(file) });
    let mut buf = [0u8; 256];
    let mut used = 0;
    step("readdir scratch", unsafe { fd_readdir(scratch, buf.as_mut_ptr(), 256, 0, &mut used) });
    println!("listing names file.txt: {}", buf[..used].windows(8).any(|w| w == b"file.txt"));
    step("rename", unsafe { path_rename(scratch, "file.txt".as_ptr(), 8, scratch, "moved.txt".as_ptr(), 9) });
    step("symlink", unsafe { path_symlink("moved.txt".as_ptr(), 9, scratch, "link".as_ptr(), 4) });
    step("unlink link", unsafe { path_unlink_file(scratch, "link".as_ptr(), 4) });
    step("unlink moved.txt", unsafe { path_unlink_file(scratch, "moved.txt".as_ptr(), 9) });
    step("close scratch", unsafe { fd_close(scratch) });
    step("rmdir scratch", unsafe { path_remove_directory(root, "scratch".as_ptr(), 7) });
    step("close root", unsafe { fd_close(root) });
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
