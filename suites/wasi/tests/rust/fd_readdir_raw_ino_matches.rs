//! fd_readdir_raw_ino_matches: the serial numbers agree wherever preview1
//! reports them. witx dirent `d_ino`: "The serial number of the file
//! referred to by this directory entry"; filestat `ino`: "File serial
//! number". So for each file, the dirent's d_ino equals the ino from
//! fd_filestat_get and from path_filestat_get; a hard link has the same ino
//! and the same dev as its source, and two different files have different
//! inos. (Programs such as `du` and tree walkers rely on this to spot hard
//! links and loops.) The numbers themselves are never printed.
#![allow(dead_code)]
fn path_stat(path: &str) -> Filestat {
    let mut st = Filestat::default();
    assert_eq!(unsafe { path_filestat_get(PREOPEN, 0, path.as_ptr(), path.len(), &mut st) }, 0, "{path}");
    st
}

fn main() {
    let e = unsafe { path_link(PREOPEN, 0, "sub/a.txt".as_ptr(), 9, PREOPEN, "sub/a-link.txt".as_ptr(), 14) };
    println!("path_link: {}", errno_name(e));
    let dir = open(PREOPEN, 0, "sub", O_DIRECTORY, 0).unwrap();
    let mut buf = vec![0u8; 4096];
    let mut used = 0;
    assert_eq!(unsafe { fd_readdir(dir, buf.as_mut_ptr(), buf.len(), 0, &mut used) }, 0);
    let mut at = 0;
    let mut lines = Vec::new();
    while at + 24 <= used {
        let ino = u64::from_le_bytes(buf[at + 8..at + 16].try_into().unwrap());
        let namlen = u32::from_le_bytes(buf[at + 16..at + 20].try_into().unwrap()) as usize;
        let name = String::from_utf8_lossy(&buf[at + 24..at + 24 + namlen]).into_owned();
        at += 24 + namlen;
        if name == "." || name == ".." {
            continue;
        }
        let path = format!("sub/{name}");
        let by_path = path_stat(&path);
        let fd = open(PREOPEN, 0, &path, if by_path.filetype == FILETYPE_DIRECTORY { O_DIRECTORY } else { 0 }, 0).unwrap();
        let by_fd = filestat(fd).unwrap();
        unsafe { fd_close(fd) };
        lines.push(format!("{name}: d_ino = path ino {}, = fd ino {}", ino == by_path.ino, ino == by_fd.ino));
    }
    lines.sort();
    for l in lines {
        println!("{l}");
    }
    let (a, l, b) = (path_stat("sub/a.txt"), path_stat("sub/a-link.txt"), path_stat("sub/b.txt"));
    println!("hard link: same ino {}, same dev {}, nlink {}", a.ino == l.ino, a.dev == l.dev, l.nlink);
    println!("a.txt and b.txt: different ino {}", a.ino != b.ino);
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
