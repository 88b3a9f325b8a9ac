//! Running a parsed script on a runtime that only runs WASI commands: each
//! module instance's calls go to as few probe processes as its traps
//! allow; a call that ends the process is judged from the exit status,
//! and the calls after it run in a fresh process that first replays the
//! earlier calls that change state. Modules that must be refused or must
//! trap while instantiating are one process each.

use std::collections::HashMap;

use crate::instrument::{ModuleFacts, ProbeOptions, instrument};
use crate::script::{Action, Body, DirectiveKind, Expect, Refusal, Script};
use crate::trap::{TrapKind, trap_matches};
use crate::value::{Observed, matches};

/// How a probe process ended, as the runtime's adapter classified it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcessEnd {
    /// Exited with this code.
    Exit(i32),
    /// Trapped.
    Trap(TrapKind, String),
    /// The runtime refused the module.
    Rejected(String),
    /// Cut at the time limit.
    Timeout,
    /// Died from a signal.
    Crash(i32),
    /// The harness could not run it.
    Error(String),
}

impl ProcessEnd {
    fn describe(&self) -> String {
        match self {
            ProcessEnd::Exit(code) => format!("exit {code}"),
            ProcessEnd::Trap(kind, message) => format!("trap ({kind:?}): {message}"),
            ProcessEnd::Rejected(message) => format!("refused: {message}"),
            ProcessEnd::Timeout => "timed out".to_string(),
            ProcessEnd::Crash(signal) => format!("crash (signal {signal})"),
            ProcessEnd::Error(e) => format!("harness error: {e}"),
        }
    }
}

/// What one probe process showed.
#[derive(Debug, Clone)]
pub struct ProcessOutput {
    /// How it ended.
    pub end: ProcessEnd,
    /// Its stdout.
    pub stdout: String,
    /// Answered from the runner's cache of earlier runs of the same bytes,
    /// not by a new process.
    pub cached: bool,
}

/// Runs probe commands on one runtime.
pub trait ProbeRunner {
    /// Run `wasm` as a WASI command.
    fn run(&self, wasm: &[u8]) -> ProcessOutput;
}

/// One directive's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// As the script asserts.
    Pass,
    /// Not as the script asserts.
    Fail {
        /// What happened.
        message: String,
        /// What was expected.
        expected: Option<String>,
        /// What was seen.
        observed: Option<String>,
    },
    /// Not run, with why.
    Skip(String),
}

fn fail(message: impl Into<String>, expected: Option<String>, observed: Option<String>) -> Verdict {
    Verdict::Fail {
        message: message.into(),
        expected,
        observed,
    }
}

/// One directive's result.
#[derive(Debug, Clone)]
pub struct DirectiveResult {
    /// Its line.
    pub line: usize,
    /// Its kind.
    pub kind: DirectiveKind,
    /// Its verdict.
    pub verdict: Verdict,
}

/// A script's results on one runtime.
#[derive(Debug, Clone, Default)]
pub struct ScriptRun {
    /// Every directive, in script order.
    pub directives: Vec<DirectiveResult>,
    /// Probe processes run.
    pub processes: usize,
    /// Set when the runtime refused the script's first module that needs
    /// more than Wasm 2.0: the whole script is then skipped with this.
    pub unsupported_feature: Option<String>,
}

struct Instance {
    command: usize,
    binary: Vec<u8>,
    /// Read once, at planning; `None` when the module does not parse.
    facts: Option<ModuleFacts>,
    calls: Vec<usize>,
    linked: Option<String>,
    tainted_from: Option<(usize, String)>,
}

/// Run `script` through probes on `runner`.
pub fn run_script(script: &Script, runner: &dyn ProbeRunner, options: &ProbeOptions) -> ScriptRun {
    let n = script.commands.len();
    let mut verdicts: Vec<Option<Verdict>> = vec![None; n];
    let mut instances: Vec<Instance> = Vec::new();
    let mut current: Option<usize> = None;
    let mut named: HashMap<String, usize> = HashMap::new();
    let mut definitions: HashMap<String, Result<Vec<u8>, String>> = HashMap::new();
    let mut registered: HashMap<String, usize> = HashMap::new();
    let mut standalone: Vec<usize> = Vec::new();

    let link_reason = |imports: &[(String, String)], registered: &HashMap<String, usize>| {
        imports
            .iter()
            .find(|(m, _)| registered.contains_key(m))
            .map(|(m, _)| {
                format!(
                    "imports from `{m}`, a module the script registered (linking across modules is not run through probes)"
                )
            })
    };

    for (index, command) in script.commands.iter().enumerate() {
        let new_instance = match &command.body {
            Body::Module { name, binary } => Some((name.clone(), binary.clone())),
            Body::Instance {
                instance,
                definition,
            } => {
                let key = definition.clone().unwrap_or_default();
                match definitions.get(&key) {
                    Some(binary) => Some((instance.clone(), binary.clone())),
                    None => {
                        verdicts[index] =
                            Some(fail(format!("no module definition {key:?}"), None, None));
                        None
                    }
                }
            }
            Body::Definition { name, binary } => {
                definitions.insert(name.clone().unwrap_or_default(), binary.clone());
                verdicts[index] = Some(match binary {
                    Ok(_) => Verdict::Pass,
                    Err(e) => fail(format!("cannot encode module: {e}"), None, None),
                });
                None
            }
            Body::Register { as_name, instance } => {
                match resolve(instance.as_deref(), current, &named) {
                    Ok(i) => {
                        registered.insert(as_name.clone(), i);
                        verdicts[index] = Some(Verdict::Pass);
                    }
                    Err(e) => verdicts[index] = Some(fail(e, None, None)),
                }
                None
            }
            Body::Act { action, expect } => {
                verdicts[index] = match resolve(action.instance(), current, &named) {
                    Err(e) => Some(fail(e, None, None)),
                    Ok(i) => {
                        let inst = &mut instances[i];
                        if let Some(reason) = &inst.linked {
                            Some(Verdict::Skip(reason.clone()))
                        } else if let Some((_, reason)) = &inst.tainted_from {
                            Some(Verdict::Skip(reason.clone()))
                        } else if let Some(reason) =
                            host_ref_obstacle(options, inst.facts.as_ref(), action, expect)
                        {
                            // A skipped call that may change state leaves
                            // the later calls on this instance unknowable.
                            let pure = match (&inst.facts, action) {
                                (_, Action::Get { .. }) => true,
                                (Some(facts), Action::Invoke { export, .. }) => {
                                    facts.is_pure(export)
                                }
                                (None, _) => false,
                            };
                            if !pure {
                                inst.tainted_from.get_or_insert((
                                    index,
                                    format!(
                                        "follows the call on line {} that was skipped (host references) and may have changed the instance's state",
                                        command.line
                                    ),
                                ));
                            }
                            Some(Verdict::Skip(reason.into()))
                        } else {
                            inst.calls.push(index);
                            None
                        }
                    }
                };
                None
            }
            Body::Refuse {
                binary, refusal, ..
            } => {
                verdicts[index] = match binary {
                    Err(_) if *refusal != Refusal::Unlinkable => Some(Verdict::Skip(
                        "malformed as text: the text parser refuses it, so no binary reaches the runtime".into(),
                    )),
                    Err(e) => Some(fail(format!("cannot encode module: {e}"), None, None)),
                    Ok(bytes) if *refusal == Refusal::Invalid && valid_today(bytes) => {
                        Some(Verdict::Skip(
                            "invalid only without a later proposal: valid under Wasm 3.0 and the proposals probes enable".into(),
                        ))
                    }
                    // Binary malformations that a later proposal made
                    // well-formed (multi-memory turned `memory.grow`'s
                    // reserved zero byte into a LEB128 memory index).
                    Ok(bytes) if *refusal == Refusal::Malformed && valid_today(bytes) => {
                        Some(Verdict::Skip(
                            "malformed only without a later proposal: well-formed and valid under Wasm 3.0 and the proposals probes enable".into(),
                        ))
                    }
                    Ok(bytes) => {
                        let imports = linked_imports(bytes);
                        match link_reason(&imports, &registered) {
                            Some(reason) => Some(Verdict::Skip(reason)),
                            None => {
                                standalone.push(index);
                                None
                            }
                        }
                    }
                };
                None
            }
            Body::Uninstantiable { binary, .. } => {
                verdicts[index] = match binary {
                    Err(e) => Some(fail(format!("cannot encode module: {e}"), None, None)),
                    Ok(bytes) => {
                        let imports = linked_imports(bytes);
                        match link_reason(&imports, &registered) {
                            Some(reason) => {
                                // What it wrote before trapping stays in
                                // the exporters.
                                taint(&mut instances, &registered, &imports, index, command.line);
                                Some(Verdict::Skip(reason))
                            }
                            None => {
                                standalone.push(index);
                                None
                            }
                        }
                    }
                };
                None
            }
            Body::Unsupported(reason) => {
                verdicts[index] = Some(Verdict::Skip(reason.clone()));
                None
            }
        };
        if let Some((name, binary)) = new_instance {
            let binary = match binary {
                Ok(b) => b,
                Err(e) => {
                    verdicts[index] = Some(fail(format!("cannot encode module: {e}"), None, None));
                    continue;
                }
            };
            let facts = ModuleFacts::new(&binary).ok();
            let imports = facts
                .as_ref()
                .map(ModuleFacts::linked_imports)
                .unwrap_or_default();
            let linked = link_reason(&imports, &registered);
            if linked.is_some() {
                // The exporters' state is shared from here on.
                taint(&mut instances, &registered, &imports, index, command.line);
                verdicts[index] = Some(Verdict::Skip(linked.clone().unwrap_or_default()));
            }
            let id = instances.len();
            instances.push(Instance {
                command: index,
                binary,
                facts,
                calls: Vec::new(),
                linked,
                tainted_from: None,
            });
            current = Some(id);
            if let Some(name) = name {
                named.insert(name, id);
            }
        }
    }

    let mut run = ScriptRun::default();
    // Instances and standalone jobs in script order, so the first module
    // that needs a feature is met first.
    let mut order: Vec<(usize, Option<usize>)> = instances
        .iter()
        .enumerate()
        .filter(|(_, i)| i.linked.is_none())
        .map(|(id, i)| (i.command, Some(id)))
        .chain(standalone.iter().map(|c| (*c, None)))
        .collect();
    order.sort();
    for (command, instance) in order {
        let outcome = match instance {
            Some(id) => run_instance(
                script,
                &instances[id],
                runner,
                options,
                &mut verdicts,
                &mut run,
            ),
            None => run_standalone(script, command, runner, options, &mut run)
                .map(|verdict| verdicts[command] = Some(verdict)),
        };
        if let Err(reason) = outcome {
            run.unsupported_feature = Some(reason.clone());
            for v in verdicts.iter_mut() {
                *v = Some(Verdict::Skip(format!("feature not supported: {reason}")));
            }
            break;
        }
    }
    run.directives = script
        .commands
        .iter()
        .zip(verdicts)
        .map(|(c, v)| DirectiveResult {
            line: c.line,
            kind: c.kind,
            verdict: v.unwrap_or_else(|| Verdict::Skip("not reached".into())),
        })
        .collect();
    run
}

/// From `index` on, the instances `imports` name share state with a module
/// the probes do not run.
fn taint(
    instances: &mut [Instance],
    registered: &HashMap<String, usize>,
    imports: &[(String, String)],
    index: usize,
    line: usize,
) {
    for (m, _) in imports {
        if let Some(&e) = registered.get(m) {
            instances[e].tainted_from.get_or_insert((
                index,
                format!(
                    "shares state with a module linked to it on line {line} (not run through probes)"
                ),
            ));
        }
    }
}

/// Why a call with host references cannot go through a probe, if it
/// cannot: the runtime lacks GC, or the module's casts would tell the
/// probe's `i31` stand-ins from real host references.
fn host_ref_obstacle(
    options: &ProbeOptions,
    facts: Option<&ModuleFacts>,
    action: &Action,
    expect: &Expect,
) -> Option<&'static str> {
    if !needs_host_ref(action, expect) {
        None
    } else if !options.host_refs {
        Some(
            "needs host references, which a probe builds with GC (extern.convert_any); the runtime lacks GC",
        )
    } else if facts.is_none_or(ModuleFacts::casts_references) {
        Some(
            "needs host references, which a probe stands in for with i31 values, and the module's casts (ref.test, ref.cast, br_on_cast) would tell them apart",
        )
    } else {
        None
    }
}

fn resolve(
    name: Option<&str>,
    current: Option<usize>,
    named: &HashMap<String, usize>,
) -> Result<usize, String> {
    match name {
        Some(n) => named
            .get(n)
            .copied()
            .ok_or_else(|| format!("no instance named {n}")),
        None => current.ok_or_else(|| "no current instance".to_string()),
    }
}

fn needs_host_ref(action: &Action, expect: &Expect) -> bool {
    let args = match action {
        Action::Invoke { args, .. } => args.iter().any(|a| a.needs_host_ref()),
        Action::Get { .. } => false,
    };
    args || matches!(expect, Expect::Return(r) if r.iter().any(|e| e.needs_host_ref()))
}

/// The imports of `binary` from modules other than `spectest`.
fn linked_imports(binary: &[u8]) -> Vec<(String, String)> {
    ModuleFacts::new(binary)
        .map(|f| f.linked_imports())
        .unwrap_or_default()
}

/// Whether a module validates with every proposal on (what runtimes run
/// probes with).
fn valid_today(binary: &[u8]) -> bool {
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(binary)
        .is_ok()
}

/// Whether the module needs a feature past the baseline every runtime is
/// held to: Wasm 2.0 without SIMD, which is a directory (and a column of
/// the feature matrix) of its own.
fn beyond_baseline(binary: &[u8]) -> bool {
    let baseline = wasmparser::WasmFeatures::WASM2.difference(wasmparser::WasmFeatures::SIMD);
    !validates_with(binary, baseline)
}

fn validates_with(binary: &[u8], features: wasmparser::WasmFeatures) -> bool {
    wasmparser::Validator::new_with_features(features)
        .validate_all(binary)
        .is_ok()
}

/// Whether the probe, and not the module, needs multi-memory: the
/// module's memory 0 is too small to print through, so the probe added
/// one of its own.
fn probe_added_multi_memory(module: &[u8], probe: &[u8]) -> bool {
    let without =
        wasmparser::WasmFeatures::all().difference(wasmparser::WasmFeatures::MULTI_MEMORY);
    validates_with(module, without) && !validates_with(probe, without)
}

fn action_of(script: &Script, command: usize) -> (&Action, &Expect) {
    match &script.commands[command].body {
        Body::Act { action, expect } => (action, expect),
        _ => unreachable!("only actions are queued as calls"),
    }
}

fn expects_trap(expect: &Expect) -> bool {
    matches!(
        expect,
        Expect::Trap(_) | Expect::Exhaustion(_) | Expect::Exception
    )
}

fn expected_words(expect: &Expect) -> String {
    match expect {
        Expect::Finish => "finish".into(),
        Expect::Return(r) => r
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join(" "),
        Expect::Trap(m) => format!("trap ({m})"),
        Expect::Exhaustion(m) => format!("exhaustion ({m})"),
        Expect::Exception => "uncaught exception".into(),
    }
}

/// Judge a call that completed with `results`.
fn judge_results(expect: &Expect, results: &[Observed]) -> Verdict {
    let seen = || {
        results
            .iter()
            .map(|o| o.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match expect {
        Expect::Finish => Verdict::Pass,
        Expect::Return(want)
            if want.len() == results.len()
                && results.iter().zip(want).all(|(a, e)| matches(a, e)) =>
        {
            Verdict::Pass
        }
        Expect::Return(_) => fail("wrong result", Some(expected_words(expect)), Some(seen())),
        _ => fail(
            "expected a trap, the call returned",
            Some(expected_words(expect)),
            Some(seen()),
        ),
    }
}

/// Judge a call that ended the process.
fn judge_end(expect: &Expect, end: &ProcessEnd) -> Verdict {
    let ok = match (expect, end) {
        (Expect::Trap(m), ProcessEnd::Trap(kind, _)) => trap_matches(*kind, m),
        (Expect::Exhaustion(_), ProcessEnd::Trap(kind, _)) => {
            matches!(kind, TrapKind::StackExhausted | TrapKind::OutOfFuel)
        }
        (Expect::Exception, ProcessEnd::Trap(kind, _)) => *kind == TrapKind::UncaughtException,
        _ => false,
    };
    if ok {
        Verdict::Pass
    } else {
        fail(
            "the call ended the process",
            Some(expected_words(expect)),
            Some(end.describe()),
        )
    }
}

/// A call's line in a transcript: its probe index and its results.
type CallLine = (usize, Result<Vec<Observed>, String>);

/// Parse a probe's stdout: whether `ready` was printed, the call lines by
/// probe index, and whether `done` was printed.
fn transcript(stdout: &str) -> (bool, Vec<CallLine>, bool) {
    let (mut ready, mut done, mut lines) = (false, false, Vec::new());
    for line in stdout.lines() {
        match line {
            "ready" => ready = true,
            "done" => done = true,
            _ if ready && !done => {
                let mut parts = line.split(' ');
                let Some(Ok(index)) = parts.next().map(str::parse::<usize>) else {
                    continue;
                };
                let results = parts
                    .map(str::parse::<Observed>)
                    .collect::<Result<Vec<_>, _>>();
                lines.push((index, results));
            }
            _ => {}
        }
    }
    (ready, lines, done)
}

fn run_instance(
    script: &Script,
    inst: &Instance,
    runner: &dyn ProbeRunner,
    options: &ProbeOptions,
    verdicts: &mut [Option<Verdict>],
    run: &mut ScriptRun,
) -> Result<(), String> {
    let facts = inst.facts.as_ref();
    let calls = &inst.calls;
    let mut completed = vec![false; calls.len()];
    let mut next = 0;
    let mut first = true;
    loop {
        let segment_end = (next..calls.len())
            .find(|&j| expects_trap(action_of(script, calls[j]).1))
            .map_or(calls.len(), |j| j + 1);
        let replay: Vec<usize> = (0..next)
            .filter(|&j| {
                completed[j]
                    && !facts.is_some_and(|f| f.is_pure(action_of(script, calls[j]).0.export()))
            })
            .collect();
        let probe_calls: Vec<usize> = replay.iter().copied().chain(next..segment_end).collect();
        let actions: Vec<Action> = probe_calls
            .iter()
            .map(|&j| action_of(script, calls[j]).0.clone())
            .collect();
        let wasm = match instrument(&inst.binary, &actions, options) {
            Ok(w) => w,
            Err(e) => {
                let reason = format!("the probe cannot express this: {e}");
                if first {
                    verdicts[inst.command] = Some(Verdict::Skip(reason.clone()));
                }
                for &j in &calls[next..] {
                    verdicts[j] = Some(Verdict::Skip(reason.clone()));
                }
                return Ok(());
            }
        };
        let out = runner.run(&wasm);
        run.processes += usize::from(!out.cached);
        let (ready, lines, done) = transcript(&out.stdout);
        let instantiated = ready || (actions.is_empty() && out.end == ProcessEnd::Exit(0));
        if !instantiated {
            if first {
                if let ProcessEnd::Rejected(message) = &out.end {
                    if beyond_baseline(&inst.binary) {
                        return Err(format!(
                            "the runtime refused the module on line {}: {message}",
                            script.commands[inst.command].line
                        ));
                    }
                    if probe_added_multi_memory(&inst.binary, &wasm) {
                        let reason = format!(
                            "the module's memory 0 is too small to print through, and the \
                             runtime refused the probe's own second memory (multi-memory): {message}"
                        );
                        verdicts[inst.command] = Some(Verdict::Skip(reason.clone()));
                        for &j in &calls[next..] {
                            verdicts[j] = Some(Verdict::Skip(reason.clone()));
                        }
                        return Ok(());
                    }
                }
                verdicts[inst.command] = Some(fail(
                    "the module did not instantiate",
                    Some("instantiated".into()),
                    Some(out.end.describe()),
                ));
            }
            for &j in &calls[next..] {
                verdicts[j] = Some(fail(
                    "the module did not instantiate",
                    None,
                    Some(out.end.describe()),
                ));
            }
            return Ok(());
        }
        if first {
            verdicts[inst.command] = Some(Verdict::Pass);
            first = false;
        }
        let mut printed = 0;
        for (k, results) in &lines {
            let Some(&j) = probe_calls.get(*k) else {
                continue;
            };
            printed = printed.max(k + 1);
            if j < next {
                continue; // a replayed call
            }
            let expect = action_of(script, calls[j]).1;
            verdicts[calls[j]] = Some(match results {
                Ok(results) => judge_results(expect, results),
                Err(e) => fail(format!("unreadable probe line: {e}"), None, None),
            });
            completed[j] = true;
        }
        if printed < replay.len() {
            for &j in &calls[next..] {
                verdicts[j] = Some(fail(
                    "replaying the earlier calls ended the process",
                    None,
                    Some(out.end.describe()),
                ));
            }
            return Ok(());
        }
        let first_missing = next + (printed - replay.len());
        if done || first_missing >= segment_end {
            next = segment_end;
        } else {
            let expect = action_of(script, calls[first_missing]).1;
            verdicts[calls[first_missing]] = Some(judge_end(expect, &out.end));
            next = first_missing + 1;
        }
        if next >= calls.len() {
            return Ok(());
        }
    }
}

fn run_standalone(
    script: &Script,
    command: usize,
    runner: &dyn ProbeRunner,
    options: &ProbeOptions,
    run: &mut ScriptRun,
) -> Result<Verdict, String> {
    Ok(match &script.commands[command].body {
        Body::Refuse {
            binary: Ok(bytes), ..
        } => {
            // The module as the script wrote it: re-encoding could repair
            // exactly the malformation under test.
            let out = runner.run(bytes);
            run.processes += usize::from(!out.cached);
            match out.end {
                ProcessEnd::Rejected(_) => Verdict::Pass,
                end => fail(
                    "the runtime accepted the module",
                    Some("refused".into()),
                    Some(end.describe()),
                ),
            }
        }
        Body::Uninstantiable {
            binary: Ok(bytes),
            message,
        } => {
            let wasm = match instrument(bytes, &[], options) {
                Ok(w) => w,
                Err(e) => return Ok(Verdict::Skip(format!("the probe cannot express this: {e}"))),
            };
            let out = runner.run(&wasm);
            run.processes += usize::from(!out.cached);
            // Refused, not trapped: if the module needs a feature past the
            // baseline, the runtime lacks it (as for a script's modules).
            if let ProcessEnd::Rejected(why) = &out.end
                && beyond_baseline(bytes)
            {
                return Err(format!(
                    "the runtime refused the module on line {}: {why}",
                    script.commands[command].line
                ));
            }
            judge_end(&Expect::Trap(message.clone()), &out.end)
        }
        _ => Verdict::Skip("not a standalone job".into()),
    })
}
