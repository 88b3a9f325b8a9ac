//! Runs every case of `suites/wasi/tests` (toolchain folders included)
//! through the reference host's
//! `run_command`, in both real and deterministic mode: the `.json` gives
//! args, env, stdin, fixture dirs (copied to a scratch dir and preopened
//! under the same guest name) and the expected exit code, trap, stdout
//! and stderr.

use libtest_mimic::{Arguments, Failed, Trial};
use reference_runtime::Config;
use reference_runtime::wasi::{RunExit, WasiCtxBuilder, run_command};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn run_case(json_path: &Path, deterministic: bool) -> Result<(), Failed> {
    let spec: Value = serde_json::from_str(&std::fs::read_to_string(json_path)?)?;
    let dir = json_path.parent().unwrap();
    let stem = json_path.file_stem().unwrap().to_str().unwrap();
    let wasm = std::fs::read(dir.join(format!("{stem}.wasm")))?;
    let scratch = tempfile::tempdir()?;
    let mut b = WasiCtxBuilder::new().arg(format!("{stem}.wasm"));
    for a in spec["args"].as_array().into_iter().flatten() {
        b = b.arg(a.as_str().unwrap());
    }
    for (k, v) in spec["env"].as_object().into_iter().flatten() {
        b = b.env(k, v.as_str().unwrap());
    }
    for d in spec["dirs"].as_array().into_iter().flatten() {
        let d = d.as_str().unwrap();
        let host = scratch.path().join(d);
        conformance_adapters::copy_tree(&dir.join(d), &host)?;
        b = b.preopen_dir(&host, d)?;
    }
    if let Some(s) = spec["stdin"].as_str() {
        b = b.stdin(s.as_bytes());
    }
    b = b.capture_stdout(1 << 20).capture_stderr(1 << 20);
    if deterministic {
        b = b.deterministic(42);
    }
    let mut config = Config::default();
    config.fuel(Some(10_000_000_000));
    let out = run_command(&wasm, b.build()?, &config);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut problems = Vec::new();
    if spec["trap"].as_bool() == Some(true) {
        if !matches!(out.exit, RunExit::Trap(..)) {
            problems.push(format!("expected a trap, got {:?}", out.exit));
        }
    } else {
        let code = spec["exit_code"].as_i64().unwrap_or(0) as i32;
        if out.exit != RunExit::Exit(code) {
            problems.push(format!("expected exit {code}, got {:?}", out.exit));
        }
    }
    if let Some(s) = spec["stdout"].as_str()
        && s != stdout
    {
        problems.push(format!(
            "stdout differs:\n--- expected\n{s}\n--- got\n{stdout}"
        ));
    }
    if let Some(s) = spec["stderr"].as_str()
        && s != stderr
    {
        problems.push(format!(
            "stderr differs:\n--- expected\n{s}\n--- got\n{stderr}"
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n(stderr: {stderr})", problems.join("\n")).into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../suites/wasi/tests");
    fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
        for path in std::fs::read_dir(dir)
            .expect("suites/wasi/tests")
            .filter_map(|e| e.ok().map(|e| e.path()))
        {
            if path.is_dir() {
                // Fixture folders (`*.dir`) hold data, not cases.
                if path.extension().is_none_or(|x| x != "dir") {
                    collect(&path, out);
                }
            } else if path.extension().is_some_and(|x| x == "json") {
                out.push(path);
            }
        }
    }
    let mut cases = Vec::new();
    collect(&dir, &mut cases);
    cases.sort();
    assert!(cases.len() >= 260, "only {} WASI cases found", cases.len());
    let mut trials = Vec::new();
    for case in cases {
        let name = case
            .strip_prefix(&dir)
            .unwrap_or(&case)
            .with_extension("")
            .to_string_lossy()
            .into_owned();
        for (mode, det) in [("real", false), ("deterministic", true)] {
            let case = case.clone();
            trials.push(Trial::test(format!("{name}::{mode}"), move || {
                run_case(&case, det)
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
