//! Headless Chromium through chromedriver (WebDriver, with `fantoccini`):
//! how `bench report` times a report and how the browser test drives one.
//! Started with `--headless --no-sandbox --disable-gpu
//! --disable-background-networking --no-first-run` and a fresh profile.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// Chromium and chromedriver, or what is missing: found as runtimes are
/// (`CHROMIUM=PATH` and `CHROMEDRIVER=PATH`, else an executable on `PATH`).
pub fn find() -> Result<(PathBuf, PathBuf), String> {
    let discovery = conformance_adapters::Discovery::new(Default::default(), None);
    let chromium = discovery
        .locate("chromium", "chromium")
        .or_else(|_| discovery.locate("chromium", "chromium-browser"))
        .map_err(
            |_| "chromium is not installed (Debian: apt-get install chromium chromium-driver)",
        )?;
    let driver = discovery
        .locate("chromedriver", "chromedriver")
        .map_err(|_| "chromedriver is not installed (Debian: apt-get install chromium-driver)")?;
    Ok((chromium.path, driver.path))
}

/// A browser session: chromedriver, a fresh profile, and a WebDriver
/// client; all stopped when dropped.
pub struct Browser {
    /// Runs the client's futures.
    pub runtime: tokio::runtime::Runtime,
    /// The WebDriver session.
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Start chromedriver on a free port and open a session.
    pub fn start(chromium: &Path, chromedriver: &Path) -> Result<Browser, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("finding a free port: {e}"))?
            .port();
        let mut driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting {}: {e}", chromedriver.display()))?;
        let profile = tempfile::tempdir().map_err(|e| format!("a profile dir: {e}"))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("an async runtime: {e}"))?;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": chromium,
                "args": ["--headless", "--no-sandbox", "--disable-gpu",
                         "--disable-background-networking", "--no-first-run",
                         format!("--user-data-dir={}", profile.path().display()),
                         "--window-size=1400,1000"],
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = runtime.block_on(async {
            loop {
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                match ClientBuilder::new(connector)
                    .capabilities(caps.clone())
                    .connect(&url)
                    .await
                {
                    Ok(c) => return Ok(c),
                    Err(_) if started.elapsed() < Duration::from_secs(20) => {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                    Err(e) => return Err(format!("chromedriver at {url}: {e}")),
                }
            }
        });
        let client = match client {
            Ok(c) => c,
            Err(e) => {
                let _ = driver.kill();
                let _ = driver.wait();
                return Err(e);
            }
        };
        Ok(Browser {
            runtime,
            client,
            driver,
            _profile: profile,
        })
    }

    /// Open a report and wait until it is usable: its script has run its
    /// last step (the count of rows shown). The time from the navigation.
    pub fn open_report(&self, report: &Path) -> Result<Duration, String> {
        self.runtime.block_on(async {
            let opened = Instant::now();
            let url = format!("file://{}", report.display());
            self.client
                .goto(&url)
                .await
                .map_err(|e| format!("opening {url}: {e}"))?;
            let count = self
                .client
                .find(Locator::Id("count"))
                .await
                .map_err(|e| format!("{url}: no row count: {e}"))?;
            loop {
                let text = count.text().await.map_err(|e| e.to_string())?;
                if !text.is_empty() {
                    return Ok(opened.elapsed());
                }
                if opened.elapsed() > Duration::from_secs(60) {
                    return Err(format!("{url}: the page's script never finished"));
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let client = self.client.clone();
        let _ = self.runtime.block_on(client.close());
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
