//! path_filestat_get_std_dotdot_dirs: `fs::metadata` of paths that end in
//! `..` or `.` inside the preopen: `sub/nested/..` is `sub` (a directory),
//! `sub/.` is `sub`, and `sub/nested/../a.txt` is a file of 2 bytes (POSIX
//! path resolution: "The special filename dot-dot shall refer to the parent
//! directory of its predecessor directory").
fn main() {
    for p in ["fs.dir/sub/nested/..", "fs.dir/sub/.", "fs.dir/sub/nested/../a.txt", "fs.dir/sub/nested/../../hello.txt"] {
        match std::fs::metadata(p) {
            Ok(m) => println!("{p}: dir {} len {}", m.is_dir(), if m.is_file() { m.len().to_string() } else { "-".into() }),
            Err(e) => println!("{p}: {:?}", e.kind()),
        }
    }
}
