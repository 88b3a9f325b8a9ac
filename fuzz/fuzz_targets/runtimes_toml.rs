//! `runtimes.toml`, the user's runtimes defined as data: any text gives
//! runtime specs or an error naming the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::LazyLock;

static BUILTINS: LazyLock<Vec<conformance_adapters::CliSpec>> =
    LazyLock::new(conformance_adapters::builtin_specs);

fuzz_target!(|text: &str| {
    if let Err(e) =
        conformance_adapters::parse_runtime_file(Path::new("runtimes.toml"), text, &BUILTINS)
    {
        assert!(e.to_string().contains("runtimes.toml"), "{e}");
    }
});
