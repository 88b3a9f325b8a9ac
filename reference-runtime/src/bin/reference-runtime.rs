//! `reference-runtime run`: runs a WASI preview1 command on the reference
//! interpreter, with the host's stdio, so a person can try the oracle by
//! hand. Exit status: the guest's exit code (its low 8 bits, as the OS
//! keeps them), 134 on a trap (with `wasm trap: ...` on stderr), 2 when
//! the module or a preopen cannot be used.

use clap::{Parser, Subcommand};
use reference_runtime::Config;
use reference_runtime::wasi::{RunExit, WasiCtxBuilder, run_command};
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
        module,
        args,
    } = Cli::parse().command;
    let bytes = match std::fs::read(&module) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read {}: {e}", module.display())),
    };
    let mut b = WasiCtxBuilder::new()
        .arg(module.display().to_string())
        .inherit_stdio();
    for a in args {
        b = b.arg(a);
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
    let ctx = match b.build() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let mut config = Config::default();
    config.fuel(fuel);
    match run_command(&bytes, ctx, &config).exit {
        RunExit::Exit(code) => std::process::exit(code),
        RunExit::Trap(_, message) => {
            eprintln!("wasm trap: {message}");
            ExitCode::from(134)
        }
        RunExit::Rejected(message) => fail(format!("{}: {message}", module.display())),
    }
}
