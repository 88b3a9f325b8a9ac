//! Finding a runtime's binary, in a fixed order: an explicit
//! `--runtime-path NAME=PATH`, an environment variable (`WASMTIME=/path`), the
//! project-local install (`target/runtimes/bin`), then `PATH`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a binary was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--runtime-path NAME=PATH`.
    Flag,
    /// The named environment variable.
    EnvVar(String),
    /// The project-local install directory.
    ProjectLocal,
    /// A directory on `PATH`.
    Path,
}

/// A binary, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The binary.
    pub path: PathBuf,
    /// How it was found.
    pub source: Source,
}

/// Why a binary could not be found.
#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    /// Nowhere to be found.
    #[error("{runtime} not found: {}", if *installable {
        format!("run `cargo xtask install-runtimes {runtime}` or set {env_var}")
    } else {
        let from = crate::release_page(runtime).map(|page| format!("; get it from {page}")).unwrap_or_default();
        format!("set {env_var}=/path/to/{binary}, give --runtime-path {runtime}=PATH or put `{binary}` on PATH (`cargo xtask install-runtimes` cannot install it{from})")
    })]
    NotFound {
        /// Runtime name.
        runtime: String,
        /// The binary looked for.
        binary: String,
        /// The variable that would name it.
        env_var: String,
        /// `cargo xtask install-runtimes` knows how to install it.
        installable: bool,
    },
    /// An explicit path (flag or variable) that is not an executable file.
    #[error("{runtime}: {path} (from {origin}) is not an executable file")]
    BadExplicitPath {
        /// Runtime name.
        runtime: String,
        /// The path given.
        path: PathBuf,
        /// Where it was given.
        origin: String,
    },
}

/// The discovery rules for one run.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// `--runtime-path` entries, by runtime name.
    pub overrides: BTreeMap<String, PathBuf>,
    /// The project-local `bin` directory.
    pub local_bin: Option<PathBuf>,
    /// The search path (normally `$PATH`).
    pub path: Vec<PathBuf>,
    /// Runtimes `cargo xtask install-runtimes` can install, for the hint.
    pub installable: Vec<String>,
}

/// The variable that moves the runtime install out of the workspace (CI
/// points it at a cache that outlives a clone, so that runtimes built with
/// `cargo install` are built once per machine).
pub const RUNTIMES_DIR_VAR: &str = "WASI_CONFORMANCE_RUNTIMES";

/// Where `cargo xtask install-runtimes` puts what it installs:
/// `$WASI_CONFORMANCE_RUNTIMES`, or `target/runtimes` in the workspace.
pub fn project_runtimes_dir() -> PathBuf {
    match std::env::var_os(RUNTIMES_DIR_VAR).filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("target/runtimes"),
    }
}

/// The root of this workspace.
pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
}

impl Discovery {
    /// The usual rules: `--runtime-path` overrides, the project-local
    /// install, and the process's own `PATH`.
    pub fn standard(overrides: BTreeMap<String, PathBuf>) -> Discovery {
        let mut discovery = Discovery::new(overrides, Some(project_runtimes_dir().join("bin")));
        discovery.installable = crate::INSTALLABLE.iter().map(|s| s.to_string()).collect();
        discovery
    }

    /// Rules with the process's own `PATH`.
    pub fn new(overrides: BTreeMap<String, PathBuf>, local_bin: Option<PathBuf>) -> Discovery {
        let path = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect())
            .unwrap_or_default();
        Discovery {
            overrides,
            local_bin,
            path,
            installable: Vec::new(),
        }
    }

    /// The environment variable that names `runtime`'s binary: `WASMTIME`,
    /// `MY_RUNTIME` for `my-runtime`, `WASMTIME_42` for `wasmtime@42`.
    pub fn env_var_for(runtime: &str) -> String {
        runtime
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect()
    }

    /// Find `binary` for `runtime`.
    pub fn locate(&self, runtime: &str, binary: &str) -> Result<Located, DiscoveryError> {
        let env_var = Discovery::env_var_for(runtime);
        let explicit = |path: PathBuf, origin: String, source: Source| {
            let path = absolute_explicit(&path);
            if is_executable(&path) {
                Ok(Located { path, source })
            } else {
                Err(DiscoveryError::BadExplicitPath {
                    runtime: runtime.to_string(),
                    path,
                    origin,
                })
            }
        };
        if let Some(path) = self.overrides.get(runtime) {
            return explicit(path.clone(), "--runtime-path".into(), Source::Flag);
        }
        if let Some(path) = std::env::var_os(&env_var).filter(|v| !v.is_empty()) {
            return explicit(
                PathBuf::from(path),
                env_var.clone(),
                Source::EnvVar(env_var),
            );
        }
        if Path::new(binary).is_absolute() {
            return explicit(binary.into(), "its definition".into(), Source::Flag);
        }
        if let Some(path) = self.local_bin.as_ref().map(|d| d.join(binary))
            && is_executable(&path)
        {
            return Ok(Located {
                path,
                source: Source::ProjectLocal,
            });
        }
        self.path
            .iter()
            .map(|dir| dir.join(binary))
            .find(|p| is_executable(p))
            .map(|path| Located {
                path,
                source: Source::Path,
            })
            .ok_or_else(|| DiscoveryError::NotFound {
                runtime: runtime.to_string(),
                binary: binary.to_string(),
                env_var,
                installable: self.installable.iter().any(|i| i == runtime),
            })
    }
}

/// An explicit path made absolute (the runtime's processes run elsewhere, in
/// each job's scratch dir): relative to the current dir, or, when nothing is
/// there, to the workspace root, since `cargo test` runs each crate's tests
/// in that crate's folder while the user gave the path from the root.
fn absolute_explicit(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    let here = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let from_root = workspace_root().join(path);
    if !here.exists() && from_root.exists() {
        from_root
    } else {
        here
    }
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn executable(dir: &Path, name: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        std::fs::write(&path, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn order_is_flag_then_local_then_path() {
        let tmp = tempfile::tempdir().unwrap();
        let (local, on_path, flagged) = (
            tmp.path().join("l"),
            tmp.path().join("p"),
            tmp.path().join("f"),
        );
        for d in [&local, &on_path, &flagged] {
            std::fs::create_dir(d).unwrap();
        }
        let path_bin = executable(&on_path, "rt-under-test");
        let mut discovery = Discovery {
            overrides: BTreeMap::new(),
            local_bin: Some(local.clone()),
            path: vec![on_path.clone()],
            installable: Vec::new(),
        };
        let found = discovery.locate("rt-under-test", "rt-under-test").unwrap();
        assert_eq!((found.path, found.source), (path_bin, Source::Path));

        let local_bin = executable(&local, "rt-under-test");
        let found = discovery.locate("rt-under-test", "rt-under-test").unwrap();
        assert_eq!(
            (found.path, found.source),
            (local_bin, Source::ProjectLocal)
        );

        let flag_bin = executable(&flagged, "anything");
        discovery
            .overrides
            .insert("rt-under-test".into(), flag_bin.clone());
        let found = discovery.locate("rt-under-test", "rt-under-test").unwrap();
        assert_eq!((found.path, found.source), (flag_bin, Source::Flag));
    }

    #[test]
    fn missing_binary_names_the_fix() {
        let mut discovery = Discovery::default();
        let err = discovery.locate("nosuchrt", "nosuchrt-bin").unwrap_err();
        assert_eq!(
            err.to_string(),
            "nosuchrt not found: set NOSUCHRT=/path/to/nosuchrt-bin, give --runtime-path nosuchrt=PATH or put `nosuchrt-bin` on PATH (`cargo xtask install-runtimes` cannot install it)"
        );
        discovery.installable.push("nosuchrt".into());
        let err = discovery.locate("nosuchrt", "nosuchrt-bin").unwrap_err();
        assert_eq!(
            err.to_string(),
            "nosuchrt not found: run `cargo xtask install-runtimes nosuchrt` or set NOSUCHRT"
        );
    }

    #[test]
    fn a_relative_explicit_path_is_taken_from_here_else_from_the_root() {
        // `cargo test` runs this in `adapters/`.
        let here = std::env::current_dir().unwrap();
        assert_eq!(
            absolute_explicit(Path::new("Cargo.toml")),
            here.join("Cargo.toml")
        );
        assert_eq!(
            absolute_explicit(Path::new("adapters/Cargo.toml")),
            workspace_root().join("adapters/Cargo.toml")
        );
        assert_eq!(absolute_explicit(Path::new("nope/x")), here.join("nope/x"));
    }

    #[test]
    fn explicit_path_that_is_not_executable_is_an_error() {
        let mut discovery = Discovery::default();
        discovery
            .overrides
            .insert("x".into(), "/nonexistent/x".into());
        assert!(matches!(
            discovery.locate("x", "x"),
            Err(DiscoveryError::BadExplicitPath { .. })
        ));
    }
}
