//! Recorded fixtures for every built-in CLI adapter: the exact command line
//! it builds for a job (a snapshot; `BLESS=1 cargo test -p
//! conformance-adapters --test cli_fixtures` rewrites it after a deliberate
//! change), and how it classifies what its runtime really printed.
//!
//! WasmEdge, iwasm (fast and classic) and wazero: the modules in
//! `fixtures/modules/` were run on the upstream builds and their raw output
//! is kept in `fixtures/recorded/<runtime>/<module>.json`. When a runtime's
//! binary is visible (`WASMEDGE=...`, `WAMR=...`, `WAMR_CLASSIC=...`,
//! `WAZERO=...`), the modules run on it again and must classify as recorded;
//! `RECORD=1` rewrites the recordings from the binaries.

use std::path::Path;
use std::time::Duration;

use conformance_adapters::{
    ExitStatus, Preopen, ProcessOutcome, TrapKind, WasiJob, builtin_specs, node_launcher,
};

fn job() -> WasiJob {
    WasiJob {
        module: "/scratch/case.wasm".into(),
        args: vec!["a b".into(), "-x".into()],
        env: vec![("K".into(), "V=1".into())],
        preopens: vec![Preopen {
            guest: "fs.dir".into(),
            host: "/scratch/fs.dir".into(),
        }],
        stdin: Vec::new(),
        scratch: "/scratch".into(),
        timeout: Duration::from_secs(1),
        output_cap: 1024,
    }
}

#[test]
fn command_lines_match_the_recorded_snapshot() {
    let launcher = node_launcher().display().to_string();
    let mut text = String::new();
    for spec in builtin_specs() {
        let argv: Vec<String> = std::iter::once(spec.binary.clone())
            .chain(spec.arguments(&job(), Some(Path::new("/cache/RT"))))
            .map(|a| a.replace(&launcher, "<node-launcher>"))
            .collect();
        text.push_str(&format!("{:<9} {argv:?}\n", spec.name));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/command-lines.txt");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let recorded = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        text, recorded,
        "command lines changed; rerun with BLESS=1 if intended"
    );
}

fn outcome(code: i32, stderr: &str) -> ProcessOutcome {
    ProcessOutcome {
        code: Some(code),
        signal: None,
        timed_out: false,
        stdout: Vec::new(),
        stdout_truncated: false,
        stderr: stderr.as_bytes().to_vec(),
        stderr_truncated: false,
        duration: Duration::ZERO,
    }
}

/// (runtime, exit code, stderr as recorded, expected status summary), as
/// wasmtime, wasmer, wasmi and node printed them here.
const RECORDED: &[(&str, i32, &str, &str)] = &[
    (
        "wasmtime",
        134,
        "Error: failed to run main module `m.wasm`\n\nCaused by:\n    0: failed to invoke command default\n    1: error while executing at wasm backtrace:\n    0:     0x31 - <unknown>!<wasm function 0>\n    2: wasm trap: wasm `unreachable` instruction executed\n",
        "trap (unreachable)",
    ),
    (
        "wasmtime",
        1,
        "Error: failed to parse WebAssembly module\n\nCaused by:\n    unexpected end-of-file (at offset 0x9)\n",
        "rejected",
    ),
    ("wasmtime", 3, "", "exit 3"),
    (
        "wasmer",
        1,
        "error: RuntimeError: unreachable\n    at <unnamed> (<module>[0]:0x31)\n",
        "trap (unreachable)",
    ),
    (
        "wasmer",
        1,
        "error: Unable to compile \"bad2.wasm\"\n╰─▶ 1: compile error: Validate(\"unexpected end-of-file (at offset 0x9)\")\n",
        "rejected",
    ),
    (
        "wasmi",
        1,
        "Error: failed during execution of _start: out of bounds memory access\n",
        "trap (memory-out-of-bounds)",
    ),
    (
        "wasmi",
        1,
        "Error: failed to compile Wasm module \"bad2.wasm\": unexpected end-of-file (at offset 0x9)\n",
        "rejected",
    ),
    (
        "node",
        134,
        "launcher: wasm trap: memory access out of bounds\n",
        "trap (memory-out-of-bounds)",
    ),
    (
        "node",
        125,
        "launcher: rejected: WebAssembly.compile(): expected magic word 00 61 73 6d\n",
        "rejected",
    ),
];

#[test]
fn recorded_outputs_are_classified() {
    let specs = builtin_specs();
    for (runtime, code, stderr, expected) in RECORDED {
        let spec = specs.iter().find(|s| s.name == *runtime).unwrap();
        let status = spec.classify.classify(&outcome(*code, stderr));
        assert_eq!(status.summary(), *expected, "{runtime}: {stderr}");
        if let ExitStatus::Trap { trap, .. } = status {
            assert_ne!(trap, TrapKind::Unknown, "{runtime}");
        }
    }
}

/// The runtimes whose real output is recorded, by name.
const RECORDED_RUNTIMES: &[&str] = &["wasmedge", "wamr", "wamr-classic", "wazero"];

/// A module of `fixtures/modules/`, what it should come to (the status
/// summary and the guest's stdout), and where a runtime differs, its own
/// outcome: a runtime bug or an honest difference, each said in a word.
struct Scenario {
    module: &'static str,
    /// Run with one preopened dir, `/d`.
    preopen: bool,
    status: &'static str,
    stdout: &'static str,
    /// (runtime, status, stdout) where a runtime does otherwise.
    differs: &'static [(&'static str, &'static str, &'static str)],
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        module: "trap_unreachable",
        preopen: false,
        status: "trap (unreachable)",
        stdout: "abc",
        differs: &[],
    },
    Scenario {
        module: "trap_memory",
        preopen: false,
        status: "trap (memory-out-of-bounds)",
        stdout: "before\n",
        differs: &[],
    },
    Scenario {
        module: "trap_divide",
        preopen: false,
        status: "trap (integer-divide-by-zero)",
        stdout: "",
        differs: &[],
    },
    Scenario {
        module: "trap_stack",
        preopen: false,
        status: "trap (stack-exhausted)",
        stdout: "",
        // Runtime bug: WasmEdge's interpreter has no call-depth limit; it
        // grows its frame stack (8 GB in 30 s here) until it is killed.
        differs: &[("wasmedge", "timeout", "")],
    },
    Scenario {
        module: "host_bad_pointer",
        preopen: false,
        // EFAULT, which the module passes to proc_exit.
        status: "exit 21",
        stdout: "",
        // iwasm checks the pointer in its native-call glue and traps.
        differs: &[
            ("wamr", "trap (memory-out-of-bounds)", ""),
            ("wamr-classic", "trap (memory-out-of-bounds)", ""),
        ],
    },
    Scenario {
        module: "exit_3",
        preopen: false,
        status: "exit 3",
        stdout: "Exception: not a trap\n",
        differs: &[],
    },
    Scenario {
        module: "exit_0",
        preopen: false,
        status: "exit 0",
        stdout: "Exception: not a trap\n",
        differs: &[],
    },
    Scenario {
        module: "unknown_import",
        preopen: false,
        status: "rejected",
        stdout: "",
        // iwasm links lazily: it warns, runs, and fails at the call, which
        // is classified as the refusal it is.
        differs: &[],
    },
    Scenario {
        module: "invalid",
        preopen: false,
        status: "rejected",
        stdout: "",
        differs: &[],
    },
    Scenario {
        module: "not_wasm",
        preopen: false,
        status: "rejected",
        stdout: "",
        differs: &[],
    },
    Scenario {
        module: "truncated",
        preopen: false,
        status: "rejected",
        stdout: "",
        differs: &[],
    },
    Scenario {
        module: "crash_renumber",
        preopen: true,
        status: "exit 0",
        stdout: "",
        differs: &[
            // Runtime bug: fd_renumber(fd, fd) crashes iwasm (its SIGSEGV
            // handler turns the fault into abort()).
            ("wamr", "crash (signal 6)", ""),
            ("wamr-classic", "crash (signal 6)", ""),
            // wazero refuses to renumber a preopen: ENOTSUP.
            ("wazero", "exit 58", ""),
        ],
    },
];

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The bytes of a scenario's module: its WAT compiled, or for `not_wasm`
/// and `truncated` the broken files those names say.
fn module_bytes(module: &str) -> Vec<u8> {
    let wat = |name: &str| {
        let path = fixtures().join(format!("modules/{name}.wat"));
        wat::parse_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    match module {
        "not_wasm" => b"this is not wasm\n".to_vec(),
        "truncated" => wat("exit_0")[..9].to_vec(),
        name => wat(name),
    }
}

/// One run of a real binary, as kept in `fixtures/recorded/`.
#[derive(serde::Serialize, serde::Deserialize)]
struct Recording {
    version: String,
    command: Vec<String>,
    code: Option<i32>,
    signal: Option<i32>,
    timed_out: bool,
    stdout: String,
    stderr: String,
}

impl Recording {
    fn outcome(&self) -> ProcessOutcome {
        ProcessOutcome {
            code: self.code,
            signal: self.signal,
            timed_out: self.timed_out,
            stdout: self.stdout.as_bytes().to_vec(),
            stdout_truncated: false,
            stderr: self.stderr.as_bytes().to_vec(),
            stderr_truncated: false,
            duration: Duration::ZERO,
        }
    }
}

fn recording_path(runtime: &str, module: &str) -> std::path::PathBuf {
    fixtures().join(format!("recorded/{runtime}/{module}.json"))
}

/// What a scenario should come to on `runtime`.
fn expected_for(scenario: &Scenario, runtime: &str) -> (&'static str, &'static str) {
    scenario
        .differs
        .iter()
        .find(|(r, _, _)| *r == runtime)
        .map_or((scenario.status, scenario.stdout), |(_, status, stdout)| {
            (status, stdout)
        })
}

/// The status summary and the guest's stdout that `spec` makes of an outcome.
fn judged(spec: &conformance_adapters::CliSpec, outcome: &ProcessOutcome) -> (String, String) {
    let separated = spec.classify.separate(outcome);
    let status = spec.classify.classify(outcome);
    if let ExitStatus::Trap { trap, message } = &status {
        // Every trap names its kind.
        assert!(
            *trap != TrapKind::Unknown,
            "{}: a trap of unknown kind: {message}",
            spec.name
        );
    }
    (
        status.summary(),
        String::from_utf8_lossy(&separated.stdout).into_owned(),
    )
}

#[test]
fn outputs_recorded_from_the_real_binaries_are_classified() {
    let specs = builtin_specs();
    for runtime in RECORDED_RUNTIMES {
        let spec = specs.iter().find(|s| s.name == *runtime).unwrap();
        for scenario in SCENARIOS {
            let path = recording_path(runtime, scenario.module);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!("{}: {e} (RECORD=1 with the binary visible)", path.display())
            });
            let recording: Recording =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let (status, stdout) = judged(spec, &recording.outcome());
            let (want_status, want_stdout) = expected_for(scenario, runtime);
            assert_eq!(
                (status.as_str(), stdout.as_str()),
                (want_status, want_stdout),
                "{runtime} {}: classified from {}",
                scenario.module,
                path.display()
            );
        }
    }
}

/// With a runtime's binary visible, run every scenario on it: it must
/// classify as recorded (`RECORD=1` rewrites the recordings instead).
#[test]
fn the_real_binaries_still_print_what_was_recorded() {
    use conformance_adapters::{CliRuntime, Discovery, ProcessRequest, Runtime, run_process};
    let record = std::env::var_os("RECORD").is_some();
    let discovery = Discovery::new(Default::default(), None);
    let specs = builtin_specs();
    let mut ran = 0;
    for runtime in RECORDED_RUNTIMES {
        let spec = specs.iter().find(|s| s.name == *runtime).unwrap().clone();
        let env_var = Discovery::env_var_for(runtime);
        if std::env::var_os(&env_var).is_none() {
            eprintln!("SKIPPING the recorded scenarios on {runtime}: {env_var} is not set");
            continue;
        }
        let real = CliRuntime::discover(spec.clone(), &discovery)
            .unwrap_or_else(|e| panic!("{runtime}: {e}"));
        let binary = real.info().binary.clone().unwrap();
        for scenario in SCENARIOS {
            let scratch = tempfile::tempdir().unwrap();
            let module = scratch.path().join(format!("{}.wasm", scenario.module));
            std::fs::write(&module, module_bytes(scenario.module)).unwrap();
            let preopens = if scenario.preopen {
                let dir = scratch.path().join("d");
                std::fs::create_dir(&dir).unwrap();
                vec![Preopen {
                    guest: "/d".into(),
                    host: dir,
                }]
            } else {
                Vec::new()
            };
            let job = WasiJob {
                module: module.clone(),
                args: Vec::new(),
                env: Vec::new(),
                preopens,
                stdin: Vec::new(),
                scratch: scratch.path().to_path_buf(),
                // Long enough for any run that ends, short enough for
                // WasmEdge's unbounded recursion (it grows by ~250 MB/s).
                timeout: Duration::from_secs(2),
                output_cap: 1 << 16,
            };
            let args = spec.arguments(&job, None);
            let outcome = run_process(&ProcessRequest {
                program: binary.clone(),
                args: args.iter().map(Into::into).collect(),
                env: vec![
                    ("PATH".into(), "/usr/bin:/bin".into()),
                    ("HOME".into(), scratch.path().into()),
                ],
                cwd: scratch.path().to_path_buf(),
                stdin: Vec::new(),
                timeout: job.timeout,
                output_cap: job.output_cap,
            })
            .unwrap();
            ran += 1;
            let scratch_text = scratch.path().display().to_string();
            let text =
                |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&scratch_text, "<scratch>");
            let recording = Recording {
                version: real.info().version.clone(),
                command: std::iter::once(spec.binary.clone())
                    .chain(args.iter().map(|a| a.replace(&scratch_text, "<scratch>")))
                    .collect(),
                code: outcome.code,
                signal: outcome.signal,
                timed_out: outcome.timed_out,
                stdout: text(&outcome.stdout),
                stderr: text(&outcome.stderr),
            };
            let path = recording_path(runtime, scenario.module);
            if record {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                let json = serde_json::to_string_pretty(&recording).unwrap();
                std::fs::write(&path, json + "\n").unwrap();
                continue;
            }
            let recorded: Recording =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(
                judged(&spec, &recording.outcome()),
                judged(&spec, &recorded.outcome()),
                "{runtime} {}: the binary's output no longer classifies as recorded in {}",
                scenario.module,
                path.display()
            );
        }
    }
    eprintln!("ran {ran} scenario(s) on real binaries");
}
