//! [`Module`]: a decoded, validated and translated Wasm module. Decoding and
//! validation are wasmparser's (`Validator`, `FuncValidator`); each function
//! body is translated once, during validation, by [`crate::translate`].

use crate::config::Engine;
use crate::error::Error;
use crate::ir::FuncBody;
use crate::translate::translate_function;
use std::sync::Arc;
use wasmparser::{
    CompositeInnerType, ConstExpr, DataKind, ElementItems, ElementKind, ExternalKind, FieldType,
    FuncType, GlobalType, MemoryType, Operator, Parser, Payload, TableInit, TableType, TypeRef,
    Validator,
};

/// A compiled module, cheap to clone and to instantiate many times.
#[derive(Debug, Clone)]
pub struct Module {
    pub(crate) inner: Arc<ModuleInner>,
}

/// What a module imports.
#[derive(Debug, Clone)]
pub struct ImportDecl {
    /// The module name of the import.
    pub module: String,
    /// The field name of the import.
    pub name: String,
    /// The kind and type of the import.
    pub ty: ImportType,
}

/// The type of an import.
#[derive(Debug, Clone)]
pub enum ImportType {
    /// A function of the module's type with this index.
    Func(u32),
    /// A table.
    Table(TableType),
    /// A memory.
    Memory(MemoryType),
    /// A global.
    Global(GlobalType),
    /// An exception tag.
    Tag,
}

/// The shape of a defined type.
#[derive(Debug, Clone)]
pub(crate) enum Composite {
    Func,
    Struct(Box<[FieldType]>),
    Array(FieldType),
}

/// A defined type with its declared supertype (GC subtyping).
#[derive(Debug, Clone)]
pub(crate) struct TypeDef {
    pub composite: Composite,
    pub supertype: Option<u32>,
    pub is_final: bool,
}

/// A constant expression, evaluated at instantiation.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConstExprOps(pub Vec<ConstOp>);

#[derive(Debug, Clone, Copy)]
pub(crate) enum ConstOp {
    Value(u128),
    GlobalGet(u32),
    RefFunc(u32),
    I32Add,
    I32Sub,
    I32Mul,
    I64Add,
    I64Sub,
    I64Mul,
    StructNew(u32),
    StructNewDefault(u32),
    ArrayNew(u32),
    ArrayNewDefault(u32),
    ArrayNewFixed(u32, u32),
    RefI31,
    AnyConvertExtern,
    ExternConvertAny,
}

#[derive(Debug)]
pub(crate) enum SegmentMode {
    Passive,
    Active { index: u32, offset: ConstExprOps },
    Declared,
}

#[derive(Debug)]
pub(crate) struct ElemSegment {
    pub mode: SegmentMode,
    pub items: Vec<ConstExprOps>,
}

#[derive(Debug)]
pub(crate) struct DataSegment {
    pub mode: SegmentMode,
    pub bytes: Arc<[u8]>,
}

#[derive(Debug, Default)]
pub(crate) struct ModuleInner {
    /// Function types by type index (non-function types hold an empty type).
    pub types: Vec<FuncType>,
    /// For each type, the index of the first type of its recursion group.
    pub type_groups: Vec<u32>,
    /// For each type, its shape and supertype.
    pub type_defs: Vec<TypeDef>,
    /// Type index of every function, imported ones first.
    pub func_types: Vec<u32>,
    pub imports: Vec<ImportDecl>,
    pub tables: Vec<(TableType, Option<ConstExprOps>)>,
    pub memories: Vec<MemoryType>,
    pub globals: Vec<(GlobalType, ConstExprOps)>,
    pub exports: Vec<(String, ExternalKind, u32)>,
    pub start: Option<u32>,
    pub elems: Vec<ElemSegment>,
    pub datas: Vec<DataSegment>,
    /// Translated bodies of the defined functions.
    pub bodies: Vec<Arc<FuncBody>>,
    pub num_imported_funcs: u32,
    /// Type index of every tag, imported ones first.
    pub tags: Vec<u32>,
}

impl Module {
    /// Decodes, validates and translates a binary module.
    pub fn new(engine: &Engine, bytes: &[u8]) -> Result<Module, Error> {
        let mut validator = Validator::new_with_features(engine.config().features);
        let mut m = ModuleInner::default();
        let mut code_index = 0u32;
        let mut parser = Parser::new(0);
        parser.set_features(engine.config().features);
        for payload in parser.parse_all(bytes) {
            let payload = payload?;
            match validator.payload(&payload)? {
                wasmparser::ValidPayload::Func(func, body) => {
                    let func_index = m.num_imported_funcs + code_index;
                    code_index += 1;
                    let ty_index = m
                        .func_types
                        .get(func_index as usize)
                        .copied()
                        .ok_or_else(|| Error::Unsupported("function without type".into()))?;
                    let validator = func.into_validator(Default::default());
                    let body = translate_function(
                        &m.types,
                        &m.tags,
                        ty_index,
                        &body,
                        validator,
                        engine.config().translation,
                    )?;
                    m.bodies.push(Arc::new(body));
                    continue;
                }
                wasmparser::ValidPayload::End(_) => break,
                _ => {}
            }
            read_section(&mut m, payload)?;
        }
        Ok(Module { inner: Arc::new(m) })
    }

    /// The module's imports, in order.
    pub fn imports(&self) -> &[ImportDecl] {
        &self.inner.imports
    }

    /// The module's exports: name, kind and module-relative index.
    pub fn exports(&self) -> impl Iterator<Item = (&str, ExternalKind)> {
        self.inner.exports.iter().map(|(n, k, _)| (n.as_str(), *k))
    }

    /// The type with this index, if it is a function type.
    pub fn func_type(&self, type_index: u32) -> Option<&FuncType> {
        self.inner.types.get(type_index as usize)
    }
}

fn read_section(m: &mut ModuleInner, payload: Payload<'_>) -> Result<(), Error> {
    match payload {
        Payload::TypeSection(reader) => {
            for group in reader {
                let start = m.types.len() as u32;
                for sub in group?.into_types() {
                    m.type_groups.push(start);
                    m.type_defs.push(TypeDef {
                        composite: match &sub.composite_type.inner {
                            CompositeInnerType::Func(_) => Composite::Func,
                            CompositeInnerType::Struct(s) => Composite::Struct(s.fields.clone()),
                            CompositeInnerType::Array(a) => Composite::Array(a.0),
                            _ => Composite::Func,
                        },
                        supertype: sub.supertype_idxs.first().and_then(|i| i.as_module_index()),
                        is_final: sub.is_final,
                    });
                    match sub.composite_type.inner {
                        CompositeInnerType::Func(f) => m.types.push(f),
                        _ => m.types.push(FuncType::new([], [])),
                    }
                }
            }
        }
        Payload::ImportSection(reader) => {
            for import in reader.into_imports() {
                let import = import?;
                let ty = match import.ty {
                    TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                        m.func_types.push(t);
                        m.num_imported_funcs += 1;
                        ImportType::Func(t)
                    }
                    TypeRef::Table(t) => {
                        m.tables.push((t, None));
                        ImportType::Table(t)
                    }
                    TypeRef::Memory(t) => {
                        m.memories.push(t);
                        ImportType::Memory(t)
                    }
                    TypeRef::Global(t) => {
                        m.globals.push((t, ConstExprOps::default()));
                        ImportType::Global(t)
                    }
                    TypeRef::Tag(t) => {
                        m.tags.push(t.func_type_idx);
                        ImportType::Tag
                    }
                };
                m.imports.push(ImportDecl {
                    module: import.module.to_string(),
                    name: import.name.to_string(),
                    ty,
                });
            }
        }
        Payload::FunctionSection(reader) => {
            for t in reader {
                m.func_types.push(t?);
            }
        }
        Payload::TableSection(reader) => {
            for table in reader {
                let table = table?;
                let init = match table.init {
                    TableInit::RefNull => None,
                    TableInit::Expr(e) => Some(const_expr(&e)?),
                };
                m.tables.push((table.ty, init));
            }
        }
        Payload::MemorySection(reader) => {
            for mem in reader {
                m.memories.push(mem?);
            }
        }
        Payload::GlobalSection(reader) => {
            for global in reader {
                let global = global?;
                m.globals.push((global.ty, const_expr(&global.init_expr)?));
            }
        }
        Payload::ExportSection(reader) => {
            for export in reader {
                let export = export?;
                m.exports
                    .push((export.name.to_string(), export.kind, export.index));
            }
        }
        Payload::StartSection { func, .. } => m.start = Some(func),
        Payload::TagSection(reader) => {
            for tag in reader {
                m.tags.push(tag?.func_type_idx);
            }
        }
        Payload::ElementSection(reader) => {
            for elem in reader {
                let elem = elem?;
                let mode = match elem.kind {
                    ElementKind::Passive => SegmentMode::Passive,
                    ElementKind::Declared => SegmentMode::Declared,
                    ElementKind::Active {
                        table_index,
                        offset_expr,
                    } => SegmentMode::Active {
                        index: table_index.unwrap_or(0),
                        offset: const_expr(&offset_expr)?,
                    },
                };
                let mut items = Vec::new();
                match elem.items {
                    ElementItems::Functions(funcs) => {
                        for f in funcs {
                            items.push(ConstExprOps(vec![ConstOp::RefFunc(f?)]));
                        }
                    }
                    ElementItems::Expressions(_, exprs) => {
                        for e in exprs {
                            items.push(const_expr(&e?)?);
                        }
                    }
                }
                m.elems.push(ElemSegment { mode, items });
            }
        }
        Payload::DataSection(reader) => {
            for data in reader {
                let data = data?;
                let mode = match data.kind {
                    DataKind::Passive => SegmentMode::Passive,
                    DataKind::Active {
                        memory_index,
                        offset_expr,
                    } => SegmentMode::Active {
                        index: memory_index,
                        offset: const_expr(&offset_expr)?,
                    },
                };
                m.datas.push(DataSegment {
                    mode,
                    bytes: data.data.into(),
                });
            }
        }
        _ => {}
    }
    Ok(())
}

/// Converts a validated constant expression into [`ConstOp`]s.
fn const_expr(expr: &ConstExpr<'_>) -> Result<ConstExprOps, Error> {
    let mut ops = Vec::new();
    let mut reader = expr.get_operators_reader();
    while !reader.eof() {
        let op = match reader.read()? {
            Operator::End => break,
            Operator::I32Const { value } => ConstOp::Value(value as u32 as u128),
            Operator::I64Const { value } => ConstOp::Value(value as u64 as u128),
            Operator::F32Const { value } => ConstOp::Value(value.bits() as u128),
            Operator::F64Const { value } => ConstOp::Value(value.bits() as u128),
            Operator::V128Const { value } => ConstOp::Value(value.i128() as u128),
            Operator::RefNull { .. } => ConstOp::Value(0),
            Operator::RefFunc { function_index } => ConstOp::RefFunc(function_index),
            Operator::GlobalGet { global_index } => ConstOp::GlobalGet(global_index),
            Operator::I32Add => ConstOp::I32Add,
            Operator::I32Sub => ConstOp::I32Sub,
            Operator::I32Mul => ConstOp::I32Mul,
            Operator::I64Add => ConstOp::I64Add,
            Operator::I64Sub => ConstOp::I64Sub,
            Operator::I64Mul => ConstOp::I64Mul,
            Operator::StructNew { struct_type_index } => ConstOp::StructNew(struct_type_index),
            Operator::StructNewDefault { struct_type_index } => {
                ConstOp::StructNewDefault(struct_type_index)
            }
            Operator::ArrayNew { array_type_index } => ConstOp::ArrayNew(array_type_index),
            Operator::ArrayNewDefault { array_type_index } => {
                ConstOp::ArrayNewDefault(array_type_index)
            }
            Operator::ArrayNewFixed {
                array_type_index,
                array_size,
            } => ConstOp::ArrayNewFixed(array_type_index, array_size),
            Operator::RefI31 => ConstOp::RefI31,
            Operator::AnyConvertExtern => ConstOp::AnyConvertExtern,
            Operator::ExternConvertAny => ConstOp::ExternConvertAny,
            other => {
                return Err(Error::Unsupported(format!(
                    "constant expression operator {other:?}"
                )));
            }
        };
        ops.push(op);
    }
    Ok(ConstExprOps(ops))
}
