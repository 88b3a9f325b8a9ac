//! `cargo xtask fuzz smith`: a time-boxed, reproducible differential
//! campaign. Each seed gives a wasm-smith module; the reference runtime's
//! answers for its calls become a spec script, which every runtime under
//! test runs through probes. The work is in `conformance-differential`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use conformance_adapters::{ProbeCache, Runtime};
use conformance_differential::{
    CaseOutcome, Divergence, Proposals, Signature, module_text, run_seed, shrink, transcripts,
};
use conformance_harness::{
    CampaignStats, CaseResult, DivergenceDetail, HostInfo, RunOptions, RunRecord, Verdict,
};
use conformance_suites::{Expectations, ExpectedOutcome, expectations_dir};

use crate::Failure;
use crate::output::{check_writable, write_reports};
use crate::runtimes::{RuntimeSource, select};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Generate wasm-smith modules and compare every runtime's results with
    /// the reference runtime's (the oracle), call by call. Prints one line per
    /// new kind of divergence, and last `N modules, M calls, P poisoned, D
    /// divergences (R modules/s)`. Each divergent case is written to
    /// OUT/divergences/seed-N-RUNTIMES/ (module.wasm and .wat; case.wast: the
    /// oracle's script, which `wasmtime wast` can replay too; the shrunk
    /// module and script; divergence.txt and bundle.json, for `cargo xtask
    /// repro`), and run.json with the reports: a `smith` suite with one
    /// result per kind of divergence. Exit status 1 when a runtime diverged
    /// in a way its expectations do not list (`suite = "smith"`, `case =
    /// "KIND: HOW (WHAT[, trap CLASS])"` as run.json names it, or the
    /// coarser "KIND: HOW", e.g. "assert_return: wrong result").
    Smith(SmithArgs),
    /// Generate file trees and preview1 call sequences over them, run each
    /// program on the reference runtime (the oracle, deterministic) and on
    /// every runtime, and compare the transcripts (one line per call: its
    /// errno and results that do not legitimately vary; errnos where
    /// wasi-testsuite or POSIX allow several match any of them), the exit
    /// status and the tree afterwards. Each new kind of divergence is cut
    /// down by delta debugging to the fewest calls and entries and bundled
    /// in OUT/divergences/seed-N-RUNTIME/ (`cargo xtask repro` replays it);
    /// OUT/run.json holds a `wasi-fuzz` suite. Ends with `N programs, M
    /// calls, D divergences (R programs/s)`. Exit status 1 on a kind the
    /// runtime's expectations do not list (`suite = "wasi-fuzz"`, `case` =
    /// the signature, e.g. "fd_seek: no result (trap (host))").
    Wasi(crate::fuzz_wasi::WasiArgs),
}

/// What every campaign takes: which runtimes, how long, from which seed,
/// where to, with which per-process limit.
#[derive(clap::Args)]
pub struct CampaignArgs {
    /// Runtimes to compare with the oracle, comma-separated (wasmtime,
    /// wasmer, wasmi, node, wasmedge, wamr, wamr-classic, wazero, one from
    /// --runtimes-file), or all (those installed). Only runtimes that run
    /// WASI commands take part.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "NAME[,NAME...]",
        required = true
    )]
    runtime: Vec<String>,
    /// How long to run: `30s`, `10m`, `1h`.
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub time: Duration,
    /// The first seed; seeds follow one by one, so a campaign is repeated
    /// by giving the same seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Where bundles and reports go (default: target/fuzz/smith or
    /// target/fuzz/wasi).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Per-process wall-clock limit, in seconds; a runtime cut there is a
    /// poisoned outcome, not a divergence.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    timeout: f64,
    #[command(flatten)]
    runtimes: RuntimeSource,
}

/// A campaign's arguments checked: the output directory writable, the
/// runtimes selected (those skipped said), the limit valid.
pub struct Prepared {
    /// Where bundles and reports go.
    pub out: PathBuf,
    /// The runtimes selected.
    pub selection: crate::runtimes::Selection,
    /// The per-process limit.
    pub timeout: Duration,
}

impl CampaignArgs {
    /// Check the arguments; `kind` names the default output directory
    /// (`target/fuzz/KIND`).
    pub fn prepare(&self, kind: &str) -> Result<Prepared, Failure> {
        if !(self.timeout > 0.0 && self.timeout.is_finite()) {
            return Err(anyhow::anyhow!("--timeout must be a positive number of seconds").into());
        }
        let out = self.out.clone().unwrap_or_else(|| {
            conformance_adapters::workspace_root()
                .join("target/fuzz")
                .join(kind)
        });
        check_writable(&out)?;
        let selection = select(&self.runtime, &self.runtimes, None)?;
        for skipped in &selection.skipped {
            eprintln!("not running {}: {}", skipped.name, skipped.reason);
        }
        Ok(Prepared {
            out,
            selection,
            timeout: Duration::from_secs_f64(self.timeout),
        })
    }
}

/// Each runtime's expectations, by name: what tells a known failure or
/// divergence from a new one.
pub fn load_known<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> anyhow::Result<BTreeMap<String, Expectations>> {
    names
        .into_iter()
        .map(|name| {
            Ok((
                name.to_string(),
                Expectations::load(&expectations_dir(), name)?,
            ))
        })
        .collect()
}

/// Write run.json and the reports into `out`, say where, and print the
/// per-runtime counts (`unit`: modules or programs).
pub fn write_campaign(record: &RunRecord, out: &Path, unit: &str) -> Result<(), Failure> {
    let written = write_reports(record, out)?;
    eprintln!(
        "wrote {}",
        written
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    print_counts(&record.campaigns, unit);
    Ok(())
}

#[derive(clap::Args)]
pub struct SmithArgs {
    #[command(flatten)]
    campaign: CampaignArgs,
    /// Candidates wasm-shrink may try per new kind of divergence (0: do not
    /// shrink). The smallest module that still diverges the same way is
    /// written beside the original (shrunk.wasm, shrunk.wat, shrunk.wast).
    #[arg(long, default_value_t = 200, value_name = "N")]
    shrink_attempts: u32,
}

/// Run a `fuzz` subcommand.
pub fn run(command: &Command) -> Result<(), Failure> {
    match command {
        Command::Smith(args) => smith(args),
        Command::Wasi(args) => crate::fuzz_wasi::run(args),
    }
}

fn smith(args: &SmithArgs) -> Result<(), Failure> {
    let Prepared {
        out,
        selection,
        timeout,
    } = args.campaign.prepare("smith")?;
    let subjects = subjects(&selection.runtimes)?;
    let settings = Settings {
        time: args.campaign.time,
        seed: args.campaign.seed,
        out: Some(out.clone()),
        shrink_attempts: args.shrink_attempts,
        timeout,
        progress: true,
    };
    let started_at = std::time::SystemTime::now();
    let campaign = run_campaign(&subjects, &settings)?;
    let record = campaign.record(&selection, &settings, started_at);
    write_campaign(&record, &out, "modules")?;
    println!("{}", campaign.last_line());
    if campaign.new_divergent > 0 {
        eprintln!(
            "{} of the divergent modules show a divergence the expectations do not list",
            campaign.new_divergent
        );
        return Err(Failure::Unexpected);
    }
    Ok(())
}

/// The runtimes a campaign compares with the oracle: not the oracle
/// itself, and only those that run WASI commands (probes need WASI).
pub fn subjects(runtimes: &[std::sync::Arc<dyn Runtime>]) -> anyhow::Result<Vec<&dyn Runtime>> {
    let subjects: Vec<&dyn Runtime> = runtimes
        .iter()
        .map(|r| r.as_ref())
        .filter(|r| r.info().name != "reference" && r.info().capabilities.wasi)
        .collect();
    if subjects.is_empty() {
        anyhow::bail!(
            "no runtime to compare: name one that runs WASI commands (wasmtime, wasmer, wasmi, node, wasmedge, wamr, wazero)"
        );
    }
    Ok(subjects)
}

/// How a campaign runs.
pub struct Settings {
    /// How long.
    pub time: Duration,
    /// The first seed.
    pub seed: u64,
    /// Where bundles go; `None`: divergences are counted, not written
    /// (benchmarks).
    pub out: Option<PathBuf>,
    /// wasm-shrink candidates per new kind of divergence.
    pub shrink_attempts: u32,
    /// Per-process limit.
    pub timeout: Duration,
    /// Print a line per new kind of divergence and a progress line.
    pub progress: bool,
}

/// One kind of divergence (one signature) and the first case that showed it.
struct Found {
    signature: Signature,
    known: Option<String>,
    bundle: PathBuf,
    seeds: Vec<u64>,
    modules: usize,
    shrunk_wat: Option<String>,
    transcripts: (String, String),
    first: Divergence,
}

/// What a campaign did.
pub struct Campaign {
    /// Modules generated and run.
    pub modules: usize,
    /// Calls compared, over all runtimes.
    pub calls: usize,
    /// Outcomes set aside.
    pub poisoned: usize,
    /// Modules on which some runtime diverged.
    pub divergent: usize,
    /// Of those, modules with a divergence the expectations do not list.
    pub new_divergent: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Per runtime.
    pub per_runtime: BTreeMap<String, CampaignStats>,
    found: Vec<Found>,
}

impl Campaign {
    /// The line scripts read: `N modules, M calls, P poisoned, D
    /// divergences (R modules/s)`.
    pub fn last_line(&self) -> String {
        format!(
            "{} modules, {} calls, {} poisoned, {} divergences ({:.2} modules/s)",
            self.modules,
            self.calls,
            self.poisoned,
            self.divergent,
            self.modules as f64 / self.elapsed.as_secs_f64().max(1e-9)
        )
    }

    /// The run record: a `smith` suite with one result per kind of
    /// divergence (`diverge`, or `xfail` when the expectations list it),
    /// and the per-runtime counts.
    fn record(
        &self,
        selection: &crate::runtimes::Selection,
        settings: &Settings,
        started_at: std::time::SystemTime,
    ) -> RunRecord {
        let results = self
            .found
            .iter()
            .map(|f| CaseResult {
                runtime: f.signature.runtime.clone(),
                suite: "smith".into(),
                case: signature_case(&f.signature),
                verdict: if f.known.is_some() {
                    Verdict::Xfail
                } else {
                    Verdict::Diverge
                },
                reasons: vec![
                    f.signature.to_string(),
                    format!(
                        "first at line {} of seed {}'s script: expected {}, observed {}",
                        f.first.first.line,
                        f.seeds.first().copied().unwrap_or_default(),
                        f.first.first.expected.as_deref().unwrap_or("-"),
                        f.first.first.observed.as_deref().unwrap_or("-"),
                    ),
                    format!(
                        "{} module(s); replay: cargo xtask repro {}",
                        f.modules,
                        f.bundle.display()
                    ),
                ],
                known_issue: f.known.clone(),
                expected: None,
                observation: None,
                script: None,
                command: Vec::new(),
                flaky: None,
                divergence: Some(DivergenceDetail {
                    bundle: f.bundle.display().to_string(),
                    seeds: f.seeds.clone(),
                    modules: f.modules,
                    shrunk_wat: f.shrunk_wat.clone(),
                    oracle_transcript: f.transcripts.0.clone(),
                    runtime_transcript: f.transcripts.1.clone(),
                }),
            })
            .collect();
        campaign_record(
            "smith",
            selection,
            settings.timeout,
            self.elapsed,
            started_at,
            results,
            self.per_runtime.values().cloned().collect(),
        )
    }
}

/// The run record of a campaign (`suite`: `smith`, `wasi-fuzz`): its
/// results, one per kind of divergence, and its per-runtime counts.
pub fn campaign_record(
    suite: &str,
    selection: &crate::runtimes::Selection,
    timeout: Duration,
    elapsed: Duration,
    started_at: std::time::SystemTime,
    results: Vec<CaseResult>,
    campaigns: Vec<CampaignStats>,
) -> RunRecord {
    RunRecord {
        schema_version: conformance_harness::SCHEMA_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        started_at: humantime::format_rfc3339_seconds(started_at).to_string(),
        duration_ms: elapsed.as_secs_f64() * 1000.0,
        host: HostInfo::current(),
        options: RunOptions {
            jobs: 1,
            timeout_ms: timeout.as_millis() as u64,
            output_cap: 0,
            filter: None,
            suites: vec![suite.into()],
            shards: Vec::new(),
            repeat: 1,
        },
        runtimes: selection
            .runtimes
            .iter()
            .filter(|r| campaigns.iter().any(|c| c.runtime == r.info().name))
            .map(|r| r.info().clone())
            .collect(),
        skipped_runtimes: selection.skipped.clone(),
        results,
        campaigns,
        interrupted: false,
        baseline: None,
    }
}

/// Print the per-runtime counts and the campaign's last line.
pub fn print_counts(campaigns: &[CampaignStats], unit: &str) {
    for stats in campaigns {
        println!(
            "{}: {} {unit}, {} calls, {} poisoned ({:.1}%), {} divergent {unit}, {:.1} {unit}/s in its own processes",
            stats.runtime,
            stats.modules,
            stats.calls,
            stats.poisoned,
            stats.poisoned_percent(),
            stats.divergent_modules,
            stats.modules_per_second()
        );
    }
}

/// Run seeds from `settings.seed` on `subjects` until the time is up.
pub fn run_campaign(subjects: &[&dyn Runtime], settings: &Settings) -> anyhow::Result<Campaign> {
    // Each runtime gets modules with every proposal it passed in the
    // measured spec matrix: runtimes that passed the same ones share
    // modules (one module per group and seed).
    let mut groups: BTreeMap<Proposals, Vec<&dyn Runtime>> = BTreeMap::new();
    for runtime in subjects {
        groups
            .entry(Proposals::shared_by([runtime.info().name.as_str()]))
            .or_default()
            .push(*runtime);
    }
    if settings.progress {
        for (proposals, members) in &groups {
            let names: Vec<&str> = members.iter().map(|r| r.info().name.as_str()).collect();
            eprintln!("{}: {proposals:?}", names.join(", "));
        }
        eprintln!(
            "comparing with the reference from seed {} for {}",
            settings.seed,
            humantime::format_duration(settings.time)
        );
    }
    let scratch = tempfile::Builder::new()
        .prefix("wasi-conformance-smith-")
        .tempdir()
        .context("creating a scratch dir")?;
    let cache = ProbeCache::default();
    // Known divergences: `suite = "smith"` entries in the runtime's
    // expectations, by kind of difference (`case = "assert_return: wrong
    // result"`). A campaign fails only on a divergence not listed.
    let known = load_known(subjects.iter().map(|r| r.info().name.as_str()))?;
    let known_reason = |d: &Divergence| {
        known.get(&d.runtime).and_then(|e: &Expectations| {
            e.get("smith", &signature_case(&d.signature()))
                .or_else(|| e.get("smith", &smith_case(d)))
                .filter(|k| k.outcome == ExpectedOutcome::Fail)
                .map(|k| k.reason.clone())
        })
    };
    let mut campaign = Campaign {
        modules: 0,
        calls: 0,
        poisoned: 0,
        divergent: 0,
        new_divergent: 0,
        elapsed: Duration::ZERO,
        per_runtime: BTreeMap::new(),
        found: Vec::new(),
    };
    let started = Instant::now();
    let mut last_progress = Instant::now();
    let mut seed = settings.seed;
    'seeds: while started.elapsed() < settings.time {
        for (proposals, members) in &groups {
            if started.elapsed() >= settings.time {
                break 'seeds;
            }
            let case = match run_seed(
                seed,
                proposals,
                members,
                scratch.path(),
                settings.timeout,
                Some(&cache),
            ) {
                Ok(case) => case,
                Err(e) => {
                    eprintln!("{e}");
                    continue;
                }
            };
            campaign.modules += 1;
            campaign.calls += case.calls;
            campaign.poisoned += case.poisoned;
            for (name, compared, set_aside, spent) in &case.per_runtime {
                let row =
                    campaign
                        .per_runtime
                        .entry(name.clone())
                        .or_insert_with(|| CampaignStats {
                            runtime: name.clone(),
                            suite: "smith".into(),
                            modules: 0,
                            calls: 0,
                            poisoned: 0,
                            divergent_modules: 0,
                            seconds: 0.0,
                        });
                row.modules += 1;
                row.calls += compared;
                row.poisoned += set_aside;
                row.divergent_modules +=
                    usize::from(case.divergences.iter().any(|d| &d.runtime == name));
                row.seconds += spent.as_secs_f64();
            }
            if !case.divergences.is_empty() {
                campaign.divergent += 1;
                campaign.new_divergent +=
                    usize::from(!case.divergences.iter().all(|d| known_reason(d).is_some()));
                let Some(out) = &settings.out else { continue };
                let group = members
                    .iter()
                    .map(|r| r.info().name.as_str())
                    .collect::<Vec<_>>()
                    .join("+");
                let dir = out.join("divergences").join(format!("seed-{seed}-{group}"));
                write_bundle(&dir, seed, &case, members)?;
                for d in &case.divergences {
                    let signature = d.signature();
                    if let Some(f) = campaign.found.iter_mut().find(|f| f.signature == signature) {
                        f.modules += 1;
                        if f.seeds.len() < 20 {
                            f.seeds.push(seed);
                        }
                        continue;
                    }
                    // A new kind of divergence: say so, shrink it.
                    let known = known_reason(d);
                    if settings.progress {
                        println!(
                            "{} divergence: seed {seed}: {signature} — {}",
                            if known.is_some() { "known" } else { "new" },
                            dir.display()
                        );
                    }
                    let mut found = Found {
                        signature,
                        known,
                        bundle: dir.clone(),
                        seeds: vec![seed],
                        modules: 1,
                        shrunk_wat: None,
                        transcripts: transcripts(&case.wast, &d.failures),
                        first: d.clone(),
                    };
                    let runtime = members.iter().find(|r| r.info().name == d.runtime);
                    if let (Some(runtime), true) = (runtime, settings.shrink_attempts > 0) {
                        match shrink(
                            &case.module,
                            seed,
                            *runtime,
                            d,
                            scratch.path(),
                            settings.timeout,
                            settings.shrink_attempts,
                        ) {
                            Ok(shrunk) => {
                                let wat = module_text(&shrunk.module);
                                write_file(&dir.join("shrunk.wasm"), &shrunk.module)?;
                                write_file(&dir.join("shrunk.wat"), wat.as_bytes())?;
                                write_file(&dir.join("shrunk.wast"), shrunk.wast.as_bytes())?;
                                write_manifest(&dir, seed, &case, members)?;
                                eprintln!(
                                    "  shrunk {} -> {} bytes; {} still: {} (expected {}, observed {})",
                                    case.module.len(),
                                    shrunk.module.len(),
                                    d.runtime,
                                    shrunk.divergence.first.message,
                                    shrunk.divergence.first.expected.as_deref().unwrap_or("-"),
                                    shrunk.divergence.first.observed.as_deref().unwrap_or("-"),
                                );
                                found.transcripts =
                                    transcripts(&shrunk.wast, &shrunk.divergence.failures);
                                found.shrunk_wat = Some(wat);
                            }
                            Err(e) => eprintln!("  {e}"),
                        }
                    }
                    campaign.found.push(found);
                }
            }
            if settings.progress && last_progress.elapsed() >= Duration::from_secs(60) {
                last_progress = Instant::now();
                eprintln!(
                    "{} / {}: seed {seed}, {}",
                    humantime::format_duration(Duration::from_secs(started.elapsed().as_secs())),
                    humantime::format_duration(settings.time),
                    campaign.last_line()
                );
            }
        }
        seed = seed.wrapping_add(1);
        campaign.elapsed = started.elapsed();
    }
    campaign.elapsed = started.elapsed();
    Ok(campaign)
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

/// A divergent case's bundle: the module (binary and text), the oracle's
/// script, what each runtime did (divergence.txt) and the manifest
/// `cargo xtask repro` reads (bundle.json).
fn write_bundle(
    dir: &Path,
    seed: u64,
    case: &CaseOutcome,
    members: &[&dyn Runtime],
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    write_file(&dir.join("module.wasm"), &case.module)?;
    write_file(&dir.join("case.wast"), case.wast.as_bytes())?;
    write_file(
        &dir.join("module.wat"),
        module_text(&case.module).as_bytes(),
    )?;
    let mut text = String::new();
    for d in &case.divergences {
        let version = members
            .iter()
            .find(|r| r.info().name == d.runtime)
            .map(|r| r.info().version.clone())
            .unwrap_or_default();
        text.push_str(&format!(
            "{} ({version}): {} directive(s) differ; first: line {} ({}): {}; expected {}, observed {}\n",
            d.runtime,
            d.count,
            d.first.line,
            d.first.kind,
            d.first.message,
            d.first.expected.as_deref().unwrap_or("-"),
            d.first.observed.as_deref().unwrap_or("-"),
        ));
    }
    text.push_str(&format!(
        "seed {seed}; replay: cargo xtask repro {} (or cargo xtask fuzz smith --runtime {} --seed {seed} --time 1s)\n",
        dir.display(),
        case.divergences
            .iter()
            .map(|d| d.runtime.as_str())
            .collect::<Vec<_>>()
            .join(",")
    ));
    write_file(&dir.join("divergence.txt"), text.as_bytes())?;
    write_manifest(dir, seed, case, members)
}

/// bundle.json: the seed, the script to replay (the shrunk one once there
/// is one), and each divergent runtime's version, binary and observation.
fn write_manifest(
    dir: &Path,
    seed: u64,
    case: &CaseOutcome,
    members: &[&dyn Runtime],
) -> anyhow::Result<()> {
    let bundle = serde_json::json!({
        "seed": seed,
        "module": "module.wasm",
        "script": if dir.join("shrunk.wast").exists() { "shrunk.wast" } else { "case.wast" },
        "runtimes": case.divergences.iter().map(|d| {
            let info = members.iter().find(|r| r.info().name == d.runtime).map(|r| r.info());
            serde_json::json!({
                "name": d.runtime,
                "version": info.map(|i| i.version.clone()),
                "binary": info.and_then(|i| i.binary.clone()),
                "signature": d.signature().to_string(),
                "export": d.export,
                "line": d.first.line,
                "kind": d.first.kind,
                "message": d.first.message,
                "expected": d.first.expected,
                "observed": d.first.observed,
            })
        }).collect::<Vec<_>>(),
    });
    let text = serde_json::to_string_pretty(&bundle).context("encoding bundle.json")?;
    write_file(&dir.join("bundle.json"), text.as_bytes())
}

/// How a divergence is named in the expectations (`suite = "smith"`):
/// the kind of directive and how it differed.
fn smith_case(d: &Divergence) -> String {
    format!("{}: {}", d.first.kind, d.first.message)
}

/// The name of a kind of divergence in the run record: its signature
/// without the runtime (`assert_return: wrong result (global)`).
fn signature_case(s: &Signature) -> String {
    let mut case = format!("{}: {} ({}", s.kind, s.message, s.compared);
    if let Some(trap) = &s.trap {
        case.push_str(&format!(", trap {trap}"));
    }
    case.push(')');
    case
}

#[derive(clap::Args)]
pub struct ReproArgs {
    /// A divergence bundle: a directory written by `fuzz smith`
    /// (`target/fuzz/smith/divergences/seed-N`).
    bundle: PathBuf,
    /// Per-process wall-clock limit, in seconds.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    timeout: f64,
    #[command(flatten)]
    runtimes: RuntimeSource,
}

/// `cargo xtask repro BUNDLE`: run the bundle's script (the shrunk one when
/// there is one) on the runtimes that diverged, and say for each whether it
/// still does. Exit status 1 while any still diverges.
pub fn repro(args: &ReproArgs) -> Result<(), Failure> {
    let manifest = args.bundle.join("bundle.json");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let bundle: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a bundle manifest", manifest.display()))?;
    if bundle["kind"] == "wasi" {
        return crate::fuzz_wasi::repro(&manifest, &bundle, &args.runtimes, args.timeout);
    }
    let script_name = bundle["script"].as_str().unwrap_or("case.wast");
    let script_path = args.bundle.join(script_name);
    let wast = std::fs::read_to_string(&script_path)
        .with_context(|| format!("reading {}", script_path.display()))?;
    let names: Vec<String> = bundle["runtimes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        return Err(anyhow::anyhow!("{}: names no runtime", manifest.display()).into());
    }
    let selection = select(&names, &args.runtimes, None)?;
    let scratch = tempfile::Builder::new()
        .prefix("wasi-conformance-repro-")
        .tempdir()
        .context("creating a scratch dir")?;
    let timeout = Duration::from_secs_f64(args.timeout.max(0.1));
    let mut still = 0;
    for runtime in &selection.runtimes {
        let info = runtime.info();
        match conformance_differential::replay(
            runtime.as_ref(),
            &script_path.display().to_string(),
            &wast,
            scratch.path(),
            timeout,
        ) {
            Some(d) => {
                still += 1;
                println!(
                    "{} ({}): still diverges at line {}: {} (expected {}, observed {})",
                    info.name,
                    info.version,
                    d.first.line,
                    d.first.message,
                    d.first.expected.as_deref().unwrap_or("-"),
                    d.first.observed.as_deref().unwrap_or("-"),
                );
            }
            None => println!("{} ({}): no longer diverges", info.name, info.version),
        }
    }
    if still > 0 {
        return Err(Failure::Unexpected);
    }
    Ok(())
}
