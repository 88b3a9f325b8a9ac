//! The reference runtime, in-process: a [`WasiJob`] becomes a
//! [`reference_runtime::wasi::WasiCtx`] and one `run_command` call, with
//! no process spawned. Runs are deterministic (virtual clocks, seeded
//! randomness), so the oracle's observations repeat exactly. With
//! [`ReferenceRuntime::with_trace`], each observation also lists the
//! preview1 calls the guest made.

use std::time::Instant;

use reference_runtime::wasi::{RunExit, WasiCtxBuilder, run_command};

use crate::{
    AdapterError, CallTrace, Capabilities, CapturedOutput, DirectiveFailure, ExitStatus,
    Observation, Runtime, RuntimeInfo, ScriptJob, ScriptObservation, TrapKind, WasiJob,
};

/// How many Wasm instructions one second of a job's timeout buys: the
/// timeout becomes a fuel budget, so a run that loops forever ends the same
/// way on every machine ([`ExitStatus::Timeout`]).
pub const FUEL_PER_SECOND: u64 = 100_000_000;

/// The seed of `random_get` in every job.
pub const SEED: u64 = 0;

/// The calls a traced observation keeps by default: the first ones, where
/// the first difference between two runs usually is (a Rust std program's
/// start-up makes about a dozen), while a case that loops over writes
/// adds no more than this to the run record.
pub const TRACE_LIMIT: usize = 256;

/// The program name in [`Runtime::command_line`]: the binary of
/// `cargo build -p reference-runtime`.
pub const PROGRAM: &str = "reference-runtime";

/// The reference runtime as a [`Runtime`].
#[derive(Debug, Clone)]
pub struct ReferenceRuntime {
    info: RuntimeInfo,
    trace_limit: Option<usize>,
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
            trace_limit: None,
        }
    }

    /// Each observation also carries the guest's preview1 calls
    /// ([`Observation::trace`]), the first `limit` of them (see
    /// [`TRACE_LIMIT`]).
    pub fn with_trace(mut self, limit: usize) -> Self {
        self.trace_limit = Some(limit);
        self
    }

    fn argv0(job: &WasiJob) -> String {
        job.module
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "main.wasm".to_string())
    }

    fn fuel(job: &WasiJob) -> u64 {
        let secs = job.timeout.as_secs_f64().max(0.001);
        (secs * FUEL_PER_SECOND as f64) as u64
    }

    fn setup_error(&self, source: impl std::error::Error + Send + Sync + 'static) -> AdapterError {
        AdapterError::Setup {
            runtime: self.info.name.clone(),
            source: Box::new(source),
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

/// The harness's name for an interpreter trap. Exhaustive: a trap kind
/// the interpreter adds must be named here before this compiles.
/// `Exit` and `OutOfFuel` are not traps to the harness (see
/// [`exit_status`]); asked anyway, they map to `Host` and `OutOfFuel`.
pub fn trap_kind(kind: reference_runtime::TrapKind) -> TrapKind {
    use reference_runtime::TrapKind as K;
    match kind {
        K::Unreachable => TrapKind::Unreachable,
        K::IntegerOverflow => TrapKind::IntegerOverflow,
        K::IntegerDivideByZero => TrapKind::IntegerDivideByZero,
        K::InvalidConversionToInteger => TrapKind::InvalidConversionToInteger,
        K::MemoryOutOfBounds => TrapKind::MemoryOutOfBounds,
        // The spec's "undefined element" is `call_indirect` past the
        // table's end: a table bounds trap, as `from_message` reads it.
        K::TableOutOfBounds | K::UndefinedElement => TrapKind::TableOutOfBounds,
        K::UninitializedElement => TrapKind::UninitializedElement,
        K::IndirectCallTypeMismatch => TrapKind::IndirectCallTypeMismatch,
        K::NullReference => TrapKind::NullReference,
        K::CallStackExhausted => TrapKind::StackExhausted,
        K::OutOfFuel => TrapKind::OutOfFuel,
        K::UncaughtException => TrapKind::UncaughtException,
        K::ArrayOutOfBounds => TrapKind::ArrayOutOfBounds,
        K::CastFailure => TrapKind::CastFailure,
        K::AllocationTooLarge => TrapKind::AllocationTooLarge,
        K::Exit(_) | K::Host => TrapKind::Host,
    }
}

/// How a run of the reference ended, as the harness says it: an exit
/// (`proc_exit` included), a timeout when the fuel (the job's timeout)
/// ran out, a trap of a [`trap_kind`], or a refused module.
pub fn exit_status(exit: RunExit) -> ExitStatus {
    use reference_runtime::TrapKind as K;
    match exit {
        RunExit::Exit(code) | RunExit::Trap(K::Exit(code), _) => ExitStatus::Exit { code },
        RunExit::Trap(K::OutOfFuel, _) => ExitStatus::Timeout,
        RunExit::Trap(kind, message) => ExitStatus::Trap {
            trap: trap_kind(kind),
            message,
        },
        RunExit::Rejected(message) => ExitStatus::Rejected { message },
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
            parse_error: report.parse_error.clone(),
            ..ScriptObservation::default()
        };
        for directive in &report.directives {
            match &directive.outcome {
                Outcome::Pass => {}
                Outcome::Fail(message) => observation.failures.push(DirectiveFailure {
                    line: directive.line,
                    kind: directive.kind.as_str().to_string(),
                    message: message.clone(),
                    expected: None,
                    observed: None,
                }),
                Outcome::Skip(reason) => observation.skip(directive.line, reason),
            }
        }
        observation.duration_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(observation)
    }

    fn run_wasi(&self, job: &WasiJob) -> Result<Observation, AdapterError> {
        let started = Instant::now();
        let bytes = std::fs::read(&job.module)
            .map_err(|e| self.io_error(format!("reading {}", job.module.display()), e))?;
        let mut builder = WasiCtxBuilder::new()
            .args(std::iter::once(Self::argv0(job)).chain(job.args.iter().cloned()))
            .envs(job.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(job.stdin.clone())
            .capture_stdout(job.output_cap)
            .capture_stderr(job.output_cap)
            .deterministic(SEED);
        if let Some(limit) = self.trace_limit {
            builder = builder.capture_trace(limit);
        }
        for p in &job.preopens {
            builder = builder
                .preopen_dir(&p.host, &p.guest)
                .map_err(|e| self.setup_error(e))?;
        }
        let ctx = builder.build().map_err(|e| self.setup_error(e))?;
        let mut config = reference_runtime::Config::default();
        config.fuel(Some(Self::fuel(job)));
        let outcome = run_command(&bytes, ctx, &config);
        Ok(Observation {
            status: exit_status(outcome.exit),
            stdout: CapturedOutput::from_bytes(&outcome.stdout, outcome.stdout_truncated),
            stderr: CapturedOutput::from_bytes(&outcome.stderr, outcome.stderr_truncated),
            duration_ms: started.elapsed().as_secs_f64() * 1000.0,
            fs_after: None,
            trace: outcome.trace.map(|t| CallTrace {
                calls: t.calls,
                dropped: t.dropped,
            }),
        })
    }

    /// `reference-runtime run` with what the in-process run used:
    /// deterministic mode with [`SEED`], the fuel the timeout buys,
    /// `argv[0]`, stdin, each preopen as `--dir HOST::GUEST`, the
    /// environment, the module and its arguments. (The binary inherits
    /// stdout and stderr rather than capping them at `output_cap`; add
    /// `--trace` to see the calls on stderr.)
    fn command_line(&self, job: &WasiJob) -> Vec<String> {
        let mut line: Vec<String> = vec![
            PROGRAM.into(),
            "run".into(),
            "--deterministic".into(),
            SEED.to_string(),
            "--fuel".into(),
            Self::fuel(job).to_string(),
            "--argv0".into(),
            Self::argv0(job),
            "--stdin-text".into(),
            String::from_utf8_lossy(&job.stdin).into_owned(),
        ];
        for p in &job.preopens {
            line.push("--dir".into());
            line.push(format!("{}::{}", p.host.display(), p.guest));
        }
        for (k, v) in &job.env {
            line.push("--env".into());
            line.push(format!("{k}={v}"));
        }
        line.push(job.module.display().to_string());
        line.extend(job.args.iter().cloned());
        line
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
        assert!(matches!(rt.run_wasi(&j), Err(AdapterError::Setup { .. })));
    }

    /// A run the reference cannot set up is the harness's `error`, not a
    /// `skip`: `Setup`, never `Unsupported`.
    #[test]
    fn a_setup_error_is_setup_not_unsupported() {
        let dir = tempfile::tempdir().unwrap();
        let rt = ReferenceRuntime::new();
        let mut j = job(dir.path());
        std::fs::write(
            &j.module,
            wat_to_wasm(r#"(module (func (export "_start")))"#),
        )
        .unwrap();
        j.args = vec!["a\0b".into()];
        let err = rt.run_wasi(&j).unwrap_err();
        assert!(matches!(err, AdapterError::Setup { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            r#"reference: setting up the run: invalid argument: "a\0b""#
        );
    }

    #[test]
    fn every_interpreter_trap_has_a_kind_the_harness_names() {
        use reference_runtime::TrapKind as K;
        let all = [
            K::Unreachable,
            K::IntegerOverflow,
            K::IntegerDivideByZero,
            K::InvalidConversionToInteger,
            K::MemoryOutOfBounds,
            K::TableOutOfBounds,
            K::UndefinedElement,
            K::UninitializedElement,
            K::IndirectCallTypeMismatch,
            K::NullReference,
            K::CallStackExhausted,
            K::OutOfFuel,
            K::UncaughtException,
            K::ArrayOutOfBounds,
            K::CastFailure,
            K::AllocationTooLarge,
            K::Host,
        ];
        for kind in all {
            let mapped = trap_kind(kind);
            assert_ne!(mapped, TrapKind::Unknown, "{kind:?}");
            // The interpreter's own message reads back as the same kind.
            if kind != K::Host {
                assert_eq!(TrapKind::from_message(kind.message()), mapped, "{kind:?}");
            }
        }
        assert_eq!(
            exit_status(RunExit::Trap(K::Exit(4), "exit".into())),
            ExitStatus::Exit { code: 4 }
        );
        assert_eq!(
            exit_status(RunExit::Trap(K::OutOfFuel, String::new())),
            ExitStatus::Timeout
        );
    }

    #[test]
    fn the_command_line_states_everything_the_run_used() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = job(dir.path());
        j.stdin = b"in put".to_vec();
        j.preopens.push(Preopen {
            guest: "/data".into(),
            host: dir.path().join("fixture"),
        });
        let line = ReferenceRuntime::new().command_line(&j);
        let d = dir.path().display();
        let expected: Vec<String> = [
            "reference-runtime",
            "run",
            "--deterministic",
            "0",
            "--fuel",
            "100000000",
            "--argv0",
            "m.wasm",
            "--stdin-text",
            "in put",
            "--dir",
            &format!("{d}/fixture::/data"),
            "--env",
            "K=V",
            &format!("{d}/m.wasm"),
            "a",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(line, expected);
        // A traced run is reproduced by the same line: its stderr stays
        // the guest's.
        assert_eq!(ReferenceRuntime::new().with_trace(8).command_line(&j), line);
    }

    #[test]
    fn a_traced_run_lists_its_calls_and_an_untraced_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let j = job(dir.path());
        let two_writes = r#"(module
            (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
            (memory (export "memory") 1)
            (func (export "_start")
                (drop (call $w (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 8)))
                (drop (call $w (i32.const 7) (i32.const 0) (i32.const 0) (i32.const 8)))))"#;
        std::fs::write(&j.module, wat_to_wasm(two_writes)).unwrap();
        assert_eq!(ReferenceRuntime::new().run_wasi(&j).unwrap().trace, None);
        let obs = ReferenceRuntime::new().with_trace(1).run_wasi(&j).unwrap();
        let trace = obs.trace.expect("asked for a trace");
        assert_eq!(
            trace.calls,
            ["fd_write(fd: 1, iovs: 0x0, iovs_len: 0, nwritten: 0x8) -> OK; nwritten = 0"]
        );
        assert_eq!(trace.dropped, 1);
    }

    fn wat_to_wasm(text: &str) -> Vec<u8> {
        wat::parse_str(text).unwrap()
    }
}
