//! Running a WASI command in one call: validate, instantiate with the
//! preview1 host, call `_start`, and say how it ended.

use super::{CallTrace, WasiCtx, add_to_linker};
use crate::{Config, Engine, Error, Linker, Module, Store, TrapKind};

/// How a command ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunExit {
    /// `_start` returned (0) or the guest called `proc_exit(code)`.
    Exit(i32),
    /// The run trapped (`OutOfFuel` when the budget ran out); the message
    /// is the trap's own words.
    Trap(TrapKind, String),
    /// The module was refused before running: malformed, invalid,
    /// unsupported, an import that is not provided, or no `() -> ()`
    /// `_start` export.
    Rejected(String),
}

/// What a run produced.
#[derive(Debug)]
pub struct RunOutcome {
    /// How it ended.
    pub exit: RunExit,
    /// Captured stdout (empty when not captured).
    pub stdout: Vec<u8>,
    /// Captured stderr.
    pub stderr: Vec<u8>,
    /// Whether stdout was cut at its cap.
    pub stdout_truncated: bool,
    /// Whether stderr was cut at its cap.
    pub stderr_truncated: bool,
    /// The call trace, when the context captured one
    /// ([`WasiCtxBuilder::capture_trace`](super::WasiCtxBuilder::capture_trace)).
    pub trace: Option<CallTrace>,
}

fn classify(err: Error) -> RunExit {
    match err {
        Error::Trap(trap) => match trap.exit_code() {
            Some(code) => RunExit::Exit(code),
            None => RunExit::Trap(trap.kind(), trap.to_string()),
        },
        other => RunExit::Rejected(other.to_string()),
    }
}

/// Runs `module_bytes` as a WASI command with `ctx`, under `config`
/// (features, fuel, limits).
pub fn run_command(module_bytes: &[u8], ctx: WasiCtx, config: &Config) -> RunOutcome {
    let engine = Engine::new(config);
    let mut store = Store::new(&engine, ctx);
    let exit = run_in(&engine, &mut store, module_bytes);
    let mut ctx = store.into_data();
    let trace = ctx.take_trace();
    let (out, err) = ctx.outputs_mut();
    RunOutcome {
        trace,
        exit,
        stdout_truncated: out.truncated(),
        stderr_truncated: err.truncated(),
        stdout: out.take(),
        stderr: err.take(),
    }
}

fn run_in(engine: &Engine, store: &mut Store<WasiCtx>, bytes: &[u8]) -> RunExit {
    let module = match Module::new(engine, bytes) {
        Ok(m) => m,
        Err(e) => return RunExit::Rejected(e.to_string()),
    };
    let mut linker = Linker::new();
    add_to_linker(&mut linker);
    let instance = match linker.instantiate(store, &module) {
        Ok(i) => i,
        Err(e) => return classify(e),
    };
    let Some(start) = instance.get_func(&*store, "_start") else {
        return RunExit::Rejected("the module exports no `_start` function".into());
    };
    let ty = start.ty(&*store);
    if !ty.params().is_empty() || !ty.results().is_empty() {
        return RunExit::Rejected(format!("`_start` has type {ty}, not [] -> []"));
    }
    match start.call(&mut *store, &[], &mut []) {
        Ok(()) => RunExit::Exit(0),
        Err(e) => classify(e),
    }
}
