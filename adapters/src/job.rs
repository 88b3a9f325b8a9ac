//! A job: what a runtime is asked to do, as plain data that any adapter can
//! turn into a process (or an in-process call).

use std::path::PathBuf;
use std::time::Duration;

/// A directory the guest sees: `host` (a scratch copy) mounted at `guest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preopen {
    /// The path the guest uses, e.g. `fs.dir` or `/data`.
    pub guest: String,
    /// The absolute host directory behind it.
    pub host: PathBuf,
}

/// Run a WASI command module once.
#[derive(Debug, Clone)]
pub struct WasiJob {
    /// Absolute path of the module to run (a copy inside `scratch`).
    pub module: PathBuf,
    /// `argv[1..]`; each adapter supplies its own `argv[0]`.
    pub args: Vec<String>,
    /// The guest's environment, in order.
    pub env: Vec<(String, String)>,
    /// Preopened directories, in fd order (the first gets fd 3).
    pub preopens: Vec<Preopen>,
    /// Bytes fed to the guest's stdin; empty means stdin is at EOF.
    pub stdin: Vec<u8>,
    /// The job's own scratch directory: the working directory of the process.
    pub scratch: PathBuf,
    /// Wall-clock limit; past it the whole process group is killed.
    pub timeout: Duration,
    /// Bytes kept of stdout and of stderr each; the rest is dropped and marked.
    pub output_cap: usize,
}

impl WasiJob {
    /// A module run with nothing given to it: no arguments, environment,
    /// directories or stdin (how probes and recorded outcomes run).
    pub fn bare(
        module: PathBuf,
        scratch: PathBuf,
        timeout: Duration,
        output_cap: usize,
    ) -> WasiJob {
        WasiJob {
            module,
            args: Vec::new(),
            env: Vec::new(),
            preopens: Vec::new(),
            stdin: Vec::new(),
            scratch,
            timeout,
            output_cap,
        }
    }
}
