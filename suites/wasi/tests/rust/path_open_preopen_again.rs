//! path_open_preopen_again: the setup step of Rust programs that use the
//! `wasi` crate: open the preopen itself again (".", O_DIRECTORY) asking for
//! the preopen's own base and inheriting rights. Rights are a mask (witx
//! `path_open`: the new fd's rights "may be further restricted"), so asking
//! for rights a directory cannot use is not an error: the open succeeds,
//! and gives a directory. (Which rights the new fd reports varies: wasmtime
//! reports rights it does not enforce, so the case does not print them.)
#[repr(C)]
#[derive(Default)]
struct Fdstat {
    filetype: u8,
    flags: u16,
    base: u64,
    inheriting: u64,
}

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn fd_fdstat_get(fd: u32, out: *mut Fdstat) -> u16;
    fn path_open(
        fd: u32,
        dirflags: u32,
        path: *const u8,
        len: usize,
        oflags: u32,
        base: u64,
        inheriting: u64,
        fdflags: u32,
        out: *mut u32,
    ) -> u16;
    fn fd_close(fd: u32) -> u16;
}

const OFLAGS_DIRECTORY: u32 = 2;
const FILETYPE_DIRECTORY: u8 = 3;

fn main() {
    let mut preopen = Fdstat::default();
    assert_eq!(unsafe { fd_fdstat_get(3, &mut preopen) }, 0);
    println!("preopen is a directory: {}", preopen.filetype == FILETYPE_DIRECTORY);
    let mut fd = u32::MAX;
    let errno = unsafe {
        path_open(
            3,
            0,
            ".".as_ptr(),
            1,
            OFLAGS_DIRECTORY,
            preopen.base,
            preopen.inheriting,
            0,
            &mut fd,
        )
    };
    println!("open . with the preopen's rights: errno {errno}");
    let mut opened = Fdstat::default();
    let errno = unsafe { fd_fdstat_get(fd, &mut opened) };
    println!("new fd's fdstat: errno {errno}");
    println!("new fd is a directory: {}", opened.filetype == FILETYPE_DIRECTORY);
    println!("close: errno {}", unsafe { fd_close(fd) });
}
