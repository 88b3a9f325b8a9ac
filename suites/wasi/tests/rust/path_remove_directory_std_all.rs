//! path_remove_directory_std_all: `std::fs::remove_dir_all` on a tree with
//! files and a nested directory: std reads each directory (`fd_readdir`),
//! unlinks the files (`path_unlink_file`) and removes the directories
//! bottom-up (`path_remove_directory`). Afterwards the whole tree is gone and
//! its sibling is untouched. A second call reports NotFound.
//!
//! std deletes entries while it is still reading the directory with
//! fd_readdir and cookies. witx dircookie is "a reference to the offset of a
//! directory entry", and POSIX readdir leaves unspecified only whether
//! entries removed or added since opendir are returned: every other entry
//! must still come. Known divergence: wasmtime 49 skips entries once some are
//! unlinked (its cookies count entries of a fresh listing), so std's
//! remove_dir_all leaves a file behind and the final rmdir fails with
//! ENOTEMPTY (the unwrap panics: a trap).
fn main() {
    std::fs::remove_dir_all("fs.dir/sub").unwrap();
    println!("sub exists: {}", std::path::Path::new("fs.dir/sub").exists());
    println!("hello.txt exists: {}", std::path::Path::new("fs.dir/hello.txt").exists());
    match std::fs::remove_dir_all("fs.dir/sub") {
        Ok(()) => println!("again: ok"),
        Err(e) => println!("again: {:?}", e.kind()),
    }
}
