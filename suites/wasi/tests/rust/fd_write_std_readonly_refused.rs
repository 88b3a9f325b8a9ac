//! fd_write_std_readonly_refused: an fd opened read-only cannot write or
//! change the size, and one opened write-only cannot read. POSIX says EBADF
//! ("not open for writing"); the preview1 rights model says ENOTCAPABLE
//! (the fd lacks fd_write / fd_filestat_set_size / fd_read); for the size,
//! POSIX ftruncate also allows EINVAL ("[EBADF] or [EINVAL] The fildes
//! argument is not a file descriptor open for writing"; wasmtime says
//! EINVAL). Each set is printed "refused". The file is unchanged.
use std::io::{Read, Write};
fn refused(r: std::io::Result<()>, einval_allowed: bool) -> &'static str {
    match r {
        Ok(()) => "ok",
        Err(e) => match errno(&e) {
            "EBADF" | "ENOTCAPABLE" => "refused",
            "EINVAL" if einval_allowed => "refused",
            other => other,
        },
    }
}
fn main() {
    let mut r = std::fs::File::open("fs.dir/hello.txt").unwrap();
    println!("write on read-only: {}", refused(r.write(b"x").map(drop), false));
    println!("set_len on read-only: {}", refused(r.set_len(1), true));
    let mut w = std::fs::OpenOptions::new().write(true).open("fs.dir/sub/a.txt").unwrap();
    let mut buf = [0u8; 4];
    println!("read on write-only: {}", refused(w.read(&mut buf).map(drop), false));
    print!("hello.txt: {}", std::fs::read_to_string("fs.dir/hello.txt").unwrap());
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
