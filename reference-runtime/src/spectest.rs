//! The `spectest` host module the spec scripts import: `print*` functions
//! (which print nothing), the globals `global_i32`/`global_i64` (666) and
//! `global_f32`/`global_f64` (666.6), a table of 10..20 funcrefs and a
//! memory of 1..2 pages.

use crate::error::Error;
use crate::linker::Linker;
use crate::store::{Global, Memory, Store, Table};
use crate::value::Val;
use wasmparser::{FuncType, GlobalType, MemoryType, RefType, TableType, ValType};

/// Defines the `spectest` module in `linker`, allocating its table, memory
/// and globals in `store`.
pub fn link_spectest<T>(linker: &mut Linker<T>, store: &mut Store<T>) -> Result<(), Error> {
    let prints: [(&str, &[ValType]); 7] = [
        ("print", &[]),
        ("print_i32", &[ValType::I32]),
        ("print_i64", &[ValType::I64]),
        ("print_f32", &[ValType::F32]),
        ("print_f64", &[ValType::F64]),
        ("print_i32_f32", &[ValType::I32, ValType::F32]),
        ("print_f64_f64", &[ValType::F64, ValType::F64]),
    ];
    for (name, params) in prints {
        let ty = FuncType::new(params.iter().copied(), []);
        linker.func_new("spectest", name, ty, |_, _, _| Ok(()));
    }
    let globals = [
        ("global_i32", ValType::I32, Val::I32(666)),
        ("global_i64", ValType::I64, Val::I64(666)),
        ("global_f32", ValType::F32, Val::F32(666.6f32.to_bits())),
        ("global_f64", ValType::F64, Val::F64(666.6f64.to_bits())),
    ];
    for (name, content_type, value) in globals {
        let ty = GlobalType {
            content_type,
            mutable: false,
            shared: false,
        };
        let global = Global::new(store, ty, value)?;
        linker.define("spectest", name, global);
    }
    let table = Table::new(
        store,
        TableType {
            element_type: RefType::FUNCREF,
            table64: false,
            initial: 10,
            maximum: Some(20),
            shared: false,
        },
        Val::FuncRef(None),
    )?;
    linker.define("spectest", "table", table);
    let memory = Memory::new(
        store,
        MemoryType {
            memory64: false,
            shared: false,
            initial: 1,
            maximum: Some(2),
            page_size_log2: None,
        },
    )?;
    linker.define("spectest", "memory", memory);
    Ok(())
}
