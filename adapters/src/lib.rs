//! How wasi-conformance talks to WebAssembly runtimes: the [`Runtime`] trait,
//! the plain-data [`WasiJob`] a runtime is asked to run, the normalized
//! [`Observation`] that comes back, and the adapters for each runtime's CLI.
//!
//! External runtimes are mostly data ([`CliSpec`]): command-line templates and
//! a [`Classifier`] that maps exit codes and stderr to an [`ExitStatus`].

mod builtin;
mod cli;
mod discovery;
mod fs_tree;
mod interrupt;
mod job;
mod native_script;
mod observation;
mod probe_runner;
mod process;
mod reference;
pub use reference::{ReferenceRuntime, TRACE_LIMIT};
mod runtime;
mod runtime_file;
mod script;

pub use builtin::{INSTALLABLE, NOT_INSTALLABLE, builtin_specs, node_launcher, release_page};
pub use cli::{Classifier, CliRuntime, CliSpec, OpenError};
pub use discovery::{
    Discovery, DiscoveryError, Located, RUNTIMES_DIR_VAR, Source, project_runtimes_dir,
    workspace_root,
};
pub use fs_tree::{FsEntry, FsEntryKind, FsTree, copy_tree, sha256_hex};
pub use interrupt::{interrupt, interrupt_flag, interrupted};
pub use job::{Preopen, WasiJob};
pub use native_script::{ScriptRunner, WASMTIME_STOPS};
pub use observation::{CallTrace, CapturedOutput, ExitStatus, Observation, TrapKind};
pub use probe_runner::{ProbeCache, RuntimeProbeRunner, host_refs_work, run_script_through_probes};
pub use process::{ProcessOutcome, ProcessRequest, run_process};
pub use runtime::{AdapterError, Capabilities, Runtime, RuntimeInfo};
pub use runtime_file::{RuntimeFileError, load_runtime_file, parse_runtime_file};
pub use script::{DirectiveFailure, DirectiveOutcome, ScriptJob, ScriptObservation, SkipGroup};
