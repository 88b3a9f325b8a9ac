//! `cargo xtask fuzz wasi`: generated preview1 programs over generated
//! file trees, every runtime against the oracle. The work is in
//! `conformance-wasi-fuzz`; this turns its campaign into a run record.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use conformance_adapters::ReferenceRuntime;
use conformance_harness::{CampaignStats, CaseResult, DivergenceDetail, Verdict};
use conformance_suites::{Expectations, ExpectedOutcome, expectations_dir};
use conformance_wasi_fuzz::{Found, Settings, run_campaign};

use crate::Failure;
use crate::fuzz::{campaign_record, print_counts, subjects};
use crate::output::{check_writable, write_reports};
use crate::runtimes::{RuntimeSource, select};

/// The suite's name in run records and expectations.
pub const SUITE: &str = "wasi-fuzz";

#[derive(clap::Args)]
pub struct WasiArgs {
    /// Runtimes to compare with the oracle, comma-separated, or all (those
    /// installed that run WASI commands).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "NAME[,NAME...]",
        required = true
    )]
    runtime: Vec<String>,
    /// How long to run: `30s`, `10m`, `1h`.
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    time: Duration,
    /// The first seed; seeds follow one by one.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Where bundles and reports go (default: target/fuzz/wasi).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Candidates the shrinker may try per new kind of divergence (each
    /// runs the oracle and the runtime once; 0: do not shrink).
    #[arg(long, default_value_t = 150, value_name = "N")]
    shrink_tries: usize,
    /// Per-process wall-clock limit, in seconds.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    timeout: f64,
    #[command(flatten)]
    runtimes: RuntimeSource,
}

pub fn run(args: &WasiArgs) -> Result<(), Failure> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        return Err(anyhow::anyhow!("--timeout must be a positive number of seconds").into());
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| conformance_adapters::workspace_root().join("target/fuzz/wasi"));
    check_writable(&out)?;
    let selection = select(&args.runtime, &args.runtimes, None)?;
    for skipped in &selection.skipped {
        eprintln!("not running {}: {}", skipped.name, skipped.reason);
    }
    let subjects = subjects(&selection.runtimes)?;
    let mut known = std::collections::BTreeMap::new();
    for runtime in &subjects {
        let name = runtime.info().name.clone();
        let listed = Expectations::load(&expectations_dir(), &name).map_err(anyhow::Error::from)?;
        known.insert(name.clone(), listed);
    }
    let known_reason = |f: &Found| {
        known.get(&f.runtime).and_then(|e: &Expectations| {
            e.get(SUITE, &f.signature)
                .filter(|k| k.outcome == ExpectedOutcome::Fail)
                .map(|k| k.reason.clone())
        })
    };
    let settings = Settings {
        time: args.time,
        seed: args.seed,
        timeout: Duration::from_secs_f64(args.timeout),
        shrink_tries: args.shrink_tries,
        out: Some(out.clone()),
    };
    let scratch = tempfile::Builder::new()
        .prefix("wasi-conformance-wasi-fuzz-")
        .tempdir()
        .context("creating a scratch dir")?;
    let oracle = ReferenceRuntime::new();
    eprintln!(
        "comparing {} with the reference from seed {} for {}",
        subjects
            .iter()
            .map(|r| r.info().name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        args.seed,
        humantime::format_duration(args.time)
    );
    let started_at = std::time::SystemTime::now();
    let campaign = run_campaign(&oracle, &subjects, &settings, scratch.path(), |f| {
        let calls_left = f.shrunk.as_ref().map_or(String::new(), |s| {
            format!(", {} call(s) left", s.case.program.calls.len())
        });
        println!(
            "{} divergence: seed {}: {}: {}{calls_left} — {}",
            if known_reason(f).is_some() {
                "known"
            } else {
                "new"
            },
            f.seeds[0],
            f.runtime,
            f.first,
            f.bundle
                .as_ref()
                .map_or(String::new(), |b| b.display().to_string())
        );
    })
    .map_err(anyhow::Error::from)?;
    let mut new_kinds = 0;
    let results: Vec<CaseResult> = campaign
        .found
        .iter()
        .map(|f| {
            let known = known_reason(f);
            new_kinds += usize::from(known.is_none());
            CaseResult {
                runtime: f.runtime.clone(),
                suite: SUITE.into(),
                case: f.signature.clone(),
                verdict: if known.is_some() {
                    Verdict::Xfail
                } else {
                    Verdict::Diverge
                },
                reasons: vec![
                    f.first.to_string(),
                    format!(
                        "{} program(s); {} call(s) after shrinking",
                        f.programs,
                        f.shrunk.as_ref().map_or(0, |s| s.case.program.calls.len())
                    ),
                ],
                known_issue: known,
                expected: None,
                observation: None,
                script: None,
                command: Vec::new(),
                divergence: Some(DivergenceDetail {
                    bundle: f
                        .bundle
                        .as_ref()
                        .map(|b| b.display().to_string())
                        .unwrap_or_default(),
                    seeds: f.seeds.clone(),
                    modules: f.programs,
                    shrunk_wat: f.shrunk.as_ref().map(|s| {
                        format!(
                            ";; tree\n{};; calls\n{}",
                            s.case.tree.describe(),
                            s.case.program.describe()
                        )
                    }),
                    oracle_transcript: f.transcripts.0.clone(),
                    runtime_transcript: f.transcripts.1.clone(),
                }),
            }
        })
        .collect();
    let stats: Vec<CampaignStats> = campaign
        .per_runtime
        .iter()
        .map(|(name, c)| CampaignStats {
            runtime: name.clone(),
            suite: SUITE.into(),
            modules: c.programs,
            calls: c.calls,
            poisoned: 0,
            divergent_modules: c.divergent,
            seconds: c.spent.as_secs_f64(),
        })
        .collect();
    let record = campaign_record(
        SUITE,
        &selection,
        settings.timeout,
        campaign.elapsed,
        started_at,
        results,
        stats,
    );
    let written = write_reports(&record, &out)?;
    eprintln!(
        "wrote {}",
        written
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    print_counts(&record.campaigns, "programs");
    println!("{}", campaign.last_line());
    if new_kinds > 0 {
        eprintln!("{new_kinds} kind(s) of divergence the expectations do not list");
        return Err(Failure::Unexpected);
    }
    Ok(())
}

/// `cargo xtask repro` of a `fuzz wasi` bundle: the case made again from
/// its seed, cut to the calls and entries the bundle kept, run on the
/// oracle and on the runtime; exit status 1 while they still differ.
pub fn repro(
    manifest: &std::path::Path,
    bundle: &serde_json::Value,
    source: &RuntimeSource,
    timeout: f64,
) -> Result<(), Failure> {
    let bad = |what: &str| anyhow::anyhow!("{}: no {what}", manifest.display());
    let seed = bundle["seed"].as_u64().ok_or_else(|| bad("seed"))?;
    let name = bundle["runtime"].as_str().ok_or_else(|| bad("runtime"))?;
    let calls: Vec<usize> = bundle["calls"]
        .as_array()
        .ok_or_else(|| bad("calls"))?
        .iter()
        .filter_map(|c| c.as_u64().map(|c| c as usize))
        .collect();
    let entries: Vec<String> = bundle["entries"]
        .as_array()
        .ok_or_else(|| bad("entries"))?
        .iter()
        .filter_map(|e| e.as_str().map(String::from))
        .collect();
    let case = conformance_wasi_fuzz::rebuild(seed, &calls, &entries);
    let selection = select(&[name.to_string()], source, None)?;
    let runtime = selection
        .runtimes
        .first()
        .ok_or_else(|| anyhow::anyhow!("runtime {name} is not installed"))?;
    let scratch = tempfile::Builder::new()
        .prefix("wasi-conformance-repro-")
        .tempdir()
        .context("creating a scratch dir")?;
    let timeout = Duration::from_secs_f64(timeout.max(0.1));
    let module = conformance_wasi_fuzz::emit(&case.program);
    let oracle = ReferenceRuntime::new();
    let want = conformance_wasi_fuzz::run_case(&oracle, &case, &module, scratch.path(), timeout)
        .map_err(anyhow::Error::from)?;
    let got =
        conformance_wasi_fuzz::run_case(runtime.as_ref(), &case, &module, scratch.path(), timeout)
            .map_err(anyhow::Error::from)?;
    print!("{}", case.program.describe());
    let info = runtime.info();
    match conformance_wasi_fuzz::judge(&want, &got, &case.program) {
        Some(d) => {
            println!("{} ({}): still diverges: {d}", info.name, info.version);
            Err(Failure::Unexpected)
        }
        None => {
            println!("{} ({}): no longer diverges", info.name, info.version);
            Ok(())
        }
    }
}
