//! The official wasi-testsuite layout, as found in its repository: a
//! `manifest.json` naming each test directory, legacy `.json` keys, and the
//! operation-based format (`{"proposals": [...], "operations": [...]}`),
//! whose `run`, `read` and `wait` operations describe a preview1 command.
//! Tests that need more (components, the sockets or http proposals, other
//! operations) are loaded as cases that are skipped with the reason.

use std::path::Path;

use serde::Deserialize;

use crate::{CaseSpec, OneOrMany};

/// The name a `manifest.json` gives its directory, if there is one.
pub fn manifest_name(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("manifest.json")).ok()?;
    parse_manifest_name(&text)
}

/// The name in the text of a `manifest.json`, if it is one.
pub fn parse_manifest_name(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Manifest {
        name: String,
    }
    serde_json::from_str::<Manifest>(text).ok().map(|m| m.name)
}

/// Why a module cannot run as a preview1 command, when it is a component
/// (preview2 and later tests) rather than a core module.
pub fn component_reason(wasm: &[u8]) -> Option<String> {
    // A component's preamble is `\0asm` then version 0x0d and layer 1.
    (wasm.len() >= 8 && &wasm[..4] == b"\0asm" && wasm[6..8] == [1, 0]).then(|| {
        "a component (a WASI 0.2/0.3 test): only preview1 core modules are run".to_string()
    })
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Operation {
    Run {
        #[serde(default)]
        args: Vec<String>,
        #[serde(default)]
        env: std::collections::BTreeMap<String, String>,
        #[serde(default)]
        dirs: Vec<String>,
    },
    Read {
        id: String,
        payload: String,
    },
    Wait {
        #[serde(default)]
        exit_code: i32,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
struct OperationSpec {
    #[serde(default)]
    proposals: Vec<String>,
    operations: Vec<serde_json::Value>,
}

/// Turn an operation-based specification into a case; the error is what is
/// malformed. A test this harness cannot run becomes a spec whose
/// `unsupported` says why.
pub fn from_operations(value: serde_json::Value) -> Result<CaseSpec, String> {
    let spec: OperationSpec = serde_json::from_value(value).map_err(|e| e.to_string())?;
    let mut case = CaseSpec::default();
    if !spec.proposals.is_empty() {
        case.unsupported = Some(format!(
            "needs the {} proposal(s)",
            spec.proposals.join(", ")
        ));
        return Ok(case);
    }
    let (mut stdout, mut stderr) = (None::<String>, None::<String>);
    for value in spec.operations {
        let kind = value
            .get("type")
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_string();
        match serde_json::from_value::<Operation>(value)
            .map_err(|e| format!("operation `{kind}`: {e}"))?
        {
            Operation::Run { args, env, dirs } => {
                case.args = args;
                case.env = env;
                case.dirs = dirs;
            }
            Operation::Read { id, payload } => {
                let stream = match id.as_str() {
                    "stdout" => &mut stdout,
                    "stderr" => &mut stderr,
                    other => {
                        case.unsupported =
                            Some(format!("reads from `{other}`, not a stdio stream"));
                        continue;
                    }
                };
                stream.get_or_insert_with(String::new).push_str(&payload);
            }
            Operation::Wait { exit_code } => case.exit_code = Some(OneOrMany::One(exit_code)),
            Operation::Other => {
                case.unsupported = Some(format!(
                    "uses the `{kind}` operation, which preview1 commands do not"
                ));
            }
        }
    }
    case.stdout = stdout.map(OneOrMany::One);
    case.stderr = stderr.map(OneOrMany::One);
    Ok(case)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_read_wait_become_a_case() {
        let value = serde_json::json!({"operations": [
            {"type": "run", "args": ["a"], "env": {"K": "V"}, "dirs": ["fs.dir"]},
            {"type": "read", "id": "stdout", "payload": "hello\n"},
            {"type": "wait", "exit_code": 3}
        ]});
        let case = from_operations(value).unwrap();
        assert_eq!(case.args, ["a"]);
        assert_eq!(case.dirs, ["fs.dir"]);
        assert_eq!(case.stdout, Some(OneOrMany::One("hello\n".into())));
        assert_eq!(case.exit_code, Some(OneOrMany::One(3)));
        assert_eq!(case.unsupported, None);
    }

    #[test]
    fn proposals_and_other_operations_are_unsupported() {
        let sockets =
            from_operations(serde_json::json!({"proposals": ["sockets"], "operations": []}))
                .unwrap();
        assert_eq!(
            sockets.unsupported.as_deref(),
            Some("needs the sockets proposal(s)")
        );
        let connect =
            from_operations(serde_json::json!({"operations": [{"type": "connect"}]})).unwrap();
        assert!(connect.unsupported.unwrap().contains("`connect`"));
    }

    #[test]
    fn components_are_told_apart_from_modules() {
        assert!(component_reason(b"\0asm\x0d\0\x01\0").is_some());
        assert!(component_reason(b"\0asm\x01\0\0\0").is_none());
    }
}
