//! Which of the 46 `wasi_snapshot_preview1` functions the WASI suite
//! exercises, on a success path and on an error path, from each case's
//! `covers` declaration. A declaration is checked against the module's
//! imports, so a case cannot claim a function it never calls.

use std::collections::BTreeMap;

use crate::{SuiteError, WasiCase};

/// Every function of `wasi_snapshot_preview1`, in the witx order: the
/// names of the reference runtime's one typed table
/// ([`reference_runtime::wasi::FUNCTIONS`]), so the coverage count and the
/// host cannot disagree about what preview1 is.
pub const PREVIEW1_FUNCTIONS: [&str; 46] = reference_runtime::wasi::NAMES;

/// Paths that no case can take honestly, with the reason: a function on
/// this list is not required to have a case on that path.
pub const NO_SUCCESS_PATH: &[(&str, &str)] = &[
    ("sock_accept", SOCKETS),
    ("sock_recv", SOCKETS),
    ("sock_send", SOCKETS),
    ("sock_shutdown", SOCKETS),
];

/// See [`NO_SUCCESS_PATH`].
pub const NO_ERROR_PATH: &[(&str, &str)] = &[
    (
        "proc_exit",
        "it takes any exit code and does not return: there is no errno to observe",
    ),
    (
        "sched_yield",
        "it takes no argument and the witx text gives it no error",
    ),
];

const SOCKETS: &str = "a preview1 guest cannot create a socket; only one the host preopens works, and the CLIs (node:wasi among them) cannot all preopen one";

/// The reason a path needs no case, if it does not.
pub fn exempt(function: &str, error_path: bool) -> Option<&'static str> {
    let list = if error_path {
        NO_ERROR_PATH
    } else {
        NO_SUCCESS_PATH
    };
    list.iter()
        .find(|(f, _)| *f == function)
        .map(|(_, why)| *why)
}

/// The cases covering one function.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunctionCoverage {
    /// Cases that call it where it must succeed.
    pub success: Vec<String>,
    /// Cases that call it where it must fail.
    pub error: Vec<String>,
}

/// The function × case table, and the declarations that do not hold.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// By function, every preview1 function present.
    pub functions: BTreeMap<&'static str, FunctionCoverage>,
    /// `case: problem`, for unknown functions or functions the module does
    /// not import.
    pub problems: Vec<String>,
}

impl Coverage {
    /// Functions with no success case or no error case, where one is
    /// possible (see [`NO_SUCCESS_PATH`], [`NO_ERROR_PATH`]).
    pub fn gaps(&self) -> Vec<String> {
        let mut gaps = Vec::new();
        for f in PREVIEW1_FUNCTIONS {
            let c = &self.functions[f];
            if c.success.is_empty() && exempt(f, false).is_none() {
                gaps.push(format!("{f}: no success case"));
            }
            if c.error.is_empty() && exempt(f, true).is_none() {
                gaps.push(format!("{f}: no error-path case"));
            }
        }
        gaps
    }
}

/// The preview1 functions a module imports.
pub fn preview1_imports(wasm: &[u8]) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::ImportSection(reader) = payload.map_err(|e| e.to_string())? {
            for import in reader.into_imports() {
                let import = import.map_err(|e| e.to_string())?;
                if import.module == reference_runtime::wasi::MODULE {
                    names.push(import.name.to_string());
                }
            }
        }
    }
    Ok(names)
}

/// Tally the `covers` declarations of `cases`.
pub fn coverage(cases: &[WasiCase]) -> Result<Coverage, SuiteError> {
    let mut coverage = Coverage {
        functions: PREVIEW1_FUNCTIONS
            .iter()
            .map(|f| (*f, FunctionCoverage::default()))
            .collect(),
        problems: Vec::new(),
    };
    for case in cases {
        let covers = &case.spec.covers;
        if covers.is_empty() {
            continue;
        }
        let bytes = std::fs::read(&case.wasm).map_err(SuiteError::io(&case.wasm))?;
        let imports = match preview1_imports(&bytes) {
            Ok(imports) => imports,
            Err(e) => {
                coverage.problems.push(format!(
                    "{}: cannot read the module's imports: {e}",
                    case.name
                ));
                continue;
            }
        };
        for (path, functions) in [("success", &covers.success), ("error", &covers.error)] {
            for function in functions {
                let Some(entry) = coverage.functions.get_mut(function.as_str()) else {
                    coverage.problems.push(format!(
                        "{}: `{function}` is not a preview1 function",
                        case.name
                    ));
                    continue;
                };
                if !imports.contains(function) {
                    coverage.problems.push(format!(
                        "{}: covers `{function}` but the module does not import it",
                        case.name
                    ));
                    continue;
                }
                let list = if path == "success" {
                    &mut entry.success
                } else {
                    &mut entry.error
                };
                list.push(case.name.clone());
            }
        }
    }
    Ok(coverage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_the_tables_and_every_exemption_names_a_function_in_it() {
        assert_eq!(PREVIEW1_FUNCTIONS.len(), 46);
        for (f, name) in reference_runtime::wasi::FUNCTIONS
            .iter()
            .zip(PREVIEW1_FUNCTIONS)
        {
            assert_eq!(f.name, name);
        }
        for (f, _) in NO_SUCCESS_PATH.iter().chain(NO_ERROR_PATH) {
            assert!(PREVIEW1_FUNCTIONS.contains(f), "{f}");
        }
    }
}
