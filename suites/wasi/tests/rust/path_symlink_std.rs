//! path_symlink_std: a symlink made with `path_symlink` (declared by hand:
//! `std::os::wasi::fs::symlink_path` is still unstable, `wasi_ext`, in rustc
//! 1.63), then reading through the link (path_open follows it), `fs::read_link`
//! (`path_readlink`), and `symlink_metadata` vs `metadata`
//! (`path_filestat_get` without and with SYMLINK_FOLLOW). A link into a
//! subdirectory is resolved relative to the link's own directory (POSIX).
#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn path_symlink(old: *const u8, old_len: usize, fd: u32, new: *const u8, new_len: usize) -> u16;
}

/// The preopen "fs.dir" is fd 3, the first and only one.
fn symlink(target: &str, link: &str) {
    let errno = unsafe { path_symlink(target.as_ptr(), target.len(), 3, link.as_ptr(), link.len()) };
    assert_eq!(errno, 0, "path_symlink {link}");
}

fn main() {
    symlink("hello.txt", "link");
    symlink("nested/c.txt", "sub/clink");
    print!("through link: {}", std::fs::read_to_string("fs.dir/link").unwrap());
    print!("through sub/clink: {}", std::fs::read_to_string("fs.dir/sub/clink").unwrap());
    println!("read_link: {}", std::fs::read_link("fs.dir/link").unwrap().display());
    let l = std::fs::symlink_metadata("fs.dir/link").unwrap();
    println!("symlink_metadata: symlink {} file {}", l.file_type().is_symlink(), l.is_file());
    let m = std::fs::metadata("fs.dir/link").unwrap();
    println!("metadata: symlink {} file {} len {}", m.file_type().is_symlink(), m.is_file(), m.len());
}
