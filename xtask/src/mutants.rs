//! `cargo xtask mutants`: the mutation score of the suites on the oracle.
//! `cargo-mutants` mutates the reference runtime's code (the WASI host, or
//! the executor) and runs the spec and WASI suites on each mutant (the
//! `wasi_suite` and `spec` tests of reference-runtime); a mutant no test
//! catches is a behaviour no case checks. Too slow for `.ci/run` (about
//! 13 s a mutant here, 970 in the WASI host): run it by shards.

use std::process::Command;

use anyhow::Context as _;

/// Arguments of `cargo xtask mutants`.
#[derive(clap::Args)]
pub struct MutantsArgs {
    /// What to mutate: `wasi` (the preview1 host), `exec` (the executor
    /// and its translation), or a file glob under reference-runtime/.
    #[arg(long, default_value = "wasi", value_name = "wasi|exec|GLOB")]
    scope: String,
    /// Run only shard K of N of the mutants (`cargo mutants --shard`).
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Only list the mutants.
    #[arg(long)]
    list: bool,
    /// Where cargo-mutants writes its outcomes (mutants.out/).
    #[arg(long, default_value = "target/mutants")]
    out: std::path::PathBuf,
}

/// The files of a scope.
fn files(scope: &str) -> Vec<String> {
    match scope {
        "wasi" => vec!["reference-runtime/src/wasi/*.rs".into()],
        "exec" => vec![
            "reference-runtime/src/exec/**/*.rs".into(),
            "reference-runtime/src/translate.rs".into(),
            "reference-runtime/src/lower.rs".into(),
        ],
        glob => vec![glob.to_string()],
    }
}

/// Run `cargo mutants` on the scope.
pub fn run(args: &MutantsArgs) -> anyhow::Result<()> {
    let root = conformance_adapters::workspace_root();
    let mut command = Command::new("cargo");
    command
        .current_dir(root)
        .args(["mutants", "-p", "reference-runtime"]);
    for file in files(&args.scope) {
        command.args(["--file", &file]);
    }
    if let Some(shard) = &args.shard {
        command.args(["--shard", shard]);
    }
    if args.list {
        command.arg("--list");
    } else {
        command
            .args(["--timeout", "300", "--output"])
            .arg(&args.out)
            .args(["--", "--test", "wasi_suite", "--test", "spec"]);
    }
    let status = command
        .status()
        .context("running cargo mutants (install it: cargo install cargo-mutants --locked)")?;
    // cargo-mutants exits 2 when mutants were missed: that is the result,
    // not an error of this command.
    match status.code() {
        Some(0 | 2 | 3) => Ok(()),
        _ => anyhow::bail!("cargo mutants failed: {status}"),
    }
}
