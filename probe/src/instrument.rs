//! The probe instrumenter: a module and a list of calls become a WASI
//! preview1 command that makes the calls in order and prints one canonical
//! line per call, so any runtime that runs WASI commands can be asked what
//! a spec script's calls return.
//!
//! The command prints `ready` when `_start` begins (after instantiation and
//! the module's own start function), then for call `i` the line
//! `i tok tok ...` (each token [`Observed`](crate::Observed)'s `Display`
//! form), then `done`. Each line is written with `fd_write` before the next
//! call starts, so a trap leaves the lines before it.
//!
//! The module keeps its own sections: they are re-encoded with
//! `wasm-encoder`'s [`Reencode`] with the index spaces remapped, because
//! `spectest` imports become definitions inside the probe (the reference's
//! values), `fd_write` is imported, and the printing helpers, their globals
//! and possibly a memory are appended. The module's own exports are
//! dropped; the probe exports `_start` and `memory`.

use std::borrow::Cow;

use wasm_encoder as we;
use wasm_encoder::reencode::{self, Reencode};
use wasmparser as wp;

use crate::script::Action;
use crate::value::{RefTop, Value};

/// How a probe may build and show host references.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProbeOptions {
    /// Pass `ref.extern N`/`ref.host N` arguments as `i31` values with bit
    /// 30 set (`extern.convert_any` for externs) and read them back from
    /// results. Needs GC in the runtime.
    pub host_refs: bool,
}

/// Why a module and its calls could not become a probe.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstrumentError {
    /// The module does not decode or validate.
    #[error("malformed or invalid module: {0}")]
    Module(String),
    /// Imports from modules other than `spectest`, which need another
    /// script module linked in.
    #[error("imports need other modules linked: {}", list_imports(.0))]
    LinkedImports(Vec<(String, String)>),
    /// No export of that name.
    #[error("no export named {0:?}")]
    UnknownExport(String),
    /// `invoke` of an export that is not a function.
    #[error("export {0:?} is not a function")]
    NotAFunction(String),
    /// `get` of an export that is not a global.
    #[error("export {0:?} is not a global")]
    NotAGlobal(String),
    /// The call's arguments do not fit the function's parameters.
    #[error("call of {export:?}: {reason}")]
    Arguments {
        /// The export.
        export: String,
        /// What does not fit.
        reason: String,
    },
    /// A host reference argument while [`ProbeOptions::host_refs`] is off.
    #[error("call of {0:?}: host reference arguments need host_refs")]
    HostRefs(String),
    /// A result or global type the probe cannot print.
    #[error("{export:?}: cannot print a value of type {ty}")]
    Unsupported {
        /// The export.
        export: String,
        /// The type.
        ty: String,
    },
    /// The produced probe failed validation: a bug of the instrumenter.
    #[error("internal error, the probe does not validate: {0}")]
    Internal(String),
}

fn list_imports(imports: &[(String, String)]) -> String {
    imports
        .iter()
        .map(|(m, n)| format!("{m:?}.{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn module_error(e: impl std::fmt::Display) -> InstrumentError {
    InstrumentError::Module(e.to_string().replace('\n', " "))
}

/// The module as read: its types, imports, index spaces and the raw
/// sections to re-encode.
struct Parsed<'a> {
    types: Vec<wp::SubType>,
    /// Per type: whether its rec group holds it alone.
    alone: Vec<bool>,
    imports: Vec<wp::Import<'a>>,
    func_types: Vec<u32>,
    imported_funcs: usize,
    memories: Vec<wp::MemoryType>,
    imported_memories: usize,
    imported_tables: usize,
    globals: Vec<wp::GlobalType>,
    imported_globals: usize,
    exports: Vec<wp::Export<'a>>,
    type_section: Option<wp::TypeSectionReader<'a>>,
    function_section: Option<wp::FunctionSectionReader<'a>>,
    table_section: Option<wp::TableSectionReader<'a>>,
    memory_section: Option<wp::MemorySectionReader<'a>>,
    tag_section: Option<wp::TagSectionReader<'a>>,
    global_section: Option<wp::GlobalSectionReader<'a>>,
    element_section: Option<wp::ElementSectionReader<'a>>,
    data_section: Option<wp::DataSectionReader<'a>>,
    data_count: Option<u32>,
    start: Option<u32>,
    bodies: Vec<wp::FunctionBody<'a>>,
}

fn features() -> wp::WasmFeatures {
    wp::WasmFeatures::all()
}

impl<'a> Parsed<'a> {
    fn new(bytes: &'a [u8]) -> Result<Self, InstrumentError> {
        wp::Validator::new_with_features(features())
            .validate_all(bytes)
            .map_err(module_error)?;
        let mut p = Parsed {
            types: Vec::new(),
            alone: Vec::new(),
            imports: Vec::new(),
            func_types: Vec::new(),
            imported_funcs: 0,
            memories: Vec::new(),
            imported_memories: 0,
            imported_tables: 0,
            globals: Vec::new(),
            imported_globals: 0,
            exports: Vec::new(),
            type_section: None,
            function_section: None,
            table_section: None,
            memory_section: None,
            tag_section: None,
            global_section: None,
            element_section: None,
            data_section: None,
            data_count: None,
            start: None,
            bodies: Vec::new(),
        };
        for payload in wp::Parser::new(0).parse_all(bytes) {
            match payload.map_err(module_error)? {
                wp::Payload::Version { encoding, .. } => {
                    if encoding != wp::Encoding::Module {
                        return Err(InstrumentError::Module("not a core module".into()));
                    }
                }
                wp::Payload::TypeSection(reader) => {
                    p.type_section = Some(reader.clone());
                    for group in reader {
                        let group = group.map_err(module_error)?;
                        let alone = group.types().len() == 1;
                        for ty in group.into_types() {
                            p.types.push(ty);
                            p.alone.push(alone);
                        }
                    }
                }
                wp::Payload::ImportSection(reader) => {
                    for import in reader.into_imports() {
                        let import = import.map_err(module_error)?;
                        match import.ty {
                            wp::TypeRef::Func(t) | wp::TypeRef::FuncExact(t) => {
                                p.func_types.push(t);
                                p.imported_funcs += 1;
                            }
                            wp::TypeRef::Memory(m) => {
                                p.memories.push(m);
                                p.imported_memories += 1;
                            }
                            wp::TypeRef::Table(_) => p.imported_tables += 1,
                            wp::TypeRef::Global(g) => {
                                p.globals.push(g);
                                p.imported_globals += 1;
                            }
                            wp::TypeRef::Tag(_) => {}
                        }
                        p.imports.push(import);
                    }
                }
                wp::Payload::FunctionSection(reader) => {
                    p.function_section = Some(reader.clone());
                    for t in reader {
                        p.func_types.push(t.map_err(module_error)?);
                    }
                }
                wp::Payload::TableSection(reader) => p.table_section = Some(reader),
                wp::Payload::MemorySection(reader) => {
                    p.memory_section = Some(reader.clone());
                    for m in reader {
                        p.memories.push(m.map_err(module_error)?);
                    }
                }
                wp::Payload::TagSection(reader) => p.tag_section = Some(reader),
                wp::Payload::GlobalSection(reader) => {
                    p.global_section = Some(reader.clone());
                    for g in reader {
                        p.globals.push(g.map_err(module_error)?.ty);
                    }
                }
                wp::Payload::ExportSection(reader) => {
                    for e in reader {
                        p.exports.push(e.map_err(module_error)?);
                    }
                }
                wp::Payload::StartSection { func, .. } => p.start = Some(func),
                wp::Payload::ElementSection(reader) => p.element_section = Some(reader),
                wp::Payload::DataCountSection { count, .. } => p.data_count = Some(count),
                wp::Payload::DataSection(reader) => p.data_section = Some(reader),
                wp::Payload::CodeSectionStart { .. } => {}
                wp::Payload::CodeSectionEntry(body) => p.bodies.push(body),
                wp::Payload::CustomSection(_) | wp::Payload::End(_) => {}
                other => {
                    let what = match other.as_section() {
                        Some((id, _)) => format!("unexpected section {id}"),
                        None => "unexpected payload".to_string(),
                    };
                    return Err(InstrumentError::Module(what));
                }
            }
        }
        Ok(p)
    }

    fn func_type(&self, func: u32) -> Option<&wp::FuncType> {
        let ty = *self.func_types.get(func as usize)?;
        match &self.types.get(ty as usize)?.composite_type.inner {
            wp::CompositeInnerType::Func(f) => Some(f),
            _ => None,
        }
    }

    fn export(&self, name: &str) -> Option<&wp::Export<'a>> {
        self.exports.iter().find(|e| e.name == name)
    }

    /// The hierarchy a reference type belongs to, if the probe can show it.
    fn top_of(&self, heap: wp::HeapType) -> Option<RefTop> {
        match heap {
            wp::HeapType::Abstract { shared: false, ty } => crate::value::abstract_top(ty),
            wp::HeapType::Abstract { shared: true, .. } => None,
            wp::HeapType::Concrete(index) | wp::HeapType::Exact(index) => {
                let ty = self.types.get(index.as_module_index()? as usize)?;
                if ty.composite_type.shared {
                    return None;
                }
                match ty.composite_type.inner {
                    wp::CompositeInnerType::Func(_) => Some(RefTop::Func),
                    wp::CompositeInnerType::Struct(_) | wp::CompositeInnerType::Array(_) => {
                        Some(RefTop::Any)
                    }
                    wp::CompositeInnerType::Cont(_) => None,
                }
            }
        }
    }

    fn linked_imports(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for import in &self.imports {
            let pair = (import.module.to_string(), import.name.to_string());
            if import.module != "spectest" && !out.contains(&pair) {
                out.push(pair);
            }
        }
        out
    }
}

/// What the planner needs to know of a module without running it.
#[derive(Debug, Clone)]
pub struct ModuleFacts {
    exports: Vec<(String, wp::ExternalKind, u32)>,
    imported_funcs: u32,
    /// Per defined function: whether its own body may change state.
    impure: Vec<bool>,
    /// Per defined function: the functions it calls directly.
    callees: Vec<Vec<u32>>,
    linked: Vec<(String, String)>,
    /// Whether any function tests or casts references (`ref.test`,
    /// `ref.cast`, `br_on_cast`, `br_on_cast_fail`).
    casts: bool,
}

/// Whether an operator may change state a later call could see.
fn changes_state(op: &wp::Operator<'_>) -> bool {
    use wp::Operator as O;
    let listed = matches!(
        op,
        O::I32Store { .. }
            | O::I64Store { .. }
            | O::F32Store { .. }
            | O::F64Store { .. }
            | O::I32Store8 { .. }
            | O::I32Store16 { .. }
            | O::I64Store8 { .. }
            | O::I64Store16 { .. }
            | O::I64Store32 { .. }
            | O::V128Store { .. }
            | O::V128Store8Lane { .. }
            | O::V128Store16Lane { .. }
            | O::V128Store32Lane { .. }
            | O::V128Store64Lane { .. }
            | O::MemoryGrow { .. }
            | O::MemoryFill { .. }
            | O::MemoryCopy { .. }
            | O::MemoryInit { .. }
            | O::DataDrop { .. }
            | O::ElemDrop { .. }
            | O::TableSet { .. }
            | O::TableGrow { .. }
            | O::TableFill { .. }
            | O::TableCopy { .. }
            | O::TableInit { .. }
            | O::GlobalSet { .. }
            | O::StructSet { .. }
            | O::ArraySet { .. }
            | O::ArrayFill { .. }
            | O::ArrayCopy { .. }
            | O::ArrayInitData { .. }
            | O::ArrayInitElem { .. }
            | O::CallIndirect { .. }
            | O::CallRef { .. }
            | O::ReturnCallIndirect { .. }
            | O::ReturnCallRef { .. }
            // Stack switching: conservatively, whatever a continuation does.
            | O::ContNew { .. }
            | O::ContBind { .. }
            | O::Resume { .. }
            | O::ResumeThrow { .. }
            | O::Switch { .. }
            | O::Suspend { .. }
    );
    // Every atomic operator (threads, shared-everything) is named so.
    listed || format!("{op:?}").contains("Atomic")
}

impl ModuleFacts {
    /// Reads `module`; an error if it does not decode or validate.
    pub fn new(module: &[u8]) -> Result<Self, InstrumentError> {
        let parsed = Parsed::new(module)?;
        let mut impure = Vec::with_capacity(parsed.bodies.len());
        let mut callees = Vec::with_capacity(parsed.bodies.len());
        let mut casts = false;
        for body in &parsed.bodies {
            let mut reader = body.get_operators_reader().map_err(module_error)?;
            let mut dirty = false;
            let mut calls = Vec::new();
            while !reader.eof() {
                let op = reader.read().map_err(module_error)?;
                match op {
                    wp::Operator::Call { function_index }
                    | wp::Operator::ReturnCall { function_index } => calls.push(function_index),
                    ref op if changes_state(op) => dirty = true,
                    wp::Operator::RefTestNonNull { .. }
                    | wp::Operator::RefTestNullable { .. }
                    | wp::Operator::RefCastNonNull { .. }
                    | wp::Operator::RefCastNullable { .. }
                    | wp::Operator::BrOnCast { .. }
                    | wp::Operator::BrOnCastFail { .. } => casts = true,
                    _ => {}
                }
            }
            impure.push(dirty);
            callees.push(calls);
        }
        Ok(ModuleFacts {
            exports: parsed
                .exports
                .iter()
                .map(|e| (e.name.to_string(), e.kind, e.index))
                .collect(),
            imported_funcs: parsed.imported_funcs as u32,
            impure,
            callees,
            linked: parsed.linked_imports(),
            casts,
        })
    }

    /// Whether the module tests or casts references anywhere: it could
    /// then tell the probe's stand-ins for host references (`i31` values)
    /// from real ones.
    pub fn casts_references(&self) -> bool {
        self.casts
    }

    /// Whether calling (or reading) `export` surely changes no state a
    /// later call could see: no stores, grows, drops, table or global
    /// writes, GC field writes, atomics or indirect calls, no call of an
    /// import, in the function or anything it calls directly. Globals are
    /// pure; an unknown export is not.
    pub fn is_pure(&self, export: &str) -> bool {
        let Some((_, kind, index)) = self.exports.iter().find(|(n, _, _)| n == export) else {
            return false;
        };
        match kind {
            wp::ExternalKind::Global => true,
            wp::ExternalKind::Func | wp::ExternalKind::FuncExact => {
                let mut seen = vec![false; self.impure.len()];
                let mut stack = vec![*index];
                while let Some(func) = stack.pop() {
                    let Some(defined) = func.checked_sub(self.imported_funcs) else {
                        return false;
                    };
                    let defined = defined as usize;
                    match seen.get(defined) {
                        None => return false,
                        Some(true) => continue,
                        Some(false) => seen[defined] = true,
                    }
                    if self.impure[defined] {
                        return false;
                    }
                    stack.extend(self.callees[defined].iter().copied());
                }
                true
            }
            _ => false,
        }
    }

    /// The `(module, name)` imports not from `spectest`: the module needs
    /// other script modules linked in.
    pub fn linked_imports(&self) -> Vec<(String, String)> {
        self.linked.clone()
    }
}

/// A `spectest` import the probe defines itself.
#[derive(Debug, Clone, Copy)]
enum Spec {
    Func,
    Global(SpecGlobal),
    Table,
    Memory,
}

#[derive(Debug, Clone, Copy)]
enum SpecGlobal {
    I32,
    I64,
    F32,
    F64,
}

impl SpecGlobal {
    fn val_type(self) -> we::ValType {
        match self {
            SpecGlobal::I32 => we::ValType::I32,
            SpecGlobal::I64 => we::ValType::I64,
            SpecGlobal::F32 => we::ValType::F32,
            SpecGlobal::F64 => we::ValType::F64,
        }
    }

    fn instruction(self) -> we::Instruction<'static> {
        match self {
            SpecGlobal::I32 => we::Instruction::I32Const(666),
            SpecGlobal::I64 => we::Instruction::I64Const(666),
            SpecGlobal::F32 => we::Instruction::F32Const(we::Ieee32::from(666.6f32)),
            SpecGlobal::F64 => we::Instruction::F64Const(we::Ieee64::from(666.6f64)),
        }
    }

    fn const_expr(self) -> we::ConstExpr {
        match self {
            SpecGlobal::I32 => we::ConstExpr::i32_const(666),
            SpecGlobal::I64 => we::ConstExpr::i64_const(666),
            SpecGlobal::F32 => we::ConstExpr::f32_const(we::Ieee32::from(666.6f32)),
            SpecGlobal::F64 => we::ConstExpr::f64_const(we::Ieee64::from(666.6f64)),
        }
    }
}

const SPEC_TABLE: (u64, u64) = (10, 20);
const SPEC_MEMORY: (u64, u64) = (1, 2);

/// Whether `provided` limits satisfy an import's `min`/`max`.
fn limits_fit(provided: (u64, u64), min: u64, max: Option<u64>) -> bool {
    provided.0 >= min && max.is_none_or(|max| provided.1 <= max)
}

/// The `spectest` definition that satisfies `import`, if the reference's
/// `spectest` provides one of its name and type.
fn spectest_match(parsed: &Parsed<'_>, import: &wp::Import<'_>) -> Option<Spec> {
    if import.module != "spectest" {
        return None;
    }
    match import.ty {
        wp::TypeRef::Func(t) => {
            use wp::ValType as V;
            let params: &[V] = match import.name {
                "print" => &[],
                "print_i32" => &[V::I32],
                "print_i64" => &[V::I64],
                "print_f32" => &[V::F32],
                "print_f64" => &[V::F64],
                "print_i32_f32" => &[V::I32, V::F32],
                "print_f64_f64" => &[V::F64, V::F64],
                _ => return None,
            };
            let ty = parsed.types.get(t as usize)?;
            let plain = *parsed.alone.get(t as usize)?
                && ty.is_final
                && ty.supertype_idxs.is_empty()
                && !ty.composite_type.shared
                && ty.composite_type.descriptor_idx.is_none()
                && ty.composite_type.describes_idx.is_none();
            match &ty.composite_type.inner {
                wp::CompositeInnerType::Func(f)
                    if plain && f.params() == params && f.results().is_empty() =>
                {
                    Some(Spec::Func)
                }
                _ => None,
            }
        }
        wp::TypeRef::Global(g) => {
            let (want, spec) = match import.name {
                "global_i32" => (wp::ValType::I32, SpecGlobal::I32),
                "global_i64" => (wp::ValType::I64, SpecGlobal::I64),
                "global_f32" => (wp::ValType::F32, SpecGlobal::F32),
                "global_f64" => (wp::ValType::F64, SpecGlobal::F64),
                _ => return None,
            };
            (g.content_type == want && !g.mutable && !g.shared).then_some(Spec::Global(spec))
        }
        wp::TypeRef::Table(t) => (import.name == "table"
            && t.element_type == wp::RefType::FUNCREF
            && !t.table64
            && !t.shared
            && limits_fit(SPEC_TABLE, t.initial, t.maximum))
        .then_some(Spec::Table),
        wp::TypeRef::Memory(m) => (import.name == "memory"
            && !m.memory64
            && !m.shared
            && m.page_size_log2.is_none_or(|p| p == 16)
            && limits_fit(SPEC_MEMORY, m.initial, m.maximum))
        .then_some(Spec::Memory),
        _ => None,
    }
}

/// The index remapping, as `wasm-encoder`'s re-encoder hooks.
struct Remap {
    funcs: Vec<u32>,
    globals: Vec<u32>,
    tables: Vec<u32>,
    memories: Vec<u32>,
    /// Per old global index: the constant of a `spectest` global.
    spec_globals: Vec<Option<SpecGlobal>>,
}

fn lookup(map: &[u32], index: u32, what: &str) -> Result<u32, reencode::Error<String>> {
    map.get(index as usize)
        .copied()
        .ok_or_else(|| reencode::Error::UserError(format!("{what} index {index} out of range")))
}

impl Reencode for Remap {
    type Error = String;

    fn function_index(&mut self, func: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.funcs, func, "function")
    }

    fn global_index(&mut self, global: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.globals, global, "global")
    }

    fn table_index(&mut self, table: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.tables, table, "table")
    }

    fn memory_index(&mut self, memory: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.memories, memory, "memory")
    }

    /// A `global.get` of a `spectest` global becomes its constant, so
    /// constant expressions stay constant for runtimes that only allow
    /// imported globals there.
    fn instruction<'a>(
        &mut self,
        op: wp::Operator<'a>,
    ) -> Result<we::Instruction<'a>, reencode::Error<String>> {
        if let wp::Operator::GlobalGet { global_index } = op
            && let Some(Some(spec)) = self.spec_globals.get(global_index as usize)
        {
            return Ok(spec.instruction());
        }
        reencode::utils::instruction(self, op)
    }
}

/// Index bases and helper function indices of the probe.
struct Layout {
    fd_write: u32,
    putc: u32,
    flush: u32,
    put_hex: u32,
    put_dec: u32,
    start: u32,
    g_lo: u32,
    g_hi: u32,
    g_len: u32,
    /// The memory the output goes through.
    memory: u32,
    /// Whether its scratch bytes are the module's and must be restored.
    save: bool,
}

const OUT_PAGE: we::MemoryType = we::MemoryType {
    minimum: 1,
    maximum: None,
    memory64: false,
    shared: false,
    page_size_log2: None,
};

/// Turns `module` and `calls` into a WASI preview1 command that makes the
/// calls in order and prints `ready`, one line per call (its index and
/// its results' tokens) and `done`. With no calls, a module whose memory
/// the probe cannot borrow gets a silent probe (no output, no memory
/// added, its own first memory exported), so that checking that a module
/// instantiates never needs multi-memory.
pub fn instrument(
    module: &[u8],
    calls: &[Action],
    options: &ProbeOptions,
) -> Result<Vec<u8>, InstrumentError> {
    let parsed = Parsed::new(module)?;
    let linked = parsed.linked_imports();
    if !linked.is_empty() {
        return Err(InstrumentError::LinkedImports(linked));
    }

    // Which imports the probe defines, and the new index spaces.
    let specs: Vec<Option<Spec>> = parsed
        .imports
        .iter()
        .map(|i| spectest_match(&parsed, i))
        .collect();
    let mut kept = we::ImportSection::new();
    let mut remap = Remap {
        funcs: Vec::new(),
        globals: Vec::new(),
        tables: Vec::new(),
        memories: Vec::new(),
        spec_globals: Vec::new(),
    };
    // (kind, import position) of converted imports, per kind in order.
    let mut spec_funcs: Vec<u32> = Vec::new(); // their type indices
    let mut spec_globals: Vec<SpecGlobal> = Vec::new();
    let mut spec_tables = 0u32;
    let mut spec_memories = 0u32;
    let (mut kept_funcs, mut kept_globals, mut kept_tables, mut kept_memories) = (0, 0, 0, 0);
    // Old imported index -> Err(position among converted) or Ok(kept index).
    let mut func_slots = Vec::new();
    let mut global_slots = Vec::new();
    let mut table_slots = Vec::new();
    let mut memory_slots = Vec::new();
    let mut first_memory: Option<(bool, u64, Option<u32>)> = None; // (memory64 or shared, initial, log2)
    for (import, spec) in parsed.imports.iter().zip(&specs) {
        let converted = spec.is_some();
        match import.ty {
            wp::TypeRef::Func(t) | wp::TypeRef::FuncExact(t) => {
                if converted {
                    func_slots.push(Err(spec_funcs.len() as u32));
                    spec_funcs.push(t);
                } else {
                    func_slots.push(Ok(kept_funcs));
                    kept_funcs += 1;
                }
            }
            wp::TypeRef::Global(_) => {
                if let Some(Spec::Global(g)) = spec {
                    global_slots.push(Err(spec_globals.len() as u32));
                    spec_globals.push(*g);
                } else {
                    global_slots.push(Ok(kept_globals));
                    kept_globals += 1;
                }
                remap.spec_globals.push(match spec {
                    Some(Spec::Global(g)) => Some(*g),
                    _ => None,
                });
            }
            wp::TypeRef::Table(_) => {
                if converted {
                    table_slots.push(Err(spec_tables));
                    spec_tables += 1;
                } else {
                    table_slots.push(Ok(kept_tables));
                    kept_tables += 1;
                }
            }
            wp::TypeRef::Memory(m) => {
                if converted {
                    memory_slots.push(Err(spec_memories));
                    spec_memories += 1;
                } else {
                    if kept_memories == 0 {
                        first_memory = Some((m.memory64 || m.shared, m.initial, m.page_size_log2));
                    }
                    memory_slots.push(Ok(kept_memories));
                    kept_memories += 1;
                }
            }
            wp::TypeRef::Tag(_) => {}
        }
        if !converted {
            let ty = reencode::RoundtripReencoder
                .entity_type(import.ty)
                .map_err(module_error)?;
            kept.import(import.module, import.name, ty);
        }
    }
    let place = |slots: Vec<Result<u32, u32>>, kept: u32, extra: u32| -> Vec<u32> {
        slots
            .into_iter()
            .map(|s| match s {
                Ok(k) => k,
                Err(c) => kept + extra + c,
            })
            .collect()
    };
    // Functions: kept imports, fd_write, spectest definitions, the
    // module's functions, the helpers.
    let spec_func_count = spec_funcs.len() as u32;
    remap.funcs = place(func_slots, kept_funcs, 1);
    let defined_funcs = (parsed.func_types.len() - parsed.imported_funcs) as u32;
    let func_base = kept_funcs + 1 + spec_func_count;
    remap
        .funcs
        .extend((0..defined_funcs).map(|j| func_base + j));
    let helpers = func_base + defined_funcs;
    // Globals, tables, memories: kept imports, spectest definitions, the
    // module's own, then the probe's.
    let spec_global_count = spec_globals.len() as u32;
    remap.globals = place(global_slots, kept_globals, 0);
    let defined_globals = (parsed.globals.len() - parsed.imported_globals) as u32;
    let global_base = kept_globals + spec_global_count;
    remap
        .globals
        .extend((0..defined_globals).map(|j| global_base + j));
    remap.spec_globals.resize(parsed.globals.len(), None);
    let my_globals = global_base + defined_globals;
    let defined_tables = match &parsed.table_section {
        Some(s) => s.count(),
        None => 0,
    };
    remap.tables = place(table_slots, kept_tables, 0);
    let table_base = kept_tables + spec_tables;
    remap
        .tables
        .extend((0..defined_tables).map(|j| table_base + j));
    let defined_memories = (parsed.memories.len() - parsed.imported_memories) as u32;
    let total_memories = kept_memories + spec_memories + defined_memories;

    // Memory 0 after the conversion: a kept import, a spectest memory or
    // the module's first.
    if first_memory.is_none() {
        if spec_memories > 0 {
            first_memory = Some((false, SPEC_MEMORY.0, None));
        } else if let Some(m) = parsed.memories.get(parsed.imported_memories) {
            first_memory = Some((m.memory64 || m.shared, m.initial, m.page_size_log2));
        }
    }
    let usable = |(wide, initial, log2): (bool, u64, Option<u32>)| {
        let log2 = log2.unwrap_or(16).min(64);
        !wide && (u128::from(initial) << log2) >= 64
    };
    let add_memory = !first_memory.is_some_and(usable);
    // With no calls there is nothing to print but `ready` and `done`, so
    // where printing would need a second memory (multi-memory) the probe
    // stays silent instead: exit 0 then says it instantiated. A module
    // without memory gets one, as WASI hosts (node, wasmer) refuse a
    // command that exports none.
    let silent = calls.is_empty() && add_memory && total_memories > 0;
    let add_memory = add_memory && !silent;
    // An added memory comes first among the defined ones, right after
    // kept imports: WasmEdge's WASI host writes through memory 0 whatever
    // the `memory` export names.
    let added = u32::from(add_memory);
    let (out_memory, save) = if add_memory {
        (kept_memories, false)
    } else {
        (0, true)
    };
    remap.memories = place(memory_slots, kept_memories, added);
    let memory_base = kept_memories + added + spec_memories;
    remap
        .memories
        .extend((0..defined_memories).map(|j| memory_base + j));

    let layout = Layout {
        fd_write: kept_funcs,
        putc: helpers,
        flush: helpers + 1,
        put_hex: helpers + 2,
        put_dec: helpers + 3,
        start: if silent { helpers } else { helpers + 4 },
        g_lo: my_globals,
        g_hi: my_globals + 1,
        g_len: my_globals + 2,
        memory: out_memory,
        save,
    };

    // The `_start` body first: argument and result errors come before any
    // encoding.
    let start_body = if silent {
        let mut f = we::Function::new([]);
        f.instruction(&we::Instruction::End);
        f
    } else {
        start_function(&parsed, &remap, &layout, calls, options)?
    };

    let mut out = we::Module::new();
    let err = module_error;

    // Types: the module's, then the probe's.
    let mut types = we::TypeSection::new();
    if let Some(section) = parsed.type_section.clone() {
        remap.parse_type_section(&mut types, section).map_err(err)?;
    }
    let type_base = parsed.types.len() as u32;
    let (t_fd_write, t_void, t_i32, t_hex) =
        (type_base, type_base + 1, type_base + 2, type_base + 3);
    use we::ValType::{I32, I64};
    types.ty().function([I32, I32, I32, I32], [I32]);
    types.ty().function([], []);
    types.ty().function([I32], []);
    types.ty().function([I64, I32], []);
    out.section(&types);

    kept.import(
        "wasi_snapshot_preview1",
        "fd_write",
        we::EntityType::Function(t_fd_write),
    );
    out.section(&kept);

    let mut functions = we::FunctionSection::new();
    for t in &spec_funcs {
        functions.function(*t);
    }
    if let Some(section) = parsed.function_section.clone() {
        remap
            .parse_function_section(&mut functions, section)
            .map_err(err)?;
    }
    if silent {
        functions.function(t_void);
    } else {
        for t in [t_i32, t_void, t_hex, t_i32, t_void] {
            functions.function(t);
        }
    }
    out.section(&functions);

    let mut tables = we::TableSection::new();
    for _ in 0..spec_tables {
        tables.table(we::TableType {
            element_type: we::RefType::FUNCREF,
            table64: false,
            minimum: SPEC_TABLE.0,
            maximum: Some(SPEC_TABLE.1),
            shared: false,
        });
    }
    if let Some(section) = parsed.table_section.clone() {
        remap
            .parse_table_section(&mut tables, section)
            .map_err(err)?;
    }
    if !tables.is_empty() {
        out.section(&tables);
    }

    let mut memories = we::MemorySection::new();
    if add_memory {
        memories.memory(OUT_PAGE);
    }
    for _ in 0..spec_memories {
        memories.memory(we::MemoryType {
            minimum: SPEC_MEMORY.0,
            maximum: Some(SPEC_MEMORY.1),
            ..OUT_PAGE
        });
    }
    if let Some(section) = parsed.memory_section.clone() {
        remap
            .parse_memory_section(&mut memories, section)
            .map_err(err)?;
    }
    if !memories.is_empty() {
        out.section(&memories);
    }

    if let Some(section) = parsed.tag_section.clone() {
        let mut tags = we::TagSection::new();
        remap.parse_tag_section(&mut tags, section).map_err(err)?;
        out.section(&tags);
    }

    let mut globals = we::GlobalSection::new();
    for g in &spec_globals {
        globals.global(
            we::GlobalType {
                val_type: g.val_type(),
                mutable: false,
                shared: false,
            },
            &g.const_expr(),
        );
    }
    if let Some(section) = parsed.global_section.clone() {
        remap
            .parse_global_section(&mut globals, section)
            .map_err(err)?;
    }
    let mutable = |val_type| we::GlobalType {
        val_type,
        mutable: true,
        shared: false,
    };
    globals.global(mutable(I64), &we::ConstExpr::i64_const(0));
    globals.global(mutable(I64), &we::ConstExpr::i64_const(0));
    globals.global(mutable(I32), &we::ConstExpr::i32_const(0));
    out.section(&globals);

    let mut exports = we::ExportSection::new();
    exports.export("_start", we::ExportKind::Func, layout.start);
    // A silent probe exports the module's first memory: WASI hosts want a
    // `memory` export even from a command that never writes.
    exports.export(
        "memory",
        we::ExportKind::Memory,
        if silent { 0 } else { layout.memory },
    );
    out.section(&exports);

    if let Some(start) = parsed.start {
        out.section(&we::StartSection {
            function_index: remap.function_index(start).map_err(err)?,
        });
    }

    // Elements; the dropped exports declared their functions for
    // `ref.func`, so a declarative segment keeps them declared.
    let mut elements = we::ElementSection::new();
    if let Some(section) = parsed.element_section.clone() {
        remap
            .parse_element_section(&mut elements, section)
            .map_err(err)?;
    }
    let exported_funcs: Vec<u32> = parsed
        .exports
        .iter()
        .filter(|e| matches!(e.kind, wp::ExternalKind::Func | wp::ExternalKind::FuncExact))
        .map(|e| remap.function_index(e.index))
        .collect::<Result<_, _>>()
        .map_err(err)?;
    if !exported_funcs.is_empty() {
        elements.declared(we::Elements::Functions(Cow::Owned(exported_funcs)));
    }
    if !elements.is_empty() {
        out.section(&elements);
    }

    if let Some(count) = parsed.data_count {
        out.section(&we::DataCountSection { count });
    }

    let mut code = we::CodeSection::new();
    for _ in 0..spec_func_count {
        let mut f = we::Function::new([]);
        f.instruction(&we::Instruction::End);
        code.function(&f);
    }
    for body in parsed.bodies.iter().cloned() {
        remap.parse_function_body(&mut code, body).map_err(err)?;
    }
    if !silent {
        for f in helper_functions(&layout) {
            code.function(&f);
        }
    }
    code.function(&start_body);
    out.section(&code);

    if let Some(section) = parsed.data_section.clone() {
        let mut data = we::DataSection::new();
        remap.parse_data_section(&mut data, section).map_err(err)?;
        out.section(&data);
    }

    let bytes = out.finish();
    wp::Validator::new_with_features(features())
        .validate_all(&bytes)
        .map_err(|e| InstrumentError::Internal(e.to_string().replace('\n', " ")))?;
    Ok(bytes)
}

/// Instruction shorthands.
mod ins {
    pub use wasm_encoder::Instruction::*;
}

fn mem(layout: &Layout, offset: u64, align: u32) -> we::MemArg {
    we::MemArg {
        offset,
        align,
        target: we::MemArgTarget::Memory(layout.memory),
        ordering: None,
    }
}

/// `$putc`, `$flush`, `$put_hex`, `$put_dec`, in that order.
fn helper_functions(layout: &Layout) -> Vec<we::Function> {
    use ins::*;
    let (lo, hi, len) = (layout.g_lo, layout.g_hi, layout.g_len);

    // $putc(b): append the byte; flush at a newline or a full buffer.
    let mut putc = we::Function::new([]);
    for i in [
        GlobalGet(len),
        I32Const(8),
        I32LtU,
        If(we::BlockType::Empty),
        GlobalGet(lo),
        LocalGet(0),
        I64ExtendI32U,
        I64Const(0xff),
        I64And,
        GlobalGet(len),
        I64ExtendI32U,
        I64Const(3),
        I64Shl,
        I64Shl,
        I64Or,
        GlobalSet(lo),
        Else,
        GlobalGet(hi),
        LocalGet(0),
        I64ExtendI32U,
        I64Const(0xff),
        I64And,
        GlobalGet(len),
        I32Const(8),
        I32Sub,
        I64ExtendI32U,
        I64Const(3),
        I64Shl,
        I64Shl,
        I64Or,
        GlobalSet(hi),
        End,
        GlobalGet(len),
        I32Const(1),
        I32Add,
        GlobalSet(len),
        LocalGet(0),
        I32Const(10),
        I32Eq,
        GlobalGet(len),
        I32Const(16),
        I32Eq,
        I32Or,
        If(we::BlockType::Empty),
        Call(layout.flush),
        End,
        End,
    ] {
        putc.instruction(&i);
    }

    // $flush(): fd_write(1, iovec at 0, 1, nwritten at 8) of the buffer
    // stored at 16, the 32 scratch bytes saved and restored around it; an
    // errno or a short write traps.
    let mut flush = we::Function::new(if layout.save {
        vec![(4, we::ValType::I64)]
    } else {
        vec![]
    });
    let mut code = vec![
        GlobalGet(len),
        I32Eqz,
        If(we::BlockType::Empty),
        Return,
        End,
    ];
    if layout.save {
        for k in 0..4u32 {
            code.extend([
                I32Const(0),
                I64Load(mem(layout, u64::from(k) * 8, 3)),
                LocalSet(k),
            ]);
        }
    }
    code.extend([
        I32Const(0),
        I32Const(16),
        I32Store(mem(layout, 0, 2)),
        I32Const(0),
        GlobalGet(len),
        I32Store(mem(layout, 4, 2)),
        I32Const(0),
        GlobalGet(lo),
        I64Store(mem(layout, 16, 3)),
        I32Const(0),
        GlobalGet(hi),
        I64Store(mem(layout, 24, 3)),
        I32Const(1),
        I32Const(0),
        I32Const(1),
        I32Const(8),
        Call(layout.fd_write),
        // An error or a short write would lose output silently: trap.
        I32Const(0),
        I32Load(mem(layout, 8, 2)),
        GlobalGet(len),
        I32Ne,
        I32Or,
        If(we::BlockType::Empty),
        Unreachable,
        End,
    ]);
    if layout.save {
        for k in 0..4u32 {
            code.extend([
                I32Const(0),
                LocalGet(k),
                I64Store(mem(layout, u64::from(k) * 8, 3)),
            ]);
        }
    }
    code.extend([
        I64Const(0),
        GlobalSet(lo),
        I64Const(0),
        GlobalSet(hi),
        I32Const(0),
        GlobalSet(len),
        End,
    ]);
    for i in &code {
        flush.instruction(i);
    }

    // $put_hex(v, digits): the low `digits` nibbles, most significant first.
    let mut put_hex = we::Function::new([(1, we::ValType::I32)]);
    for i in [
        Block(we::BlockType::Empty),
        Loop(we::BlockType::Empty),
        LocalGet(1),
        I32Eqz,
        BrIf(1),
        LocalGet(1),
        I32Const(1),
        I32Sub,
        LocalSet(1),
        LocalGet(0),
        LocalGet(1),
        I64ExtendI32U,
        I64Const(2),
        I64Shl,
        I64ShrU,
        I32WrapI64,
        I32Const(15),
        I32And,
        LocalTee(2),
        I32Const(48),
        I32Add,
        LocalGet(2),
        I32Const(9),
        I32GtU,
        I32Const(39),
        I32Mul,
        I32Add,
        Call(layout.putc),
        Br(0),
        End,
        End,
        End,
    ] {
        put_hex.instruction(&i);
    }

    // $put_dec(v): unsigned decimal.
    let mut put_dec = we::Function::new([]);
    for i in [
        LocalGet(0),
        I32Const(10),
        I32GeU,
        If(we::BlockType::Empty),
        LocalGet(0),
        I32Const(10),
        I32DivU,
        Call(layout.put_dec),
        End,
        LocalGet(0),
        I32Const(10),
        I32RemU,
        I32Const(48),
        I32Add,
        Call(layout.putc),
        End,
    ] {
        put_dec.instruction(&i);
    }

    vec![putc, flush, put_hex, put_dec]
}

/// The locals of `_start`: result slots reused from call to call by type,
/// and one scratch local per type for printing.
struct Locals {
    /// Each local's type and whether it is a scratch local.
    types: Vec<(we::ValType, bool)>,
}

impl Locals {
    /// The `n`th result slot of type `ty` (allocated on first use).
    fn get(&mut self, ty: we::ValType, n: usize) -> u32 {
        let mut seen = 0;
        for (i, (t, scratch)) in self.types.iter().enumerate() {
            if *t == ty && !scratch {
                if seen == n {
                    return i as u32;
                }
                seen += 1;
            }
        }
        for _ in seen..=n {
            self.types.push((ty, false));
        }
        (self.types.len() - 1) as u32
    }

    /// The scratch local of type `ty`.
    fn scratch(&mut self, ty: we::ValType) -> u32 {
        match self.types.iter().position(|(t, s)| *t == ty && *s) {
            Some(i) => i as u32,
            None => {
                self.types.push((ty, true));
                (self.types.len() - 1) as u32
            }
        }
    }
}

/// The body of `_start` under construction.
struct Start<'l> {
    code: Vec<we::Instruction<'static>>,
    locals: Locals,
    layout: &'l Layout,
}

const I31_HEAP: we::HeapType = we::HeapType::Abstract {
    shared: false,
    ty: we::AbstractHeapType::I31,
};

impl Start<'_> {
    fn text(&mut self, text: &str) {
        for b in text.bytes() {
            self.code.push(ins::I32Const(i32::from(b)));
            self.code.push(ins::Call(self.layout.putc));
        }
    }

    fn hex(&mut self, digits: i32) {
        self.code.push(ins::I32Const(digits));
        self.code.push(ins::Call(self.layout.put_hex));
    }

    /// `then` if the i32 on the stack is nonzero, else `otherwise`.
    fn branch(&mut self, then: impl FnOnce(&mut Self), otherwise: impl FnOnce(&mut Self)) {
        self.code.push(ins::If(we::BlockType::Empty));
        then(self);
        self.code.push(ins::Else);
        otherwise(self);
        self.code.push(ins::End);
    }

    /// Prints `i31` value `n` (in local `n`), as a host reference when
    /// bit 30 is set and `host` is on.
    fn i31(&mut self, n: u32, host: Option<&'static str>, plain: &'static str) {
        let print = move |s: &mut Self, prefix: &str, mask: i32| {
            s.text(prefix);
            s.code.extend([
                ins::LocalGet(n),
                ins::I32Const(mask),
                ins::I32And,
                ins::Call(s.layout.put_dec),
            ]);
        };
        match host {
            Some(prefix) => {
                self.code
                    .extend([ins::LocalGet(n), ins::I32Const(0x4000_0000), ins::I32And]);
                self.branch(
                    |s| print(s, prefix, 0x3fff_ffff),
                    |s| {
                        if plain.ends_with(':') {
                            print(s, plain, -1)
                        } else {
                            s.text(plain)
                        }
                    },
                );
            }
            None => print(self, plain, -1),
        }
    }

    /// Prints the value in local `x` of type `ty` (with its leading space).
    fn print(&mut self, x: u32, ty: wp::ValType, top: Option<RefTop>, host_refs: bool) {
        use ins::*;
        match ty {
            wp::ValType::I32 => {
                self.text(" i32:");
                self.code.extend([LocalGet(x), I64ExtendI32U]);
                self.hex(8);
            }
            wp::ValType::I64 => {
                self.text(" i64:");
                self.code.push(LocalGet(x));
                self.hex(16);
            }
            wp::ValType::F32 => {
                self.text(" f32:");
                self.code
                    .extend([LocalGet(x), I32ReinterpretF32, I64ExtendI32U]);
                self.hex(8);
            }
            wp::ValType::F64 => {
                self.text(" f64:");
                self.code.extend([LocalGet(x), I64ReinterpretF64]);
                self.hex(16);
            }
            wp::ValType::V128 => {
                self.text(" v128:");
                self.code.extend([LocalGet(x), I64x2ExtractLane(1)]);
                self.hex(16);
                self.code.extend([LocalGet(x), I64x2ExtractLane(0)]);
                self.hex(16);
            }
            wp::ValType::Ref(_) => {
                let top = top.unwrap_or(RefTop::Func);
                self.code.extend([LocalGet(x), RefIsNull]);
                self.branch(
                    |s| s.text(&format!(" null:{}", top.as_str())),
                    |s| s.non_null(x, top, host_refs),
                );
            }
        }
    }

    fn non_null(&mut self, x: u32, top: RefTop, host_refs: bool) {
        use ins::*;
        let heap = |ty| we::HeapType::Abstract { shared: false, ty };
        match top {
            RefTop::Func => self.text(" ref:func"),
            RefTop::Exn => self.text(" ref:exn"),
            RefTop::Extern if !host_refs => self.text(" ref:extern"),
            RefTop::Extern => {
                let any = self.locals.scratch(we::ValType::Ref(we::RefType::ANYREF));
                let n = self.locals.scratch(we::ValType::I32);
                self.code.extend([
                    LocalGet(x),
                    AnyConvertExtern,
                    LocalTee(any),
                    RefTestNonNull(I31_HEAP),
                ]);
                self.branch(
                    |s| {
                        s.code.extend([
                            LocalGet(any),
                            RefCastNonNull(I31_HEAP),
                            I31GetU,
                            LocalSet(n),
                        ]);
                        s.i31(n, Some(" ref:extern:"), " ref:extern");
                    },
                    |s| s.text(" ref:extern"),
                );
            }
            RefTop::Any => {
                let n = self.locals.scratch(we::ValType::I32);
                self.code.extend([LocalGet(x), RefTestNonNull(I31_HEAP)]);
                self.branch(
                    |s| {
                        s.code.extend([
                            LocalGet(x),
                            RefCastNonNull(I31_HEAP),
                            I31GetU,
                            LocalSet(n),
                        ]);
                        s.i31(n, host_refs.then_some(" ref:host:"), " ref:i31:");
                    },
                    |s| {
                        s.code.extend([
                            LocalGet(x),
                            RefTestNonNull(heap(we::AbstractHeapType::Struct)),
                        ]);
                        s.branch(
                            |s| s.text(" ref:struct"),
                            |s| {
                                s.code.extend([
                                    LocalGet(x),
                                    RefTestNonNull(heap(we::AbstractHeapType::Array)),
                                ]);
                                s.branch(|s| s.text(" ref:array"), |s| s.text(" ref:any"));
                            },
                        );
                    },
                );
            }
        }
    }
}

/// The local type that holds a value of `ty`: references made nullable.
fn local_type(remap: &mut Remap, ty: wp::ValType) -> Result<we::ValType, InstrumentError> {
    let ty = remap.val_type(ty).map_err(module_error)?;
    Ok(match ty {
        we::ValType::Ref(r) => we::ValType::Ref(we::RefType {
            nullable: true,
            heap_type: r.heap_type,
        }),
        other => other,
    })
}

fn start_function(
    parsed: &Parsed<'_>,
    remap: &Remap,
    layout: &Layout,
    calls: &[Action],
    options: &ProbeOptions,
) -> Result<we::Function, InstrumentError> {
    // A throwaway re-encoder for types (type indices are unchanged).
    let mut types = Remap {
        funcs: Vec::new(),
        globals: Vec::new(),
        tables: Vec::new(),
        memories: Vec::new(),
        spec_globals: Vec::new(),
    };
    let mut s = Start {
        code: Vec::new(),
        locals: Locals { types: Vec::new() },
        layout,
    };
    s.text("ready\n");
    for (i, call) in calls.iter().enumerate() {
        let name = call.export();
        let export = parsed
            .export(name)
            .ok_or_else(|| InstrumentError::UnknownExport(name.to_string()))?;
        let results: Vec<wp::ValType> = match call {
            Action::Invoke { args, .. } => {
                if !matches!(
                    export.kind,
                    wp::ExternalKind::Func | wp::ExternalKind::FuncExact
                ) {
                    return Err(InstrumentError::NotAFunction(name.to_string()));
                }
                let ty = parsed
                    .func_type(export.index)
                    .ok_or_else(|| InstrumentError::Module(format!("no type for {name:?}")))?;
                if ty.params().len() != args.len() {
                    return Err(InstrumentError::Arguments {
                        export: name.to_string(),
                        reason: format!(
                            "{} parameters, {} arguments",
                            ty.params().len(),
                            args.len()
                        ),
                    });
                }
                for (k, (arg, param)) in args.iter().zip(ty.params()).enumerate() {
                    let op = argument(parsed, &mut types, name, k, arg, *param, options)?;
                    s.code.extend(op);
                }
                let func = lookup(&remap.funcs, export.index, "function").map_err(module_error)?;
                s.code.push(ins::Call(func));
                ty.results().to_vec()
            }
            Action::Get { .. } => {
                if export.kind != wp::ExternalKind::Global {
                    return Err(InstrumentError::NotAGlobal(name.to_string()));
                }
                let global =
                    lookup(&remap.globals, export.index, "global").map_err(module_error)?;
                let ty = parsed
                    .globals
                    .get(export.index as usize)
                    .ok_or_else(|| InstrumentError::Module(format!("no type for {name:?}")))?;
                s.code.push(ins::GlobalGet(global));
                vec![ty.content_type]
            }
        };
        let mut slots = Vec::with_capacity(results.len());
        for (k, ty) in results.iter().enumerate() {
            let top = match ty {
                wp::ValType::Ref(r) => Some(parsed.top_of(r.heap_type()).ok_or_else(|| {
                    InstrumentError::Unsupported {
                        export: name.to_string(),
                        ty: format!("{ty}"),
                    }
                })?),
                _ => None,
            };
            let local = s.locals.get(local_type(&mut types, *ty)?, k);
            slots.push((local, *ty, top));
        }
        for (local, _, _) in slots.iter().rev() {
            s.code.push(ins::LocalSet(*local));
        }
        s.text(&i.to_string());
        for (local, ty, top) in slots {
            s.print(local, ty, top, options.host_refs);
        }
        s.text("\n");
    }
    s.text("done\n");
    s.code.push(ins::End);
    let mut f = we::Function::new_with_locals_types(s.locals.types.iter().map(|(t, _)| *t));
    for i in &s.code {
        f.instruction(i);
    }
    Ok(f)
}

/// The instructions that push `arg` as a value of parameter type `param`.
fn argument(
    parsed: &Parsed<'_>,
    types: &mut Remap,
    export: &str,
    index: usize,
    arg: &Value,
    param: wp::ValType,
    options: &ProbeOptions,
) -> Result<Vec<we::Instruction<'static>>, InstrumentError> {
    use ins::*;
    let mismatch = || InstrumentError::Arguments {
        export: export.to_string(),
        reason: format!("argument {index} ({arg:?}) does not fit parameter type {param}"),
    };
    let abstract_heap = |r: wp::RefType| match r.heap_type() {
        wp::HeapType::Abstract { shared: false, ty } => Some(ty),
        _ => None,
    };
    let host = |n: u32| -> Result<i32, InstrumentError> {
        if !options.host_refs {
            return Err(InstrumentError::HostRefs(export.to_string()));
        }
        if n > 0x3fff_ffff {
            return Err(InstrumentError::Arguments {
                export: export.to_string(),
                reason: format!("host reference {n} does not fit in 30 bits"),
            });
        }
        Ok((n | 0x4000_0000) as i32)
    };
    Ok(match (arg, param) {
        (Value::I32(v), wp::ValType::I32) => vec![I32Const(*v as i32)],
        (Value::I64(v), wp::ValType::I64) => vec![I64Const(*v as i64)],
        (Value::F32(v), wp::ValType::F32) => vec![F32Const(we::Ieee32::new(*v))],
        (Value::F64(v), wp::ValType::F64) => vec![F64Const(we::Ieee64::new(*v))],
        (Value::V128(v), wp::ValType::V128) => vec![V128Const(*v as i128)],
        (Value::RefNull(top), wp::ValType::Ref(r)) => {
            let actual = parsed.top_of(r.heap_type());
            if !r.is_nullable() || actual.is_none() || top.is_some_and(|t| Some(t) != actual) {
                return Err(mismatch());
            }
            let heap = types.heap_type(r.heap_type()).map_err(module_error)?;
            vec![RefNull(heap)]
        }
        (Value::RefExtern(n), wp::ValType::Ref(r)) => {
            let n = host(*n)?;
            if abstract_heap(r) != Some(wp::AbstractHeapType::Extern) {
                return Err(mismatch());
            }
            vec![I32Const(n), RefI31, ExternConvertAny]
        }
        (Value::RefHost(n), wp::ValType::Ref(r)) => {
            let n = host(*n)?;
            use wp::AbstractHeapType as A;
            if !matches!(abstract_heap(r), Some(A::Any | A::Eq | A::I31)) {
                return Err(mismatch());
            }
            vec![I32Const(n), RefI31]
        }
        _ => return Err(mismatch()),
    })
}
