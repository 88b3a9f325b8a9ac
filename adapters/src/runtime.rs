//! The one trait every runtime implements, and what a runtime says about itself.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::{Observation, ScriptJob, ScriptObservation, WasiJob};

/// What a runtime can be asked to do; the matrix shows the rest as skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capabilities {
    /// Runs WASI preview1 commands.
    pub wasi: bool,
    /// Can mount a host dir under a different guest path.
    pub guest_path_remap: bool,
    /// Can invoke an export with arguments from its CLI.
    pub invoke: bool,
    /// Runs spec test scripts (`.wast`) itself.
    #[serde(default)]
    pub scripts: bool,
}

/// Who a runtime is: shown in every report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuntimeInfo {
    /// The name used on the command line and in reports (`wasmtime`, `node`, ...).
    pub name: String,
    /// What the runtime printed as its version.
    pub version: String,
    /// The binary that was run, for external runtimes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binary: Option<PathBuf>,
    /// What it can do.
    pub capabilities: Capabilities,
}

/// The harness itself could not run a job (as opposed to the runtime failing it).
#[derive(Debug, thiserror::Error)]
pub enum AdapterError {
    /// The runtime's process could not be started.
    #[error("{runtime}: cannot start {binary}: {source}")]
    Spawn {
        /// Runtime name.
        runtime: String,
        /// The binary.
        binary: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Waiting for, killing or reading the process failed.
    #[error("{runtime}: {context}: {source}")]
    Io {
        /// Runtime name.
        runtime: String,
        /// What was being done.
        context: String,
        /// Why.
        source: std::io::Error,
    },
    /// The runtime could not set up the run it was asked for (a preopen
    /// that cannot be opened, an argument it cannot pass): the harness's
    /// fault or the job's, never a verdict on the runtime, so the result is
    /// `error`, not `skip`.
    #[error("{runtime}: setting up the run: {source}")]
    Setup {
        /// Runtime name.
        runtime: String,
        /// Why.
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// The runtime cannot do what the job asks.
    #[error("{runtime}: {reason}")]
    Unsupported {
        /// Runtime name.
        runtime: String,
        /// Why.
        reason: String,
    },
}

/// A WebAssembly runtime under test.
pub trait Runtime: Send + Sync {
    /// Name, version, binary and capabilities.
    fn info(&self) -> &RuntimeInfo;

    /// Run a WASI command and report what happened. `fs_after` is left to the
    /// caller, which knows which dirs matter.
    fn run_wasi(&self, job: &WasiJob) -> Result<Observation, AdapterError>;

    /// Run a spec test script; runtimes without `capabilities.scripts` say
    /// it is unsupported.
    fn run_script(&self, job: &ScriptJob) -> Result<ScriptObservation, AdapterError> {
        Err(AdapterError::Unsupported {
            runtime: self.info().name.clone(),
            reason: format!("cannot run spec scripts such as {}", job.name),
        })
    }

    /// The command line that runs `job`, program first, for a person to
    /// reproduce the run by hand; empty for in-process runtimes.
    fn command_line(&self, job: &WasiJob) -> Vec<String> {
        let _ = job;
        Vec::new()
    }
}
