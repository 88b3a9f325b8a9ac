//! The runtimes the harness knows by name, each as a [`CliSpec`]: the command
//! lines documented by each project, checked against real binaries. What
//! WasmEdge, iwasm and wazero print is recorded from their upstream builds in
//! `adapters/tests/fixtures/recorded/` and classified by `tests/cli_fixtures.rs`.

use std::collections::BTreeMap;

use crate::{Capabilities, Classifier, CliSpec, ScriptRunner};

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
/// Its compilation cache is on by default, under `$XDG_CACHE_HOME/wasmtime`.
fn wasmtime() -> CliSpec {
    CliSpec {
        name: "wasmtime".into(),
        binary: "wasmtime".into(),
        // One compiler thread: the harness runs jobs in parallel already,
        // and a job's threads would only fight the others for the cores.
        run: strings(&[
            "run",
            "-C",
            "parallel-compilation=n",
            "{features}",
            "{dirs}",
            "{env}",
            "{module}",
            "{args}",
        ]),
        // Every Wasm proposal `-W help` lists but threads' shared-everything
        // and stack switching (neither has spec tests in the suites yet),
        // and not the component model's: a WASI command runs the same.
        feature_args: strings(&[
            "-W",
            "bulk-memory=y,multi-memory=y,multi-value=y,reference-types=y,simd=y,\
             relaxed-simd=y,tail-call=y,threads=y,shared-memory=y,memory64=y,\
             function-references=y,gc=y,custom-page-sizes=y,wide-arithmetic=y,\
             extended-const=y,exceptions=y",
        ]),
        dir: strings(&["--dir", "{host}::{guest}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        cache: Vec::new(),
        cache_env: [("XDG_CACHE_HOME".to_string(), "{cache}".to_string())].into(),
        classify: Classifier {
            // A Wasm exception nothing caught ends the run with exit 1.
            trap_exit_codes: vec![134, 1],
            trap_patterns: strings(&["wasm trap:", "thrown Wasm exception"]),
            // A WASI call wasmtime refuses (a bad pointer, an invalid enum,
            // an exit code of 126 or more) ends the run with exit 1.
            host_error_patterns: strings(&["error while executing at wasm backtrace"]),
            reject_patterns: strings(&[
                "failed to parse WebAssembly module",
                "expected `(`",
                // A file without the `\0asm` magic is read as text, and
                // the text parser's errors point at it: `     --> m.wasm:1:1`.
                "     --> ",
                // ... unless it is not UTF-8 either.
                "input bytes aren't valid utf-8",
                "failed to compile",
                "WebAssembly translation error",
                "unknown import",
                "incompatible import type",
            ]),
            ..Classifier::default()
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: true,
            scripts: false,
        },
        scripts: None,
        locate_as: None,
    }
}

/// `wasmtime wast`: wasmtime's own spec-script runner, a column beside the
/// reference for the spec suite. It finds the `wasmtime` binary as the
/// `wasmtime` runtime does (`WASMTIME=...`, `--runtime-path wasmtime=...`)
/// and runs nothing else: no WASI.
fn wasmtime_wast() -> CliSpec {
    CliSpec {
        name: "wasmtime-wast".into(),
        locate_as: Some("wasmtime".into()),
        scripts: Some(ScriptRunner::WasmtimeWast),
        // No WASI command line: it runs scripts only.
        run: Vec::new(),
        dir: Vec::new(),
        env: Vec::new(),
        classify: Classifier::default(),
        cache_env: BTreeMap::new(),
        capabilities: Capabilities {
            wasi: false,
            guest_path_remap: false,
            invoke: false,
            scripts: true,
        },
        ..wasmtime()
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
            "{features}".into(),
            launcher,
            "{dirs}".into(),
            "{env}".into(),
            "--".into(),
            "{module}".into(),
            "{args}".into(),
        ],
        // The proposals Node 20's V8 (11.3) still keeps behind a flag (tail
        // calls, SIMD and exceptions in their legacy encoding ship on; it has
        // no multi-memory, wide arithmetic, custom page sizes nor exnref).
        // Not `--experimental-wasm-gc`: 11.3 has GC's pre-standard opcodes,
        // which refuse the standard encoding anyway.
        feature_args: strings(&[
            "--experimental-wasm-typed-funcref",
            "--experimental-wasm-memory64",
            "--experimental-wasm-relaxed-simd",
            "--experimental-wasm-extended-const",
        ]),
        dir: strings(&["--dir", "{guest}={host}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        cache: Vec::new(),
        cache_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: vec![134],
            trap_patterns: strings(&["launcher: wasm trap:"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&["launcher: rejected:"]),
            ..Classifier::default()
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: true,
            scripts: false,
        },
        scripts: None,
        locate_as: None,
    }
}

/// wasmer 7: `wasmer run --volume HOST:GUEST --env K=V module.wasm -- args`.
/// `WASMER_DIR` (where it keeps compiled modules) is the run's cache, or,
/// with no cache, a dir in the job's scratch dir, so that nothing is shared.
/// A trap exits non-zero (1 here, 45 in some builds) with `RuntimeError:
/// <trap>` in its report; a module it refuses gives `Unable to compile`.
fn wasmer() -> CliSpec {
    CliSpec {
        name: "wasmer".into(),
        binary: "wasmer".into(),
        run: strings(&[
            "run",
            "{features}",
            "{dirs}",
            "{env}",
            "{module}",
            "--",
            "{args}",
        ]),
        // Each `--enable-*` its Cranelift backend takes: with tail calls,
        // memory64 or module linking (and so `--enable-all`) asked for, every
        // module fails ("No backends support the required features").
        feature_args: strings(&[
            "--enable-simd",
            "--enable-threads",
            "--enable-reference-types",
            "--enable-multi-value",
            "--enable-bulk-memory",
            "--enable-multi-memory",
            "--enable-exceptions",
            "--enable-relaxed-simd",
            "--enable-extended-const",
            "--wide-arithmetic",
        ]),
        dir: strings(&["--volume", "{host}:{guest}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: [(
            "WASMER_DIR".to_string(),
            "{scratch}/.home/.wasmer".to_string(),
        )]
        .into(),
        cache: Vec::new(),
        cache_env: [("WASMER_DIR".to_string(), "{cache}".to_string())].into(),
        classify: Classifier {
            trap_exit_codes: Vec::new(),
            trap_patterns: strings(&["RuntimeError:", "Uncaught exception"]),
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
            ..Classifier::default()
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: true,
            scripts: false,
        },
        scripts: None,
        locate_as: None,
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
        run: strings(&["run", "{features}", "{dirs}", "{env}", "{module}", "{args}"]),
        // Its CLI enables every proposal it has and has no flag for any.
        feature_args: Vec::new(),
        dir: strings(&["--dir", "{guest}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        cache: Vec::new(),
        cache_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: vec![1],
            trap_patterns: strings(&["failed during execution of"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&[
                "failed to compile Wasm module",
                "failed to populate WASI externals",
                "cannot find definition for import",
                ") type mismatch. expected",
                "failed to link",
            ]),
            // A start function or an active segment that traps.
            instantiation_patterns: strings(&["failed to instantiate and start"]),
            ..Classifier::default()
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: false,
            invoke: true,
            scripts: false,
        },
        scripts: None,
        locate_as: None,
    }
}

/// WABT's `wasm-interp`: no WASI in the builds that install here (`wasi
/// support not compiled in`), so only its invoke mode serves, for the spec
/// and differential work. It exits 0 on a trap and reports it on stdout.
/// Spec scripts go through the `wast2json` and `spectest-interp` beside it.
fn wabt() -> CliSpec {
    CliSpec {
        name: "wabt".into(),
        binary: "wasm-interp".into(),
        run: strings(&[
            "--wasi",
            "{features}",
            "{dirs}",
            "{env}",
            "{module}",
            "--",
            "{args}",
        ]),
        feature_args: strings(&["--enable-all"]),
        dir: strings(&["--dir", "{host}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        cache: Vec::new(),
        cache_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: Vec::new(),
            trap_patterns: strings(&["error: "]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&["bad magic value", "error: "]),
            ..Classifier::default()
        },
        capabilities: Capabilities {
            wasi: false,
            guest_path_remap: false,
            invoke: true,
            scripts: true,
        },
        scripts: Some(ScriptRunner::Wabt),
        locate_as: None,
    }
}

/// WasmEdge 0.15 (`wasmedge --dir GUEST:HOST --env K=V module.wasm args`);
/// the interpreter it runs keeps no compiled code, so it has no cache.
/// It logs through spdlog to **stdout**, each line stamped `[2026-12-05
/// 10:33:25.999] [error] ...`, right after whatever the guest wrote. A trap
/// exits 134 (a plain exit code, not a signal) with `execution failed:
/// <trap>, Code: 0x..`; a module it refuses exits 1 with `loading failed:`,
/// `validation failed:` or `instantiation failed:` (an unknown import).
fn wasmedge() -> CliSpec {
    CliSpec {
        name: "wasmedge".into(),
        binary: "wasmedge".into(),
        run: strings(&["{features}", "{dirs}", "{env}", "{module}", "{args}"]),
        // Each `--enable-*` of a Wasm proposal its `--help` lists (not
        // `--enable-all`, which takes the component model too); SIMD and
        // the others of Wasm 2.0 are on by default. It has no memory64.
        feature_args: strings(&[
            "--enable-tail-call",
            "--enable-extended-const",
            "--enable-function-reference",
            "--enable-gc",
            "--enable-multi-memory",
            "--enable-threads",
            "--enable-relaxed-simd",
            "--enable-exception-handling",
        ]),
        dir: strings(&["--dir", "{guest}:{host}"]),
        env: strings(&["--env", "{key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        cache: Vec::new(),
        cache_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: vec![134],
            trap_patterns: strings(&["execution failed:"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&[
                "loading failed:",
                "validation failed:",
                "instantiation failed:",
            ]),
            // A start function or an active segment that traps exits 1.
            instantiation_patterns: strings(&["execution failed:"]),
            stdout_log: strings(&["[????-??-?? ??:??:??.???] "]),
            // What `--enable-gc` says on every run.
            stdout_noise: strings(&["[warning] GC proposal is enabled, this is experimental."]),
            ..Classifier::default()
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: true,
            scripts: false,
        },
        scripts: None,
        locate_as: None,
    }
}

/// Upstream WAMR's `iwasm` 2.4 (`iwasm --map-dir=GUEST::HOST --env=K=V
/// module.wasm args`), built with the fast interpreter (`wamr`) or the
/// classic one (`wamr-classic`, binary `iwasm-classic`). Its own words go to
/// **stdout**: a trap exits 1 with `Exception: <trap>` as the last line
/// (right after guest bytes that had no newline); a module it refuses exits
/// 255 with `WASM module load failed: ...`; a refused command line (more
/// than 8 `--env`, say) exits 1 with one line saying so. Warnings are log
/// lines stamped `[01:18:46:044 - 7FB849D5C780]: `. An unknown import is
/// not refused: calling it traps (`failed to call unlinked import
/// function`). Interpreters: nothing compiled to cache.
fn wamr_variant(name: &str, binary: &str) -> CliSpec {
    CliSpec {
        name: name.into(),
        binary: binary.into(),
        run: strings(&["{features}", "{dirs}", "{env}", "{module}", "{args}"]),
        // Its proposals are chosen when it is built; the CLI has no flag.
        feature_args: Vec::new(),
        dir: strings(&["--map-dir={guest}::{host}"]),
        env: strings(&["--env={key}={value}"]),
        version: strings(&["--version"]),
        process_env: BTreeMap::new(),
        cache: Vec::new(),
        cache_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: vec![1],
            trap_patterns: strings(&["Exception:"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&[
                "WASM module load failed",
                // It links lazily: an import nobody provides is refused
                // only when it is called.
                "failed to call unlinked import function",
            ]),
            // A start function or an active segment that traps exits 255.
            instantiation_patterns: strings(&[
                "WASM module instantiate failed",
                "Instantiate module failed",
            ]),
            stdout_log: strings(&["[??:??:??:??? - *]: "]),
            stdout_report: strings(&[
                "Exception: ",
                "WASM module load failed",
                "WASM module instantiate failed",
                "Instantiate module failed",
                "WASM execute application failed",
                "Read file to buffer failed",
                "Init wasi environment failed",
                "Init runtime environment failed",
                "Wasm parse env string failed",
                "Wasm prepare param failed",
                "Only allow max ",
                "lookup the entry point symbol",
                "Error: app heap is corrupted",
            ]),
            // 1 after a trap or a refused command line, 255 after a module
            // that does not load.
            stdout_report_codes: vec![1, 255],
            ..Classifier::default()
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: true,
            scripts: false,
        },
        scripts: None,
        locate_as: None,
    }
}

/// wazero 1.9: `wazero run -cachedir=CACHE -mount=HOST:GUEST -env=K=V
/// module.wasm args`.
/// Everything it says goes to stderr. A trap exits 1 with `wasm error:
/// <trap>` (call-stack exhaustion says `failed: stack overflow` instead); a
/// module it refuses exits 1 with `error compiling wasm binary: ...`, an
/// unknown import with `"f" is not exported in module "m"`.
fn wazero() -> CliSpec {
    CliSpec {
        name: "wazero".into(),
        binary: "wazero".into(),
        run: strings(&[
            "run",
            "{cache}",
            "{features}",
            "{dirs}",
            "{env}",
            "{module}",
            "{args}",
        ]),
        // Its CLI has no flag for a proposal: it runs Wasm 2.0 and threads.
        feature_args: Vec::new(),
        dir: strings(&["-mount={host}:{guest}"]),
        env: strings(&["-env={key}={value}"]),
        version: strings(&["version"]),
        // One OS thread for Go code (wazero compiles on the calling goroutine;
        // the rest is the Go runtime's own): jobs run in parallel already.
        process_env: [("GOMAXPROCS".to_string(), "1".to_string())].into(),
        cache: strings(&["-cachedir={cache}"]),
        cache_env: BTreeMap::new(),
        classify: Classifier {
            trap_exit_codes: vec![1],
            trap_patterns: strings(&["wasm error:", "failed: stack overflow"]),
            host_error_patterns: Vec::new(),
            reject_patterns: strings(&[
                "error compiling wasm binary",
                "error reading wasm binary",
                "is not exported in module",
                "not instantiated",
                "error instantiating wasm binary: import ",
            ]),
            // It runs `_start` while instantiating: a data segment that does
            // not fit says `error instantiating wasm binary: data[0]: ...`.
            instantiation_patterns: strings(&["error instantiating wasm binary:"]),
            ..Classifier::default()
        },
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: false,
            scripts: false,
        },
        scripts: None,
        locate_as: None,
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
        wamr_variant("wamr", "iwasm"),
        wamr_variant("wamr-classic", "iwasm-classic"),
        wazero(),
        wabt(),
        // A second opinion on the spec scripts, beside the reference.
        wasmtime_wast(),
    ]
}

/// Runtimes `cargo xtask install-runtimes` can install (or, for node, find).
pub const INSTALLABLE: &[&str] = &["wasmtime", "wasmer", "wasmi", "node", "wabt"];

/// Runtimes that no registry this project reaches can install: users get
/// them from each project's releases (see [`release_page`]) and point at
/// them with `--runtime-path NAME=PATH` or the variable (`WASMEDGE=...`).
pub const NOT_INSTALLABLE: &[&str] = &["wasmedge", "wamr", "wamr-classic", "wazero"];

/// Where users get a runtime that `cargo xtask install-runtimes` cannot
/// install.
pub fn release_page(runtime: &str) -> Option<&'static str> {
    match runtime {
        "wasmedge" => Some("https://github.com/WasmEdge/WasmEdge/releases"),
        "wamr" | "wamr-classic" => {
            Some("https://github.com/bytecodealliance/wasm-micro-runtime/releases")
        }
        "wazero" => Some("https://github.com/tetratelabs/wazero/releases"),
        _ => None,
    }
}
