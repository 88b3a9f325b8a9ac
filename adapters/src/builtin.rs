//! The runtimes the harness knows by name, each as a [`CliSpec`]: the command
//! lines documented by each project and checked against real binaries (see
//! `shared/runtimes.md` for what each one printed here).

use std::collections::BTreeMap;

use crate::{Capabilities, Classifier, CliSpec};

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The Node launcher script, kept in the repository beside this crate.
pub fn node_launcher() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("node/wasi-launcher.mjs")
}

/// wasmtime: `wasmtime run --dir HOST::GUEST --env K=V module.wasm args...`.
/// A trap exits 134 with `wasm trap: ...` as the innermost cause; an error
/// of a WASI host call exits 1 with the error chain on stderr.
fn wasmtime() -> CliSpec {
    CliSpec {
        name: "wasmtime".into(),
        binary: "wasmtime".into(),
        run: strings(&["run", "{dirs}", "{env}", "{module}", "{args}"]),
        dir: strings(&["--dir", "{host}::{guest}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: vec![134],
            trap_patterns: strings(&["wasm trap:"]),
            // A WASI call wasmtime refuses (a bad pointer, an invalid enum,
            // an exit code of 126 or more) ends the run with exit 1.
            host_error_patterns: strings(&["error while executing at wasm backtrace"]),
            reject_patterns: strings(&[
                "failed to parse WebAssembly module",
                "expected `(`",
                "failed to compile",
                "WebAssembly translation error",
                "unknown import",
                "incompatible import type",
            ]),
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: true,
            scripts: false,
        },
    }
}

/// node: Node's built-in `node:wasi`, through our launcher script.
fn node() -> CliSpec {
    let launcher = node_launcher().to_string_lossy().into_owned();
    CliSpec {
        name: "node".into(),
        binary: "node".into(),
        run: vec![
            "--disable-warning=ExperimentalWarning".into(),
            launcher,
            "{dirs}".into(),
            "{env}".into(),
            "--".into(),
            "{module}".into(),
            "{args}".into(),
        ],
        dir: strings(&["--dir", "{guest}={host}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: vec![134],
            trap_patterns: strings(&["launcher: wasm trap:"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&["launcher: rejected:"]),
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: true,
            scripts: false,
        },
    }
}

/// wasmer 7: `wasmer run --volume HOST:GUEST --env K=V module.wasm -- args`.
/// `WASMER_DIR` points into the job's scratch dir so that no cache is shared.
/// A trap exits non-zero (1 here, 45 in some builds) with `RuntimeError:
/// <trap>` in its report; a module it refuses gives `Unable to compile`.
fn wasmer() -> CliSpec {
    CliSpec {
        name: "wasmer".into(),
        binary: "wasmer".into(),
        run: strings(&["run", "{dirs}", "{env}", "{module}", "--", "{args}"]),
        dir: strings(&["--volume", "{host}:{guest}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: [(
            "WASMER_DIR".to_string(),
            "{scratch}/.home/.wasmer".to_string(),
        )]
        .into(),
        classify: Classifier {
            trap_exit_codes: Vec::new(),
            trap_patterns: strings(&["RuntimeError:"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&[
                "Unable to compile",
                "failed to compile",
                "compile error",
                "validation error",
                "invalid input WebAssembly code",
                "can't compile",
                "error while importing",
                "unknown import",
            ]),
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: true,
            scripts: false,
        },
    }
}

/// wasmi 2: `wasmi run --dir DIR --env K=V module.wasm args`. It cannot
/// mount a dir under another name: the guest sees the path as given, so the
/// dir is given relative to the job's scratch dir, where it has its guest name.
/// Traps and WASI host errors alike exit 1 with `failed during execution of
/// _start: <message>`.
fn wasmi() -> CliSpec {
    CliSpec {
        name: "wasmi".into(),
        binary: "wasmi".into(),
        run: strings(&["run", "{dirs}", "{env}", "{module}", "{args}"]),
        dir: strings(&["--dir", "{guest}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: vec![1],
            trap_patterns: strings(&["failed during execution of"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&[
                "failed to compile Wasm module",
                "failed to instantiate",
                "failed to link",
            ]),
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: false,
            invoke: true,
            scripts: false,
        },
    }
}

/// WABT's `wasm-interp`: no WASI in the builds that install here (`wasi
/// support not compiled in`), so only its invoke mode serves, for the spec
/// and differential work. It exits 0 on a trap and reports it on stdout.
fn wabt() -> CliSpec {
    CliSpec {
        name: "wabt".into(),
        binary: "wasm-interp".into(),
        run: strings(&["--wasi", "{dirs}", "{env}", "{module}", "--", "{args}"]),
        dir: strings(&["--dir", "{host}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: Vec::new(),
            trap_patterns: strings(&["error: "]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&["bad magic value", "error: "]),
        },
        capabilities: Capabilities {
            wasi: false,
            guest_path_remap: false,
            invoke: true,
            scripts: false,
        },
    }
}

/// WasmEdge: `wasmedge --dir GUEST:HOST --env K=V module.wasm args`
/// (documented; no build is obtainable here, so never run for real).
/// A trap is logged as `[error] execution failed: <trap>, Code: 0x..`.
fn wasmedge() -> CliSpec {
    CliSpec {
        name: "wasmedge".into(),
        binary: "wasmedge".into(),
        run: strings(&["{dirs}", "{env}", "{module}", "{args}"]),
        dir: strings(&["--dir", "{guest}:{host}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: Vec::new(),
            trap_patterns: strings(&["execution failed:"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&[
                "loading failed:",
                "validation failed:",
                "instantiation failed:",
            ]),
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: true,
            scripts: false,
        },
    }
}

/// Upstream WAMR's `iwasm`: `iwasm --map-dir=GUEST::HOST --env=K=V module.wasm
/// args` (documented; no build is obtainable here, so never run for real). A
/// trap prints `Exception: <trap>`.
fn wamr() -> CliSpec {
    CliSpec {
        name: "wamr".into(),
        binary: "iwasm".into(),
        run: strings(&["{dirs}", "{env}", "{module}", "{args}"]),
        dir: strings(&["--map-dir={guest}::{host}"]),
        env: strings(&["--env={key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: Vec::new(),
            trap_patterns: strings(&["Exception:"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&["WASM module load failed", "instantiate failed"]),
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: true,
            scripts: false,
        },
    }
}

/// wazero: `wazero run -mount=HOST:GUEST -env=K=V module.wasm args`
/// (documented; no build is obtainable here, so never run for real). A trap
/// reports `wasm error: <trap>`.
fn wazero() -> CliSpec {
    CliSpec {
        name: "wazero".into(),
        binary: "wazero".into(),
        run: strings(&["run", "{dirs}", "{env}", "{module}", "{args}"]),
        dir: strings(&["-mount={host}:{guest}"]),
        env: strings(&["-env={key}={value}"]),
        version: strings(&["version"]),
        process_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: Vec::new(),
            trap_patterns: strings(&["wasm error:"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&["error compiling wasm binary", "invalid magic number"]),
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: false,
            scripts: false,
        },
    }
}

/// Every built-in CLI runtime, in report column order.
pub fn builtin_specs() -> Vec<CliSpec> {
    vec![
        wasmtime(),
        wasmer(),
        wasmi(),
        node(),
        wasmedge(),
        wamr(),
        wazero(),
        wabt(),
    ]
}

/// Runtimes `cargo xtask install-runtimes` can install (or, for node, find).
pub const INSTALLABLE: &[&str] = &["wasmtime", "wasmer", "wasmi", "node", "wabt"];

/// Runtimes that have no build obtainable on the machines this project was
/// developed on: their adapters follow the documented CLI and were never run
/// against a real binary. Reports say so.
pub const NEVER_RUN_FOR_REAL: &[&str] = &["wasmedge", "wamr", "wazero"];
