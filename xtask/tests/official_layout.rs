//! `--suite-dir` over a tree in the official wasi-testsuite layout, written
//! for this test: a `manifest.json` naming the suite, legacy keys (`dirs`,
//! `wasi_functions`, no `.json` at all), `root`, the operation-based format,
//! and tests this harness must skip with a reason (a component, a proposal).
//! The reference runtime runs it in-process, so no external runtime is needed.

use std::path::Path;
use std::process::Command;

fn case_module(name: &str) -> Vec<u8> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../suites/wasi/tests/{name}.wasm"));
    std::fs::read(path).unwrap()
}

#[test]
fn the_official_layout_loads_runs_and_skips_with_reasons() {
    let tree = tempfile::tempdir().unwrap();
    let t = tree.path();
    let write = |name: &str, content: &[u8]| std::fs::write(t.join(name), content).unwrap();
    write("manifest.json", br#"{"name": "WASI C tests"}"#);
    // The fixture the borrowed module reads (its paths are compiled in).
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../suites/wasi/tests/fs.dir");
    conformance_adapters::copy_tree(&fixture, &t.join("fs.dir")).unwrap();

    // Legacy keys, with the old `wasi_functions` list.
    write("legacy_args.wasm", &case_module("args_basic"));
    write(
        "legacy_args.json",
        br#"{"args": ["a", "b", "c"], "exit_code": 0, "stdout": "argc-1=3\nargv[1]=[a]\nargv[2]=[b]\nargv[3]=[c]\n", "wasi_functions": ["args_get"]}"#,
    );
    // Legacy `dirs`.
    write("legacy_dirs.wasm", &case_module("path_open_read"));
    let expected = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../suites/wasi/tests/path_open_read.json"),
    )
    .unwrap();
    write("legacy_dirs.json", expected.as_bytes());
    // No `.json`: exit 0 expected, output unchecked.
    write("no_json.wasm", &case_module("proc_exit_0"));
    // The operation-based format.
    write("ops_exit.wasm", &case_module("proc_exit_3"));
    write(
        "ops_exit.json",
        br#"{"operations": [{"type": "run"}, {"type": "read", "id": "stdout", "payload": "before proc_exit(3)\n"}, {"type": "wait", "exit_code": 3}]}"#,
    );
    // Skipped, with reasons.
    write("needs_sockets.wasm", &case_module("proc_exit_0"));
    write(
        "needs_sockets.json",
        br#"{"proposals": ["sockets"], "operations": [{"type": "run"}]}"#,
    );
    write("a_component.wasm", b"\0asm\x0d\0\x01\0");

    let out_dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([
            "conformance",
            "--runtime",
            "reference",
            "--no-progress",
            "--suite-dir",
        ])
        .arg(t)
        .arg("--out")
        .arg(out_dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.path().join("run.json")).unwrap())
            .unwrap();
    let verdict = |case: &str| {
        let r = record["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["case"] == case)
            .unwrap_or_else(|| panic!("no {case} in {record}"));
        assert_eq!(r["suite"], "WASI C tests", "the manifest names the suite");
        (
            r["verdict"].as_str().unwrap().to_string(),
            r["reasons"].to_string(),
        )
    };
    for case in ["legacy_args", "legacy_dirs", "no_json", "ops_exit"] {
        assert_eq!(
            verdict(case).0,
            "pass",
            "{case}: {:?} {stderr}",
            verdict(case)
        );
    }
    let (v, why) = verdict("needs_sockets");
    assert_eq!(v, "skip");
    assert!(why.contains("sockets proposal"), "{why}");
    let (v, why) = verdict("a_component");
    assert_eq!(v, "skip");
    assert!(why.contains("a component"), "{why}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
