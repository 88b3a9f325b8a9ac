//! Probes on any runtime that runs WASI commands: the probe crate's
//! [`ProbeRunner`] over the [`Runtime`] trait, and the whole-script job
//! that turns its verdicts into a [`ScriptObservation`].

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
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
    cache: Option<&'a ProbeCache>,
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
            cache: None,
        }
    }

    /// Answer runs of bytes seen before from `cache`.
    pub fn with_cache(mut self, cache: Option<&'a ProbeCache>) -> Self {
        self.cache = cache;
        self
    }
}

/// What each runtime did with a module's exact bytes, kept for one run:
/// the same bytes on the same runtime (name and version) end the same way,
/// and the spec directories repeat many modules (wasm-v1's malformed
/// binaries are wasm-v2's and wasm-v3's). Only deterministic ends are kept
/// (an exit, a trap, a refusal), never a timeout or a crash.
#[derive(Debug, Default)]
pub struct ProbeCache {
    outcomes: Mutex<HashMap<(String, String), ProcessOutput>>,
}

impl ProbeRunner for RuntimeProbeRunner<'_> {
    fn run(&self, wasm: &[u8]) -> ProcessOutput {
        let Some(cache) = self.cache else {
            return self.spawn(wasm);
        };
        let info = self.runtime.info();
        let key = (
            format!("{}\0{}", info.name, info.version),
            crate::sha256_hex(wasm),
        );
        let known = cache
            .outcomes
            .lock()
            .ok()
            .and_then(|outcomes| outcomes.get(&key).cloned());
        if let Some(output) = known {
            return ProcessOutput {
                cached: true,
                ..output
            };
        }
        let output = self.spawn(wasm);
        if matches!(
            output.end,
            ProcessEnd::Exit(_) | ProcessEnd::Trap(..) | ProcessEnd::Rejected(_)
        ) && let Ok(mut outcomes) = cache.outcomes.lock()
        {
            outcomes.insert(key, output.clone());
        }
        output
    }
}

impl RuntimeProbeRunner<'_> {
    fn spawn(&self, wasm: &[u8]) -> ProcessOutput {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let module = self.scratch.join(format!("probe-{n}.wasm"));
        if let Err(e) = std::fs::write(&module, wasm) {
            return ProcessOutput {
                end: ProcessEnd::Error(format!("writing {}: {e}", module.display())),
                stdout: String::new(),
                cached: false,
            };
        }
        let job = WasiJob::bare(
            module.clone(),
            self.scratch.to_path_buf(),
            self.timeout,
            self.output_cap,
        );
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
                cached: false,
            },
            Err(e) => ProcessOutput {
                end: ProcessEnd::Error(e.to_string()),
                stdout: String::new(),
                cached: false,
            },
        };
        let _ = std::fs::remove_file(&module);
        output
    }
}

/// Run a spec script on `runtime` through probes; with a `cache`, modules
/// it has run before in this run are not run again.
pub fn run_script_through_probes(
    runtime: &dyn Runtime,
    job: &ScriptJob,
    options: &ProbeOptions,
    scratch: &Path,
    timeout: Duration,
    cache: Option<&ProbeCache>,
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
    let runner = RuntimeProbeRunner::new(runtime, scratch, timeout).with_cache(cache);
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

/// Whether probes on `runtime` can pass host references (they are built
/// with GC's `extern.convert_any`, so this is whether the runtime runs GC
/// probes): one small probe, passing `ref.extern 5` through.
pub fn host_refs_work(runtime: &dyn Runtime, scratch: &Path, timeout: Duration) -> bool {
    let call = conformance_probe::Action::Invoke {
        instance: None,
        export: "f".into(),
        args: vec![conformance_probe::Value::RefExtern(5)],
    };
    let options = ProbeOptions { host_refs: true };
    let Ok(wasm) = conformance_probe::instrument(EXTERNREF_IDENTITY, &[call], &options) else {
        return false;
    };
    let runner = RuntimeProbeRunner::new(runtime, scratch, timeout);
    runner
        .run(&wasm)
        .stdout
        .lines()
        .any(|l| l == "0 ref:extern:5")
}

/// `(module (func (export "f") (param externref) (result externref) local.get 0))`.
const EXTERNREF_IDENTITY: &[u8] = &[
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
    0x01, 0x06, 0x01, 0x60, 0x01, 0x6f, 0x01, 0x6f, // type: (externref) -> externref
    0x03, 0x02, 0x01, 0x00, // func 0 of type 0
    0x07, 0x05, 0x01, 0x01, b'f', 0x00, 0x00, // export "f"
    0x0a, 0x06, 0x01, 0x04, 0x00, 0x20, 0x00, 0x0b, // body: local.get 0
];
