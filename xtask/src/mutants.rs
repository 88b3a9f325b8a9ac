//! `cargo xtask mutants`: the mutation score of the suites on the oracle.
//! `cargo-mutants` mutates the reference runtime's code (the WASI host, or
//! the executor) and runs the tests that judge that part on each mutant: the
//! WASI suite and the host's own tests for `wasi`, the spec scripts and the
//! embedding API's tests for `exec`. A mutant no test catches is a
//! behaviour no case checks. Too slow for `.ci/run` (several seconds a
//! mutant, about a thousand a scope): run it by shards, or with
//! `--iterate` to retest only what was missed last time.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context as _;

/// Arguments of `cargo xtask mutants`.
#[derive(clap::Args)]
pub struct MutantsArgs {
    /// What to mutate: `wasi` (the preview1 host), `exec` (the executor
    /// and its translation), or a file glob under reference-runtime/
    /// (judged by every test of the crate).
    #[arg(long, default_value = "wasi", value_name = "wasi|exec|GLOB")]
    scope: String,
    /// Run only shard K of N of the mutants (`cargo mutants --shard`).
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Test only the mutants the last run in `--out` missed or that timed
    /// out there, by name (not `cargo mutants --iterate`, which also tests
    /// every mutant the last run did not reach, such as the other shards):
    /// after adding cases, this gives the score after at the cost of the
    /// survivors only.
    #[arg(long)]
    iterate: bool,
    /// Mutants built and tested at once (each in its own copy of the tree).
    #[arg(long, short, default_value_t = 1)]
    jobs: usize,
    /// Seconds a mutant's tests may run before it counts as a timeout
    /// (a mutant that loops forever is caught by the timeout, not missed).
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    timeout: u64,
    /// Only list the mutants.
    #[arg(long)]
    list: bool,
    /// Where cargo-mutants writes its outcomes (`mutants.out/` inside).
    #[arg(long, default_value = "target/mutation")]
    out: PathBuf,
}

/// What a scope mutates, and the test targets that judge it (in
/// reference-runtime, or in the harness, where the WASI suite runs on the
/// reference runtime as `conformance` judges it: exit, output, the dirs
/// after the run).
struct Scope {
    files: Vec<String>,
    judges: Vec<&'static str>,
}

fn scope(name: &str) -> Scope {
    match name {
        "wasi" => Scope {
            files: vec!["reference-runtime/src/wasi/*.rs".into()],
            judges: vec![
                "wasi_on_runtimes",
                "wasi_host",
                "wasi_host_calls",
                "wasi_escape",
                "wasi_errno",
            ],
        },
        "exec" => Scope {
            files: vec![
                "reference-runtime/src/exec/**/*.rs".into(),
                "reference-runtime/src/translate.rs".into(),
                "reference-runtime/src/lower.rs".into(),
            ],
            judges: vec!["spec", "api", "modes"],
        },
        glob => Scope {
            files: vec![glob.to_string()],
            judges: vec![],
        },
    }
}

/// Run `cargo mutants` on the scope, then print its outcome counts.
pub fn run(args: &MutantsArgs) -> anyhow::Result<()> {
    let root = conformance_adapters::workspace_root();
    let out = root.join(&args.out);
    let scope = scope(&args.scope);
    let mut command = Command::new("cargo");
    command
        .current_dir(root)
        .args(["mutants", "-p", "reference-runtime"])
        // As a cargo argument: cargo-mutants 27 builds only the mutated
        // package's tests even with --test-package.
        .args(["--cargo-arg", "--package=conformance-harness"])
        // The harness's WASI suite test, on the reference runtime alone.
        .env("WASI_SUITE_RUNTIMES", "reference");
    for file in &scope.files {
        command.args(["--file", file]);
    }
    if args.iterate {
        let survivors = last_survivors(&out.join("mutants.out"))?;
        if survivors.is_empty() {
            println!(
                "mutants: the last run in {} left no survivors",
                args.out.display()
            );
            return Ok(());
        }
        println!(
            "mutants: retesting the last run's {} survivors",
            survivors.len()
        );
        for name in &survivors {
            command.arg("--re").arg(format!("^{}$", regex_escape(name)));
        }
    } else if let Some(shard) = &args.shard {
        command.args(["--shard", shard, "--sharding", "round-robin"]);
    }
    if args.list {
        command.arg("--list");
    } else {
        // The `mutants` profile: no debug info, so a mutant's build is
        // mostly the one crate's codegen; mold links when it is there.
        // cargo-mutants makes `mutants.out` but not the directories above it.
        std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
        command
            .args(["--profile", "mutants", "--timeout"])
            .arg(args.timeout.to_string())
            .arg("--jobs")
            .arg(args.jobs.to_string())
            .arg("--output")
            .arg(&out);
        if Path::new("/usr/bin/mold").exists() && std::env::var_os("RUSTFLAGS").is_none() {
            command.env("RUSTFLAGS", "-C link-arg=-fuse-ld=mold");
        }
        // As cargo arguments (not after `--`), so that the build of each
        // mutant builds only the judges, not every test target.
        for judge in &scope.judges {
            command.arg("--cargo-arg").arg(format!("--test={judge}"));
        }
    }
    let status = command
        .status()
        .context("running cargo mutants (install it: cargo install cargo-mutants --locked)")?;
    // cargo-mutants exits 2 when mutants were missed and 3 when some timed
    // out: that is the result, not an error of this command.
    match status.code() {
        Some(0 | 2 | 3) if args.list => Ok(()),
        Some(0 | 2 | 3) => print_score(&out.join("mutants.out")),
        _ => anyhow::bail!("cargo mutants failed: {status}"),
    }
}

/// The names of the mutants the last run in `dir` missed or that timed out.
fn last_survivors(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    for list in ["missed.txt", "timeout.txt"] {
        let path = dir.join(list);
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "reading {} (is there a last run to iterate on?)",
                path.display()
            )
        })?;
        names.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned),
        );
    }
    Ok(names)
}

/// `name` as a regex that matches it literally (cargo-mutants' `--re`).
fn regex_escape(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 2);
    for c in name.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The counts of cargo-mutants' `outcomes.json`, and the score: caught
/// over the mutants that built (caught, missed, timed out).
fn print_score(dir: &Path) -> anyhow::Result<()> {
    let path = dir.join("outcomes.json");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let outcomes: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let count = |key: &str| outcomes[key].as_u64().unwrap_or(0);
    let (caught, missed, timeout, unviable) = (
        count("caught"),
        count("missed"),
        count("timeout"),
        count("unviable"),
    );
    let viable = caught + missed + timeout;
    let score = if viable == 0 {
        0.0
    } else {
        100.0 * caught as f64 / viable as f64
    };
    println!(
        "mutants: {} tested; caught {caught}, missed {missed}, timeout {timeout}, unviable {unviable}; \
         score {score:.1} % (caught of the {viable} that built); missed ones in {}",
        count("total_mutants"),
        dir.join("missed.txt").display()
    );
    Ok(())
}
