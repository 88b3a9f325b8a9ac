//! Scheduling: every (runtime, case) pair is one job on a rayon pool of
//! `jobs` threads; each job gets a fresh scratch directory, its observation is
//! judged, known failures are applied, and the results become a run record.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use conformance_adapters::{FsTree, Runtime};
use conformance_suites::{Expectation, Expectations, ExpectedOutcome, WasiCase};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::{
    CaseResult, Expected, HostInfo, RunOptions, RunRecord, SCHEMA_VERSION, SkippedRuntime, Verdict,
    judge_wasi, prepare_wasi_job,
};

/// A named list of WASI cases.
#[derive(Debug, Clone)]
pub struct Suite {
    /// The suite's name in reports (`wasi`, or a `--suite-dir`'s folder name).
    pub name: String,
    /// Its cases.
    pub cases: Vec<WasiCase>,
}

/// Limits of every job.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock limit; past it the process group is killed.
    pub timeout: Duration,
    /// Bytes kept of each output stream.
    pub output_cap: usize,
}

/// Everything a run needs.
pub struct Plan {
    /// The runtimes to run, in report column order.
    pub runtimes: Vec<Arc<dyn Runtime>>,
    /// The runtimes asked for that cannot run, with why.
    pub skipped_runtimes: Vec<SkippedRuntime>,
    /// The suites.
    pub suites: Vec<Suite>,
    /// Known failures, by runtime name.
    pub expectations: BTreeMap<String, Expectations>,
    /// Parallel jobs.
    pub jobs: usize,
    /// Per-job limits.
    pub limits: Limits,
    /// Only cases whose name contains this.
    pub filter: Option<String>,
    /// Draw a progress bar (on a terminal).
    pub progress: bool,
}

/// Run the plan. Failures of single jobs become `error` verdicts; only a
/// failure to set up the run itself is an `Err`.
pub fn run(plan: &Plan) -> std::io::Result<RunRecord> {
    let started = SystemTime::now();
    let clock = Instant::now();
    let scratch_base = tempfile::Builder::new()
        .prefix("wasi-conformance-")
        .tempdir()?;
    let work: Vec<(usize, &Suite, &WasiCase)> = plan
        .suites
        .iter()
        .flat_map(|suite| suite.cases.iter().map(move |case| (suite, case)))
        .filter(|(_, case)| {
            plan.filter
                .as_ref()
                .is_none_or(|f| case.name.contains(f.as_str()))
        })
        .flat_map(|(suite, case)| (0..plan.runtimes.len()).map(move |rt| (rt, suite, case)))
        .collect();
    let bar = if plan.progress {
        ProgressBar::new(work.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(plan.jobs.max(1))
        .build()
        .map_err(std::io::Error::other)?;
    let mut results: Vec<(usize, CaseResult)> = pool.install(|| {
        work.par_iter()
            .enumerate()
            .map(|(order, (rt, suite, case))| {
                let runtime = &plan.runtimes[*rt];
                let known = plan
                    .expectations
                    .get(&runtime.info().name)
                    .and_then(|e| e.get(&suite.name, &case.name));
                let result = run_case(
                    runtime.as_ref(),
                    &suite.name,
                    case,
                    known,
                    &plan.limits,
                    scratch_base.path(),
                );
                bar.set_message(format!("{} {}", runtime.info().name, case.name));
                bar.inc(1);
                (order, result)
            })
            .collect()
    });
    bar.finish_and_clear();
    results.sort_by_key(|(order, _)| *order);
    Ok(RunRecord {
        schema_version: SCHEMA_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        started_at: humantime::format_rfc3339_seconds(started).to_string(),
        duration_ms: clock.elapsed().as_secs_f64() * 1000.0,
        host: HostInfo::current(),
        options: RunOptions {
            jobs: plan.jobs,
            timeout_ms: plan.limits.timeout.as_millis() as u64,
            output_cap: plan.limits.output_cap,
            filter: plan.filter.clone(),
            suites: plan.suites.iter().map(|s| s.name.clone()).collect(),
        },
        runtimes: plan.runtimes.iter().map(|r| r.info().clone()).collect(),
        skipped_runtimes: plan.skipped_runtimes.clone(),
        results: results.into_iter().map(|(_, r)| r).collect(),
    })
}

/// Run one case on one runtime, in a fresh scratch dir under `base`, and
/// judge it; `known` is its entry in the runtime's expectations, if any.
pub fn run_case(
    runtime: &dyn Runtime,
    suite: &str,
    case: &WasiCase,
    known: Option<&Expectation>,
    limits: &Limits,
    base: &Path,
) -> CaseResult {
    let info = runtime.info();
    let mut result = CaseResult {
        runtime: info.name.clone(),
        suite: suite.to_string(),
        case: case.name.clone(),
        verdict: Verdict::Skip,
        reasons: Vec::new(),
        known_issue: known.map(|k| k.reason.clone()),
        expected: Some(Expected::from(&case.spec)),
        observation: None,
        command: Vec::new(),
    };
    if !info.capabilities.wasi {
        result
            .reasons
            .push(format!("{} cannot run WASI commands", info.name));
        return result;
    }
    if !info.capabilities.guest_path_remap
        && case
            .fixture_dirs()
            .iter()
            .any(|(guest, fixture)| guest != fixture)
    {
        result.reasons.push(format!(
            "{} cannot mount a dir under another guest path",
            info.name
        ));
        return result;
    }
    if let Some(k) = known.filter(|k| k.outcome == ExpectedOutcome::Skip) {
        result
            .reasons
            .push(format!("skipped by expectations: {}", k.reason));
        return result;
    }
    let outcome = tempfile::Builder::new()
        .prefix("job-")
        .tempdir_in(base)
        .and_then(|scratch| {
            let job = prepare_wasi_job(case, scratch.path(), limits.timeout, limits.output_cap)?;
            Ok((scratch, job))
        });
    let (scratch, job) = match outcome {
        Ok(prepared) => prepared,
        Err(e) => return error(result, format!("preparing the scratch dir: {e}")),
    };
    result.command = runtime.command_line(&job);
    let mut observation = match runtime.run_wasi(&job) {
        Ok(observation) => observation,
        Err(e) => return error(result, e.to_string()),
    };
    if !job.preopens.is_empty() {
        let roots = job
            .preopens
            .iter()
            .map(|p| (p.guest.as_str(), p.host.as_path()));
        match FsTree::snapshot(roots) {
            Ok(tree) => observation.fs_after = Some(tree),
            Err(e) => return error(result, format!("reading the dirs after the run: {e}")),
        }
    }
    drop(scratch);
    let expected = result
        .expected
        .as_ref()
        .map_or_else(|| Expected::from(&case.spec), Clone::clone);
    let (verdict, reasons) = judge_wasi(&expected, &observation);
    result.verdict = match (verdict, known.map(|k| k.outcome)) {
        (Verdict::Fail, Some(ExpectedOutcome::Fail)) => Verdict::Xfail,
        (Verdict::Pass, Some(ExpectedOutcome::Fail)) => Verdict::Xpass,
        (verdict, _) => verdict,
    };
    result.reasons = reasons;
    result.observation = Some(observation);
    result
}

fn error(mut result: CaseResult, reason: String) -> CaseResult {
    result.verdict = Verdict::Error;
    result.reasons = vec![reason];
    result
}
