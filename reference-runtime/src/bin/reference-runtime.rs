//! `reference-runtime run`: runs a WASI preview1 command on the reference
//! interpreter, with the host's stdio, so a person can try the oracle by
//! hand. Exit status: the guest's exit code (its low 8 bits, as the OS
//! keeps them), 134 on a trap (with `wasm trap: ...` on stderr), 2 when
//! the module or a preopen cannot be used. With `--invoke NAME`, the export
//! `NAME` is called instead of `_start`, with the arguments after the
//! module parsed by its parameter types, and each result is printed on its
//! own line (`12`), as `wasmtime run --invoke` does.
//!
//! `--trace` prints every preview1 call on stderr as it returns, one line
//! each: the function, its arguments named as in the witx and shown as
//! their witx types, and the errno (on success, the values stored through
//! its out-pointers):
//! `path_open(fd: 3, dirflags: symlink_follow, path: ".", oflags: directory, ...) -> OK; opened_fd = 4`.
//! `--trace=PATH` writes the lines to the file PATH instead, apart from
//! the guest's own stderr.

use clap::{Parser, Subcommand};
use reference_runtime::wasi::{self, RunExit, WasiCtx, WasiCtxBuilder, run_command};
use reference_runtime::{Config, Engine, Error, Linker, Module, Store, Val, ValType};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "reference-runtime",
    version,
    about = "The wasi-conformance reference runtime"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a WASI preview1 command module.
    Run {
        /// Preopen a host directory: `HOST::GUEST`, or `DIR` for the same
        /// path on both sides.
        #[arg(long = "dir", value_name = "HOST::GUEST")]
        dirs: Vec<String>,
        /// Set an environment variable for the guest (the host's is not
        /// inherited).
        #[arg(long = "env", value_name = "K=V")]
        env: Vec<String>,
        /// Virtual clocks and seeded randomness (seed 0 unless given).
        #[arg(long, value_name = "SEED", num_args = 0..=1, default_missing_value = "0")]
        deterministic: Option<u64>,
        /// Instruction budget; running out is a trap.
        #[arg(long)]
        fuel: Option<u64>,
        /// Run every function through the plain translation (no fusion, no
        /// peephole passes, no register shortcuts): slower, obviously right;
        /// a run that differs between the two modes is an oracle bug.
        #[arg(long)]
        plain: bool,
        /// Print each preview1 call (named arguments, errno) on stderr, or
        /// into the file PATH with `--trace=PATH`.
        #[arg(long, value_name = "PATH", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
        trace: Option<PathBuf>,
        /// The guest's `argv[0]` (default: the module path as given).
        #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
        argv0: Option<String>,
        /// Feed TEXT to the guest's stdin, then end of file, instead of
        /// the host's stdin.
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        stdin_text: Option<String>,
        /// Call this export with the arguments instead of running `_start`.
        #[arg(long, value_name = "NAME")]
        invoke: Option<String>,
        /// The module.
        module: PathBuf,
        /// Arguments after the module name.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let Command::Run {
        dirs,
        env,
        deterministic,
        fuel,
        plain,
        trace,
        argv0,
        stdin_text,
        invoke,
        module,
        args,
    } = Cli::parse().command;
    let bytes = match std::fs::read(&module) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read {}: {e}", module.display())),
    };
    let mut b = WasiCtxBuilder::new()
        .arg(argv0.unwrap_or_else(|| module.display().to_string()))
        .inherit_stdio();
    if let Some(text) = stdin_text {
        b = b.stdin(text.into_bytes());
    }
    if invoke.is_none() {
        for a in &args {
            b = b.arg(a);
        }
    }
    for kv in env {
        let Some((k, v)) = kv.split_once('=') else {
            return fail(format!("--env {kv:?}: expected K=V"));
        };
        b = b.env(k, v);
    }
    for d in dirs {
        let (host, guest) = d.split_once("::").unwrap_or((&d, &d));
        b = match b.preopen_dir(host, guest) {
            Ok(b) => b,
            Err(e) => return fail(e),
        };
    }
    if let Some(seed) = deterministic {
        b = b.deterministic(seed);
    }
    match trace {
        None => {}
        Some(path) if path.as_os_str() == "-" => b = b.trace_to(std::io::stderr()),
        Some(path) => match std::fs::File::create(&path) {
            // Line by line, so an exit that skips destructors loses nothing.
            Ok(file) => b = b.trace_to(std::io::LineWriter::new(file)),
            Err(e) => return fail(format!("--trace={}: {e}", path.display())),
        },
    }
    let ctx = match b.build() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let mut config = Config::default();
    config.fuel(fuel);
    if plain {
        config.translation(reference_runtime::Translation::Plain);
    }
    if let Some(name) = invoke {
        return invoke_export(&bytes, ctx, &config, &name, &args, &module);
    }
    match run_command(&bytes, ctx, &config).exit {
        RunExit::Exit(code) => std::process::exit(code),
        RunExit::Trap(_, message) => {
            eprintln!("wasm trap: {message}");
            ExitCode::from(134)
        }
        RunExit::Rejected(message) => fail(format!("{}: {message}", module.display())),
    }
}

fn parse_arg(text: &str, ty: ValType) -> Result<Val, String> {
    let bad = |e: &dyn std::fmt::Display| format!("argument {text:?} is not a {ty}: {e}");
    Ok(match ty {
        ValType::I32 => Val::I32(match text.parse::<i32>() {
            Ok(v) => v,
            Err(_) => text.parse::<u32>().map_err(|e| bad(&e))? as i32,
        }),
        ValType::I64 => Val::I64(match text.parse::<i64>() {
            Ok(v) => v,
            Err(_) => text.parse::<u64>().map_err(|e| bad(&e))? as i64,
        }),
        ValType::F32 => Val::F32(text.parse::<f32>().map_err(|e| bad(&e))?.to_bits()),
        ValType::F64 => Val::F64(text.parse::<f64>().map_err(|e| bad(&e))?.to_bits()),
        other => return Err(format!("cannot pass a {other} from the command line")),
    })
}

fn show(v: &Val) -> String {
    match v {
        Val::I32(x) => x.to_string(),
        Val::I64(x) => x.to_string(),
        Val::F32(b) => f32::from_bits(*b).to_string(),
        Val::F64(b) => f64::from_bits(*b).to_string(),
        Val::V128(x) => format!("{x:#034x}"),
        other => format!("{other:?}"),
    }
}

/// `--invoke`: instantiate (WASI linked, `_start` not run), call `name`.
fn invoke_export(
    bytes: &[u8],
    ctx: WasiCtx,
    config: &Config,
    name: &str,
    args: &[String],
    module_path: &std::path::Path,
) -> ExitCode {
    let engine = Engine::new(config);
    let module = match Module::new(&engine, bytes) {
        Ok(m) => m,
        Err(e) => return fail(format!("{}: {e}", module_path.display())),
    };
    let mut store = Store::new(&engine, ctx);
    let mut linker = Linker::new();
    wasi::add_to_linker(&mut linker);
    let trap_exit = |e: Error| match e.as_trap() {
        Some(t) if t.exit_code().is_some() => std::process::exit(t.exit_code().unwrap_or(0)),
        Some(t) => {
            eprintln!("wasm trap: {t}");
            ExitCode::from(134)
        }
        None => fail(format!("{}: {e}", module_path.display())),
    };
    let instance = match linker.instantiate(&mut store, &module) {
        Ok(i) => i,
        Err(e) => return trap_exit(e),
    };
    let Some(func) = instance.get_func(&store, name) else {
        return fail(format!(
            "{}: no exported function `{name}`",
            module_path.display()
        ));
    };
    let ty = func.ty(&store);
    if ty.params().len() != args.len() {
        return fail(format!(
            "`{name}` takes {} arguments, {} given",
            ty.params().len(),
            args.len()
        ));
    }
    let mut params = Vec::with_capacity(args.len());
    for (text, ty) in args.iter().zip(ty.params()) {
        match parse_arg(text, *ty) {
            Ok(v) => params.push(v),
            Err(e) => return fail(e),
        }
    }
    let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
    if let Err(e) = func.call(&mut store, &params, &mut results) {
        return trap_exit(e);
    }
    for r in &results {
        println!("{}", show(r));
    }
    ExitCode::SUCCESS
}
