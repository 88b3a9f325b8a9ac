//! The HTML report in a real browser: headless Chromium (Debian's
//! `chromium`) driven through `chromedriver` over WebDriver. A report with
//! a planted regression (a toy runtime at version 1, then at version 2
//! failing one case, with `--baseline`) must render its overview, hide
//! rows under a filter, open a case's details with a diff, list the
//! regression under "Since baseline", and run without a script error.
//! Screenshots go to target/browser-test/ (overview.png, report.png with
//! a case open). Skipped, with the
//! reason, where Chromium or chromedriver is missing.

use std::path::{Path, PathBuf};

use fantoccini::Locator;
use libtest_mimic::{Arguments, Failed, Trial};

mod support;
use support::script;

fn conformance(d: &Path, binary: &str, out: &str, extra: &[&str]) -> Result<(), Failed> {
    let run = support::conformance_with_toy(d, binary, "reference,toy", out, extra);
    if run.status.code().is_some_and(|c| c <= 1) {
        Ok(())
    } else {
        Err(format!("conformance exited {}", run.status).into())
    }
}

/// A report with a planted regression: `regresses` passes on toy 1 and
/// fails on toy 2 (it prints `ko` where `ok` is expected).
fn make_report(d: &Path) -> Result<PathBuf, Failed> {
    let suite = d.join("suite");
    std::fs::create_dir(&suite)?;
    // A module that prints "ok\n": the reference passes it too.
    let wat = r#"(module (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1) (data (i32.const 16) "ok\n")
      (func (export "_start") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 3))
        (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"#;
    let module = wat::parse_str(wat)?;
    for name in ["steady", "regresses", "another"] {
        std::fs::write(suite.join(format!("{name}.wasm")), &module)?;
        std::fs::write(
            suite.join(format!("{name}.json")),
            r#"{"stdout": "ok\n", "covers": {"success": ["fd_write"]}}"#,
        )?;
    }
    script(d, "toy1", "toy 1", "echo ok");
    script(
        d,
        "toy2",
        "toy 2",
        "case \"$1\" in *regresses*) echo ko;; *) echo ok;; esac",
    );
    conformance(d, "toy1", "one", &[])?;
    let old = d.join("one/run.json").display().to_string();
    conformance(d, "toy2", "two", &["--baseline", &old])?;
    Ok(d.join("two/report.html"))
}

#[path = "../src/browser.rs"]
#[allow(dead_code)]
mod browser;

fn the_report(chromium: PathBuf, chromedriver: PathBuf) -> Result<(), Failed> {
    let dir = tempfile::tempdir()?;
    let report = make_report(dir.path())?;
    let session = browser::Browser::start(&chromium, &chromedriver)?;
    let usable = session.open_report(&report)?;
    eprintln!("usable {} ms after opening", usable.as_millis());
    session.runtime.block_on(check(&session.client))
}

async fn check(client: &fantoccini::Client) -> Result<(), Failed> {
    let errors = client
        .execute(
            "return window.reportErrors || ['no error collector'];",
            vec![],
        )
        .await?;
    if errors.as_array().is_none_or(|e| !e.is_empty()) {
        return Err(format!("script errors: {errors}").into());
    }

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/browser-test");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("overview.png"), client.screenshot().await?)?;

    // The overview: a card per runtime and the function heat map.
    let cards = client.find_all(Locator::Css("#cards .card")).await?;
    if cards.len() != 2 {
        return Err(format!("{} score cards, not 2", cards.len()).into());
    }
    client.find(Locator::Css("#function-heatmap rect")).await?;

    // The baseline section names the planted regression.
    let baseline = client.find(Locator::Id("baseline")).await?.text().await?;
    if !baseline.contains("regresses") || !baseline.contains("1 new failure(s)") {
        return Err(format!("baseline section: {baseline}").into());
    }

    // A filter hides rows.
    let visible = || async {
        let mut n = 0;
        for tr in client
            .find_all(Locator::Css("#matrix tr[data-case]"))
            .await?
        {
            n += usize::from(tr.is_displayed().await?);
        }
        Ok::<usize, fantoccini::error::CmdError>(n)
    };
    let before = visible().await?;
    client
        .find(Locator::Id("only-problems"))
        .await?
        .click()
        .await?;
    let after = visible().await?;
    if !(before == 3 && after == 1) {
        return Err(format!("'failures only' showed {after} of {before} rows, not 1 of 3").into());
    }

    // A case's details open, with the diff against the expectation.
    client
        .find(Locator::Css("#matrix tr[data-case=regresses] td.fail"))
        .await?
        .click()
        .await?;
    let diff = client
        .wait()
        .for_element(Locator::Css("#details .col[data-runtime=toy] pre.diff"))
        .await?
        .text()
        .await?;
    if !(diff.contains("- ok") && diff.contains("+ ko")) {
        return Err(format!("the details' diff: {diff}").into());
    }

    std::fs::write(dir.join("report.png"), client.screenshot().await?)?;
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let name = "report_renders_filters_opens_details_and_shows_the_baseline_in_chromium";
    let trial = match browser::find() {
        Ok((chromium, driver)) => Trial::test(name, move || the_report(chromium, driver)),
        Err(missing) => {
            eprintln!("SKIPPING the browser test: {missing}");
            Trial::test(name, || Ok(())).with_ignored_flag(true)
        }
    };
    libtest_mimic::run(&args, vec![trial]).exit();
}
