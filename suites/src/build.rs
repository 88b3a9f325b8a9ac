//! Building the WASI suite: C sources through clang and wasi-libc, WAT
//! sources through the `wat` crate, each into the `.wasm` beside it. A
//! manifest records the hash of every source (and of the shared headers) at
//! build time, and of the module built from it, so that a stale or
//! hand-edited binary is caught by a test instead of slipping through.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::SuiteError;

/// The file name of the manifest, at the suite's root.
pub const MANIFEST: &str = "build-manifest.json";

/// How C cases are compiled (recorded in the manifest).
pub const C_FLAGS: &[&str] = &["--target=wasm32-wasi", "-O2", "-Wl,--strip-all"];

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

/// Every case source (`.c`, `.wat`) under `tests/`, sorted.
pub fn case_sources(layout: &SuiteLayout) -> Result<Vec<PathBuf>, SuiteError> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SuiteError> {
        for entry in fs::read_dir(dir).map_err(SuiteError::io(dir))? {
            let path = entry.map_err(SuiteError::io(dir))?.path();
            if path.is_dir() {
                if path.extension().is_none_or(|e| e != "dir") {
                    walk(&path, out)?;
                }
            } else if path.extension().is_some_and(|e| e == "c" || e == "wat") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(&layout.tests(), &mut out)?;
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

fn clang_version(clang: &Path) -> Result<String, SuiteError> {
    let out = Command::new(clang)
        .arg("--version")
        .output()
        .map_err(SuiteError::io(clang))?;
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text.lines().next().unwrap_or("").trim().to_string())
}

/// Build every source whose module is missing or stale (or all, with
/// `force`), then write the manifest. Returns the names built.
pub fn build_suite(
    layout: &SuiteLayout,
    clang: &Path,
    force: bool,
) -> Result<Vec<String>, SuiteError> {
    let old = read_manifest(layout).unwrap_or_default();
    let include_sha256 = include_hash(&layout.include())?;
    let mut manifest = BuildManifest {
        c_compiler: format!("{} {}", clang_version(clang)?, C_FLAGS.join(" ")),
        include_sha256: include_sha256.clone(),
        cases: BTreeMap::new(),
    };
    let mut built = Vec::new();
    for source in case_sources(layout)? {
        let key = case_key(layout, &source);
        let wasm = source.with_extension("wasm");
        let source_sha256 = sha256_file(&source)?;
        let is_c = source.extension().is_some_and(|e| e == "c");
        let up_to_date = !force
            && wasm.is_file()
            && old.cases.get(&key).is_some_and(|c| {
                c.source_sha256 == source_sha256
                    && Some(&c.wasm_sha256) == sha256_file(&wasm).ok().as_ref()
            })
            && (!is_c || old.include_sha256 == include_sha256);
        if !up_to_date {
            if is_c {
                compile_c(clang, &layout.include(), &source, &wasm)?;
            } else {
                let bytes = wat::parse_file(&source).map_err(|e| SuiteError::Build {
                    path: source.clone(),
                    message: e.to_string(),
                })?;
                fs::write(&wasm, bytes).map_err(SuiteError::io(&wasm))?;
            }
            built.push(key.clone());
        }
        let rel_source = source
            .strip_prefix(layout.tests())
            .unwrap_or(&source)
            .to_string_lossy()
            .into_owned();
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

fn compile_c(clang: &Path, include: &Path, source: &Path, wasm: &Path) -> Result<(), SuiteError> {
    let out = Command::new(clang)
        .args(C_FLAGS)
        .arg("-I")
        .arg(include)
        .arg("-o")
        .arg(wasm)
        .arg(source)
        .output()
        .map_err(SuiteError::io(clang))?;
    if !out.status.success() {
        return Err(SuiteError::Build {
            path: source.to_path_buf(),
            message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(())
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
    let has_c = sources
        .iter()
        .any(|s| s.extension().is_some_and(|e| e == "c"));
    if has_c && include != manifest.include_sha256 {
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
