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
        },
    }
}

/// Every built-in CLI runtime, by name.
pub fn builtin_specs() -> Vec<CliSpec> {
    vec![wasmtime(), node()]
}
