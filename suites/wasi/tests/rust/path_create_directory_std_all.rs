//! path_create_directory_std_all: `std::fs::create_dir_all` makes each missing
//! ancestor with `path_create_directory`, and is fine with ones that exist
//! (it checks with `path_filestat_get` after EEXIST). A second call on the
//! same path succeeds too. `create_dir` on an existing directory is
//! AlreadyExists (POSIX mkdir: EEXIST).
fn main() {
    std::fs::create_dir_all("fs.dir/a/b/c").unwrap();
    std::fs::create_dir_all("fs.dir/a/b/c").unwrap();
    std::fs::create_dir_all("fs.dir/sub/nested/deeper").unwrap();
    std::fs::write("fs.dir/a/b/c/leaf.txt", "leaf\n").unwrap();
    for p in ["fs.dir/a", "fs.dir/a/b", "fs.dir/a/b/c", "fs.dir/sub/nested/deeper"] {
        println!("{p}: dir {}", std::fs::metadata(p).unwrap().is_dir());
    }
    match std::fs::create_dir("fs.dir/a/b") {
        Ok(()) => println!("create_dir a/b again: ok"),
        Err(e) => println!("create_dir a/b again: {:?} {}", e.kind(), errno(&e)),
    }
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
