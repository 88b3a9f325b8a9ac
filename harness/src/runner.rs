//! Scheduling: every (runtime, case) pair is one job on a rayon pool of
//! `jobs` threads; each job gets a fresh scratch directory, its observation is
//! judged, known failures are applied, and the results become a run record.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use conformance_adapters::{
    AdapterError, FsTree, ProbeCache, Runtime, RuntimeInfo, ScriptJob, ScriptObservation,
};
use conformance_suites::{Expectation, Expectations, ExpectedOutcome, SpecScript, WasiCase};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::{
    CaseResult, Expected, Flaky, HostInfo, RunOptions, RunRecord, SCHEMA_VERSION, SkippedRuntime,
    Verdict, judge_wasi, prepare_wasi_job,
};

/// One unit of testing.
#[derive(Debug, Clone)]
pub enum Case {
    /// A WASI command and its expectation.
    Wasi(Box<WasiCase>),
    /// A spec test script.
    Script(SpecScript),
}

impl Case {
    /// The case's name: its path relative to its suite.
    pub fn name(&self) -> &str {
        match self {
            Case::Wasi(case) => &case.name,
            Case::Script(script) => &script.name,
        }
    }
}

/// A named list of cases.
#[derive(Debug, Clone)]
pub struct Suite {
    /// The suite's name in reports (`wasi`, `spec`, or a `--suite-dir`'s folder name).
    pub name: String,
    /// Its cases.
    pub cases: Vec<Case>,
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
    /// Only cases whose name contains this (or, for `a,b`, one of the
    /// comma-separated patterns).
    pub filter: Option<String>,
    /// Draw a progress bar (on a terminal).
    pub progress: bool,
    /// Run only this shard's cases (every runtime of a case stays together).
    pub shard: Option<Shard>,
    /// Runs per job (1: once); a job whose runs behave differently is
    /// marked flaky. Repeated runs never share the probe cache, so every
    /// run of a script runs its probes.
    pub repeat: usize,
}

/// One of `count` shards of a run: cases are dealt round-robin, so shards
/// are even whatever the order of the suites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: usize,
    /// How many shards.
    pub count: usize,
}

impl Shard {
    /// Parse `K/N` (1 ≤ K ≤ N).
    pub fn parse(text: &str) -> Result<Shard, String> {
        let parsed = text
            .split_once('/')
            .and_then(|(k, n)| Some((k.trim().parse().ok()?, n.trim().parse().ok()?)));
        match parsed {
            Some((index, count)) if index >= 1 && index <= count => Ok(Shard { index, count }),
            _ => Err(format!("expected K/N with 1 <= K <= N, got `{text}`")),
        }
    }

    /// Whether the case at `position` (0-based, after filtering) is this shard's.
    pub fn holds(self, position: usize) -> bool {
        position % self.count == self.index - 1
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Run the plan. Failures of single jobs become `error` verdicts; only a
/// failure to set up the run itself is an `Err`.
pub fn run(plan: &Plan) -> std::io::Result<RunRecord> {
    let started = SystemTime::now();
    let clock = Instant::now();
    let scratch_base = tempfile::Builder::new()
        .prefix("wasi-conformance-")
        .tempdir()?;
    let work: Vec<(usize, &Suite, &Case)> = plan
        .suites
        .iter()
        .flat_map(|suite| suite.cases.iter().map(move |case| (suite, case)))
        .filter(|(_, case)| {
            plan.filter
                .as_ref()
                .is_none_or(|f| f.split(',').any(|p| case.name().contains(p)))
        })
        .enumerate()
        .filter(|(index, _)| plan.shard.is_none_or(|s| s.holds(*index)))
        .flat_map(|(_, (suite, case))| (0..plan.runtimes.len()).map(move |rt| (rt, suite, case)))
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
    let probe_cache = ProbeCache::default();
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
                    .and_then(|e| e.get(&suite.name, case.name()));
                // After an interrupt nothing new starts, and a job that
                // was running when it came was killed: both are listed as
                // not run.
                let result = if conformance_adapters::interrupted() {
                    not_run(runtime.info(), &suite.name, case)
                } else {
                    let once = || {
                        run_case(
                            runtime.as_ref(),
                            &suite.name,
                            case,
                            known,
                            &plan.limits,
                            scratch_base.path(),
                            (plan.repeat <= 1).then_some(&probe_cache),
                        )
                    };
                    let mut result = once();
                    if plan.repeat > 1 {
                        let mut runs = vec![result.behaviour()];
                        while runs.len() < plan.repeat && !conformance_adapters::interrupted() {
                            runs.push(once().behaviour());
                        }
                        result.flaky = flakiness(runs);
                    }
                    if conformance_adapters::interrupted() {
                        not_run(runtime.info(), &suite.name, case)
                    } else {
                        result
                    }
                };
                bar.set_message(format!("{} {}", runtime.info().name, case.name()));
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
            shards: plan.shard.map(|s| vec![s.to_string()]).unwrap_or_default(),
            repeat: plan.repeat,
            suites: plan.suites.iter().map(|s| s.name.clone()).collect(),
        },
        runtimes: plan.runtimes.iter().map(|r| r.info().clone()).collect(),
        skipped_runtimes: plan.skipped_runtimes.clone(),
        results: results.into_iter().map(|(_, r)| r).collect(),
        campaigns: Vec::new(),
        interrupted: conformance_adapters::interrupted(),
        baseline: None,
    })
}

/// The job's repeats as a [`Flaky`] when they did not all behave alike.
fn flakiness(runs: Vec<String>) -> Option<Flaky> {
    let total = runs.len();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for run in runs {
        *counts.entry(run).or_default() += 1;
    }
    if counts.len() <= 1 {
        return None;
    }
    let mut behaviours: Vec<(usize, String)> = counts.into_iter().map(|(b, n)| (n, b)).collect();
    behaviours.sort_by_key(|b| std::cmp::Reverse(b.0));
    Some(Flaky {
        runs: total,
        behaviours,
    })
}

/// A skipped result of `case` on the runtime, with `reason`: where every
/// result starts, and what a job the run did not finish is.
fn skipped(info: &RuntimeInfo, suite: &str, case: &Case, reason: Option<String>) -> CaseResult {
    CaseResult {
        runtime: info.name.clone(),
        suite: suite.to_string(),
        case: case.name().to_string(),
        verdict: Verdict::Skip,
        reasons: reason.into_iter().collect(),
        known_issue: None,
        expected: None,
        observation: None,
        script: None,
        command: Vec::new(),
        divergence: None,
        flaky: None,
    }
}

/// The result of a job the run did not finish because it was interrupted.
fn not_run(info: &RuntimeInfo, suite: &str, case: &Case) -> CaseResult {
    skipped(info, suite, case, Some(NOT_RUN.to_string()))
}

/// The reason given for the jobs an interrupt kept from finishing.
pub const NOT_RUN: &str = "not run: the run was interrupted";

/// Run one case on one runtime and judge it; `known` is its entry in the
/// runtime's expectations, if any. WASI cases run in a fresh scratch dir
/// under `base`; spec scripts run through probes answer modules seen
/// before in this run from `probe_cache`.
pub fn run_case(
    runtime: &dyn Runtime,
    suite: &str,
    case: &Case,
    known: Option<&Expectation>,
    limits: &Limits,
    base: &Path,
    probe_cache: Option<&ProbeCache>,
) -> CaseResult {
    let info = runtime.info();
    let mut result = CaseResult {
        known_issue: known.map(|k| k.reason.clone()),
        ..skipped(info, suite, case, None)
    };
    if let Some(why) = unsupported(info, case) {
        result.reasons.push(why);
        return result;
    }
    if let Some(k) = known.filter(|k| k.outcome == ExpectedOutcome::Skip) {
        result
            .reasons
            .push(format!("skipped by expectations: {}", k.reason));
        return result;
    }
    let judged = match case {
        Case::Wasi(case) => run_wasi_case(runtime, case, limits, base, &mut result),
        Case::Script(script) => {
            run_script_case(runtime, script, limits, base, probe_cache, &mut result)
        }
    };
    let (verdict, reasons) = match judged {
        Ok(judged) => judged,
        Err(reason) => (Verdict::Error, vec![reason]),
    };
    let (verdict, new_failures) = against_expectation(verdict, known, result.script.as_ref());
    result.verdict = verdict;
    result.reasons = new_failures.into_iter().chain(reasons).collect();
    result
}

/// The verdict once the runtime's expectations are applied: a listed
/// failure is `xfail` and a listed case that passes `xpass`, but a script
/// failing on lines its entry does not list fails, with that reason.
fn against_expectation(
    verdict: Verdict,
    known: Option<&Expectation>,
    script: Option<&ScriptObservation>,
) -> (Verdict, Option<String>) {
    match (
        verdict,
        known.filter(|k| k.outcome == ExpectedOutcome::Fail),
    ) {
        (Verdict::Fail, Some(k)) => {
            let failing = script
                .into_iter()
                .flat_map(|s| s.failures.iter().map(|f| f.line));
            let new = k.unlisted(failing);
            if new.is_empty() {
                (Verdict::Xfail, None)
            } else {
                let lines: Vec<String> = new.iter().map(|l| format!("line {l}")).collect();
                (
                    Verdict::Fail,
                    Some(format!(
                        "new failures beyond the expected lines: {}",
                        lines.join(", ")
                    )),
                )
            }
        }
        (Verdict::Pass, Some(_)) => (Verdict::Xpass, None),
        (verdict, _) => (verdict, None),
    }
}

/// Why `runtime` cannot run `case` at all, if it cannot.
fn unsupported(info: &RuntimeInfo, case: &Case) -> Option<String> {
    let caps = &info.capabilities;
    match case {
        Case::Wasi(case) if case.spec.unsupported.is_some() => case.spec.unsupported.clone(),
        Case::Wasi(_) if !caps.wasi => Some(format!("{} cannot run WASI commands", info.name)),
        Case::Wasi(case)
            if !caps.guest_path_remap
                && case
                    .fixture_dirs()
                    .iter()
                    .any(|(guest, fixture)| guest != fixture) =>
        {
            Some(format!(
                "{} cannot mount a dir under another guest path",
                info.name
            ))
        }
        Case::Script(_) if !caps.scripts && !caps.wasi => Some(format!(
            "{} runs neither spec scripts nor WASI commands (for probes)",
            info.name
        )),
        _ => None,
    }
}

type Judged = Result<(Verdict, Vec<String>), String>;

fn run_wasi_case(
    runtime: &dyn Runtime,
    case: &WasiCase,
    limits: &Limits,
    base: &Path,
    result: &mut CaseResult,
) -> Judged {
    let expected = Expected::from(&case.spec);
    result.expected = Some(expected.clone());
    let scratch = tempfile::Builder::new()
        .prefix("job-")
        .tempdir_in(base)
        .map_err(|e| format!("creating a scratch dir: {e}"))?;
    let job = prepare_wasi_job(case, scratch.path(), limits.timeout, limits.output_cap)
        .map_err(|e| format!("preparing the scratch dir: {e}"))?;
    result.command = runtime.command_line(&job);
    let mut observation = match runtime.run_wasi(&job) {
        Ok(observation) => observation,
        Err(AdapterError::Unsupported { reason, .. }) => return Ok((Verdict::Skip, vec![reason])),
        Err(e) => return Err(e.to_string()),
    };
    if !job.preopens.is_empty() {
        let roots = job
            .preopens
            .iter()
            .map(|p| (p.guest.as_str(), p.host.as_path()));
        let tree =
            FsTree::snapshot(roots).map_err(|e| format!("reading the dirs after the run: {e}"))?;
        observation.fs_after = Some(tree);
    }
    let judged = judge_wasi(&expected, &observation);
    result.observation = Some(observation);
    Ok(judged)
}

/// Whether probes on each runtime can pass host references, decided once
/// per runtime name.
fn host_refs(runtime: &dyn Runtime, limits: &Limits, base: &Path) -> bool {
    static DECIDED: std::sync::Mutex<BTreeMap<String, bool>> =
        std::sync::Mutex::new(BTreeMap::new());
    let name = runtime.info().name.clone();
    if let Some(known) = DECIDED.lock().ok().and_then(|d| d.get(&name).copied()) {
        return known;
    }
    let works = conformance_adapters::host_refs_work(runtime, base, limits.timeout);
    if let Ok(mut decided) = DECIDED.lock() {
        decided.insert(name, works);
    }
    works
}

fn run_script_case(
    runtime: &dyn Runtime,
    script: &SpecScript,
    limits: &Limits,
    base: &Path,
    probe_cache: Option<&ProbeCache>,
    result: &mut CaseResult,
) -> Judged {
    let job = ScriptJob {
        name: script.name.clone(),
        group: script.group.clone(),
        text: script.text.to_string(),
    };
    let observation = if runtime.info().capabilities.scripts {
        match runtime.run_script(&job) {
            Ok(observation) => observation,
            Err(AdapterError::Unsupported { reason, .. }) => {
                return Ok((Verdict::Skip, vec![reason]));
            }
            Err(e) => return Err(e.to_string()),
        }
    } else {
        let scratch = tempfile::Builder::new()
            .prefix("probe-")
            .tempdir_in(base)
            .map_err(|e| format!("creating a scratch dir: {e}"))?;
        let options = conformance_probe::ProbeOptions {
            host_refs: host_refs(runtime, limits, base),
        };
        conformance_adapters::run_script_through_probes(
            runtime,
            &job,
            &options,
            scratch.path(),
            limits.timeout,
            probe_cache,
        )
    };
    if let Some(feature) = &observation.unsupported_feature {
        let reason = format!("feature not supported: {feature}");
        result.script = Some(observation);
        return Ok((Verdict::Skip, vec![reason]));
    }
    let mut reasons = Vec::new();
    if let Some(e) = &observation.parse_error {
        reasons.push(format!("the script does not parse: {e}"));
    }
    if observation.failed > 0 {
        reasons.push(format!(
            "{} of {} directives failed",
            observation.failed,
            observation.passed + observation.failed + observation.skipped
        ));
        reasons.extend(
            observation
                .failures
                .iter()
                .take(5)
                .map(|f| format!("line {} ({}): {}", f.line, f.kind, f.message)),
        );
    }
    result.script = Some(observation);
    let verdict = if reasons.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    Ok((verdict, reasons))
}

#[cfg(test)]
mod tests {
    use super::*;
    use conformance_adapters::DirectiveFailure;

    fn entry(lines: Vec<usize>) -> Expectation {
        Expectation {
            suite: "spec".into(),
            case: "wasm-v2/binary.wast".into(),
            outcome: ExpectedOutcome::Fail,
            reason: "runtime bug: accepts duplicate sections".into(),
            issue: None,
            lines,
        }
    }

    fn failing(lines: &[usize]) -> ScriptObservation {
        ScriptObservation {
            failed: lines.len(),
            failures: lines
                .iter()
                .map(|&line| DirectiveFailure {
                    line,
                    kind: "assert_malformed".into(),
                    message: "the runtime accepted the module".into(),
                    expected: None,
                    observed: None,
                })
                .collect(),
            ..ScriptObservation::default()
        }
    }

    #[test]
    fn a_script_failing_only_on_listed_lines_is_xfail_and_a_new_line_fails() {
        let known = entry(vec![1211, 1221]);
        let (v, why) = against_expectation(Verdict::Fail, Some(&known), Some(&failing(&[1211])));
        assert_eq!((v, why), (Verdict::Xfail, None));
        let (v, why) =
            against_expectation(Verdict::Fail, Some(&known), Some(&failing(&[1211, 1300])));
        assert_eq!(v, Verdict::Fail);
        assert!(why.is_some_and(|w| w.contains("line 1300") && !w.contains("1211")));
        let (v, _) = against_expectation(Verdict::Pass, Some(&known), None);
        assert_eq!(v, Verdict::Xpass);
        // No lines listed: any failure is the known one.
        let (v, _) = against_expectation(Verdict::Fail, Some(&entry(vec![])), Some(&failing(&[9])));
        assert_eq!(v, Verdict::Xfail);
    }
}
