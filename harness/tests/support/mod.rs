//! What the harness's run tests share: a plan over the WASI suite, and
//! the info of a runtime made up for a test.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use conformance_adapters::{Capabilities, Runtime, RuntimeInfo};
use conformance_harness::{Case, Limits, Plan, Shard, Suite};
use conformance_suites::{load_wasi_dir, wasi_suite_dir};

/// The WASI suite on `runtime`: cases matching `filter`, on `jobs`
/// threads, each run `repeat` times, this `shard` of them.
pub fn wasi_plan(
    runtime: Arc<dyn Runtime>,
    filter: Option<&str>,
    jobs: usize,
    repeat: usize,
    shard: Option<Shard>,
) -> Plan {
    let cases = load_wasi_dir(&wasi_suite_dir().join("tests")).expect("the WASI suite loads");
    Plan {
        runtimes: vec![runtime],
        skipped_runtimes: Vec::new(),
        suites: vec![Suite {
            name: "wasi".into(),
            cases: cases.into_iter().map(|c| Case::Wasi(Box::new(c))).collect(),
        }],
        expectations: BTreeMap::new(),
        jobs,
        limits: Limits {
            timeout: Duration::from_secs(20),
            output_cap: 1 << 20,
        },
        filter: filter.map(String::from),
        progress: false,
        shard,
        repeat,
    }
}

/// A WASI runtime's info, named `name`, version 1.
#[allow(dead_code)]
pub fn info(name: &str) -> RuntimeInfo {
    RuntimeInfo {
        name: name.into(),
        version: "1".into(),
        binary: None,
        capabilities: Capabilities {
            wasi: true,
            guest_path_remap: true,
            invoke: false,
            scripts: false,
        },
    }
}
