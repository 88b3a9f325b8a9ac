//! Instantiation: checks imports against the module's declared types,
//! allocates the module's functions, tables, memories and globals, runs the
//! active element and data segments, then the start function.

use crate::error::{Error, Trap, TrapKind};
use crate::gc;
use crate::module::{ConstExprOps, ConstOp, ImportType, Module, SegmentMode};
use crate::store::{Extern, FuncEntity, Instance, InstanceEntity, Store};
use crate::types::TypeRegistry;
use crate::value::Slot;
use wasmparser::{ExternalKind, MemoryType, TableType, ValType};

pub(crate) fn instantiate<T>(
    store: &mut Store<T>,
    module: &Module,
    imports: &[Extern],
) -> Result<Instance, Error> {
    let m = &*module.inner;
    if imports.len() != m.imports.len() {
        return Err(Error::Link(format!(
            "expected {} imports, got {}",
            m.imports.len(),
            imports.len()
        )));
    }
    let index = store.instances.len() as u32;
    let mut inst = InstanceEntity {
        types: store
            .types
            .intern_module(&m.types, &m.type_defs, &m.type_groups),
        ..InstanceEntity::default()
    };
    let mut imported_tags = 0usize;
    for (decl, item) in m.imports.iter().zip(imports) {
        let what = || format!("{}.{}", decl.module, decl.name);
        match (&decl.ty, *item) {
            (ImportType::Func(ty), Extern::Func(f)) => {
                let expected = inst.types.get(*ty as usize).copied();
                let actual = store.funcs.get(f.0 as usize).map(|f| f.ty());
                let fits = match (expected, actual) {
                    (Some(e), Some(a)) => store.types.is_sub_id(a, e),
                    _ => false,
                };
                if !fits {
                    return Err(Error::Link(format!(
                        "incompatible import type for {}",
                        what()
                    )));
                }
                inst.funcs.push(f.0);
                inst.bodies.push(None);
            }
            (ImportType::Table(ty), Extern::Table(t)) => {
                let actual = &store.tables[t.0 as usize];
                let elem = TypeRegistry::canon(ValType::Ref(ty.element_type), &inst.types);
                if actual.elem != elem || !table_matches(&actual.ty, actual.elems.len() as u64, ty)
                {
                    return Err(Error::Link(format!(
                        "incompatible import type for {}",
                        what()
                    )));
                }
                inst.tables.push(t.0);
            }
            (ImportType::Memory(ty), Extern::Memory(mem)) => {
                let actual = &store.memories[mem.0 as usize];
                if !memory_matches(&actual.ty, actual.pages(), ty) {
                    return Err(Error::Link(format!(
                        "incompatible import type for {}",
                        what()
                    )));
                }
                inst.memories.push(mem.0);
            }
            (ImportType::Global(ty), Extern::Global(g)) => {
                let actual = &store.globals[g.0 as usize];
                let expected = TypeRegistry::canon(ty.content_type, &inst.types);
                let fits = if ty.mutable {
                    actual.content == expected
                } else {
                    store.types.is_subtype(actual.content, expected)
                };
                if actual.ty.mutable != ty.mutable || !fits {
                    return Err(Error::Link(format!(
                        "incompatible import type for {}",
                        what()
                    )));
                }
                inst.globals.push(g.0);
            }
            (ImportType::Tag, Extern::Tag(t)) => {
                let ty = m.tags.get(imported_tags).copied();
                imported_tags += 1;
                let expected = ty.and_then(|ty| inst.types.get(ty as usize)).copied();
                if expected != store.tags.get(t.0 as usize).copied() {
                    return Err(Error::Link(format!(
                        "incompatible import type for {}",
                        what()
                    )));
                }
                inst.tags.push(t.0);
            }
            _ => {
                return Err(Error::Link(format!(
                    "incompatible import type for {}",
                    what()
                )));
            }
        }
    }
    for ty in &m.tags[inst.tags.len()..] {
        store.tags.push(inst.types[*ty as usize]);
        inst.tags.push(store.tags.len() as u32 - 1);
    }

    // Functions first: constant expressions may take their references.
    let first_func = store.funcs.len() as u32;
    for (i, body) in m.bodies.iter().enumerate() {
        let ty_index = m.func_types[m.num_imported_funcs as usize + i];
        let ty = inst.types[ty_index as usize];
        inst.funcs.push(first_func + i as u32);
        inst.bodies.push(Some(body.clone()));
        store.funcs.push(FuncEntity::Wasm {
            ty,
            instance: index,
            body: body.clone(),
        });
    }
    for (ty, init) in &m.globals[inst.globals.len()..] {
        let value = eval_const(store, &inst, init)?;
        let content = TypeRegistry::canon(ty.content_type, &inst.types);
        let g = store.alloc_global(*ty, content, value);
        inst.globals.push(g.0);
    }
    for (ty, init) in &m.tables[inst.tables.len()..] {
        let value = match init {
            Some(expr) => eval_const(store, &inst, expr)?,
            None => 0,
        };
        let elem = TypeRegistry::canon(ValType::Ref(ty.element_type), &inst.types);
        let t = store.alloc_table(*ty, elem, value)?;
        inst.tables.push(t.0);
    }
    for ty in &m.memories[inst.memories.len()..] {
        let mem = store.alloc_memory(*ty)?;
        inst.memories.push(mem.0);
    }
    for (name, kind, idx) in &m.exports {
        let i = *idx as usize;
        let item = match kind {
            ExternalKind::Func | ExternalKind::FuncExact => {
                inst.funcs.get(i).map(|f| Extern::Func(crate::Func(*f)))
            }
            ExternalKind::Table => inst.tables.get(i).map(|t| Extern::Table(crate::Table(*t))),
            ExternalKind::Memory => inst
                .memories
                .get(i)
                .map(|x| Extern::Memory(crate::Memory(*x))),
            ExternalKind::Global => inst
                .globals
                .get(i)
                .map(|g| Extern::Global(crate::Global(*g))),
            ExternalKind::Tag => inst.tags.get(i).map(|t| Extern::Tag(crate::store::Tag(*t))),
        };
        let item = item.ok_or_else(|| Error::Link(format!("bad export {name}")))?;
        inst.exports.insert(name.clone(), item);
        inst.export_order.push(name.clone());
    }
    let mut elems = Vec::with_capacity(m.elems.len());
    for seg in &m.elems {
        let mut items = Vec::with_capacity(seg.items.len());
        for item in &seg.items {
            items.push(eval_const(store, &inst, item)?);
        }
        elems.push(items);
    }
    let mut active_elems = Vec::new();
    for (seg, items) in m.elems.iter().zip(elems) {
        let id = store.elems.len() as u32;
        inst.elems.push(id);
        match &seg.mode {
            SegmentMode::Active { index, offset } => {
                let offset = eval_const(store, &inst, offset)?;
                active_elems.push((inst.tables[*index as usize], offset as u64, items));
                store.elems.push(Vec::new());
            }
            SegmentMode::Declared => store.elems.push(Vec::new()),
            SegmentMode::Passive => store.elems.push(items),
        }
    }
    let mut active_datas = Vec::new();
    for seg in &m.datas {
        let id = store.datas.len() as u32;
        inst.datas.push(id);
        match &seg.mode {
            SegmentMode::Active { index, offset } => {
                let offset = eval_const(store, &inst, offset)?;
                let mem = inst.memories[*index as usize];
                let offset = if store.memories[mem as usize].ty.memory64 {
                    offset as u64
                } else {
                    offset as u32 as u64
                };
                active_datas.push((mem, offset, seg.bytes.clone()));
                store.datas.push(Vec::new().into());
            }
            _ => store.datas.push(seg.bytes.clone()),
        }
    }
    let start = m.start.map(|s| crate::Func(inst.funcs[s as usize]));
    store.instances.push(inst);

    for (table, offset, items) in active_elems {
        let table = &mut store.tables[table as usize];
        let dst = usize::try_from(offset)
            .ok()
            .and_then(|o| Some(o..o.checked_add(items.len())?))
            .and_then(|r| table.elems.get_mut(r))
            .ok_or(Trap::new(TrapKind::TableOutOfBounds))?;
        dst.copy_from_slice(&items);
    }
    for (mem, offset, bytes) in active_datas {
        let mem = &mut store.memories[mem as usize];
        let dst = usize::try_from(offset)
            .ok()
            .and_then(|o| Some(o..o.checked_add(bytes.len())?))
            .and_then(|r| mem.data.get_mut(r))
            .ok_or(Trap::new(TrapKind::MemoryOutOfBounds))?;
        dst.copy_from_slice(&bytes);
    }
    if let Some(start) = start {
        start.call(&mut *store, &[], &mut [])?;
    }
    Ok(Instance(index))
}

fn limits_match(actual_min: u64, actual_max: Option<u64>, min: u64, max: Option<u64>) -> bool {
    actual_min >= min
        && match max {
            None => true,
            Some(max) => actual_max.is_some_and(|a| a <= max),
        }
}

fn table_matches(actual: &TableType, size: u64, expected: &TableType) -> bool {
    actual.table64 == expected.table64
        && limits_match(size, actual.maximum, expected.initial, expected.maximum)
}

fn memory_matches(actual: &MemoryType, pages: u64, expected: &MemoryType) -> bool {
    actual.memory64 == expected.memory64
        && actual.page_size_log2() == expected.page_size_log2()
        && actual.shared == expected.shared
        && limits_match(pages, actual.maximum, expected.initial, expected.maximum)
}

/// Evaluates a constant expression in the instance being built.
fn eval_const<T>(
    store: &mut Store<T>,
    inst: &InstanceEntity,
    expr: &ConstExprOps,
) -> Result<Slot, Error> {
    let mut stack: Vec<Slot> = Vec::with_capacity(2);
    let bad = || Error::Unsupported("malformed constant expression".into());
    for op in &expr.0 {
        let value = match *op {
            ConstOp::Value(v) => v,
            ConstOp::GlobalGet(g) => {
                let addr = *inst.globals.get(g as usize).ok_or_else(bad)?;
                store.globals[addr as usize].value
            }
            ConstOp::RefFunc(f) => *inst.funcs.get(f as usize).ok_or_else(bad)? as Slot + 1,
            ConstOp::RefI31 => gc::ref_i31(stack.pop().ok_or_else(bad)? as u32),
            ConstOp::AnyConvertExtern => gc::extern_to_any(stack.pop().ok_or_else(bad)?),
            ConstOp::ExternConvertAny => gc::any_to_extern(stack.pop().ok_or_else(bad)?),
            ConstOp::StructNew(ty)
            | ConstOp::StructNewDefault(ty)
            | ConstOp::ArrayNew(ty)
            | ConstOp::ArrayNewDefault(ty)
            | ConstOp::ArrayNewFixed(ty, _) => {
                let id = *inst.types.get(ty as usize).ok_or_else(bad)?;
                let info = store.types.info.get(id as usize).ok_or_else(bad)?;
                let field = |i: usize| info.fields.get(i).copied().ok_or_else(bad);
                let fields = match *op {
                    ConstOp::StructNew(_) => {
                        let n = info.fields.len();
                        let at = stack.len().checked_sub(n).ok_or_else(bad)?;
                        let values = stack.split_off(at);
                        values
                            .iter()
                            .zip(info.fields.iter())
                            .map(|(v, f)| gc::pack(*v, *f))
                            .collect()
                    }
                    ConstOp::StructNewDefault(_) => vec![0; info.fields.len()],
                    ConstOp::ArrayNewFixed(_, n) => {
                        let f = field(0)?;
                        let at = stack.len().checked_sub(n as usize).ok_or_else(bad)?;
                        stack
                            .split_off(at)
                            .iter()
                            .map(|v| gc::pack(*v, f))
                            .collect()
                    }
                    _ => {
                        let f = field(0)?;
                        let n = stack.pop().ok_or_else(bad)? as u32 as u64;
                        if n > gc::MAX_ARRAY_LEN {
                            return Err(Trap::new(TrapKind::AllocationTooLarge).into());
                        }
                        let init = match *op {
                            ConstOp::ArrayNew(_) => gc::pack(stack.pop().ok_or_else(bad)?, f),
                            _ => 0,
                        };
                        vec![init; n as usize]
                    }
                };
                store.gc.push(gc::GcObject { ty: id, fields });
                gc::object_ref(store.gc.len() - 1)
            }
            bin => {
                let b = stack.pop().ok_or_else(bad)?;
                let a = stack.pop().ok_or_else(bad)?;
                let (a32, b32, a64, b64) = (a as u32, b as u32, a as u64, b as u64);
                match bin {
                    ConstOp::I32Add => a32.wrapping_add(b32) as Slot,
                    ConstOp::I32Sub => a32.wrapping_sub(b32) as Slot,
                    ConstOp::I32Mul => a32.wrapping_mul(b32) as Slot,
                    ConstOp::I64Add => a64.wrapping_add(b64) as Slot,
                    ConstOp::I64Sub => a64.wrapping_sub(b64) as Slot,
                    _ => a64.wrapping_mul(b64) as Slot,
                }
            }
        };
        stack.push(value);
    }
    stack.pop().ok_or_else(bad)
}
