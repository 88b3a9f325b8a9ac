//! The native script runners (`wasmtime wast`, WABT's `wast2json` +
//! `spectest-interp`) on real binaries: the exact outcome of every
//! directive of a small script, a script that does not parse, and real
//! spec files. A runner whose binary is not installed is skipped with the
//! reason printed (`cargo xtask install-runtimes wasmtime wabt`, or
//! `WASI_CONFORMANCE_RUNTIMES=...`).

use std::collections::BTreeMap;

use conformance_adapters::{
    CliRuntime, Discovery, Runtime, ScriptJob, ScriptObservation, WASMTIME_STOPS, builtin_specs,
};

fn runtime(name: &str) -> Option<CliRuntime> {
    let spec = builtin_specs().into_iter().find(|s| s.name == name)?;
    match CliRuntime::discover(spec, &Discovery::standard(BTreeMap::new())) {
        Ok(rt) => Some(rt),
        Err(e) => {
            eprintln!("SKIPPED: {name} is not available: {e}");
            None
        }
    }
}

fn run(rt: &CliRuntime, name: &str, group: &str, text: &str) -> ScriptObservation {
    rt.run_script(&ScriptJob {
        name: name.into(),
        group: group.into(),
        text: text.into(),
    })
    .unwrap_or_else(|e| panic!("{}: {name}: {e}", rt.info().name))
}

/// Lines 7 (pass), 8 (fail: 1+2 is not 4), 9 (trap, as asserted), 10 (fail).
const SMALL: &str = r#"(module
  (func (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func (export "div") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.div_s))

(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return
  (invoke "add" (i32.const 1) (i32.const 2))
  (i32.const 4))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_return (invoke "add" (i32.const 2) (i32.const 2)) (i32.const 5))
"#;

fn failed_lines(o: &ScriptObservation) -> Vec<(usize, &str)> {
    o.failures
        .iter()
        .map(|f| (f.line, f.kind.as_str()))
        .collect()
}

fn skipped_lines(o: &ScriptObservation) -> Vec<(usize, &str)> {
    o.skips
        .iter()
        .flat_map(|g| g.lines.iter().map(|l| (*l, g.reason.as_str())))
        .collect()
}

#[test]
fn wasmtime_wast_passes_up_to_the_first_failure_and_skips_the_rest() {
    let Some(rt) = runtime("wasmtime-wast") else {
        return;
    };
    let o = run(&rt, "small.wast", "wasm-v1", SMALL);
    assert_eq!(o.parse_error, None);
    // The module and the first assert_return pass; line 8 fails; wasmtime
    // stops there.
    assert_eq!((o.passed, o.failed, o.skipped), (2, 1, 2), "{o:#?}");
    assert_eq!(failed_lines(&o), [(8, "assert_return")]);
    assert!(
        o.failures[0].message.contains("didn't match"),
        "{}",
        o.failures[0].message
    );
    assert_eq!(
        skipped_lines(&o),
        [(11, WASMTIME_STOPS), (12, WASMTIME_STOPS)]
    );
}

#[test]
fn wasmtime_wast_goes_on_past_a_trap_in_its_own_words() {
    let Some(rt) = runtime("wasmtime-wast") else {
        return;
    };
    // wasmtime says `integer divide by zero`: the same class of trap as
    // line 3 asserts, in other words. The rerun with wasmtime's words goes
    // on to line 4, which fails.
    let text = r#"(module (func (export "div") (param i32 i32) (result i32)
  local.get 0 local.get 1 i32.div_u))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero, in other words")
(assert_return (invoke "div" (i32.const 4) (i32.const 2)) (i32.const 3))
(assert_return (invoke "div" (i32.const 4) (i32.const 2)) (i32.const 2))
"#;
    let o = run(&rt, "words.wast", "wasm-v1", text);
    assert_eq!((o.passed, o.failed, o.skipped), (2, 1, 1), "{o:#?}");
    assert_eq!(failed_lines(&o), [(4, "assert_return")]);
    assert_eq!(o.processes, 2);
    assert_eq!(skipped_lines(&o), [(5, WASMTIME_STOPS)]);
}

#[test]
fn wabt_reports_every_directive() {
    let Some(rt) = runtime("wabt") else {
        return;
    };
    let o = run(&rt, "small.wast", "wasm-v1", SMALL);
    assert_eq!(o.parse_error, None);
    assert_eq!((o.passed, o.failed, o.skipped), (3, 2, 0), "{o:#?}");
    // Line 8's failure is named by spectest-interp at line 9 (its action).
    assert_eq!(
        failed_lines(&o),
        [(8, "assert_return"), (12, "assert_return")]
    );
    assert!(
        o.failures[0].message.contains("expected i32:4, got i32:3"),
        "{}",
        o.failures[0].message
    );
    assert!(
        o.failures[1].message.contains("expected i32:5, got i32:4"),
        "{}",
        o.failures[1].message
    );
}

#[test]
fn a_script_that_does_not_parse_runs_nothing() {
    let text = "(module (func (export \"f\") (result i32) i32.const 1 i32.foo))\n(assert_return (invoke \"f\") (i32.const 1))\n";
    for name in ["wasmtime-wast", "wabt"] {
        let Some(rt) = runtime(name) else {
            continue;
        };
        let o = run(&rt, "bad.wast", "wasm-v1", text);
        let error = o.parse_error.as_deref().unwrap_or_default();
        assert!(error.contains("bad.wast:1:"), "{name}: {o:#?}");
        assert_eq!((o.passed, o.failed, o.skipped), (0, 0, 0), "{name}");
    }
}

#[test]
fn a_script_wast2json_cannot_convert_is_skipped_whole() {
    let Some(rt) = runtime("wabt") else {
        return;
    };
    // `module definition` parses here but WABT's text reader does not know it.
    let text = "(module definition $d (func (export \"h\") (result i32) i32.const 3))\n(module instance $i $d)\n(assert_return (invoke $i \"h\") (i32.const 3))\n";
    let o = run(&rt, "def.wast", "wasm-v3", text);
    assert_eq!((o.passed, o.failed, o.skipped), (0, 0, 3), "{o:#?}");
    assert_eq!(o.skips.len(), 1);
    assert!(
        o.skips[0]
            .reason
            .starts_with("wast2json refused the script"),
        "{}",
        o.skips[0].reason
    );
}

#[test]
fn real_spec_files_pass_on_both_runners() {
    let scripts = conformance_suites::spec_scripts(&["wasm-v1"]);
    for name in ["wasmtime-wast", "wabt"] {
        let Some(rt) = runtime(name) else {
            continue;
        };
        for file in ["wasm-v1/i32.wast", "wasm-v1/f32.wast"] {
            let script = scripts
                .iter()
                .find(|s| s.name == file)
                .unwrap_or_else(|| panic!("{file} is not in the suite"));
            let o = run(&rt, &script.name, &script.group, script.text);
            assert_eq!(o.parse_error, None, "{name} {file}");
            assert_eq!(o.failed, 0, "{name} {file}: {:#?}", o.failures);
            assert_eq!(o.skipped, 0, "{name} {file}: {:#?}", o.skips);
            assert!(o.passed > 100, "{name} {file}: {} passed", o.passed);
        }
    }
}
