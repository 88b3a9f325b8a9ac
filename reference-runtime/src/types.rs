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
    /// A reference to a type of the same recursion group, by position.
    Rec { nullable: bool, index: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CanonFunc {
    params: Box<[CanonType]>,
    results: Box<[CanonType]>,
}

/// A type's identity: its whole recursion group and its place in it
/// (iso-recursive type equivalence; a plain type is a group of one).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CanonKey {
    group: Box<[CanonFunc]>,
    index: u32,
}

/// Function types interned per store.
#[derive(Default)]
pub(crate) struct TypeRegistry {
    /// The first-registered form of each type, for the embedder.
    pub list: Vec<FuncType>,
    map: HashMap<CanonKey, u32>,
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

    fn intern_key(&mut self, key: CanonKey, ty: &FuncType) -> u32 {
        if let Some(id) = self.map.get(&key) {
            return *id;
        }
        let id = self.list.len() as u32;
        self.list.push(ty.clone());
        self.map.insert(key, id);
        id
    }

    /// Interns a function type without concrete references (host types).
    pub(crate) fn intern(&mut self, ty: &FuncType) -> u32 {
        let canon = |t: &ValType| Self::canon(*t, &[]);
        let func = CanonFunc {
            params: ty.params().iter().map(canon).collect(),
            results: ty.results().iter().map(canon).collect(),
        };
        let key = CanonKey {
            group: Box::new([func]),
            index: 0,
        };
        self.intern_key(key, ty)
    }

    /// Interns all types of a module, group by group (`group_starts[i]` is
    /// the first type of type `i`'s recursion group), returning their ids.
    pub(crate) fn intern_module(&mut self, types: &[FuncType], group_starts: &[u32]) -> Vec<u32> {
        let mut ids: Vec<u32> = Vec::with_capacity(types.len());
        let mut start = 0usize;
        while start < types.len() {
            let end = (start + 1..types.len())
                .find(|i| group_starts.get(*i).copied() != Some(start as u32))
                .unwrap_or(types.len());
            let canon = |t: &ValType| match *t {
                ValType::Ref(r) => match r.heap_type() {
                    HeapType::Concrete(UnpackedIndex::Module(idx))
                        if (start..end).contains(&(idx as usize)) =>
                    {
                        CanonType::Rec {
                            nullable: r.is_nullable(),
                            index: idx - start as u32,
                        }
                    }
                    _ => Self::canon(*t, &ids),
                },
                _ => CanonType::Plain(*t),
            };
            let group: Box<[CanonFunc]> = types[start..end]
                .iter()
                .map(|ty| CanonFunc {
                    params: ty.params().iter().map(canon).collect(),
                    results: ty.results().iter().map(canon).collect(),
                })
                .collect();
            for (index, ty) in types[start..end].iter().enumerate() {
                let key = CanonKey {
                    group: group.clone(),
                    index: index as u32,
                };
                let id = self.intern_key(key, ty);
                ids.push(id);
            }
            start = end;
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
