//! The self-check of the probe instrumenter: every spec script of wasm-v1,
//! wasm-v2 and SIMD, run on the reference runtime through probes (WASI
//! commands run by the reference adapter), gives the same per-directive
//! verdicts as the reference's in-process driver. Directives the probe
//! path skips (linking across modules, text-format malformations) are
//! counted, not compared; any other difference is an instrumenter bug.

use std::collections::BTreeMap;
use std::time::Duration;

use conformance_adapters::{ReferenceRuntime, ScriptJob, run_script_through_probes};
use conformance_probe::ProbeOptions;
use conformance_suites::spec_scripts;
use libtest_mimic::{Arguments, Failed, Trial};
use reference_runtime::wast::{Outcome, run_script, suite_features};

fn check(name: &str, group: &str, text: &str) -> Result<(), Failed> {
    let features = suite_features(group).ok_or("no feature set")?;
    let mut config = reference_runtime::Config::default();
    config.features(features);
    let in_process = run_script(name, text, &config);
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let job = ScriptJob {
        name: name.to_string(),
        group: group.to_string(),
        text: text.to_string(),
    };
    let runtime = ReferenceRuntime::new();
    let options = ProbeOptions { host_refs: true };
    let probed = run_script_through_probes(
        &runtime,
        &job,
        &options,
        scratch.path(),
        Duration::from_secs(60),
        None,
    );
    if let Some(e) = &probed.parse_error {
        return Err(format!("the probe path did not parse the script: {e}").into());
    }
    let failed: BTreeMap<usize, &str> = probed
        .failures
        .iter()
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    let skipped: std::collections::BTreeSet<usize> = probed
        .skips
        .iter()
        .flat_map(|g| g.lines.iter().copied())
        .collect();
    let mut differences = Vec::new();
    for d in &in_process.directives {
        if skipped.contains(&d.line) {
            continue;
        }
        let probe_failed = failed.get(&d.line);
        match (&d.outcome, probe_failed) {
            (Outcome::Pass, None) | (Outcome::Fail(_), Some(_)) | (Outcome::Skip(_), _) => {}
            (Outcome::Pass, Some(why)) => {
                let f = probed.failures.iter().find(|f| f.line == d.line);
                differences.push(format!(
                    "line {} ({}): in-process passes, the probe fails: {why} (expected {:?}, observed {:?})",
                    d.line,
                    d.kind,
                    f.and_then(|f| f.expected.clone()),
                    f.and_then(|f| f.observed.clone())
                ));
            }
            (Outcome::Fail(why), None) => differences.push(format!(
                "line {} ({}): in-process fails ({why}), the probe passes",
                d.line, d.kind
            )),
        }
    }
    if differences.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of {} directives differ ({} skipped on the probe path):\n{}",
            differences.len(),
            in_process.directives.len(),
            probed.skipped,
            differences
                .iter()
                .take(20)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        )
        .into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let trials = spec_scripts(&["wasm-v1", "wasm-v2", "proposals/simd"])
        .into_iter()
        .map(|s| Trial::test(s.name.clone(), move || check(&s.name, &s.group, s.text)))
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
