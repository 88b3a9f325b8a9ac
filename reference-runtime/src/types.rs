//! Store-wide canonical types: function types are interned per store with
//! concrete type indices replaced by store type ids, so `call_indirect`
//! and import checks compare types across modules with one comparison, and
//! reference subtyping (typed function references) is decided here.

use std::collections::HashMap;
use wasmparser::{AbstractHeapType, FuncType, HeapType, RefType, UnpackedIndex, ValType};

/// A value type whose concrete references name store type ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CanonType {
    /// A numeric, vector or abstract reference type (no type index).
    Plain(ValType),
    /// A reference to the function type with this store id.
    Concrete { nullable: bool, id: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CanonFunc {
    params: Box<[CanonType]>,
    results: Box<[CanonType]>,
}

/// Function types interned per store.
#[derive(Default)]
pub(crate) struct TypeRegistry {
    /// The first-registered form of each type, for the embedder.
    pub list: Vec<FuncType>,
    map: HashMap<CanonFunc, u32>,
}

impl TypeRegistry {
    /// Canonicalizes a value type; `ids` maps the module's type indices.
    pub(crate) fn canon(ty: ValType, ids: &[u32]) -> CanonType {
        if let ValType::Ref(r) = ty
            && let HeapType::Concrete(UnpackedIndex::Module(idx)) = r.heap_type()
            && let Some(id) = ids.get(idx as usize)
        {
            return CanonType::Concrete {
                nullable: r.is_nullable(),
                id: *id,
            };
        }
        CanonType::Plain(ty)
    }

    /// Interns a function type whose concrete references resolve via `ids`.
    pub(crate) fn intern_with(&mut self, ty: &FuncType, ids: &[u32]) -> u32 {
        let canon = CanonFunc {
            params: ty.params().iter().map(|t| Self::canon(*t, ids)).collect(),
            results: ty.results().iter().map(|t| Self::canon(*t, ids)).collect(),
        };
        if let Some(id) = self.map.get(&canon) {
            return *id;
        }
        let id = self.list.len() as u32;
        self.list.push(ty.clone());
        self.map.insert(canon, id);
        id
    }

    /// Interns a function type without concrete references (host types).
    pub(crate) fn intern(&mut self, ty: &FuncType) -> u32 {
        self.intern_with(ty, &[])
    }

    /// Interns all types of a module in order (a type may only refer to
    /// earlier ones outside GC recursion groups), returning their ids.
    pub(crate) fn intern_module(&mut self, types: &[FuncType]) -> Vec<u32> {
        let mut ids = Vec::with_capacity(types.len());
        for ty in types {
            let id = self.intern_with(ty, &ids);
            ids.push(id);
        }
        ids
    }
}

fn abstract_sub(a: AbstractHeapType, b: AbstractHeapType) -> bool {
    use AbstractHeapType as A;
    a == b || matches!((a, b), (A::NoFunc, A::Func) | (A::NoExtern, A::Extern))
}

fn abstract_of(r: RefType) -> Option<AbstractHeapType> {
    match r.heap_type() {
        HeapType::Abstract { ty, .. } => Some(ty),
        _ => None,
    }
}

/// Whether a value of type `a` may be used where `b` is expected.
pub(crate) fn is_subtype(a: CanonType, b: CanonType) -> bool {
    use CanonType::{Concrete, Plain};
    if a == b {
        return true;
    }
    let nullable_ok = |na: bool, nb: bool| !na || nb;
    match (a, b) {
        (Plain(ValType::Ref(ra)), Plain(ValType::Ref(rb))) => {
            nullable_ok(ra.is_nullable(), rb.is_nullable())
                && match (abstract_of(ra), abstract_of(rb)) {
                    (Some(x), Some(y)) => abstract_sub(x, y),
                    _ => false,
                }
        }
        (Concrete { nullable, .. }, Plain(ValType::Ref(rb))) => {
            nullable_ok(nullable, rb.is_nullable())
                && abstract_of(rb) == Some(AbstractHeapType::Func)
        }
        (Plain(ValType::Ref(ra)), Concrete { nullable, .. }) => {
            nullable_ok(ra.is_nullable(), nullable)
                && abstract_of(ra) == Some(AbstractHeapType::NoFunc)
        }
        (
            Concrete {
                nullable: na,
                id: a,
            },
            Concrete {
                nullable: nb,
                id: b,
            },
        ) => a == b && nullable_ok(na, nb),
        _ => false,
    }
}
