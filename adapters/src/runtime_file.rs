//! Runtimes defined in TOML (`runtimes.toml`), so that adding a runtime takes
//! no Rust: a binary and the templates of its command line, or a built-in
//! runtime to `extend` with another binary (another version, say).
//!
//! ```toml
//! [[runtime]]
//! name = "wasmtime-42"          # the name on the command line and in reports
//! extends = "wasmtime"          # take every template and the classifier from a built-in
//! binary = "/opt/wasmtime-42/wasmtime"
//!
//! [[runtime]]
//! name = "my-runtime"
//! binary = "my-runtime"         # looked up like a built-in's (MY_RUNTIME=..., PATH)
//! run = ["exec", "{features}", "{dirs}", "{env}", "{module}", "--", "{args}"]
//! feature_args = ["--enable-gc"]   # every proposal its CLI can enable, at `{features}`
//! dir = ["--mount", "{host}={guest}"]
//! env = ["--env", "{key}={value}"]
//! version = ["--version"]
//! [runtime.classify]
//! trap_patterns = ["trap:"]
//! reject_patterns = ["invalid module"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{Capabilities, Classifier, CliSpec};

/// A runtimes file that cannot be used; the message names the file and, for
/// a parse error, the line.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeFileError {
    /// It cannot be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// It does not parse, or an entry is incomplete or clashes.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuntimeFile {
    #[serde(default)]
    runtime: Vec<RuntimeDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuntimeDef {
    name: String,
    extends: Option<String>,
    binary: Option<String>,
    run: Option<Vec<String>>,
    feature_args: Option<Vec<String>>,
    dir: Option<Vec<String>>,
    env: Option<Vec<String>>,
    version: Option<Vec<String>>,
    process_env: Option<BTreeMap<String, String>>,
    cache: Option<Vec<String>>,
    cache_env: Option<BTreeMap<String, String>>,
    classify: Option<Classifier>,
    capabilities: Option<Capabilities>,
}

/// Read a runtimes file. `builtins` are what `extends` may name; a new name
/// may not shadow one of them. A relative `binary` with a `/` in it is taken
/// relative to the file's folder.
pub fn load_runtime_file(
    path: &Path,
    builtins: &[CliSpec],
) -> Result<Vec<CliSpec>, RuntimeFileError> {
    let text = std::fs::read_to_string(path).map_err(|source| RuntimeFileError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_runtime_file(path, &text, builtins)
}

/// Parse the text of a runtimes file (see [`load_runtime_file`]).
pub fn parse_runtime_file(
    path: &Path,
    text: &str,
    builtins: &[CliSpec],
) -> Result<Vec<CliSpec>, RuntimeFileError> {
    let invalid = |message: String| RuntimeFileError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let file: RuntimeFile =
        toml::from_str(text).map_err(|e| invalid(e.to_string().trim_end().replace('\n', " ")))?;
    let base_dir = path.parent().unwrap_or(Path::new("."));
    let mut specs: Vec<CliSpec> = Vec::new();
    for def in file.runtime {
        let name = def.name.clone();
        if builtins.iter().any(|b| b.name == name) || specs.iter().any(|s| s.name == name) {
            return Err(invalid(format!(
                "runtime `{name}` is defined twice (built-in runtimes cannot be redefined: give it another name and `extends = \"{name}\"`)"
            )));
        }
        let base = match &def.extends {
            Some(parent) => Some(builtins.iter().find(|b| &b.name == parent).ok_or_else(|| {
                let known: Vec<&str> = builtins.iter().map(|b| b.name.as_str()).collect();
                invalid(format!(
                    "runtime `{name}` extends unknown runtime `{parent}`; built-in: {}",
                    known.join(", ")
                ))
            })?),
            None => None,
        };
        let missing =
            |field: &str| invalid(format!("runtime `{name}` needs `{field}` (or `extends`)"));
        let binary_given = def.binary.is_some();
        let binary = match (def.binary, base) {
            (Some(binary), _) if binary.contains('/') && !Path::new(&binary).is_absolute() => {
                base_dir.join(binary).to_string_lossy().into_owned()
            }
            (Some(binary), _) => binary,
            (None, Some(base)) => base.binary.clone(),
            (None, None) => return Err(missing("binary")),
        };
        let run = match (def.run, base) {
            (Some(run), _) => run,
            (None, Some(base)) => base.run.clone(),
            (None, None) => return Err(missing("run")),
        };
        if !feature_args_placed(&def.feature_args, &run) {
            return Err(invalid(format!(
                "runtime `{name}` has `feature_args` but its `run` has no `{{features}}` to put them"
            )));
        }
        let inherit = |own: Option<Vec<String>>, pick: fn(&CliSpec) -> &Vec<String>| {
            own.or_else(|| base.map(|b| pick(b).clone()))
                .unwrap_or_default()
        };
        specs.push(CliSpec {
            name: def.name,
            binary,
            run,
            feature_args: inherit(def.feature_args, |b| &b.feature_args),
            dir: inherit(def.dir, |b| &b.dir),
            env: inherit(def.env, |b| &b.env),
            version: def
                .version
                .or_else(|| base.map(|b| b.version.clone()))
                .unwrap_or_else(|| vec!["--version".into()]),
            process_env: def
                .process_env
                .or_else(|| base.map(|b| b.process_env.clone()))
                .unwrap_or_default(),
            cache: inherit(def.cache, |b| &b.cache),
            cache_env: def
                .cache_env
                .or_else(|| base.map(|b| b.cache_env.clone()))
                .unwrap_or_default(),
            classify: def
                .classify
                .or_else(|| base.map(|b| b.classify.clone()))
                .unwrap_or_default(),
            capabilities: def
                .capabilities
                .or_else(|| base.map(|b| b.capabilities))
                .unwrap_or(Capabilities {
                    wasi: true,
                    guest_path_remap: true,
                    invoke: false,
                    scripts: false,
                }),
            scripts: base.and_then(|b| b.scripts),
            // A binary of its own is found under its own name.
            locate_as: base
                .filter(|_| !binary_given)
                .and_then(|b| b.locate_as.clone()),
        });
    }
    Ok(specs)
}

/// Whether `feature_args` given in a file have a place in `run`.
fn feature_args_placed(feature_args: &Option<Vec<String>>, run: &[String]) -> bool {
    feature_args.as_ref().is_none_or(|args| args.is_empty())
        || run.iter().any(|t| t == "{features}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin_specs;

    #[test]
    fn extends_takes_everything_but_what_is_given() {
        let text = "[[runtime]]\nname = \"wasmtime-42\"\nextends = \"wasmtime\"\nbinary = \"bin/wasmtime\"\n";
        let specs =
            parse_runtime_file(Path::new("/cfg/runtimes.toml"), text, &builtin_specs()).unwrap();
        let wasmtime = builtin_specs()
            .into_iter()
            .find(|s| s.name == "wasmtime")
            .unwrap();
        assert_eq!(specs[0].name, "wasmtime-42");
        assert_eq!(specs[0].binary, "/cfg/bin/wasmtime");
        assert_eq!(specs[0].run, wasmtime.run);
        assert_eq!(specs[0].classify, wasmtime.classify);
        assert_eq!(specs[0].feature_args, wasmtime.feature_args);
        let text =
            "[[runtime]]\nname = \"wasmtime-mvp\"\nextends = \"wasmtime\"\nfeature_args = []\n";
        let specs =
            parse_runtime_file(Path::new("/cfg/runtimes.toml"), text, &builtin_specs()).unwrap();
        assert!(specs[0].feature_args.is_empty());
    }

    #[test]
    fn errors_name_the_file_and_what_is_wrong() {
        let path = Path::new("rt.toml");
        let err = |text: &str| {
            parse_runtime_file(path, text, &builtin_specs())
                .unwrap_err()
                .to_string()
        };
        assert!(err("[[runtime]]\nname = \"x\"\n").contains("rt.toml: runtime `x` needs `binary`"));
        assert!(
            err("[[runtime]]\nname = \"wasmtime\"\nbinary = \"w\"\nrun = []\n")
                .contains("defined twice")
        );
        assert!(
            err("[[runtime]]\nname = \"y\"\nextends = \"nope\"\n")
                .contains("extends unknown runtime `nope`")
        );
        assert!(
            err("[[runtime]]\nname = \"f\"\nbinary = \"f\"\nrun = [\"{module}\"]\nfeature_args = [\"--gc\"]\n")
                .contains("no `{features}`")
        );
        let parse = err("[[runtime]]\nname = 3\n");
        assert!(
            parse.starts_with("rt.toml: ") && parse.contains("line 2"),
            "{parse}"
        );
        assert!(
            err("[[runtime]]\nname = \"z\"\nbinray = \"typo\"\n")
                .contains("unknown field `binray`")
        );
    }
}
