//! The oracle of wasi-conformance: a WebAssembly interpreter (decoding and
//! validation through `wasmparser`) and, later, a WASI preview1 host.
//!
//! The API mirrors wasmtime/wasmi: an [`Engine`] made from a [`Config`]
//! compiles [`Module`]s; a [`Store<T>`] holds runtime objects and the
//! embedder's state `T`; a [`Linker<T>`] resolves imports (host functions
//! get a [`Caller`]) and instantiates; [`Func::call`] runs code.
//! [`wast`] drives the spec test scripts.
#![deny(missing_docs)]

mod config;
mod error;
mod exec;
pub mod exercise;
mod gc;
mod instantiate;
mod ir;
mod linker;
mod lower;
pub mod modes;
mod module;
mod simd;
pub mod spectest;
mod store;
mod translate;
mod types;
mod value;
pub mod wasi;
pub mod wast;

pub use config::{Config, Engine, Translation};
pub use error::{Error, HostMessage, Trap, TrapKind};
pub use linker::Linker;
pub use module::{ImportDecl, ImportType, Module};
pub use store::{
    AsContext, AsContextMut, Caller, Extern, Func, Global, HostFunc, Instance, Memory, Store,
    Table, Tag,
};
pub use value::{AnyRef, ExternRef, Val};
pub use wasmparser::{FuncType, GlobalType, MemoryType, RefType, TableType, ValType, WasmFeatures};
