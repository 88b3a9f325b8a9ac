//! path_link_std_hard_link: `std::fs::hard_link` (witx `path_link`): both
//! names then name one file (POSIX link), so a write through one is read
//! through the other, and removing the old name leaves the new one intact.
//! Linking onto an existing name is AlreadyExists (POSIX link: EEXIST).
use std::io::Write;
fn main() {
    std::fs::hard_link("fs.dir/hello.txt", "fs.dir/sub/twin.txt").unwrap();
    let mut f = std::fs::OpenOptions::new().append(true).open("fs.dir/hello.txt").unwrap();
    f.write_all(b"more\n").unwrap();
    drop(f);
    print!("twin.txt: {}", std::fs::read_to_string("fs.dir/sub/twin.txt").unwrap());
    std::fs::remove_file("fs.dir/hello.txt").unwrap();
    println!("twin.txt len after removing hello.txt: {}", std::fs::metadata("fs.dir/sub/twin.txt").unwrap().len());
    match std::fs::hard_link("fs.dir/sub/twin.txt", "fs.dir/sub/a.txt") {
        Ok(()) => println!("link onto a.txt: ok"),
        Err(e) => println!("link onto a.txt: {:?} {}", e.kind(), errno(&e)),
    }
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
