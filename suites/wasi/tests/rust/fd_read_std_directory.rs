//! fd_read_std_directory: `File::open` of a directory succeeds (as on
//! POSIX, O_RDONLY on a directory is allowed), and a program that then reads
//! it gets an error: POSIX read says EISDIR ("The fildes argument refers to
//! a directory and the implementation does not allow the directory to be
//! read using read()"); a preview1 host that withholds fd_read on a
//! directory says ENOTCAPABLE or EBADF. All three are printed "refused".
use std::io::Read;
fn main() {
    let mut d = std::fs::File::open("fs.dir/sub").unwrap();
    println!("open dir: ok, is_dir {}", d.metadata().unwrap().is_dir());
    let mut buf = [0u8; 16];
    match d.read(&mut buf) {
        Ok(n) => println!("read dir: {n} bytes"),
        Err(e) => println!(
            "read dir: {}",
            match e.raw_os_error() {
                Some(31 | 76 | 8) => "refused",
                _ => "another error",
            }
        ),
    }
}
