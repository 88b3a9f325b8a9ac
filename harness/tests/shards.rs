//! Sharding a run and merging the shards' records gives the same results as
//! the whole run: every case in exactly one shard, nothing lost or doubled.
//! Runs the WASI suite on the in-process reference runtime.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use conformance_adapters::{ReferenceRuntime, Runtime};
use conformance_harness::{Case, Limits, MergeError, Plan, RunRecord, Shard, Suite, run};
use conformance_suites::{load_wasi_dir, wasi_suite_dir};

fn plan(shard: Option<Shard>) -> Plan {
    let cases = load_wasi_dir(&wasi_suite_dir().join("tests")).unwrap();
    Plan {
        runtimes: vec![Arc::new(ReferenceRuntime::new()) as Arc<dyn Runtime>],
        skipped_runtimes: Vec::new(),
        suites: vec![Suite {
            name: "wasi".into(),
            cases: cases.into_iter().map(|c| Case::Wasi(Box::new(c))).collect(),
        }],
        expectations: BTreeMap::new(),
        jobs: 2,
        limits: Limits {
            timeout: Duration::from_secs(20),
            output_cap: 1 << 20,
        },
        filter: None,
        progress: false,
        shard,
        repeat: 1,
    }
}

fn verdicts(record: &RunRecord) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = record
        .results
        .iter()
        .map(|r| (r.case.clone(), r.verdict.as_str().to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn three_shards_merge_into_the_whole_run() {
    let whole = run(&plan(None)).unwrap();
    let shards: Vec<RunRecord> = (1..=3)
        .map(|k| run(&plan(Some(Shard { index: k, count: 3 }))).unwrap())
        .collect();
    let sizes: Vec<usize> = shards.iter().map(|s| s.results.len()).collect();
    assert!(sizes.iter().all(|n| *n > 0), "an empty shard: {sizes:?}");
    let merged = RunRecord::merge(shards.clone()).unwrap();
    assert_eq!(verdicts(&merged), verdicts(&whole));
    assert_eq!(merged.options.shards, ["1/3", "2/3", "3/3"]);
    assert!(matches!(
        RunRecord::merge(vec![shards[0].clone(), shards[0].clone()]),
        Err(MergeError::Duplicate { .. })
    ));
    let mut other = shards[1].clone();
    other.runtimes[0].version = "9.9.9".into();
    assert!(matches!(
        RunRecord::merge(vec![shards[0].clone(), other]),
        Err(MergeError::RuntimeVersion { .. })
    ));
}

#[test]
fn shard_syntax() {
    assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, count: 8 }));
    for bad in ["0/3", "4/3", "x", "1/", "/2"] {
        assert!(Shard::parse(bad).is_err(), "{bad}");
    }
}
