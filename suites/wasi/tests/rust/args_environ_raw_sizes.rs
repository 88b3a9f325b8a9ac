//! args_environ_raw_sizes: `args_sizes_get` / `args_get` and
//! `environ_sizes_get` / `environ_get` called raw: the sizes count every
//! string with its NUL terminator (witx: "the size of the argument string
//! data"), each pointer from `*_get` points into the buffer at a
//! NUL-terminated string, and the strings are the arguments and `K=V` pairs
//! given. argv[0] is skipped (the runtime's choice); environ is sorted.
#![allow(dead_code)]
fn strings(count: usize, size: usize, get: unsafe extern "C" fn(*mut *mut u8, *mut u8) -> u16) -> Vec<String> {
    let mut ptrs = vec![std::ptr::null_mut::<u8>(); count];
    let mut buf = vec![0u8; size];
    assert_eq!(unsafe { get(ptrs.as_mut_ptr(), buf.as_mut_ptr()) }, 0);
    let base = buf.as_ptr() as usize;
    let mut total = 0;
    let out = ptrs
        .iter()
        .map(|&p| {
            let off = p as usize - base;
            let end = buf[off..].iter().position(|&b| b == 0).unwrap() + off;
            total += end - off + 1;
            String::from_utf8(buf[off..end].to_vec()).unwrap()
        })
        .collect();
    println!("  sizes add up: {}", total == size);
    out
}

fn main() {
    let (mut n, mut size) = (0, 0);
    println!("args_sizes_get: {}", errno_name(unsafe { args_sizes_get(&mut n, &mut size) }));
    let args = strings(n, size, args_get);
    println!("args after argv[0]: {:?}", &args[1..]);
    println!("environ_sizes_get: {}", errno_name(unsafe { environ_sizes_get(&mut n, &mut size) }));
    let mut env = strings(n, size, environ_get);
    env.sort();
    println!("environ: {env:?}");
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
