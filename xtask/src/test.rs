//! `cargo xtask test`: every check and test suite, in order, stopping at the
//! first failure.

use std::time::{Duration, Instant};

use anyhow::Result;

use crate::dist::{self, DEV_DIR};
use crate::firefox;
use crate::setup;
use crate::sim;
use crate::tools::{CERTUTIL, CHROMEDRIVER, FIREFOX, WASM_TARGET};
use crate::workspace::Workspace;

/// One step of the test run.
struct Suite {
    name: &'static str,
    run: fn(&Workspace) -> Result<()>,
}

const SUITES: [Suite; 9] = [
    Suite {
        name: "formatting (rustfmt)",
        run: check_formatting,
    },
    Suite {
        name: "clippy, native crates",
        run: clippy_native,
    },
    Suite {
        name: "clippy, extension for wasm32",
        run: clippy_wasm,
    },
    Suite {
        name: "unit tests, native crates",
        run: native_tests,
    },
    Suite {
        name: "browser component tests (wasm-bindgen-test in Chromium)",
        run: browser_tests,
    },
    Suite {
        name: "release build (dist)",
        run: dist::build,
    },
    Suite {
        name: "Firefox manifest and files (web-ext lint)",
        run: lint_firefox,
    },
    Suite {
        name: "end-to-end tests (Playwright, extension and simulator)",
        run: end_to_end_tests,
    },
    Suite {
        name: "Firefox end-to-end test (Puppeteer, Firefox ESR and simulator)",
        run: firefox_end_to_end_test,
    },
];

pub fn run(workspace: &Workspace) -> Result<()> {
    setup::run(workspace)?;

    let started = Instant::now();
    let mut timings: Vec<(&str, Duration)> = Vec::new();
    for (index, suite) in SUITES.iter().enumerate() {
        println!("==> test [{}/{}]: {}", index + 1, SUITES.len(), suite.name);
        let suite_started = Instant::now();
        if let Err(error) = (suite.run)(workspace) {
            print_timings(&timings);
            println!(
                "{} passed, 1 failed: {} ({} suites not run)",
                timings.len(),
                suite.name,
                SUITES.len() - index - 1
            );
            return Err(error.context(format!("test suite `{}` failed", suite.name)));
        }
        timings.push((suite.name, suite_started.elapsed()));
    }

    print_timings(&timings);
    println!(
        "{} passed, 0 failed in {}",
        timings.len(),
        format_duration(started.elapsed())
    );
    Ok(())
}

fn print_timings(timings: &[(&str, Duration)]) {
    for (name, elapsed) in timings {
        println!("  passed  {:>7}  {name}", format_duration(*elapsed));
    }
}

fn format_duration(duration: Duration) -> String {
    let seconds = duration.as_secs();
    format!("{}m{:02}s", seconds / 60, seconds % 60)
}

fn check_formatting(workspace: &Workspace) -> Result<()> {
    workspace
        .cmd("cargo")
        .args(["fmt", "--all", "--check"])
        .run()?;
    Ok(())
}

/// Lints the native crates. The extension is linted for wasm32 only, the
/// one target it is built for.
fn clippy_native(workspace: &Workspace) -> Result<()> {
    workspace
        .cmd("cargo")
        .args([
            "clippy",
            "--workspace",
            "--exclude",
            "fmc-ext",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .run()?;
    Ok(())
}

fn clippy_wasm(workspace: &Workspace) -> Result<()> {
    workspace
        .cmd("cargo")
        .args([
            "clippy",
            "-p",
            "fmc-ext",
            "--target",
            WASM_TARGET,
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .run()?;
    Ok(())
}

fn native_tests(workspace: &Workspace) -> Result<()> {
    workspace
        .cmd("cargo")
        .args(["test", "-p", "fmc-core", "-p", "fmc-sim", "-p", "xtask"])
        .run()?;
    Ok(())
}

/// Runs the extension's wasm-bindgen tests in headless Chromium. Cargo's
/// runner for wasm32 is `wasm-bindgen-test-runner` (.cargo/config.toml),
/// which reads the browser flags from `webdriver.json` in the repository root.
fn browser_tests(workspace: &Workspace) -> Result<()> {
    workspace
        .cmd("cargo")
        .args(["test", "-p", "fmc-ext", "--target", WASM_TARGET])
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .run()?;
    Ok(())
}

/// Runs Mozilla's add-on linter on the Firefox release folder. It exits
/// non-zero on errors only, so warnings are printed but do not fail the run.
fn lint_firefox(workspace: &Workspace) -> Result<()> {
    workspace
        .cmd("web-ext")
        .args(["lint", "--no-input", "--source-dir"])
        .arg(workspace.path(firefox::RELEASE_DIR))
        .run()?;
    Ok(())
}

fn end_to_end_tests(workspace: &Workspace) -> Result<()> {
    sim::build(workspace)?;
    workspace
        .cmd("node")
        .args(["--test", "--test-reporter=spec", "tests/e2e/"])
        .env("FMC_SIM_BIN", workspace.sim_binary())
        .env("EXTENSION_DIR", workspace.path(DEV_DIR))
        .run()?;
    Ok(())
}

/// Loads the Firefox development build into headless Firefox ESR over
/// WebDriver BiDi and signs in to a simulator, so the Firefox manifest and
/// background script are checked in a real load.
fn firefox_end_to_end_test(workspace: &Workspace) -> Result<()> {
    sim::build(workspace)?;
    workspace
        .cmd("node")
        .args(["--test", "--test-reporter=spec", "tests/firefox/"])
        .env("FMC_SIM_BIN", workspace.sim_binary())
        .env("FIREFOX_EXTENSION_DIR", workspace.path(firefox::DEV_DIR))
        .env("FIREFOX", FIREFOX)
        .env("CERTUTIL", CERTUTIL)
        .run()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_formatted_as_minutes() {
        assert_eq!(format_duration(Duration::from_secs(5)), "0m05s");
        assert_eq!(format_duration(Duration::from_secs(754)), "12m34s");
    }
}
