//! path_filestat_get_std_metadata: `std::fs::metadata` (witx
//! `path_filestat_get` with SYMLINK_FOLLOW): size, is_file, is_dir of files
//! and directories; and `Path::exists`/`is_file`/`is_dir`, which turn an
//! ENOENT into `false`.
use std::path::Path;
fn main() {
    for p in ["fs.dir/hello.txt", "fs.dir/sub/b.txt", "fs.dir/sub", "fs.dir"] {
        let m = std::fs::metadata(p).unwrap();
        let len = if m.is_file() { m.len().to_string() } else { "-".to_string() };
        println!("{p}: file {} dir {} len {len}", m.is_file(), m.is_dir());
    }
    for p in ["fs.dir/hello.txt", "fs.dir/sub", "fs.dir/missing", "fs.dir/sub/missing/x"] {
        let p = Path::new(p);
        println!("{}: exists {} is_file {} is_dir {}", p.display(), p.exists(), p.is_file(), p.is_dir());
    }
    match std::fs::metadata("fs.dir/missing") {
        Ok(_) => println!("missing: ok"),
        Err(e) => println!("missing: {:?} {}", e.kind(), errno(&e)),
    }
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
