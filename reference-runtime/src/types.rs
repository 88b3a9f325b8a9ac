//! Store-wide canonical types: every defined type (function, struct,
//! array) is interned per store with its recursion group, concrete type
//! indices replaced by store type ids, so `call_indirect`, casts and import
//! checks compare types across modules. Declared supertypes give the
//! subtype relation between ids; reference subtyping is decided here.

use crate::module::{Composite, TypeDef};
use std::collections::HashMap;
use wasmparser::{AbstractHeapType, FuncType, HeapType, StorageType, UnpackedIndex, ValType};

/// A value type whose concrete references name store type ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CanonType {
    /// A numeric, vector or abstract reference type (no type index).
    Plain(ValType),
    /// A reference to the defined type with this store id.
    Concrete { nullable: bool, id: u32 },
    /// A reference to a type of the same recursion group, by position.
    Rec { nullable: bool, index: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CanonStorage {
    I8,
    I16,
    Val(CanonType),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CanonComposite {
    Func {
        params: Box<[CanonType]>,
        results: Box<[CanonType]>,
    },
    Struct(Box<[(CanonStorage, bool)]>),
    Array(CanonStorage, bool),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CanonDef {
    composite: CanonComposite,
    supertype: Option<CanonType>,
    is_final: bool,
}

/// A type's identity: its whole recursion group and its place in it
/// (iso-recursive type equivalence; a plain type is a group of one).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CanonKey {
    group: Box<[CanonDef]>,
    index: u32,
}

/// What kind of type a store type id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeKind {
    Func,
    Struct,
    Array,
}

/// How a struct field or array element is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldInfo {
    /// Bytes per value when read from a data segment (0 for references).
    pub bytes: u8,
    /// 8 or 16 for packed fields, 0 otherwise.
    pub packed: u8,
}

/// The runtime view of a store type id.
#[derive(Debug, Clone)]
pub(crate) struct TypeInfo {
    pub kind: TypeKind,
    /// The declared supertype, as a store id.
    pub supertype: Option<u32>,
    /// Struct fields, or the one array element.
    pub fields: Box<[FieldInfo]>,
}

/// Types interned per store.
#[derive(Default)]
pub(crate) struct TypeRegistry {
    /// The function signature of each type (empty for struct/array types).
    pub list: Vec<FuncType>,
    pub info: Vec<TypeInfo>,
    map: HashMap<CanonKey, u32>,
}

fn field_info(storage: StorageType) -> FieldInfo {
    match storage {
        StorageType::I8 => FieldInfo {
            bytes: 1,
            packed: 8,
        },
        StorageType::I16 => FieldInfo {
            bytes: 2,
            packed: 16,
        },
        StorageType::Val(v) => FieldInfo {
            bytes: match v {
                ValType::I32 | ValType::F32 => 4,
                ValType::I64 | ValType::F64 => 8,
                ValType::V128 => 16,
                ValType::Ref(_) => 0,
            },
            packed: 0,
        },
    }
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

    fn intern_key(&mut self, key: CanonKey, ty: &FuncType, info: TypeInfo) -> (u32, bool) {
        if let Some(id) = self.map.get(&key) {
            return (*id, false);
        }
        let id = self.list.len() as u32;
        self.list.push(ty.clone());
        self.info.push(info);
        self.map.insert(key, id);
        (id, true)
    }

    /// Interns a function type without concrete references (host types).
    pub(crate) fn intern(&mut self, ty: &FuncType) -> u32 {
        let canon = |t: &ValType| Self::canon(*t, &[]);
        let def = CanonDef {
            composite: CanonComposite::Func {
                params: ty.params().iter().map(canon).collect(),
                results: ty.results().iter().map(canon).collect(),
            },
            supertype: None,
            is_final: true,
        };
        let key = CanonKey {
            group: Box::new([def]),
            index: 0,
        };
        let info = TypeInfo {
            kind: TypeKind::Func,
            supertype: None,
            fields: Box::new([]),
        };
        self.intern_key(key, ty, info).0
    }

    /// Interns all types of a module, group by group (`group_starts[i]` is
    /// the first type of type `i`'s recursion group), returning their ids.
    pub(crate) fn intern_module(
        &mut self,
        types: &[FuncType],
        defs: &[TypeDef],
        group_starts: &[u32],
    ) -> Vec<u32> {
        let mut ids: Vec<u32> = Vec::with_capacity(types.len());
        let mut start = 0usize;
        while start < types.len() {
            let end = (start + 1..types.len())
                .find(|i| group_starts.get(*i).copied() != Some(start as u32))
                .unwrap_or(types.len());
            let index_ref = |idx: u32, nullable: bool, ids: &[u32]| {
                if (start..end).contains(&(idx as usize)) {
                    CanonType::Rec {
                        nullable,
                        index: idx - start as u32,
                    }
                } else {
                    match ids.get(idx as usize) {
                        Some(id) => CanonType::Concrete { nullable, id: *id },
                        None => CanonType::Rec {
                            nullable,
                            index: u32::MAX,
                        },
                    }
                }
            };
            let canon = |t: &ValType| match *t {
                ValType::Ref(r) => match r.heap_type() {
                    HeapType::Concrete(UnpackedIndex::Module(idx)) => {
                        index_ref(idx, r.is_nullable(), &ids)
                    }
                    _ => CanonType::Plain(*t),
                },
                _ => CanonType::Plain(*t),
            };
            let storage = |s: StorageType| match s {
                StorageType::I8 => CanonStorage::I8,
                StorageType::I16 => CanonStorage::I16,
                StorageType::Val(v) => CanonStorage::Val(canon(&v)),
            };
            let group: Box<[CanonDef]> = (start..end)
                .map(|i| {
                    let ty = &types[i];
                    let def = defs.get(i);
                    let composite = match def.map(|d| &d.composite) {
                        Some(Composite::Struct(fields)) => CanonComposite::Struct(
                            fields
                                .iter()
                                .map(|f| (storage(f.element_type), f.mutable))
                                .collect(),
                        ),
                        Some(Composite::Array(f)) => {
                            CanonComposite::Array(storage(f.element_type), f.mutable)
                        }
                        _ => CanonComposite::Func {
                            params: ty.params().iter().map(canon).collect(),
                            results: ty.results().iter().map(canon).collect(),
                        },
                    };
                    CanonDef {
                        composite,
                        supertype: def
                            .and_then(|d| d.supertype)
                            .map(|s| index_ref(s, false, &ids)),
                        is_final: def.is_none_or(|d| d.is_final),
                    }
                })
                .collect();
            let mut fresh = Vec::new();
            for (index, i) in (start..end).enumerate() {
                let key = CanonKey {
                    group: group.clone(),
                    index: index as u32,
                };
                let (kind, fields) = match defs.get(i).map(|d| &d.composite) {
                    Some(Composite::Struct(fields)) => (
                        TypeKind::Struct,
                        fields.iter().map(|f| field_info(f.element_type)).collect(),
                    ),
                    Some(Composite::Array(f)) => (
                        TypeKind::Array,
                        Box::new([field_info(f.element_type)]) as Box<[_]>,
                    ),
                    _ => (TypeKind::Func, Box::new([]) as Box<[_]>),
                };
                let info = TypeInfo {
                    kind,
                    supertype: None,
                    fields,
                };
                let (id, is_new) = self.intern_key(key, &types[i], info);
                if is_new {
                    fresh.push((id, i));
                }
                ids.push(id);
            }
            for (id, i) in fresh {
                let sup = defs.get(i).and_then(|d| d.supertype);
                self.info[id as usize].supertype = sup.and_then(|s| ids.get(s as usize).copied());
            }
            start = end;
        }
        ids
    }

    /// Whether store type `a` is `b` or declares it as a (transitive)
    /// supertype.
    pub(crate) fn is_sub_id(&self, a: u32, b: u32) -> bool {
        let mut t = Some(a);
        let mut steps = 0;
        while let Some(x) = t {
            if x == b {
                return true;
            }
            steps += 1;
            if steps > self.info.len() {
                return false;
            }
            t = self.info.get(x as usize).and_then(|i| i.supertype);
        }
        false
    }

    fn kind(&self, id: u32) -> TypeKind {
        self.info
            .get(id as usize)
            .map_or(TypeKind::Func, |i| i.kind)
    }

    /// Heap subtyping over abstract heap types and store type ids.
    pub(crate) fn heap_sub(&self, a: Heap, b: Heap) -> bool {
        use AbstractHeapType as A;
        match (a, b) {
            (Heap::Abs(a), Heap::Abs(b)) => {
                a == b
                    || match b {
                        A::Any => matches!(a, A::Eq | A::I31 | A::Struct | A::Array | A::None),
                        A::Eq => matches!(a, A::I31 | A::Struct | A::Array | A::None),
                        A::I31 | A::Struct | A::Array => a == A::None,
                        A::Func => a == A::NoFunc,
                        A::Extern => a == A::NoExtern,
                        A::Exn => a == A::NoExn,
                        _ => false,
                    }
            }
            (Heap::Id(t), Heap::Abs(b)) => match self.kind(t) {
                TypeKind::Func => b == A::Func,
                TypeKind::Struct => matches!(b, A::Struct | A::Eq | A::Any),
                TypeKind::Array => matches!(b, A::Array | A::Eq | A::Any),
            },
            (Heap::Abs(a), Heap::Id(t)) => match self.kind(t) {
                TypeKind::Func => a == A::NoFunc,
                TypeKind::Struct | TypeKind::Array => a == A::None,
            },
            (Heap::Id(a), Heap::Id(b)) => self.is_sub_id(a, b),
        }
    }

    /// Whether a value of type `a` may be used where `b` is expected.
    pub(crate) fn is_subtype(&self, a: CanonType, b: CanonType) -> bool {
        if a == b {
            return true;
        }
        match (ref_parts(a), ref_parts(b)) {
            (Some((na, ha)), Some((nb, hb))) => (!na || nb) && self.heap_sub(ha, hb),
            _ => false,
        }
    }
}

/// A heap type resolved for subtyping: abstract, or a store type id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Heap {
    Abs(AbstractHeapType),
    Id(u32),
}

fn ref_parts(t: CanonType) -> Option<(bool, Heap)> {
    match t {
        CanonType::Plain(ValType::Ref(r)) => match r.heap_type() {
            HeapType::Abstract { ty, .. } => Some((r.is_nullable(), Heap::Abs(ty))),
            _ => None,
        },
        CanonType::Concrete { nullable, id } => Some((nullable, Heap::Id(id))),
        _ => None,
    }
}
