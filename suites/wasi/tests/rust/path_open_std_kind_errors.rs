//! path_open_std_kind_errors: the errors std maps from path_open, as programs
//! see them. POSIX open: writing a directory is EISDIR; a file used as a
//! directory in a path is ENOTDIR; a missing file without O_CREAT is ENOENT;
//! `read_dir` of a file (O_DIRECTORY) is ENOTDIR.
fn main() {
    let show = |what: &str, r: std::io::Result<()>| match r {
        Ok(()) => println!("{what}: ok"),
        Err(e) => println!("{what}: {:?} {}", e.kind(), errno(&e)),
    };
    show("create on a dir", std::fs::File::create("fs.dir/sub").map(drop));
    show("open file/x", std::fs::File::open("fs.dir/hello.txt/x").map(drop));
    show("open missing", std::fs::File::open("fs.dir/missing").map(drop));
    show("open missing/x", std::fs::File::open("fs.dir/missing/x").map(drop));
    show("read_dir of a file", std::fs::read_dir("fs.dir/hello.txt").map(drop));
    show("create in missing dir", std::fs::File::create("fs.dir/missing/new.txt").map(drop));
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
