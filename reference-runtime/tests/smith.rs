//! Robustness of the interpreter on generated modules: wasm-smith modules
//! (Wasm 2.0 features without SIMD, plus tail calls and multi-memory) are
//! validated, instantiated with stub imports and every exported function
//! is called with fuel. Nothing may panic; traps are fine.

use arbitrary::Unstructured;
use reference_runtime::{
    Config, Engine, Extern, Func, Global, ImportType, Instance, Memory, Module, Store, Table, Val,
};

fn smith_config() -> wasm_smith::Config {
    wasm_smith::Config {
        simd_enabled: false,
        relaxed_simd_enabled: false,
        exceptions_enabled: false,
        compact_imports_enabled: false,
        export_everything: true,
        allow_start_export: false,
        gc_enabled: false,
        memory64_enabled: false,
        threads_enabled: false,
        wide_arithmetic_enabled: false,
        custom_page_sizes_enabled: false,
        max_memories: 2,
        max_memory32_bytes: 1 << 20,
        ..wasm_smith::Config::default()
    }
}

/// Stub imports of the right types: host functions returning zeros, fresh
/// tables, memories and globals.
fn stub_imports(store: &mut Store<()>, module: &Module) -> Option<Vec<Extern>> {
    let mut imports = Vec::new();
    for import in module.imports() {
        imports.push(match &import.ty {
            ImportType::Func(ty) => {
                let ty = module.func_type(*ty)?.clone();
                Extern::Func(Func::new(store, ty.clone(), move |_, _, results| {
                    for (r, t) in results.iter_mut().zip(ty.results()) {
                        *r = Val::default_for(*t);
                    }
                    Ok(())
                }))
            }
            ImportType::Table(ty) => Extern::Table(
                Table::new(
                    store,
                    *ty,
                    Val::default_for(reference_runtime::ValType::Ref(ty.element_type)),
                )
                .ok()?,
            ),
            ImportType::Memory(ty) => Extern::Memory(Memory::new(store, *ty).ok()?),
            ImportType::Global(ty) => {
                Extern::Global(Global::new(store, *ty, Val::default_for(ty.content_type)).ok()?)
            }
            ImportType::Tag => return None,
        });
    }
    Some(imports)
}

#[test]
fn generated_modules_run_without_panicking() {
    let mut config = Config::default();
    config
        .features(Config::supported_features())
        .fuel(Some(20_000))
        .max_memory_pages(64);
    let engine = Engine::new(&config);
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut ran = 0;
    for _ in 0..500 {
        let data: Vec<u8> = (0..4096)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        let mut u = Unstructured::new(&data);
        let Ok(generated) = wasm_smith::Module::new(smith_config(), &mut u) else {
            continue;
        };
        let bytes = generated.to_bytes();
        let module = match Module::new(&engine, &bytes) {
            Ok(m) => m,
            Err(e) => panic!("wasm-smith module rejected: {e}"),
        };
        let mut store = Store::new(&engine, ());
        let Some(imports) = stub_imports(&mut store, &module) else {
            continue;
        };
        let Ok(instance) = Instance::new(&mut store, &module, &imports) else {
            continue;
        };
        for (_, item) in instance.exports(&store) {
            let Extern::Func(func) = item else { continue };
            let ty = func.ty(&store);
            let args: Vec<Val> = ty.params().iter().map(|t| Val::default_for(*t)).collect();
            let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
            store.set_fuel(Some(20_000));
            let _ = func.call(&mut store, &args, &mut results);
            ran += 1;
        }
    }
    eprintln!("ran {ran} generated functions");
    assert!(ran > 0, "no generated function ran");
}
