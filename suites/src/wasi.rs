//! WASI command cases in the wasi-testsuite layout: `name.wasm` beside an
//! optional `name.json` that states args, env, preopened dirs and the
//! expected exit code and output. See `suites/wasi/README.md` for the keys and
//! this project's extensions (`stdin`, `trap`, `root`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::SuiteError;

/// One value, or a list of allowed values (where the specification allows
/// more than one outcome, any of them passes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single allowed value.
    One(T),
    /// Any of these.
    Many(Vec<T>),
}

impl<T: PartialEq> OneOrMany<T> {
    /// The allowed values.
    pub fn values(&self) -> &[T] {
        match self {
            OneOrMany::One(v) => std::slice::from_ref(v),
            OneOrMany::Many(v) => v,
        }
    }

    /// Whether `value` is allowed.
    pub fn allows(&self, value: &T) -> bool {
        self.values().contains(value)
    }

    /// Apply `f` to every value.
    pub fn map<U>(&self, f: impl Fn(&T) -> U) -> OneOrMany<U> {
        match self {
            OneOrMany::One(v) => OneOrMany::One(f(v)),
            OneOrMany::Many(v) => OneOrMany::Many(v.iter().map(f).collect()),
        }
    }
}

/// What a path must be after the run (`fs_after`), parsed from its text:
/// `dir`, `absent`, `file`, `file:<exact content>`, `symlink:<target>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FsExpectation {
    /// A directory.
    Dir,
    /// Nothing at that path.
    Absent,
    /// A regular file, with this exact content when given.
    File(Option<String>),
    /// A symlink to this target.
    Symlink(String),
}

impl FsExpectation {
    /// Parse the text form.
    pub fn parse(text: &str) -> Result<FsExpectation, String> {
        match text {
            "dir" => Ok(FsExpectation::Dir),
            "absent" => Ok(FsExpectation::Absent),
            "file" => Ok(FsExpectation::File(None)),
            _ => {
                if let Some(content) = text.strip_prefix("file:") {
                    Ok(FsExpectation::File(Some(content.to_string())))
                } else if let Some(target) = text.strip_prefix("symlink:") {
                    Ok(FsExpectation::Symlink(target.to_string()))
                } else {
                    Err(format!(
                        "`{text}`: expected dir, absent, file, file:<content> or symlink:<target>"
                    ))
                }
            }
        }
    }
}

/// What a case's `.json` states. Missing keys take wasi-testsuite's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    /// `argv[1..]`.
    #[serde(default)]
    pub args: Vec<String>,
    /// The guest's whole environment.
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// Directories beside the case, each preopened under its own name.
    #[serde(default)]
    pub dirs: Vec<String>,
    /// A directory beside the case preopened as `/` (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
    /// The expected exit code (default 0), or the allowed ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<OneOrMany<i32>>,
    /// The exact expected stdout (or the allowed ones), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout: Option<OneOrMany<String>>,
    /// The exact expected stderr (or the allowed ones), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr: Option<OneOrMany<String>>,
    /// What given paths of the preopened dirs must be after the run
    /// (extension): `{"fs.dir/out.txt": "file:hello\n", "fs.dir/gone": "absent"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fs_after: BTreeMap<String, String>,
    /// Bytes fed on stdin (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdin: Option<String>,
    /// The run must end in a trap (extension).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub trap: bool,
    /// Which WASI functions the case exercises, on their success path and on
    /// an error path (extension; `cargo xtask suite-coverage` tallies it).
    #[serde(default, skip_serializing_if = "Covers::is_empty")]
    pub covers: Covers,
    /// wasi-testsuite's legacy list of the functions a test uses (accepted,
    /// not used).
    #[serde(default, skip_serializing)]
    pub wasi_functions: Vec<String>,
    /// Why the harness cannot run this case (set by the loader, never read
    /// from the file): a component, a proposal, an operation it lacks.
    #[serde(skip)]
    pub unsupported: Option<String>,
}

/// The WASI functions a case exercises, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Covers {
    /// Functions called where they must succeed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success: Vec<String>,
    /// Functions called where they must fail (an errno, or a trap).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub error: Vec<String>,
}

impl Covers {
    /// Nothing declared.
    pub fn is_empty(&self) -> bool {
        self.success.is_empty() && self.error.is_empty()
    }
}

/// One loaded case.
#[derive(Debug, Clone)]
pub struct WasiCase {
    /// The case's name: its path relative to the suite root, without `.wasm`.
    pub name: String,
    /// The module.
    pub wasm: PathBuf,
    /// The folder holding the case (fixture dirs are relative to it).
    pub dir: PathBuf,
    /// What the case states.
    pub spec: CaseSpec,
}

impl WasiCase {
    /// The preopens as (guest path, fixture folder name beside the case).
    pub fn fixture_dirs(&self) -> Vec<(String, String)> {
        let mut dirs: Vec<(String, String)> = self
            .spec
            .dirs
            .iter()
            .map(|d| (d.clone(), d.clone()))
            .collect();
        if let Some(root) = &self.spec.root {
            dirs.push(("/".to_string(), root.clone()));
        }
        dirs
    }
}

/// Parse a case `.json`; the error names the file, line and column.
pub fn parse_case_spec(path: &Path, text: &str) -> Result<CaseSpec, SuiteError> {
    let malformed = |e: serde_json::Error| SuiteError::MalformedCase {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(malformed)?;
    if value.get("operations").is_some() {
        return crate::official::from_operations(value).map_err(|message| {
            SuiteError::MalformedCase {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message,
            }
        });
    }
    let spec: CaseSpec = serde_json::from_str(text).map_err(malformed)?;
    for (entry, expectation) in &spec.fs_after {
        if let Err(message) = FsExpectation::parse(expectation) {
            let line = text
                .lines()
                .position(|l| l.contains(&format!("\"{entry}\"")))
                .map_or(1, |i| i + 1);
            return Err(SuiteError::MalformedCase {
                path: path.to_path_buf(),
                line,
                column: 1,
                message: format!("fs_after \"{entry}\": {message}"),
            });
        }
    }
    Ok(spec)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Load every case under `root` (recursively), sorted by name.
pub fn load_wasi_dir(root: &Path) -> Result<Vec<WasiCase>, SuiteError> {
    if !root.is_dir() {
        return Err(SuiteError::MissingDir {
            path: root.to_path_buf(),
        });
    }
    let mut wasm_files = Vec::new();
    collect_wasm(root, &mut wasm_files)?;
    let mut cases = Vec::with_capacity(wasm_files.len());
    for wasm in wasm_files {
        let json = wasm.with_extension("json");
        let spec = match fs::read_to_string(&json) {
            Ok(text) => parse_case_spec(&json, &text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => CaseSpec::default(),
            Err(e) => return Err(SuiteError::io(&json)(e)),
        };
        let mut spec = spec;
        if spec.unsupported.is_none() {
            let bytes = fs::read(&wasm).map_err(SuiteError::io(&wasm))?;
            spec.unsupported = crate::official::component_reason(&bytes);
        }
        let dir = wasm.parent().unwrap_or(root).to_path_buf();
        for fixture in spec.dirs.iter().chain(&spec.root) {
            if !dir.join(fixture).is_dir() {
                return Err(SuiteError::MissingFixture {
                    path: json.clone(),
                    dir: fixture.clone(),
                });
            }
        }
        let relative = wasm.strip_prefix(root).unwrap_or(&wasm).with_extension("");
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        cases.push(WasiCase {
            name,
            wasm,
            dir,
            spec,
        });
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(cases)
}

fn collect_wasm(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SuiteError> {
    let entries = fs::read_dir(dir).map_err(SuiteError::io(dir))?;
    for entry in entries {
        let path = entry.map_err(SuiteError::io(dir))?.path();
        if path.is_dir() {
            // Fixture folders (`*.dir`) hold data, not cases.
            if path.extension().is_none_or(|e| e != "dir") {
                collect_wasm(&path, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "wasm") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_json_names_file_and_line() {
        let err = parse_case_spec(Path::new("x/case.json"), "{\n  \"args\": [1]\n}").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("x/case.json:2:"), "{text}");
        assert!(text.contains("malformed case"), "{text}");
    }

    #[test]
    fn alternatives_and_fs_after() {
        let spec = parse_case_spec(
            Path::new("c.json"),
            r#"{"exit_code": [0, 1], "stdout": "x\n", "fs_after": {"fs.dir/a": "file:hi\n", "fs.dir/b": "absent"}}"#,
        )
        .unwrap();
        let codes = spec.exit_code.unwrap();
        assert!(codes.allows(&1) && !codes.allows(&2));
        assert_eq!(
            FsExpectation::parse(&spec.fs_after["fs.dir/a"]),
            Ok(FsExpectation::File(Some("hi\n".into())))
        );
        let err = parse_case_spec(
            Path::new("c.json"),
            "{\n\"fs_after\": {\n  \"fs.dir/a\": \"filez\"}}",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("c.json:3:1: malformed case: fs_after \"fs.dir/a\""),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let err = parse_case_spec(Path::new("c.json"), r#"{"exit-code": 1}"#).unwrap_err();
        assert!(
            err.to_string().contains("unknown field `exit-code`"),
            "{err}"
        );
    }

    #[test]
    fn loads_cases_with_defaults_and_fixtures() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("sub/data.dir")).unwrap();
        fs::write(root.join("a.wasm"), b"").unwrap();
        fs::write(root.join("sub/b.wasm"), b"").unwrap();
        fs::write(
            root.join("sub/b.json"),
            r#"{"dirs": ["data.dir"], "exit_code": 3}"#,
        )
        .unwrap();
        fs::write(root.join("sub/data.dir/ignored.wasm"), b"").unwrap();
        let cases = load_wasi_dir(root).unwrap();
        let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "sub/b"]);
        assert_eq!(cases[0].spec, CaseSpec::default());
        assert_eq!(cases[1].spec.exit_code, Some(OneOrMany::One(3)));
        assert_eq!(
            cases[1].fixture_dirs(),
            [("data.dir".to_string(), "data.dir".to_string())]
        );
    }

    #[test]
    fn missing_fixture_and_missing_dir_are_errors() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("a.wasm"), b"").unwrap();
        fs::write(tmp.path().join("a.json"), r#"{"dirs": ["nope.dir"]}"#).unwrap();
        assert!(matches!(
            load_wasi_dir(tmp.path()),
            Err(SuiteError::MissingFixture { .. })
        ));
        assert!(matches!(
            load_wasi_dir(&tmp.path().join("absent")),
            Err(SuiteError::MissingDir { .. })
        ));
    }
}
