//! Recorded fixtures for every built-in CLI adapter, so that an adapter that
//! cannot be run here (WasmEdge, WAMR, wazero have no obtainable build) is
//! still pinned down: the exact command line it builds for a job, and how it
//! classifies the output its runtime is documented (or was seen) to print.
//! `BLESS=1 cargo test -p conformance-adapters --test cli_fixtures` rewrites
//! the command-line snapshot after a deliberate change.

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
            .chain(spec.arguments(&job()))
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

/// (runtime, exit code, stderr as recorded, expected status summary).
/// wasmtime, wasmer, wasmi and node were recorded here; WasmEdge, WAMR and
/// wazero come from their documentation and upstream issue reports.
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
    (
        "wasmedge",
        1,
        "[2021-12-29 16:47:56.603] [error] execution failed: unreachable, Code: 0x89\n[2021-12-29 16:47:56.604] [error]     In instruction: unreachable (0x00) , Bytecode offset: 0x0000a64d\n[2021-12-29 16:47:56.604] [error]     When executing function name: \"_start\"\n",
        "trap (unreachable)",
    ),
    (
        "wasmedge",
        1,
        "[error] loading failed: magic header not detected, Code: 0x23\n",
        "rejected",
    ),
    ("wamr", 1, "Exception: unreachable\n", "trap (unreachable)"),
    (
        "wamr",
        1,
        "WASM module load failed: magic header not detected\n",
        "rejected",
    ),
    (
        "wazero",
        1,
        "error instantiating wasm binary: module[] function[_start] failed: wasm error: unreachable\nwasm stack trace:\n\t.$0()\n",
        "trap (unreachable)",
    ),
    (
        "wazero",
        1,
        "error compiling wasm binary: invalid magic number\n",
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
