//! Sharding a run and merging the shards' records gives the same results as
//! the whole run: every case in exactly one shard, nothing lost or doubled.
//! Runs the WASI suite on the in-process reference runtime.

use std::sync::Arc;

use conformance_adapters::ReferenceRuntime;
use conformance_harness::{MergeError, Plan, RunRecord, Shard, run};

mod support;

fn plan(shard: Option<Shard>) -> Plan {
    support::wasi_plan(Arc::new(ReferenceRuntime::new()), None, 2, 1, shard)
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
