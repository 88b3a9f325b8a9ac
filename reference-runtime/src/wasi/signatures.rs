//! `wasi_snapshot_preview1` defined once: each of the 46 functions with
//! its named, witx-typed parameters, its result, and the host function that
//! implements it. The linker registration and the check of a module's
//! imports ([`super::add_to_linker`]), the call trace, the coverage list of
//! `cargo xtask suite-coverage` ([`NAMES`]) and the host tests all read
//! this table; nothing else lists the functions.
//!
//! Parameter names are the witx names; a witx `string` is two core
//! parameters, the pointer (named after the string) and `<name>_len`; a
//! result other than the errno is an out-pointer named after the witx
//! result (`nwritten`, `opened_fd`).

use std::fmt;

use super::preview1::{self, Cx, Fail};
use crate::{FuncType, Val, ValType};

/// A witx type, as it crosses the boundary: each lowers to one core value
/// ([`WitxType::core`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WitxType {
    /// `fd`: a file descriptor number (u32).
    Fd,
    /// `size`: a byte or element count (u32).
    Size,
    /// `filesize`: a file offset or length (u64).
    Filesize,
    /// `filedelta`: a relative file offset (s64).
    Filedelta,
    /// `timestamp`: nanoseconds (u64).
    Timestamp,
    /// `dircookie`: a position in a directory listing (u64).
    Dircookie,
    /// `rights`: a bit set of rights (u64).
    Rights,
    /// `fdflags` (u16).
    Fdflags,
    /// `oflags` (u16).
    Oflags,
    /// `lookupflags` (u32).
    Lookupflags,
    /// `fstflags` (u16).
    Fstflags,
    /// `clockid` (u32).
    Clockid,
    /// `whence` (u8).
    Whence,
    /// `advice` (u8).
    Advice,
    /// `signal` (u8).
    Signal,
    /// `exitcode` (u32).
    Exitcode,
    /// `riflags` (u16).
    Riflags,
    /// `siflags` (u16).
    Siflags,
    /// `sdflags` (u8).
    Sdflags,
    /// A guest pointer to memory the function reads or fills: a buffer, an
    /// array of iovecs, of string pointers, of subscriptions or events.
    Pointer,
    /// A guest pointer to UTF-8 text; the next parameter is its length.
    String,
    /// A guest pointer where the function stores its result on success.
    Out(Pointee),
}

/// What an out-pointer ([`WitxType::Out`]) receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pointee {
    /// A `size` (4 bytes).
    Size,
    /// An `fd` (4 bytes).
    Fd,
    /// A `filesize` (8 bytes).
    Filesize,
    /// A `timestamp` (8 bytes).
    Timestamp,
    /// `roflags` (2 bytes).
    Roflags,
    /// An `fdstat` struct.
    Fdstat,
    /// A `filestat` struct.
    Filestat,
    /// A `prestat` struct.
    Prestat,
}

impl WitxType {
    /// The core type it lowers to.
    pub const fn core(self) -> ValType {
        match self {
            WitxType::Filesize
            | WitxType::Filedelta
            | WitxType::Timestamp
            | WitxType::Dircookie
            | WitxType::Rights => ValType::I64,
            WitxType::Fd
            | WitxType::Size
            | WitxType::Fdflags
            | WitxType::Oflags
            | WitxType::Lookupflags
            | WitxType::Fstflags
            | WitxType::Clockid
            | WitxType::Whence
            | WitxType::Advice
            | WitxType::Signal
            | WitxType::Exitcode
            | WitxType::Riflags
            | WitxType::Siflags
            | WitxType::Sdflags
            | WitxType::Pointer
            | WitxType::String
            | WitxType::Out(_) => ValType::I32,
        }
    }
}

/// One parameter: its witx name and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The witx name (`fd`, `iovs`, `path_len`).
    pub name: &'static str,
    /// The witx type.
    pub ty: WitxType,
}

/// What a function returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    /// An `errno` (core `i32`); `0` is success.
    Errno,
    /// Nothing: the function does not return (`proc_exit`).
    Never,
}

/// The Rust shape of every host function: the call's view of memory and
/// state, and the arguments, which have exactly the function's parameters
/// in number and core type (the linker registers each function with
/// [`Function::func_type`] and refuses imports of any other type).
pub(crate) type Handler = fn(&mut Cx<'_>, &[Val]) -> Result<(), Fail>;

/// One preview1 function.
#[derive(Clone, Copy)]
pub struct Function {
    /// The import name, e.g. `fd_write`.
    pub name: &'static str,
    /// The parameters, in order.
    pub params: &'static [Param],
    /// The result.
    pub returns: Returns,
    pub(crate) handler: Handler,
}

impl fmt::Debug for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.name, self.signature())
    }
}

impl Function {
    /// The core function type.
    pub fn func_type(&self) -> FuncType {
        let results: &[ValType] = match self.returns {
            Returns::Errno => &[ValType::I32],
            Returns::Never => &[],
        };
        FuncType::new(
            self.params.iter().map(|p| p.ty.core()),
            results.iter().copied(),
        )
    }

    /// The signature with names and core types:
    /// `(fd: i32, iovs: i32, iovs_len: i32, nwritten: i32) -> errno i32`.
    pub fn signature(&self) -> Signature<'_> {
        Signature(self)
    }

    /// The function called `name`.
    pub fn find(name: &str) -> Option<&'static Function> {
        FUNCTIONS.iter().find(|f| f.name == name)
    }
}

/// [`Function::signature`]'s display.
pub struct Signature<'a>(&'a Function);

impl fmt::Display for Signature<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for (i, p) in self.0.params.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}: {}", p.name, p.ty.core())?;
        }
        match self.0.returns {
            Returns::Errno => f.write_str(") -> errno i32"),
            Returns::Never => f.write_str(") -> ()"),
        }
    }
}

const fn p(name: &'static str, ty: WitxType) -> Param {
    Param { name, ty }
}

const fn errno(name: &'static str, params: &'static [Param], handler: Handler) -> Function {
    Function {
        name,
        params,
        returns: Returns::Errno,
        handler,
    }
}

use WitxType::{
    Advice, Clockid, Dircookie, Exitcode, Fd, Fdflags, Filedelta, Filesize, Fstflags, Lookupflags,
    Oflags, Out, Pointer, Riflags, Rights, Sdflags, Siflags, Signal, Size, Timestamp, Whence,
};

/// All 46 functions, in the witx order.
pub const FUNCTIONS: &[Function; 46] = {
    use preview1::*;
    const FD: Param = p("fd", Fd);
    const PATH: Param = p("path", WitxType::String);
    const PATH_LEN: Param = p("path_len", Size);
    &[
        errno(
            "args_get",
            &[p("argv", Pointer), p("argv_buf", Pointer)],
            args_get,
        ),
        errno(
            "args_sizes_get",
            &[
                p("argc", Out(Pointee::Size)),
                p("argv_buf_size", Out(Pointee::Size)),
            ],
            args_sizes_get,
        ),
        errno(
            "environ_get",
            &[p("environ", Pointer), p("environ_buf", Pointer)],
            environ_get,
        ),
        errno(
            "environ_sizes_get",
            &[
                p("environc", Out(Pointee::Size)),
                p("environ_buf_size", Out(Pointee::Size)),
            ],
            environ_sizes_get,
        ),
        errno(
            "clock_res_get",
            &[p("id", Clockid), p("resolution", Out(Pointee::Timestamp))],
            clock_res_get,
        ),
        errno(
            "clock_time_get",
            &[
                p("id", Clockid),
                p("precision", Timestamp),
                p("time", Out(Pointee::Timestamp)),
            ],
            clock_time_get,
        ),
        errno(
            "fd_advise",
            &[
                FD,
                p("offset", Filesize),
                p("len", Filesize),
                p("advice", Advice),
            ],
            fd_advise,
        ),
        errno(
            "fd_allocate",
            &[FD, p("offset", Filesize), p("len", Filesize)],
            fd_allocate,
        ),
        errno("fd_close", &[FD], fd_close),
        errno("fd_datasync", &[FD], fd_datasync),
        errno(
            "fd_fdstat_get",
            &[FD, p("stat", Out(Pointee::Fdstat))],
            fd_fdstat_get,
        ),
        errno(
            "fd_fdstat_set_flags",
            &[FD, p("flags", Fdflags)],
            fd_fdstat_set_flags,
        ),
        errno(
            "fd_fdstat_set_rights",
            &[
                FD,
                p("fs_rights_base", Rights),
                p("fs_rights_inheriting", Rights),
            ],
            fd_fdstat_set_rights,
        ),
        errno(
            "fd_filestat_get",
            &[FD, p("buf", Out(Pointee::Filestat))],
            fd_filestat_get,
        ),
        errno(
            "fd_filestat_set_size",
            &[FD, p("size", Filesize)],
            fd_filestat_set_size,
        ),
        errno(
            "fd_filestat_set_times",
            &[
                FD,
                p("atim", Timestamp),
                p("mtim", Timestamp),
                p("fst_flags", Fstflags),
            ],
            fd_filestat_set_times,
        ),
        errno(
            "fd_pread",
            &[
                FD,
                p("iovs", Pointer),
                p("iovs_len", Size),
                p("offset", Filesize),
                p("nread", Out(Pointee::Size)),
            ],
            fd_pread,
        ),
        errno(
            "fd_prestat_get",
            &[FD, p("buf", Out(Pointee::Prestat))],
            fd_prestat_get,
        ),
        errno(
            "fd_prestat_dir_name",
            &[FD, p("path", Pointer), PATH_LEN],
            fd_prestat_dir_name,
        ),
        errno(
            "fd_pwrite",
            &[
                FD,
                p("iovs", Pointer),
                p("iovs_len", Size),
                p("offset", Filesize),
                p("nwritten", Out(Pointee::Size)),
            ],
            fd_pwrite,
        ),
        errno(
            "fd_read",
            &[
                FD,
                p("iovs", Pointer),
                p("iovs_len", Size),
                p("nread", Out(Pointee::Size)),
            ],
            fd_read,
        ),
        errno(
            "fd_readdir",
            &[
                FD,
                p("buf", Pointer),
                p("buf_len", Size),
                p("cookie", Dircookie),
                p("bufused", Out(Pointee::Size)),
            ],
            fd_readdir,
        ),
        errno("fd_renumber", &[FD, p("to", Fd)], fd_renumber),
        errno(
            "fd_seek",
            &[
                FD,
                p("offset", Filedelta),
                p("whence", Whence),
                p("newoffset", Out(Pointee::Filesize)),
            ],
            fd_seek,
        ),
        errno("fd_sync", &[FD], fd_sync),
        errno(
            "fd_tell",
            &[FD, p("offset", Out(Pointee::Filesize))],
            fd_tell,
        ),
        errno(
            "fd_write",
            &[
                FD,
                p("iovs", Pointer),
                p("iovs_len", Size),
                p("nwritten", Out(Pointee::Size)),
            ],
            fd_write,
        ),
        errno(
            "path_create_directory",
            &[FD, PATH, PATH_LEN],
            path_create_directory,
        ),
        errno(
            "path_filestat_get",
            &[
                FD,
                p("flags", Lookupflags),
                PATH,
                PATH_LEN,
                p("buf", Out(Pointee::Filestat)),
            ],
            path_filestat_get,
        ),
        errno(
            "path_filestat_set_times",
            &[
                FD,
                p("flags", Lookupflags),
                PATH,
                PATH_LEN,
                p("atim", Timestamp),
                p("mtim", Timestamp),
                p("fst_flags", Fstflags),
            ],
            path_filestat_set_times,
        ),
        errno(
            "path_link",
            &[
                p("old_fd", Fd),
                p("old_flags", Lookupflags),
                p("old_path", WitxType::String),
                p("old_path_len", Size),
                p("new_fd", Fd),
                p("new_path", WitxType::String),
                p("new_path_len", Size),
            ],
            path_link,
        ),
        errno(
            "path_open",
            &[
                FD,
                p("dirflags", Lookupflags),
                PATH,
                PATH_LEN,
                p("oflags", Oflags),
                p("fs_rights_base", Rights),
                p("fs_rights_inheriting", Rights),
                p("fdflags", Fdflags),
                p("opened_fd", Out(Pointee::Fd)),
            ],
            path_open,
        ),
        errno(
            "path_readlink",
            &[
                FD,
                PATH,
                PATH_LEN,
                p("buf", Pointer),
                p("buf_len", Size),
                p("bufused", Out(Pointee::Size)),
            ],
            path_readlink,
        ),
        errno(
            "path_remove_directory",
            &[FD, PATH, PATH_LEN],
            path_remove_directory,
        ),
        errno(
            "path_rename",
            &[
                FD,
                p("old_path", WitxType::String),
                p("old_path_len", Size),
                p("new_fd", Fd),
                p("new_path", WitxType::String),
                p("new_path_len", Size),
            ],
            path_rename,
        ),
        errno(
            "path_symlink",
            &[
                p("old_path", WitxType::String),
                p("old_path_len", Size),
                FD,
                p("new_path", WitxType::String),
                p("new_path_len", Size),
            ],
            path_symlink,
        ),
        errno("path_unlink_file", &[FD, PATH, PATH_LEN], path_unlink_file),
        errno(
            "poll_oneoff",
            &[
                p("in", Pointer),
                p("out", Pointer),
                p("nsubscriptions", Size),
                p("nevents", Out(Pointee::Size)),
            ],
            poll_oneoff,
        ),
        Function {
            name: "proc_exit",
            params: &[p("rval", Exitcode)],
            returns: Returns::Never,
            handler: proc_exit,
        },
        errno("proc_raise", &[p("sig", Signal)], proc_raise),
        errno("sched_yield", &[], sched_yield),
        errno(
            "random_get",
            &[p("buf", Pointer), p("buf_len", Size)],
            random_get,
        ),
        errno(
            "sock_accept",
            &[FD, p("flags", Fdflags), p("accepted_fd", Out(Pointee::Fd))],
            sock_accept,
        ),
        errno(
            "sock_recv",
            &[
                FD,
                p("ri_data", Pointer),
                p("ri_data_len", Size),
                p("ri_flags", Riflags),
                p("ro_datalen", Out(Pointee::Size)),
                p("ro_flags", Out(Pointee::Roflags)),
            ],
            sock_recv,
        ),
        errno(
            "sock_send",
            &[
                FD,
                p("si_data", Pointer),
                p("si_data_len", Size),
                p("si_flags", Siflags),
                p("so_datalen", Out(Pointee::Size)),
            ],
            sock_send,
        ),
        errno("sock_shutdown", &[FD, p("how", Sdflags)], sock_shutdown),
    ]
};

/// The 46 names, in the witx order: the list `suite-coverage` counts.
pub const NAMES: [&str; 46] = {
    let mut names = [""; 46];
    let mut i = 0;
    while i < FUNCTIONS.len() {
        names[i] = FUNCTIONS[i].name;
        i += 1;
    }
    names
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasi::memory::GuestMemory;
    use crate::wasi::{WasiCtx, WasiCtxBuilder};

    #[test]
    fn the_table_has_46_distinct_names_and_proc_exit_alone_never_returns() {
        let names: std::collections::BTreeSet<_> = NAMES.iter().collect();
        assert_eq!(names.len(), 46);
        let never: Vec<_> = FUNCTIONS
            .iter()
            .filter(|f| f.returns == Returns::Never)
            .map(|f| f.name)
            .collect();
        assert_eq!(never, ["proc_exit"]);
    }

    #[test]
    fn every_string_pointer_is_followed_by_its_length() {
        for f in FUNCTIONS {
            for (i, param) in f.params.iter().enumerate() {
                if param.ty == WitxType::String {
                    let next = f.params.get(i + 1);
                    assert_eq!(
                        next.map(|n| (n.ty, n.name.to_string())),
                        Some((WitxType::Size, format!("{}_len", param.name))),
                        "{}",
                        f.name
                    );
                }
            }
        }
    }

    #[test]
    fn signatures_print_names_and_core_types() {
        let fd_write = Function::find("fd_write").map(|f| f.signature().to_string());
        assert_eq!(
            fd_write.as_deref(),
            Some("(fd: i32, iovs: i32, iovs_len: i32, nwritten: i32) -> errno i32")
        );
        let seek = Function::find("fd_seek").map(|f| f.signature().to_string());
        assert_eq!(
            seek.as_deref(),
            Some("(fd: i32, offset: i64, whence: i32, newoffset: i32) -> errno i32")
        );
        let exit = Function::find("proc_exit").map(|f| f.signature().to_string());
        assert_eq!(exit.as_deref(), Some("(rval: i32) -> ()"));
        assert!(Function::find("fd_write2").is_none());
    }

    fn ctx(dir: &std::path::Path) -> WasiCtx {
        WasiCtxBuilder::new()
            .arg("t.wasm")
            .env("K", "V")
            .preopen_dir(dir, "d")
            .and_then(|b| b.deterministic(0).build())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Every body, called with exactly the arguments its entry declares
    /// (several patterns of values, so that bodies get past their first
    /// checks), reads no parameter the entry does not declare: `a32` and
    /// `a64` stop on one rather than read a 0.
    #[test]
    fn each_body_reads_only_its_declared_parameters() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("f"), b"data").unwrap_or_else(|e| panic!("{e}"));
        // fd 3 is the preopen; memory holds "f" at 64 and an iovec at 0.
        for pattern in [0u32, 1, 3, 64] {
            for f in FUNCTIONS {
                let mut ctx = ctx(dir.path());
                let mut memory = vec![0u8; 65536];
                memory[64] = b'f';
                memory[0..4].copy_from_slice(&128u32.to_le_bytes());
                memory[4..8].copy_from_slice(&4u32.to_le_bytes());
                let args: Vec<Val> = f
                    .params
                    .iter()
                    .map(|p| match p.ty.core() {
                        ValType::I64 => Val::I64(pattern as i64),
                        _ => Val::I32(pattern as i32),
                    })
                    .collect();
                let mut cx = Cx {
                    mem: GuestMemory::new(&mut memory),
                    ctx: &mut ctx,
                };
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    (f.handler)(&mut cx, &args).is_ok()
                }));
                assert!(
                    outcome.is_ok(),
                    "{} with every argument {pattern} read an undeclared parameter",
                    f.name
                );
            }
        }
    }

    #[test]
    #[should_panic(expected = "the table declares an i64")]
    fn a_body_reading_an_undeclared_parameter_stops_instead_of_reading_zero() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut ctx = ctx(dir.path());
        let mut memory = vec![0u8; 64];
        let mut cx = Cx {
            mem: GuestMemory::new(&mut memory),
            ctx: &mut ctx,
        };
        // fd_seek's body read with fd_write's arguments: parameter 1 is an
        // i32 where the body wants the i64 offset.
        let fd_seek = Function::find("fd_seek").map(|f| f.handler);
        if let Some(handler) = fd_seek {
            let _ = handler(
                &mut cx,
                &[Val::I32(1), Val::I32(0), Val::I32(0), Val::I32(0)],
            );
        }
    }
}
