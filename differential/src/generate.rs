//! Modules from seeds: wasm-smith under a differential configuration, so
//! that every runtime must give the oracle's answer bit for bit.

use arbitrary::Unstructured;
use conformance_seed::SeedRng;

/// The proposals a campaign may generate, beyond the baseline (Wasm 2.0
/// without SIMD) every runtime is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Proposals {
    /// Fixed-width SIMD.
    pub simd: bool,
    /// Tail calls.
    pub tail_call: bool,
    /// Extended constant expressions.
    pub extended_const: bool,
    /// More than one memory.
    pub multi_memory: bool,
}

impl Proposals {
    /// The proposals every runtime in `names` supports, from the measured
    /// spec feature matrix (`docs/measurements/spec-all-runtimes-*.md`):
    /// a runtime that refused a proposal in its spec scripts, wholly or in
    /// part, does not get it.
    pub fn shared_by<'a>(names: impl IntoIterator<Item = &'a str>) -> Proposals {
        let mut shared = Proposals {
            simd: true,
            tail_call: true,
            extended_const: true,
            multi_memory: true,
        };
        for name in names {
            let base = name.split('@').next().unwrap_or(name);
            let measured = match base {
                "reference" | "wasmtime" | "wasmi" => shared,
                "wasmer" => Proposals {
                    tail_call: false,
                    ..shared
                },
                "node" => Proposals {
                    multi_memory: false,
                    ..shared
                },
                "wasmedge" => shared,
                "wamr" | "wazero" => Proposals {
                    tail_call: false,
                    extended_const: false,
                    multi_memory: false,
                    ..shared
                },
                "wamr-classic" => Proposals::default(),
                // Not measured: the baseline only.
                _ => Proposals::default(),
            };
            shared = Proposals {
                simd: shared.simd && measured.simd,
                tail_call: shared.tail_call && measured.tail_call,
                extended_const: shared.extended_const && measured.extended_const,
                multi_memory: shared.multi_memory && measured.multi_memory,
            };
        }
        shared
    }
}

/// The wasm-smith configuration of a differential case: NaNs canonicalized
/// (so results do not depend on a runtime's NaN choices), everything
/// exported and nothing imported, memories and tables small and with a
/// required maximum (so `grow` is deterministic), no threads and no relaxed
/// SIMD (implementation-defined results).
pub fn differential_config(proposals: &Proposals) -> wasm_smith::Config {
    wasm_smith::Config {
        canonicalize_nans: true,
        export_everything: true,
        max_imports: 0,
        min_funcs: 1,
        max_funcs: 20,
        max_memories: if proposals.multi_memory { 2 } else { 1 },
        memory_max_size_required: true,
        max_memory32_bytes: 16 << 16,
        memory64_enabled: false,
        max_tables: 2,
        max_table_elements: 100,
        table_max_size_required: true,
        bulk_memory_enabled: true,
        reference_types_enabled: true,
        multi_value_enabled: true,
        saturating_float_to_int_enabled: true,
        sign_extension_ops_enabled: true,
        simd_enabled: proposals.simd,
        relaxed_simd_enabled: false,
        tail_call_enabled: proposals.tail_call,
        extended_const_enabled: proposals.extended_const,
        threads_enabled: false,
        exceptions_enabled: false,
        gc_enabled: false,
        custom_page_sizes_enabled: false,
        wide_arithmetic_enabled: false,
        ..wasm_smith::Config::default()
    }
}

/// Fuel each generated function gets per call (wasm-smith's
/// `ensure_termination`): a loop that would not end traps with
/// `unreachable` on every runtime alike, so it is compared, not poisoned.
pub const FUEL: u32 = 1_000;

/// The module of `seed`: the same seed and proposals give the same bytes.
pub fn module_for_seed(seed: u64, proposals: &Proposals) -> Result<Vec<u8>, arbitrary::Error> {
    let bytes = SeedRng::new(seed).take(16 << 10);
    let mut u = Unstructured::new(&bytes);
    let mut module = wasm_smith::Module::new(differential_config(proposals), &mut u)?;
    module
        .ensure_termination(FUEL)
        .map_err(|_| arbitrary::Error::IncorrectFormat)?;
    Ok(module.to_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_valid_module_every_time() {
        let proposals = Proposals::shared_by(["wasmtime"]);
        let a = module_for_seed(7, &proposals).expect("a module");
        let b = module_for_seed(7, &proposals).expect("a module");
        assert_eq!(a, b);
        assert_ne!(a, module_for_seed(8, &proposals).expect("a module"));
        let features = wasmparser_features(&proposals);
        wasm_smith_validate(&a, features);
    }

    fn wasmparser_features(p: &Proposals) -> reference_runtime::WasmFeatures {
        use reference_runtime::WasmFeatures as F;
        let mut f = F::WASM2.difference(F::SIMD);
        f.set(F::SIMD, p.simd);
        f.set(F::TAIL_CALL, p.tail_call);
        f.set(F::EXTENDED_CONST, p.extended_const);
        f.set(F::MULTI_MEMORY, p.multi_memory);
        f
    }

    fn wasm_smith_validate(bytes: &[u8], features: reference_runtime::WasmFeatures) {
        let mut config = reference_runtime::Config::default();
        config.features(features);
        let engine = reference_runtime::Engine::new(&config);
        reference_runtime::Module::new(&engine, bytes)
            .expect("validates under exactly the proposals asked for");
    }

    #[test]
    fn proposals_are_those_every_runtime_supports() {
        let all = Proposals::shared_by(["reference", "wasmtime"]);
        assert!(all.simd && all.tail_call && all.multi_memory);
        let with_wazero = Proposals::shared_by(["wasmtime", "wazero"]);
        assert!(with_wazero.simd && !with_wazero.tail_call && !with_wazero.multi_memory);
        assert_eq!(Proposals::shared_by(["wamr-classic"]), Proposals::default());
    }
}
