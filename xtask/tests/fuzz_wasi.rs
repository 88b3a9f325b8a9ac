//! The WASI call-sequence fuzzer end to end, through the command line, on
//! wasmtime twice: as `wasmtime`, whose expectations list the kinds it
//! shows, and as `fresh-wasmtime` (the same binary, from a runtimes file),
//! which has none. Seed 1's program calls `fd_sync` on the preopened
//! directory, which the oracle allows and wasmtime refuses (EBADF). The
//! campaign must call it known for the one and new for the other (exit 1),
//! cut it down to that one call, bundle it and record it in run.json, and
//! `repro` must replay the bundle and say it still diverges. Skipped, with
//! the reason, without wasmtime.

use libtest_mimic::{Arguments, Failed, Trial};

mod support;
use support::{find_result, text, xtask};

fn the_loop(wasmtime: std::path::PathBuf) -> Result<(), Failed> {
    let dir = tempfile::tempdir()?;
    let out_dir = dir.path().join("out");
    let out_arg = out_dir.display().to_string();
    let toml = dir.path().join("runtimes.toml");
    std::fs::write(
        &toml,
        format!(
            "[[runtime]]\nname = \"fresh-wasmtime\"\nextends = \"wasmtime\"\nbinary = {:?}\n",
            wasmtime.display().to_string()
        ),
    )?;
    let toml_arg = toml.display().to_string();
    let campaign = xtask(
        &[
            "fuzz",
            "wasi",
            "--runtime",
            "wasmtime,fresh-wasmtime",
            "--runtimes-file",
            &toml_arg,
            "--seed",
            "1",
            "--time",
            "1s",
            "--out",
            &out_arg,
        ],
        dir.path(),
    );
    let said = text(&campaign);
    let found = |who: &str, how: &str| {
        said.contains(&format!(
            "{how} divergence: seed 1: {who}: call 0 fd_sync: EBADF, the oracle OK, 1 call(s) left"
        ))
    };
    if campaign.status.code() != Some(1)
        || !found("wasmtime", "known")
        || !found("fresh-wasmtime", "new")
    {
        return Err(
            format!("the campaign did not find and shrink seed 1's fd_sync:\n{said}").into(),
        );
    }
    let last = said
        .lines()
        .rfind(|l| l.contains(" programs, "))
        .ok_or("no summary line")?;
    if !last.ends_with("programs/s)") {
        return Err(format!("summary line: {last}").into());
    }
    for (runtime, verdict) in [("wasmtime", "xfail"), ("fresh-wasmtime", "diverge")] {
        let result = find_result(&out_dir.join("run.json"), |r| {
            r["suite"] == "wasi-fuzz"
                && r["runtime"] == runtime
                && r["case"] == "fd_*: EBADF instead of OK"
        })?;
        if result["verdict"] != verdict {
            return Err(format!("{runtime}'s wasi-fuzz result: {result}").into());
        }
    }
    let bundle = out_dir.join("divergences/seed-1-fresh-wasmtime");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(bundle.join("bundle.json"))?)?;
    if manifest["calls_left"] != 1 {
        return Err(format!("bundle.json: {manifest}").into());
    }
    for file in [
        "program.wasm",
        "shrunk.wasm",
        "shrunk-program.txt",
        "oracle.txt",
        "fresh-wasmtime.txt",
    ] {
        if !bundle.join(file).exists() {
            return Err(format!("the bundle has no {file}").into());
        }
    }
    let bundle_arg = bundle.display().to_string();
    let repro = xtask(
        &["repro", &bundle_arg, "--runtimes-file", &toml_arg],
        dir.path(),
    );
    let said = text(&repro);
    if repro.status.code() != Some(1) || !said.contains("still diverges: call 0 fd_sync") {
        return Err(format!("repro did not replay the divergence:\n{said}").into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let name = "generate_run_diverge_shrink_bundle_replay_on_wasmtime";
    let trial = match support::wasmtime() {
        Some(wasmtime) => Trial::test(name, move || the_loop(wasmtime)),
        None => {
            eprintln!(
                "SKIPPING the WASI fuzz loop: wasmtime is not installed (cargo xtask install-runtimes wasmtime)"
            );
            Trial::test(name, || Ok(())).with_ignored_flag(true)
        }
    };
    libtest_mimic::run(&args, vec![trial]).exit();
}
