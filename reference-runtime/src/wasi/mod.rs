//! The WASI preview1 host of the reference runtime: all 46 functions of
//! `wasi_snapshot_preview1`, following the witx documentation, over an fd
//! table whose directories are cap-std capabilities.
//!
//! - [`WasiCtx`] / [`WasiCtxBuilder`]: args, env, preopens, streams, mode.
//! - [`add_to_linker`]: registers the functions on a [`Linker`].
//! - [`run_command`]: validate, instantiate, call `_start`, report a
//!   [`RunOutcome`].
//!
//! Choices where the spec leaves room (each also documented where it is
//! made):
//! - a guest pointer or length out of bounds traps (as wasmtime), never
//!   `EFAULT`, and nothing is allocated before the bounds check;
//! - a path that leaves its preopen (`..`, absolute, a symlink pointing
//!   out, an absolute symlink target) gives `ENOTCAPABLE`, as does a
//!   missing right (wasmtime gives `EPERM` for escapes; both are allowed);
//! - `proc_exit` accepts any exit code; `proc_raise` is `ENOSYS`;
//! - an unknown clock id or whence is `EINVAL` (POSIX), not a trap;
//! - `fd_readdir` lists `.` and `..` first and the rest sorted by name;
//! - a path op relative to a non-directory is `ENOTDIR` (POSIX `*at`);
//!   seeking a stream is `ESPIPE`; a captured stream is a pipe (filetype
//!   `unknown`, no seek rights).

mod ctx;
mod errno;
mod memory;
mod preview1;
mod run;
mod table;
pub mod types;

pub use ctx::{
    DETERMINISTIC_EPOCH_NS, DETERMINISTIC_STEP_NS, InputStream, OutputStream, WasiCtx,
    WasiCtxBuilder, WasiSetupError,
};
pub use errno::Errno;
pub use memory::GuestPointerError;
pub use run::{RunExit, RunOutcome, run_command};

use crate::{Caller, FuncType, Linker, Trap, Val, ValType};
use memory::GuestMemory;
use preview1::{Cx, Fail};

/// The import module name.
pub const MODULE: &str = "wasi_snapshot_preview1";

type Handler = fn(&mut Cx<'_>, &[Val]) -> Result<(), Fail>;

const I32: ValType = ValType::I32;
const I64: ValType = ValType::I64;

/// Every function but `proc_exit`: name, parameters (all return an errno).
const FUNCTIONS: &[(&str, &[ValType], Handler)] = {
    use preview1::*;
    &[
        ("args_get", &[I32, I32], args_get),
        ("args_sizes_get", &[I32, I32], args_sizes_get),
        ("environ_get", &[I32, I32], environ_get),
        ("environ_sizes_get", &[I32, I32], environ_sizes_get),
        ("clock_res_get", &[I32, I32], clock_res_get),
        ("clock_time_get", &[I32, I64, I32], clock_time_get),
        ("fd_advise", &[I32, I64, I64, I32], fd_advise),
        ("fd_allocate", &[I32, I64, I64], fd_allocate),
        ("fd_close", &[I32], fd_close),
        ("fd_datasync", &[I32], fd_datasync),
        ("fd_fdstat_get", &[I32, I32], fd_fdstat_get),
        ("fd_fdstat_set_flags", &[I32, I32], fd_fdstat_set_flags),
        (
            "fd_fdstat_set_rights",
            &[I32, I64, I64],
            fd_fdstat_set_rights,
        ),
        ("fd_filestat_get", &[I32, I32], fd_filestat_get),
        ("fd_filestat_set_size", &[I32, I64], fd_filestat_set_size),
        (
            "fd_filestat_set_times",
            &[I32, I64, I64, I32],
            fd_filestat_set_times,
        ),
        ("fd_pread", &[I32, I32, I32, I64, I32], fd_pread),
        ("fd_prestat_get", &[I32, I32], fd_prestat_get),
        ("fd_prestat_dir_name", &[I32, I32, I32], fd_prestat_dir_name),
        ("fd_pwrite", &[I32, I32, I32, I64, I32], fd_pwrite),
        ("fd_read", &[I32, I32, I32, I32], fd_read),
        ("fd_readdir", &[I32, I32, I32, I64, I32], fd_readdir),
        ("fd_renumber", &[I32, I32], fd_renumber),
        ("fd_seek", &[I32, I64, I32, I32], fd_seek),
        ("fd_sync", &[I32], fd_sync),
        ("fd_tell", &[I32, I32], fd_tell),
        ("fd_write", &[I32, I32, I32, I32], fd_write),
        (
            "path_create_directory",
            &[I32, I32, I32],
            path_create_directory,
        ),
        (
            "path_filestat_get",
            &[I32, I32, I32, I32, I32],
            path_filestat_get,
        ),
        (
            "path_filestat_set_times",
            &[I32, I32, I32, I32, I64, I64, I32],
            path_filestat_set_times,
        ),
        ("path_link", &[I32, I32, I32, I32, I32, I32, I32], path_link),
        (
            "path_open",
            &[I32, I32, I32, I32, I32, I64, I64, I32, I32],
            path_open,
        ),
        (
            "path_readlink",
            &[I32, I32, I32, I32, I32, I32],
            path_readlink,
        ),
        (
            "path_remove_directory",
            &[I32, I32, I32],
            path_remove_directory,
        ),
        ("path_rename", &[I32, I32, I32, I32, I32, I32], path_rename),
        ("path_symlink", &[I32, I32, I32, I32, I32], path_symlink),
        ("path_unlink_file", &[I32, I32, I32], path_unlink_file),
        ("poll_oneoff", &[I32, I32, I32, I32], poll_oneoff),
        ("proc_raise", &[I32], proc_raise),
        ("sched_yield", &[], sched_yield),
        ("random_get", &[I32, I32], random_get),
        ("sock_accept", &[I32, I32, I32], sock_accept),
        ("sock_recv", &[I32, I32, I32, I32, I32, I32], sock_recv),
        ("sock_send", &[I32, I32, I32, I32, I32], sock_send),
        ("sock_shutdown", &[I32, I32], sock_shutdown),
    ]
};

/// The names of all 46 functions, `proc_exit` included.
pub fn function_names() -> impl Iterator<Item = &'static str> {
    FUNCTIONS
        .iter()
        .map(|f| f.0)
        .chain(std::iter::once("proc_exit"))
}

/// Registers all of `wasi_snapshot_preview1` on `linker`. The store's data
/// gives the [`WasiCtx`]; the caller's memory is its export `memory` (a
/// module without one traps on the first pointer it passes).
pub fn add_to_linker<T: AsMut<WasiCtx> + 'static>(linker: &mut Linker<T>) {
    for &(name, params, handler) in FUNCTIONS {
        linker.func_new(
            MODULE,
            name,
            FuncType::new(params.iter().copied(), [I32]),
            move |mut caller: Caller<'_, T>, args: &[Val], results: &mut [Val]| {
                let memory = caller.memory();
                let mut none: [u8; 0] = [];
                let (bytes, data) = match memory {
                    Some(m) => caller.memory_and_data_mut(m),
                    None => (&mut none[..], caller.data_mut()),
                };
                let mut cx = Cx {
                    mem: GuestMemory::new(bytes),
                    ctx: data.as_mut(),
                };
                let errno = match handler(&mut cx, args) {
                    Ok(()) => Errno::Success,
                    Err(Fail::Errno(e)) => e,
                    Err(Fail::Trap(t)) => return Err(t),
                };
                results[0] = Val::I32(errno.raw() as i32);
                Ok(())
            },
        );
    }
    // `proc_exit(rval)`: ends the run with `Exit(rval)`; any value is
    // accepted (witx `exitcode` is a plain u32).
    linker.func_new(
        MODULE,
        "proc_exit",
        FuncType::new([I32], []),
        |_caller: Caller<'_, T>, args: &[Val], _results: &mut [Val]| {
            let code = match args.first() {
                Some(Val::I32(c)) => *c,
                _ => 0,
            };
            Err(Trap::exit(code))
        },
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_46_functions_are_listed() {
        let names: std::collections::BTreeSet<_> = super::function_names().collect();
        assert_eq!(names.len(), 46);
    }
}
