//! fd_readdir_std_symlink_entries: `read_dir` of a directory holding
//! symlinks. `DirEntry::file_type` comes from the dirent's `d_type` (witx
//! dirent `d_type`: "The type of the file referred to by this directory
//! entry"; the entry is the link, so symbolic_link), and
//! `DirEntry::metadata` does not follow the link either (std calls
//! path_filestat_get without SYMLINK_FOLLOW, like POSIX lstat); `fs::metadata`
//! through the path follows it.
#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn path_symlink(old: *const u8, old_len: usize, fd: u32, new: *const u8, new_len: usize) -> u16;
}

fn kind(t: std::fs::FileType) -> &'static str {
    if t.is_symlink() {
        "symlink"
    } else if t.is_dir() {
        "dir"
    } else if t.is_file() {
        "file"
    } else {
        "other"
    }
}

fn main() {
    std::fs::create_dir("fs.dir/links").unwrap();
    for (target, link) in [("../hello.txt", "links/to-file"), ("../sub", "links/to-dir"), ("nowhere", "links/dangling")] {
        assert_eq!(unsafe { path_symlink(target.as_ptr(), target.len(), 3, link.as_ptr(), link.len()) }, 0);
    }
    let mut lines: Vec<String> = std::fs::read_dir("fs.dir/links")
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let followed = match std::fs::metadata(e.path()) {
                Ok(m) => kind(m.file_type()),
                Err(_) => "error",
            };
            format!(
                "{}: d_type {}, entry metadata {}, followed {}",
                e.file_name().to_string_lossy(),
                kind(e.file_type().unwrap()),
                kind(e.metadata().unwrap().file_type()),
                followed
            )
        })
        .collect();
    lines.sort();
    for l in lines {
        println!("{l}");
    }
}
