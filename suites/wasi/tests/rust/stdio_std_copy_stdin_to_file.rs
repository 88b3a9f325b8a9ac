//! stdio_std_copy_stdin_to_file: `io::copy` from stdin (a pipe) into a new
//! file, as `cat > file` does: fd_read on fd 0 until it returns 0, fd_write
//! of each chunk. About 12 000 bytes of input, with multi-byte UTF-8,
//! arrive unchanged; the count is returned.
fn main() {
    let mut out = std::fs::File::create("fs.dir/stdin.bin").unwrap();
    let n = std::io::copy(&mut std::io::stdin().lock(), &mut out).unwrap();
    drop(out);
    let back = std::fs::read("fs.dir/stdin.bin").unwrap();
    println!("copied: {n}, file: {} bytes", back.len());
    println!("first line: {:?}", String::from_utf8_lossy(&back[..back.iter().position(|&b| b == b'\n').unwrap()]));
    println!("sum of bytes: {}", back.iter().map(|&b| b as u64).sum::<u64>());
}
