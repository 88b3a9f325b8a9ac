//! fd_readdir_raw_cookie_end: reading a directory again from the `d_next`
//! of its last entry returns no bytes (witx fd_readdir: "If less than the
//! size of the read buffer, the end of the directory has been reached"; here
//! 0 bytes), and reading from cookie 0 again starts over with the same
//! entries (witx dircookie: "The value 0 signifies the start of the
//! directory").
#![allow(dead_code)]
fn entries(fd: u32, cookie: u64) -> (usize, Vec<(String, u64)>) {
    let mut buf = vec![0u8; 4096];
    let mut used = 0;
    assert_eq!(unsafe { fd_readdir(fd, buf.as_mut_ptr(), buf.len(), cookie, &mut used) }, 0);
    let mut out = Vec::new();
    let mut at = 0;
    while at + 24 <= used {
        let next = u64::from_le_bytes(buf[at..at + 8].try_into().unwrap());
        let namlen = u32::from_le_bytes(buf[at + 16..at + 20].try_into().unwrap()) as usize;
        out.push((String::from_utf8_lossy(&buf[at + 24..at + 24 + namlen]).into_owned(), next));
        at += 24 + namlen;
    }
    (used, out)
}

fn main() {
    let fd = open(PREOPEN, 0, "sub/nested", O_DIRECTORY, 0).unwrap();
    let (_, first) = entries(fd, 0);
    let mut names: Vec<&str> = first.iter().map(|(n, _)| n.as_str()).filter(|n| *n != "." && *n != "..").collect();
    names.sort();
    println!("entries: {names:?}");
    let last = first.last().unwrap().1;
    let (used, _) = entries(fd, last);
    println!("from the last d_next: {used} bytes");
    let (_, again) = entries(fd, 0);
    println!("from 0 again, same listing: {}", again == first);
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
