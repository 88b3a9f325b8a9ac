//! fd_sync_std: `File::sync_all` (witx `fd_sync`) and `File::sync_data`
//! (`fd_datasync`) succeed on a file opened for writing, and the data is
//! there afterwards.
use std::io::Write;
fn main() {
    let mut f = std::fs::File::create("fs.dir/synced.txt").unwrap();
    f.write_all(b"durable\n").unwrap();
    println!("sync_data: {:?}", f.sync_data().map_err(|e| e.kind()));
    f.write_all(b"more\n").unwrap();
    println!("sync_all: {:?}", f.sync_all().map_err(|e| e.kind()));
    drop(f);
    print!("{}", std::fs::read_to_string("fs.dir/synced.txt").unwrap());
}
