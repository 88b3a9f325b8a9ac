//! Turning runtime names from the command line into runnable runtimes (the
//! built-in ones and those defined in a runtimes file), and the `runtimes`
//! listing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::bail;
use conformance_adapters::{
    CliRuntime, CliSpec, Discovery, OpenError, ReferenceRuntime, Runtime, builtin_specs,
    load_runtime_file,
};
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

/// Where runtimes and their binaries come from.
#[derive(clap::Args, Clone)]
pub struct RuntimeSource {
    /// Use this binary for a runtime (repeatable); beats $NAME and the install.
    #[arg(long = "runtime-path", value_name = "NAME=PATH", value_parser = parse_runtime_path)]
    pub runtime_paths: Vec<(String, PathBuf)>,
    /// Runtimes defined in TOML (see README); default: ./runtimes.toml when present.
    #[arg(long, value_name = "PATH")]
    pub runtimes_file: Option<PathBuf>,
    /// Start every job cold: no compilation cache. By default the runtimes
    /// that compile (wasmtime, wasmer, wazero) keep compiled modules in
    /// target/compile-cache/NAME, the project's own (never the user's HOME),
    /// shared by a run's jobs and kept for the next run.
    #[arg(long)]
    pub no_compile_cache: bool,
}

impl RuntimeSource {
    /// The built-in runtimes, then those of the runtimes file.
    pub fn specs(&self) -> anyhow::Result<Vec<CliSpec>> {
        let mut specs = builtin_specs();
        let file = match &self.runtimes_file {
            Some(file) => Some(file.clone()),
            None => Some(PathBuf::from("runtimes.toml")).filter(|p| p.is_file()),
        };
        if let Some(file) = file {
            let defined = load_runtime_file(&file, &specs)?;
            specs.extend(defined);
        }
        Ok(specs)
    }

    fn discovery(&self) -> Discovery {
        Discovery::standard(
            self.runtime_paths
                .iter()
                .cloned()
                .collect::<BTreeMap<_, _>>(),
        )
    }
}

/// The in-process oracle's name.
pub const REFERENCE: &str = "reference";

fn names(specs: &[CliSpec]) -> String {
    let mut names = vec![REFERENCE];
    names.extend(specs.iter().map(|s| s.name.as_str()));
    names.push("all");
    names.join(", ")
}

/// The spec for `name`: a known runtime, or `NAME@VERSION`, another
/// version of a known runtime, installed as `bin/BINARY@VERSION` by
/// `cargo xtask install-runtimes NAME@VERSION` (or named by $NAME_VERSION).
fn find_spec(specs: &[CliSpec], name: &str) -> Option<CliSpec> {
    if let Some(spec) = specs.iter().find(|s| s.name == name) {
        return Some(spec.clone());
    }
    let (base, version) = name.split_once('@')?;
    let mut spec = specs.iter().find(|s| s.name == base)?.clone();
    if version.is_empty() {
        return None;
    }
    spec.name = name.to_string();
    spec.binary = format!("{}@{version}", spec.binary);
    // `wasmtime-wast@42` runs the binary of `wasmtime@42`.
    spec.locate_as = spec.locate_as.map(|base| format!("{base}@{version}"));
    Some(spec)
}

/// The runtimes that will run, and those asked for (implicitly) that cannot.
pub struct Selection {
    pub runtimes: Vec<Arc<dyn Runtime>>,
    pub skipped: Vec<SkippedRuntime>,
    /// The compilation cache (one folder per runtime inside), if any.
    pub compile_cache: Option<PathBuf>,
}

/// Resolve `--runtime` (empty: the reference and every known runtime that is
/// installed).
/// Naming a runtime explicitly makes its absence an error; `all` and the
/// default skip what is missing, with the reason.
/// `reference_trace`: the reference's observations carry its preview1
/// calls, the first `limit` of them.
pub fn select(
    requested: &[String],
    source: &RuntimeSource,
    reference_trace: Option<usize>,
) -> anyhow::Result<Selection> {
    let specs = source.specs()?;
    let discovery = source.discovery();
    let everything = requested.is_empty() || requested.iter().any(|r| r == "all");
    let mut wanted: Vec<CliSpec> = Vec::new();
    // Kept across runs: a run compiles each module once, so a cache that
    // lived for one run only would never be hit. The runtimes key their
    // entries by their own version and the module's bytes.
    let compile_cache = (!source.no_compile_cache)
        .then(|| conformance_adapters::workspace_root().join("target/compile-cache"));
    let mut selection = Selection {
        runtimes: Vec::new(),
        skipped: Vec::new(),
        compile_cache,
    };
    if everything || requested.iter().any(|r| r == REFERENCE) {
        let reference = match reference_trace {
            Some(limit) => ReferenceRuntime::new().with_trace(limit),
            None => ReferenceRuntime::new(),
        };
        selection.runtimes.push(Arc::new(reference));
    }
    if everything {
        wanted = specs.clone();
    } else {
        for name in requested.iter().filter(|r| *r != REFERENCE) {
            let Some(spec) = find_spec(&specs, name) else {
                bail!(
                    "unknown runtime `{name}`; known runtimes: {} (NAME@VERSION for another installed version)",
                    names(&specs)
                );
            };
            if !wanted.iter().any(|w| &w.name == name) {
                wanted.push(spec);
            }
        }
    }
    for spec in wanted {
        let name = spec.name.clone();
        match CliRuntime::discover(spec, &discovery) {
            Ok(runtime) => {
                let runtime = match &selection.compile_cache {
                    Some(cache) if runtime.caches() => {
                        runtime.with_compile_cache(cache.join(&name))
                    }
                    _ => runtime,
                };
                selection.runtimes.push(Arc::new(runtime));
            }
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

/// Arguments of `runtimes`.
#[derive(clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    source: RuntimeSource,
}

/// Print each known runtime: installed or not, version, binary.
pub fn list(args: &ListArgs) -> anyhow::Result<()> {
    let discovery = args.source.discovery();
    say!(
        "{REFERENCE:<12} built in   {:<40} (in-process, this workspace)\n",
        ReferenceRuntime::new().info().version
    );
    for spec in args.source.specs()? {
        let name = spec.name.clone();
        match CliRuntime::discover(spec, &discovery) {
            Ok(rt) => {
                let info = rt.info();
                let binary = info
                    .binary
                    .as_ref()
                    .map(|b| b.display().to_string())
                    .unwrap_or_default();
                say!("{name:<12} installed  {:<40} {binary}\n", info.version);
            }
            Err(OpenError::NotFound(e)) => say!("{name:<12} missing    {e}\n"),
            Err(OpenError::Broken(e)) => say!("{name:<12} broken     {e}\n"),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_version_is_the_runtime_with_a_versioned_binary() {
        let specs = builtin_specs();
        let spec = find_spec(&specs, "wasmtime@42").unwrap();
        assert_eq!(
            (spec.name.as_str(), spec.binary.as_str()),
            ("wasmtime@42", "wasmtime@42")
        );
        let wasmtime = specs.iter().find(|s| s.name == "wasmtime").unwrap();
        assert_eq!(spec.run, wasmtime.run);
        assert!(find_spec(&specs, "wasmtime@").is_none());
        assert!(find_spec(&specs, "nosuch@1").is_none());
        assert_eq!(Discovery::env_var_for("wasmtime@42"), "WASMTIME_42");
    }
}
