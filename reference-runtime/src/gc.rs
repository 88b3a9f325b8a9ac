//! GC references and heap objects (struct and array instances). Objects
//! live in the store for its whole life (no collection: a store serves one
//! run). References are slots like every other: i31 values and objects
//! carry a kind in bits 60..62, host values brought into `any` by
//! `any.convert_extern` are kind 3, and `extern.convert_any` marks an
//! `any` value with bit 63 so the round trip is exact.

use crate::store::Store;
use crate::types::{FieldInfo, Heap, TypeKind};
use crate::value::Slot;
use wasmparser::AbstractHeapType;

const KIND_SHIFT: u32 = 60;
const KIND_I31: Slot = 1;
const KIND_OBJECT: Slot = 2;
const KIND_HOST: Slot = 3;
const PAYLOAD: Slot = (1 << KIND_SHIFT) - 1;
const EXTERNALIZED: Slot = 1 << 63;

/// A struct or array instance: its store type id and its fields (array
/// elements).
#[derive(Debug)]
pub(crate) struct GcObject {
    pub ty: u32,
    pub fields: Vec<Slot>,
}

/// The largest array this interpreter allocates, in elements.
pub(crate) const MAX_ARRAY_LEN: u64 = 1 << 24;

/// What a non-null `any`-hierarchy reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AnyKind {
    I31(u32),
    Object(usize),
    Host,
}

pub(crate) fn ref_i31(value: u32) -> Slot {
    (KIND_I31 << KIND_SHIFT) | (value & 0x7fff_ffff) as Slot
}

pub(crate) fn object_ref(index: usize) -> Slot {
    (KIND_OBJECT << KIND_SHIFT) | index as Slot
}

pub(crate) fn any_kind(slot: Slot) -> AnyKind {
    match (slot >> KIND_SHIFT) & 3 {
        KIND_I31 => AnyKind::I31((slot & 0x7fff_ffff) as u32),
        KIND_OBJECT => AnyKind::Object((slot & PAYLOAD) as usize),
        _ => AnyKind::Host,
    }
}

/// `i31.get_s` / `i31.get_u` of a non-null i31 reference.
pub(crate) fn i31_get(slot: Slot, signed: bool) -> u32 {
    let v = (slot & 0x7fff_ffff) as u32;
    if signed {
        ((v << 1) as i32 >> 1) as u32
    } else {
        v
    }
}

/// The host reference number (`ref.host N`'s `N`) of an `any`-hierarchy
/// host reference.
pub(crate) fn host_payload(slot: Slot) -> u128 {
    (slot & PAYLOAD).wrapping_sub(1)
}

/// `any.convert_extern`.
pub(crate) fn extern_to_any(e: Slot) -> Slot {
    if e == 0 {
        0
    } else if e & EXTERNALIZED != 0 {
        e & !EXTERNALIZED
    } else {
        (KIND_HOST << KIND_SHIFT) | (e & PAYLOAD)
    }
}

/// `extern.convert_any`.
pub(crate) fn any_to_extern(a: Slot) -> Slot {
    if a == 0 {
        0
    } else if (a >> KIND_SHIFT) & 3 == KIND_HOST {
        a & PAYLOAD
    } else {
        a | EXTERNALIZED
    }
}

/// Truncates a value to a packed field's width.
pub(crate) fn pack(value: Slot, field: FieldInfo) -> Slot {
    match field.packed {
        8 => value & 0xff,
        16 => value & 0xffff,
        _ => value,
    }
}

/// Reads a packed field as an i32, sign- or zero-extended.
pub(crate) fn unpack(value: Slot, field: FieldInfo, signed: bool) -> Slot {
    match (field.packed, signed) {
        (8, true) => value as u8 as i8 as i32 as u32 as Slot,
        (16, true) => value as u16 as i16 as i32 as u32 as Slot,
        _ => value,
    }
}

/// Decodes `n` little-endian values of `bytes` bytes each.
pub(crate) fn values_from_bytes(data: &[u8], bytes: usize) -> Vec<Slot> {
    data.chunks_exact(bytes.max(1))
        .map(|c| {
            let mut buf = [0u8; 16];
            buf[..c.len()].copy_from_slice(c);
            u128::from_le_bytes(buf)
        })
        .collect()
}

enum Hierarchy {
    Func,
    Any,
    Extern,
    Exn,
}

/// Whether the reference `slot` belongs to `(ref null? heap)`.
pub(crate) fn ref_matches<T>(store: &Store<T>, slot: Slot, nullable: bool, heap: Heap) -> bool {
    use AbstractHeapType as A;
    if slot == 0 {
        return nullable;
    }
    let hierarchy = match heap {
        Heap::Abs(A::Func | A::NoFunc) => Hierarchy::Func,
        Heap::Abs(A::Extern | A::NoExtern) => Hierarchy::Extern,
        Heap::Abs(A::Exn | A::NoExn) => Hierarchy::Exn,
        Heap::Abs(_) => Hierarchy::Any,
        Heap::Id(t) => match store.types.info.get(t as usize).map(|i| i.kind) {
            Some(TypeKind::Func) | None => Hierarchy::Func,
            _ => Hierarchy::Any,
        },
    };
    let dynamic = match hierarchy {
        Hierarchy::Func => match store.funcs.get((slot - 1) as usize) {
            Some(f) => Heap::Id(f.ty()),
            None => return false,
        },
        Hierarchy::Extern => Heap::Abs(A::Extern),
        Hierarchy::Exn => Heap::Abs(A::Exn),
        Hierarchy::Any => match any_kind(slot) {
            AnyKind::I31(_) => Heap::Abs(A::I31),
            AnyKind::Object(i) => match store.gc.get(i) {
                Some(o) => Heap::Id(o.ty),
                None => return false,
            },
            AnyKind::Host => Heap::Abs(A::Any),
        },
    };
    store.types.heap_sub(dynamic, heap)
}
