//! Spec scripts on every runtime.
//!
//! - [`script`]: a `.wast` script parsed once into owned, runtime-independent
//!   commands.
//! - [`value`]: the one assertion matcher: values as bits, NaN classes,
//!   v128 lanes, `either`, reference classes.
//! - [`instrument`]: a module and its calls as a WASI command that prints
//!   what each call returns, for runtimes that only run commands.
//! - [`trap`]: the classes of trap messages.

pub mod drive;
pub mod instrument;
pub mod script;
pub mod trap;
pub mod value;

pub use drive::{
    DirectiveResult, ProbeRunner, ProcessEnd, ProcessOutput, ScriptRun, Verdict, run_script,
};
pub use instrument::{InstrumentError, ModuleFacts, ProbeOptions, instrument};
pub use script::{
    Action, Body, Command, DirectiveKind, Expect, ModuleBinary, ParseError, Refusal, Script,
};
pub use trap::{TrapKind, trap_matches};
pub use value::{Expected, FloatPattern, Observed, RefClass, RefTop, V128Pattern, Value, matches};
