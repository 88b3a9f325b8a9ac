//! A fresh scratch directory per job: a copy of the module and of each
//! fixture dir, so that no run sees another's writes and the suite's own
//! files are never touched.

use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

use conformance_adapters::{Preopen, WasiJob};
use conformance_suites::WasiCase;

/// Copy the case's module and fixtures into `scratch` (which must exist and be
/// empty) and describe the job that runs it there.
pub fn prepare_wasi_job(
    case: &WasiCase,
    scratch: &Path,
    timeout: Duration,
    output_cap: usize,
) -> io::Result<WasiJob> {
    let file_name = case
        .wasm
        .file_name()
        .unwrap_or_else(|| "case.wasm".as_ref());
    let module = scratch.join(file_name);
    fs::copy(&case.wasm, &module)?;
    let mut preopens = Vec::new();
    for (guest, fixture) in case.fixture_dirs() {
        let host = scratch.join(&fixture);
        conformance_adapters::copy_tree(&case.dir.join(&fixture), &host)?;
        preopens.push(Preopen { guest, host });
    }
    Ok(WasiJob {
        module,
        args: case.spec.args.clone(),
        env: case
            .spec
            .env
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        preopens,
        stdin: case.spec.stdin.clone().unwrap_or_default().into_bytes(),
        scratch: scratch.to_path_buf(),
        timeout,
        output_cap,
    })
}
