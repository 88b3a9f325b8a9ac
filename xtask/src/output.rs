//! Writing the run's files: the record and every report rendered from it.
//! All are rendered in memory first and each file is written whole (a
//! temporary file renamed into place), so a failure never leaves half a
//! report, and readable by all (0644).

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use conformance_harness::RunRecord;

/// Fail early, before any case runs, when `dir` cannot receive the reports.
pub fn check_writable(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .and_then(|_| tempfile::NamedTempFile::new_in(dir).map(drop))
        .with_context(|| format!("--out {}: not a writable directory", dir.display()))
}

/// Render and write run.json, report.html, junit.xml and summary.md.
pub fn write_reports(record: &RunRecord, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let files = [
        ("run.json", serde_json::to_string_pretty(record)? + "\n"),
        ("report.html", conformance_reports::render_html(record)?),
        ("junit.xml", conformance_reports::render_junit(record)?),
        ("summary.md", conformance_reports::render_markdown(record)),
    ];
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut written = Vec::new();
    for (name, content) in files {
        let path = dir.join(name);
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("writing into {}", dir.display()))?;
        tmp.write_all(content.as_bytes())?;
        // Readable by all, as a published report must be (a temporary
        // file is made 0600).
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("writing {}", path.display()))?;
        tmp.persist(&path)
            .with_context(|| format!("writing {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Arguments of `cargo xtask report`.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// The run record to render.
    record: PathBuf,
    /// Where to write the reports (default: beside the record).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Read a run record, checking its schema version.
pub fn read_record(path: &Path) -> anyhow::Result<RunRecord> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    RunRecord::from_json(&text).with_context(|| path.display().to_string())
}

/// `cargo xtask report RUN.json`: render the reports again.
pub fn rerender(args: &ReportArgs) -> anyhow::Result<()> {
    let record = read_record(&args.record)?;
    let out = match &args.out {
        Some(out) => out.clone(),
        None => args.record.parent().unwrap_or(Path::new(".")).to_path_buf(),
    };
    check_writable(&out)?;
    let written = write_reports(&record, &out)?;
    say!("{}", conformance_reports::render_summary(&record));
    for path in written {
        say!("wrote {}\n", path.display());
    }
    Ok(())
}
