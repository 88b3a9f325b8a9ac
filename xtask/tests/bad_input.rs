//! Bad input to `cargo xtask conformance` gives one clear line (what, where),
//! exit status 2, and writes nothing; a module that is not a module is a
//! verdict, and the run goes on.

use std::path::Path;
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("running xtask")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_setup_error(out: &Output, needle: &str) {
    let text = stderr(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {text}");
    assert!(text.contains(needle), "expected `{needle}` in: {text}");
    assert!(!text.contains("panicked"), "{text}");
    assert_eq!(text.trim().lines().count(), 1, "one line expected: {text}");
}

#[test]
fn unknown_runtime_lists_the_known_ones() {
    let out = xtask(&["conformance", "--runtime", "nosuch"]);
    assert_setup_error(
        &out,
        "unknown runtime `nosuch`; known runtimes: reference, wasmtime, wasmer, wasmi, node,",
    );
}

#[test]
fn a_runtime_path_that_is_not_a_binary() {
    let out = xtask(&[
        "conformance",
        "--runtime",
        "wasmtime",
        "--runtime-path",
        "wasmtime=/nonexistent/wasmtime",
    ]);
    assert_setup_error(
        &out,
        "wasmtime: /nonexistent/wasmtime (from --runtime-path) is not an executable file",
    );
}

#[test]
fn a_suite_dir_that_does_not_exist() {
    let out = xtask(&["conformance", "--suite-dir", "/nonexistent/suite"]);
    assert_setup_error(&out, "/nonexistent/suite: suite directory does not exist");
}

#[test]
fn a_malformed_case_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(
        dir.path().join("c.json"),
        "{\n  \"args\": [\"a\",\n  \"exit_code\": 0\n}\n",
    )
    .unwrap();
    let out = xtask(&["conformance", "--suite-dir", dir.path().to_str().unwrap()]);
    let needle = format!(
        "{}:3:14: malformed case",
        dir.path().join("c.json").display()
    );
    assert_setup_error(&out, &needle);
}

#[test]
fn an_out_dir_that_cannot_be_written_fails_before_running() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let out_dir = file.path().join("sub");
    let out = xtask(&["conformance", "--out", out_dir.to_str().unwrap()]);
    assert_setup_error(&out, "not a writable directory");
}

#[test]
fn an_unknown_suite() {
    let out = xtask(&["conformance", "--suite", "nosuch"]);
    assert_setup_error(&out, "unknown suite `nosuch`");
}

#[test]
fn a_file_that_is_not_a_module_is_a_failing_verdict_and_the_run_goes_on() {
    let wasmtime = conformance_adapters::Discovery::standard(Default::default())
        .locate("wasmtime", "wasmtime");
    if let Err(e) = wasmtime {
        eprintln!("SKIPPED: needs wasmtime: {e}");
        return;
    }
    let suite = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    std::fs::write(suite.path().join("garbage.wasm"), "not a module").unwrap();
    let ok = Path::new(env!("CARGO_MANIFEST_DIR")).join("../suites/wasi/tests/args_none");
    for ext in ["wasm", "json"] {
        std::fs::copy(
            ok.with_extension(ext),
            suite.path().join(format!("args_none.{ext}")),
        )
        .unwrap();
    }
    let out = xtask(&[
        "conformance",
        "--runtime",
        "wasmtime",
        "--no-progress",
        "--suite-dir",
        suite.path().to_str().unwrap(),
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.path().join("run.json")).unwrap())
            .unwrap();
    let results = record["results"].as_array().unwrap();
    let verdict = |case: &str| {
        results
            .iter()
            .find(|r| r["case"] == case)
            .map(|r| (r["verdict"].clone(), r["reasons"].clone()))
            .unwrap()
    };
    let (v, reasons) = verdict("garbage");
    assert_eq!(v, "fail");
    assert!(
        reasons[0].as_str().unwrap().contains("rejected the module"),
        "{reasons}"
    );
    assert_eq!(verdict("args_none").0, "pass");
    for report in ["report.html", "junit.xml", "summary.md"] {
        assert!(out_dir.path().join(report).is_file(), "{report} missing");
    }
}
