//! What the end-to-end tests share: running the xtask binary, its output
//! as text, finding wasmtime, reading a result out of a run record, and
//! shell scripts that stand in for runtimes. Each test uses some of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use conformance_adapters::{CliRuntime, Discovery, builtin_specs};

/// Run the xtask binary in `dir`.
#[allow(dead_code)]
pub fn xtask(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("running xtask")
}

/// stdout then stderr, as text.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The wasmtime binary the harness would use, when one is installed.
pub fn wasmtime() -> Option<PathBuf> {
    builtin_specs()
        .into_iter()
        .find(|s| s.name == "wasmtime")
        .and_then(|spec| CliRuntime::discover(spec, &Discovery::standard(BTreeMap::new())).ok())
        .and_then(|rt| conformance_adapters::Runtime::info(&rt).binary.clone())
}

/// The first result of the run record at `run_json` that `wanted` picks.
pub fn find_result(
    run_json: &Path,
    wanted: impl Fn(&serde_json::Value) -> bool,
) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(run_json)
        .map_err(|e| format!("reading {}: {e}", run_json.display()))?;
    let record: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", run_json.display()))?;
    record["results"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| wanted(r))
        .cloned()
        .ok_or_else(|| format!("{} has no such result", run_json.display()))
}

/// An executable shell script `dir/name` that stands in for a runtime: it
/// prints `version` for `--version` and runs `body` otherwise.
pub fn script(dir: &Path, name: &str, version: &str, body: &str) {
    let path = dir.join(name);
    let text =
        format!("#!/bin/sh\nif [ \"$1\" = --version ]; then echo {version}; exit 0; fi\n{body}\n");
    std::fs::write(&path, text).expect("writing a script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .expect("making it executable");
}

/// `conformance` of `runtimes` on the suite `d/suite`, where the runtime
/// `toy` is the script `d/binary`, writing into `d/out`.
pub fn conformance_with_toy(
    d: &Path,
    binary: &str,
    runtimes: &str,
    out: &str,
    extra: &[&str],
) -> Output {
    std::fs::write(
        d.join("runtimes.toml"),
        format!("[[runtime]]\nname = \"toy\"\nbinary = \"./{binary}\"\nrun = [\"{{module}}\"]\n"),
    )
    .expect("writing runtimes.toml");
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["conformance", "--runtime", runtimes, "--no-progress"])
        .arg("--runtimes-file")
        .arg(d.join("runtimes.toml"))
        .arg("--suite-dir")
        .arg(d.join("suite"))
        .arg("--out")
        .arg(d.join(out))
        .args(extra)
        .current_dir(d)
        .output()
        .expect("running xtask")
}
