//! A campaign: seeds one after another until the time is up, each case run
//! on the oracle and on every runtime; each new kind of divergence (per
//! runtime and signature) shrunk and written as a repro bundle.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use conformance_adapters::Runtime;

use crate::case::{Case, CaseError, judge, run_case};
use crate::emit::emit;
use crate::shrink::{Bench, Shrunk, shrink};
use crate::transcript::{Difference, render_all};

/// How a campaign runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long.
    pub time: Duration,
    /// The first seed.
    pub seed: u64,
    /// Per-process limit.
    pub timeout: Duration,
    /// Candidates the shrinker may try per new kind of divergence (0: do
    /// not shrink).
    pub shrink_tries: usize,
    /// Where bundles go (`None`: counted only).
    pub out: Option<PathBuf>,
}

/// One runtime's counts.
#[derive(Debug, Clone, Default)]
pub struct RuntimeCounts {
    /// Programs run.
    pub programs: usize,
    /// Calls the oracle made in them (each compared).
    pub calls: usize,
    /// Programs on which the runtime diverged.
    pub divergent: usize,
    /// Time in the runtime's own runs.
    pub spent: Duration,
}

/// One kind of divergence: a runtime and a signature, the first case that
/// showed it, and how many did.
#[derive(Debug, Clone)]
pub struct Found {
    /// The runtime.
    pub runtime: String,
    /// What makes it this kind ([`Difference::signature`]).
    pub signature: String,
    /// The first difference, on the first case.
    pub first: Difference,
    /// Seeds that showed it (the first ones).
    pub seeds: Vec<u64>,
    /// How many programs showed it.
    pub programs: usize,
    /// How it showed, in a few words, and in how many programs: the
    /// functions and errnos under one signature ([`Difference::variant`]).
    pub variants: BTreeMap<String, usize>,
    /// The shrunk case, when shrinking ran.
    pub shrunk: Option<Shrunk>,
    /// The bundle's directory, when bundles are written.
    pub bundle: Option<PathBuf>,
    /// The oracle's transcript and the runtime's (in words), of the shrunk
    /// case when there is one.
    pub transcripts: (String, String),
}

/// What a campaign did.
#[derive(Debug, Clone, Default)]
pub struct Campaign {
    /// Programs generated (each run on every runtime).
    pub programs: usize,
    /// Calls compared, over all runtimes.
    pub calls: usize,
    /// Programs on which some runtime diverged.
    pub divergent: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Per runtime.
    pub per_runtime: BTreeMap<String, RuntimeCounts>,
    /// Each kind of divergence, in the order found.
    pub found: Vec<Found>,
}

impl Campaign {
    /// The line scripts read: `N programs, M calls, D divergences (R programs/s)`.
    pub fn last_line(&self) -> String {
        format!(
            "{} programs, {} calls, {} divergences ({:.2} programs/s)",
            self.programs,
            self.calls,
            self.divergent,
            self.programs as f64 / self.elapsed.as_secs_f64().max(1e-9)
        )
    }
}

/// Why a campaign stopped.
#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    /// The oracle could not run a case.
    #[error("seed {seed}: the oracle: {source}")]
    Oracle {
        /// The seed.
        seed: u64,
        /// Why.
        source: CaseError,
    },
    /// A bundle could not be written.
    #[error("writing {path}: {source}")]
    Write {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Run a campaign; `on_new` is told of each new kind of divergence as it
/// is found, `on_program` of the campaign so far after each program (for
/// progress lines).
pub fn run_campaign(
    oracle: &dyn Runtime,
    runtimes: &[&dyn Runtime],
    settings: &Settings,
    scratch: &Path,
    mut on_new: impl FnMut(&Found),
    mut on_program: impl FnMut(&Campaign, u64),
) -> Result<Campaign, CampaignError> {
    let started = Instant::now();
    let mut campaign = Campaign::default();
    let mut seed = settings.seed;
    while started.elapsed() < settings.time {
        let case = Case::generate(seed);
        let module = emit(&case.program);
        let want = run_case(oracle, &case, &module, scratch, settings.timeout)
            .map_err(|source| CampaignError::Oracle { seed, source })?;
        let calls = crate::transcript::parse(&want.observation.stdout.text).len();
        campaign.programs += 1;
        let mut any = false;
        for runtime in runtimes {
            let name = runtime.info().name.clone();
            let began = Instant::now();
            let got = run_case(*runtime, &case, &module, scratch, settings.timeout);
            let counts = campaign.per_runtime.entry(name.clone()).or_default();
            counts.spent += began.elapsed();
            counts.programs += 1;
            counts.calls += calls;
            campaign.calls += calls;
            let difference = match got {
                Ok(got) => judge(&want, &got, &case.program).map(|d| (d, got)),
                Err(e) => Some((
                    Difference::Exit {
                        oracle: want.observation.status.summary(),
                        runtime: format!("not run: {e}"),
                    },
                    want.clone(),
                )),
            };
            let Some((difference, got)) = difference else {
                continue;
            };
            any = true;
            counts.divergent += 1;
            let signature = difference.signature();
            if let Some(f) = campaign
                .found
                .iter_mut()
                .find(|f| f.runtime == name && f.signature == signature)
            {
                f.programs += 1;
                *f.variants.entry(difference.variant()).or_default() += 1;
                if f.seeds.len() < 20 {
                    f.seeds.push(seed);
                }
                continue;
            }
            let variants = BTreeMap::from([(difference.variant(), 1)]);
            let mut found = Found {
                runtime: name.clone(),
                signature: signature.clone(),
                first: difference,
                seeds: vec![seed],
                programs: 1,
                variants,
                shrunk: None,
                bundle: None,
                transcripts: (
                    render_all(&case.program, &want.observation.stdout.text),
                    render_all(&case.program, &got.observation.stdout.text),
                ),
            };
            if settings.shrink_tries > 0 {
                let bench = Bench {
                    runtime: *runtime,
                    oracle,
                    scratch,
                    timeout: settings.timeout,
                };
                let shrunk = shrink(
                    &case,
                    &bench,
                    &signature,
                    settings.shrink_tries,
                    // What is left of the campaign, but never less than
                    // 15 s: a kind found at the end is still cut down.
                    settings
                        .time
                        .saturating_sub(started.elapsed())
                        .max(Duration::from_secs(15)),
                );
                let small = emit(&shrunk.case.program);
                if let (Ok(w), Ok(g)) = (
                    run_case(oracle, &shrunk.case, &small, scratch, settings.timeout),
                    run_case(*runtime, &shrunk.case, &small, scratch, settings.timeout),
                ) {
                    found.transcripts = (
                        render_all(&shrunk.case.program, &w.observation.stdout.text),
                        render_all(&shrunk.case.program, &g.observation.stdout.text),
                    );
                    if let Some(d) = judge(&w, &g, &shrunk.case.program) {
                        found.first = d;
                    }
                }
                found.shrunk = Some(shrunk);
            }
            if let Some(out) = &settings.out {
                let dir = out.join("divergences").join(format!("seed-{seed}-{name}"));
                write_bundle(&dir, &case, &found, *runtime)?;
                found.bundle = Some(dir);
            }
            on_new(&found);
            campaign.found.push(found);
        }
        campaign.divergent += usize::from(any);
        campaign.elapsed = started.elapsed();
        on_program(&campaign, seed);
        seed = seed.wrapping_add(1);
    }
    campaign.elapsed = started.elapsed();
    Ok(campaign)
}

/// A bundle: the program (original and shrunk) as `.wasm` and as a
/// listing, the trees, both transcripts, and `bundle.json`, which
/// `cargo xtask repro` reads to make the case again from the seed.
fn write_bundle(
    dir: &Path,
    case: &Case,
    found: &Found,
    runtime: &dyn Runtime,
) -> Result<(), CampaignError> {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|source| CampaignError::Write { path, source })
    };
    std::fs::create_dir_all(dir).map_err(|source| CampaignError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    write("program.wasm", &emit(&case.program))?;
    write("program.txt", case.program.describe().as_bytes())?;
    write("tree.txt", case.tree.describe().as_bytes())?;
    let small = found.shrunk.as_ref().map(|s| &s.case).unwrap_or(case);
    if let Some(shrunk) = &found.shrunk {
        write("shrunk.wasm", &emit(&shrunk.case.program))?;
        write(
            "shrunk-program.txt",
            shrunk.case.program.describe().as_bytes(),
        )?;
        write("shrunk-tree.txt", shrunk.case.tree.describe().as_bytes())?;
    }
    write("oracle.txt", found.transcripts.0.as_bytes())?;
    write(
        &format!("{}.txt", found.runtime),
        found.transcripts.1.as_bytes(),
    )?;
    let info = runtime.info();
    let calls: Vec<usize> = found
        .shrunk
        .as_ref()
        .map(|s| s.calls.clone())
        .unwrap_or_else(|| (0..case.program.calls.len()).collect());
    let entries: Vec<&str> = small.tree.entries.iter().map(|e| e.path.as_str()).collect();
    let manifest = serde_json::json!({
        "kind": "wasi",
        "seed": case.seed,
        "runtime": info.name,
        "version": info.version,
        "signature": found.signature,
        "difference": found.first.to_string(),
        "calls": calls,
        "entries": entries,
        "calls_left": small.program.calls.len(),
        "variants": found.variants,
    });
    let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    write("bundle.json", json.as_bytes())
}
