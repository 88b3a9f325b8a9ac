//! Memory comparison through the module itself: every memory gets an
//! exported function that hashes its contents (FNV-1a over 8-byte words,
//! seeded with its size in pages). The oracle calls it after every call
//! like any other export, so every runtime, every probe and every native
//! script runner (`wasmtime wast`, `wasmi_wast`) compares memories without
//! a directive of its own, and a difference names the call after which
//! memory first differed.

use wasm_encoder::reencode::{self, Reencode};
use wasm_encoder::{self as we, Instruction as I};
use wasmparser as wp;

/// Exports added by [`with_memory_hashes`] start with this.
pub const MEMORY_HASH_PREFIX: &str = "memory-hash ";

/// Why the hash functions could not be added.
#[derive(Debug, thiserror::Error)]
#[error("adding memory hashes: {0}")]
pub struct MemoryHashError(String);

/// `module` with one exported `() -> i64` function per memory (named
/// [`MEMORY_HASH_PREFIX`] and the memory's index) that hashes that memory,
/// and the names of those exports. A module without memories (or without
/// the sections the functions need: wasm-smith's always has them) comes
/// back as it was.
pub fn with_memory_hashes(module: &[u8]) -> Result<(Vec<u8>, Vec<String>), MemoryHashError> {
    let error = |e: wp::BinaryReaderError| MemoryHashError(e.to_string());
    let (mut types, mut funcs, mut memories) = (0u32, 0u32, 0u32);
    let mut sections = [false; 4]; // type, function, export, code
    for payload in wp::Parser::new(0).parse_all(module) {
        match payload.map_err(error)? {
            wp::Payload::TypeSection(s) => {
                sections[0] = true;
                for group in s {
                    types += group.map_err(error)?.types().len() as u32;
                }
            }
            wp::Payload::ImportSection(s) => {
                for import in s.into_imports() {
                    match import.map_err(error)?.ty {
                        wp::TypeRef::Func(_) | wp::TypeRef::FuncExact(_) => funcs += 1,
                        wp::TypeRef::Memory(_) => memories += 1,
                        _ => {}
                    }
                }
            }
            wp::Payload::FunctionSection(s) => {
                sections[1] = true;
                funcs += s.count();
            }
            wp::Payload::MemorySection(s) => memories += s.count(),
            wp::Payload::ExportSection(_) => sections[2] = true,
            wp::Payload::CodeSectionStart { .. } => sections[3] = true,
            _ => {}
        }
    }
    if memories == 0 || sections.contains(&false) {
        return Ok((module.to_vec(), Vec::new()));
    }
    let names: Vec<String> = (0..memories)
        .map(|m| format!("{MEMORY_HASH_PREFIX}{m}"))
        .collect();
    let mut adder = AddHashes {
        type_index: types,
        first_func: funcs,
        names: &names,
    };
    let mut out = we::Module::new();
    adder
        .parse_core_module(&mut out, wp::Parser::new(0), module)
        .map_err(|e| MemoryHashError(e.to_string()))?;
    Ok((out.finish(), names))
}

struct AddHashes<'a> {
    type_index: u32,
    first_func: u32,
    names: &'a [String],
}

impl Reencode for AddHashes<'_> {
    type Error = std::convert::Infallible;

    fn parse_type_section(
        &mut self,
        types: &mut we::TypeSection,
        section: wp::TypeSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_type_section(self, types, section)?;
        types.ty().function([], [we::ValType::I64]);
        Ok(())
    }

    fn parse_function_section(
        &mut self,
        functions: &mut we::FunctionSection,
        section: wp::FunctionSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_function_section(self, functions, section)?;
        for _ in self.names {
            functions.function(self.type_index);
        }
        Ok(())
    }

    fn parse_export_section(
        &mut self,
        exports: &mut we::ExportSection,
        section: wp::ExportSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_export_section(self, exports, section)?;
        for (i, name) in self.names.iter().enumerate() {
            exports.export(name, we::ExportKind::Func, self.first_func + i as u32);
        }
        Ok(())
    }

    fn parse_code_section(
        &mut self,
        code: &mut we::CodeSection,
        section: wp::CodeSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_code_section(self, code, section)?;
        for memory in 0..self.names.len() as u32 {
            code.function(&hash_function(memory));
        }
        Ok(())
    }
}

/// FNV-1a (64-bit) over the memory's 8-byte words, seeded with its size.
fn hash_function(memory: u32) -> we::Function {
    const OFFSET: i64 = 0xcbf2_9ce4_8422_2325_u64 as i64;
    const PRIME: i64 = 0x0000_0100_0000_01b3;
    let (i, h, end) = (0, 1, 2);
    let mut f = we::Function::new([
        (1, we::ValType::I32),
        (1, we::ValType::I64),
        (1, we::ValType::I32),
    ]);
    let load = we::MemArg {
        offset: 0,
        align: 3,
        target: we::MemArgTarget::Memory(memory),
        ordering: None,
    };
    for op in [
        I::MemorySize(memory),
        I::I32Const(16),
        I::I32Shl,
        I::LocalSet(end),
        I::I64Const(OFFSET),
        I::MemorySize(memory),
        I::I64ExtendI32U,
        I::I64Xor,
        I::LocalSet(h),
        I::Block(we::BlockType::Empty),
        I::Loop(we::BlockType::Empty),
        I::LocalGet(i),
        I::LocalGet(end),
        I::I32GeU,
        I::BrIf(1),
        I::LocalGet(h),
        I::LocalGet(i),
        I::I64Load(load),
        I::I64Xor,
        I::I64Const(PRIME),
        I::I64Mul,
        I::LocalSet(h),
        I::LocalGet(i),
        I::I32Const(8),
        I::I32Add,
        I::LocalSet(i),
        I::Br(0),
        I::End,
        I::End,
        I::LocalGet(h),
        I::End,
    ] {
        f.instruction(&op);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_after(store_value: i32) -> i64 {
        let wat = format!(
            r#"(module
                 (memory (export "m") 1 2)
                 (func (export "f") (i32.store (i32.const 4096) (i32.const {store_value}))))"#
        );
        let module = wat::parse_str(&wat).expect("valid wat");
        let (hashed, names) = with_memory_hashes(&module).expect("hashes added");
        assert_eq!(names, vec![format!("{MEMORY_HASH_PREFIX}0")]);
        let engine = reference_runtime::Engine::new(&reference_runtime::Config::default());
        let compiled = reference_runtime::Module::new(&engine, &hashed).expect("still valid");
        let mut store = reference_runtime::Store::new(&engine, ());
        let instance =
            reference_runtime::Instance::new(&mut store, &compiled, &[]).expect("instantiates");
        let f = instance.get_func(&store, "f").expect("f kept");
        f.call(&mut store, &[], &mut []).expect("f runs");
        let hash = instance.get_func(&store, &names[0]).expect("hash exported");
        let mut out = [reference_runtime::Val::I64(0)];
        hash.call(&mut store, &[], &mut out).expect("hash runs");
        match out[0] {
            reference_runtime::Val::I64(v) => v,
            ref other => panic!("hash returned {other:?}"),
        }
    }

    #[test]
    fn a_byte_of_difference_changes_the_hash() {
        assert_eq!(hash_after(1), hash_after(1));
        assert_ne!(hash_after(1), hash_after(2));
        assert_ne!(hash_after(0), hash_after(1 << 24));
    }

    #[test]
    fn a_module_without_memory_is_left_alone() {
        let module = wat::parse_str(r#"(module (func (export "f")))"#).expect("valid wat");
        let (same, names) = with_memory_hashes(&module).expect("no error");
        assert_eq!(same, module);
        assert!(names.is_empty());
    }
}
