//! fd_readdir_std_sorted: `std::fs::read_dir` as programs use it: the names
//! and `DirEntry::file_type` (from the dirent's `d_type`) of every entry,
//! sorted, since witx leaves the order open. std never yields `.` and `..`
//! (it drops them itself, whether or not the host lists them).
fn main() {
    for dir in ["fs.dir", "fs.dir/sub", "fs.dir/sub/nested"] {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let t = e.file_type().unwrap();
                let kind = if t.is_dir() { "dir" } else if t.is_file() { "file" } else { "other" };
                format!("{}({kind})", e.file_name().to_string_lossy())
            })
            .collect();
        names.sort();
        println!("{dir}: {}", names.join(" "));
    }
}
