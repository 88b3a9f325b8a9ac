//! Probes on any runtime that runs WASI commands: the probe crate's
//! [`ProbeRunner`] over the [`Runtime`] trait, and the whole-script job
//! that turns its verdicts into a [`ScriptObservation`].

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use conformance_probe::{
    ProbeOptions, ProbeRunner, ProcessEnd, ProcessOutput, Script, Verdict, run_script,
};

use crate::{DirectiveFailure, ExitStatus, Runtime, ScriptJob, ScriptObservation, WasiJob};

/// Runs probes as WASI commands on `runtime`, each in a fresh file under
/// `scratch`.
pub struct RuntimeProbeRunner<'a> {
    /// The runtime.
    pub runtime: &'a dyn Runtime,
    /// Where probe modules are written.
    pub scratch: &'a Path,
    /// Per-process time limit.
    pub timeout: Duration,
    /// Bytes kept of each stream.
    pub output_cap: usize,
    counter: AtomicUsize,
}

impl<'a> RuntimeProbeRunner<'a> {
    /// A runner for `runtime` writing under `scratch`.
    pub fn new(runtime: &'a dyn Runtime, scratch: &'a Path, timeout: Duration) -> Self {
        RuntimeProbeRunner {
            runtime,
            scratch,
            timeout,
            output_cap: 4 << 20,
            counter: AtomicUsize::new(0),
        }
    }
}

impl ProbeRunner for RuntimeProbeRunner<'_> {
    fn run(&self, wasm: &[u8]) -> ProcessOutput {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let module = self.scratch.join(format!("probe-{n}.wasm"));
        if let Err(e) = std::fs::write(&module, wasm) {
            return ProcessOutput {
                end: ProcessEnd::Error(format!("writing {}: {e}", module.display())),
                stdout: String::new(),
            };
        }
        let job = WasiJob {
            module: module.clone(),
            args: Vec::new(),
            env: Vec::new(),
            preopens: Vec::new(),
            stdin: Vec::new(),
            scratch: self.scratch.to_path_buf(),
            timeout: self.timeout,
            output_cap: self.output_cap,
        };
        let output = match self.runtime.run_wasi(&job) {
            Ok(observation) => ProcessOutput {
                end: match observation.status {
                    ExitStatus::Exit { code } => ProcessEnd::Exit(code),
                    ExitStatus::Trap { trap, message } => ProcessEnd::Trap(trap, message),
                    ExitStatus::Crash { signal } => ProcessEnd::Crash(signal),
                    ExitStatus::Timeout => ProcessEnd::Timeout,
                    ExitStatus::Rejected { message } => ProcessEnd::Rejected(message),
                },
                stdout: observation.stdout.text,
            },
            Err(e) => ProcessOutput {
                end: ProcessEnd::Error(e.to_string()),
                stdout: String::new(),
            },
        };
        let _ = std::fs::remove_file(&module);
        output
    }
}

/// Run a spec script on `runtime` through probes.
pub fn run_script_through_probes(
    runtime: &dyn Runtime,
    job: &ScriptJob,
    options: &ProbeOptions,
    scratch: &Path,
    timeout: Duration,
) -> ScriptObservation {
    let started = Instant::now();
    let mut observation = ScriptObservation::default();
    let script = match Script::parse(&job.name, &job.text) {
        Ok(s) => s,
        Err(e) => {
            observation.parse_error = Some(e.0);
            return observation;
        }
    };
    let runner = RuntimeProbeRunner::new(runtime, scratch, timeout);
    let run = run_script(&script, &runner, options);
    observation.processes = run.processes;
    observation.unsupported_feature = run.unsupported_feature;
    for d in run.directives {
        match d.verdict {
            Verdict::Pass => observation.passed += 1,
            Verdict::Fail {
                message,
                expected,
                observed,
            } => {
                observation.failed += 1;
                observation.failures.push(DirectiveFailure {
                    line: d.line,
                    kind: d.kind.as_str().to_string(),
                    message,
                    expected,
                    observed,
                });
            }
            Verdict::Skip(reason) => observation.skip(d.line, &reason),
        }
    }
    observation.duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    observation
}
