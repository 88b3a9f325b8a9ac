//! Building the WASI suite: each case source goes through its
//! [`Toolchain`] (C through clang and Debian's wasi-libc, WAT through the
//! `wat` crate, Rust std through rustc, C and Zig through Zig's own
//! wasi-libc, AssemblyScript through `asc` and its WASI shim) into the
//! `.wasm` beside it. A manifest records the hash of
//! every source (and of the shared headers) at build time, and of the module
//! built from it, so that a stale or hand-edited binary is caught by a test
//! instead of slipping through. The compilers are optional: only a stale
//! case needs its own, and a missing one is an error that says how to get it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::SuiteError;

/// The file name of the manifest, at the suite's root.
pub const MANIFEST: &str = "build-manifest.json";

/// How C cases are compiled by clang (recorded in the manifest).
pub const C_FLAGS: &[&str] = &["--target=wasm32-wasi", "-O2", "-Wl,--strip-all"];

/// How C cases are compiled by `zig cc` (the same flags as clang's).
pub const ZIG_CC_FLAGS: &[&str] = C_FLAGS;

/// How Rust std cases are compiled.
pub const RUST_FLAGS: &[&str] = &[
    "--target",
    "wasm32-wasi",
    "--edition",
    "2021",
    "-C",
    "opt-level=2",
    "-C",
    "strip=symbols",
];

/// How Zig std cases are compiled, after `zig build-exe`.
pub const ZIG_FLAGS: &[&str] = &["-target", "wasm32-wasi", "-O", "ReleaseSmall", "-fstrip"];

/// How AssemblyScript cases are compiled by `npx asc`: the WASI shim's
/// configuration (WASI imports instead of the web's, a `_start` command),
/// paths relative to the scratch folder so the module does not depend on
/// where the checkout or `node_modules` lives.
pub const ASC_FLAGS: &[&str] = &[
    "--config",
    "node_modules/@assemblyscript/wasi-shim/asconfig.json",
    "-O3",
];

/// The toolchain a case source goes through, chosen by its folder under
/// `tests/` and its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Toolchain {
    /// `tests/*.c`: C through clang and Debian's wasi-libc.
    Clang,
    /// `*.wat` anywhere: the `wat` crate (always available).
    Wat,
    /// `tests/rust/*.rs`: Rust's std through rustc's `wasm32-wasi` target.
    RustStd,
    /// `tests/zig/*.c`: C through `zig cc` and the wasi-libc Zig ships.
    ZigCc,
    /// `tests/zig/*.zig`: Zig's own std.
    Zig,
    /// `tests/as/*.ts`: AssemblyScript with `@assemblyscript/wasi-shim`.
    AssemblyScript,
}

impl Toolchain {
    /// The toolchain of a file under `tests/`, or `None` for a file that is
    /// not a case source (a shared module of a folder, say).
    pub fn of(layout: &SuiteLayout, source: &Path) -> Option<Toolchain> {
        let rel = source.strip_prefix(layout.tests()).unwrap_or(source);
        let mut parts = rel.components();
        let first = parts.next()?.as_os_str().to_str()?;
        let folder = parts.next().map(|_| first);
        match (folder, source.extension()?.to_str()?) {
            (_, "wat") => Some(Toolchain::Wat),
            (Some("rust"), "rs") => Some(Toolchain::RustStd),
            (Some("zig"), "c") => Some(Toolchain::ZigCc),
            (Some("zig"), "zig") => Some(Toolchain::Zig),
            (Some("as"), "ts") => Some(Toolchain::AssemblyScript),
            (Some("rust" | "zig" | "as"), _) => None,
            (_, "c") => Some(Toolchain::Clang),
            _ => None,
        }
    }

    /// Its name in the manifest and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Toolchain::Clang => "clang",
            Toolchain::Wat => "wat",
            Toolchain::RustStd => "rust-std",
            Toolchain::ZigCc => "zig-cc",
            Toolchain::Zig => "zig",
            Toolchain::AssemblyScript => "assemblyscript",
        }
    }

    /// The flags its compiler is given (recorded in the manifest).
    pub fn flags(self) -> &'static [&'static str] {
        match self {
            Toolchain::Clang => C_FLAGS,
            Toolchain::Wat => &[],
            Toolchain::RustStd => RUST_FLAGS,
            Toolchain::ZigCc => ZIG_CC_FLAGS,
            Toolchain::Zig => ZIG_FLAGS,
            Toolchain::AssemblyScript => ASC_FLAGS,
        }
    }

    /// Whether its sources may use the shared files of `include/`.
    fn uses_include(self) -> bool {
        !matches!(self, Toolchain::Wat | Toolchain::AssemblyScript)
    }

    /// How to get its compiler, for the error when it is missing.
    pub fn install_hint(self) -> &'static str {
        match self {
            Toolchain::Clang => {
                "install clang and wasi-libc (Debian: apt-get install clang lld wasi-libc), or pass --clang"
            }
            Toolchain::Wat => "nothing to install",
            Toolchain::RustStd => {
                "install Debian's rustc with its wasm32-wasi std (apt-get install rustc libstd-rust-dev-wasm32), or pass --rustc with a rustc that has the wasm32-wasi target"
            }
            Toolchain::ZigCc | Toolchain::Zig => {
                "install Zig from PyPI (pip install ziglang), or pass --zig-python with a python3 that has it"
            }
            Toolchain::AssemblyScript => {
                "install node and npm, run `npm install assemblyscript @assemblyscript/wasi-shim` in a folder outside the repository, and pass its node_modules with --asc-node-modules (or ASC_NODE_MODULES)"
            }
        }
    }
}

/// The compilers the toolchains run. Only those a stale case needs must
/// exist.
#[derive(Debug, Clone)]
pub struct Compilers {
    /// clang with wasi-libc.
    pub clang: PathBuf,
    /// A rustc with the `wasm32-wasi` target (Debian's `/usr/bin/rustc`; the
    /// rustup toolchain has none).
    pub rustc: PathBuf,
    /// A python3 with the `ziglang` package.
    pub zig_python: PathBuf,
    /// A `node_modules` folder holding `assemblyscript` and
    /// `@assemblyscript/wasi-shim`; `npx` runs its `asc`.
    pub asc_node_modules: PathBuf,
}

impl Default for Compilers {
    fn default() -> Self {
        Compilers {
            clang: PathBuf::from("clang"),
            rustc: PathBuf::from("/usr/bin/rustc"),
            zig_python: PathBuf::from("python3"),
            asc_node_modules: PathBuf::from("node_modules"),
        }
    }
}

impl Compilers {
    /// The program and leading arguments that start `toolchain`'s compiler,
    /// or `None` for WAT.
    fn command(&self, toolchain: Toolchain) -> Option<Command> {
        let command = match toolchain {
            Toolchain::Wat => return None,
            Toolchain::Clang => Command::new(&self.clang),
            Toolchain::RustStd => Command::new(&self.rustc),
            Toolchain::ZigCc | Toolchain::Zig => {
                let mut c = Command::new(&self.zig_python);
                c.args(["-m", "ziglang"]);
                c
            }
            // `--no`: never download a missing `asc`; `--`: the rest is
            // asc's, not npx's (`--version` would be npx's own otherwise).
            Toolchain::AssemblyScript => {
                let mut c = Command::new("npx");
                c.args(["--no", "--", "asc"]);
                c
            }
        };
        Some(command)
    }

    /// Link `node_modules` into `folder`, so that `npx asc` run there finds
    /// the compiler and the shim's configuration by relative paths.
    fn link_node_modules(&self, folder: &Path) -> Result<(), SuiteError> {
        let toolchain = Toolchain::AssemblyScript;
        let modules = fs::canonicalize(&self.asc_node_modules).map_err(|e| {
            Self::missing(
                toolchain,
                format!("`{}`: {e}", self.asc_node_modules.display()),
            )
        })?;
        for package in ["assemblyscript", "@assemblyscript/wasi-shim"] {
            if !modules.join(package).join("package.json").is_file() {
                return Err(Self::missing(
                    toolchain,
                    format!("no {package} in `{}`", modules.display()),
                ));
            }
        }
        let link = folder.join("node_modules");
        #[cfg(unix)]
        let linked = std::os::unix::fs::symlink(&modules, &link);
        #[cfg(windows)]
        let linked = std::os::windows::fs::symlink_dir(&modules, &link);
        linked.map_err(SuiteError::io(&link))
    }

    fn missing(toolchain: Toolchain, detail: String) -> SuiteError {
        SuiteError::MissingCompiler {
            toolchain: toolchain.name(),
            detail,
            hint: toolchain.install_hint(),
        }
    }

    /// The compiler's version line and flags, as the manifest records them;
    /// an error that says how to install it when it does not run.
    pub fn describe(&self, toolchain: Toolchain) -> Result<String, SuiteError> {
        let Some(mut command) = self.command(toolchain) else {
            return Ok("wat crate".to_string());
        };
        let version_arg = match toolchain {
            Toolchain::ZigCc | Toolchain::Zig => "version",
            _ => "--version",
        };
        // npx finds asc in the node_modules of the folder it runs in.
        let scratch = tempfile::tempdir().map_err(SuiteError::io(Path::new(".")))?;
        if toolchain == Toolchain::AssemblyScript {
            self.link_node_modules(scratch.path())?;
            command.current_dir(scratch.path());
        }
        let program = command.get_program().to_string_lossy().into_owned();
        let out = command
            .arg(version_arg)
            .output()
            .map_err(|e| Self::missing(toolchain, format!("`{program}`: {e}")))?;
        let text = String::from_utf8_lossy(&out.stdout);
        let version = text.lines().next().unwrap_or("").trim();
        if !out.status.success() || version.is_empty() {
            let err = String::from_utf8_lossy(&out.stderr);
            let err = err.lines().last().unwrap_or("").trim();
            return Err(Self::missing(
                toolchain,
                format!("`{program} {version_arg}` failed: {err}"),
            ));
        }
        let (prefix, version) = match toolchain {
            Toolchain::Zig => ("zig ", version.to_string()),
            Toolchain::ZigCc => ("zig cc ", version.to_string()),
            // "Version 0.28.20", and the shim's own version beside it.
            Toolchain::AssemblyScript => {
                let shim = scratch
                    .path()
                    .join("node_modules/@assemblyscript/wasi-shim/package.json");
                let shim = fs::read_to_string(&shim).map_err(SuiteError::io(&shim))?;
                let shim = serde_json::from_str::<serde_json::Value>(&shim)
                    .ok()
                    .and_then(|v| v["version"].as_str().map(str::to_string))
                    .unwrap_or_default();
                let asc = version.trim_start_matches("Version ");
                ("asc ", format!("{asc} wasi-shim {shim}"))
            }
            _ => ("", version.to_string()),
        };
        Ok(format!("{prefix}{version} {}", toolchain.flags().join(" ")))
    }

    /// Compile one source into `wasm`.
    fn compile(
        &self,
        toolchain: Toolchain,
        include: &Path,
        source: &Path,
        wasm: &Path,
    ) -> Result<(), SuiteError> {
        let Some(mut command) = self.command(toolchain) else {
            let bytes = wat::parse_file(source).map_err(|e| SuiteError::Build {
                path: source.to_path_buf(),
                message: e.to_string(),
            })?;
            return fs::write(wasm, bytes).map_err(SuiteError::io(wasm));
        };
        // Compilers may leave caches and helper files where they run, and
        // delete their output when they fail: build in a scratch folder, so
        // that a failed build keeps the committed module.
        let scratch = tempfile::tempdir().map_err(SuiteError::io(source))?;
        const OUTPUT: &str = "case.wasm";
        let output = scratch.path().join(OUTPUT);
        match toolchain {
            Toolchain::Clang | Toolchain::ZigCc => {
                if toolchain == Toolchain::ZigCc {
                    command.arg("cc");
                }
                command
                    .args(toolchain.flags())
                    .arg("-I")
                    .arg(include)
                    .arg("-o")
                    .arg(&output)
                    .arg(source);
            }
            Toolchain::RustStd => {
                // Panic locations name the source: keep the checkout's
                // path out of the module, so every clone builds the same.
                let folder = source.parent().unwrap_or(Path::new("."));
                command
                    .args(toolchain.flags())
                    .arg(format!("--remap-path-prefix={}=rust", folder.display()))
                    .arg(format!("--remap-path-prefix={}=include", include.display()))
                    .arg("-o")
                    .arg(&output)
                    .arg(source);
            }
            Toolchain::Zig => {
                command
                    .arg("build-exe")
                    .args(toolchain.flags())
                    .arg(format!("-femit-bin={}", output.display()))
                    .arg(source);
            }
            Toolchain::AssemblyScript => {
                // asc names the source in abort messages: compile a copy
                // under its own file name, by a relative path.
                let name = source.file_name().unwrap_or_default();
                let copy = scratch.path().join(name);
                fs::copy(source, &copy).map_err(SuiteError::io(source))?;
                self.link_node_modules(scratch.path())?;
                command
                    .arg(name)
                    .args(toolchain.flags())
                    .arg("-o")
                    .arg(OUTPUT);
            }
            Toolchain::Wat => {}
        }
        command.current_dir(scratch.path());
        let program = command.get_program().to_string_lossy().into_owned();
        let out = command
            .output()
            .map_err(|e| Self::missing(toolchain, format!("`{program}`: {e}")))?;
        if !out.status.success() {
            return Err(SuiteError::Build {
                path: source.to_path_buf(),
                message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        fs::copy(&output, wasm).map_err(SuiteError::io(wasm))?;
        Ok(())
    }
}

/// One built case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuiltCase {
    /// The source, relative to the suite's `tests/`.
    pub source: String,
    /// SHA-256 of the source.
    pub source_sha256: String,
    /// SHA-256 of the module built from it.
    pub wasm_sha256: String,
}

/// What the last build saw and produced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildManifest {
    /// The C compiler's version line and flags.
    pub c_compiler: String,
    /// Every other toolchain's compiler version line and flags, by
    /// [`Toolchain::name`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub compilers: BTreeMap<String, String>,
    /// SHA-256 over the shared headers in `include/`.
    pub include_sha256: String,
    /// By module name (relative path without extension).
    pub cases: BTreeMap<String, BuiltCase>,
}

/// The suite's layout: `tests/` for cases, `include/` for shared headers.
#[derive(Debug, Clone)]
pub struct SuiteLayout {
    /// The suite root (holds the manifest).
    pub root: PathBuf,
}

impl SuiteLayout {
    /// The case folder.
    pub fn tests(&self) -> PathBuf {
        self.root.join("tests")
    }

    /// The shared headers.
    pub fn include(&self) -> PathBuf {
        self.root.join("include")
    }

    /// The manifest.
    pub fn manifest(&self) -> PathBuf {
        self.root.join(MANIFEST)
    }
}

fn sha256_file(path: &Path) -> Result<String, SuiteError> {
    let bytes = fs::read(path).map_err(SuiteError::io(path))?;
    Ok(format!("{:x}", Sha256::digest(&bytes)))
}

fn include_hash(dir: &Path) -> Result<String, SuiteError> {
    let mut hasher = Sha256::new();
    if dir.is_dir() {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(SuiteError::io(dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for file in files {
            hasher.update(file.file_name().unwrap_or_default().as_encoded_bytes());
            hasher.update([0]);
            hasher.update(fs::read(&file).map_err(SuiteError::io(&file))?);
        }
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// Every case source under `tests/` (see [`Toolchain::of`]), sorted.
pub fn case_sources(layout: &SuiteLayout) -> Result<Vec<PathBuf>, SuiteError> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SuiteError> {
        for entry in fs::read_dir(dir).map_err(SuiteError::io(dir))? {
            let path = entry.map_err(SuiteError::io(dir))?.path();
            if path.is_dir() {
                if path.extension().is_none_or(|e| e != "dir") {
                    walk(&path, out)?;
                }
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(&layout.tests(), &mut out)?;
    out.retain(|p| Toolchain::of(layout, p).is_some());
    out.sort();
    Ok(out)
}

fn case_key(layout: &SuiteLayout, source: &Path) -> String {
    let tests = layout.tests();
    let rel = source
        .strip_prefix(&tests)
        .unwrap_or(source)
        .with_extension("");
    rel.to_string_lossy().replace('\\', "/")
}

/// Build every source whose module is missing or stale (or all, with
/// `force`), then write the manifest. Returns the names built.
pub fn build_suite(
    layout: &SuiteLayout,
    compilers: &Compilers,
    force: bool,
) -> Result<Vec<String>, SuiteError> {
    let old = read_manifest(layout).unwrap_or_default();
    let include_sha256 = include_hash(&layout.include())?;
    let mut manifest = BuildManifest {
        c_compiler: old.c_compiler.clone(),
        compilers: old.compilers.clone(),
        include_sha256: include_sha256.clone(),
        cases: BTreeMap::new(),
    };
    let mut described = BTreeSet::new();
    let mut built = Vec::new();
    for source in case_sources(layout)? {
        let Some(toolchain) = Toolchain::of(layout, &source) else {
            continue;
        };
        let key = case_key(layout, &source);
        let wasm = source.with_extension("wasm");
        let source_sha256 = sha256_file(&source)?;
        let up_to_date = !force
            && wasm.is_file()
            && old.cases.get(&key).is_some_and(|c| {
                c.source_sha256 == source_sha256
                    && Some(&c.wasm_sha256) == sha256_file(&wasm).ok().as_ref()
            })
            && (!toolchain.uses_include() || old.include_sha256 == include_sha256);
        if !up_to_date {
            if described.insert(toolchain) {
                let line = compilers.describe(toolchain).map_err(|e| match e {
                    SuiteError::MissingCompiler {
                        toolchain,
                        detail,
                        hint,
                    } => SuiteError::MissingCompiler {
                        toolchain,
                        detail: format!("{key} needs it: {detail}"),
                        hint,
                    },
                    other => other,
                })?;
                match toolchain {
                    Toolchain::Clang => manifest.c_compiler = line,
                    Toolchain::Wat => {}
                    other => {
                        manifest.compilers.insert(other.name().to_string(), line);
                    }
                }
            }
            compilers.compile(toolchain, &layout.include(), &source, &wasm)?;
            built.push(key.clone());
        }
        let rel_source = source
            .strip_prefix(layout.tests())
            .unwrap_or(&source)
            .to_string_lossy()
            .replace('\\', "/");
        manifest.cases.insert(
            key,
            BuiltCase {
                source: rel_source,
                source_sha256,
                wasm_sha256: sha256_file(&wasm)?,
            },
        );
    }
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| SuiteError::Build {
        path: layout.manifest(),
        message: e.to_string(),
    })?;
    fs::write(layout.manifest(), text + "\n").map_err(SuiteError::io(layout.manifest()))?;
    Ok(built)
}

/// Read the manifest.
pub fn read_manifest(layout: &SuiteLayout) -> Result<BuildManifest, SuiteError> {
    let path = layout.manifest();
    let text = fs::read_to_string(&path).map_err(SuiteError::io(&path))?;
    serde_json::from_str(&text).map_err(|e| SuiteError::MalformedCase {
        path,
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Every way the committed modules disagree with their sources: one line per
/// problem, empty when all is fresh.
pub fn stale_cases(layout: &SuiteLayout) -> Result<Vec<String>, SuiteError> {
    let manifest = read_manifest(layout)?;
    let mut problems = Vec::new();
    let include = include_hash(&layout.include())?;
    let sources = case_sources(layout)?;
    let uses_include = sources
        .iter()
        .any(|s| Toolchain::of(layout, s).is_some_and(Toolchain::uses_include));
    if uses_include && include != manifest.include_sha256 {
        problems.push("include/: shared headers changed since the last build".to_string());
    }
    for source in &sources {
        let key = case_key(layout, source);
        let Some(built) = manifest.cases.get(&key) else {
            problems.push(format!("{key}: source not in the build manifest"));
            continue;
        };
        if sha256_file(source)? != built.source_sha256 {
            problems.push(format!("{key}: source changed since its module was built"));
        }
        match sha256_file(&source.with_extension("wasm")) {
            Ok(hash) if hash == built.wasm_sha256 => {}
            Ok(_) => problems.push(format!(
                "{key}: module differs from the one the build produced"
            )),
            Err(_) => problems.push(format!("{key}: module missing")),
        }
    }
    for key in manifest.cases.keys() {
        if !sources.iter().any(|s| &case_key(layout, s) == key) {
            problems.push(format!("{key}: in the manifest but its source is gone"));
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_and_extension_choose_the_toolchain() {
        let layout = SuiteLayout {
            root: PathBuf::from("/s"),
        };
        let of = |p: &str| Toolchain::of(&layout, &layout.tests().join(p));
        assert_eq!(of("fd_read.c"), Some(Toolchain::Clang));
        assert_eq!(of("fd_read_trap.wat"), Some(Toolchain::Wat));
        assert_eq!(of("rust/fs_read.rs"), Some(Toolchain::RustStd));
        assert_eq!(of("rust/raw_trap.wat"), Some(Toolchain::Wat));
        assert_eq!(of("zig/fs_read.zig"), Some(Toolchain::Zig));
        assert_eq!(of("zig/fs_read.c"), Some(Toolchain::ZigCc));
        assert_eq!(of("as/args.ts"), Some(Toolchain::AssemblyScript));
        assert_eq!(of("args.ts"), None);
        assert_eq!(of("as/helper.js"), None);
        assert_eq!(of("rust/fs_read.json"), None);
        assert_eq!(of("fs_read.rs"), None);
        assert_eq!(of("fd_read.json"), None);
    }

    #[test]
    fn a_missing_compiler_says_how_to_install_it() {
        let compilers = Compilers {
            rustc: PathBuf::from("/nonexistent/rustc"),
            ..Compilers::default()
        };
        let err = compilers.describe(Toolchain::RustStd).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("rust-std"), "{text}");
        assert!(text.contains("libstd-rust-dev-wasm32"), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }

    #[test]
    fn a_node_modules_without_assemblyscript_says_how_to_install_it() {
        let empty = tempfile::tempdir().unwrap();
        let compilers = Compilers {
            asc_node_modules: empty.path().to_path_buf(),
            ..Compilers::default()
        };
        let text = compilers
            .describe(Toolchain::AssemblyScript)
            .unwrap_err()
            .to_string();
        assert!(text.contains("assemblyscript"), "{text}");
        assert!(text.contains("--asc-node-modules"), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }

    #[test]
    fn assemblyscript_flags_name_no_absolute_path() {
        // The module must not depend on where the checkout or node_modules
        // is: every path asc sees is relative to its scratch folder.
        assert!(ASC_FLAGS.iter().all(|f| !f.starts_with('/')));
    }
}
