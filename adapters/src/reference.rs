//! The reference runtime, in-process: a [`WasiJob`] becomes a
//! [`reference_runtime::wasi::WasiCtx`] and one `run_command` call, with
//! no process spawned. Runs are deterministic (virtual clocks, seeded
//! randomness), so the oracle's observations repeat exactly.

use std::time::Instant;

use reference_runtime::wasi::{RunExit, WasiCtxBuilder, run_command};

use crate::{
    AdapterError, Capabilities, CapturedOutput, DirectiveFailure, ExitStatus, Observation, Runtime,
    RuntimeInfo, ScriptJob, ScriptObservation, TrapKind, WasiJob,
};

/// How many Wasm instructions one second of a job's timeout buys: the
/// timeout becomes a fuel budget, so a run that loops forever ends the same
/// way on every machine ([`ExitStatus::Timeout`]).
pub const FUEL_PER_SECOND: u64 = 100_000_000;

/// The seed of `random_get` in every job.
pub const SEED: u64 = 0;

/// The reference runtime as a [`Runtime`].
#[derive(Debug, Clone)]
pub struct ReferenceRuntime {
    info: RuntimeInfo,
}

impl Default for ReferenceRuntime {
    fn default() -> Self {
        Self::new()
    }
}

impl ReferenceRuntime {
    /// The in-process reference runtime.
    pub fn new() -> Self {
        ReferenceRuntime {
            info: RuntimeInfo {
                name: "reference".to_string(),
                version: env!("CARGO_PKG_VERSION").to_string(),
                binary: None,
                capabilities: Capabilities {
                    wasi: true,
                    guest_path_remap: true,
                    invoke: true,
                    scripts: true,
                },
            },
        }
    }

    fn io_error(&self, context: String, source: std::io::Error) -> AdapterError {
        AdapterError::Io {
            runtime: self.info.name.clone(),
            context,
            source,
        }
    }
}

/// The harness's name for an interpreter trap.
pub fn trap_kind(kind: reference_runtime::TrapKind) -> TrapKind {
    use reference_runtime::TrapKind as K;
    match kind {
        K::Unreachable => TrapKind::Unreachable,
        K::IntegerOverflow => TrapKind::IntegerOverflow,
        K::IntegerDivideByZero => TrapKind::IntegerDivideByZero,
        K::InvalidConversionToInteger => TrapKind::InvalidConversionToInteger,
        K::MemoryOutOfBounds => TrapKind::MemoryOutOfBounds,
        K::TableOutOfBounds | K::UndefinedElement => TrapKind::TableOutOfBounds,
        K::UninitializedElement => TrapKind::UninitializedElement,
        K::IndirectCallTypeMismatch => TrapKind::IndirectCallTypeMismatch,
        K::NullReference => TrapKind::NullReference,
        K::CallStackExhausted => TrapKind::StackExhausted,
        K::OutOfFuel => TrapKind::OutOfFuel,
        K::Host => TrapKind::Host,
        #[allow(unreachable_patterns)] // variants the interpreter may add
        _ => TrapKind::Unknown,
    }
}

impl Runtime for ReferenceRuntime {
    fn info(&self) -> &RuntimeInfo {
        &self.info
    }

    fn run_script(&self, job: &ScriptJob) -> Result<ScriptObservation, AdapterError> {
        use reference_runtime::wast::{Outcome, run_script, suite_features};
        let Some(features) = suite_features(&job.group) else {
            return Err(AdapterError::Unsupported {
                runtime: self.info.name.clone(),
                reason: format!("no feature set for spec directory `{}`", job.group),
            });
        };
        let mut config = reference_runtime::Config::default();
        config.features(features);
        let started = Instant::now();
        let report = run_script(&job.name, &job.text, &config);
        let mut observation = ScriptObservation {
            passed: report.passed(),
            failed: report.failed(),
            skipped: report.skipped(),
            parse_error: report.parse_error.clone(),
            failures: Vec::new(),
            duration_ms: 0.0,
        };
        for directive in &report.directives {
            if let Outcome::Fail(message) = &directive.outcome {
                observation.failures.push(DirectiveFailure {
                    line: directive.line,
                    kind: directive.kind.as_str().to_string(),
                    message: message.clone(),
                });
            }
        }
        observation.duration_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(observation)
    }

    fn run_wasi(&self, job: &WasiJob) -> Result<Observation, AdapterError> {
        let started = Instant::now();
        let bytes = std::fs::read(&job.module)
            .map_err(|e| self.io_error(format!("reading {}", job.module.display()), e))?;
        let argv0 = job
            .module
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "main.wasm".to_string());
        let mut builder = WasiCtxBuilder::new()
            .args(std::iter::once(argv0).chain(job.args.iter().cloned()))
            .envs(job.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(job.stdin.clone())
            .capture_stdout(job.output_cap)
            .capture_stderr(job.output_cap)
            .deterministic(SEED);
        for p in &job.preopens {
            builder = builder.preopen_dir(&p.host, &p.guest).map_err(|e| {
                self.io_error(
                    format!("preopening {} as {}", p.host.display(), p.guest),
                    std::io::Error::other(e),
                )
            })?;
        }
        let ctx = builder.build().map_err(|e| AdapterError::Unsupported {
            runtime: self.info.name.clone(),
            reason: e.to_string(),
        })?;
        let mut config = reference_runtime::Config::default();
        let secs = job.timeout.as_secs_f64().max(0.001);
        config.fuel(Some((secs * FUEL_PER_SECOND as f64) as u64));
        let outcome = run_command(&bytes, ctx, &config);
        let status = match outcome.exit {
            RunExit::Exit(code) => ExitStatus::Exit { code },
            RunExit::Trap(reference_runtime::TrapKind::OutOfFuel, _) => ExitStatus::Timeout,
            RunExit::Trap(kind, message) => ExitStatus::Trap {
                trap: trap_kind(kind),
                message,
            },
            RunExit::Rejected(message) => ExitStatus::Rejected { message },
        };
        Ok(Observation {
            status,
            stdout: CapturedOutput::from_bytes(&outcome.stdout, outcome.stdout_truncated),
            stderr: CapturedOutput::from_bytes(&outcome.stderr, outcome.stderr_truncated),
            duration_ms: started.elapsed().as_secs_f64() * 1000.0,
            fs_after: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Preopen;
    use std::time::Duration;

    fn job(dir: &std::path::Path) -> WasiJob {
        WasiJob {
            module: dir.join("m.wasm"),
            args: vec!["a".into()],
            env: vec![("K".into(), "V".into())],
            preopens: Vec::new(),
            stdin: Vec::new(),
            scratch: dir.to_path_buf(),
            timeout: Duration::from_secs(1),
            output_cap: 1024,
        }
    }

    #[test]
    fn hello_exit_trap_reject_and_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let rt = ReferenceRuntime::new();
        let hello = r#"(module
            (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
            (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
            (memory (export "memory") 1)
            (data (i32.const 16) "hi\n")
            (func (export "_start")
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 3))
                (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                (call $exit (i32.const 300))))"#;
        let mut j = job(dir.path());
        std::fs::write(&j.module, wat_to_wasm(hello)).unwrap();
        let obs = rt.run_wasi(&j).unwrap();
        assert_eq!(obs.status, ExitStatus::Exit { code: 300 });
        assert_eq!(obs.stdout.text, "hi\n");

        std::fs::write(
            &j.module,
            wat_to_wasm(r#"(module (func (export "_start") unreachable))"#),
        )
        .unwrap();
        let obs = rt.run_wasi(&j).unwrap();
        assert!(matches!(
            obs.status,
            ExitStatus::Trap {
                trap: TrapKind::Unreachable,
                ..
            }
        ));

        std::fs::write(&j.module, b"not wasm").unwrap();
        assert!(matches!(
            rt.run_wasi(&j).unwrap().status,
            ExitStatus::Rejected { .. }
        ));

        std::fs::write(
            &j.module,
            wat_to_wasm(r#"(module (func (export "_start") (loop (br 0))))"#),
        )
        .unwrap();
        j.timeout = Duration::from_millis(10);
        assert_eq!(rt.run_wasi(&j).unwrap().status, ExitStatus::Timeout);

        j.preopens.push(Preopen {
            guest: "d".into(),
            host: dir.path().join("missing"),
        });
        assert!(rt.run_wasi(&j).is_err());
    }

    fn wat_to_wasm(text: &str) -> Vec<u8> {
        wat::parse_str(text).unwrap()
    }
}
