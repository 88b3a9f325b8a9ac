//! The wasm-smith configuration for generated modules: exactly the
//! interpreter's features (`Config::supported_features()`), small memories
//! and tables within `exercise::config()`'s limits, everything exported.
//! Shared by `tests/smith.rs`, `tests/modes.rs` and the `smith` and `modes`
//! fuzz targets (included by path), so CI and fuzzing generate the same
//! kinds of module.

use reference_runtime::{Config, WasmFeatures};

/// What wasm-smith may generate: the interpreter's features, small
/// memories and tables (within `exercise::config()`'s limits), everything
/// exported so that every function gets called.
pub fn smith_config() -> wasm_smith::Config {
    let supported = Config::supported_features();
    let has = |feature| supported.contains(feature);
    wasm_smith::Config {
        bulk_memory_enabled: has(WasmFeatures::BULK_MEMORY),
        reference_types_enabled: has(WasmFeatures::REFERENCE_TYPES),
        multi_value_enabled: has(WasmFeatures::MULTI_VALUE),
        saturating_float_to_int_enabled: has(WasmFeatures::SATURATING_FLOAT_TO_INT),
        sign_extension_ops_enabled: has(WasmFeatures::SIGN_EXTENSION),
        simd_enabled: has(WasmFeatures::SIMD),
        relaxed_simd_enabled: has(WasmFeatures::RELAXED_SIMD),
        tail_call_enabled: has(WasmFeatures::TAIL_CALL),
        extended_const_enabled: has(WasmFeatures::EXTENDED_CONST),
        memory64_enabled: has(WasmFeatures::MEMORY64),
        custom_page_sizes_enabled: has(WasmFeatures::CUSTOM_PAGE_SIZES),
        wide_arithmetic_enabled: has(WasmFeatures::WIDE_ARITHMETIC),
        exceptions_enabled: has(WasmFeatures::EXCEPTIONS),
        gc_enabled: has(WasmFeatures::GC) && has(WasmFeatures::FUNCTION_REFERENCES),
        threads_enabled: has(WasmFeatures::THREADS),
        compact_imports_enabled: has(WasmFeatures::COMPACT_IMPORTS),
        max_memories: if has(WasmFeatures::MULTI_MEMORY) {
            2
        } else {
            1
        },
        max_memory32_bytes: 1 << 20,
        max_memory64_bytes: 1 << 20,
        max_table_elements: 1_000,
        export_everything: true,
        allow_start_export: false,
        ..wasm_smith::Config::default()
    }
}

/// [`smith_config`] for comparisons of exact bits and of code: every NaN
/// canonicalized (wasm-smith adds the code after each float operation; the
/// spec lets NaN payloads vary, so only canonical NaNs may be compared as
/// bits), at least two functions, and few types, imports, globals, tags
/// and segments, so that the input's bytes go into function bodies.
/// Without GC: nothing bounds the GC heap, and one `array.new` may take
/// 2^24 slots (256 MiB), so a few of them within the fuel took the first
/// `modes` run past libFuzzer's 2 GB limit; the GC instructions run in the
/// general loop, the same code in both modes. Used by `tests/modes.rs` and
/// the `modes` fuzz target.
#[allow(dead_code)] // Each test crate that includes this file uses one of the two.
pub fn modes_smith_config() -> wasm_smith::Config {
    wasm_smith::Config {
        canonicalize_nans: true,
        min_funcs: 2,
        max_types: 8,
        max_imports: 4,
        max_globals: 8,
        max_tags: 4,
        max_data_segments: 4,
        max_element_segments: 4,
        gc_enabled: false,
        ..smith_config()
    }
}

/// `len` pseudo-random bytes for wasm-smith's `Unstructured`, from a
/// xorshift64 state that advances with each byte, so a test that draws
/// modules one after another is reproducible from its first seed.
pub fn pseudo_random_bytes(seed: &mut u64, len: usize) -> Vec<u8> {
    (0..len)
        .map(|_| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed as u8
        })
        .collect()
}
