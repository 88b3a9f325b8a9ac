//! The value model: [`Val`] as the embedder sees it, and the untyped
//! 128-bit stack slot the interpreter uses for every value (so `v128`
//! fits one slot like every other type).

use crate::store::Func;
use wasmparser::{HeapType, ValType};

/// One interpreter slot: i32/f32 zero-extended bits, i64/f64 bits, v128,
/// or a reference (0 = null, otherwise index + 1).
pub(crate) type Slot = u128;

/// A host-chosen token standing for an external reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExternRef(pub u64);

/// A reference in the `any` hierarchy (i31, struct, array, or a host
/// value brought in by `any.convert_extern`), opaque to the embedder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnyRef(pub(crate) u128);

/// A WebAssembly value. Floats are carried as their bit patterns so NaN
/// payloads survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    /// A 32-bit integer.
    I32(i32),
    /// A 64-bit integer.
    I64(i64),
    /// A 32-bit float, as bits.
    F32(u32),
    /// A 64-bit float, as bits.
    F64(u64),
    /// A 128-bit vector, little-endian lanes.
    V128(u128),
    /// A function reference, `None` for null.
    FuncRef(Option<Func>),
    /// An external reference, `None` for null.
    ExternRef(Option<ExternRef>),
    /// An `anyref` (GC), `None` for null.
    AnyRef(Option<AnyRef>),
}

impl Val {
    /// The zero/null value of a type.
    pub fn default_for(ty: ValType) -> Val {
        Val::from_slot(0, ty)
    }

    /// The type of this value (references report their nullable top type).
    pub fn ty(&self) -> ValType {
        match self {
            Val::I32(_) => ValType::I32,
            Val::I64(_) => ValType::I64,
            Val::F32(_) => ValType::F32,
            Val::F64(_) => ValType::F64,
            Val::V128(_) => ValType::V128,
            Val::FuncRef(_) => ValType::FUNCREF,
            Val::ExternRef(_) => ValType::EXTERNREF,
            Val::AnyRef(_) => ValType::Ref(wasmparser::RefType::ANYREF),
        }
    }

    /// The value as an i32, if it is one.
    pub fn i32(&self) -> Option<i32> {
        match self {
            Val::I32(v) => Some(*v),
            _ => None,
        }
    }

    /// The value as an i64, if it is one.
    pub fn i64(&self) -> Option<i64> {
        match self {
            Val::I64(v) => Some(*v),
            _ => None,
        }
    }

    pub(crate) fn to_slot(self) -> Slot {
        match self {
            Val::I32(v) => v as u32 as Slot,
            Val::I64(v) => v as u64 as Slot,
            Val::F32(v) => v as Slot,
            Val::F64(v) => v as Slot,
            Val::V128(v) => v,
            Val::FuncRef(f) => f.map_or(0, |f| f.0 as Slot + 1),
            Val::ExternRef(e) => e.map_or(0, |e| e.0 as Slot + 1),
            Val::AnyRef(a) => a.map_or(0, |a| a.0),
        }
    }

    pub(crate) fn from_slot(slot: Slot, ty: ValType) -> Val {
        match ty {
            ValType::I32 => Val::I32(slot as u32 as i32),
            ValType::I64 => Val::I64(slot as u64 as i64),
            ValType::F32 => Val::F32(slot as u32),
            ValType::F64 => Val::F64(slot as u64),
            ValType::V128 => Val::V128(slot),
            ValType::Ref(r) => match hierarchy(r.heap_type(), slot) {
                Hierarchy::Extern => {
                    Val::ExternRef((slot != 0).then(|| ExternRef(slot as u64 - 1)))
                }
                Hierarchy::Func => Val::FuncRef((slot != 0).then(|| Func(slot as u32 - 1))),
                Hierarchy::Any => Val::AnyRef((slot != 0).then_some(AnyRef(slot))),
            },
        }
    }

    /// Whether this value may be stored where `ty` is expected.
    pub(crate) fn matches(&self, ty: ValType) -> bool {
        match (self, ty) {
            (Val::I32(_), ValType::I32)
            | (Val::I64(_), ValType::I64)
            | (Val::F32(_), ValType::F32)
            | (Val::F64(_), ValType::F64)
            | (Val::V128(_), ValType::V128) => true,
            (Val::FuncRef(f), ValType::Ref(r)) => {
                !is_extern(r.heap_type()) && (f.is_some() || r.is_nullable())
            }
            (Val::ExternRef(e), ValType::Ref(r)) => {
                is_extern(r.heap_type()) && (e.is_some() || r.is_nullable())
            }
            (Val::AnyRef(a), ValType::Ref(r)) => {
                matches!(hierarchy(r.heap_type(), 1 << 61), Hierarchy::Any)
                    && (a.is_some() || r.is_nullable())
            }
            _ => false,
        }
    }
}

enum Hierarchy {
    Func,
    Extern,
    Any,
}

/// Which hierarchy a reference of this heap type belongs to; a concrete
/// type is told apart by the slot (GC references carry a kind).
fn hierarchy(heap: HeapType, slot: Slot) -> Hierarchy {
    use wasmparser::AbstractHeapType as A;
    match heap {
        HeapType::Abstract {
            ty: A::Extern | A::NoExtern,
            ..
        } => Hierarchy::Extern,
        HeapType::Abstract {
            ty: A::Func | A::NoFunc,
            ..
        } => Hierarchy::Func,
        HeapType::Abstract { .. } => Hierarchy::Any,
        _ if (slot >> 60) & 3 != 0 => Hierarchy::Any,
        _ => Hierarchy::Func,
    }
}

/// Whether a heap type belongs to the extern hierarchy.
pub(crate) fn is_extern(heap: HeapType) -> bool {
    use wasmparser::AbstractHeapType as A;
    matches!(
        heap,
        HeapType::Abstract {
            ty: A::Extern | A::NoExtern,
            ..
        }
    )
}
