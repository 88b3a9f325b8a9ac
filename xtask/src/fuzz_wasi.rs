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
use crate::fuzz::{CampaignArgs, Prepared, campaign_record, load_known, subjects, write_campaign};
use crate::runtimes::{RuntimeSource, select};

/// The suite's name in run records and expectations.
pub const SUITE: &str = "wasi-fuzz";

#[derive(clap::Args)]
pub struct WasiArgs {
    #[command(flatten)]
    campaign: CampaignArgs,
    /// Candidates the shrinker may try per new kind of divergence (each
    /// runs the oracle and the runtime once; 0: do not shrink).
    #[arg(long, default_value_t = 150, value_name = "N")]
    shrink_tries: usize,
}

pub fn run(args: &WasiArgs) -> Result<(), Failure> {
    let Prepared {
        out,
        selection,
        timeout,
    } = args.campaign.prepare("wasi")?;
    let subjects = subjects(&selection.runtimes)?;
    let known = load_known(subjects.iter().map(|r| r.info().name.as_str()))?;
    let known_reason = |f: &Found| {
        known.get(&f.runtime).and_then(|e: &Expectations| {
            e.get(SUITE, &f.signature)
                .filter(|k| k.outcome == ExpectedOutcome::Fail)
                .map(|k| k.reason.clone())
        })
    };
    let settings = Settings {
        time: args.campaign.time,
        seed: args.campaign.seed,
        timeout,
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
        args.campaign.seed,
        humantime::format_duration(args.campaign.time)
    );
    let started_at = std::time::SystemTime::now();
    let mut last_progress = std::time::Instant::now();
    let campaign = run_campaign(
        &oracle,
        &subjects,
        &settings,
        scratch.path(),
        |f| {
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
        },
        |so_far, seed| {
            if last_progress.elapsed() >= Duration::from_secs(60) {
                last_progress = std::time::Instant::now();
                eprintln!(
                    "{} / {}: seed {seed}, {}",
                    humantime::format_duration(Duration::from_secs(so_far.elapsed.as_secs())),
                    humantime::format_duration(args.campaign.time),
                    so_far.last_line()
                );
            }
        },
    )
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
                        "{} program(s); {} call(s) after shrinking; seen as {}",
                        f.programs,
                        f.shrunk.as_ref().map_or(0, |s| s.case.program.calls.len()),
                        f.variants
                            .iter()
                            .map(|(v, n)| format!("{v} ({n})"))
                            .collect::<Vec<_>>()
                            .join("; ")
                    ),
                ],
                known_issue: known,
                expected: None,
                observation: None,
                script: None,
                command: Vec::new(),
                flaky: None,
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
    write_campaign(&record, &out, "programs")?;
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

#[derive(clap::Args)]
pub struct PromoteArgs {
    /// A bundle written by `fuzz wasi` (target/fuzz/wasi/divergences/seed-N-RUNTIME).
    bundle: PathBuf,
    /// The case's name (default: FUNCTION_fuzz_seedN, after the call that
    /// differed).
    #[arg(long)]
    name: Option<String>,
    /// Why the runtimes fail it, starting with its class, as expectations
    /// give it ("runtime bug: ...", "spec ambiguity: ..."); each failing
    /// runtime's entry adds how it differed.
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
    /// The case exists already: write its program, expectation and
    /// fixture again (after the generator or the emitter changed), and
    /// leave the expectations files alone (the runtimes that fail it are
    /// printed, to check them against).
    #[arg(long)]
    refresh: bool,
    #[command(flatten)]
    runtimes: RuntimeSource,
}

/// `cargo xtask promote BUNDLE`.
pub fn promote(args: &PromoteArgs) -> anyhow::Result<()> {
    let manifest = args.bundle.join("bundle.json");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let bundle: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a bundle manifest", manifest.display()))?;
    if bundle["kind"] != "wasi" {
        anyhow::bail!(
            "{}: not a `fuzz wasi` bundle (only those become WASI suite cases)",
            manifest.display()
        );
    }
    let bad = |what: &str| anyhow::anyhow!("{}: no {what}", manifest.display());
    let seed = bundle["seed"].as_u64().ok_or_else(|| bad("seed"))?;
    let runtime = bundle["runtime"].as_str().ok_or_else(|| bad("runtime"))?;
    let signature = bundle["signature"]
        .as_str()
        .ok_or_else(|| bad("signature"))?;
    let numbers = |key: &str| -> Vec<usize> {
        bundle[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_u64().map(|v| v as usize))
            .collect()
    };
    let entries: Vec<String> = bundle["entries"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e.as_str().map(String::from))
        .collect();
    let mut case = conformance_wasi_fuzz::rebuild(seed, &numbers("calls"), &entries);
    case.tree = case.tree.keepable();
    let function = signature.split(':').next().unwrap_or("wasi").trim();
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| format!("{function}_fuzz_seed{seed}"));
    let scratch = tempfile::Builder::new()
        .prefix("wasi-conformance-promote-")
        .tempdir()
        .context("creating a scratch dir")?;
    let module = conformance_wasi_fuzz::emit(&case.program);
    let oracle = conformance_wasi_fuzz::run_case(
        &ReferenceRuntime::new(),
        &case,
        &module,
        scratch.path(),
        Duration::from_secs(10),
    )?;
    let promoted = conformance_wasi_fuzz::promote(&case, &oracle, &name)?;
    // Every installed runtime runs the case as promoted (the fixture may
    // differ from the shrunk tree: `.keep`); each that differs from the
    // oracle is listed as failing it.
    let selection = select(&["all".to_string()], &args.runtimes, None)?;
    let mut failing = Vec::new();
    for rt in subjects(&selection.runtimes)? {
        let got = conformance_wasi_fuzz::run_case(
            rt,
            &case,
            &module,
            scratch.path(),
            Duration::from_secs(10),
        )?;
        if let Some(d) = conformance_wasi_fuzz::judge(&oracle, &got, &case.program) {
            failing.push((rt.info().name.clone(), d.to_string()));
        }
    }
    if !failing.iter().any(|(name, _)| name == runtime) {
        eprintln!("warning: {runtime} no longer diverges on the case as promoted");
    }
    let tests = conformance_suites::wasi_suite_dir().join("tests");
    let wat_path = tests.join(format!("{name}.wat"));
    let fixture = tests.join(format!("{name}.dir"));
    match (wat_path.exists(), args.refresh) {
        (true, false) => anyhow::bail!(
            "{} exists already: give another --name, or --refresh to write it again",
            wat_path.display()
        ),
        (false, true) => anyhow::bail!(
            "{} does not exist: --refresh writes an existing case again",
            wat_path.display()
        ),
        (true, true) if fixture.exists() => std::fs::remove_dir_all(&fixture)
            .with_context(|| format!("removing {}", fixture.display()))?,
        _ => {}
    }
    std::fs::create_dir(&fixture).with_context(|| format!("creating {}", fixture.display()))?;
    promoted
        .fixture
        .materialize(&fixture)
        .with_context(|| format!("building {}", fixture.display()))?;
    std::fs::write(&wat_path, &promoted.wat)
        .with_context(|| format!("writing {}", wat_path.display()))?;
    let json_path = tests.join(format!("{name}.json"));
    std::fs::write(&json_path, &promoted.json)
        .with_context(|| format!("writing {}", json_path.display()))?;
    let layout = conformance_suites::build::SuiteLayout {
        root: conformance_suites::wasi_suite_dir(),
    };
    let compilers = conformance_suites::build::Compilers {
        clang: "clang".into(),
        rustc: "/usr/bin/rustc".into(),
        zig_python: "python3".into(),
        asc_node_modules: "node_modules".into(),
    };
    conformance_suites::build::build_suite(&layout, &compilers, false)?;
    for (name, d) in failing.iter().filter(|_| !args.refresh) {
        let path = expectations_dir().join(format!("{name}.toml"));
        let entry = format!(
            "\n[[expected]]\nsuite = \"wasi\"\ncase = \"{}\"\noutcome = \"fail\"\nreason = {}\n",
            promoted.name,
            serde_json::to_string(&match &args.reason {
                Some(why) =>
                    format!("{why} (found by `cargo xtask fuzz wasi`, seed {seed}; here: {d})"),
                None =>
                    format!("found by `cargo xtask fuzz wasi` (seed {seed}, on {runtime}): {d}"),
            })?
        );
        let mut listed = std::fs::read_to_string(&path).unwrap_or_default();
        listed.push_str(&entry);
        std::fs::write(&path, listed).with_context(|| format!("writing {}", path.display()))?;
    }
    println!(
        "promoted seed {seed} as {name}: {}, {}, {}/ ({} call(s), {} entr(y/ies))",
        wat_path.display(),
        json_path.display(),
        fixture.display(),
        case.program.calls.len(),
        case.tree.entries.len(),
    );
    for (name, d) in &failing {
        println!("  listed as failing for {name}: {d}");
    }
    println!("check it: cargo xtask conformance --suite wasi --filter {name}");
    Ok(())
}
