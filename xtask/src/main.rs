//! `cargo xtask`: the entry points of wasi-conformance. Thin: it parses
//! arguments and calls the libraries.
//!
//! Exit status: 0 when nothing unexpected happened, 1 when a case failed (or
//! errored), 2 for a usage, configuration or environment error.

/// Print to stdout like `print!`, but end quietly when the reader has gone
/// (`cargo xtask runtimes | head`) instead of panicking. (SIGPIPE stays
/// ignored: a runtime that exits without reading its stdin must not kill
/// the harness.)
macro_rules! say {
    ($($arg:tt)*) => { $crate::say(&format!($($arg)*)) };
}

mod bench;
mod browser;
mod conformance;
mod fuzz;
mod fuzz_wasi;
mod install;
mod mutants;
mod output;
mod runtimes;
mod soak;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Tells, with evidence, how faithfully WebAssembly runtimes implement WASI
/// and the core spec.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run suites against runtimes and write the report (run.json, report.html,
    /// junit.xml, summary.md).
    Conformance(conformance::Args),
    /// Install runtimes into target/runtimes (idempotent) and print where each
    /// binary is.
    InstallRuntimes(install::Args),
    /// Rebuild the WASI suite's modules from their sources (C, WAT, Rust std,
    /// Zig) and record their hashes in suites/wasi/build-manifest.json. Only
    /// stale cases are built, so only their compilers must be installed.
    BuildSuites(BuildArgs),
    /// List the known runtimes: installed or not, version, binary.
    Runtimes(runtimes::ListArgs),
    /// Render the reports again from a run record, and print its summary
    /// (the tables `conformance` prints).
    Report(output::ReportArgs),
    /// Merge run records (the shards of one run, or runs of different
    /// runtimes) into one, and write its reports.
    Merge(MergeArgs),
    /// Compare two run records: new failures (passed before, fail now),
    /// fixes, failures that changed how they fail, and runtimes whose
    /// version changed. `--fail-on new` exits 1 on a new failure only.
    Compare(conformance::CompareArgs),
    /// Print which preview1 functions the WASI suite covers, with a success
    /// case and an error-path case each (from the cases' `covers`).
    SuiteCoverage,
    /// The mutation score of the suites on the oracle: cargo-mutants
    /// mutates the reference runtime (--scope wasi, the preview1 host, or
    /// exec, the executor) and runs the spec and WASI suites on each
    /// mutant. Slow (about 13 s a mutant): use --shard K/N.
    Mutants(mutants::MutantsArgs),
    /// Measure the reference runtime against its peers (ratios): `interp`
    /// (vs wasmi and wasm-interp) or `wasi` (vs wasmtime).
    Bench(bench::Args),
    /// Differential fuzzing against the reference runtime (the oracle).
    #[command(subcommand)]
    Fuzz(fuzz::Command),
    /// Replay a divergence bundle written by `fuzz smith` on the runtimes
    /// that diverged, and say whether each still does (exit 1 while any
    /// does).
    Repro(fuzz::ReproArgs),
    /// Make a `fuzz wasi` bundle a WASI suite case: the shrunk program as
    /// NAME.wat (and .wasm), its tree as the fixture NAME.dir, the oracle's
    /// behaviour as NAME.json (every errno the alternatives allow), and the
    /// runtime that diverged listed as failing it in its expectations.
    Promote(fuzz_wasi::PromoteArgs),
}

#[derive(clap::Args)]
struct MergeArgs {
    /// The run records to merge.
    #[arg(required = true, value_name = "RUN.json")]
    records: Vec<std::path::PathBuf>,
    /// Where the merged run.json and its reports go.
    #[arg(long, default_value = "target/conformance/merged")]
    out: std::path::PathBuf,
}

fn merge(args: &MergeArgs) -> Result<(), Failure> {
    let records = args
        .records
        .iter()
        .map(|p| output::read_record(p))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let merged = conformance_harness::RunRecord::merge(records).map_err(anyhow::Error::from)?;
    output::check_writable(&args.out)?;
    conformance::finish(&merged, &args.out, conformance::FailOn::Unexpected)
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Rebuild every case, not only the stale ones.
    #[arg(long)]
    force: bool,
    /// The C compiler for `tests/*.c` (clang with wasi-libc).
    #[arg(long, env = "CLANG", default_value = "clang")]
    clang: std::path::PathBuf,
    /// The rustc for `tests/rust/*.rs`: one with the wasm32-wasi target
    /// (Debian's, with libstd-rust-dev-wasm32; rustup's stable has none).
    #[arg(long, env = "RUSTC_WASI", default_value = "/usr/bin/rustc")]
    rustc: std::path::PathBuf,
    /// The python3 whose `ziglang` package (PyPI) builds `tests/zig/*.zig`
    /// and `tests/zig/*.c`.
    #[arg(long, env = "ZIG_PYTHON", default_value = "python3")]
    zig_python: std::path::PathBuf,
    /// A node_modules folder with `assemblyscript` and
    /// `@assemblyscript/wasi-shim` (npm), for `tests/as/*.ts`.
    #[arg(long, env = "ASC_NODE_MODULES", default_value = "node_modules")]
    asc_node_modules: std::path::PathBuf,
}

/// How a command ended, beyond success.
pub enum Failure {
    /// Cases failed: exit 1.
    Unexpected,
    /// Bad usage, configuration or environment: exit 2.
    Setup(anyhow::Error),
    /// Stopped by SIGINT or SIGTERM, what ran so far written: exit 130.
    Interrupted,
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::Setup(e)
    }
}

fn build_suites(args: &BuildArgs) -> anyhow::Result<()> {
    let layout = conformance_suites::build::SuiteLayout {
        root: conformance_suites::wasi_suite_dir(),
    };
    let compilers = conformance_suites::build::Compilers {
        clang: args.clang.clone(),
        rustc: args.rustc.clone(),
        zig_python: args.zig_python.clone(),
        asc_node_modules: args.asc_node_modules.clone(),
    };
    let built = conformance_suites::build::build_suite(&layout, &compilers, args.force)?;
    say!(
        "built {} case(s); manifest: {}\n",
        built.len(),
        layout.manifest().display()
    );
    for name in built {
        say!("  {name}\n");
    }
    Ok(())
}

fn suite_coverage() -> anyhow::Result<()> {
    use conformance_suites::coverage::{PREVIEW1_FUNCTIONS, coverage, exempt};
    let cases =
        conformance_suites::load_wasi_dir(&conformance_suites::wasi_suite_dir().join("tests"))?;
    let table = coverage(&cases)?;
    let names = |list: &[String], function: &str, error_path: bool| {
        if list.is_empty() && exempt(function, error_path).is_some() {
            return "n/a".to_string();
        }
        let shown: Vec<&str> = list.iter().take(3).map(String::as_str).collect();
        let more = list.len().saturating_sub(3);
        let mut text = shown.join(", ");
        if more > 0 {
            text.push_str(&format!(", +{more}"));
        }
        text
    };
    say!(
        "{:<24} {:>7} {:>7}  cases (success | error)\n",
        "function",
        "success",
        "error"
    );
    for function in PREVIEW1_FUNCTIONS {
        let c = &table.functions[function];
        say!(
            "{function:<24} {:>7} {:>7}  {} | {}\n",
            c.success.len(),
            c.error.len(),
            names(&c.success, function, false),
            names(&c.error, function, true)
        );
    }
    let gaps = table.gaps();
    let complete = PREVIEW1_FUNCTIONS
        .iter()
        .filter(|f| !gaps.iter().any(|g| g.starts_with(&format!("{f}:"))))
        .count();
    say!(
        "\n{complete}/{} functions covered on every path a case can take; {} cases\n",
        PREVIEW1_FUNCTIONS.len(),
        cases.len()
    );
    for function in PREVIEW1_FUNCTIONS {
        for (error_path, path) in [(false, "success"), (true, "error")] {
            let c = &table.functions[function];
            let list = if error_path { &c.error } else { &c.success };
            if let (true, Some(why)) = (list.is_empty(), exempt(function, error_path)) {
                say!("  n/a: {function} {path} path: {why}\n");
            }
        }
    }
    for line in gaps.iter().chain(&table.problems) {
        say!("  {line}\n");
    }
    if !gaps.is_empty() || !table.problems.is_empty() {
        anyhow::bail!("the WASI suite does not cover every preview1 function on both paths");
    }
    Ok(())
}

/// See [`say!`].
pub fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("error: writing to stdout: {e}");
            std::process::exit(2);
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Conformance(args) => conformance::run(args),
        Command::InstallRuntimes(args) => install::run(args).map_err(Failure::from),
        Command::BuildSuites(args) => build_suites(args).map_err(Failure::from),
        Command::Runtimes(args) => runtimes::list(args).map_err(Failure::from),
        Command::Report(args) => output::rerender(args).map_err(Failure::from),
        Command::Merge(args) => merge(args),
        Command::Compare(args) => conformance::compare(args),
        Command::Bench(args) => bench::run(args).map_err(Failure::from),
        Command::Fuzz(command) => fuzz::run(command),
        Command::Repro(args) => fuzz::repro(args),
        Command::Promote(args) => fuzz_wasi::promote(args).map_err(Failure::from),
        Command::SuiteCoverage => suite_coverage().map_err(Failure::from),
        Command::Mutants(args) => mutants::run(args).map_err(Failure::from),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Unexpected) => ExitCode::from(1),
        Err(Failure::Interrupted) => ExitCode::from(130),
        Err(Failure::Setup(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
