//! Runtimes defined in TOML, tried as a user would: one that wraps real
//! wasmtime through its own templates, one that extends the built-in, and
//! runtimes that misbehave on purpose (hang, crash, flood stdout, missing).
//! Each misbehaviour is recorded as such and the run finishes.

use std::path::Path;
use std::process::Command;

mod support;
use support::script;

fn run(dir: &Path, runtimes: &str, extra: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let out_dir = dir.join("out");
    let mut args = vec![
        "conformance",
        "--runtimes-file",
        dir.join("runtimes.toml")
            .to_str()
            .unwrap()
            .to_string()
            .leak(),
        "--runtime",
        runtimes,
        "--filter",
        "args_basic",
        "--no-progress",
        "--out",
        out_dir.to_str().unwrap().to_string().leak(),
    ];
    args.extend_from_slice(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(&args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let record = std::fs::read_to_string(out_dir.join("run.json"))
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(serde_json::Value::Null);
    (out.status.code(), record, stderr)
}

fn result<'a>(record: &'a serde_json::Value, runtime: &str) -> &'a serde_json::Value {
    record["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["runtime"] == runtime)
        .unwrap_or_else(|| panic!("no result for {runtime}: {record}"))
}

#[test]
fn misbehaving_runtimes_are_recorded_and_the_run_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    script(d, "hang", "hang 1.0", "sleep 60");
    script(d, "crash", "crash 1.0", "kill -SEGV $$");
    script(
        d,
        "flood",
        "flood 1.0",
        "head -c 5000000 /dev/zero | tr '\\0' x; exit 0",
    );
    let mut toml = String::new();
    for name in ["hang", "crash", "flood"] {
        toml += &format!(
            "[[runtime]]\nname = \"{name}\"\nbinary = \"./{name}\"\nrun = [\"{{module}}\"]\n\n"
        );
    }
    toml += "[[runtime]]\nname = \"missing\"\nbinary = \"/nonexistent/runtime\"\nrun = [\"{module}\"]\n";
    std::fs::write(d.join("runtimes.toml"), toml).unwrap();

    let started = std::time::Instant::now();
    let (code, record, stderr) = run(d, "all", &["--timeout", "2", "--output-cap", "4096"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        started.elapsed().as_secs() < 30,
        "the hang was not cut short"
    );

    let hang = result(&record, "hang");
    assert_eq!(hang["observation"]["status"]["kind"], "timeout");
    assert_eq!(hang["verdict"], "fail");
    let crash = result(&record, "crash");
    assert_eq!(
        crash["observation"]["status"],
        serde_json::json!({"kind": "crash", "signal": 11})
    );
    let flood = result(&record, "flood");
    assert_eq!(flood["observation"]["stdout"]["truncated"], true);
    assert_eq!(
        flood["observation"]["stdout"]["text"]
            .as_str()
            .unwrap()
            .len(),
        4096
    );
    assert!(
        flood["reasons"].to_string().contains("cut at the cap"),
        "{flood}"
    );
    let missing = record["skipped_runtimes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "missing")
        .expect("missing runtime listed as not run");
    assert!(
        missing["reason"]
            .as_str()
            .unwrap()
            .contains("/nonexistent/runtime"),
        "{missing}"
    );
    assert!(stderr.contains("not running missing"), "{stderr}");
}

#[test]
fn a_toml_runtime_wraps_real_wasmtime() {
    let discovery = conformance_adapters::Discovery::standard(Default::default());
    let wasmtime = match discovery.locate("wasmtime", "wasmtime") {
        Ok(found) => found.path,
        Err(e) => {
            eprintln!("SKIPPED: needs wasmtime: {e}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let toml = format!(
        r#"
[[runtime]]
name = "my-wasmtime"
binary = "{bin}"
run = ["run", "{{dirs}}", "{{env}}", "{{module}}", "{{args}}"]
dir = ["--dir", "{{host}}::{{guest}}"]
env = ["--env", "{{key}}={{value}}"]
version = ["--version"]
[runtime.classify]
trap_exit_codes = [134]
trap_patterns = ["wasm trap:"]

[[runtime]]
name = "wasmtime-again"
extends = "wasmtime"
binary = "{bin}"
"#,
        bin = wasmtime.display()
    );
    std::fs::write(dir.path().join("runtimes.toml"), toml).unwrap();
    let (code, record, stderr) = run(dir.path(), "my-wasmtime,wasmtime-again", &[]);
    assert_eq!(code, Some(0), "{stderr}");
    for name in ["my-wasmtime", "wasmtime-again"] {
        assert_eq!(result(&record, name)["verdict"], "pass", "{record}");
    }
}

#[test]
fn a_runtime_that_never_reads_its_stdin_does_not_kill_the_harness() {
    // 256 KiB of stdin overfills the pipe, so feeding it fails with EPIPE
    // once the runtime has exited: the harness must carry on.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    script(d, "deaf", "deaf 1.0", "exit 0");
    std::fs::write(
        d.join("runtimes.toml"),
        "[[runtime]]\nname = \"deaf\"\nbinary = \"./deaf\"\nrun = [\"{module}\"]\n",
    )
    .unwrap();
    let suite = d.join("suite");
    std::fs::create_dir(&suite).unwrap();
    std::fs::write(suite.join("big_stdin.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let stdin = "x".repeat(256 * 1024);
    std::fs::write(
        suite.join("big_stdin.json"),
        format!("{{\"stdin\": \"{stdin}\"}}"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([
            "conformance",
            "--runtime",
            "deaf",
            "--no-progress",
            "--runtimes-file",
        ])
        .arg(d.join("runtimes.toml"))
        .arg("--suite-dir")
        .arg(&suite)
        .arg("--out")
        .arg(d.join("out"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record = std::fs::read_to_string(d.join("out/run.json")).unwrap();
    assert!(record.contains("\"verdict\": \"pass\""), "{record}");
}
