//! Turning runtime names from the command line into runnable runtimes, and
//! the `runtimes` listing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::bail;
use conformance_adapters::{CliRuntime, CliSpec, Discovery, OpenError, Runtime, builtin_specs};
use conformance_harness::SkippedRuntime;

/// `NAME=PATH`, for `--runtime-path`.
pub fn parse_runtime_path(text: &str) -> Result<(String, PathBuf), String> {
    match text.split_once('=') {
        Some((name, path)) if !name.is_empty() && !path.is_empty() => {
            Ok((name.to_string(), path.into()))
        }
        _ => Err(format!("expected NAME=PATH, got `{text}`")),
    }
}

/// The runtimes that will run, and those asked for (implicitly) that cannot.
pub struct Selection {
    pub runtimes: Vec<Arc<dyn Runtime>>,
    pub skipped: Vec<SkippedRuntime>,
}

fn known_specs() -> Vec<CliSpec> {
    builtin_specs()
}

/// The names `--runtime` accepts.
pub fn known_names() -> Vec<String> {
    let mut names: Vec<String> = known_specs().into_iter().map(|s| s.name).collect();
    names.push("all".into());
    names
}

/// Resolve `--runtime` (None: every known runtime that is installed).
/// Naming a runtime explicitly makes its absence an error; `all` and the
/// default skip what is missing, with the reason.
pub fn select(
    requested: &[String],
    overrides: &BTreeMap<String, PathBuf>,
) -> anyhow::Result<Selection> {
    let specs = known_specs();
    let discovery = Discovery::standard(overrides.clone());
    let everything = requested.is_empty() || requested.iter().any(|r| r == "all");
    let mut wanted: Vec<CliSpec> = Vec::new();
    if everything {
        wanted = specs.clone();
    } else {
        for name in requested {
            let Some(spec) = specs.iter().find(|s| &s.name == name) else {
                bail!(
                    "unknown runtime `{name}`; known runtimes: {}",
                    known_names().join(", ")
                );
            };
            if !wanted.iter().any(|w| &w.name == name) {
                wanted.push(spec.clone());
            }
        }
    }
    let mut selection = Selection {
        runtimes: Vec::new(),
        skipped: Vec::new(),
    };
    for spec in wanted {
        let name = spec.name.clone();
        match CliRuntime::discover(spec, &discovery) {
            Ok(runtime) => selection.runtimes.push(Arc::new(runtime)),
            Err(e) if everything => selection.skipped.push(SkippedRuntime {
                name,
                reason: e.to_string(),
            }),
            Err(e) => return Err(e.into()),
        }
    }
    if selection.runtimes.is_empty() {
        let why: Vec<String> = selection.skipped.iter().map(|s| s.reason.clone()).collect();
        bail!("no runtime is installed: {}", why.join("; "));
    }
    Ok(selection)
}

#[derive(clap::Args)]
pub struct ListArgs {
    /// Use this binary for a runtime (repeatable).
    #[arg(long = "runtime-path", value_name = "NAME=PATH", value_parser = parse_runtime_path)]
    runtime_paths: Vec<(String, PathBuf)>,
}

/// Print each known runtime: installed or not, version, binary.
pub fn list(args: &ListArgs) -> anyhow::Result<()> {
    let discovery = Discovery::standard(args.runtime_paths.iter().cloned().collect());
    for spec in known_specs() {
        let name = spec.name.clone();
        match CliRuntime::discover(spec, &discovery) {
            Ok(rt) => {
                let info = rt.info();
                let binary = info
                    .binary
                    .as_ref()
                    .map(|b| b.display().to_string())
                    .unwrap_or_default();
                println!("{name:<12} installed  {:<28} {binary}", info.version);
            }
            Err(OpenError::NotFound(e)) => println!("{name:<12} missing    {e}"),
            Err(OpenError::Broken(e)) => println!("{name:<12} broken     {e}"),
        }
    }
    Ok(())
}
