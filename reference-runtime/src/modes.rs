//! The optimized translation checked against the plain one
//! ([`Translation`]): one module compiled both ways, instantiated into two
//! stores with the same stub imports ([`crate::exercise::stub_imports`]), every
//! exported function called in lockstep with the same seeded arguments
//! ([`Arguments`]), and after each step everything the module exports
//! compared exactly. Shared by the
//! `modes` fuzz target (`fuzz/fuzz_targets/modes.rs`) and
//! `tests/modes.rs`.
//!
//! Compared bit for bit: results (floats as bits, references as the
//! store's indices, which agree because both stores are built the same
//! way), traps and their kinds, exported globals, exported memories (their
//! bytes) and exported tables (size and elements). NaN payloads are
//! compared too: the interpreter is deterministic, and the fuzz target has
//! wasm-smith canonicalize NaNs, so a payload the spec lets vary never
//! reaches an exported value.
//!
//! Poisoned outcomes: running out of fuel is **set aside**, consistently:
//! fuel counts operations, and the two translations run different numbers
//! of operations for the same work by design, so the first step where
//! either side runs out ends the comparison (what came before it was
//! compared) and is reported as [`Agreement::set_aside`]. Call-stack
//! exhaustion must **match in kind**: its limits count frames and value
//! slots, which both translations share.

use crate::exercise::{has_default, stub_imports};
use crate::{
    Config, Engine, Error, Extern, Instance, Module, Store, Translation, TrapKind, Val, ValType,
};
use std::fmt;

/// How a module went in both modes when they agreed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// The module validated (in both modes; a rejection is the same in
    /// both or a [`Difference`]).
    pub validated: bool,
    /// Stub imports were made and instantiation succeeded in both.
    pub instantiated: bool,
    /// Exported functions called in both modes and compared.
    pub calls: usize,
    /// Those of them that trapped (alike) in both modes.
    pub traps: usize,
    /// The step at which one mode ran out of fuel, ending the comparison.
    pub set_aside: Option<Step>,
}

/// A point of the lockstep run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Instantiation (the start function included).
    Instantiation,
    /// The `index`-th call (from 0), of the exported function `export`.
    Call {
        /// The call's position among the calls made.
        index: usize,
        /// The export called.
        export: String,
    },
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Instantiation => write!(f, "instantiation"),
            Step::Call { index, export } => write!(f, "call {index} (export `{export}`)"),
        }
    }
}

/// How one step ended in one mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// It completed: a call's results (none for instantiation).
    Returned(Vec<Val>),
    /// It trapped.
    Trapped(TrapKind),
    /// It failed without trapping (a link or usage error: a bug of the
    /// driver or the interpreter in either mode).
    Failed(String),
}

impl Ending {
    fn of(outcome: Result<Vec<Val>, Error>) -> Ending {
        match outcome {
            Ok(results) => Ending::Returned(results),
            Err(e) => Ending::of_error(&e),
        }
    }

    fn of_error(error: &Error) -> Ending {
        match error {
            Error::Trap(trap) => Ending::Trapped(trap.kind()),
            other => Ending::Failed(other.to_string()),
        }
    }

    fn out_of_fuel(&self) -> bool {
        *self == Ending::Trapped(TrapKind::OutOfFuel)
    }
}

/// A way the two translations of one module disagreed: a bug of one of
/// them (or of the interpreter's shared code, used differently).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Difference {
    /// One mode accepted the module, the other rejected it.
    #[error("validation: optimized {optimized}, plain {plain}")]
    Validation {
        /// `Ok` or the rejection, as text.
        optimized: String,
        /// `Ok` or the rejection, as text.
        plain: String,
    },
    /// A step ended differently.
    #[error("{step}: optimized {optimized:?}, plain {plain:?}")]
    Ending {
        /// Where.
        step: Step,
        /// How it ended under [`Translation::Optimized`].
        optimized: Ending,
        /// How it ended under [`Translation::Plain`].
        plain: Ending,
    },
    /// After a step, an exported global, memory or table differed.
    #[error("after {step}: export `{export}`: {what}")]
    State {
        /// After which step.
        step: Step,
        /// The export's name.
        export: String,
        /// What differed, with both values.
        what: String,
    },
}

/// One mode's side of the lockstep run.
struct Side {
    store: Store<()>,
    instance: Instance,
}

/// Compiles `bytes` under `config` in both translation modes (the config's
/// own [`Translation`] is ignored), runs them in lockstep and compares
/// every step (see the module docs). Each call, and instantiation, starts
/// with the config's fuel. `seed` chooses the arguments ([`Arguments`]):
/// 0 passes zeros and nulls.
pub fn compare(bytes: &[u8], config: &Config, seed: u64) -> Result<Agreement, Difference> {
    let mut arguments = Arguments(seed);
    let mut agreement = Agreement::default();
    let compile = |translation| {
        let mut config = config.clone();
        config.translation(translation);
        let engine = Engine::new(&config);
        Module::new(&engine, bytes).map(|module| (engine, module))
    };
    let (optimized, plain) = match (compile(Translation::Optimized), compile(Translation::Plain)) {
        (Ok(o), Ok(p)) => (o, p),
        (Err(_), Err(_)) => return Ok(agreement),
        (o, p) => {
            let text = |r: Result<_, Error>| r.map_or_else(|e| e.to_string(), |_| "Ok".into());
            return Err(Difference::Validation {
                optimized: text(o),
                plain: text(p),
            });
        }
    };
    agreement.validated = true;
    // The same module and stubs on both sides: imports are made for both
    // or for neither.
    let [o, p] = [optimized, plain].map(|(engine, module)| {
        let mut store = Store::new(&engine, ());
        store.set_fuel(config.fuel);
        let instance = stub_imports(&mut store, &module)
            .map(|imports| Instance::new(&mut store, &module, &imports));
        (store, instance)
    });
    let ((so, Some(o)), (sp, Some(p))) = (o, p) else {
        return Ok(agreement);
    };
    let ending = |r: &Result<Instance, Error>| match r {
        Ok(_) => Ending::Returned(Vec::new()),
        Err(e) => Ending::of_error(e),
    };
    if !settle(Step::Instantiation, ending(&o), ending(&p), &mut agreement)? {
        return Ok(agreement);
    }
    let (Ok(io), Ok(ip)) = (o, p) else {
        // Both failed alike: nothing to call.
        return Ok(agreement);
    };
    agreement.instantiated = true;
    let mut sides = [
        Side {
            store: so,
            instance: io,
        },
        Side {
            store: sp,
            instance: ip,
        },
    ];
    compare_state(&Step::Instantiation, &sides)?;
    let exports = io.exports(&sides[0].store);
    let plain_exports = ip.exports(&sides[1].store);
    for ((name, item), (_, plain_item)) in exports.iter().zip(&plain_exports) {
        let (Extern::Func(fo), Extern::Func(fp)) = (item, plain_item) else {
            continue;
        };
        let ty = fo.ty(&sides[0].store);
        if !ty.params().iter().all(|t| has_default(*t)) {
            continue;
        }
        let args: Vec<Val> = ty.params().iter().map(|t| arguments.next(*t)).collect();
        let run = |side: &mut Side, func: crate::Func| {
            let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
            side.store.set_fuel(config.fuel);
            Ending::of(
                func.call(&mut side.store, &args, &mut results)
                    .map(|()| results),
            )
        };
        let eo = run(&mut sides[0], *fo);
        let ep = run(&mut sides[1], *fp);
        let step = Step::Call {
            index: agreement.calls,
            export: name.clone(),
        };
        let eo_kind = eo.clone();
        if !settle(step.clone(), eo, ep, &mut agreement)? {
            return Ok(agreement);
        }
        agreement.calls += 1;
        agreement.traps += matches!(eo_kind, Ending::Trapped(_)) as usize;
        compare_state(&step, &sides)?;
    }
    Ok(agreement)
}

/// The arguments of the calls: a xorshift sequence from a seed, each
/// number value zero, a small number or all random bits in turn (so that
/// both addresses in bounds and edge cases come up); references are null.
/// Seed 0 stays 0: every argument is zero or null.
#[derive(Debug, Clone, Copy)]
pub struct Arguments(pub u64);

impl Arguments {
    /// The next argument of type `ty`.
    pub fn next(&mut self, ty: ValType) -> Val {
        let mut bits = || {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        };
        let r = bits();
        let mut n = || match r % 4 {
            0 => 0,
            1 => (r >> 2) % 256,
            _ => bits(),
        };
        match ty {
            ValType::I32 => Val::I32(n() as i32),
            ValType::I64 => Val::I64(n() as i64),
            ValType::F32 => Val::F32(n() as u32),
            ValType::F64 => Val::F64(n()),
            ValType::V128 => Val::V128(u128::from(n()) << 64 | u128::from(n())),
            ValType::Ref(_) => Val::default_for(ty),
        }
    }
}

/// Compares how `step` ended in both modes: `Ok(true)` to go on,
/// `Ok(false)` when one ran out of fuel (recorded as set aside).
fn settle(
    step: Step,
    optimized: Ending,
    plain: Ending,
    agreement: &mut Agreement,
) -> Result<bool, Difference> {
    if optimized.out_of_fuel() || plain.out_of_fuel() {
        agreement.set_aside = Some(step);
        return Ok(false);
    }
    if optimized != plain {
        return Err(Difference::Ending {
            step,
            optimized,
            plain,
        });
    }
    Ok(true)
}

/// Compares every exported global, memory and table of both sides.
fn compare_state(step: &Step, sides: &[Side; 2]) -> Result<(), Difference> {
    let [o, p] = sides;
    let (io, ip) = (o.instance, p.instance);
    let differ = |export: &str, what: String| Difference::State {
        step: step.clone(),
        export: export.to_string(),
        what,
    };
    for ((name, a), (_, b)) in io.exports(&o.store).iter().zip(ip.exports(&p.store)) {
        match (a, b) {
            (Extern::Global(a), Extern::Global(b)) => {
                let (a, b) = (a.get(&o.store), b.get(&p.store));
                if a != b {
                    return Err(differ(name, format!("optimized {a:?}, plain {b:?}")));
                }
            }
            (Extern::Memory(a), Extern::Memory(b)) => {
                let (a, b) = (a.data(&o.store), b.data(&p.store));
                if a.len() != b.len() {
                    return Err(differ(
                        name,
                        format!("optimized {} bytes, plain {} bytes", a.len(), b.len()),
                    ));
                }
                if let Some(at) = a.iter().zip(b).position(|(x, y)| x != y) {
                    return Err(differ(
                        name,
                        format!(
                            "byte {at:#x}: optimized {:#04x}, plain {:#04x}",
                            a[at], b[at]
                        ),
                    ));
                }
            }
            (Extern::Table(a), Extern::Table(b)) => {
                let (na, nb) = (a.size(&o.store), b.size(&p.store));
                if na != nb {
                    return Err(differ(name, format!("optimized {na} elements, plain {nb}")));
                }
                for i in 0..na {
                    let (x, y) = (a.get(&o.store, i), b.get(&p.store, i));
                    if x != y {
                        return Err(differ(
                            name,
                            format!("element {i}: optimized {x:?}, plain {y:?}"),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}
