//! path_rename_raw_across_preopens: witx `path_rename` and `path_link` take
//! two directory fds, so a file can move from one preopen to another
//! (POSIX renameat/linkat with two dirfds on one file system). The fixture
//! copies live side by side in one scratch directory, so both succeed; a
//! host that keeps each preopen a file system of its own may answer EXDEV
//! (POSIX rename: "The links named by new and old are on different file
//! systems and the implementation does not support links between file
//! systems"), which is accepted. Known divergence: wazero 1.9 answers
//! ENOSYS for both calls across its mounts.
#![allow(dead_code)]
fn main() {
    let (fs, data) = (3, 4);
    let mut p = Prestat::default();
    let mut name = [0u8; 8];
    unsafe { fd_prestat_get(fs, &mut p) };
    unsafe { fd_prestat_dir_name(fs, name.as_mut_ptr(), p.name_len) };
    // The preopens' order is the host's: find which fd is fs.dir.
    let (fs, data) = if &name[..p.name_len] == b"fs.dir" { (fs, data) } else { (data, fs) };
    let e = unsafe { path_rename(fs, "hello.txt".as_ptr(), 9, data, "moved.txt".as_ptr(), 9) };
    println!("rename fs.dir/hello.txt -> data.dir/moved.txt: {}", ok_or_exdev(e));
    let (old, new) = (exists(fs, "hello.txt"), exists(data, "moved.txt"));
    println!("  names match the answer: {}", if e == 0 { !old && new } else { old && !new });
    let e = unsafe { path_link(data, 0, "readme.txt".as_ptr(), 10, fs, "readme-link.txt".as_ptr(), 15) };
    println!("link data.dir/readme.txt -> fs.dir/readme-link.txt: {}", ok_or_exdev(e));
    println!("  names match the answer: {}", exists(fs, "readme-link.txt") == (e == 0) && exists(data, "readme.txt"));
}

fn exists(dir: u32, path: &str) -> bool {
    let mut st = Filestat::default();
    unsafe { path_filestat_get(dir, 0, path.as_ptr(), path.len(), &mut st) == 0 }
}

fn ok_or_exdev(e: u16) -> String {
    match e {
        0 | 75 => "OK or EXDEV".to_string(),
        e => format!("{} (errno {e})", errno_name(e)),
    }
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
