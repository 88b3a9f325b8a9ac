//! `cargo xtask fuzz smith`: a time-boxed, reproducible differential
//! campaign. Each seed gives a wasm-smith module; the reference runtime's
//! answers for its calls become a spec script, which every runtime under
//! test runs through probes. The work is in `conformance-differential`.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use conformance_adapters::{ProbeCache, Runtime};
use conformance_differential::{Divergence, Proposals, module_text, run_seed, shrink};
use conformance_suites::{Expectations, ExpectedOutcome, expectations_dir};

use crate::Failure;
use crate::output::check_writable;
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
    /// repro`). Exit status 1 when a runtime diverged in a way its
    /// expectations do not list (`suite = "smith"`, `case = "KIND: HOW"`,
    /// e.g. "assert_return: wrong result").
    Smith(SmithArgs),
}

#[derive(clap::Args)]
pub struct SmithArgs {
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
    time: Duration,
    /// The first seed; seeds follow one by one, so a campaign is repeated
    /// by giving the same seed.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Where divergent cases go (default: target/fuzz/smith).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Candidates wasm-shrink may try per new kind of divergence (0: do not
    /// shrink). The smallest module that still diverges the same way is
    /// written beside the original (shrunk.wasm, shrunk.wat, shrunk.wast).
    #[arg(long, default_value_t = 200, value_name = "N")]
    shrink_attempts: u32,
    /// Per-process wall-clock limit, in seconds; a runtime cut there is a
    /// poisoned outcome, not a divergence.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    timeout: f64,
    #[command(flatten)]
    runtimes: RuntimeSource,
}

/// Run a `fuzz` subcommand.
pub fn run(command: &Command) -> Result<(), Failure> {
    match command {
        Command::Smith(args) => smith(args),
    }
}

fn smith(args: &SmithArgs) -> Result<(), Failure> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        return Err(anyhow::anyhow!("--timeout must be a positive number of seconds").into());
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| conformance_adapters::workspace_root().join("target/fuzz/smith"));
    check_writable(&out)?;
    let selection = select(&args.runtime, &args.runtimes, None)?;
    for skipped in &selection.skipped {
        eprintln!("not running {}: {}", skipped.name, skipped.reason);
    }
    // The oracle is not its own subject, and runtimes without WASI cannot
    // run probes.
    let subjects: Vec<&dyn Runtime> = selection
        .runtimes
        .iter()
        .map(|r| r.as_ref())
        .filter(|r| r.info().name != "reference" && r.info().capabilities.wasi)
        .collect();
    if subjects.is_empty() {
        return Err(anyhow::anyhow!(
            "no runtime to compare: name one that runs WASI commands (wasmtime, wasmer, wasmi, node, wasmedge, wamr, wazero)"
        )
        .into());
    }
    // Each runtime gets modules with every proposal it passed in the
    // measured spec matrix: runtimes that passed the same ones share
    // modules (one module per group and seed).
    let mut groups: std::collections::BTreeMap<Proposals, Vec<&dyn Runtime>> =
        std::collections::BTreeMap::new();
    for runtime in &subjects {
        groups
            .entry(Proposals::shared_by([runtime.info().name.as_str()]))
            .or_default()
            .push(*runtime);
    }
    for (proposals, members) in &groups {
        let names: Vec<&str> = members.iter().map(|r| r.info().name.as_str()).collect();
        eprintln!("{}: {proposals:?}", names.join(", "));
    }
    eprintln!(
        "comparing with the reference from seed {} for {}",
        args.seed,
        humantime::format_duration(args.time)
    );
    let scratch = tempfile::Builder::new()
        .prefix("wasi-conformance-smith-")
        .tempdir()
        .context("creating a scratch dir")?;
    let cache = ProbeCache::default();
    let timeout = Duration::from_secs_f64(args.timeout);
    let started = Instant::now();
    // Known divergences: `suite = "smith"` entries in the runtime's
    // expectations, by kind of difference (`case = "assert_return: wrong
    // result"`). A campaign fails only on a divergence not listed.
    let mut known = std::collections::BTreeMap::new();
    for runtime in &subjects {
        let name = runtime.info().name.clone();
        let expectations =
            Expectations::load(&expectations_dir(), &name).map_err(anyhow::Error::from)?;
        known.insert(name, expectations);
    }
    let is_known = |d: &Divergence| {
        known.get(&d.runtime).is_some_and(|e: &Expectations| {
            e.get("smith", &smith_case(d))
                .is_some_and(|k| k.outcome == ExpectedOutcome::Fail)
        })
    };
    let mut new_divergent = 0usize;
    // Per runtime: modules, calls compared, poisoned, divergent modules,
    // time in its probes.
    let mut per_runtime: std::collections::BTreeMap<
        String,
        (usize, usize, usize, usize, Duration),
    > = std::collections::BTreeMap::new();
    let (mut modules, mut calls, mut poisoned, mut divergent) = (0usize, 0usize, 0usize, 0usize);
    let mut signatures = BTreeSet::new();
    let mut seed = args.seed;
    'seeds: while started.elapsed() < args.time {
        for (proposals, members) in &groups {
            if started.elapsed() >= args.time {
                break 'seeds;
            }
            let case = match run_seed(
                seed,
                proposals,
                members,
                scratch.path(),
                timeout,
                Some(&cache),
            ) {
                Ok(case) => case,
                Err(e) => {
                    eprintln!("{e}");
                    continue;
                }
            };
            modules += 1;
            calls += case.calls;
            poisoned += case.poisoned;
            for (name, compared, set_aside, spent) in &case.per_runtime {
                let row = per_runtime.entry(name.clone()).or_default();
                row.0 += 1;
                row.1 += compared;
                row.2 += set_aside;
                row.3 += usize::from(case.divergences.iter().any(|d| &d.runtime == name));
                row.4 += *spent;
            }
            if !case.divergences.is_empty() {
                divergent += 1;
                new_divergent += usize::from(!case.divergences.iter().all(is_known));
                let group = members
                    .iter()
                    .map(|r| r.info().name.as_str())
                    .collect::<Vec<_>>()
                    .join("+");
                let dir = out.join("divergences").join(format!("seed-{seed}-{group}"));
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
                std::fs::write(dir.join("module.wasm"), &case.module)
                    .with_context(|| format!("writing {}", dir.display()))?;
                std::fs::write(dir.join("case.wast"), &case.wast)
                    .with_context(|| format!("writing {}", dir.display()))?;
                std::fs::write(dir.join("module.wat"), module_text(&case.module))
                    .with_context(|| format!("writing {}", dir.display()))?;
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
                    // One line per kind of divergence, not per case.
                    if !signatures.insert(d.signature()) {
                        continue;
                    }
                    println!(
                        "{} divergence: {} seed {seed}: {} ({}) — {}",
                        if is_known(d) { "known" } else { "new" },
                        d.runtime,
                        d.first.message,
                        d.first.kind,
                        dir.display()
                    );
                    let Some(runtime) = members.iter().find(|r| r.info().name == d.runtime) else {
                        continue;
                    };
                    if args.shrink_attempts == 0 {
                        continue;
                    }
                    match shrink(
                        &case.module,
                        seed,
                        *runtime,
                        d,
                        scratch.path(),
                        timeout,
                        args.shrink_attempts,
                    ) {
                        Ok(shrunk) => {
                            let write = |name: &str, bytes: &[u8]| {
                                std::fs::write(dir.join(name), bytes).with_context(|| {
                                    format!("writing {}", dir.join(name).display())
                                })
                            };
                            write("shrunk.wasm", &shrunk.module)?;
                            write("shrunk.wat", module_text(&shrunk.module).as_bytes())?;
                            write("shrunk.wast", shrunk.wast.as_bytes())?;
                            eprintln!(
                                "  shrunk {} -> {} bytes; {} still: {} (expected {}, observed {})",
                                case.module.len(),
                                shrunk.module.len(),
                                d.runtime,
                                shrunk.divergence.first.message,
                                shrunk.divergence.first.expected.as_deref().unwrap_or("-"),
                                shrunk.divergence.first.observed.as_deref().unwrap_or("-"),
                            );
                        }
                        Err(e) => eprintln!("  {e}"),
                    }
                }
                text.push_str(&format!(
                "seed {seed}; replay: cargo xtask fuzz smith --runtime {} --seed {seed} --time 1s\n",
                case.divergences
                    .iter()
                    .map(|d| d.runtime.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            ));
                std::fs::write(dir.join("divergence.txt"), text)
                    .with_context(|| format!("writing {}", dir.display()))?;
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
                            "line": d.first.line,
                            "kind": d.first.kind,
                            "message": d.first.message,
                            "expected": d.first.expected,
                            "observed": d.first.observed,
                        })
                    }).collect::<Vec<_>>(),
                });
                std::fs::write(
                    dir.join("bundle.json"),
                    serde_json::to_string_pretty(&bundle).unwrap_or_default(),
                )
                .with_context(|| format!("writing {}", dir.display()))?;
            }
        }
        seed = seed.wrapping_add(1);
    }
    for (name, (m, c, p, d, spent)) in &per_runtime {
        println!(
            "{name}: {m} modules, {c} calls, {p} poisoned ({:.1}%), {d} divergent modules, {:.1} modules/s in its own processes",
            100.0 * *p as f64 / (*c + *p).max(1) as f64,
            *m as f64 / spent.as_secs_f64().max(1e-9)
        );
    }
    let rate = modules as f64 / started.elapsed().as_secs_f64().max(1e-9);
    println!(
        "{modules} modules, {calls} calls, {poisoned} poisoned, {divergent} divergences ({rate:.2} modules/s)"
    );
    if new_divergent > 0 {
        eprintln!(
            "{new_divergent} of the divergent modules show a divergence the expectations do not list"
        );
        return Err(Failure::Unexpected);
    }
    Ok(())
}

/// How a divergence is named in the expectations (`suite = "smith"`):
/// the kind of directive and how it differed.
fn smith_case(d: &Divergence) -> String {
    format!("{}: {}", d.first.kind, d.first.message)
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
