//! The store: owner of all runtime objects (functions, memories, tables,
//! globals, segments, instances) and of the embedder's state `T`. Handles
//! such as [`Func`] and [`Memory`] are indices into the store that made them.

use crate::config::Engine;
use crate::error::{Error, Trap, TrapKind};
use crate::ir::FuncBody;
use crate::types::{CanonType, TypeRegistry};
use crate::value::{Slot, Val};
use std::collections::HashMap;
use std::sync::Arc;
use wasmparser::{FuncType, GlobalType, MemoryType, RefType, TableType, ValType};

/// The signature of a host function: it gets the caller's context, the
/// arguments, and a slice to fill with results.
pub type HostFunc<T> =
    dyn Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync + 'static;

pub(crate) enum FuncEntity<T> {
    Wasm {
        ty: u32,
        instance: u32,
        body: Arc<FuncBody>,
    },
    Host {
        ty: u32,
        func: Arc<HostFunc<T>>,
    },
}

impl<T> FuncEntity<T> {
    pub(crate) fn ty(&self) -> u32 {
        match self {
            FuncEntity::Wasm { ty, .. } | FuncEntity::Host { ty, .. } => *ty,
        }
    }
}

pub(crate) struct MemoryEntity {
    pub data: Vec<u8>,
    pub ty: MemoryType,
    /// The most pages this memory may grow to.
    pub max_pages: u64,
}

impl MemoryEntity {
    pub(crate) fn page_size(&self) -> u64 {
        1u64 << self.ty.page_size_log2()
    }

    pub(crate) fn pages(&self) -> u64 {
        self.data.len() as u64 >> self.ty.page_size_log2()
    }

    /// Grows by `delta` pages; the old size, or `None` if not allowed.
    pub(crate) fn grow(&mut self, delta: u64) -> Option<u64> {
        let old = self.pages();
        let new = old.checked_add(delta)?;
        if new > self.max_pages {
            return None;
        }
        let bytes = usize::try_from(new.checked_mul(self.page_size())?).ok()?;
        self.data.try_reserve_exact(bytes - self.data.len()).ok()?;
        self.data.resize(bytes, 0);
        Some(old)
    }
}

pub(crate) struct TableEntity {
    pub elems: Vec<Slot>,
    pub ty: TableType,
    /// The element type, canonicalized.
    pub elem: CanonType,
    pub max: u64,
}

impl TableEntity {
    pub(crate) fn grow(&mut self, delta: u64, init: Slot) -> Option<u64> {
        let old = self.elems.len() as u64;
        let new = old.checked_add(delta)?;
        if new > self.max {
            return None;
        }
        let new = usize::try_from(new).ok()?;
        self.elems.try_reserve_exact(new - self.elems.len()).ok()?;
        self.elems.resize(new, init);
        Some(old)
    }
}

pub(crate) struct GlobalEntity {
    pub value: Slot,
    pub ty: GlobalType,
    /// The content type, canonicalized.
    pub content: CanonType,
}

/// A resolved instance: its index spaces mapped to store addresses.
#[derive(Default)]
pub(crate) struct InstanceEntity {
    pub types: Vec<u32>,
    pub funcs: Vec<u32>,
    /// For each function index, the body of a function this instance
    /// defines (`None` for imports): what a direct call within the
    /// instance runs, found in one load.
    pub bodies: Vec<Option<Arc<FuncBody>>>,
    pub tables: Vec<u32>,
    pub memories: Vec<u32>,
    pub globals: Vec<u32>,
    pub elems: Vec<u32>,
    pub datas: Vec<u32>,
    pub tags: Vec<u32>,
    pub exports: HashMap<String, Extern>,
    pub export_order: Vec<String>,
}

/// All runtime objects, plus the embedder's state `T`.
pub struct Store<T> {
    pub(crate) engine: Engine,
    data: T,
    pub(crate) types: TypeRegistry,
    pub(crate) funcs: Vec<FuncEntity<T>>,
    pub(crate) memories: Vec<MemoryEntity>,
    pub(crate) tables: Vec<TableEntity>,
    pub(crate) globals: Vec<GlobalEntity>,
    pub(crate) elems: Vec<Vec<Slot>>,
    pub(crate) datas: Vec<Arc<[u8]>>,
    pub(crate) instances: Vec<InstanceEntity>,
    /// Tags: the store type id of each tag's signature.
    pub(crate) tags: Vec<u32>,
    /// Thrown exceptions: tag address and argument values.
    pub(crate) exceptions: Vec<(u32, Box<[Slot]>)>,
    /// GC objects (structs and arrays).
    pub(crate) gc: Vec<crate::gc::GcObject>,
    pub(crate) fuel: Option<u64>,
}

impl<T> Store<T> {
    /// An empty store holding the embedder's state.
    pub fn new(engine: &Engine, data: T) -> Self {
        Store {
            engine: engine.clone(),
            data,
            types: TypeRegistry::default(),
            funcs: Vec::new(),
            memories: Vec::new(),
            tables: Vec::new(),
            globals: Vec::new(),
            elems: Vec::new(),
            datas: Vec::new(),
            instances: Vec::new(),
            tags: Vec::new(),
            exceptions: Vec::new(),
            gc: Vec::new(),
            fuel: engine.config().fuel,
        }
    }

    /// The engine this store belongs to.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The embedder's state.
    pub fn data(&self) -> &T {
        &self.data
    }

    /// The embedder's state, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.data
    }

    /// Consumes the store, returning the embedder's state.
    pub fn into_data(self) -> T {
        self.data
    }

    /// Sets the remaining fuel (`None`: unlimited).
    pub fn set_fuel(&mut self, fuel: Option<u64>) {
        self.fuel = fuel;
    }

    /// The remaining fuel (`None`: unlimited).
    pub fn fuel(&self) -> Option<u64> {
        self.fuel
    }

    pub(crate) fn alloc_func(&mut self, entity: FuncEntity<T>) -> Func {
        self.funcs.push(entity);
        Func(self.funcs.len() as u32 - 1)
    }

    pub(crate) fn alloc_memory(&mut self, ty: MemoryType) -> Result<Memory, Error> {
        // The limit is set in 64 KiB pages and capped at 4 GiB.
        let limit_bytes = (self
            .engine
            .config()
            .max_memory_pages
            .saturating_mul(1 << 16))
        .min(1 << 32);
        let limit = limit_bytes >> ty.page_size_log2();
        let arch_max = if ty.memory64 {
            1u64 << (64 - ty.page_size_log2()).min(48)
        } else {
            (1u64 << 32) >> ty.page_size_log2()
        };
        let max_pages = ty.maximum.unwrap_or(arch_max).min(arch_max).min(limit);
        if ty.initial > max_pages {
            return Err(Error::Link(format!(
                "memory of {} pages exceeds the limit of {max_pages}",
                ty.initial
            )));
        }
        let bytes = usize::try_from(ty.initial << ty.page_size_log2())
            .map_err(|_| Error::Link("memory too large".into()))?;
        self.memories.push(MemoryEntity {
            data: vec![0; bytes],
            ty,
            max_pages,
        });
        Ok(Memory(self.memories.len() as u32 - 1))
    }

    pub(crate) fn alloc_table(
        &mut self,
        ty: TableType,
        elem: CanonType,
        init: Slot,
    ) -> Result<Table, Error> {
        let limit = self.engine.config().max_table_elements;
        let max = ty.maximum.unwrap_or(u32::MAX as u64).min(limit);
        if ty.initial > max {
            return Err(Error::Link(format!(
                "table of {} elements exceeds the limit of {max}",
                ty.initial
            )));
        }
        self.tables.push(TableEntity {
            elems: vec![init; ty.initial as usize],
            ty,
            elem,
            max,
        });
        Ok(Table(self.tables.len() as u32 - 1))
    }

    pub(crate) fn alloc_global(
        &mut self,
        ty: GlobalType,
        content: CanonType,
        value: Slot,
    ) -> Global {
        self.globals.push(GlobalEntity { value, ty, content });
        Global(self.globals.len() as u32 - 1)
    }
}

/// Access to a store, for the handle methods ([`Memory::data`], ...).
pub trait AsContext {
    /// The embedder's state type.
    type Data;
    /// The store.
    fn as_store(&self) -> &Store<Self::Data>;
}

/// Mutable access to a store.
pub trait AsContextMut: AsContext {
    /// The store, mutably.
    fn as_store_mut(&mut self) -> &mut Store<Self::Data>;
}

impl<T> AsContext for Store<T> {
    type Data = T;
    fn as_store(&self) -> &Store<T> {
        self
    }
}

impl<T> AsContextMut for Store<T> {
    fn as_store_mut(&mut self) -> &mut Store<T> {
        self
    }
}

impl<C: AsContext> AsContext for &mut C {
    type Data = C::Data;
    fn as_store(&self) -> &Store<C::Data> {
        (**self).as_store()
    }
}

impl<C: AsContextMut> AsContextMut for &mut C {
    fn as_store_mut(&mut self) -> &mut Store<C::Data> {
        (**self).as_store_mut()
    }
}

/// What a host function sees of its caller: the store (with the embedder
/// state) and the calling instance, whose memory it may read and write.
pub struct Caller<'a, T> {
    pub(crate) store: &'a mut Store<T>,
    pub(crate) instance: Option<Instance>,
}

impl<T> Caller<'_, T> {
    /// The embedder's state.
    pub fn data(&self) -> &T {
        self.store.data()
    }

    /// The embedder's state, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        self.store.data_mut()
    }

    /// The calling instance (`None` when called from the embedder).
    pub fn instance(&self) -> Option<Instance> {
        self.instance
    }

    /// An export of the calling instance.
    pub fn get_export(&self, name: &str) -> Option<Extern> {
        self.instance?.get_export(&*self.store, name)
    }

    /// The bytes of `memory` and the embedder's state at the same time, so a
    /// host function can move data between them without copying (WASI
    /// `fd_read`/`fd_write`).
    pub fn memory_and_data_mut(&mut self, memory: Memory) -> (&mut [u8], &mut T) {
        let store = &mut *self.store;
        (&mut store.memories[memory.0 as usize].data, &mut store.data)
    }

    /// The caller's memory: its export named `memory`, else its first memory.
    pub fn memory(&self) -> Option<Memory> {
        if let Some(Extern::Memory(m)) = self.get_export("memory") {
            return Some(m);
        }
        let inst = self.instance?;
        self.store
            .instances
            .get(inst.0 as usize)?
            .memories
            .first()
            .map(|m| Memory(*m))
    }
}

impl<T> AsContext for Caller<'_, T> {
    type Data = T;
    fn as_store(&self) -> &Store<T> {
        self.store
    }
}

impl<T> AsContextMut for Caller<'_, T> {
    fn as_store_mut(&mut self) -> &mut Store<T> {
        self.store
    }
}

/// A function (Wasm or host) in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Func(pub(crate) u32);

/// A linear memory in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Memory(pub(crate) u32);

/// A table in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Table(pub(crate) u32);

/// A global in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Global(pub(crate) u32);

/// An exception tag in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag(pub(crate) u32);

/// An instance of a module in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Instance(pub(crate) u32);

/// Anything an instance exports or a module imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Extern {
    /// A function.
    Func(Func),
    /// A table.
    Table(Table),
    /// A memory.
    Memory(Memory),
    /// A global.
    Global(Global),
    /// An exception tag.
    Tag(Tag),
}

impl From<Tag> for Extern {
    fn from(t: Tag) -> Self {
        Extern::Tag(t)
    }
}

impl From<Func> for Extern {
    fn from(f: Func) -> Self {
        Extern::Func(f)
    }
}
impl From<Table> for Extern {
    fn from(t: Table) -> Self {
        Extern::Table(t)
    }
}
impl From<Memory> for Extern {
    fn from(m: Memory) -> Self {
        Extern::Memory(m)
    }
}
impl From<Global> for Extern {
    fn from(g: Global) -> Self {
        Extern::Global(g)
    }
}

impl Func {
    /// A host function of the given type in `store`.
    pub fn new<T>(
        store: &mut Store<T>,
        ty: FuncType,
        func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> Func {
        let ty = store.types.intern(&ty);
        store.alloc_func(FuncEntity::Host {
            ty,
            func: Arc::new(func),
        })
    }

    /// The function's type.
    pub fn ty<C: AsContext>(&self, ctx: &C) -> FuncType {
        let store = ctx.as_store();
        store
            .funcs
            .get(self.0 as usize)
            .and_then(|f| store.types.list.get(f.ty() as usize))
            .cloned()
            .unwrap_or_else(|| FuncType::new([], []))
    }

    /// Calls the function; `results` must have one slot per result.
    pub fn call<C: AsContextMut>(
        &self,
        mut ctx: C,
        args: &[Val],
        results: &mut [Val],
    ) -> Result<(), Error> {
        crate::exec::invoke(ctx.as_store_mut(), *self, args, results)
    }
}

impl Memory {
    /// A new memory of the given type in `store`.
    pub fn new<T>(store: &mut Store<T>, ty: MemoryType) -> Result<Memory, Error> {
        store.alloc_memory(ty)
    }

    fn entity<'a, T>(&self, store: &'a Store<T>) -> &'a MemoryEntity {
        &store.memories[self.0 as usize]
    }

    /// The memory's bytes.
    pub fn data<'a, C: AsContext>(&self, ctx: &'a C) -> &'a [u8]
    where
        C::Data: 'a,
    {
        &self.entity(ctx.as_store()).data
    }

    /// The memory's bytes, mutably.
    pub fn data_mut<'a, C: AsContextMut>(&self, ctx: &'a mut C) -> &'a mut [u8]
    where
        C::Data: 'a,
    {
        &mut ctx.as_store_mut().memories[self.0 as usize].data
    }

    /// Copies `buf.len()` bytes at `offset` into `buf`; traps out of bounds.
    pub fn read<C: AsContext>(&self, ctx: &C, offset: usize, buf: &mut [u8]) -> Result<(), Trap> {
        let data = self.data(ctx);
        let src = offset
            .checked_add(buf.len())
            .and_then(|end| data.get(offset..end))
            .ok_or(Trap::new(TrapKind::MemoryOutOfBounds))?;
        buf.copy_from_slice(src);
        Ok(())
    }

    /// Copies `buf` to `offset`; traps out of bounds.
    pub fn write<C: AsContextMut>(
        &self,
        mut ctx: C,
        offset: usize,
        buf: &[u8],
    ) -> Result<(), Trap> {
        let data = self.data_mut(&mut ctx);
        let dst = offset
            .checked_add(buf.len())
            .and_then(|end| data.get_mut(offset..end))
            .ok_or(Trap::new(TrapKind::MemoryOutOfBounds))?;
        dst.copy_from_slice(buf);
        Ok(())
    }

    /// The size in pages.
    pub fn size<C: AsContext>(&self, ctx: &C) -> u64 {
        self.entity(ctx.as_store()).pages()
    }

    /// Grows by `delta` pages, returning the old size.
    pub fn grow<C: AsContextMut>(&self, mut ctx: C, delta: u64) -> Result<u64, Error> {
        ctx.as_store_mut().memories[self.0 as usize]
            .grow(delta)
            .ok_or_else(|| Error::Usage("memory cannot grow that much".into()))
    }

    /// The memory's type.
    pub fn ty<C: AsContext>(&self, ctx: &C) -> MemoryType {
        self.entity(ctx.as_store()).ty
    }
}

impl Table {
    /// A new table of the given type, filled with `init`.
    pub fn new<T>(store: &mut Store<T>, ty: TableType, init: Val) -> Result<Table, Error> {
        let elem = TypeRegistry::canon(ValType::Ref(ty.element_type), &[]);
        store.alloc_table(ty, elem, init.to_slot())
    }

    /// The number of elements.
    pub fn size<C: AsContext>(&self, ctx: &C) -> u64 {
        ctx.as_store().tables[self.0 as usize].elems.len() as u64
    }

    /// The element at `index`.
    pub fn get<C: AsContext>(&self, ctx: &C, index: u64) -> Option<Val> {
        let table = &ctx.as_store().tables[self.0 as usize];
        let slot = *table.elems.get(usize::try_from(index).ok()?)?;
        Some(Val::from_slot(slot, ValType::Ref(table.ty.element_type)))
    }

    /// Sets the element at `index`.
    pub fn set<C: AsContextMut>(&self, mut ctx: C, index: u64, val: Val) -> Result<(), Error> {
        let table = &mut ctx.as_store_mut().tables[self.0 as usize];
        if !val.matches(ValType::Ref(table.ty.element_type)) {
            return Err(Error::Usage("table element of the wrong type".into()));
        }
        let slot = usize::try_from(index)
            .ok()
            .and_then(|i| table.elems.get_mut(i))
            .ok_or(Trap::new(TrapKind::TableOutOfBounds))?;
        *slot = val.to_slot();
        Ok(())
    }

    /// The table's type.
    pub fn ty<C: AsContext>(&self, ctx: &C) -> TableType {
        ctx.as_store().tables[self.0 as usize].ty
    }

    /// The element type.
    pub fn element_type<C: AsContext>(&self, ctx: &C) -> RefType {
        self.ty(ctx).element_type
    }
}

impl Global {
    /// A new global of the given type and value.
    pub fn new<T>(store: &mut Store<T>, ty: GlobalType, value: Val) -> Result<Global, Error> {
        if !value.matches(ty.content_type) {
            return Err(Error::Usage("global value of the wrong type".into()));
        }
        let content = TypeRegistry::canon(ty.content_type, &[]);
        Ok(store.alloc_global(ty, content, value.to_slot()))
    }

    /// The current value.
    pub fn get<C: AsContext>(&self, ctx: &C) -> Val {
        let g = &ctx.as_store().globals[self.0 as usize];
        Val::from_slot(g.value, g.ty.content_type)
    }

    /// Sets the value of a mutable global.
    pub fn set<C: AsContextMut>(&self, mut ctx: C, value: Val) -> Result<(), Error> {
        let g = &mut ctx.as_store_mut().globals[self.0 as usize];
        if !g.ty.mutable || !value.matches(g.ty.content_type) {
            return Err(Error::Usage(
                "global is immutable or of another type".into(),
            ));
        }
        g.value = value.to_slot();
        Ok(())
    }

    /// The global's type.
    pub fn ty<C: AsContext>(&self, ctx: &C) -> GlobalType {
        ctx.as_store().globals[self.0 as usize].ty
    }
}

impl Instance {
    /// The export with this name.
    pub fn get_export<C: AsContext>(&self, ctx: &C, name: &str) -> Option<Extern> {
        ctx.as_store()
            .instances
            .get(self.0 as usize)?
            .exports
            .get(name)
            .copied()
    }

    /// The exported function with this name.
    pub fn get_func<C: AsContext>(&self, ctx: &C, name: &str) -> Option<Func> {
        match self.get_export(ctx, name)? {
            Extern::Func(f) => Some(f),
            _ => None,
        }
    }

    /// The exported memory with this name.
    pub fn get_memory<C: AsContext>(&self, ctx: &C, name: &str) -> Option<Memory> {
        match self.get_export(ctx, name)? {
            Extern::Memory(m) => Some(m),
            _ => None,
        }
    }

    /// The exported global with this name.
    pub fn get_global<C: AsContext>(&self, ctx: &C, name: &str) -> Option<Global> {
        match self.get_export(ctx, name)? {
            Extern::Global(g) => Some(g),
            _ => None,
        }
    }

    /// The exported table with this name.
    pub fn get_table<C: AsContext>(&self, ctx: &C, name: &str) -> Option<Table> {
        match self.get_export(ctx, name)? {
            Extern::Table(t) => Some(t),
            _ => None,
        }
    }

    /// All exports, in declaration order.
    pub fn exports<C: AsContext>(&self, ctx: &C) -> Vec<(String, Extern)> {
        let store = ctx.as_store();
        let Some(inst) = store.instances.get(self.0 as usize) else {
            return Vec::new();
        };
        inst.export_order
            .iter()
            .filter_map(|n| inst.exports.get(n).map(|e| (n.clone(), *e)))
            .collect()
    }
}
