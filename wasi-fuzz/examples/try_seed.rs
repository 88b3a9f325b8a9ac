//! Run seeds' cases on the reference and on runtimes named on the command
//! line, printing the first difference of each (a development aid).
use conformance_adapters::{CliRuntime, Discovery, Runtime, builtin_specs};
use conformance_wasi_fuzz::{Case, emit, judge, run_case};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (from, to): (u64, u64) = (args[1].parse().unwrap(), args[2].parse().unwrap());
    let runtimes: Vec<CliRuntime> = args[3..]
        .iter()
        .filter_map(|n| {
            let spec = builtin_specs().into_iter().find(|s| &s.name == n)?;
            CliRuntime::discover(spec, &Discovery::standard(Default::default())).ok()
        })
        .collect();
    let scratch = tempfile::tempdir().unwrap();
    let oracle = conformance_adapters::ReferenceRuntime::new();
    let t = std::time::Duration::from_secs(10);
    for seed in from..to {
        let case = Case::generate(seed);
        let module = emit(&case.program);
        let want = run_case(&oracle, &case, &module, scratch.path(), t).unwrap();
        for rt in &runtimes {
            let got = run_case(rt, &case, &module, scratch.path(), t).unwrap();
            if let Some(d) = judge(&want, &got, &case.program) {
                println!("seed {seed} {}: {}  [{}]", rt.info().name, d, d.signature());
            }
        }
    }
}
