//! `cargo xtask conformance --soak N`: the same run N times back to back in
//! one process. After each run it reads this process off `/proc` (memory,
//! peak memory of the run, open fds, processes left below it, scratch dirs
//! left) and compares the run's verdicts and behaviours with the first
//! run's. Writes `soak.json` beside the reports of the last run.

use std::path::Path;
use std::time::Instant;

use anyhow::Context as _;
use conformance_harness::soak::{self, ProcessSample, RunDrift};
use conformance_harness::{Plan, RunRecord};
use serde::Serialize;

/// One run of a soak.
#[derive(Serialize)]
struct SoakRun {
    run: u32,
    seconds: f64,
    results: usize,
    process: ProcessSample,
    /// Against the first run (empty for the first).
    drift: RunDrift,
}

/// The whole soak, as written to `soak.json`.
#[derive(Serialize)]
struct SoakRecord {
    runs: Vec<SoakRun>,
    verdicts_identical: bool,
    leaks: Vec<String>,
}

/// What a soak ended with: the last run's record (for the reports) and
/// what went wrong across runs.
pub struct SoakOutcome {
    pub last: RunRecord,
    pub problems: Vec<String>,
}

/// Run `plan` `times` times; stop early when a run is interrupted.
pub fn run(plan: &Plan, times: u32, out: &Path) -> anyhow::Result<SoakOutcome> {
    if let Err(e) = soak::become_subreaper() {
        eprintln!("soak: cannot adopt orphaned processes ({e}); only direct children are counted");
    }
    let temp_dir = std::env::temp_dir();
    // Dirs of that name that were there before (another run's, or the WASI
    // fuzzer's fixed decoy) are not this soak's to count.
    let there_before = soak::sample(&temp_dir)
        .context("reading /proc/self")?
        .scratch_dirs;
    if !there_before.is_empty() {
        eprintln!(
            "soak: not counting {} scratch-like dirs that were there before: {:?}",
            there_before.len(),
            there_before
        );
    }
    let mut first: Option<RunRecord> = None;
    let mut runs = Vec::new();
    let mut last = None;
    for index in 1..=times {
        // Best effort: without it the peak is the process's, not the run's.
        let _ = soak::reset_peak_rss();
        let clock = Instant::now();
        let record = conformance_harness::run(plan).context("running the suites")?;
        let seconds = clock.elapsed().as_secs_f64();
        let mut process = soak::sample(&temp_dir).context("reading /proc/self")?;
        process
            .scratch_dirs
            .retain(|dir| !there_before.contains(dir));
        let drift = first
            .as_ref()
            .map(|f| RunDrift::between(f, &record))
            .unwrap_or_default();
        eprintln!(
            "soak {index}/{times}: {seconds:.0} s, {} results; verdicts changed {}, behaviours changed {}, \
             results missing {}; RSS {} MiB (run's peak {} MiB); fds {}; threads {}; processes left {}; scratch dirs left {}",
            record.results.len(),
            drift.verdicts.len(),
            drift.behaviours.len(),
            drift.missing.len(),
            process.rss_kib / 1024,
            process.peak_rss_kib / 1024,
            process.open_fds,
            process.threads,
            process.descendants.len(),
            process.scratch_dirs.len(),
        );
        for line in drift.verdicts.iter().chain(&drift.behaviours).take(20) {
            eprintln!("  changed: {line}");
        }
        let interrupted = record.interrupted;
        runs.push(SoakRun {
            run: index,
            seconds,
            results: record.results.len(),
            process,
            drift,
        });
        if first.is_none() {
            first = Some(record.clone());
        }
        last = Some(record);
        if interrupted {
            break;
        }
    }
    let leaks = leaks(&runs);
    let verdicts_identical = runs.iter().all(|r| r.drift.verdicts_identical());
    let mut problems = leaks.clone();
    if !verdicts_identical {
        problems.push("verdicts differ between runs (see soak.json)".into());
    }
    let record = SoakRecord {
        runs,
        verdicts_identical,
        leaks,
    };
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let path = out.join("soak.json");
    let text = serde_json::to_string_pretty(&record).context("encoding soak.json")?;
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    let last = last.context("a soak runs at least once")?;
    Ok(SoakOutcome { last, problems })
}

/// Leaks across runs: more fds open than after the first run, processes
/// left below this one, scratch dirs left.
fn leaks(runs: &[SoakRun]) -> Vec<String> {
    let mut leaks = Vec::new();
    let Some(first) = runs.first() else {
        return leaks;
    };
    for run in runs {
        let p = &run.process;
        if p.open_fds > first.process.open_fds {
            leaks.push(format!(
                "run {}: {} fds open, {} after run 1",
                run.run, p.open_fds, first.process.open_fds
            ));
        }
        if !p.descendants.is_empty() {
            leaks.push(format!(
                "run {}: processes left: {:?}",
                run.run, p.descendants
            ));
        }
        if !p.scratch_dirs.is_empty() {
            leaks.push(format!(
                "run {}: scratch dirs left: {:?}",
                run.run, p.scratch_dirs
            ));
        }
    }
    leaks
}
