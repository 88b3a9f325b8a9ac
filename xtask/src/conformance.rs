//! `cargo xtask conformance`: pick runtimes and suites, run, write the
//! reports, print the summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use conformance_harness::{Case, Limits, Plan, Shard, Suite};
use conformance_suites::{SPEC_DIRECTORIES, load_wasi_dir, spec_scripts, wasi_suite_dir};

use crate::Failure;
use crate::output::{check_writable, write_reports};
use crate::runtimes::{RuntimeSource, select};

/// Arguments of `conformance`.
#[derive(clap::Args)]
pub struct Args {
    /// Runtimes to run, comma-separated: reference (the in-process oracle),
    /// wasmtime, wasmer, wasmi, node, wasmedge, wamr, wazero, wabt,
    /// wasmtime-wast (spec scripts through `wasmtime wast`), one from
    /// --runtimes-file, or all.
    /// Default: every known runtime that is installed (the others are listed
    /// as not run, with the reason).
    #[arg(long, value_delimiter = ',', value_name = "NAME[,NAME...]")]
    runtime: Vec<String>,
    /// Suites to run: wasi (the WASI suite kept in this repository), spec (the
    /// official spec scripts: wasm-v1, wasm-v2, SIMD and the Wasm 3.0
    /// proposals; narrow with --filter wasm-v1/). Default: wasi, unless
    /// --suite-dir is given.
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    suite: Vec<String>,
    /// Also run a directory in the wasi-testsuite layout (repeatable): `*.wasm`
    /// with optional `*.json` (legacy keys or the operation-based format),
    /// named by its `manifest.json` when it has one.
    #[arg(long, value_name = "PATH")]
    suite_dir: Vec<PathBuf>,
    /// Only cases whose name contains PATTERN; `a,b` takes cases matching
    /// either.
    #[arg(long, value_name = "PATTERN[,PATTERN...]")]
    filter: Option<String>,
    /// Parallel jobs (default: the number of CPUs).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Run every job N times; a job whose runs differ (verdict, exit
    /// status, output, tree afterwards) is marked flaky in the record and
    /// the reports, with each behaviour and how often it showed.
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    repeat: u32,
    /// Per-job wall-clock limit, in seconds; past it the process group is killed.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    timeout: f64,
    /// Bytes kept of each job's stdout and stderr.
    #[arg(long, default_value_t = 1 << 20, value_name = "BYTES")]
    output_cap: usize,
    /// Where run.json, report.html, junit.xml and summary.md go.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    #[command(flatten)]
    runtimes: RuntimeSource,
    /// Never draw the progress bar.
    #[arg(long)]
    no_progress: bool,
    /// Compare with an earlier run's record: new failures, fixes, failures
    /// that changed and runtimes whose version changed lead the summary
    /// and the reports (kept in run.json as `baseline`).
    #[arg(long, value_name = "OLD/run.json")]
    baseline: Option<PathBuf>,
    /// What makes the exit status 1: `unexpected` (any result the
    /// expectations do not list), or `new` (only failures that passed in
    /// the --baseline run: CI that gates on regressions alone).
    #[arg(long, value_enum, default_value_t = FailOn::Unexpected, requires_if("new", "baseline"))]
    fail_on: FailOn,
    /// Run only shard K of N (cases dealt round-robin; every runtime of a
    /// case in the same shard). Merge the shards' run.json with `cargo xtask merge`.
    #[arg(long, value_name = "K/N", value_parser = Shard::parse)]
    shard: Option<Shard>,
    /// Record the reference runtime's preview1 calls in each of its
    /// observations (`trace` in run.json: one line per call, arguments
    /// named, with its errno), the first N calls per case (default 256),
    /// to see which call of a diverging case went differently.
    #[arg(long, value_name = "N", num_args = 0..=1, require_equals = true)]
    trace: Option<Option<usize>>,
    /// Soak: run the whole plan N times back to back in this process and
    /// check that the verdicts never change and nothing leaks (open fds,
    /// processes left below this one, scratch dirs), reporting memory and
    /// each run's peak; writes soak.json, and the reports of the last run.
    /// Exit status 1 when a verdict changed or something leaked.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    soak: Option<u32>,
}

fn default_out() -> PathBuf {
    conformance_adapters::workspace_root().join("target/conformance")
}

fn load_suites(args: &Args) -> anyhow::Result<Vec<Suite>> {
    let mut names = args.suite.clone();
    if names.is_empty() && args.suite_dir.is_empty() {
        names.push("wasi".into());
    }
    let mut suites = Vec::new();
    for name in names {
        match name.as_str() {
            "wasi" => suites.push(Suite {
                name,
                cases: wasi_cases(load_wasi_dir(&wasi_suite_dir().join("tests"))?),
            }),
            "spec" => suites.push(Suite {
                name,
                cases: spec_scripts(SPEC_DIRECTORIES)
                    .into_iter()
                    .map(Case::Script)
                    .collect(),
            }),
            other => bail!(
                "unknown suite `{other}`; known suites: wasi, spec (or give --suite-dir PATH)"
            ),
        }
    }
    for dir in &args.suite_dir {
        let name = conformance_suites::official::manifest_name(dir).unwrap_or_else(|| {
            dir.canonicalize()
                .ok()
                .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| dir.display().to_string())
        });
        let cases = load_wasi_dir(dir).with_context(|| format!("--suite-dir {}", dir.display()))?;
        suites.push(Suite {
            name,
            cases: wasi_cases(cases),
        });
    }
    Ok(suites)
}

fn wasi_cases(cases: Vec<conformance_suites::WasiCase>) -> Vec<Case> {
    cases.into_iter().map(|c| Case::Wasi(Box::new(c))).collect()
}

/// Run `conformance`.
pub fn run(args: &Args) -> Result<(), Failure> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        return Err(anyhow::anyhow!("--timeout must be a positive number of seconds").into());
    }
    let out = args.out.clone().unwrap_or_else(default_out);
    check_writable(&out)?;
    let suites = load_suites(args)?;
    let trace = args
        .trace
        .map(|limit| limit.unwrap_or(conformance_adapters::TRACE_LIMIT));
    let selection = select(&args.runtime, &args.runtimes, trace)?;
    for skipped in &selection.skipped {
        eprintln!("not running {}: {}", skipped.name, skipped.reason);
    }
    let expectations =
        crate::fuzz::load_known(selection.runtimes.iter().map(|r| r.info().name.as_str()))?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let plan = Plan {
        runtimes: selection.runtimes,
        skipped_runtimes: selection.skipped,
        suites,
        expectations,
        jobs,
        limits: Limits {
            timeout: Duration::from_secs_f64(args.timeout),
            output_cap: args.output_cap,
        },
        filter: args.filter.clone(),
        progress: !args.no_progress && std::io::stderr().is_terminal(),
        shard: args.shard,
        repeat: args.repeat as usize,
    };
    let baseline = args
        .baseline
        .as_ref()
        .map(|path| crate::output::read_record(path).map(|r| (path, r)))
        .transpose()
        .context("--baseline")?;
    stop_on_signals()?;
    let mut soak_problems = Vec::new();
    let mut record = match args.soak {
        Some(times) => {
            check_writable(&out)?;
            let outcome = crate::soak::run(&plan, times, &out)?;
            soak_problems = outcome.problems;
            outcome.last
        }
        None => conformance_harness::run(&plan).context("running the suites")?,
    };
    if let Some((path, old)) = &baseline {
        record.baseline = Some(conformance_harness::Baseline::compare(
            old,
            &record,
            &path.display().to_string(),
        ));
    }
    if record.interrupted {
        let not_run = record
            .results
            .iter()
            .filter(|r| r.reasons.first().map(String::as_str) == Some(conformance_harness::NOT_RUN))
            .count();
        // Failed cases do not change the exit status of an interrupted
        // run; a report that could not be written does.
        if let Err(Failure::Setup(e)) = finish(&record, &out, FailOn::Unexpected) {
            return Err(Failure::Setup(e));
        }
        eprintln!(
            "interrupted: {} result(s) kept, {not_run} job(s) not run",
            record.results.len() - not_run
        );
        return Err(Failure::Interrupted);
    }
    if record.results.is_empty() && args.shard.is_none() {
        let filter = args.filter.as_deref().unwrap_or("");
        return Err(anyhow::anyhow!("no case matched --filter `{filter}`").into());
    }
    let finished = finish(&record, &out, args.fail_on);
    if !soak_problems.is_empty() {
        for problem in &soak_problems {
            eprintln!("soak: {problem}");
        }
        finished?;
        return Err(Failure::Unexpected);
    }
    finished
}

/// SIGINT or SIGTERM: the first stops the run (no new job starts, running
/// process groups are killed, what finished is written); a second exits
/// at once with 130.
fn stop_on_signals() -> anyhow::Result<()> {
    let flag = conformance_adapters::interrupt_flag();
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, std::sync::Arc::clone(&flag))
            .context("installing a signal handler")?;
        signal_hook::flag::register(signal, std::sync::Arc::clone(&flag))
            .context("installing a signal handler")?;
    }
    Ok(())
}

/// Write the reports, print the summary, and say whether anything
/// unexpected happened (exit status 1).
pub fn finish(
    record: &conformance_harness::RunRecord,
    out: &std::path::Path,
    fail_on: FailOn,
) -> Result<(), Failure> {
    let written = write_reports(record, out)?;
    say!("{}", conformance_reports::render_summary(record));
    say!(
        "{} results in {:.1} s; wrote {}\n",
        record.results.len(),
        record.duration_ms / 1000.0,
        written
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let failed = match fail_on {
        FailOn::Unexpected => record.has_unexpected(),
        FailOn::New => record
            .baseline
            .as_ref()
            .is_some_and(|b| !b.new_failures.is_empty()),
    };
    if failed {
        return Err(Failure::Unexpected);
    }
    Ok(())
}

/// What makes a run's exit status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any result the expectations do not list.
    Unexpected,
    /// Only failures of cases that passed in the baseline run.
    New,
}

/// Arguments of `cargo xtask compare`.
#[derive(clap::Args)]
pub struct CompareArgs {
    /// The earlier run's record.
    #[arg(value_name = "OLD.json")]
    old: PathBuf,
    /// The later run's record.
    #[arg(value_name = "NEW.json")]
    new: PathBuf,
    /// Also write NEW's record with the comparison in it, and its reports,
    /// into this directory.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// `new`: exit status 1 when a case that passed in OLD fails in NEW.
    /// Without it the comparison is only printed (exit 0).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
}

/// `cargo xtask compare OLD NEW`.
pub fn compare(args: &CompareArgs) -> Result<(), Failure> {
    let old = crate::output::read_record(&args.old)?;
    let mut new = crate::output::read_record(&args.new)?;
    let baseline =
        conformance_harness::Baseline::compare(&old, &new, &args.old.display().to_string());
    say!("{}", conformance_reports::render_baseline(&baseline));
    let regressed = !baseline.new_failures.is_empty();
    if let Some(out) = &args.out {
        check_writable(out)?;
        new.baseline = Some(baseline);
        let written = write_reports(&new, out)?;
        for path in written {
            say!("wrote {}\n", path.display());
        }
    }
    match args.fail_on {
        Some(FailOn::New) if regressed => Err(Failure::Unexpected),
        Some(FailOn::Unexpected) if new.has_unexpected() => Err(Failure::Unexpected),
        _ => Ok(()),
    }
}
