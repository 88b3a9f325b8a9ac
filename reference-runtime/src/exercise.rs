//! The robustness driver shared by the wasm-smith test (`tests/smith.rs`)
//! and the fuzz targets (`fuzz/fuzz_targets/`): validate the bytes,
//! instantiate them with stub imports, call every exported function with
//! fuel. Rejections and traps are ordinary outcomes; only the interpreter
//! itself can panic here, which is the bug these callers look for.

use crate::{
    Config, Engine, Error, Extern, Func, Global, ImportType, Instance, Memory, Module, Store,
    Table, Val, ValType,
};

/// What [`exercise`] did with one input.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The bytes decoded and validated into a [`Module`].
    pub validated: bool,
    /// Why they did not (`None` when `validated`).
    pub rejection: Option<Error>,
    /// Stub imports were made and instantiation (start function included)
    /// succeeded.
    pub instantiated: bool,
    /// Exported functions called.
    pub calls: usize,
    /// Exported functions not called: a parameter is a non-nullable
    /// reference, which has no default value to pass.
    pub uncallable: usize,
    /// Calls that ended in a trap (running out of fuel included).
    pub traps: usize,
    /// Calls that failed with an error other than a trap: with arguments
    /// and result slots made from the function's own type, none should.
    pub failures: usize,
}

/// The settings robustness runs use: the features this interpreter
/// supports, 20,000 instructions of fuel per call so that loops end, and
/// small memories, tables and stacks so that one input stays cheap.
pub fn config() -> Config {
    let mut config = Config::default();
    config
        .features(Config::supported_features())
        .fuel(Some(20_000))
        .max_memory_pages(64)
        .max_table_elements(10_000)
        .max_call_depth(1_000)
        .max_value_stack(1 << 16);
    config
}

/// Validates `bytes` under `config`, instantiates the module with stub
/// imports ([`stub_imports`]) and calls every exported function once with
/// default arguments (zeros and nulls). Each call starts with the config's
/// fuel (and so does instantiation): without fuel, a module that loops
/// never returns.
pub fn exercise(bytes: &[u8], config: &Config) -> Outcome {
    let mut outcome = Outcome::default();
    let engine = Engine::new(config);
    let module = match Module::new(&engine, bytes) {
        Ok(module) => module,
        Err(error) => {
            outcome.rejection = Some(error);
            return outcome;
        }
    };
    outcome.validated = true;
    let mut store = Store::new(&engine, ());
    let Some(imports) = stub_imports(&mut store, &module) else {
        return outcome;
    };
    let Ok(instance) = Instance::new(&mut store, &module, &imports) else {
        return outcome;
    };
    outcome.instantiated = true;
    for (_, item) in instance.exports(&store) {
        let Extern::Func(func) = item else { continue };
        let ty = func.ty(&store);
        if !ty.params().iter().all(|t| has_default(*t)) {
            outcome.uncallable += 1;
            continue;
        }
        let args: Vec<Val> = ty.params().iter().map(|t| Val::default_for(*t)).collect();
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
        store.set_fuel(config.fuel);
        outcome.calls += 1;
        match func.call(&mut store, &args, &mut results) {
            Ok(()) => {}
            Err(Error::Trap(_)) => outcome.traps += 1,
            Err(_) => outcome.failures += 1,
        }
    }
    outcome
}

/// Imports of the right types for `module`: host functions that return
/// zeros and nulls, and fresh tables, memories and globals holding them.
/// `None` when one cannot be made: a tag, a non-nullable reference (no
/// default value), or a memory or table over the store's limits.
pub fn stub_imports(store: &mut Store<()>, module: &Module) -> Option<Vec<Extern>> {
    let mut imports = Vec::new();
    for import in module.imports() {
        imports.push(match &import.ty {
            ImportType::Func(ty) => {
                let ty = module.func_type(*ty)?.clone();
                if !ty.results().iter().all(|t| has_default(*t)) {
                    return None;
                }
                Extern::Func(Func::new(store, ty.clone(), move |_, _, results| {
                    for (r, t) in results.iter_mut().zip(ty.results()) {
                        *r = Val::default_for(*t);
                    }
                    Ok(())
                }))
            }
            ImportType::Table(ty) if !ty.element_type.is_nullable() => return None,
            ImportType::Global(ty) if !has_default(ty.content_type) => return None,
            ImportType::Table(ty) => Extern::Table(
                Table::new(store, *ty, Val::default_for(ValType::Ref(ty.element_type))).ok()?,
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

/// Whether `ty` has a default value ([`Val::default_for`]): every type but
/// the non-nullable references.
pub(crate) fn has_default(ty: ValType) -> bool {
    match ty {
        ValType::Ref(r) => r.is_nullable(),
        _ => true,
    }
}
