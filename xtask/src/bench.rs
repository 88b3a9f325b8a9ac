//! `cargo xtask bench`: the speed of the reference runtime next to its
//! peers, as ratios. `interp` runs compute kernels (in
//! `reference-runtime/benches/kernels/`) on the reference, wasmi and WABT's
//! `wasm-interp`; `wasi` runs WASI workloads (in
//! `reference-runtime/benches/wasi/`) on the reference and wasmtime. Every
//! runtime runs as a process, so each time includes start-up, the same for
//! all; the median and the best of `--runs` are reported (on a shared
//! machine the best is the steadier), the kernels' runtimes take turns run
//! by run, and results are cross-checked.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use conformance_adapters::{Discovery, workspace_root};

/// Arguments of `bench`.
#[derive(clap::Args)]
pub struct Args {
    /// What to measure.
    #[command(subcommand)]
    what: What,
    /// Runs per measurement; the median and the best are reported.
    #[arg(long, default_value_t = 3, global = true)]
    runs: usize,
}

#[derive(clap::Subcommand)]
enum What {
    /// Compute kernels: reference vs wasmi vs wasm-interp.
    Interp,
    /// WASI workloads: reference vs wasmtime.
    Wasi,
}

/// A kernel: its module and the argument of its exported `run`.
const KERNELS: &[(&str, &str)] = &[
    ("fib", "35"),
    ("sieve", "10000000"),
    ("matmul", "300"),
    ("crc", "3"),
    ("nbody", "300000"),
];

/// A WASI workload, and whether it needs an untimed setup run (given the
/// argument `create`).
const WORKLOADS: &[(&str, bool)] = &[
    ("write_64mib", false),
    ("open_close_10k", false),
    ("readdir_10k", true),
];

/// Builds a peer's command line from the module and the kernel's argument.
type CommandLine = Box<dyn Fn(&Path, &str) -> Vec<String>>;

struct Peer {
    name: &'static str,
    command: CommandLine,
}

fn reference_binary() -> anyhow::Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--release",
            "-p",
            "reference-runtime",
            "--bin",
            "reference-runtime",
        ])
        .current_dir(workspace_root())
        .status()
        .context("building the reference runtime")?;
    if !status.success() {
        bail!("building the reference runtime failed");
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    Ok(target.join("release/reference-runtime"))
}

fn locate(runtime: &str, binary: &str) -> anyhow::Result<String> {
    let found = Discovery::standard(Default::default()).locate(runtime, binary)?;
    Ok(found.path.to_string_lossy().into_owned())
}

/// How long a command took over several runs.
#[derive(Clone, Copy)]
struct Timing {
    median: Duration,
    best: Duration,
}

impl Timing {
    fn of(mut times: Vec<Duration>) -> Timing {
        times.sort();
        Timing {
            median: times[times.len() / 2],
            best: times[0],
        }
    }
}

/// Runs one command once: its wall time and stdout.
fn run_once(argv: &[String], cwd: &Path) -> anyhow::Result<(Duration, String)> {
    let start = Instant::now();
    let out = Command::new(&argv[0])
        .args(&argv[1..])
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .output()
        .with_context(|| format!("running {}", argv[0]))?;
    let time = start.elapsed();
    if !out.status.success() {
        bail!(
            "`{}` failed ({}): {}",
            argv.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok((
        time,
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
    ))
}

/// Time one command `runs` times; its timing and the last stdout.
fn measure(argv: &[String], cwd: &Path, runs: usize) -> anyhow::Result<(Timing, String)> {
    let mut times = Vec::new();
    let mut stdout = String::new();
    for _ in 0..runs.max(1) {
        let (time, out) = run_once(argv, cwd)?;
        times.push(time);
        stdout = out;
    }
    Ok((Timing::of(times), stdout))
}

/// The value a runtime printed: `9227465`, `run(i32:35) => i32:9227465`.
fn value(stdout: &str) -> Option<f64> {
    let last = stdout.rsplit("=>").next()?.trim();
    let number = last.rsplit(':').next()?.trim();
    number.parse::<f64>().ok()
}

/// Whether two printed results agree: integers modulo 2^32 (runtimes print
/// an i32 signed or unsigned), floats to the 6 decimals some print.
fn same(a: f64, b: f64) -> bool {
    let integral = |x: f64| x.fract() == 0.0 && x.abs() < 1e15;
    if integral(a) && integral(b) {
        return (a as i64 as u32) == (b as i64 as u32);
    }
    (a - b).abs() <= 1e-6_f64.max(1e-6 * a.abs().max(b.abs()))
}

fn print_row(name: &str, runtime: &str, time: Timing, reference: Timing, result: &str) {
    say!(
        "{name:<16} {runtime:<12} {:>7.3} s {:>7.3} s  {:>5.2}× {:>5.2}×  {result}\n",
        time.median.as_secs_f64(),
        time.best.as_secs_f64(),
        time.median.as_secs_f64() / reference.median.as_secs_f64(),
        time.best.as_secs_f64() / reference.best.as_secs_f64(),
    );
}

/// The table's header: the median and the best of `runs`, then each as a
/// ratio to the reference's.
fn print_header(first: &str, runs: usize) {
    say!(
        "{first:<16} {:<12} {:>9} {:>9}  {:>13}  result   ({runs} runs)\n",
        "runtime",
        "median",
        "best",
        "÷ reference",
    );
}

fn interp(runs: usize) -> anyhow::Result<()> {
    let kernels = workspace_root().join("reference-runtime/benches/kernels");
    let reference = reference_binary()?.to_string_lossy().into_owned();
    let wasmi = locate("wasmi", "wasmi")?;
    let wasm_interp = locate("wabt", "wasm-interp")?;
    // `BINARY run --invoke run MODULE ARG`, as the reference and wasmi take it.
    let invoke = |binary: String| -> CommandLine {
        Box::new(move |m: &Path, a: &str| {
            [binary.as_str(), "run", "--invoke", "run"]
                .map(String::from)
                .into_iter()
                .chain([m.display().to_string(), a.to_string()])
                .collect()
        })
    };
    let peers = [
        Peer {
            name: "reference",
            command: invoke(reference),
        },
        Peer {
            name: "wasmi",
            command: invoke(wasmi),
        },
        Peer {
            name: "wasm-interp",
            command: Box::new(move |m, a| {
                let arg = format!("i32:{a}");
                vec![
                    wasm_interp.clone(),
                    m.display().to_string(),
                    "-r".into(),
                    "run".into(),
                    "-a".into(),
                    arg,
                ]
            }),
        },
    ];
    print_header("kernel", runs);
    for (kernel, arg) in KERNELS {
        let module = kernels.join(format!("{kernel}.wasm"));
        // The runtimes take turns, run by run, so that a change in the
        // machine's load during the measurement falls on all of them.
        let argvs: Vec<Vec<String>> = peers.iter().map(|p| (p.command)(&module, arg)).collect();
        let mut times = vec![Vec::new(); peers.len()];
        let mut outs = vec![String::new(); peers.len()];
        for _ in 0..runs.max(1) {
            for (i, argv) in argvs.iter().enumerate() {
                let (time, out) = run_once(argv, &kernels)?;
                times[i].push(time);
                outs[i] = out;
            }
        }
        let timings: Vec<Timing> = times.into_iter().map(Timing::of).collect();
        let ref_value = value(&outs[0]);
        for ((peer, timing), out) in peers.iter().zip(&timings).zip(&outs) {
            let check = match (ref_value, value(out)) {
                (Some(r), Some(v)) if same(r, v) => out.clone(),
                (Some(r), Some(v)) => format!("{out}  MISMATCH (reference {r}, {v})"),
                _ => format!("{out}  (unparsed)"),
            };
            print_row(
                &format!("{kernel}({arg})"),
                peer.name,
                *timing,
                timings[0],
                &check,
            );
        }
    }
    Ok(())
}

fn wasi(runs: usize) -> anyhow::Result<()> {
    let workloads = workspace_root().join("reference-runtime/benches/wasi");
    let runtimes = [
        (
            "reference",
            reference_binary()?.to_string_lossy().into_owned(),
        ),
        ("wasmtime", locate("wasmtime", "wasmtime")?),
    ];
    print_header("workload", runs);
    for (workload, setup) in WORKLOADS {
        let module = workloads
            .join(format!("{workload}.wasm"))
            .display()
            .to_string();
        let mut reference_time = None;
        for (name, binary) in &runtimes {
            let data = tempfile::tempdir()?;
            let dir = format!("{}::data", data.path().display());
            let argv = |extra: &[&str]| {
                let mut v = vec![
                    binary.clone(),
                    "run".into(),
                    "--dir".into(),
                    dir.clone(),
                    module.clone(),
                ];
                v.extend(extra.iter().map(|s| s.to_string()));
                v
            };
            if *setup {
                measure(&argv(&["create"]), data.path(), 1)?;
            }
            let (time, out) = measure(&argv(&[]), data.path(), runs)?;
            let reference = *reference_time.get_or_insert(time);
            print_row(workload, name, time, reference, &out);
        }
    }
    Ok(())
}

/// Run `bench`.
pub fn run(args: &Args) -> anyhow::Result<()> {
    match args.what {
        What::Interp => interp(args.runs),
        What::Wasi => wasi(args.runs),
    }
}
