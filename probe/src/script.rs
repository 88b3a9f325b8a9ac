//! Parse once, run anywhere: a `.wast` script becomes a list of commands
//! that own their data (module binaries, argument values, expected
//! results) and no longer depend on the `wast` crate's borrowed syntax
//! tree. The in-process reference driver and the probe planner both run
//! this list.

use wast::core::{AbstractHeapType, HeapType, NanPattern, WastArgCore, WastRetCore};
use wast::lexer::Lexer;
use wast::parser::ParseBuffer;
use wast::{
    QuoteWat, QuoteWatTest, Wast, WastArg, WastDirective, WastExecute, WastInvoke, WastRet,
};

use crate::value::{Expected, FloatPattern, RefTop, V128Pattern, Value};

/// The kind of a script directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// Directives of proposals no driver here runs (threads, stack
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

impl std::fmt::Display for DirectiveKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A module's binary, or why the script's text could not be encoded
/// into one.
pub type ModuleBinary = Result<Vec<u8>, String>;

/// What a module must do to pass an `assert_invalid`, `assert_malformed`
/// or `assert_unlinkable`: be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Fails validation.
    Invalid,
    /// Fails decoding.
    Malformed,
    /// Fails linking (a missing or mistyped import).
    Unlinkable,
}

/// A call of an export, or the read of an exported global.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Call an exported function.
    Invoke {
        /// The instance (`$name`), or the latest one.
        instance: Option<String>,
        /// The export.
        export: String,
        /// The arguments.
        args: Vec<Value>,
    },
    /// Read an exported global.
    Get {
        /// The instance, or the latest one.
        instance: Option<String>,
        /// The export.
        export: String,
    },
}

impl Action {
    /// The instance the action names, if any.
    pub fn instance(&self) -> Option<&str> {
        match self {
            Action::Invoke { instance, .. } | Action::Get { instance, .. } => instance.as_deref(),
        }
    }

    /// The export it uses.
    pub fn export(&self) -> &str {
        match self {
            Action::Invoke { export, .. } | Action::Get { export, .. } => export,
        }
    }
}

/// What an action must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// A plain `invoke`: finish without trapping.
    Finish,
    /// Return these results.
    Return(Vec<Expected>),
    /// Trap with this message.
    Trap(String),
    /// Exhaust the call stack (or another resource).
    Exhaustion(String),
    /// Throw a Wasm exception nobody catches.
    Exception,
}

/// One command of a script.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Compile and instantiate; becomes the latest instance, and `name`d.
    Module {
        /// `$name`, if any.
        name: Option<String>,
        /// The binary.
        binary: ModuleBinary,
    },
    /// Compile and keep for `(module instance ...)`.
    Definition {
        /// `$name`, if any.
        name: Option<String>,
        /// The binary.
        binary: ModuleBinary,
    },
    /// Instantiate a definition.
    Instance {
        /// The new instance's name.
        instance: Option<String>,
        /// The definition's name.
        definition: Option<String>,
    },
    /// Make an instance's exports importable under `as_name`.
    Register {
        /// The module name importers use.
        as_name: String,
        /// The instance, or the latest one.
        instance: Option<String>,
    },
    /// Run an action and check what it did.
    Act {
        /// What to run.
        action: Action,
        /// What it must do.
        expect: Expect,
    },
    /// The module must be refused.
    Refuse {
        /// The binary, or (for a quoted text module) why the text parser
        /// already refused it.
        binary: ModuleBinary,
        /// How it must be refused.
        refusal: Refusal,
        /// The script's message.
        message: String,
    },
    /// Instantiation must trap.
    Uninstantiable {
        /// The binary.
        binary: ModuleBinary,
        /// The trap's message.
        message: String,
    },
    /// A directive no driver here runs, with why.
    Unsupported(String),
}

/// One directive: where it is, what kind, what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    /// 1-based line in the script.
    pub line: usize,
    /// Its kind, for reports.
    pub kind: DirectiveKind,
    /// What to do.
    pub body: Body,
}

/// A parsed script.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Script {
    /// Its commands, in order.
    pub commands: Vec<Command>,
}

/// A script the `wast` parser rejects: `file:line:col` and the message,
/// as the parser renders them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

impl Script {
    /// Parse `text`, named `file` in errors.
    pub fn parse(file: &str, text: &str) -> Result<Script, ParseError> {
        let mut lexer = Lexer::new(text);
        lexer.allow_confusing_unicode(true);
        let located = |mut e: wast::Error| {
            e.set_path(std::path::Path::new(file));
            e.set_text(text);
            ParseError(e.to_string())
        };
        let buffer = ParseBuffer::new_with_lexer(lexer).map_err(located)?;
        let wast = wast::parser::parse::<Wast<'_>>(&buffer).map_err(located)?;
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let commands = wast
            .directives
            .into_iter()
            .map(|directive| {
                let offset = directive.span().offset();
                let line = line_starts.partition_point(|start| *start <= offset);
                let kind = kind_of(&directive);
                let body = body_of(directive).unwrap_or_else(Body::Unsupported);
                Command { line, kind, body }
            })
            .collect();
        Ok(Script { commands })
    }
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

fn body_of(directive: WastDirective<'_>) -> Result<Body, String> {
    Ok(match directive {
        WastDirective::Module(mut wat) => Body::Module {
            name: wat.name().map(|id| id.name().to_string()),
            binary: encode_quote(&mut wat),
        },
        WastDirective::ModuleDefinition(mut wat) => Body::Definition {
            name: wat.name().map(|id| id.name().to_string()),
            binary: encode_quote(&mut wat),
        },
        WastDirective::ModuleInstance {
            instance, module, ..
        } => Body::Instance {
            instance: instance.map(|id| id.name().to_string()),
            definition: module.map(|id| id.name().to_string()),
        },
        WastDirective::Register { name, module, .. } => Body::Register {
            as_name: name.to_string(),
            instance: module.map(|id| id.name().to_string()),
        },
        WastDirective::Invoke(invoke) => Body::Act {
            action: invoke_action(&invoke)?,
            expect: Expect::Finish,
        },
        WastDirective::AssertReturn { exec, results, .. } => {
            let expect = Expect::Return(results.iter().map(expected).collect::<Result<_, _>>()?);
            match exec {
                WastExecute::Wat(mut wat) => {
                    // A module that must instantiate (and return nothing).
                    Body::Module {
                        name: None,
                        binary: wat.encode().map_err(|e| e.to_string()),
                    }
                }
                exec => Body::Act {
                    action: exec_action(exec)?,
                    expect,
                },
            }
        }
        WastDirective::AssertTrap { exec, message, .. } => match exec {
            WastExecute::Wat(mut wat) => Body::Uninstantiable {
                binary: wat.encode().map_err(|e| e.to_string()),
                message: message.to_string(),
            },
            exec => Body::Act {
                action: exec_action(exec)?,
                expect: Expect::Trap(message.to_string()),
            },
        },
        WastDirective::AssertExhaustion { call, message, .. } => Body::Act {
            action: invoke_action(&call)?,
            expect: Expect::Exhaustion(message.to_string()),
        },
        WastDirective::AssertException { exec, .. } => Body::Act {
            action: exec_action(exec)?,
            expect: Expect::Exception,
        },
        WastDirective::AssertInvalid {
            mut module,
            message,
            ..
        } => Body::Refuse {
            binary: encode_quote(&mut module),
            refusal: Refusal::Invalid,
            message: message.to_string(),
        },
        WastDirective::AssertMalformed {
            mut module,
            message,
            ..
        } => Body::Refuse {
            binary: encode_quote(&mut module),
            refusal: Refusal::Malformed,
            message: message.to_string(),
        },
        WastDirective::AssertUnlinkable {
            mut module,
            message,
            ..
        } => Body::Refuse {
            binary: module.encode().map_err(|e| e.to_string()),
            refusal: Refusal::Unlinkable,
            message: message.to_string(),
        },
        WastDirective::AssertInvalidCustom { .. } | WastDirective::AssertMalformedCustom { .. } => {
            return Err("custom-section assertions are not run".into());
        }
        WastDirective::AssertSuspension { .. } => {
            return Err("stack-switching assertions are not run".into());
        }
        WastDirective::Thread(_) | WastDirective::Wait { .. } => {
            return Err("threads are not run".into());
        }
    })
}

/// A quoted or binary module's bytes; text is parsed as the spec's text
/// format, so malformed text is an `Err` here.
fn encode_quote(wat: &mut QuoteWat<'_>) -> ModuleBinary {
    match wat.to_test().map_err(|e| e.to_string())? {
        QuoteWatTest::Binary(bytes) => Ok(bytes),
        QuoteWatTest::Text(text) => {
            let text =
                std::str::from_utf8(&text).map_err(|_| "malformed UTF-8 encoding".to_string())?;
            let buf = ParseBuffer::new(text).map_err(|e| e.to_string())?;
            let mut wat = wast::parser::parse::<wast::Wat<'_>>(&buf).map_err(|e| e.to_string())?;
            wat.encode().map_err(|e| e.to_string())
        }
    }
}

fn exec_action(exec: WastExecute<'_>) -> Result<Action, String> {
    match exec {
        WastExecute::Invoke(invoke) => invoke_action(&invoke),
        WastExecute::Get { module, global, .. } => Ok(Action::Get {
            instance: module.map(|id| id.name().to_string()),
            export: global.to_string(),
        }),
        WastExecute::Wat(_) => Err("a module where an action was expected".into()),
    }
}

fn invoke_action(invoke: &WastInvoke<'_>) -> Result<Action, String> {
    Ok(Action::Invoke {
        instance: invoke.module.map(|id| id.name().to_string()),
        export: invoke.name.to_string(),
        args: invoke.args.iter().map(value).collect::<Result<_, _>>()?,
    })
}

/// The hierarchy a heap type belongs to; `None` for a concrete type index.
pub fn heap_top(heap: &HeapType<'_>) -> Option<RefTop> {
    use AbstractHeapType as A;
    match heap {
        HeapType::Abstract { ty, .. } => Some(match ty {
            A::Func | A::NoFunc => RefTop::Func,
            A::Extern | A::NoExtern => RefTop::Extern,
            A::Exn | A::NoExn => RefTop::Exn,
            _ => RefTop::Any,
        }),
        _ => None,
    }
}

fn value(arg: &WastArg<'_>) -> Result<Value, String> {
    let WastArg::Core(core) = arg else {
        return Err("component-model arguments are not supported".into());
    };
    Ok(match core {
        WastArgCore::I32(v) => Value::I32(*v as u32),
        WastArgCore::I64(v) => Value::I64(*v as u64),
        WastArgCore::F32(v) => Value::F32(v.bits),
        WastArgCore::F64(v) => Value::F64(v.bits),
        WastArgCore::V128(v) => Value::V128(u128::from_le_bytes(v.to_le_bytes())),
        WastArgCore::RefNull(heap) => Value::RefNull(heap_top(heap)),
        WastArgCore::RefExtern(v) => Value::RefExtern(*v),
        WastArgCore::RefHost(v) => Value::RefHost(*v),
    })
}

fn float32(p: &NanPattern<wast::token::F32>) -> FloatPattern<u32> {
    match p {
        NanPattern::CanonicalNan => FloatPattern::CanonicalNan,
        NanPattern::ArithmeticNan => FloatPattern::ArithmeticNan,
        NanPattern::Value(v) => FloatPattern::Bits(v.bits),
    }
}

fn float64(p: &NanPattern<wast::token::F64>) -> FloatPattern<u64> {
    match p {
        NanPattern::CanonicalNan => FloatPattern::CanonicalNan,
        NanPattern::ArithmeticNan => FloatPattern::ArithmeticNan,
        NanPattern::Value(v) => FloatPattern::Bits(v.bits),
    }
}

fn expected(ret: &WastRet<'_>) -> Result<Expected, String> {
    let WastRet::Core(core) = ret else {
        return Err("component-model results are not supported".into());
    };
    expected_core(core)
}

fn expected_core(core: &WastRetCore<'_>) -> Result<Expected, String> {
    use wast::core::V128Pattern as P;
    Ok(match core {
        WastRetCore::I32(v) => Expected::I32(*v as u32),
        WastRetCore::I64(v) => Expected::I64(*v as u64),
        WastRetCore::F32(p) => Expected::F32(float32(p)),
        WastRetCore::F64(p) => Expected::F64(float64(p)),
        WastRetCore::V128(p) => Expected::V128(match p {
            P::I8x16(l) => V128Pattern::I8x16(l.map(|v| v as u8)),
            P::I16x8(l) => V128Pattern::I16x8(l.map(|v| v as u16)),
            P::I32x4(l) => V128Pattern::I32x4(l.map(|v| v as u32)),
            P::I64x2(l) => V128Pattern::I64x2(l.map(|v| v as u64)),
            P::F32x4(l) => V128Pattern::F32x4([
                float32(&l[0]),
                float32(&l[1]),
                float32(&l[2]),
                float32(&l[3]),
            ]),
            P::F64x2(l) => V128Pattern::F64x2([float64(&l[0]), float64(&l[1])]),
        }),
        WastRetCore::RefNull(heap) => Expected::RefNull(heap.as_ref().and_then(heap_top)),
        WastRetCore::RefExtern(v) => Expected::RefExtern(*v),
        WastRetCore::RefHost(v) => Expected::RefHost(*v),
        WastRetCore::RefFunc(_) => Expected::RefFunc,
        WastRetCore::RefAny => Expected::RefAny,
        WastRetCore::RefEq => Expected::RefEq,
        WastRetCore::RefArray => Expected::RefArray,
        WastRetCore::RefStruct => Expected::RefStruct,
        WastRetCore::RefI31 => Expected::RefI31,
        WastRetCore::RefI31Shared => return Err("shared i31 references are not supported".into()),
        WastRetCore::Either(options) => Expected::Either(
            options
                .iter()
                .map(expected_core)
                .collect::<Result<_, _>>()?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = r#"(module $m
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (global (export "g") i32 (i32.const 7)))
(register "m" $m)
(assert_return (invoke "add" (i32.const 1) (i32.const -1)) (i32.const 0))
(assert_return (get $m "g") (i32.const 7))
(assert_trap (invoke "add" (i32.const 0) (i32.const 0)) "unreachable")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_malformed (module quote "(func") "unexpected end")
(assert_return (invoke "add" (i32.const 0) (i32.const 0)) (either (i32.const 1) (f32.const nan:canonical)))
"#;

    #[test]
    fn directives_become_owned_commands() {
        let script = Script::parse("t.wast", SCRIPT).expect("parses");
        let lines: Vec<(usize, DirectiveKind)> =
            script.commands.iter().map(|c| (c.line, c.kind)).collect();
        assert_eq!(
            lines,
            [
                (1, DirectiveKind::Module),
                (5, DirectiveKind::Register),
                (6, DirectiveKind::AssertReturn),
                (7, DirectiveKind::AssertReturn),
                (8, DirectiveKind::AssertTrap),
                (9, DirectiveKind::AssertInvalid),
                (10, DirectiveKind::AssertMalformed),
                (11, DirectiveKind::AssertReturn),
            ]
        );
        assert!(
            matches!(&script.commands[0].body, Body::Module { name: Some(n), binary: Ok(b) } if n == "m" && b.starts_with(b"\0asm"))
        );
        assert_eq!(
            script.commands[2].body,
            Body::Act {
                action: Action::Invoke {
                    instance: None,
                    export: "add".into(),
                    args: vec![Value::I32(1), Value::I32(u32::MAX)]
                },
                expect: Expect::Return(vec![Expected::I32(0)]),
            }
        );
        assert!(
            matches!(&script.commands[3].body, Body::Act { action: Action::Get { instance: Some(m), .. }, .. } if m == "m")
        );
        assert!(matches!(
            &script.commands[6].body,
            Body::Refuse {
                binary: Err(_),
                refusal: Refusal::Malformed,
                ..
            }
        ));
        assert!(
            matches!(&script.commands[7].body, Body::Act { expect: Expect::Return(r), .. } if matches!(&r[0], Expected::Either(o) if o.len() == 2))
        );
    }

    #[test]
    fn a_bad_script_names_file_and_line() {
        let err = Script::parse("dir/bad.wast", "(module)\n(assert_return (invoke \"f\"")
            .expect_err("does not parse");
        assert!(err.0.contains("dir/bad.wast:2:"), "{err}");
    }
}
