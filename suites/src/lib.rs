//! The cases wasi-conformance runs: the WASI suite kept in this repository
//! (and any directory in the wasi-testsuite layout), the expectations (known
//! failures) per runtime, and the builder that turns case sources into the
//! committed `.wasm` files.

pub mod build;
pub mod coverage;
mod error;
pub mod expectations;
pub mod official;
pub mod spec;
pub mod wasi;

pub use error::SuiteError;
pub use expectations::{Expectation, Expectations, ExpectedOutcome};
pub use spec::{SPEC_DIRECTORIES, SpecScript, spec_scripts};
pub use wasi::{CaseSpec, Covers, FsExpectation, OneOrMany, WasiCase, load_wasi_dir};

use std::path::{Path, PathBuf};

/// The folder of this crate (`suites/` in the repository).
pub fn suites_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The WASI suite written here.
pub fn wasi_suite_dir() -> PathBuf {
    suites_root().join("wasi")
}

/// Where per-runtime expectation files live.
pub fn expectations_dir() -> PathBuf {
    suites_root().join("expectations")
}
