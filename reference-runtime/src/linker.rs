//! The linker: names host functions and other instances' exports by
//! `(module, name)` and resolves a module's imports against them.

use crate::error::{Error, Trap};
use crate::instantiate::instantiate;
use crate::module::{ImportDecl, ImportType, Module};
use crate::store::{Caller, Extern, FuncEntity, HostFunc, Instance, Store};
use crate::value::Val;
use std::collections::HashMap;
use std::sync::Arc;
use wasmparser::FuncType;

enum Definition<T> {
    Extern(Extern),
    Host(FuncType, Arc<HostFunc<T>>, Option<Arc<str>>),
}

impl<T> Clone for Definition<T> {
    fn clone(&self) -> Self {
        match self {
            Definition::Extern(e) => Definition::Extern(*e),
            Definition::Host(ty, f, defined) => {
                Definition::Host(ty.clone(), f.clone(), defined.clone())
            }
        }
    }
}

/// `(i32, i32) -> i32`, `(i32) -> ()`, `() -> (i32, i64)`.
fn show_func_type(ty: &FuncType) -> String {
    let list = |types: &[wasmparser::ValType]| {
        types
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let results = match ty.results() {
        [one] => one.to_string(),
        more => format!("({})", list(more)),
    };
    format!("({}) -> {results}", list(ty.params()))
}

/// Resolves imports by `(module, name)`.
pub struct Linker<T> {
    defs: HashMap<(String, String), Definition<T>>,
}

impl<T> Default for Linker<T> {
    fn default() -> Self {
        Linker {
            defs: HashMap::new(),
        }
    }
}

impl<T> Clone for Linker<T> {
    fn clone(&self) -> Self {
        Linker {
            defs: self.defs.clone(),
        }
    }
}

impl<T> Linker<T> {
    /// An empty linker.
    pub fn new() -> Self {
        Self::default()
    }

    /// Defines `module.name` as an existing store object.
    pub fn define(&mut self, module: &str, name: &str, item: impl Into<Extern>) -> &mut Self {
        self.defs.insert(
            (module.to_string(), name.to_string()),
            Definition::Extern(item.into()),
        );
        self
    }

    /// Defines `module.name` as a host function of type `ty`. It is created
    /// in the store of each instantiation that imports it.
    pub fn func_new(
        &mut self,
        module: &str,
        name: &str,
        ty: FuncType,
        func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> &mut Self {
        self.defs.insert(
            (module.to_string(), name.to_string()),
            Definition::Host(ty, Arc::new(func), None),
        );
        self
    }

    /// Like [`Linker::func_new`], for a function whose parameters have
    /// names: a module that imports it with another type fails to link
    /// with one line naming it and both signatures,
    /// `{module}::{name}: imported as (i32) -> i32, {defined}`, where
    /// `defined` is e.g. `preview1 defines (fd: i32) -> errno i32`.
    pub fn func_new_defined_as(
        &mut self,
        module: &str,
        name: &str,
        ty: FuncType,
        defined: &str,
        func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> &mut Self {
        self.defs.insert(
            (module.to_string(), name.to_string()),
            Definition::Host(ty, Arc::new(func), Some(defined.into())),
        );
        self
    }

    /// Defines every export of `instance` under the module name `module`.
    pub fn instance(&mut self, store: &Store<T>, module: &str, instance: Instance) -> &mut Self {
        for (name, item) in instance.exports(store) {
            self.define(module, &name, item);
        }
        self
    }

    /// The store object defined as `module.name` (host functions are
    /// created in `store`).
    pub fn get(&self, store: &mut Store<T>, module: &str, name: &str) -> Option<Extern> {
        match self.defs.get(&(module.to_string(), name.to_string()))? {
            Definition::Extern(e) => Some(*e),
            Definition::Host(ty, f, _) => {
                let ty = store.types.intern(ty);
                Some(Extern::Func(store.alloc_func(FuncEntity::Host {
                    ty,
                    func: f.clone(),
                })))
            }
        }
    }

    /// Resolves the module's imports, instantiates it and runs its start
    /// function.
    pub fn instantiate(&self, store: &mut Store<T>, module: &Module) -> Result<Instance, Error> {
        let mut imports = Vec::with_capacity(module.imports().len());
        for import in module.imports() {
            self.check_described_type(module, import)?;
            let item = self
                .get(store, &import.module, &import.name)
                .ok_or_else(|| {
                    Error::Link(format!("unknown import {}.{}", import.module, import.name))
                })?;
            imports.push(item);
        }
        instantiate(store, module, &imports)
    }

    /// For a host function defined with [`Linker::func_new_defined_as`]:
    /// an import of another type is refused here, naming both signatures.
    /// (The instantiation checks every import again, by subtyping.)
    fn check_described_type(&self, module: &Module, import: &ImportDecl) -> Result<(), Error> {
        let key = (import.module.clone(), import.name.clone());
        let Some(Definition::Host(ty, _, Some(defined))) = self.defs.get(&key) else {
            return Ok(());
        };
        let imported = match &import.ty {
            ImportType::Func(index) => match module.func_type(*index) {
                Some(imported) if imported == ty => return Ok(()),
                Some(imported) => show_func_type(imported),
                None => return Ok(()),
            },
            ImportType::Table(_) => "a table".to_string(),
            ImportType::Memory(_) => "a memory".to_string(),
            ImportType::Global(_) => "a global".to_string(),
            ImportType::Tag => "a tag".to_string(),
        };
        Err(Error::Link(format!(
            "{}::{}: imported as {imported}, {defined}",
            import.module, import.name
        )))
    }
}

impl Instance {
    /// Instantiates `module` with imports given in order, then runs its
    /// start function.
    pub fn new<T>(
        store: &mut Store<T>,
        module: &Module,
        imports: &[Extern],
    ) -> Result<Instance, Error> {
        instantiate(store, module, imports)
    }
}
