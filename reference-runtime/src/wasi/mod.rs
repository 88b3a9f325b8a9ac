//! The WASI preview1 host of the reference runtime: all 46 functions of
//! `wasi_snapshot_preview1`, following the witx documentation, over an fd
//! table whose directories are cap-std capabilities.
//!
//! - [`WasiCtx`] / [`WasiCtxBuilder`]: args, env, preopens, streams, mode.
//! - [`FUNCTIONS`] ([`signatures`]): the 46 functions defined once, with
//!   named, witx-typed parameters; everything below derives from it.
//! - [`add_to_linker`]: registers the functions on a [`Linker`].
//! - [`run_command`]: validate, instantiate, call `_start`, report a
//!   [`RunOutcome`].
//! - The call trace ([`WasiCtxBuilder::trace_to`],
//!   [`WasiCtxBuilder::capture_trace`]): one line per call, arguments
//!   named, with its errno.
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
pub mod signatures;
mod table;
mod trace;
pub mod types;

pub use ctx::{
    DETERMINISTIC_EPOCH_NS, DETERMINISTIC_STEP_NS, InputStream, OutputStream, WasiCtx,
    WasiCtxBuilder, WasiSetupError,
};
pub use errno::Errno;
pub use memory::GuestPointerError;
pub use run::{RunExit, RunOutcome, run_command};
pub use signatures::{FUNCTIONS, Function, NAMES};
pub use trace::CallTrace;

use crate::{Caller, Linker, Val};
use memory::GuestMemory;
use preview1::{Cx, Fail};

/// The import module name.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// The names of all 46 functions, in the witx order.
pub fn function_names() -> impl Iterator<Item = &'static str> {
    NAMES.iter().copied()
}

/// Registers all of `wasi_snapshot_preview1` on `linker`, each function
/// with its type from [`FUNCTIONS`]; a module importing one with another
/// type fails to link, naming both signatures. The store's data gives the
/// [`WasiCtx`]; the caller's memory is its export `memory` (a module
/// without one traps on the first pointer it passes).
pub fn add_to_linker<T: AsMut<WasiCtx> + 'static>(linker: &mut Linker<T>) {
    for function in FUNCTIONS {
        let handler = function.handler;
        linker.func_new_defined_as(
            MODULE,
            function.name,
            function.func_type(),
            &format!("preview1 defines {}", function.signature()),
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
                let errno = if cx.ctx.trace.is_some() {
                    trace::call(function, &mut cx, args)?
                } else {
                    match handler(&mut cx, args) {
                        Ok(()) => Errno::Success,
                        Err(Fail::Errno(e)) => e,
                        Err(Fail::Trap(t)) => return Err(t),
                    }
                };
                // Only `proc_exit` has no result slot, and it never returns.
                if let Some(result) = results.first_mut() {
                    *result = Val::I32(errno.raw() as i32);
                }
                Ok(())
            },
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_46_functions_are_listed() {
        let names: std::collections::BTreeSet<_> = super::function_names().collect();
        assert_eq!(names.len(), 46);
    }
}
