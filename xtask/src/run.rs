//! `cargo xtask run`: builds the extension, starts the simulator and opens
//! the development build in Chromium. Without a display, it signs in through
//! headless Chromium and writes screenshots instead.

use std::env;
use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::dist::{self, DEMO_SIM_ADDRESS, DEV_DIR};
use crate::sim::{self, RunningSim};
use crate::tools::{self, CHROMIUM};
use crate::workspace::Workspace;

pub fn run(workspace: &Workspace) -> Result<()> {
    dist::run(workspace)?;
    sim::build(workspace)?;
    let manifests = dist::read_manifests(workspace)?;
    let extension_dir = workspace.path(DEV_DIR);

    println!("==> run: starting the simulator on {DEMO_SIM_ADDRESS}");
    let state_dir = workspace.target_dir.join("fmc-sim");
    let sim = RunningSim::start(workspace, DEMO_SIM_ADDRESS, &state_dir)?;

    let has_display = env::var_os("DISPLAY").is_some_and(|display| !display.is_empty());
    let result = if has_display {
        open_headed(workspace, &sim, &extension_dir, &manifests.dev_extension_id)
    } else {
        take_screenshots(workspace, &sim, &extension_dir)
    };
    sim.stop();
    result
}

/// Opens the popup page in a visible Chromium with a fresh profile and
/// returns when the user closes the browser.
fn open_headed(
    workspace: &Workspace,
    sim: &RunningSim,
    extension_dir: &Path,
    extension_id: &str,
) -> Result<()> {
    let profile_dir = workspace.target_dir.join("chromium-profile");
    if profile_dir.exists() {
        fs::remove_dir_all(&profile_dir)
            .with_context(|| format!("could not remove {}", profile_dir.display()))?;
    }

    let extension = extension_dir.to_string_lossy();
    let mut chromium = workspace
        .cmd(CHROMIUM)
        .arg(format!("--user-data-dir={}", profile_dir.display()))
        .arg(format!("--disable-extensions-except={extension}"))
        .arg(format!("--load-extension={extension}"))
        // Trusts only the simulator's key, the way a user accepts one
        // certificate, so the demo signs in without the certificate step.
        .arg(format!(
            "--ignore-certificate-errors-spki-list={}",
            sim.spki_sha256
        ))
        // Keeps the throwaway profile from contacting Google's services.
        .args([
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]);
    if tools::is_root(workspace)? {
        // Chromium refuses to start as root with its sandbox on.
        chromium = chromium.arg("--no-sandbox");
    }
    let popup_url = format!("chrome-extension://{extension_id}/popup.html");
    println!("==> run: opening {popup_url}; close Chromium to stop the simulator");
    let status = chromium.arg(&popup_url).status()?;
    if !status.success() {
        bail!("Chromium exited with {status}; the simulator has been stopped");
    }
    Ok(())
}

/// Signs in through headless Chromium with a Playwright script that writes
/// `target/screenshots/popup-*.png`.
fn take_screenshots(workspace: &Workspace, sim: &RunningSim, extension_dir: &Path) -> Result<()> {
    println!("==> run: DISPLAY is not set, so taking screenshots in headless Chromium");
    workspace
        .cmd("node")
        .arg("tests/e2e/screenshot.mjs")
        .env("FMC_SIM_ADDRESS", &sim.address)
        .env("FMC_SIM_SPKI", &sim.spki_sha256)
        .env("EXTENSION_DIR", extension_dir)
        .env("SCREENSHOT_DIR", workspace.target_dir.join("screenshots"))
        .run()?;
    Ok(())
}
