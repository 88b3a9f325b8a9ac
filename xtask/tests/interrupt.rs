//! Ctrl-C mid-run, as a user would press it: `conformance` on a runtime
//! that answers at once and one that hangs. SIGINT after two seconds must
//! stop the run within seconds (the hanging process groups killed, not
//! waited for), exit 130, write a valid run record marked interrupted
//! with the finished results and the rest listed as not run, and leave
//! nothing in the temp dir.

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod support;
use support::script;

#[test]
fn sigint_writes_a_partial_record_exits_130_and_leaves_no_scratch() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let d = dir.path();
    script(d, "quick", "quick 1.0", "exit 0");
    script(d, "hangs", "hangs 1.0", "exec sleep 60");
    std::fs::write(
        d.join("runtimes.toml"),
        "[[runtime]]\nname = \"quick\"\nbinary = \"./quick\"\nrun = [\"{module}\"]\n\n\
         [[runtime]]\nname = \"hangs\"\nbinary = \"./hangs\"\nrun = [\"{module}\"]\n",
    )
    .expect("writing runtimes.toml");
    let suite = d.join("suite");
    std::fs::create_dir(&suite).expect("creating the suite");
    for i in 0..40 {
        std::fs::write(suite.join(format!("case{i:02}.wasm")), b"\0asm\x01\0\0\0")
            .expect("writing a case");
    }
    let tmp = d.join("tmp");
    std::fs::create_dir(&tmp).expect("creating TMPDIR");
    let out = d.join("out");
    let child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["conformance", "--runtime", "quick,hangs", "--jobs", "2"])
        .args(["--timeout", "60", "--no-progress", "--runtimes-file"])
        .arg(d.join("runtimes.toml"))
        .arg("--suite-dir")
        .arg(&suite)
        .arg("--out")
        .arg(&out)
        .env("TMPDIR", &tmp)
        .current_dir(d)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting xtask");
    std::thread::sleep(Duration::from_secs(2));
    let sent = Instant::now();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("running kill");
    assert!(kill.success());
    let output = child.wait_with_output().expect("waiting for xtask");
    let stopped_in = sent.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stopped_in < Duration::from_secs(10),
        "took {stopped_in:?} to stop: the hanging runtimes were waited for"
    );
    assert!(stderr.contains("interrupted: "), "{stderr}");

    let record: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("run.json")).expect("run.json was written"),
    )
    .expect("run.json is valid JSON");
    assert_eq!(record["interrupted"], true);
    let results = record["results"].as_array().expect("results");
    assert_eq!(results.len(), 80, "every (runtime, case) is listed");
    let not_run = |r: &&serde_json::Value| {
        r["verdict"] == "skip" && r["reasons"][0] == "not run: the run was interrupted"
    };
    assert!(
        results
            .iter()
            .any(|r| r["runtime"] == "quick" && r["verdict"] == "pass"),
        "no finished result was kept"
    );
    assert!(
        results
            .iter()
            .filter(|r| r["runtime"] == "hangs")
            .all(|r| not_run(&r)),
        "a job of the hanging runtime is not listed as not run"
    );
    for report in ["run.json", "report.html", "junit.xml", "summary.md"] {
        let mode = std::fs::metadata(out.join(report))
            .unwrap_or_else(|e| panic!("no {report}: {e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{report} is not readable by all");
    }
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .expect("reading TMPDIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    assert!(left.is_empty(), "left in the temp dir: {left:?}");
}
