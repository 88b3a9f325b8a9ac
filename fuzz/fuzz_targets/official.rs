//! The official wasi-testsuite layout's inputs: the text of a
//! `manifest.json`, and a JSON value as the `operations` of the
//! operation-based test format. Either gives a name / a case or nothing /
//! an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = conformance_suites::official::parse_manifest_name(text);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = conformance_suites::official::from_operations(serde_json::json!({
            "operations": value,
        }));
        let _ = conformance_suites::official::from_operations(value);
    }
});
