//! `cargo xtask fuzz [SECONDS]`: runs every libFuzzer target in `fuzz/`
//! for the given time with cargo-fuzz, and lists the targets that failed.
//!
//! cargo-fuzz needs nightly compiler flags (`-Z sanitizer`). The stable
//! toolchain accepts them when `RUSTC_BOOTSTRAP=1` is set, so no nightly
//! toolchain is needed. Fuzzing is not part of `cargo xtask test`: fixed
//! crashes are replayed there as unit tests in `fmc-core`.

use std::ffi::OsString;

use anyhow::{bail, Result};

use crate::process::CommandError;
use crate::workspace::Workspace;

/// The cargo-fuzz release that the targets were written and run with.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// The libFuzzer dictionary shared by every target.
const DICTIONARY: &str = "fuzz/dict/fmc.dict";

/// Seconds per target when none are given.
pub const DEFAULT_SECONDS: u64 = 60;

pub fn run(workspace: &Workspace, seconds: u64) -> Result<()> {
    if seconds == 0 {
        bail!("the fuzzing time is 0 seconds. Give the seconds per target, for example `cargo xtask fuzz 60`.");
    }
    ensure_cargo_fuzz(workspace)?;

    let listing = fuzz_cmd(workspace).arg("list").read_stdout()?;
    let targets: Vec<&str> = listing.split_whitespace().collect();
    if targets.is_empty() {
        bail!("`cargo fuzz list` found no targets in fuzz/. Check fuzz/Cargo.toml.");
    }
    println!(
        "==> fuzz: {} targets, {seconds} s each (about {} min in all, plus the build)",
        targets.len(),
        (targets.len() as u64 * seconds).div_ceil(60)
    );

    let mut dictionary = OsString::from("-dict=");
    dictionary.push(workspace.path(DICTIONARY));
    let mut failed = Vec::new();
    for target in &targets {
        println!("==> fuzz: {target}");
        let status = fuzz_cmd(workspace)
            .args(["run", target, "--"])
            .arg(format!("-max_total_time={seconds}"))
            .arg("-print_final_stats=1")
            .arg(&dictionary)
            .status()?;
        if !status.success() {
            failed.push(*target);
        }
    }

    if !failed.is_empty() {
        bail!(
            "fuzz targets failed: {}. The input that failed is in fuzz/artifacts/TARGET/; replay it with `RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET FILE`, then add it as a unit test in fmc-core with the fix.",
            failed.join(", ")
        );
    }
    println!("==> fuzz: {} targets passed", targets.len());
    Ok(())
}

fn fuzz_cmd(workspace: &Workspace) -> crate::process::Cmd {
    workspace
        .cmd("cargo")
        .arg("fuzz")
        .env("RUSTC_BOOTSTRAP", "1")
}

fn ensure_cargo_fuzz(workspace: &Workspace) -> Result<()> {
    match workspace
        .cmd("cargo")
        .args(["fuzz", "--version"])
        .read_stdout()
    {
        Ok(output) if output.split_whitespace().nth(1) == Some(CARGO_FUZZ_VERSION) => {
            println!("ok: cargo-fuzz {CARGO_FUZZ_VERSION} is installed");
            return Ok(());
        }
        Ok(_) | Err(CommandError::Failed { .. }) => {}
        Err(error) => return Err(error.into()),
    }
    workspace
        .cmd("cargo")
        .args([
            "install",
            "cargo-fuzz",
            "--version",
            CARGO_FUZZ_VERSION,
            "--locked",
        ])
        .run()?;
    Ok(())
}
