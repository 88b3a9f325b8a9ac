//! `conformance --soak N`: the same run N times in one process. A steady
//! runtime gives N runs with the same verdicts and no leaks (exit 0); a
//! runtime whose verdict flips between runs, or that leaves a process
//! behind, makes the soak fail (exit 1) and say which.

use std::path::Path;
use std::process::Command;

mod support;
use support::{script, text};

/// Run `conformance --soak 3` on one stand-in runtime whose body is
/// `body`, over four cases; give the exit code, the output and soak.json.
fn soak(d: &Path, body: &str) -> (Option<i32>, String, serde_json::Value) {
    script(d, "standin", "standin 1.0", body);
    std::fs::write(
        d.join("runtimes.toml"),
        "[[runtime]]\nname = \"standin\"\nbinary = \"./standin\"\nrun = [\"{module}\"]\n",
    )
    .expect("writing runtimes.toml");
    let suite = d.join("suite");
    std::fs::create_dir(&suite).expect("creating the suite");
    for i in 0..4 {
        std::fs::write(suite.join(format!("case{i}.wasm")), b"\0asm\x01\0\0\0")
            .expect("writing a case");
    }
    let tmp = d.join("tmp");
    std::fs::create_dir(&tmp).expect("creating TMPDIR");
    // Like the WASI fuzzer's decoy: there before the soak, so not its leak.
    std::fs::create_dir(tmp.join("wasi-conformance-decoy")).expect("creating a decoy");
    let out = d.join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["conformance", "--runtime", "standin", "--soak", "3"])
        .args(["--jobs", "1", "--no-progress", "--runtimes-file"])
        .arg(d.join("runtimes.toml"))
        .arg("--suite-dir")
        .arg(&suite)
        .arg("--out")
        .arg(&out)
        .env("TMPDIR", &tmp)
        .current_dir(d)
        .output()
        .expect("running xtask");
    let record = std::fs::read_to_string(out.join("soak.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null);
    (output.status.code(), text(&output), record)
}

#[test]
fn a_steady_runtime_soaks_with_identical_verdicts_and_no_leaks() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (code, output, record) = soak(dir.path(), "exit 0");
    assert_eq!(code, Some(0), "{output}");
    let runs = record["runs"].as_array().expect("soak.json lists the runs");
    assert_eq!(runs.len(), 3, "{record}");
    assert_eq!(record["verdicts_identical"], true);
    assert_eq!(record["leaks"], serde_json::json!([]));
    for run in runs {
        assert_eq!(run["results"], 4);
        assert!(run["process"]["peak_rss_kib"].as_u64().unwrap_or(0) > 0);
        assert!(run["process"]["open_fds"].as_u64().unwrap_or(0) >= 3);
    }
    assert!(output.contains("soak 3/3: "), "{output}");
    assert!(
        output.contains("not counting 1 scratch-like dirs"),
        "{output}"
    );
}

#[test]
fn a_verdict_that_flips_between_runs_fails_the_soak() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // Fails from the fifth job on: the second run's verdicts differ.
    let count = dir.path().join("count");
    let body = format!(
        "n=$(cat {count} 2>/dev/null || echo 0); echo $((n + 1)) > {count}; [ \"$n\" -lt 4 ]",
        count = count.display()
    );
    let (code, output, record) = soak(dir.path(), &body);
    assert_eq!(code, Some(1), "{output}");
    assert_eq!(record["verdicts_identical"], false, "{record}");
    let changed = record["runs"][1]["drift"]["verdicts"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(changed, 4, "{record}");
    assert!(output.contains("soak: verdicts differ"), "{output}");
}

#[test]
fn a_process_left_behind_is_a_leak() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // Leaves a process in its own session, outside the job's process
    // group, which the soak adopts as a subreaper and counts.
    let marker = dir.path().join("leaked-sleep");
    let body = format!(
        "setsid sh -c 'echo $$ >> {}; exec sleep 30' >/dev/null 2>&1 < /dev/null & exit 0",
        marker.display()
    );
    let (code, output, record) = soak(dir.path(), &body);
    // Clean up whatever was left, before asserting.
    let pids = std::fs::read_to_string(&marker).unwrap_or_default();
    for pid in pids.split_whitespace() {
        let _ = Command::new("kill").arg(pid).status();
    }
    assert_eq!(code, Some(1), "{output}");
    let leaks = record["leaks"].as_array().map_or(0, Vec::len);
    assert!(leaks >= 1, "{record}");
    assert!(output.contains("processes left"), "{output}");
}
