//! fd_write_std_bufwriter_large: 200 000 bytes written through a `BufWriter`
//! (8 KiB fd_write calls, looping over short writes) and read back through a
//! `BufReader` line by line: the size and a checksum match.
use std::io::{BufRead, BufReader, BufWriter, Write};
fn main() {
    let mut w = BufWriter::new(std::fs::File::create("fs.dir/big.txt").unwrap());
    let mut sum = 0u64;
    for i in 0..20_000u64 {
        writeln!(w, "{:09}", i * 7).unwrap();
        sum += i * 7;
    }
    w.flush().unwrap();
    drop(w);
    println!("len: {}", std::fs::metadata("fs.dir/big.txt").unwrap().len());
    let r = BufReader::new(std::fs::File::open("fs.dir/big.txt").unwrap());
    let mut lines = 0;
    let mut back = 0u64;
    for l in r.lines() {
        back += l.unwrap().parse::<u64>().unwrap();
        lines += 1;
    }
    println!("lines: {lines}, checksum matches: {}", back == sum);
}
