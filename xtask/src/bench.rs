//! `cargo xtask bench`: the speed of the reference runtime next to its
//! peers, as ratios; and `matrix`, the harness itself against the official
//! wasi-testsuite runner's method (one bare command line after another). `interp` runs compute kernels (in
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
    /// The WASI suite on external runtimes: the harness (`--jobs`, its
    /// compilation cache warm) against a plain sequential loop of each job's
    /// bare command line with the runtime's default cache warm (the
    /// official wasi-testsuite runner's method), measured side by side.
    Matrix(MatrixArgs),
    /// Spec scripts of wasm-v1, wasm-v2 and SIMD on wasmtime: the probe
    /// path (WASI commands through `wasmtime run`) against `wasmtime wast`,
    /// one process per file, with the same parallel jobs, side by side.
    Spec(SpecArgs),
    /// Differential fuzzing end to end (generate, oracle, probe on the
    /// runtime, compare), one runtime at a time, for `--time` each: modules
    /// per second per runtime, and wasmtime's against the target of 20.
    Fuzz(FuzzArgs),
    /// The HTML report of a run record: its size, the time to render it,
    /// and the time until it is usable in headless Chromium (its script
    /// done), the median of --runs openings. Goals: under 5 MB and 2 s.
    Report(ReportArgs),
}

/// Arguments of `bench report`.
#[derive(clap::Args)]
struct ReportArgs {
    /// The run record whose report is measured.
    #[arg(value_name = "RUN.json")]
    record: PathBuf,
}

/// Arguments of `bench fuzz`.
#[derive(clap::Args)]
struct FuzzArgs {
    /// The runtimes (default: every one installed that runs WASI).
    #[arg(long, value_delimiter = ',', value_name = "NAME[,NAME...]")]
    runtime: Vec<String>,
    /// How long each runtime is fuzzed.
    #[arg(long, default_value = "30s", value_parser = humantime::parse_duration)]
    time: Duration,
    #[command(flatten)]
    runtimes: crate::runtimes::RuntimeSource,
}

/// Arguments of `bench spec`.
#[derive(clap::Args)]
struct SpecArgs {
    /// Parallel jobs for both sides (default: the number of CPUs).
    #[arg(long, short)]
    jobs: Option<usize>,
}

/// Arguments of `bench matrix`.
#[derive(clap::Args)]
struct MatrixArgs {
    /// The runtimes (those not installed are left out, with the reason).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "wasmtime,wasmedge,wamr,wazero"
    )]
    runtime: Vec<String>,
    /// The harness's parallel jobs (default: the number of CPUs).
    #[arg(long, short)]
    jobs: Option<usize>,
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
    match &args.what {
        What::Interp => interp(args.runs),
        What::Wasi => wasi(args.runs),
        What::Matrix(matrix_args) => matrix(matrix_args, args.runs),
        What::Spec(spec_args) => spec(spec_args, args.runs),
        What::Fuzz(fuzz_args) => fuzz(fuzz_args),
        What::Report(report_args) => report(report_args, args.runs),
    }
}

/// wasmtime's end-to-end rate the differential issue asks for.
const FUZZ_TARGET_MODULES_PER_SECOND: f64 = 20.0;

/// `bench fuzz`: each runtime alone, the same seeds, no shrinking and no
/// bundles, so the rate is generation + oracle + the runtime's probes.
fn fuzz(args: &FuzzArgs) -> anyhow::Result<()> {
    let names = if args.runtime.is_empty() {
        vec!["all".to_string()]
    } else {
        args.runtime.clone()
    };
    let selection = crate::runtimes::select(&names, &args.runtimes, None)?;
    for skipped in &selection.skipped {
        println!("{}: not measured ({})", skipped.name, skipped.reason);
    }
    let subjects = crate::fuzz::subjects(&selection.runtimes)?;
    println!(
        "{:<14} {:>8} {:>8} {:>9} {:>11} {:>14}",
        "runtime", "modules", "calls", "poisoned", "modules/s", "in its probes"
    );
    for runtime in subjects {
        let settings = crate::fuzz::Settings {
            time: args.time,
            seed: 0,
            out: None,
            shrink_attempts: 0,
            timeout: Duration::from_secs(10),
            progress: false,
        };
        let campaign = crate::fuzz::run_campaign(&[runtime], &settings)?;
        let rate = campaign.modules as f64 / campaign.elapsed.as_secs_f64().max(1e-9);
        let own = campaign
            .per_runtime
            .values()
            .next()
            .map_or(0.0, |s| s.modules_per_second());
        println!(
            "{:<14} {:>8} {:>8} {:>9} {:>11.1} {:>12.1}/s",
            runtime.info().name,
            campaign.modules,
            campaign.calls,
            campaign.poisoned,
            rate,
            own
        );
        if runtime.info().name == "wasmtime" {
            println!(
                "  wasmtime: {rate:.1} modules/s end to end, {:.2}x the target of {FUZZ_TARGET_MODULES_PER_SECOND} ({})",
                rate / FUZZ_TARGET_MODULES_PER_SECOND,
                if rate >= FUZZ_TARGET_MODULES_PER_SECOND {
                    "met"
                } else {
                    "not met"
                }
            );
        }
    }
    Ok(())
}

/// One job of the matrix: a runtime and a case it runs.
struct MatrixJob {
    runtime: usize,
    case: conformance_suites::WasiCase,
}

/// The limits of every job, as `conformance` sets them by default.
const MATRIX_LIMITS: conformance_harness::Limits = conformance_harness::Limits {
    timeout: Duration::from_secs(10),
    output_cap: 1 << 20,
};

/// The official runner's method: each job's bare command line (no cache
/// arguments, the user's own environment, so the runtime's default cache),
/// one after another. Scratch dirs are prepared before the clock starts, so
/// only the runtimes' processes are timed: the loop is favoured. Also the
/// time of each runtime's processes.
fn bare_loop(
    jobs: &[MatrixJob],
    bare: &[std::sync::Arc<dyn conformance_adapters::Runtime>],
) -> anyhow::Result<(Duration, Vec<Duration>)> {
    use conformance_adapters::{ProcessRequest, run_process};
    let base = tempfile::Builder::new().prefix("bench-loop-").tempdir()?;
    let mut prepared = Vec::new();
    for (n, job) in jobs.iter().enumerate() {
        let scratch = base.path().join(n.to_string());
        std::fs::create_dir(&scratch)?;
        let wasi = conformance_harness::prepare_wasi_job(
            &job.case,
            &scratch,
            MATRIX_LIMITS.timeout,
            MATRIX_LIMITS.output_cap,
        )?;
        let argv = bare[job.runtime].command_line(&wasi);
        let Some((program, args)) = argv.split_first() else {
            bail!("{} gives no command line", bare[job.runtime].info().name);
        };
        prepared.push(ProcessRequest {
            program: program.into(),
            args: args.iter().map(Into::into).collect(),
            env: std::env::vars_os().collect(),
            cwd: scratch,
            stdin: wasi.stdin.clone(),
            timeout: MATRIX_LIMITS.timeout,
            output_cap: MATRIX_LIMITS.output_cap,
        });
    }
    let mut per_runtime = vec![Duration::ZERO; bare.len()];
    let start = Instant::now();
    for (request, job) in prepared.iter().zip(jobs) {
        let began = Instant::now();
        run_process(request).with_context(|| format!("running {}", request.program.display()))?;
        per_runtime[job.runtime] += began.elapsed();
    }
    Ok((start.elapsed(), per_runtime))
}

/// The harness as `conformance` runs it (scratch dirs, judging and the
/// record included), with its compilation cache; also how many jobs ran
/// and the summed time of each runtime's processes.
fn harness_run(
    runtimes: &[std::sync::Arc<dyn conformance_adapters::Runtime>],
    cases: &[conformance_suites::WasiCase],
    expectations: &std::collections::BTreeMap<String, conformance_suites::Expectations>,
    jobs: usize,
) -> anyhow::Result<(Duration, usize, Vec<Duration>)> {
    use conformance_harness::{Case, Plan, Suite, Verdict};
    let plan = Plan {
        runtimes: runtimes.to_vec(),
        skipped_runtimes: Vec::new(),
        suites: vec![Suite {
            name: "wasi".into(),
            cases: cases
                .iter()
                .cloned()
                .map(|c| Case::Wasi(Box::new(c)))
                .collect(),
        }],
        expectations: expectations.clone(),
        jobs,
        limits: MATRIX_LIMITS,
        filter: None,
        progress: false,
        shard: None,
        repeat: 1,
    };
    let start = Instant::now();
    let record = conformance_harness::run(&plan).context("running the harness")?;
    let time = start.elapsed();
    let ran = record
        .results
        .iter()
        .filter(|r| r.verdict != Verdict::Skip)
        .count();
    let per_runtime = runtimes
        .iter()
        .map(|rt| {
            let ms: f64 = record
                .results
                .iter()
                .filter(|r| r.runtime == rt.info().name)
                .filter_map(|r| r.observation.as_ref().map(|o| o.duration_ms))
                .sum();
            Duration::from_secs_f64(ms / 1000.0)
        })
        .collect();
    Ok((time, ran, per_runtime))
}

fn matrix(args: &MatrixArgs, runs: usize) -> anyhow::Result<()> {
    use crate::runtimes::{RuntimeSource, select};
    use conformance_suites::{
        Expectations, ExpectedOutcome, expectations_dir, load_wasi_dir, wasi_suite_dir,
    };
    let source = |no_compile_cache| RuntimeSource {
        runtime_paths: Vec::new(),
        runtimes_file: None,
        no_compile_cache,
    };
    // The runtimes the harness runs (with its cache), and the same
    // runtimes bare, for the loop's command lines.
    let cached = select(&args.runtime, &source(false), None);
    let (cached, bare) = match cached {
        Ok(cached) => (cached, select(&args.runtime, &source(true), None)?),
        Err(_) => {
            // Some are missing: keep those that are there.
            let mut found = Vec::new();
            for name in &args.runtime {
                match select(std::slice::from_ref(name), &source(true), None) {
                    Ok(_) => found.push(name.clone()),
                    Err(e) => say!("not measuring {name}: {e:#}\n"),
                }
            }
            if found.is_empty() {
                bail!(
                    "none of the runtimes can be measured: {}",
                    args.runtime.join(", ")
                );
            }
            (
                select(&found, &source(false), None)?,
                select(&found, &source(true), None)?,
            )
        }
    };
    let cases = load_wasi_dir(&wasi_suite_dir().join("tests"))?;
    let mut expectations = std::collections::BTreeMap::new();
    let mut jobs = Vec::new();
    for (index, runtime) in bare.runtimes.iter().enumerate() {
        let name = runtime.info().name.clone();
        let known = Expectations::load(&expectations_dir(), &name)?;
        for case in &cases {
            let skipped = known
                .get("wasi", &case.name)
                .is_some_and(|k| k.outcome == ExpectedOutcome::Skip);
            if !skipped && case.spec.unsupported.is_none() {
                jobs.push(MatrixJob {
                    runtime: index,
                    case: case.clone(),
                });
            }
        }
        expectations.insert(name, known);
    }
    let parallel = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let names: Vec<String> = bare
        .runtimes
        .iter()
        .map(|r| r.info().name.clone())
        .collect();
    say!(
        "{} jobs ({} cases on {}); warming both caches, then {runs} timed round(s), the two methods taking turns\n",
        jobs.len(),
        cases.len(),
        names.join(", ")
    );
    bare_loop(&jobs, &bare.runtimes)?;
    harness_run(&cached.runtimes, &cases, &expectations, parallel)?;
    let (mut loop_times, mut harness_times) = (Vec::new(), Vec::new());
    let mut ran = 0;
    let (mut loop_split, mut harness_split) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let (time, split) = bare_loop(&jobs, &bare.runtimes)?;
        loop_times.push(time);
        loop_split = split;
        let (time, n, split) = harness_run(&cached.runtimes, &cases, &expectations, parallel)?;
        harness_times.push(time);
        harness_split = split;
        ran = n;
    }
    if ran != jobs.len() {
        say!(
            "note: the harness ran {ran} jobs, the loop {}\n",
            jobs.len()
        );
    }
    let (looped, harness) = (Timing::of(loop_times), Timing::of(harness_times));
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    say!("{:<40} {:>9} {:>9}\n", "method", "median", "best");
    say!(
        "{:<40} {:>7.2} s {:>7.2} s\n",
        "bare command lines, one at a time",
        looped.median.as_secs_f64(),
        looped.best.as_secs_f64()
    );
    say!(
        "{:<40} {:>7.2} s {:>7.2} s\n",
        format!("harness, --jobs {parallel}, its cache warm"),
        harness.median.as_secs_f64(),
        harness.best.as_secs_f64()
    );
    say!(
        "harness is {:.2}× faster (median), {:.2}× (best); load average at the end: {}\n",
        looped.median.as_secs_f64() / harness.median.as_secs_f64(),
        looped.best.as_secs_f64() / harness.best.as_secs_f64(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    say!(
        "processes' time in the last round, per runtime (the harness's overlap when --jobs > 1):\n"
    );
    for ((name, looped), harness) in names.iter().zip(&loop_split).zip(&harness_split) {
        say!(
            "  {name:<14} loop {:>6.2} s   harness {:>6.2} s\n",
            looped.as_secs_f64(),
            harness.as_secs_f64()
        );
    }
    Ok(())
}

/// The probe path against `wasmtime wast`: both run every script of
/// wasm-v1, wasm-v2 and SIMD through the harness with the same jobs, and
/// take turns run by run.
fn spec(args: &SpecArgs, runs: usize) -> anyhow::Result<()> {
    use crate::runtimes::{RuntimeSource, select};
    use conformance_harness::{Case, Limits, Plan, Suite, Verdict};
    let source = RuntimeSource {
        runtime_paths: Vec::new(),
        runtimes_file: None,
        no_compile_cache: false,
    };
    let probe = select(&["wasmtime".to_string()], &source, None)?;
    let native = select(&["wasmtime-wast".to_string()], &source, None)?;
    let scripts = conformance_suites::spec_scripts(&["wasm-v1", "wasm-v2", "proposals/simd"]);
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let plan = |runtimes: &[std::sync::Arc<dyn conformance_adapters::Runtime>]| Plan {
        runtimes: runtimes.to_vec(),
        skipped_runtimes: Vec::new(),
        suites: vec![Suite {
            name: "spec".into(),
            cases: scripts.iter().cloned().map(Case::Script).collect(),
        }],
        expectations: Default::default(),
        jobs,
        limits: Limits {
            timeout: Duration::from_secs(60),
            output_cap: 1 << 20,
        },
        filter: None,
        progress: false,
        shard: None,
        repeat: 1,
    };
    let (probe_plan, native_plan) = (plan(&probe.runtimes), plan(&native.runtimes));
    say!(
        "{} scripts (wasm-v1, wasm-v2, SIMD), {jobs} jobs, {runs} runs each, taking turns\n",
        scripts.len()
    );
    let (mut probe_times, mut native_times) = (Vec::new(), Vec::new());
    let mut counts = (0usize, 0usize, 0usize);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let record = conformance_harness::run(&probe_plan).context("the probe path")?;
        probe_times.push(start.elapsed());
        counts.0 = record
            .results
            .iter()
            .filter_map(|r| r.script.as_ref())
            .map(|s| s.processes)
            .sum();
        counts.1 = record
            .results
            .iter()
            .filter_map(|r| r.script.as_ref())
            .map(|s| s.passed)
            .sum();
        let start = Instant::now();
        let record = conformance_harness::run(&native_plan).context("wasmtime wast")?;
        native_times.push(start.elapsed());
        counts.2 = record
            .results
            .iter()
            .filter(|r| r.verdict != Verdict::Skip)
            .count();
    }
    let (p, n) = (Timing::of(probe_times), Timing::of(native_times));
    say!(
        "probe path (wasmtime run): median {:.2} s, best {:.2} s; {} processes, {} directives passed\n",
        p.median.as_secs_f64(),
        p.best.as_secs_f64(),
        counts.0,
        counts.1
    );
    say!(
        "wasmtime wast:             median {:.2} s, best {:.2} s; {} files\n",
        n.median.as_secs_f64(),
        n.best.as_secs_f64(),
        counts.2
    );
    say!(
        "ratio probe / wasmtime wast: {:.2}x (median), {:.2}x (best); target at most 3x\n",
        p.median.as_secs_f64() / n.median.as_secs_f64(),
        p.best.as_secs_f64() / n.best.as_secs_f64()
    );
    Ok(())
}

/// `bench report RUN.json`.
fn report(args: &ReportArgs, runs: usize) -> anyhow::Result<()> {
    let record = crate::output::read_record(&args.record)?;
    let started = Instant::now();
    let html = conformance_reports::render_html(&record)?;
    let render = started.elapsed();
    let dir = tempfile::tempdir()?;
    let page = dir.path().join("report.html");
    std::fs::write(&page, &html)?;
    let mb = html.len() as f64 / 1e6;
    println!(
        "{}: {} results, {} runtimes",
        args.record.display(),
        record.results.len(),
        record.runtimes.len()
    );
    println!(
        "report.html: {mb:.2} MB (goal: under 5), rendered in {:.0} ms",
        render.as_secs_f64() * 1000.0
    );
    let (chromium, driver) = crate::browser::find().map_err(anyhow::Error::msg)?;
    let browser = crate::browser::Browser::start(&chromium, &driver).map_err(anyhow::Error::msg)?;
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| browser.open_report(&page))
        .collect::<Result<_, _>>()
        .map_err(anyhow::Error::msg)?;
    times.sort();
    println!(
        "usable in headless Chromium after {:.0} ms (median of {}; best {:.0} ms; goal: under 2000)",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times.len(),
        times[0].as_secs_f64() * 1000.0
    );
    Ok(())
}
