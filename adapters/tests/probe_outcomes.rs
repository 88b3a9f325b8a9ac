//! What every built-in WASI runtime does with the outcomes a spec-test probe
//! can come to: a module that does not decode, validate or link, one that
//! traps while it is instantiated, each trap of the spec in `_start`, a
//! module that uses a proposal (supported: exit 0; not: refused), and a
//! module with no `_start`.
//!
//! The modules are `fixtures/probe-outcomes/modules/*.wat`; the real
//! runtimes' output is kept in `fixtures/probe-outcomes/recorded/<runtime>/
//! <module>.json` and classified here without the binaries. With the
//! binaries visible (wasmtime, wasmer and wasmi installed, `node` on PATH,
//! `WASMEDGE=...`, `WAMR=...`, `WAMR_CLASSIC=...`, `WAZERO=...`), the
//! modules run on them again and must classify as recorded; `RECORD=1`
//! rewrites the recordings. `cargo test -p conformance-adapters --test
//! probe_outcomes -- --ignored --nocapture table` prints the table of the
//! README.

use std::path::{Path, PathBuf};
use std::time::Duration;

use conformance_adapters::{
    CliSpec, ExitStatus, ProcessOutcome, TrapKind, WasiJob, builtin_specs, node_launcher,
};

/// The runtimes, in report column order.
const RUNTIMES: &[&str] = &[
    "wasmtime",
    "wasmer",
    "wasmi",
    "node",
    "wasmedge",
    "wamr",
    "wamr-classic",
    "wazero",
];

/// A module, the status a correct runtime gives it, and where a runtime
/// does otherwise, its own status and why, in a word.
struct Outcome {
    module: &'static str,
    status: &'static str,
    differs: &'static [(&'static str, &'static str)],
}

const REFUSED: &str = "rejected";
const SUPPORTED: &str = "exit 0";

/// Runtimes that lack GC (and so all of its traps). Node 20's V8 has only
/// GC's pre-standard encoding.
const NO_GC: &[(&str, &str)] = &[
    ("wasmer", REFUSED),
    ("wasmi", REFUSED),
    ("node", REFUSED),
    ("wamr", REFUSED),
    ("wamr-classic", REFUSED),
    ("wazero", REFUSED),
];

const OUTCOMES: &[Outcome] = &[
    Outcome {
        module: "decode_malformed",
        status: REFUSED,
        differs: &[],
    },
    Outcome {
        module: "validate_type_mismatch",
        status: REFUSED,
        differs: &[],
    },
    Outcome {
        module: "link_spectest",
        status: REFUSED,
        differs: &[],
    },
    Outcome {
        module: "link_unknown_module",
        status: REFUSED,
        differs: &[],
    },
    Outcome {
        module: "link_wasi_mistyped",
        status: REFUSED,
        differs: &[
            // JS host functions take any arguments: nothing to mismatch.
            ("node", SUPPORTED),
        ],
    },
    Outcome {
        module: "start_unreachable",
        status: "trap (unreachable)",
        differs: &[],
    },
    Outcome {
        module: "start_data_oob",
        status: "trap (memory-out-of-bounds)",
        differs: &[],
    },
    Outcome {
        module: "start_elem_oob",
        status: "trap (table-out-of-bounds)",
        differs: &[
            // Runtime bug: the segment is dropped without a trap.
            ("wazero", SUPPORTED),
        ],
    },
    Outcome {
        module: "trap_unreachable",
        status: "trap (unreachable)",
        differs: &[],
    },
    Outcome {
        module: "trap_div_zero",
        status: "trap (integer-divide-by-zero)",
        differs: &[],
    },
    Outcome {
        module: "trap_int_overflow",
        status: "trap (integer-overflow)",
        differs: &[],
    },
    Outcome {
        module: "trap_float_overflow",
        status: "trap (integer-overflow)",
        differs: &[
            // V8 words NaN and out of range alike; the matcher takes its
            // class for either.
            ("node", "trap (unrepresentable-conversion)"),
        ],
    },
    Outcome {
        module: "trap_invalid_conversion",
        status: "trap (invalid-conversion-to-integer)",
        differs: &[
            // V8 words NaN and out of range alike.
            ("node", "trap (unrepresentable-conversion)"),
        ],
    },
    Outcome {
        module: "trap_memory_oob",
        status: "trap (memory-out-of-bounds)",
        differs: &[],
    },
    Outcome {
        module: "trap_table_oob",
        status: "trap (table-out-of-bounds)",
        differs: &[],
    },
    Outcome {
        module: "trap_table_get_oob",
        status: "trap (table-out-of-bounds)",
        differs: &[],
    },
    Outcome {
        module: "trap_uninitialized_element",
        status: "trap (uninitialized-element)",
        differs: &[
            // V8 says "null function or function signature mismatch" (a
            // class the matcher takes for either); wazero "invalid table
            // access" (which the matcher takes for either element class).
            ("node", "trap (indirect-call-failed)"),
            ("wazero", "trap (table-out-of-bounds)"),
        ],
    },
    Outcome {
        module: "trap_indirect_mismatch",
        status: "trap (indirect-call-type-mismatch)",
        differs: &[("node", "trap (indirect-call-failed)")],
    },
    Outcome {
        module: "trap_stack_exhausted",
        status: "trap (stack-exhausted)",
        differs: &[
            // Runtime bug: no call-depth limit (see cli_fixtures).
            ("wasmedge", "timeout"),
        ],
    },
    Outcome {
        module: "trap_null_call_ref",
        status: "trap (null-reference)",
        differs: &[
            ("wasmer", REFUSED),
            ("wasmi", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "trap_null_struct_get",
        status: "trap (null-reference)",
        differs: NO_GC,
    },
    Outcome {
        module: "trap_cast_failure",
        status: "trap (cast-failure)",
        differs: NO_GC,
    },
    Outcome {
        module: "trap_array_oob",
        status: "trap (array-out-of-bounds)",
        differs: NO_GC,
    },
    Outcome {
        module: "trap_uncaught_exception",
        status: "trap (uncaught-exception)",
        differs: &[
            ("wasmi", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_gc",
        status: SUPPORTED,
        differs: NO_GC,
    },
    Outcome {
        module: "feature_exceptions",
        status: SUPPORTED,
        differs: &[
            ("wasmi", REFUSED),
            ("node", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_legacy_exceptions",
        status: SUPPORTED,
        differs: &[
            ("wasmtime", REFUSED),
            ("wasmer", REFUSED),
            ("wasmi", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_memory64",
        status: SUPPORTED,
        differs: &[
            ("wasmer", REFUSED),
            ("wasmedge", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_multi_memory",
        status: SUPPORTED,
        differs: &[
            ("node", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_tail_call",
        status: SUPPORTED,
        differs: &[
            ("wasmer", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_simd",
        status: SUPPORTED,
        differs: &[("wamr-classic", REFUSED)],
    },
    Outcome {
        module: "feature_relaxed_simd",
        status: SUPPORTED,
        differs: &[
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_extended_const",
        status: SUPPORTED,
        differs: &[
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_wide_arithmetic",
        status: SUPPORTED,
        differs: &[
            ("node", REFUSED),
            ("wasmedge", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_custom_page_sizes",
        status: SUPPORTED,
        differs: &[
            ("wasmer", REFUSED),
            ("node", REFUSED),
            ("wasmedge", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_function_references",
        status: SUPPORTED,
        differs: &[
            ("wasmer", REFUSED),
            ("wasmi", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "feature_threads",
        status: SUPPORTED,
        differs: &[
            ("wasmi", REFUSED),
            ("wamr", REFUSED),
            ("wamr-classic", REFUSED),
            ("wazero", REFUSED),
        ],
    },
    Outcome {
        module: "no_start",
        status: SUPPORTED,
        differs: &[
            // Each says it has nothing to run (wasmer, wasmi) or wants a
            // function name (WasmEdge, in its reactor mode): exit 1, not a
            // refusal.
            ("wasmer", "exit 1"),
            ("wasmi", "exit 1"),
            ("wasmedge", "exit 1"),
        ],
    },
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/probe-outcomes")
}

fn module_bytes(module: &str) -> Vec<u8> {
    let path = fixtures().join(format!("modules/{module}.wat"));
    wat::parse_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One run of a real binary, as kept in `recorded/` (the format of
/// `fixtures/recorded/`).
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

    fn read(runtime: &str, module: &str) -> Recording {
        let path = recording_path(runtime, module);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (RECORD=1 with the binary visible)", path.display())
        });
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

fn recording_path(runtime: &str, module: &str) -> PathBuf {
    fixtures().join(format!("recorded/{runtime}/{module}.json"))
}

fn spec(runtime: &str) -> CliSpec {
    builtin_specs()
        .into_iter()
        .find(|s| s.name == runtime)
        .unwrap()
}

fn expected(outcome: &Outcome, runtime: &str) -> &'static str {
    outcome
        .differs
        .iter()
        .find(|(r, _)| *r == runtime)
        .map_or(outcome.status, |(_, status)| status)
}

/// A status, with the message for a refusal or a trap.
fn judged(spec: &CliSpec, outcome: &ProcessOutcome) -> (String, String) {
    let status = spec.classify.classify(outcome);
    let message = match &status {
        ExitStatus::Trap { message, .. } | ExitStatus::Rejected { message } => message.clone(),
        _ => String::new(),
    };
    (status.summary(), message)
}

#[test]
fn recorded_outcomes_are_classified() {
    let mut wrong = Vec::new();
    for runtime in RUNTIMES {
        let spec = spec(runtime);
        for outcome in OUTCOMES {
            let recording = Recording::read(runtime, outcome.module);
            let (status, message) = judged(&spec, &recording.outcome());
            let want = expected(outcome, runtime);
            if status != want {
                wrong.push(format!(
                    "{runtime} {}: {status} (want {want}): {message}",
                    outcome.module
                ));
            }
            if let ExitStatus::Trap { trap, message } = spec.classify.classify(&recording.outcome())
            {
                assert_ne!(trap, TrapKind::Unknown, "{runtime}: {message}");
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every module of the folder has its row.
#[test]
fn every_module_is_an_outcome() {
    let mut modules: Vec<String> = std::fs::read_dir(fixtures().join("modules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".wat").map(String::from))
        .collect();
    modules.sort();
    let mut listed: Vec<String> = OUTCOMES.iter().map(|o| o.module.to_string()).collect();
    listed.sort();
    assert_eq!(modules, listed);
}

/// The binary of `runtime` when it is visible.
fn real_runtime(runtime: &str) -> Option<conformance_adapters::CliRuntime> {
    use conformance_adapters::{CliRuntime, Discovery};
    CliRuntime::discover(spec(runtime), &Discovery::standard(Default::default())).ok()
}

/// With a runtime's binary visible, run every module on it: it must
/// classify as recorded (`RECORD=1` rewrites the recordings instead).
#[test]
fn the_real_binaries_still_do_what_was_recorded() {
    use conformance_adapters::{ProcessRequest, Runtime, run_process};
    let record = std::env::var_os("RECORD").is_some();
    let launcher = node_launcher().display().to_string();
    let mut ran = 0;
    for runtime in RUNTIMES {
        let spec = spec(runtime);
        let Some(real) = real_runtime(runtime) else {
            eprintln!("SKIPPING the probe outcomes on {runtime}: its binary is not visible");
            continue;
        };
        let binary = real.info().binary.clone().unwrap();
        for outcome in OUTCOMES {
            let scratch = tempfile::tempdir().unwrap();
            let module = scratch.path().join(format!("{}.wasm", outcome.module));
            std::fs::write(&module, module_bytes(outcome.module)).unwrap();
            let job = WasiJob::bare(
                module.clone(),
                scratch.path().to_path_buf(),
                // WasmEdge's unbounded recursion is killed at the timeout.
                Duration::from_secs(3),
                1 << 16,
            );
            let args = spec.arguments(&job, None);
            let home = scratch.path().join(".home");
            std::fs::create_dir_all(&home).unwrap();
            let mut env = vec![
                ("PATH".into(), "/usr/bin:/bin".into()),
                ("HOME".into(), home.clone().into_os_string()),
            ];
            env.extend(spec.process_env.iter().map(|(k, v)| {
                (
                    k.into(),
                    v.replace("{scratch}", &scratch.path().to_string_lossy())
                        .into(),
                )
            }));
            let outcome_run = run_process(&ProcessRequest {
                program: binary.clone(),
                args: args.iter().map(Into::into).collect(),
                env,
                cwd: scratch.path().to_path_buf(),
                stdin: Vec::new(),
                timeout: job.timeout,
                output_cap: job.output_cap,
            })
            .unwrap();
            ran += 1;
            let scratch_text = scratch.path().display().to_string();
            let text = |bytes: &[u8]| {
                String::from_utf8_lossy(bytes)
                    .replace(&scratch_text, "<scratch>")
                    .replace(&launcher, "<node-launcher>")
            };
            let recording = Recording {
                version: real.info().version.clone(),
                command: std::iter::once(spec.binary.clone())
                    .chain(args.iter().map(|a| {
                        a.replace(&scratch_text, "<scratch>")
                            .replace(&launcher, "<node-launcher>")
                    }))
                    .collect(),
                code: outcome_run.code,
                signal: outcome_run.signal,
                timed_out: outcome_run.timed_out,
                stdout: text(&outcome_run.stdout),
                stderr: text(&outcome_run.stderr),
            };
            let path = recording_path(runtime, outcome.module);
            if record {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                let json = serde_json::to_string_pretty(&recording).unwrap();
                std::fs::write(&path, json + "\n").unwrap();
                continue;
            }
            let recorded = Recording::read(runtime, outcome.module);
            assert_eq!(
                judged(&spec, &recording.outcome()).0,
                judged(&spec, &recorded.outcome()).0,
                "{runtime} {}: the binary's output no longer classifies as recorded in {}",
                outcome.module,
                path.display()
            );
        }
    }
    eprintln!("ran {ran} probe outcome(s) on real binaries");
}

/// The README's table, from the recordings.
#[test]
#[ignore = "prints the README table"]
fn table() {
    let mut text = format!("| module | {} |\n", RUNTIMES.join(" | "));
    text.push_str(&format!("|---|{}\n", "---|".repeat(RUNTIMES.len())));
    for outcome in OUTCOMES {
        text.push_str(&format!("| `{}` |", outcome.module));
        for runtime in RUNTIMES {
            let (status, _) = judged(
                &spec(runtime),
                &Recording::read(runtime, outcome.module).outcome(),
            );
            text.push_str(&format!(" {status} |"));
        }
        text.push('\n');
    }
    println!("{text}");
    for outcome in OUTCOMES {
        for runtime in RUNTIMES {
            let (status, message) = judged(
                &spec(runtime),
                &Recording::read(runtime, outcome.module).outcome(),
            );
            println!(
                "{runtime:<12} {:<28} {status:<36} {message}",
                outcome.module
            );
        }
    }
}
